package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"storyline/internal/news"
)

func textOnly(text string) *news.Doc { return &news.Doc{Article: &news.Article{Text: text}} }

// The bounds every store keeps are in the conformance suite (TooLarge,
// Unstorable); these are this store's own.
func TestAddRefuses(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	text := "The night market reopened under new lights."
	for _, c := range []struct {
		name    string
		doc     *news.Doc
		version string
		want    error
	}{
		{"long outlet", &news.Doc{Article: &news.Article{Outlet: strings.Repeat("o", MaxKeyBytes+1), Text: text}}, "", news.ErrTooLarge},
		{"long ID", &news.Doc{Article: &news.Article{ID: strings.Repeat("i", MaxKeyBytes+1), Text: text}}, "", news.ErrTooLarge},
		{"invalid UTF-8 version", textOnly(text), "v\xff", news.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			if _, err := db.AddWithVersion(ctx, c.doc, c.version); !errors.Is(err, c.want) {
				t.Errorf("error = %v, want %v", err, c.want)
			}
		})
	}
	if n, _ := db.Count(ctx); n != 0 {
		t.Errorf("Count = %d after refused adds", n)
	}
}

// A URL far longer than a btree entry may hold is still stored, found again
// and de-duplicated (it is indexed by digest).
func TestLongURL(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	url := "https://example.org/track?" + strings.Repeat("utm=x&", 4000)
	d := func(text string) *news.Doc { return &news.Doc{Article: &news.Article{URL: url, Text: text}} }
	first, err := db.Add(ctx, d("The canal lock gates were replaced over the winter."))
	if err != nil {
		t.Fatal(err)
	}
	again, err := db.Add(ctx, d("The canal lock gates were replaced over the winter, the trust said."))
	if err != nil {
		t.Fatal(err)
	}
	if !first.Added || again.Added || again.ID != first.ID {
		t.Errorf("adds = %+v then %+v; want the second to be a no-op", first, again)
	}
	a, err := db.Article(ctx, first.ID)
	if err != nil || a.URL != url {
		t.Errorf("Article = %v; URL kept whole: %v", err, a != nil && a.URL == url)
	}
}

// A text whose search index would pass PostgreSQL's 1 MB limit is stored
// whole; the index covers what fits, from the start.
func TestHugeIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes several megabytes")
	}
	ctx := context.Background()
	db := openTemp(t)
	var b strings.Builder
	b.WriteString("Zanzibarian opening words. ")
	for i := 0; b.Len() < 3<<20; i++ {
		fmt.Fprintf(&b, "w%x ", i*7919) // distinct words: the index grows with the text
	}
	text := b.String()
	res, err := db.Add(ctx, textOnly(text))
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.Article(ctx, res.ID)
	if err != nil || a.Text != text {
		t.Fatalf("Article = %v; text kept whole: %v", err, a != nil && a.Text == text)
	}
	hits, err := db.Search(ctx, "zanzibarian", 5)
	if err != nil || len(hits) != 1 {
		t.Errorf("Search(first word) = %v, %v; want the article", hitIDs(hits), err)
	}
}

func hitIDs(hits []news.SearchHit) []string {
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ArticleID)
	}
	return ids
}

// Look-ups with values no column can hold find nothing, without an error.
func TestUnstorableLookups(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	for _, id := range []string{"a\xff", "a\x00"} {
		if _, err := db.Article(ctx, id); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("Article(%q) = %v, want news.ErrNotFound", id, err)
		}
		if _, err := db.Doc(ctx, id); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("Doc(%q) = %v, want news.ErrNotFound", id, err)
		}
		if _, ok, err := db.CachedAnnotations(ctx, id, "v1"); ok || err != nil {
			t.Errorf("CachedAnnotations(%q) = %v, %v; want a miss", id, ok, err)
		}
		if as, err := db.Articles(ctx, news.ArticleFilter{Outlet: id}); len(as) != 0 || err != nil {
			t.Errorf("Articles(outlet %q) = %d, %v; want none", id, len(as), err)
		}
	}
}
