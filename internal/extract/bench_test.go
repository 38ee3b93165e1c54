package extract

import (
	"context"
	"syscall"
	"testing"
	"time"

	"storyline/internal/gen"
	"storyline/internal/news"
)

// BenchmarkStages measures each per-article stage, and the whole plan, on
// generated articles of about 5 KB (internal/gen, seed 1), the size issue 3
// budgets for: the stages together must cost under 5 ms an article on one
// core, and each should cost under 1 ms. Run with -cpu 1 for one core:
//
//	go test -run '^$' -bench Stages -cpu 1 ./internal/extract
//
// Besides ns/op (wall time), each reports cpu-ns/op, the process's CPU
// time per article (garbage collection included), which holds steady when
// other work shares the machine's two cores.
//
// A stage is given the annotations of the stages before it, computed once
// outside the timer, so each sub-benchmark times that stage alone.
func BenchmarkStages(b *testing.B) {
	items, err := gen.Articles(gen.Config{Seed: 1, Articles: 16, TextBytes: 5000})
	if err != nil {
		b.Fatal(err)
	}
	plan, err := Plan()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	full := make([]news.Annotations, len(items))
	size := 0
	for i, it := range items {
		a := it.Article
		d := &news.Doc{Article: &a}
		if err := plan.Run(ctx, d); err != nil {
			b.Fatal(err)
		}
		full[i] = d.Annotations()
		size += len(a.Text)
	}
	size /= len(items)
	for _, s := range plan.Stages() {
		b.Run(s.Name, func(b *testing.B) {
			b.SetBytes(int64(size))
			defer cpuPerOp(b)()
			for i := 0; b.Loop(); i++ {
				k := i % len(items)
				d := &news.Doc{Article: &items[k].Article}
				d.SetAnnotations(full[k])
				if err := s.Run(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("plan", func(b *testing.B) {
		b.SetBytes(int64(size))
		defer cpuPerOp(b)()
		for i := 0; b.Loop(); i++ {
			d := &news.Doc{Article: &items[i%len(items)].Article}
			if err := plan.Run(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// cpuPerOp starts counting the process's CPU time; the function it returns
// reports it per iteration as cpu-ns/op.
func cpuPerOp(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
