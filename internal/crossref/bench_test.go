package crossref

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"storyline/internal/extract"
	"storyline/internal/gen"
	"storyline/internal/news"
	"storyline/internal/pipeline"
	"storyline/internal/sqlite"
)

// benchPool analyses a pool of generated articles once; the benchmark then
// makes as many distinct articles as it needs by moving copies of the pool
// years later (new IDs, new dates), so they form events of their own
// instead of piling into the pool's.
func benchPool(b *testing.B, n int) []*news.Doc { return benchPoolT(b, n) }

// pools keeps the pools analysed, by size: tests share them.
var pools sync.Map

func benchPoolT(b testing.TB, n int) []*news.Doc {
	b.Helper()
	if p, ok := pools.Load(n); ok {
		return p.([]*news.Doc)
	}
	p := analysePool(b, n)
	pools.Store(n, p)
	return p
}

func analysePool(b testing.TB, n int) []*news.Doc {
	b.Helper()
	items, err := gen.Articles(gen.Config{Seed: 7, Articles: n})
	if err != nil {
		b.Fatal(err)
	}
	plan, err := extract.Plan()
	if err != nil {
		b.Fatal(err)
	}
	var in []*news.Doc
	for _, it := range items {
		a := it.Article
		in = append(in, &news.Doc{Article: &a})
	}
	r := &pipeline.Runner{Plan: plan}
	var docs []*news.Doc
	for _, res := range r.Run(context.Background(), in, nil) {
		if res.Err != nil {
			b.Fatal(res.Err)
		}
		docs = append(docs, res.Doc)
	}
	return Sort(docs)
}

func shifted(d *news.Doc, round int) *news.Doc {
	a := *d.Article
	a.ID = fmt.Sprintf("%s-r%d", a.ID, round)
	a.Published = a.Published.AddDate(3*round, 0, 0)
	c := *d
	c.Article = &a
	return &c
}

// BenchmarkAddAt is the cost of adding one article to a pass that already
// holds 1k, 10k and 100k articles: it should stay nearly flat, as each add
// meets only the candidates its keys point to.
func BenchmarkAddAt(b *testing.B) {
	pool := benchPool(b, 1000)
	for _, size := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("stored=%d", size), func(b *testing.B) {
			p := New()
			ctx := context.Background()
			start := time.Now()
			for i := 0; i < size; i++ {
				if err := p.Add(ctx, shifted(pool[i%len(pool)], i/len(pool))); err != nil {
					b.Fatal(err)
				}
			}
			b.Logf("filled %d in %s", size, time.Since(start))
			i := size
			for b.Loop() {
				if err := p.Add(ctx, shifted(pool[i%len(pool)], i/len(pool))); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkFoldSQLite folds 2,000 generated articles, one after another,
// into the pass kept in a SQLite database, as 'storyline add' does (through
// the Folding view), and reports the cost per article. Run it with
// -benchtime 1x: each iteration folds the whole pool into a new database.
func BenchmarkFoldSQLite(b *testing.B) {
	pool := benchPool(b, 2000)
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db := storedPool(ctx, b, pool)
		s, err := OpenStored(ctx, db.Folding())
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		t0 := time.Now()
		if ok, err := s.Advance(ctx, pool, nil); err != nil || !ok {
			b.Fatalf("advance: %v %v", ok, err)
		}
		b.ReportMetric(float64(time.Since(t0).Microseconds())/1000/float64(len(pool)), "ms/article")
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// storedPool stores pool's docs in a new SQLite database, unfolded.
func storedPool(ctx context.Context, b *testing.B, pool []*news.Doc) *sqlite.DB {
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "pool.db"))
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range pool {
		if _, err := db.Add(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	return db
}

// BenchmarkStoryReport answers for the largest story of 1,000 generated
// articles folded into SQLite, as the story page does; it reports the
// cost per article of the story.
func BenchmarkStoryReport(b *testing.B) {
	pool := benchPool(b, 1000)
	ctx := context.Background()
	db := storedPool(ctx, b, pool)
	defer db.Close()
	s, err := OpenStored(ctx, db.Folding())
	if err != nil {
		b.Fatal(err)
	}
	if ok, err := s.Advance(ctx, pool, nil); err != nil || !ok {
		b.Fatalf("advance: %v %v", ok, err)
	}
	stories, err := s.cl.StoriesContext(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var big, small news.Story
	size := func(st news.Story) int { return len(st.Events) }
	for _, st := range stories {
		if size(st) > size(big) {
			big = st
		}
		if small.ID == "" || size(st) < size(small) {
			small = st
		}
	}
	r := NewStoryReader(db)
	for name, st := range map[string]news.Story{"largest": big, "smallest": small} {
		b.Run(name, func(b *testing.B) {
			var arts int
			for b.Loop() {
				rep, err := r.Report(ctx, st.ID, 1)
				if err != nil {
					b.Fatal(err)
				}
				arts = len(rep.Articles)
			}
			b.ReportMetric(float64(arts), "articles")
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N)/float64(arts), "ms/article")
		})
	}
}
