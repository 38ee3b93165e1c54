// Package intake turns inputs into analysed, stored articles: it reads them
// (internal/ingest), cleans what did not come through HTML extraction
// (internal/clean), runs the per-article pipeline on all cores and, when
// given a store, adds each result as it finishes. The CLI, the web UI and
// workers share it, so every way in behaves the same.
package intake

import (
	"context"
	"fmt"
	"io/fs"
	"runtime"
	"sort"
	"sync"
	"time"

	"storyline/internal/clean"
	"storyline/internal/ingest"
	"storyline/internal/news"
	"storyline/internal/pipeline"
)

// Config is what one intake run needs.
type Config struct {
	Plan    *pipeline.Plan
	Store   news.Store // nil: analyse only, store nothing
	Workers int        // 0 = all cores
	Ingest  ingest.Options
	// Now stamps AddedAt; nil means time.Now.
	Now func() time.Time
}

// Kind says what happened to one input.
type Kind int

const (
	Failed    Kind = iota // could not be read or analysed
	Skipped               // not an article (e.g. a README beside a manifest)
	Duplicate             // the same article as an earlier input, or already stored
	Analysed              // analysed (and stored, when there is a store)
)

// Outcome is the fate of one input, reported as soon as it is known.
type Outcome struct {
	Kind   Kind
	Input  string
	Doc    *news.Doc // for Analysed and Duplicate
	Reason string    // for Skipped and Duplicate
	Err    error     // for Failed
	Stored bool      // true once the article is durably in the store
}

// Source yields inputs; Paths and FS make one.
type Source func(ctx context.Context, o ingest.Options, emit func(ingest.Item) error) error

// Paths reads files, folders and "-" (standard input).
func Paths(paths []string) Source {
	return func(ctx context.Context, o ingest.Options, emit func(ingest.Item) error) error {
		return ingest.Read(ctx, paths, o, emit)
	}
}

// FS reads everything under root in fsys.
func FS(fsys fs.FS, root string) Source {
	return func(ctx context.Context, o ingest.Options, emit func(ingest.Item) error) error {
		return ingest.ReadFS(ctx, fsys, root, o, emit)
	}
}

// Summary counts outcomes.
type Summary struct {
	Analysed, Stored, Duplicates, Skipped, Failed int
}

// Run reads src, analyses every article and calls on for each outcome, from
// one goroutine at a time. total, when not nil, is told the number of
// articles to analyse once reading is done (for progress bars). It returns
// the analysed docs in input order.
//
// Reading comes first and completely, because cleaning compares the lines of
// all articles of one site (a line repeated on every page of a site is
// furniture); analysis and storing then stream, so an article reported as
// stored is in the store even if the process dies right after.
func Run(ctx context.Context, cfg Config, src Source, on func(Outcome), total func(int)) ([]*news.Doc, Summary, error) {
	var sum Summary
	report := func(o Outcome) {
		switch o.Kind {
		case Failed:
			sum.Failed++
		case Skipped:
			sum.Skipped++
		case Duplicate:
			sum.Duplicates++
		case Analysed:
			sum.Analysed++
			if o.Stored {
				sum.Stored++
			}
		}
		if on != nil {
			on(o)
		}
	}
	var items []ingest.Item
	err := src(ctx, cfg.Ingest, func(it ingest.Item) error {
		switch {
		case it.Err != nil:
			report(Outcome{Kind: Failed, Input: it.Input, Err: it.Err})
		case it.Skip != "":
			report(Outcome{Kind: Skipped, Input: it.Input, Reason: it.Skip})
		case it.Article != nil:
			items = append(items, it)
		}
		return nil
	})
	if err != nil {
		return nil, sum, err
	}
	docs, inputs := prepare(items, cfg, report)
	if total != nil {
		total(len(docs))
	}
	runner := &pipeline.Runner{Plan: cfg.Plan, Workers: cfg.Workers, Cache: &pipeline.MemCache{}}
	out := make([]*news.Doc, 0, len(docs))
	var storeErr error
	runner.Stream(ctx, func(yield func(*news.Doc) bool) {
		for _, d := range docs {
			if !yield(d) {
				return
			}
		}
	}, func(res pipeline.Result) {
		input := inputs[res.Index]
		if res.Err != nil {
			report(Outcome{Kind: Failed, Input: input, Err: fmt.Errorf("%s: analyse: %w", input, res.Err)})
			return
		}
		o := Outcome{Kind: Analysed, Input: input, Doc: res.Doc}
		if cfg.Store != nil && storeErr == nil {
			r, err := cfg.Store.Add(ctx, res.Doc)
			switch {
			case err != nil:
				// A store that fails once (disk full, locked) will fail the
				// rest too: say so once and keep analysing.
				storeErr = err
				report(Outcome{Kind: Failed, Input: input, Err: fmt.Errorf("%s: store: %w", input, err)})
				return
			case !r.Added:
				o.Kind, o.Reason = Duplicate, "already stored as "+r.ID
				res.Doc.Article.ID = r.ID
			default:
				o.Stored = true
			}
		} else if cfg.Store != nil {
			report(Outcome{Kind: Failed, Input: input, Err: fmt.Errorf("%s: not stored: the store failed earlier: %w", input, storeErr)})
			return
		}
		out = append(out, res.Doc)
		report(o)
	})
	if err := ctx.Err(); err != nil {
		return out, sum, err
	}
	sortByInput(out, docs)
	return out, sum, nil
}

