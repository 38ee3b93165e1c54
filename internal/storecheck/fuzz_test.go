package storecheck

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"storyline/internal/news"
)

// FuzzPrepare feeds arbitrary text, metadata and spans to Prepare: it
// either refuses them as ErrInvalid or ErrTooLarge, or keeps them byte for
// byte with annotations that decode to what went in.
func FuzzPrepare(f *testing.F) {
	f.Add("A plain sentence.", "Title", "https://example.org/x", 0, 5)
	f.Add("bad \xff byte", "", "", 2, 1)
	f.Add("nul\x00", "t\x00", "", 0, 0)
	f.Fuzz(func(t *testing.T, text, title, url string, start, end int) {
		d := &news.Doc{Article: &news.Article{Text: text, Title: title, URL: url},
			Sentences: []news.Span{{Start: start, End: end}}}
		p, err := Prepare(d, time.Now(), 1024)
		if err != nil {
			if !errors.Is(err, news.ErrInvalid) && !errors.Is(err, news.ErrTooLarge) {
				t.Fatalf("unexpected kind of error: %v", err)
			}
			return
		}
		if p.Article.Text != text || p.Article.Title != title || p.Article.URL != url || p.Article.Hash == "" || p.Article.ID == "" {
			t.Fatalf("prepared %+v from %q/%q/%q", p.Article, text, title, url)
		}
		if String(text) != nil || String(title) != nil || String(url) != nil {
			t.Fatalf("accepted a string String refuses: %q/%q/%q", text, title, url)
		}
		a, err := DecodeAnnotations(p.Annotations)
		if err != nil || len(a.Sentences) != 1 || a.Sentences[0] != (news.Span{Start: start, End: end}) {
			t.Fatalf("annotations %s decode to %+v, %v", p.Annotations, a, err)
		}
	})
}

// FuzzQueryTerms checks the reading of a typed query, which is outside
// input: whatever comes in, the terms are few, short, valid UTF-8, distinct
// and made of letters, digits and combining marks only, so nothing but
// plain words ever reaches a store's full-text search.
func FuzzQueryTerms(f *testing.F) {
	for _, s := range []string{"ferry tram", `"ferry`, "NEAR(ferry pier, 5)", "title:lindholm", "'; DROP TABLE articles; --",
		"ferry & !tram | pier:*", "<-> <2>", "\xff\xfe ferry", "Jürgen Müller", "e\u0301\u0301", strings.Repeat("q", 5000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms := QueryTerms(q)
		if len(terms) > MaxQueryTerms {
			t.Fatalf("%d terms, more than %d", len(terms), MaxQueryTerms)
		}
		seen := map[string]bool{}
		for _, w := range terms {
			if w == "" || len(w) > MaxTermBytes || !utf8.ValidString(w) {
				t.Fatalf("term %q: empty, too long or not UTF-8", w)
			}
			for _, r := range w {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
					t.Fatalf("term %q holds %q", w, r)
				}
			}
			if k := strings.ToLower(w); seen[k] {
				t.Fatalf("term %q twice", w)
			} else {
				seen[k] = true
			}
		}
	})
}
