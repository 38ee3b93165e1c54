package pipeline

import (
	"context"
	"runtime"
	"sync"

	"storyline/internal/news"
)

// Cache keeps annotations by content hash and plan version.
type Cache interface {
	Get(ctx context.Context, hash, version string) (*news.Annotations, bool)
	Put(ctx context.Context, hash, version string, a news.Annotations)
}

// MemCache is a Cache in memory, safe for concurrent use.
type MemCache struct {
	mu sync.Mutex
	m  map[string]news.Annotations
}

func (c *MemCache) Get(_ context.Context, hash, version string) (*news.Annotations, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.m[version+"|"+hash]
	if !ok {
		return nil, false
	}
	return &a, true
}

func (c *MemCache) Put(_ context.Context, hash, version string, a news.Annotations) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]news.Annotations{}
	}
	c.m[version+"|"+hash] = a
}

// Runner runs a plan over many documents on all cores.
type Runner struct {
	Plan    *Plan
	Workers int   // 0 = GOMAXPROCS
	Cache   Cache // may be nil
}

// Result is one processed document, or why it failed.
type Result struct {
	Doc *news.Doc
	Err error
	// Index is the document's position in the input, so callers can keep
	// input order.
	Index int
}

// Run analyses docs concurrently and returns results in input order.
// Documents whose text hash is cached are not analysed again.
func (r *Runner) Run(ctx context.Context, docs []*news.Doc, done func(Result)) []Result {
	out := make([]Result, len(docs))
	var mu sync.Mutex
	r.Stream(ctx, func(yield func(*news.Doc) bool) {
		for _, d := range docs {
			if !yield(d) {
				return
			}
		}
	}, func(res Result) {
		mu.Lock()
		out[res.Index] = res
		mu.Unlock()
		if done != nil {
			done(res)
		}
	})
	return out
}

// Stream analyses the docs produced by next on all cores and calls emit for
// each as it finishes, from one goroutine at a time. It returns when every
// doc has been emitted.
func (r *Runner) Stream(ctx context.Context, next func(yield func(*news.Doc) bool), emit func(Result)) {
	workers := r.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		d *news.Doc
		i int
	}
	jobs := make(chan job)
	results := make(chan Result)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- Result{Doc: j.d, Index: j.i, Err: r.one(ctx, j.d)}
			}
		}()
	}
	go func() {
		i := 0
		next(func(d *news.Doc) bool {
			select {
			case jobs <- job{d, i}:
				i++
				return true
			case <-ctx.Done():
				return false
			}
		})
		close(jobs)
		wg.Wait()
		close(results)
	}()
	for res := range results {
		emit(res)
	}
}

func (r *Runner) one(ctx context.Context, d *news.Doc) error {
	hash := cacheKey(d.Article)
	if r.Cache != nil {
		if a, ok := r.Cache.Get(ctx, hash, r.Plan.Version()); ok {
			d.SetAnnotations(*a)
			if err := d.Validate(); err == nil {
				return nil
			}
		}
	}
	if err := r.Plan.Run(ctx, d); err != nil {
		return err
	}
	if r.Cache != nil {
		r.Cache.Put(ctx, hash, r.Plan.Version(), d.Annotations())
	}
	return nil
}

// cacheKey is what a stage's output depends on: the text, and the
// publication day that relative dates are resolved against.
func cacheKey(a *news.Article) string {
	h := a.Hash
	if h == "" {
		h = news.ContentHash(a.Text)
	}
	if !a.Published.IsZero() {
		h += "@" + a.Published.UTC().Format("2006-01-02")
	}
	return h
}
