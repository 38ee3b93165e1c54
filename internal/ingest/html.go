package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	trafilatura "github.com/markusmobius/go-trafilatura"

	"storyline/internal/news"
)

// ExtractHTML takes an article's main text and metadata out of an HTML page.
// pageURL may be empty. The returned article has Text, Title, Byline, Site,
// Outlet, URL and Published set as far as the page tells them; ID and Hash
// are left to the caller. A page with no article text is an error wrapping
// news.ErrInvalid.
func ExtractHTML(raw []byte, pageURL string) (*news.Article, error) {
	opts := trafilatura.Options{ExcludeComments: true, EnableFallback: true}
	if pageURL != "" {
		if u, err := url.Parse(pageURL); err == nil {
			opts.OriginalURL = u
		}
	}
	res, err := trafilatura.Extract(bytes.NewReader(raw), opts)
	if err != nil {
		return nil, fmt.Errorf("extract html: %v: %w", err, news.ErrInvalid)
	}
	text := strings.TrimSpace(res.ContentText)
	if text == "" {
		return nil, fmt.Errorf("no article text found in the page: %w", news.ErrInvalid)
	}
	m := res.Metadata
	a := &news.Article{
		Text:      text,
		Title:     strings.TrimSpace(m.Title),
		Byline:    strings.TrimSpace(m.Author),
		Site:      m.Hostname,
		Outlet:    strings.TrimSpace(m.Sitename),
		URL:       m.URL,
		Language:  m.Language,
		Published: m.Date,
		Format:    "html",
	}
	if a.URL == "" {
		a.URL = pageURL
	}
	return a, nil
}
