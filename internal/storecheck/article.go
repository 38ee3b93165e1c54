package storecheck

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"storyline/internal/news"
)

// Prepared is an article checked and encoded for storing. Each store turns
// it into its own row.
type Prepared struct {
	Article     news.Article // with Hash and ID filled
	Published   time.Time    // in UTC; zero when unknown
	AddedAt     time.Time    // in UTC
	Removed     []byte       // the removed furniture as JSON; nil when none
	Annotations []byte       // as JSON
}

// Prepare checks an article and its annotations and encodes them. It fills
// the hash and ID when the caller left them empty, the same way ingest
// derives them, so a store can be fed hand-made articles too, and AddedAt
// with now when it is zero.
//
// maxKey, when above 0, bounds the fields a store indexes as they are (ID,
// hash, site, outlet) more tightly than MaxFieldBytes, for a store whose
// index entries are small (PostgreSQL's btree).
func Prepare(d *news.Doc, now time.Time, maxKey int) (*Prepared, error) {
	if d == nil || d.Article == nil {
		return nil, fmt.Errorf("add article: %w: no article", news.ErrInvalid)
	}
	a := *d.Article
	// Errors name the article the way its user would know it.
	name := a.Source
	for _, alt := range []string{a.URL, a.ID, a.Title, strings.ToValidUTF8(Truncate(a.Text, 40), "?")} {
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
	type field struct{ name, v string }
	fields := []field{
		{"id", a.ID}, {"source", a.Source}, {"url", a.URL}, {"site", a.Site}, {"outlet", a.Outlet},
		{"byline", a.Byline}, {"title", a.Title}, {"language", a.Language}, {"format", a.Format}, {"hash", a.Hash},
	}
	for _, f := range fields {
		if len(f.v) > MaxFieldBytes {
			return nil, fail("%w: %s of %d bytes exceeds %d", news.ErrTooLarge, f.name, len(f.v), MaxFieldBytes)
		}
	}
	if maxKey > 0 {
		for _, f := range []field{{"id", a.ID}, {"hash", a.Hash}, {"site", a.Site}, {"outlet", a.Outlet}} {
			if len(f.v) > maxKey {
				return nil, fail("%w: %s of %d bytes exceeds %d", news.ErrTooLarge, f.name, len(f.v), maxKey)
			}
		}
	}
	fields = append(fields, field{"text", a.Text})
	for _, r := range a.Removed {
		fields = append(fields, field{"removed text", r.Text}, field{"removed reason", r.Reason})
	}
	for _, f := range fields {
		if err := String(f.v); err != nil {
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
	p := &Prepared{Article: a}
	if !a.Published.IsZero() {
		if err := Year(a.Published); err != nil {
			return nil, fail("published: %w", err)
		}
		p.Published = a.Published.UTC()
	}
	added := a.AddedAt
	if added.IsZero() {
		added = now
	}
	if err := Year(added); err != nil {
		return nil, fail("added_at: %w", err)
	}
	p.AddedAt = added.UTC()
	if len(a.Removed) > 0 {
		b, err := json.Marshal(a.Removed)
		if err != nil {
			return nil, fail("%w: removed: %v", news.ErrInvalid, err)
		}
		if len(b) > MaxRemovedBytes {
			return nil, fail("%w: removed furniture of %d bytes exceeds %d", news.ErrTooLarge, len(b), MaxRemovedBytes)
		}
		p.Removed = b
	}
	var err error
	if p.Annotations, err = EncodeAnnotations(d.Annotations()); err != nil {
		return nil, fail("%w", err)
	}
	return p, nil
}

// EncodeAnnotations turns annotations into JSON, refusing strings that JSON
// would silently rewrite and numbers it cannot hold (NaN, ±Inf).
func EncodeAnnotations(a news.Annotations) ([]byte, error) {
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
		if err := String(x.s); err != nil {
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

// DecodeAnnotations reads annotations EncodeAnnotations wrote.
func DecodeAnnotations(b []byte) (*news.Annotations, error) {
	var a news.Annotations
	if err := json.Unmarshal(b, &a); err != nil {
		return nil, fmt.Errorf("stored annotations: %w", err)
	}
	return &a, nil
}
