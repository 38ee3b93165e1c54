// Package news holds storyline's domain: articles, the documents that own
// their text, the annotations (each a Span into that text), the cross-article
// results (events, stories, identities, facts) and the Store every backend
// implements. It imports nothing of ours and only the standard library, so
// every other package can speak it.
package news

import (
	"fmt"
	"time"
)

// Span is a half-open byte range [Start, End) into a Doc's text. Annotations
// hold Spans rather than copies so that every fact points back to the exact
// bytes it came from.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// In returns the text of s within text, or "" when s does not fit it.
func (s Span) In(text string) string {
	if s.Start < 0 || s.End > len(text) || s.Start > s.End {
		return ""
	}
	return text[s.Start:s.End]
}

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Removal is one piece of page furniture taken out of an article's text,
// kept so that a reader can see everything the cleaner dropped and why.
type Removal struct {
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// Article is one report as read from its input, after cleaning. Text is the
// cleaned body; every annotation's Span indexes into it.
type Article struct {
	ID        string    `json:"id"`     // stable: derived from URL, else content hash
	Source    string    `json:"source"` // the URL when known, else the input path
	URL       string    `json:"url,omitempty"`
	Site      string    `json:"site,omitempty"`   // host name, e.g. example.com
	Outlet    string    `json:"outlet,omitempty"` // publisher's name, e.g. "AAP"
	Byline    string    `json:"byline,omitempty"`
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published"` // zero when unknown
	// DateInferred marks a publication time that no metadata stated (taken
	// from the text or a file time): it is shown as inferred, never as fact.
	DateInferred bool      `json:"date_inferred,omitempty"`
	Language     string    `json:"language,omitempty"`
	Format       string    `json:"format,omitempty"` // text, html, feed, jsonl
	Text         string    `json:"text"`
	Removed      []Removal `json:"removed,omitempty"`
	Hash         string    `json:"hash"` // ContentHash(Text)
	AddedAt      time.Time `json:"added_at"`
}

// Doc is the unit the per-article pipeline works on: the article, which owns
// the text, and the annotations the stages add. Stages write only the fields
// they declare they provide.
type Doc struct {
	Article   *Article
	Sentences []Span
	Entities  []Mention
	Quotes    []Quote
	Figures   []Figure
	Dates     []DateRef
}

// Text is the document's text, the string every Span indexes into.
func (d *Doc) Text() string { return d.Article.Text }

// Annotations are what the per-article stages found in one text. They depend
// only on the text and the metadata, so they are cached by content hash.
type Annotations struct {
	Sentences []Span    `json:"sentences,omitempty"`
	Entities  []Mention `json:"entities,omitempty"`
	Quotes    []Quote   `json:"quotes,omitempty"`
	Figures   []Figure  `json:"figures,omitempty"`
	Dates     []DateRef `json:"dates,omitempty"`
}

// Annotations returns a copy of the doc's annotations.
func (d *Doc) Annotations() Annotations {
	return Annotations{Sentences: d.Sentences, Entities: d.Entities, Quotes: d.Quotes, Figures: d.Figures, Dates: d.Dates}
}

// SetAnnotations replaces the doc's annotations with a.
func (d *Doc) SetAnnotations(a Annotations) {
	d.Sentences, d.Entities, d.Quotes, d.Figures, d.Dates = a.Sentences, a.Entities, a.Quotes, a.Figures, a.Dates
}

// Validate checks that every span of the doc lies within its text.
func (d *Doc) Validate() error {
	n := len(d.Article.Text)
	check := func(kind string, s Span) error {
		if s.Start < 0 || s.End > n || s.Start > s.End {
			return fmt.Errorf("%s span [%d,%d) outside text of %d bytes: %w", kind, s.Start, s.End, n, ErrInvalid)
		}
		return nil
	}
	for _, s := range d.Sentences {
		if err := check("sentence", s); err != nil {
			return err
		}
	}
	for _, m := range d.Entities {
		if err := check("entity", m.Span); err != nil {
			return err
		}
	}
	for _, q := range d.Quotes {
		if err := check("quote", q.Span); err != nil {
			return err
		}
	}
	for _, f := range d.Figures {
		if err := check("figure", f.Span); err != nil {
			return err
		}
	}
	for _, t := range d.Dates {
		if err := check("date", t.Span); err != nil {
			return err
		}
	}
	return nil
}
