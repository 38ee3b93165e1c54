package sqlite

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"storyline/internal/news"
)

// Size bounds. They are far above any real news article; they exist so that
// a runaway input fails clearly instead of filling the disk.
const (
	MaxTextBytes        = 8 << 20  // an article's text
	MaxFieldBytes       = 64 << 10 // URL, title, byline and the other short fields
	MaxRemovedBytes     = 8 << 20  // the removed page furniture, as JSON
	MaxAnnotationsBytes = 64 << 20 // the annotations, as JSON
)

// timeLayout is fixed width and always UTC, so comparing the stored strings
// compares the times; years outside 0000–9999 would break that and are
// refused.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) (string, error) {
	u := t.UTC()
	if u.Year() < 0 || u.Year() > 9999 {
		return "", fmt.Errorf("time %s: %w: year outside 0–9999", t, news.ErrInvalid)
	}
	return u.Format(timeLayout), nil
}

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// row is an article ready for the articles table.
type row struct {
	a         news.Article
	published any // string or nil
	addedAt   string
	removed   any // JSON string or nil
	notes     []byte
}

// prepare checks an article and its annotations and encodes them. It fills
// the hash and ID when the caller left them empty, the same way ingest
// derives them, so a store can be fed hand-made articles too.
func prepare(d *news.Doc, now time.Time) (*row, error) {
	if d == nil || d.Article == nil {
		return nil, fmt.Errorf("add article: %w: no article", news.ErrInvalid)
	}
	a := *d.Article
	// Errors name the article the way its user would know it.
	name := a.Source
	for _, alt := range []string{a.URL, a.ID, a.Title, strings.ToValidUTF8(truncate(a.Text, 40), "?")} {
		if name == "" {
			name = alt
		}
	}
	fail := func(format string, args ...any) error {
		return fmt.Errorf("add article %q: "+format, append([]any{name}, args...)...)
	}
	if strings.TrimSpace(a.Text) == "" {
		return nil, fail("%w: empty text", news.ErrInvalid)
	}
	if len(a.Text) > MaxTextBytes {
		return nil, fail("%w: text of %d bytes exceeds %d", news.ErrTooLarge, len(a.Text), MaxTextBytes)
	}
	fields := []struct{ name, v string }{
		{"id", a.ID}, {"source", a.Source}, {"url", a.URL}, {"site", a.Site}, {"outlet", a.Outlet},
		{"byline", a.Byline}, {"title", a.Title}, {"language", a.Language}, {"format", a.Format}, {"hash", a.Hash},
	}
	for _, f := range fields {
		if len(f.v) > MaxFieldBytes {
			return nil, fail("%w: %s of %d bytes exceeds %d", news.ErrTooLarge, f.name, len(f.v), MaxFieldBytes)
		}
	}
	fields = append(fields, struct{ name, v string }{"text", a.Text})
	for _, r := range a.Removed {
		fields = append(fields, struct{ name, v string }{"removed text", r.Text}, struct{ name, v string }{"removed reason", r.Reason})
	}
	for _, f := range fields {
		if err := checkString(f.v); err != nil {
			return nil, fail("%w: %s %v", news.ErrInvalid, f.name, err)
		}
	}
	if err := d.Validate(); err != nil {
		return nil, fail("%w", err)
	}
	if a.Hash == "" {
		a.Hash = news.ContentHash(a.Text)
	}
	if a.ID == "" {
		a.ID = news.ArticleID(a.URL, a.Hash)
	}
	rw := &row{a: a}
	if !a.Published.IsZero() {
		s, err := formatTime(a.Published)
		if err != nil {
			return nil, fail("published: %w", err)
		}
		rw.published = s
	}
	added := a.AddedAt
	if added.IsZero() {
		added = now
	}
	var err error
	if rw.addedAt, err = formatTime(added); err != nil {
		return nil, fail("added_at: %w", err)
	}
	if len(a.Removed) > 0 {
		b, err := json.Marshal(a.Removed)
		if err != nil {
			return nil, fail("%w: removed: %v", news.ErrInvalid, err)
		}
		if len(b) > MaxRemovedBytes {
			return nil, fail("%w: removed furniture of %d bytes exceeds %d", news.ErrTooLarge, len(b), MaxRemovedBytes)
		}
		rw.removed = string(b)
	}
	if rw.notes, err = encodeAnnotations(d.Annotations()); err != nil {
		return nil, fail("%w", err)
	}
	return rw, nil
}

// checkString refuses what a text column cannot keep faithfully: invalid
// UTF-8 (JSON would rewrite it, other backends refuse it) and NUL bytes
// (PostgreSQL refuses them, C string functions stop at them).
func checkString(s string) error {
	if !utf8.ValidString(s) {
		i := 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return fmt.Errorf("is not valid UTF-8 (byte %d)", i)
	}
	if i := strings.IndexByte(s, 0); i >= 0 {
		return fmt.Errorf("holds a NUL byte (byte %d)", i)
	}
	return nil
}

// encodeAnnotations turns annotations into JSON, refusing strings that JSON
// would silently rewrite and numbers it cannot hold (NaN, ±Inf).
func encodeAnnotations(a news.Annotations) ([]byte, error) {
	for _, m := range a.Entities {
		for _, s := range []string{m.Name, m.Title, string(m.Kind)} {
			if err := checkString(s); err != nil {
				return nil, fmt.Errorf("%w: entity %v", news.ErrInvalid, err)
			}
		}
	}
	for _, q := range a.Quotes {
		for _, s := range []string{q.Cue, q.SpeakerText, q.Speaker} {
			if err := checkString(s); err != nil {
				return nil, fmt.Errorf("%w: quote %v", news.ErrInvalid, err)
			}
		}
	}
	for _, f := range a.Figures {
		for _, s := range []string{f.Unit, f.Measure} {
			if err := checkString(s); err != nil {
				return nil, fmt.Errorf("%w: figure %v", news.ErrInvalid, err)
			}
		}
	}
	for _, t := range a.Dates {
		for _, s := range []string{t.Value, string(t.Type), string(t.Precision)} {
			if err := checkString(s); err != nil {
				return nil, fmt.Errorf("%w: date %v", news.ErrInvalid, err)
			}
		}
	}
	b, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("%w: annotations: %v", news.ErrInvalid, err)
	}
	if len(b) > MaxAnnotationsBytes {
		return nil, fmt.Errorf("%w: annotations of %d bytes exceed %d", news.ErrTooLarge, len(b), MaxAnnotationsBytes)
	}
	return b, nil
}

func decodeAnnotations(b []byte) (*news.Annotations, error) {
	var a news.Annotations
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("stored annotations: %w", err)
	}
	return &a, nil
}
