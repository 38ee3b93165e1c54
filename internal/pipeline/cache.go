package pipeline

import (
	"context"

	"storyline/internal/news"
)

// AnnotationStore is a store that caches annotations beside the articles,
// as every news.Store backend does.
type AnnotationStore interface {
	CachedAnnotations(ctx context.Context, key, version string) (*news.Annotations, bool, error)
	PutAnnotations(ctx context.Context, key, version string, a news.Annotations) error
}

// StoreCache adapts an AnnotationStore to the runner's Cache (Get and Put
// without errors): a failed read is a miss, a failed write is dropped,
// since the cache only saves work and the runner recomputes what it cannot
// find.
type StoreCache struct{ Store AnnotationStore }

// Get returns the cached annotations for hash at version.
func (c StoreCache) Get(ctx context.Context, hash, version string) (*news.Annotations, bool) {
	a, ok, err := c.Store.CachedAnnotations(ctx, hash, version)
	if err != nil {
		return nil, false
	}
	return a, ok
}

// Put caches annotations for hash at version.
func (c StoreCache) Put(ctx context.Context, hash, version string, a news.Annotations) {
	_ = c.Store.PutAnnotations(ctx, hash, version, a)
}
