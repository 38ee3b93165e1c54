package storecheck

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
)

func TestString(t *testing.T) {
	for _, c := range []struct {
		s    string
		want string // "" = accepted
	}{
		{"", ""},
		{"Ünïcödé — fine", ""},
		{"ab\xffcd", "byte 2"},
		{"caf\xc3", "byte 3"},
		{"a\x00b", "NUL byte (byte 1)"},
	} {
		t.Run(c.s, func(t *testing.T) {
			err := String(c.s)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("String(%q) = %v, want nil", c.s, err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("String(%q) = %v, want one saying %q", c.s, err, c.want)
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"abcdef", 3, "abc"},
		{"aé", 2, "a"}, // é is two bytes: not split
		{"ééé", 0, ""},
	} {
		if got := Truncate(c.s, c.n); got != c.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

func TestYear(t *testing.T) {
	for _, c := range []struct {
		t  time.Time
		ok bool
	}{
		{time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), true},
		{time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{time.Date(-1, 12, 31, 0, 0, 0, 0, time.UTC), false},
		// 23:00 on the last day of 9999 two hours west of UTC is year 10000 in UTC.
		{time.Date(9999, 12, 31, 23, 0, 0, 0, time.FixedZone("", -2*3600)), false},
	} {
		if err := Year(c.t); (err == nil) != c.ok || err != nil && !errors.Is(err, news.ErrInvalid) {
			t.Errorf("Year(%v) = %v, want ok %v", c.t, err, c.ok)
		}
	}
}

func TestPrepareFills(t *testing.T) {
	now := time.Date(2025, 3, 4, 5, 6, 7, 8, time.FixedZone("", 3600))
	pub := time.Date(2025, 3, 1, 12, 0, 0, 0, time.FixedZone("", -5*3600))
	text := "The lighthouse keeper retired after forty years."
	d := &news.Doc{
		Article:   &news.Article{URL: "https://example.org/light", Text: text, Published: pub, Removed: []news.Removal{{Text: "Share", Reason: "menu"}}},
		Sentences: []news.Span{{Start: 0, End: len(text)}},
	}
	p, err := Prepare(d, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if p.Article.Hash != news.ContentHash(text) || p.Article.ID != news.ArticleID(d.Article.URL, p.Article.Hash) {
		t.Errorf("hash %q, ID %q: not derived as ingest derives them", p.Article.Hash, p.Article.ID)
	}
	if d.Article.Hash != "" || d.Article.ID != "" {
		t.Error("Prepare changed the caller's article")
	}
	if !p.Published.Equal(pub) || p.Published.Location() != time.UTC || !p.AddedAt.Equal(now) || p.AddedAt.Location() != time.UTC {
		t.Errorf("published %v, added %v; want %v and %v in UTC", p.Published, p.AddedAt, pub, now)
	}
	if string(p.Removed) != `[{"text":"Share","reason":"menu"}]` {
		t.Errorf("removed = %s", p.Removed)
	}
	a, err := DecodeAnnotations(p.Annotations)
	if err != nil || len(a.Sentences) != 1 || a.Sentences[0] != d.Sentences[0] {
		t.Errorf("annotations decode to %+v, %v", a, err)
	}

	undated, err := Prepare(&news.Doc{Article: &news.Article{Text: text, AddedAt: pub}}, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !undated.Published.IsZero() || !undated.AddedAt.Equal(pub) || undated.Removed != nil {
		t.Errorf("undated: published %v, added %v, removed %q; want zero, %v, nil", undated.Published, undated.AddedAt, undated.Removed, pub)
	}
}

func TestPrepareRefuses(t *testing.T) {
	text := "The night market reopened under new lights."
	nan := math.NaN()
	doc := func(a news.Article) *news.Doc {
		if a.Text == "" {
			a.Text = text
		}
		return &news.Doc{Article: &a}
	}
	for _, c := range []struct {
		name   string
		doc    *news.Doc
		maxKey int
		want   error
	}{
		{"nil doc", nil, 0, news.ErrInvalid},
		{"no article", &news.Doc{}, 0, news.ErrInvalid},
		{"blank text", doc(news.Article{Text: " \n"}), 0, news.ErrInvalid},
		{"huge text", doc(news.Article{Text: strings.Repeat("word ", MaxTextBytes/5+1)}), 0, news.ErrTooLarge},
		{"huge title", doc(news.Article{Title: strings.Repeat("t", MaxFieldBytes+1)}), 0, news.ErrTooLarge},
		{"long outlet, key bound", doc(news.Article{Outlet: strings.Repeat("o", 33)}), 32, news.ErrTooLarge},
		{"long ID, key bound", doc(news.Article{ID: strings.Repeat("i", 33)}), 32, news.ErrTooLarge},
		{"NUL in byline", doc(news.Article{Byline: "a\x00"}), 0, news.ErrInvalid},
		{"invalid UTF-8 removal", doc(news.Article{Removed: []news.Removal{{Text: "ok", Reason: "\xff"}}}), 0, news.ErrInvalid},
		{"year 10000", doc(news.Article{Published: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}), 0, news.ErrInvalid},
		{"negative year added", doc(news.Article{AddedAt: time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC)}), 0, news.ErrInvalid},
		{"span past the text", &news.Doc{Article: &news.Article{Text: text}, Sentences: []news.Span{{Start: 0, End: len(text) + 1}}}, 0, news.ErrInvalid},
		{"NaN figure", &news.Doc{Article: &news.Article{Text: text}, Figures: []news.Figure{{Span: news.Span{Start: 0, End: 3}, Value: &nan}}}, 0, news.ErrInvalid},
		{"invalid UTF-8 speaker", &news.Doc{Article: &news.Article{Text: text}, Quotes: []news.Quote{{Span: news.Span{Start: 0, End: 3}, Speaker: "\xff"}}}, 0, news.ErrInvalid},
		{"NUL in entity name", &news.Doc{Article: &news.Article{Text: text}, Entities: []news.Mention{{Span: news.Span{Start: 0, End: 3}, Name: "a\x00b"}}}, 0, news.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, err := Prepare(c.doc, time.Now(), c.maxKey)
			if !errors.Is(err, c.want) {
				t.Errorf("Prepare = %+v, %v; want an error wrapping %v", p, err, c.want)
			}
		})
	}
	// Without the key bound the same long fields are fine.
	if _, err := Prepare(doc(news.Article{Outlet: strings.Repeat("o", 33)}), time.Now(), 0); err != nil {
		t.Errorf("long outlet without a key bound: %v", err)
	}
}

// The error names the article as its user knows it.
func TestPrepareNamesArticle(t *testing.T) {
	for _, c := range []struct {
		a    news.Article
		want string
	}{
		{news.Article{Source: "in/a.txt", URL: "https://x.example/a", Text: "\xff"}, `"in/a.txt"`},
		{news.Article{URL: "https://x.example/a", Text: "\xff"}, `"https://x.example/a"`},
		{news.Article{Title: "Harbour news", Text: "\xff"}, `"Harbour news"`},
		{news.Article{Text: "Quay \xff works"}, `"Quay ? works"`},
	} {
		_, err := Prepare(&news.Doc{Article: &c.a}, time.Now(), 0)
		if err == nil || !strings.Contains(err.Error(), "add article "+c.want) {
			t.Errorf("Prepare(%+v) = %v, want it to name %s", c.a, err, c.want)
		}
	}
}

func TestCacheKey(t *testing.T) {
	for _, c := range []struct {
		key, version string
		ok           bool
	}{
		{news.ContentHash("x"), "p@1", true},
		{"", "p@1", false},
		{"k", "", false},
		{"k\x00", "p@1", false},
		{"k", "p\xff", false},
		{strings.Repeat("k", MaxFieldBytes+1), "p@1", false},
	} {
		err := CacheKey(c.key, c.version)
		if (err == nil) != c.ok || err != nil && !errors.Is(err, news.ErrInvalid) {
			t.Errorf("CacheKey(%.20q, %q) = %v, want ok %v", c.key, c.version, err, c.ok)
		}
	}
}
