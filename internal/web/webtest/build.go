package webtest

import (
	"fmt"
	"strings"
	"time"

	"storyline/internal/news"
)

// doc builds a fixture article: annotations are given by the words they
// cover, and the builder finds their offsets, so a fixture reads as text.
type doc struct {
	d *news.Doc
}

func newDoc(url, outlet, byline, title, published, text string) *doc {
	hash := news.ContentHash(text)
	a := &news.Article{ID: news.ArticleID(url, hash), Source: url, URL: url, Outlet: outlet, Byline: byline, Title: title,
		Text: text, Hash: hash, Format: "html", Language: "en", AddedAt: time.Date(2031, 6, 1, 0, 0, 0, 0, time.UTC)}
	if url == "" {
		a.Source = "fixtures/" + strings.ToLower(strings.ReplaceAll(outlet, " ", "-")) + ".txt"
		a.Format = "text"
	}
	if published != "" {
		t, err := time.Parse(time.RFC3339, published)
		if err != nil {
			t, err = time.Parse("2006-01-02", published)
		}
		if err != nil {
			panic("fixture date " + published)
		}
		a.Published = t
	}
	if i := strings.Index(url, "://"); i > 0 {
		host := url[i+3:]
		if j := strings.IndexByte(host, '/'); j >= 0 {
			host = host[:j]
		}
		a.Site = host
	}
	return &doc{d: &news.Doc{Article: a, Sentences: Sentences(text)}}
}

func (b *doc) id() string { return b.d.Article.ID }

// at finds the n-th (from 1) occurrence of words in the text.
func (b *doc) at(words string, n int) news.Span {
	text, from := b.d.Article.Text, 0
	for k := 1; ; k++ {
		i := strings.Index(text[from:], words)
		if i < 0 {
			panic(fmt.Sprintf("fixture: %q (occurrence %d) not in %s", words, n, b.d.Article.Source))
		}
		if k == n {
			return news.Span{Start: from + i, End: from + i + len(words)}
		}
		from += i + len(words)
	}
}

func (b *doc) ent(words, name string, kind news.EntityKind, n int) *doc {
	b.d.Entities = append(b.d.Entities, news.Mention{Span: b.at(words, n), Kind: kind, Name: name})
	return b
}

func (b *doc) titled(words, name, title string, kind news.EntityKind) *doc {
	b.d.Entities = append(b.d.Entities, news.Mention{Span: b.at(words, 1), Kind: kind, Name: name, Title: title})
	return b
}

func f(v float64) *float64 { return &v }

// fig adds a figure and returns its ID.
func (b *doc) fig(words string, value, lo, hi *float64, unit, measure string) string {
	b.d.Figures = append(b.d.Figures, news.Figure{Span: b.at(words, 1), Value: value, Min: lo, Max: hi, Unit: unit, Measure: measure})
	return news.FigureID(b.id(), len(b.d.Figures)-1)
}

// quote adds a quote and returns its ID.
func (b *doc) quote(words, speaker, cue string) string {
	q := news.Quote{Span: b.at(words, 1), Direct: true, Cue: cue, Speaker: speaker, SpeakerText: speaker}
	if cue != "" {
		s := b.at(cue, 1)
		q.CueSpan = &s
	}
	b.d.Quotes = append(b.d.Quotes, q)
	return news.QuoteID(b.id(), len(b.d.Quotes)-1)
}

func (b *doc) date(words, value string, p news.Precision) *doc {
	b.d.Dates = append(b.d.Dates, news.DateRef{Span: b.at(words, 1), Type: news.DateDate, Value: value, Precision: p, Resolved: true})
	return b
}

func (b *doc) mention(words string) news.DateMention {
	s := b.at(words, 1)
	return news.DateMention{Article: b.id(), Span: s, Text: words}
}

func (b *doc) sentenceWith(words string) news.Span {
	s := b.at(words, 1)
	for _, sent := range b.d.Sentences {
		if sent.Contains(s) {
			return sent
		}
	}
	return s
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}
