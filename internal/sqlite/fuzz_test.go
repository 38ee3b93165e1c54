package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"storyline/internal/news"
	"storyline/internal/storecheck"
)

// FuzzFTSQuery checks the shape of every query handed to FTS5: nothing but
// double-quoted runs of letters, digits and marks, within the bounds.
func FuzzFTSQuery(f *testing.F) {
	for _, s := range []string{"ferry pier", `NEAR("a" b)`, "title:x", "\xff\x00", "a\"b", strings.Repeat("z ", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		out := ftsQuery(q)
		if out == "" {
			return
		}
		terms := strings.Split(out, " ")
		if len(terms) > storecheck.MaxQueryTerms {
			t.Fatalf("%d terms, more than %d", len(terms), storecheck.MaxQueryTerms)
		}
		for _, term := range terms {
			if len(term) < 3 || term[0] != '"' || term[len(term)-1] != '"' {
				t.Fatalf("term %q is not a string literal", term)
			}
			for _, r := range term[1 : len(term)-1] {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
					t.Fatalf("term %q holds %q", term, r)
				}
			}
		}
	})
}

// FuzzSearch runs arbitrary queries against a small store: none may fail,
// and every hit must hold each word of the query.
func FuzzSearch(f *testing.F) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	for _, text := range []string{
		"The ferry to the island left late because of fog near the pier.",
		"Rain closed the market; traders said they would return on Friday.",
		"A new tram line was approved after a long council debate.",
	} {
		if _, err := db.Add(ctx, textOnly(text)); err != nil {
			f.Fatal(err)
		}
	}
	f.Add("ferry pier")
	f.Add("NEAR(ferry pier)")
	f.Fuzz(func(t *testing.T, q string) {
		hits, err := db.Search(ctx, q, 5)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		if len(hits) > 5 {
			t.Fatalf("Search(%q) gave %d hits over the limit", q, len(hits))
		}
		for _, h := range hits {
			if _, err := db.Article(ctx, h.ArticleID); err != nil {
				t.Fatalf("hit %q: %v", h.ArticleID, err)
			}
		}
	})
}

// FuzzAdd feeds arbitrary text and metadata to Add: it either stores them
// byte for byte or refuses them with ErrInvalid or ErrTooLarge.
func FuzzAdd(f *testing.F) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	f.Add("A plain sentence.", "Title", "https://example.org/x", 0, 5)
	f.Add("bad \xff byte", "", "", 2, 1)
	f.Fuzz(func(t *testing.T, text, title, url string, start, end int) {
		d := &news.Doc{Article: &news.Article{Text: text, Title: title, URL: url},
			Sentences: []news.Span{{Start: start, End: end}}}
		res, err := db.Add(ctx, d)
		if err != nil {
			if !errors.Is(err, news.ErrInvalid) && !errors.Is(err, news.ErrTooLarge) && !errors.Is(err, news.ErrConflict) {
				t.Fatalf("Add: unexpected kind of error: %v", err)
			}
			return
		}
		got, err := db.Doc(ctx, res.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Added {
			return // a duplicate: the stored one is an earlier input
		}
		if got.Article.Text != text || got.Article.Title != title || got.Article.URL != url {
			t.Fatalf("stored %q/%q/%q, want %q/%q/%q", got.Article.Text, got.Article.Title, got.Article.URL, text, title, url)
		}
		if len(got.Sentences) != 1 || got.Sentences[0] != (news.Span{Start: start, End: end}) {
			t.Fatalf("spans = %v", got.Sentences)
		}
	})
}
