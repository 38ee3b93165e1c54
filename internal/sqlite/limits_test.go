package sqlite

import (
	"context"
	"errors"
	"testing"
	"time"

	"storyline/internal/news"
	"storyline/internal/pipeline"
)

// The bounds every store keeps are in the conformance suite (TooLarge,
// Unstorable); the pipeline version is AddWithVersion's own.
func TestAddRefusesVersion(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if _, err := db.AddWithVersion(ctx, textOnly("The night market reopened under new lights."), "v\xff"); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("invalid UTF-8 version: %v, want news.ErrInvalid", err)
	}
}

func textOnly(text string) *news.Doc { return &news.Doc{Article: &news.Article{Text: text}} }

// The suite asks for microseconds (EdgeDates); this store keeps times to
// the nanosecond, at the ends of the storable years too.
func TestTimesKeepNanoseconds(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	for i, at := range []time.Time{
		time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC),
		time.Date(1969, 7, 20, 20, 17, 40, 1, time.FixedZone("", -7*3600)),
	} {
		res, err := db.Add(ctx, &news.Doc{Article: &news.Article{Text: "Nanosecond article " + string(rune('A'+i)), Published: at, AddedAt: at}})
		if err != nil {
			t.Fatal(err)
		}
		if a, err := db.Article(ctx, res.ID); err != nil || !a.Published.Equal(at) || !a.AddedAt.Equal(at) {
			t.Errorf("%v came back as %+v, %v", at, a, err)
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
