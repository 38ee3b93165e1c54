package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"storyline/internal/news"
)

// feed emits one article per item of an RSS, Atom or JSON feed. A feed
// that does not parse is one error item; an item without text is an error
// item of its own and the other items go on.
func (r *reader) feed(name string, raw []byte, m meta) error {
	if err := checkBinary(raw); err != nil {
		return r.fail(name, err)
	}
	// The JSON decoder would turn invalid UTF-8 into U+FFFD without a
	// word; XML feeds declare their encoding and the decoder checks it.
	if j := bytes.TrimLeft(bytes.TrimPrefix(raw, utf8BOM), " \t\r\n"); len(j) > 0 && j[0] == '{' {
		if i := invalidUTF8(raw); i >= 0 {
			return r.fail(name, fmt.Errorf("malformed feed: invalid UTF-8 at byte %d: %w", i, news.ErrInvalid))
		}
	}
	f, err := parseFeed(raw)
	if err != nil {
		return r.fail(name, err)
	}
	if len(f.Items) == 0 {
		return r.skip(name, "feed with no items")
	}
	source := name
	if m.source != "" {
		source = m.source
	}
	for i, it := range f.Items {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		in := fmt.Sprintf("%s#%d", name, i+1)
		a, err := feedArticle(f, it, r.max)
		if err != nil {
			if err := r.fail(in, err); err != nil {
				return err
			}
			continue
		}
		// Metadata stated for the feed file speaks for the whole feed,
		// never for one item's link or title.
		if m.Outlet != nil {
			a.Outlet = *m.Outlet
		}
		if m.Site != nil {
			a.Site = *m.Site
		}
		if m.Language != nil {
			a.Language = *m.Language
		}
		finish(a, fmt.Sprintf("%s#%d", source, i+1))
		if err := r.article(in, a, true); err != nil {
			return err
		}
	}
	return nil
}

// parseFeed runs gofeed, turning its failures and any panic inside it into
// an error: a feed from outside must never bring the batch down.
func parseFeed(raw []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("malformed feed: parser failed: %v: %w", p, news.ErrInvalid)
		}
	}()
	f, err = gofeed.NewParser().Parse(bytes.NewReader(raw))
	if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
		return nil, fmt.Errorf("malformed feed: not an RSS, Atom or JSON feed: %w", news.ErrInvalid)
	}
	if err != nil {
		return nil, fmt.Errorf("malformed feed: %v: %w", err, news.ErrInvalid)
	}
	if f == nil {
		return nil, fmt.Errorf("malformed feed: nothing parsed: %w", news.ErrInvalid)
	}
	return f, nil
}

// feedArticle builds the article for one item: the full content when the
// item has it, else its description.
func feedArticle(f *gofeed.Feed, it *gofeed.Item, max int64) (*news.Article, error) {
	if it == nil {
		return nil, fmt.Errorf("empty item: %w", news.ErrInvalid)
	}
	// Full content first; a content that is all markup (an image, an
	// embed) gives way to the description.
	var text string
	for _, body := range []string{it.Content, it.Description} {
		if int64(len(body)) > max {
			return nil, fmt.Errorf("item text of %d bytes, more than the limit of %d: %w", len(body), max, news.ErrTooLarge)
		}
		if i := invalidUTF8([]byte(body)); i >= 0 {
			return nil, fmt.Errorf("invalid UTF-8 at byte %d of the item text: %w", i, news.ErrInvalid)
		}
		if text = markupText(body); text != "" {
			break
		}
	}
	if text == "" {
		return nil, fmt.Errorf("item has no text (no content or description): %w", news.ErrInvalid)
	}
	a := &news.Article{
		Text:     text,
		Title:    oneLine(markupText(it.Title)),
		URL:      itemURL(f, it),
		Byline:   byline(it),
		Outlet:   oneLine(markupText(f.Title)),
		Language: strings.TrimSpace(f.Language),
		Format:   "feed",
	}
	if t := firstTime(it.PublishedParsed, it.UpdatedParsed); t != nil {
		a.Published = *t
	}
	if a.URL == "" {
		a.Site = hostOf(f.Link)
	}
	return a, nil
}

// hasTag finds markup: a tag opening, closing, or a comment.
var hasTag = regexp.MustCompile(`<[A-Za-z/!]`)

// markupText reads feed text, which is HTML by the formats' rules: tagged
// text goes through the fragment converter, bare text only has its
// entities decoded so that its line breaks survive.
func markupText(s string) string {
	if hasTag.MatchString(s) {
		return fragmentText(s)
	}
	return normalize(html.UnescapeString(s))
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// itemURL returns the item's link, made absolute against the feed's,
// or a GUID that is itself a web address.
func itemURL(f *gofeed.Feed, it *gofeed.Item) string {
	link := strings.TrimSpace(it.Link)
	if link == "" {
		if g := strings.TrimSpace(it.GUID); strings.HasPrefix(g, "https://") || strings.HasPrefix(g, "http://") {
			link = g
		}
	}
	if link == "" {
		return ""
	}
	u, err := url.Parse(link)
	if err != nil {
		return link
	}
	if !u.IsAbs() {
		if base, err := url.Parse(strings.TrimSpace(f.Link)); err == nil && base.IsAbs() {
			return base.ResolveReference(u).String()
		}
	}
	return u.String()
}

// byline joins the item's author names.
func byline(it *gofeed.Item) string {
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, oneLine(p.Name))
		}
	}
	if len(names) == 0 && it.Author != nil {
		if n := oneLine(it.Author.Name); n != "" {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

func firstTime(ts ...*time.Time) *time.Time {
	for _, t := range ts {
		if t != nil && !t.IsZero() {
			return t
		}
	}
	return nil
}
