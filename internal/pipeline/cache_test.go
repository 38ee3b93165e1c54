package pipeline

import (
	"context"
	"errors"
	"testing"

	"storyline/internal/news"
)

var _ Cache = StoreCache{}

// mapStore is an AnnotationStore in a map that can be told to fail.
type mapStore struct {
	m    map[string]news.Annotations
	fail error
}

func (s *mapStore) CachedAnnotations(_ context.Context, key, version string) (*news.Annotations, bool, error) {
	if s.fail != nil {
		return nil, false, s.fail
	}
	a, ok := s.m[key+"@"+version]
	return &a, ok, nil
}

func (s *mapStore) PutAnnotations(_ context.Context, key, version string, a news.Annotations) error {
	if s.fail != nil {
		return s.fail
	}
	s.m[key+"@"+version] = a
	return nil
}

func TestStoreCache(t *testing.T) {
	ctx := context.Background()
	s := &mapStore{m: map[string]news.Annotations{}}
	c := StoreCache{Store: s}
	if _, ok := c.Get(ctx, "h1", "p@1"); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Put(ctx, "h1", "p@1", news.Annotations{Sentences: []news.Span{{Start: 0, End: 4}}})
	if a, ok := c.Get(ctx, "h1", "p@1"); !ok || len(a.Sentences) != 1 {
		t.Fatalf("Get after Put = %+v, %v", a, ok)
	}
	if _, ok := c.Get(ctx, "h1", "p@2"); ok {
		t.Error("hit for another version")
	}
	// A failing store is a cache that misses and forgets, never an error.
	s.fail = errors.New("disk gone")
	if a, ok := c.Get(ctx, "h1", "p@1"); ok || a != nil {
		t.Errorf("Get on a failing store = %+v, %v; want a miss", a, ok)
	}
	c.Put(ctx, "h2", "p@1", news.Annotations{})
	s.fail = nil
	if _, ok := c.Get(ctx, "h2", "p@1"); ok {
		t.Error("a failed Put was kept")
	}
}
