package crossref

import (
	"context"
	"reflect"
	"testing"

	"storyline/internal/demo"
	"storyline/internal/intake"
	"storyline/internal/news"
)

// A live pass told of articles as they arrive gives what a batch over all of
// them gives; articles in publication order only advance it, an older one
// makes it rebuild.
func TestLive(t *testing.T) {
	ctx := context.Background()
	docs := Sort(analyse(t, intake.FS(demo.FS(), ".")))
	var stored []*news.Doc
	l := NewLive(func(context.Context) ([]*news.Doc, error) { return stored, nil })
	for _, d := range docs {
		stored = append(stored, d)
		if err := l.Added(ctx, []*news.Doc{d}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := l.Result(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if l.Rebuilds != 1 {
		t.Errorf("%d rebuilds for articles in publication order, want 1 (the first)", l.Rebuilds)
	}
	got, _, _ := l.Result(ctx)
	want, err := Batch(ctx, docs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("live result differs from the batch")
	}
	// An older article arrives: the pass is rebuilt, still the batch's.
	early := *docs[0]
	a := *early.Article
	a.ID, a.Source, a.URL = "a-early", "early.txt", ""
	a.Published = a.Published.AddDate(0, 0, -1)
	early.Article = &a
	stored = append(stored, &early)
	if err := l.Added(ctx, []*news.Doc{&early}); err != nil {
		t.Fatal(err)
	}
	got, _, _ = l.Result(ctx)
	want, _ = Batch(ctx, stored)
	if l.Rebuilds != 2 || !reflect.DeepEqual(got, want) {
		t.Errorf("after an older article: %d rebuilds, same as batch: %v", l.Rebuilds, reflect.DeepEqual(got, want))
	}
}
