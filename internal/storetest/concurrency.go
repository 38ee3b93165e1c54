package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"storyline/internal/news"
)

func testCachedAnnotations(t *testing.T, s news.Store) {
	ctx := context.Background()
	p, ok := s.(AnnotationPutter)
	if !ok {
		t.Fatalf("%T does not implement storetest.AnnotationPutter, so its annotation cache cannot be filled", s)
	}
	d := fullDoc()
	hash, version := d.Article.Hash, "sentences@1,quotes@3"
	if err := p.PutAnnotations(ctx, hash, version, d.Annotations()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, key, version string
		hit                bool
	}{
		{"same key and version", hash, version, true},
		{"other version", hash, "sentences@1,quotes@4", false},
		{"empty version", hash, "", false},
		{"other hash", news.ContentHash("some other text"), version, false},
		{"qualified key", hash + "@2025-11-25", version, false},
		{"hostile key", "' OR 1=1 --", version, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, ok, err := s.CachedAnnotations(ctx, c.key, c.version)
			if err != nil {
				t.Fatal(err)
			}
			if ok != c.hit {
				t.Fatalf("CachedAnnotations hit = %v, want %v", ok, c.hit)
			}
			if c.hit && !reflect.DeepEqual(*a, d.Annotations()) {
				t.Errorf("cached annotations:\n got %+v\nwant %+v", *a, d.Annotations())
			}
		})
	}
	// A second put for the same key and version replaces the first.
	if err := p.PutAnnotations(ctx, hash, version, news.Annotations{Sentences: d.Sentences[:1]}); err != nil {
		t.Fatal(err)
	}
	if a, ok, err := s.CachedAnnotations(ctx, hash, version); err != nil || !ok || len(a.Sentences) != 1 || len(a.Quotes) != 0 {
		t.Errorf("after a second put: %+v, %v, %v; want only the second put's annotations", a, ok, err)
	}
	for _, bad := range [][2]string{{"", version}, {hash, ""}} {
		if err := p.PutAnnotations(ctx, bad[0], bad[1], d.Annotations()); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("PutAnnotations(%q, %q) = %v, want news.ErrInvalid", bad[0], bad[1], err)
		}
	}
	// Add keeps a doc's annotations with its article, not in the cache.
	text := "Gulls nested on the museum roof again this spring."
	mustAdd(t, s, &news.Doc{Article: &news.Article{Text: text}, Sentences: []news.Span{{Start: 0, End: len(text)}}})
	for _, v := range []string{"", version} {
		if _, ok, err := s.CachedAnnotations(ctx, news.ContentHash(text), v); err != nil || ok {
			t.Errorf("Add filled the cache for version %q: ok=%v err=%v", v, ok, err)
		}
	}
	if doc, err := s.Doc(ctx, news.ArticleID("", news.ContentHash(text))); err != nil || len(doc.Sentences) != 1 {
		t.Errorf("Add lost the annotations: %v", err)
	}
}

// docN is a distinct invented article for index i; key picks its URL, so
// equal keys make duplicates.
func docN(key int) *news.Doc {
	url := fmt.Sprintf("https://example.org/bulletin/%d", key)
	return &news.Doc{
		Article: &news.Article{URL: url, Source: url, Title: fmt.Sprintf("Bulletin %d", key), Outlet: "Bulletin Desk",
			Text: fmt.Sprintf("Bulletin %d: the library extended its opening hours by %d minutes.", key, key%90+5)},
		Sentences: []news.Span{{Start: 0, End: 9}},
	}
}

func testConcurrentAdds(t *testing.T, s news.Store) {
	ctx := context.Background()
	const workers, each, distinct = 8, 30, 60
	var (
		mu    sync.Mutex
		added = map[int]int{}    // key → how many adds reported Added
		ids   = map[int]string{} // key → the ID every add of it returned
		wg    sync.WaitGroup
		errs  = make(chan error, workers*each*2)
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				// Workers overlap on keys, so many adds race on the same article.
				key := (w*7 + i*3) % distinct
				res, err := s.Add(ctx, docN(key))
				if err != nil {
					errs <- fmt.Errorf("worker %d add %d: %w", w, key, err)
					continue
				}
				mu.Lock()
				if res.Added {
					added[key]++
				}
				if prev, ok := ids[key]; ok && prev != res.ID {
					errs <- fmt.Errorf("key %d returned IDs %s and %s", key, prev, res.ID)
				}
				ids[key] = res.ID
				mu.Unlock()
				// Readers run beside the writers.
				if _, err := s.Search(ctx, "library hours", 5); err != nil {
					errs <- fmt.Errorf("worker %d search: %w", w, err)
				}
				if _, err := s.Count(ctx); err != nil {
					errs <- fmt.Errorf("worker %d count: %w", w, err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	for key, n := range added {
		if n != 1 {
			t.Errorf("key %d reported Added %d times, want once", key, n)
		}
	}
	if len(added) != len(ids) {
		t.Errorf("%d keys were added, but %d keys were seen", len(added), len(ids))
	}
	n, err := s.Count(ctx)
	if err != nil || n != len(ids) {
		t.Errorf("Count = %d, %v; want %d", n, err, len(ids))
	}
	for key, id := range ids {
		a, err := s.Article(ctx, id)
		if err != nil {
			t.Errorf("key %d: %v", key, err)
			continue
		}
		if a.URL != docN(key).Article.URL {
			t.Errorf("ID %s holds %s, want key %d's article", id, a.URL, key)
		}
	}
}

func testClose(t *testing.T, s news.Store) {
	ctx := context.Background()
	mustAdd(t, s, textDoc("close.txt", "The last ferry of the season left at noon."))
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := s.Count(ctx); err == nil {
		t.Error("Count after Close succeeded")
	}
	if _, err := s.Article(ctx, "a0000000000000000"); err == nil || errors.Is(err, news.ErrNotFound) {
		t.Errorf("Article after Close: %v; want an error that is not ErrNotFound", err)
	}
	if _, err := s.Add(ctx, textDoc("after.txt", "Nothing may be added once the store is closed.")); err == nil {
		t.Error("Add after Close succeeded")
	}
	_ = s.Close() // a second Close must not panic; the suite's cleanup makes a third
}
