package storecheck

import (
	"errors"
	"testing"
	"time"

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
