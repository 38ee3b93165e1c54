package sqlite

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
	"storyline/internal/pipeline"
	"storyline/internal/storecheck"
)

func TestAddRefuses(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	text := "The night market reopened under new lights."
	nan := math.NaN()
	for _, c := range []struct {
		name    string
		doc     *news.Doc
		version string
		want    error
	}{
		{"huge text", textOnly(strings.Repeat("word ", storecheck.MaxTextBytes/5+1)), "", news.ErrTooLarge},
		{"huge title", &news.Doc{Article: &news.Article{Title: strings.Repeat("t", storecheck.MaxFieldBytes+1), Text: text}}, "", news.ErrTooLarge},
		{"year 10000", &news.Doc{Article: &news.Article{Text: text, Published: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}, "", news.ErrInvalid},
		{"negative year", &news.Doc{Article: &news.Article{Text: text, Published: time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC)}}, "", news.ErrInvalid},
		{"NaN figure", &news.Doc{Article: &news.Article{Text: text}, Figures: []news.Figure{{Span: news.Span{Start: 0, End: 3}, Value: &nan}}}, "", news.ErrInvalid},
		{"invalid UTF-8 speaker", &news.Doc{Article: &news.Article{Text: text}, Quotes: []news.Quote{{Span: news.Span{Start: 0, End: 3}, Speaker: "\xff"}}}, "", news.ErrInvalid},
		{"invalid UTF-8 version", textOnly(text), "v\xff", news.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := db.AddWithVersion(ctx, c.doc, c.version)
			if !errors.Is(err, c.want) {
				t.Errorf("error = %v, want %v", err, c.want)
			}
		})
	}
	if n, _ := db.Count(ctx); n != 0 {
		t.Errorf("Count = %d after refused adds", n)
	}
}

func textOnly(text string) *news.Doc { return &news.Doc{Article: &news.Article{Text: text}} }

func TestAddConflictingID(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if _, err := db.Add(ctx, &news.Doc{Article: &news.Article{ID: "a-fixed", Text: "First text under a fixed ID."}}); err != nil {
		t.Fatal(err)
	}
	_, err := db.Add(ctx, &news.Doc{Article: &news.Article{ID: "a-fixed", Text: "A different text claiming the same ID."}})
	if !errors.Is(err, news.ErrConflict) {
		t.Errorf("error = %v, want news.ErrConflict", err)
	}
}

func TestEdgeDates(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	for i, at := range []time.Time{
		time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(1969, 7, 20, 20, 17, 40, 1, time.FixedZone("", -7*3600)),
	} {
		res, err := db.Add(ctx, &news.Doc{Article: &news.Article{Text: "Edge date article " + string(rune('A'+i)), Published: at}})
		if err != nil {
			t.Fatal(err)
		}
		a, err := db.Article(ctx, res.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Published.Equal(at) {
			t.Errorf("published %v came back as %v", at, a.Published)
		}
	}
	// Filters beyond the storable years still work.
	got, err := db.Articles(ctx, news.ArticleFilter{Since: time.Date(-100, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil || len(got) != 3 {
		t.Errorf("Articles over all time = %d, %v; want 3", len(got), err)
	}
	for _, f := range []news.ArticleFilter{
		{Since: time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{Until: time.Date(-100, 1, 1, 0, 0, 0, 0, time.UTC)},
	} {
		if got, err := db.Articles(ctx, f); err != nil || len(got) != 0 {
			t.Errorf("Articles(%v) = %d, %v; want none", f, len(got), err)
		}
	}
}

func TestAnnotationCacheAdapter(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	c := pipeline.StoreCache{Store: db}
	hash := news.ContentHash("Lanterns were hung along the quay for the festival.")
	if _, ok := c.Get(ctx, hash, "p@1"); ok {
		t.Fatal("hit in an empty cache")
	}
	want := news.Annotations{Sentences: []news.Span{{Start: 0, End: 51}}, Dates: []news.DateRef{{Span: news.Span{Start: 4, End: 9}, Type: news.DateDate, Value: "2025-W40", Precision: news.PrecWeek}}}
	c.Put(ctx, hash, "p@1", want)
	got, ok := c.Get(ctx, hash, "p@1")
	if !ok || len(got.Sentences) != 1 || got.Dates[0].Value != "2025-W40" {
		t.Fatalf("Get = %+v, %v", got, ok)
	}
	// A second put for the same key replaces the first.
	c.Put(ctx, hash, "p@1", news.Annotations{})
	if got, ok := c.Get(ctx, hash, "p@1"); !ok || len(got.Sentences) != 0 {
		t.Errorf("after replacing: %+v, %v", got, ok)
	}
	if err := db.PutAnnotations(ctx, "", "p@1", want); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("PutAnnotations without hash: %v", err)
	}
}

func TestSetAnnotations(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	text := "Snow closed the mountain pass. Plows cleared it by noon."
	res, err := db.Add(ctx, textOnly(text))
	if err != nil {
		t.Fatal(err)
	}
	other, err := db.AddWithVersion(ctx, textOnly("The village fair sold out of honey."), "p@2")
	if err != nil {
		t.Fatal(err)
	}
	if ids, err := db.StaleAnnotations(ctx, "p@2", 0); err != nil || len(ids) != 1 || ids[0] != res.ID {
		t.Fatalf("StaleAnnotations = %v, %v; want [%s]", ids, err, res.ID)
	}
	a := news.Annotations{Sentences: []news.Span{{Start: 0, End: 30}, {Start: 31, End: len(text)}}}
	if err := db.SetAnnotations(ctx, res.ID, "p@2", a); err != nil {
		t.Fatal(err)
	}
	d, err := db.Doc(ctx, res.ID)
	if err != nil || len(d.Sentences) != 2 || d.Sentences[1].In(text) != "Plows cleared it by noon." {
		t.Fatalf("Doc after SetAnnotations = %+v, %v", d, err)
	}
	if ids, err := db.StaleAnnotations(ctx, "p@2", 0); err != nil || len(ids) != 0 {
		t.Errorf("StaleAnnotations after update = %v, %v; want none", ids, err)
	}
	if ids, _ := db.StaleAnnotations(ctx, "p@3", 1); len(ids) != 1 {
		t.Errorf("StaleAnnotations(p@3, limit 1) = %v; want one ID", ids)
	}
	bad := news.Annotations{Quotes: []news.Quote{{Span: news.Span{Start: 10, End: len(text) + 5}}}}
	if err := db.SetAnnotations(ctx, other.ID, "p@3", bad); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("span past the stored text: %v, want ErrInvalid", err)
	}
	if err := db.SetAnnotations(ctx, "a-missing", "p@3", a); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("missing article: %v, want ErrNotFound", err)
	}
}
