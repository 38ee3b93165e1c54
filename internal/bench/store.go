package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"slices"
	"sync"
	"time"

	"storyline/internal/gen"
	"storyline/internal/news"
	"storyline/internal/pipeline"
)

// AddCost is what one Store.Add cost once the store held Stored articles.
type AddCost struct {
	Stored int     `json:"stored"`
	Adds   int     `json:"adds"`
	MeanMS float64 `json:"mean_ms"`
	P50MS  float64 `json:"p50_ms"`
	P99MS  float64 `json:"p99_ms"`
	// BuildS is how long bringing the store to this size took.
	BuildS float64 `json:"build_s"`
}

// batchAdder is a store that can add many articles in one transaction,
// used to fill a store fast; stores without it are filled by Add.
type batchAdder interface {
	AddBatch(ctx context.Context, docs []*news.Doc) ([]news.AddResult, error)
}

// poolSize is how many articles are analysed for their annotations, which
// the filler articles borrow (see borrow).
const poolSize = 32

// fillWorkers add at once: a server store takes concurrent writers; an
// embedded one queues them.
const fillWorkers = 4

// storeRuns fills the store to each size in turn and times Adds there.
func storeRuns(ctx context.Context, plan *pipeline.Plan, opts *Options, res *Result) error {
	st, err := opts.Store(ctx)
	if err != nil {
		return errorf("open store: %w", err)
	}
	defer st.Close()
	n, err := st.Count(ctx)
	if err != nil {
		return errorf("count store: %w", err)
	}
	if n != 0 {
		return errorf("the store holds %d articles: %w: the benchmark fills a store with generated articles, so give it an empty (throwaway) one", n, news.ErrConflict)
	}
	res.Store = opts.StoreName
	total := opts.StoreSizes[len(opts.StoreSizes)-1] + opts.Adds*len(opts.StoreSizes) + poolSize
	g, err := gen.New(gen.Config{Seed: opts.Seed*16 + seedStore, Articles: total, TextBytes: opts.ArticleBytes})
	if err != nil {
		return err
	}
	next, stop := iter.Pull(g.All())
	defer stop()

	// The pool: analysed in full, stored first like any article.
	var pool []news.Annotations
	for range poolSize {
		it, _ := next()
		d := &news.Doc{Article: &it.Article}
		if err := plan.Run(ctx, d); err != nil {
			return errorf("analyse: %w", err)
		}
		pool = append(pool, d.Annotations())
		if _, err := st.Add(ctx, d); err != nil {
			return errorf("add: %w", err)
		}
	}
	stored := poolSize
	_, batched := st.(batchAdder)
	res.StoreBuild = fmt.Sprintf("filled with generated articles through Store.Add (%d at once); ", fillWorkers)
	if batched {
		res.StoreBuild = "filled with generated articles in batches of 500 (AddBatch, one transaction each); "
	}
	// Annotations borrowed cost nothing to make and make rows of the true
	// size, which is all an add's cost depends on. The cross-article pass
	// reads what they say: names shared by every article borrowing them
	// would pile unrelated articles into a few stories. So when the pass
	// is folded, every filler article is analysed in full.
	var analyse *pipeline.Plan
	if len(opts.StorySizes) > 0 {
		analyse = plan
		res.StoreBuild += "every article analysed in full (the cross-article pass reads what was found in it)"
	} else {
		res.StoreBuild += fmt.Sprintf("filler articles carry annotations borrowed from %d analysed ones (true sizes, spans kept within each text), timed adds carry their own", poolSize)
	}
	for _, size := range opts.StoreSizes {
		t0 := time.Now()
		if err := fill(ctx, st, next, size-stored, stored, size, pool, analyse, opts); err != nil {
			return err
		}
		stored = max(stored, size)
		build := time.Since(t0)
		c, err := timeAdds(ctx, st, plan, next, opts, stored)
		if err != nil {
			return err
		}
		c.BuildS = round(build.Seconds(), 1)
		stored += c.Adds
		res.Add = append(res.Add, c)
		opts.measured("add", c)
		if slices.Contains(opts.StorySizes, size) {
			sc, err := storyRun(ctx, st, stored, opts)
			if err != nil {
				return err
			}
			res.StoryAPI = append(res.StoryAPI, sc)
			opts.measured("story_api", sc)
			if size == 1_000_000 {
				res.StoryAPIP50MS, res.StoryAPIP99MS = &sc.P50MS, &sc.P99MS
			}
		}
		ms := c.MeanMS
		switch size {
		case 10_000:
			res.AddMSAt10k = &ms
		case 100_000:
			res.AddMSAt100k = &ms
		case 1_000_000:
			res.AddMSAt1M = &ms
		}
	}
	if res.AddMSAt10k != nil && res.AddMSAt1M != nil && *res.AddMSAt10k > 0 {
		r := round(*res.AddMSAt1M / *res.AddMSAt10k, 2)
		res.AddRatio = &r
	}
	return nil
}

// borrow gives a filler article annotations of a real article's size: the
// pool article's, keeping the spans that fit in the filler's text. They say
// nothing true about the filler; they make its stored row as large as an
// analysed article's, which is what a store's cost depends on.
func borrow(a news.Annotations, text string) news.Annotations {
	n := len(text)
	fits := func(s news.Span) bool { return s.Start >= 0 && s.End <= n && s.Start <= s.End }
	var out news.Annotations
	for _, s := range a.Sentences {
		if fits(s) {
			out.Sentences = append(out.Sentences, s)
		}
	}
	for _, m := range a.Entities {
		if fits(m.Span) {
			out.Entities = append(out.Entities, m)
		}
	}
	for _, q := range a.Quotes {
		if fits(q.Span) && (q.CueSpan == nil || fits(*q.CueSpan)) && (q.SpeakerSpan == nil || fits(*q.SpeakerSpan)) {
			out.Quotes = append(out.Quotes, q)
		}
	}
	for _, f := range a.Figures {
		if fits(f.Span) {
			out.Figures = append(out.Figures, f)
		}
	}
	for _, t := range a.Dates {
		if fits(t.Span) {
			out.Dates = append(out.Dates, t)
		}
	}
	return out
}

