package ingest

import (
	"fmt"
	"strings"

	"storyline/internal/news"
)

// htmlArticle extracts a page's article through ExtractHTML, guarding the
// batch against a panic in the extraction libraries.
func htmlArticle(raw []byte, m meta) (a *news.Article, err error) {
	if err := checkBinary(raw); err != nil {
		return nil, err
	}
	pageURL := ""
	if m.URL != nil {
		pageURL = *m.URL
	}
	defer func() {
		if p := recover(); p != nil {
			a, err = nil, fmt.Errorf("html extraction failed: %v: %w", p, news.ErrInvalid)
		}
	}()
	a, err = ExtractHTML(raw, pageURL)
	if err != nil {
		return nil, err
	}
	a.Text = normalize(a.Text)
	// The extractor's fallbacks can return the page title alone as the
	// text of a page with an empty body; a title is not an article.
	if a.Text == "" || a.Text == strings.TrimSpace(a.Title) {
		return nil, fmt.Errorf("no article text found in the page: %w", news.ErrInvalid)
	}
	a.Format = "html"
	return a, nil
}
