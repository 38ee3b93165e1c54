package crossref

import (
	"context"
	"fmt"
	"sync"

	"storyline/internal/news"
)

// Live keeps the pass over a store's articles up to date as articles
// arrive, for a server that shows it after every add. News mostly arrives
// in the order it is published: then each add only advances the pass (work
// in proportion to the article's candidates) and the result is exactly the
// batch result. An article older than one the pass holds would have come
// earlier in a batch, so it makes the pass stale, and the next Result
// rebuilds it from the store in publication order: the result is always the
// one Batch gives.
type Live struct {
	mu    sync.Mutex
	load  func(ctx context.Context) ([]*news.Doc, error)
	pass  *Pass
	docs  []*news.Doc
	last  *news.Article
	stale bool
	res   *Result
	// Rebuilds counts the passes built from scratch, for tests and metrics.
	Rebuilds int
}

// NewLive returns a live pass over the docs load reads (every stored doc).
func NewLive(load func(ctx context.Context) ([]*news.Doc, error)) *Live {
	return &Live{load: load, stale: true}
}

// Added tells the pass of docs just stored. It advances the pass when all
// come after the docs it holds, in publication order; otherwise the pass
// is rebuilt on the next Result.
func (l *Live) Added(ctx context.Context, docs []*news.Doc) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stale {
		return nil
	}
	for _, d := range Sort(docs) {
		if l.last != nil && before(d.Article, l.last) {
			l.stale = true
			return nil
		}
		if err := l.pass.Add(ctx, d); err != nil {
			l.stale = true
			return err
		}
		l.docs = append(l.docs, d)
		l.last = d.Article
	}
	l.res = nil
	return nil
}

// Invalidate says the store changed in ways the pass was not told of
// (another process added articles): the next Result rebuilds it.
func (l *Live) Invalidate() {
	l.mu.Lock()
	l.stale = true
	l.mu.Unlock()
}

// Result returns the pass's result and the docs it covers, in publication
// order.
func (l *Live) Result(ctx context.Context) (*Result, []*news.Doc, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.stale {
		docs, err := l.load(ctx)
		if err != nil {
			return nil, nil, fmt.Errorf("rebuild the cross-article pass: %w", err)
		}
		p := New()
		sorted := Sort(docs)
		for _, d := range sorted {
			if err := p.Add(ctx, d); err != nil {
				return nil, nil, err
			}
		}
		l.pass, l.docs, l.stale, l.res = p, sorted, false, nil
		l.last = nil
		if len(sorted) > 0 {
			l.last = sorted[len(sorted)-1].Article
		}
		l.Rebuilds++
	}
	if l.res == nil {
		l.res = l.pass.Result()
	}
	return l.res, l.docs, nil
}
