package postgres

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"storyline/internal/news"
)

// Size bounds, the same as the SQLite store's, so an article one store
// takes the other takes too. They are far above any real news article; they
// exist so that a runaway input fails clearly instead of filling the disk.
const (
	MaxTextBytes        = 8 << 20  // an article's text
	MaxFieldBytes       = 64 << 10 // URL, title, byline and the other short fields
	MaxRemovedBytes     = 8 << 20  // the removed page furniture, as JSON
	MaxAnnotationsBytes = 64 << 20 // the annotations, as JSON
	// MaxKeyBytes bounds the fields PostgreSQL indexes as they are (ID,
	// hash, site, outlet): a btree entry holds at most about 2.7 kB, and an
	// over-long one would fail the insert with an error naming no field.
	// URLs, which can be long, are indexed through a digest instead.
	MaxKeyBytes = 1024
)

// checkYear keeps stored times within 0000–9999, as the SQLite store must,
// so both stores accept the same articles.
func checkYear(t time.Time) error {
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return fmt.Errorf("time %s: %w: year outside 0–9999", t, news.ErrInvalid)
	}
	return nil
}

// row is an article ready for the articles table.
type row struct {
	a         news.Article
	published *time.Time // nil when unknown
	addedAt   time.Time
	removed   *string // JSON, nil when nothing was removed
	notes     string  // annotations as JSON
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
	for _, f := range []struct{ name, v string }{{"id", a.ID}, {"hash", a.Hash}, {"site", a.Site}, {"outlet", a.Outlet}} {
		if len(f.v) > MaxKeyBytes {
			return nil, fail("%w: %s of %d bytes exceeds %d", news.ErrTooLarge, f.name, len(f.v), MaxKeyBytes)
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
		if err := checkYear(a.Published); err != nil {
			return nil, fail("published: %w", err)
		}
		p := a.Published.UTC()
		rw.published = &p
	}
	rw.addedAt = a.AddedAt.UTC()
	if a.AddedAt.IsZero() {
		rw.addedAt = now.UTC()
	}
	if err := checkYear(rw.addedAt); err != nil {
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
		s := string(b)
		rw.removed = &s
	}
	notes, err := encodeAnnotations(d.Annotations())
	if err != nil {
		return nil, fail("%w", err)
	}
	rw.notes = string(notes)
	return rw, nil
}

// checkString refuses what a text column cannot keep faithfully: invalid
// UTF-8 and NUL bytes, which PostgreSQL refuses with an error that would
// not say which field was at fault.
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
	var strs []struct{ what, s string }
	add := func(what string, ss ...string) {
		for _, s := range ss {
			strs = append(strs, struct{ what, s string }{what, s})
		}
	}
	for _, m := range a.Entities {
		add("entity", m.Name, m.Title, string(m.Kind))
	}
	for _, q := range a.Quotes {
		add("quote", q.Cue, q.SpeakerText, q.Speaker)
	}
	for _, f := range a.Figures {
		add("figure", f.Unit, f.Measure)
	}
	for _, t := range a.Dates {
		add("date", t.Value, string(t.Type), string(t.Precision))
	}
	for _, x := range strs {
		if err := checkString(x.s); err != nil {
			return nil, fmt.Errorf("%w: %s %v", news.ErrInvalid, x.what, err)
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

func decodeAnnotations(s string) (*news.Annotations, error) {
	var a news.Annotations
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		return nil, fmt.Errorf("stored annotations: %w", err)
	}
	return &a, nil
}

// truncate cuts s to at most n bytes without splitting a rune.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