// prepare cleans the texts that need it, fixes IDs and hashes, and drops
// articles that repeat an earlier input of the batch.
func prepare(items []ingest.Item, cfg Config, report func(Outcome)) ([]*news.Doc, []string) {
	now := time.Now
	if cfg.Now != nil {
		now = cfg.Now
	}
	common, count := siteLines(items)
	// Cleaning and hashing are per article once the site's common lines
	// are known, so they run on every core; what follows (drop repeats,
	// report in input order) is cheap and stays in order.
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				a := items[i].Article
				if items[i].Clean {
					res := clean.Clean(a.Text, clean.Options{Title: a.Title, Byline: a.Byline, Site: a.Site,
						Common: common[siteKey(a)], SiteArticles: count[siteKey(a)]})
					a.Text, a.Title, a.Byline, a.Removed = res.Text, res.Title, res.Byline, res.Removed
				}
				a.Hash = news.ContentHash(a.Text)
				a.ID = news.ArticleID(a.URL, a.Hash)
			}
		}()
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	seen := map[string]string{}
	var docs []*news.Doc
	var inputs []string
	for _, it := range items {
		a := it.Article
		if a.Text == "" {
			report(Outcome{Kind: Failed, Input: it.Input, Err: fmt.Errorf("%s: nothing but page furniture: %w", it.Input, news.ErrInvalid)})
			continue
		}
		if a.AddedAt.IsZero() {
			a.AddedAt = now().UTC()
		}
		if a.Source == "" {
			a.Source = it.Input
		}
		if first, dup := seen[a.ID]; dup {
			report(Outcome{Kind: Duplicate, Input: it.Input, Reason: "same article as " + first})
			continue
		}
		seen[a.ID] = it.Input
		docs = append(docs, &news.Doc{Article: a})
		inputs = append(inputs, it.Input)
	}
	return docs, inputs
}

// siteLines counts lines per site over the texts that will be cleaned.
func siteLines(items []ingest.Item) (map[string]map[string]int, map[string]int) {
	texts := map[string][]string{}
	for _, it := range items {
		if it.Clean && it.Article != nil {
			k := siteKey(it.Article)
			texts[k] = append(texts[k], it.Article.Text)
		}
	}
	common := map[string]map[string]int{}
	count := map[string]int{}
	for k, ts := range texts {
		count[k] = len(ts)
		if k != "" && len(ts) > 1 {
			common[k] = clean.CommonLines(ts)
		}
	}
	return common, count
}

// siteKey groups articles of one site; articles of unknown site are not
// compared with each other, since they may come from anywhere.
func siteKey(a *news.Article) string {
	if a.Site != "" {
		return a.Site
	}
	return a.Outlet
}

func sortByInput(out, order []*news.Doc) {
	pos := make(map[*news.Doc]int, len(order))
	for i, d := range order {
		pos[d] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return pos[out[i]] < pos[out[j]] })
}