// fill adds n filler articles: analysed by analyse, or when it is nil
// with annotations borrowed from the pool.
func fill(ctx context.Context, st news.Store, next func() (*gen.Item, bool), n, stored, size int, pool []news.Annotations,
	analyse *pipeline.Plan, opts *Options) error {
	if n <= 0 {
		return nil
	}
	step := fmt.Sprintf("store to %s", SizeLabel(size))
	opts.Progress(step, 0, n)
	doc := func(i int) (*news.Doc, error) {
		it, ok := next()
		if !ok {
			return nil, errorf("generator ran out")
		}
		d := &news.Doc{Article: &it.Article}
		if analyse == nil {
			d.SetAnnotations(borrow(pool[i%len(pool)], it.Article.Text))
		}
		return d, nil
	}
	// analysed runs the plan over docs on every core, when there is one.
	analysed := func(docs []*news.Doc) error {
		if analyse == nil {
			return nil
		}
		r := &pipeline.Runner{Plan: analyse, Workers: opts.Workers}
		for _, res := range r.Run(ctx, docs, nil) {
			if res.Err != nil {
				return errorf("analyse: %w", res.Err)
			}
			docs[res.Index] = res.Doc
		}
		return nil
	}
	if b, ok := st.(batchAdder); ok {
		// Generating the next batch overlaps with storing this one.
		const batch = 500
		batches := make(chan []*news.Doc, 1)
		genErr := make(chan error, 1)
		go func() {
			defer close(batches)
			for done := 0; done < n; {
				k := min(batch, n-done)
				docs := make([]*news.Doc, k)
				for j := range docs {
					d, err := doc(done + j)
					if err != nil {
						genErr <- err
						return
					}
					docs[j] = d
				}
				if err := analysed(docs); err != nil {
					genErr <- err
					return
				}
				select {
				case batches <- docs:
				case <-ctx.Done():
					return
				}
				done += k
			}
		}()
		done := 0
		for docs := range batches {
			if _, err := b.AddBatch(ctx, docs); err != nil {
				for range batches { // let the generator finish
				}
				return errorf("fill store: %w", err)
			}
			done += len(docs)
			opts.Progress(step, done, n)
		}
		select {
		case err := <-genErr:
			return err
		default:
		}
		if done < n {
			return ctx.Err()
		}
		return nil
	}
	docs := make(chan *news.Doc, fillWorkers*2)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	done := 0
	for range fillWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range docs {
				var err error
				if analyse != nil {
					err = analyse.Run(ctx, d)
				}
				if err == nil {
					_, err = st.Add(ctx, d)
				}
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = errorf("fill store: %w", err)
				}
				done++
				opts.Progress(step, done, n)
				mu.Unlock()
			}
		}()
	}
	var genErr error
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		mu.Lock()
		failed := firstErr != nil
		mu.Unlock()
		if failed {
			break
		}
		d, err := doc(i)
		if err != nil {
			genErr = err
			break
		}
		docs <- d
	}
	close(docs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	if firstErr != nil {
		return firstErr
	}
	return genErr
}

// timeAdds analyses opts.Adds fresh articles (not timed) and then times
// adding each, one after another, as 'storyline add' does.
func timeAdds(ctx context.Context, st news.Store, plan *pipeline.Plan, next func() (*gen.Item, bool), opts *Options, stored int) (AddCost, error) {
	step := fmt.Sprintf("adds at %s", SizeLabel(stored))
	docs := make([]*news.Doc, 0, opts.Adds)
	for range opts.Adds {
		it, ok := next()
		if !ok {
			return AddCost{}, errorf("generator ran out")
		}
		d := &news.Doc{Article: &it.Article}
		if err := plan.Run(ctx, d); err != nil {
			return AddCost{}, errorf("analyse: %w", err)
		}
		docs = append(docs, d)
	}
	opts.Progress(step, 0, len(docs))
	ms := make([]float64, 0, len(docs))
	for i, d := range docs {
		t0 := time.Now()
		r, err := st.Add(ctx, d)
		el := time.Since(t0)
		if err != nil {
			return AddCost{}, errorf("add at %d stored: %w", stored+i, err)
		}
		if !r.Added {
			return AddCost{}, errorf("add at %d stored: generated article %s was taken for a duplicate of %s", stored+i, d.Article.URL, r.ID)
		}
		ms = append(ms, float64(el.Microseconds())/1000)
		opts.Progress(step, i+1, len(docs))
	}
	c := AddCost{Stored: stored, Adds: len(ms)}
	if len(ms) == 0 {
		return c, nil
	}
	sum := 0.0
	for _, v := range ms {
		sum += v
	}
	slices.Sort(ms)
	c.MeanMS = round(sum/float64(len(ms)), 3)
	c.P50MS = round(quantile(ms, 0.50), 3)
	c.P99MS = round(quantile(ms, 0.99), 3)
	return c, nil
}

// quantile of sorted values, nearest rank.
func quantile(sorted []float64, q float64) float64 {
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// SizeLabel writes a store size as --sizes reads it: 10k, 1M.
func SizeLabel(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1000 && n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return fmt.Sprint(n)
}

// measured tells opts.Measured of figures v of kind.
func (o *Options) measured(kind string, v any) {
	if o.Measured == nil {
		return
	}
	b, err := json.Marshal(map[string]any{kind: v})
	if err == nil {
		o.Measured(b)
	}
}
