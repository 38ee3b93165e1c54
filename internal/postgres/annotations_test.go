package postgres

import (
	"context"
	"errors"
	"slices"
	"testing"

	"storyline/internal/news"
)

func TestSetAndStaleAnnotations(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	text := "The orchard sold its first cider on Saturday."
	a, err := db.AddWithVersion(ctx, textOnly(text), "v1")
	if err != nil {
		t.Fatal(err)
	}
	b, err := db.Add(ctx, textOnly("The bakery on the corner closed for a week."))
	if err != nil {
		t.Fatal(err)
	}
	stale, err := db.StaleAnnotations(ctx, "v1", 0)
	if err != nil || !slices.Equal(stale, []string{b.ID}) {
		t.Errorf("StaleAnnotations(v1) = %v, %v; want [%s]", stale, err, b.ID)
	}
	if err := db.SetAnnotations(ctx, b.ID, "v1", news.Annotations{}); err != nil {
		t.Fatal(err)
	}
	if stale, err := db.StaleAnnotations(ctx, "v1", 0); err != nil || len(stale) != 0 {
		t.Errorf("after SetAnnotations: stale %v, %v; want none", stale, err)
	}
	if stale, err := db.StaleAnnotations(ctx, "v2", 1); err != nil || len(stale) != 1 {
		t.Errorf("StaleAnnotations(v2, 1) = %v, %v; want one", stale, err)
	}
	sents := []news.Span{{Start: 0, End: len(text)}}
	if err := db.SetAnnotations(ctx, a.ID, "v2", news.Annotations{Sentences: sents}); err != nil {
		t.Fatal(err)
	}
	d, err := db.Doc(ctx, a.ID)
	if err != nil || !slices.Equal(d.Sentences, sents) {
		t.Errorf("Doc after SetAnnotations: %v, %v", d, err)
	}
	for _, c := range []struct {
		name, id string
		a        news.Annotations
		want     error
	}{
		{"missing article", "a-missing", news.Annotations{}, news.ErrNotFound},
		{"span past the text", a.ID, news.Annotations{Sentences: []news.Span{{Start: 0, End: len(text) + 1}}}, news.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := db.SetAnnotations(ctx, c.id, "v3", c.a); !errors.Is(err, c.want) {
				t.Errorf("SetAnnotations = %v, want %v", err, c.want)
			}
		})
	}
}
