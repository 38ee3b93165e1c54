package storetest

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
)

// Far above any real article, so every store's bounds refuse them.
const (
	hugeText  = 16 << 20
	hugeField = 128 << 10
)

func testTooLarge(t *testing.T, s news.Store) {
	ctx := context.Background()
	text := "The night market reopened under new lights."
	for _, c := range []struct {
		name string
		doc  *news.Doc
	}{
		{"huge text", textDoc("huge.txt", strings.Repeat("word ", hugeText/5))},
		{"huge title", &news.Doc{Article: &news.Article{Title: strings.Repeat("t", hugeField), Text: text}}},
		{"huge byline", &news.Doc{Article: &news.Article{Byline: strings.Repeat("b", hugeField), Text: text}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if res, err := s.Add(ctx, c.doc); !errors.Is(err, news.ErrTooLarge) {
				t.Errorf("Add = %+v, %v; want an error wrapping news.ErrTooLarge", res, err)
			}
		})
	}
	if n, err := s.Count(ctx); err != nil || n != 0 {
		t.Errorf("Count after refused adds = %d, %v; want 0", n, err)
	}
}

// testUnstorable: values a store could not keep faithfully, or whose order
// it could not keep, are refused with news.ErrInvalid.
func testUnstorable(t *testing.T, s news.Store) {
	ctx := context.Background()
	text := "The night market reopened under new lights."
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []struct {
		name string
		doc  *news.Doc
	}{
		{"year 10000", &news.Doc{Article: &news.Article{Text: text, Published: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}},
		{"negative year", &news.Doc{Article: &news.Article{Text: text, Published: time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC)}}},
		{"added in year 10000", &news.Doc{Article: &news.Article{Text: text, AddedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}},
		{"NaN figure", &news.Doc{Article: &news.Article{Text: text}, Figures: []news.Figure{{Span: news.Span{Start: 0, End: 3}, Value: &nan}}}},
		{"infinite figure", &news.Doc{Article: &news.Article{Text: text}, Figures: []news.Figure{{Span: news.Span{Start: 0, End: 3}, Min: &inf}}}},
		{"invalid UTF-8 speaker", &news.Doc{Article: &news.Article{Text: text}, Quotes: []news.Quote{{Span: news.Span{Start: 0, End: 3}, Speaker: "\xff"}}}},
		{"NUL in entity name", &news.Doc{Article: &news.Article{Text: text}, Entities: []news.Mention{{Span: news.Span{Start: 0, End: 3}, Name: "a\x00b"}}}},
		{"invalid UTF-8 date value", &news.Doc{Article: &news.Article{Text: text}, Dates: []news.DateRef{{Span: news.Span{Start: 0, End: 3}, Value: "20\xc325"}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if res, err := s.Add(ctx, c.doc); !errors.Is(err, news.ErrInvalid) {
				t.Errorf("Add = %+v, %v; want an error wrapping news.ErrInvalid", res, err)
			}
		})
	}
	if n, err := s.Count(ctx); err != nil || n != 0 {
		t.Errorf("Count after refused adds = %d, %v; want 0", n, err)
	}
}

func testConflictingID(t *testing.T, s news.Store) {
	ctx := context.Background()
	mustAdd(t, s, &news.Doc{Article: &news.Article{ID: "a-fixed", Text: "First text under a fixed ID."}})
	_, err := s.Add(ctx, &news.Doc{Article: &news.Article{ID: "a-fixed", Text: "A different text claiming the same ID."}})
	if !errors.Is(err, news.ErrConflict) {
		t.Errorf("error = %v, want news.ErrConflict", err)
	}
	if n, err := s.Count(ctx); err != nil || n != 1 {
		t.Errorf("Count = %d, %v; want the first article only", n, err)
	}
}

// testEdgeDates: the first and last storable instants come back as they
// went in (to the microsecond), and filters beyond the storable years still
// select every dated article or none.
func testEdgeDates(t *testing.T, s news.Store) {
	ctx := context.Background()
	for i, at := range []time.Time{
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999000, time.UTC),
		time.Date(1969, 7, 20, 20, 17, 40, 1000, time.FixedZone("", -7*3600)),
	} {
		res := mustAdd(t, s, &news.Doc{Article: &news.Article{Text: "Edge date article " + string(rune('A'+i)), Published: at}})
		a, err := s.Article(ctx, res.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Published.Equal(at) {
			t.Errorf("published %v came back as %v", at, a.Published)
		}
	}
	mustAdd(t, s, textDoc("undated.txt", "An undated article, which no time bound selects."))
	early, late := time.Date(-100, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		f    news.ArticleFilter
		want int
	}{
		{news.ArticleFilter{Since: early}, 3},
		{news.ArticleFilter{Since: late}, 0},
		{news.ArticleFilter{Until: late}, 3},
		{news.ArticleFilter{Until: early}, 0},
		{news.ArticleFilter{Since: early, Until: late}, 3},
	} {
		got, err := s.Articles(ctx, c.f)
		if err != nil || len(got) != c.want {
			t.Errorf("Articles(%+v) = %d articles, %v; want %d", c.f, len(got), err, c.want)
		}
	}
}
