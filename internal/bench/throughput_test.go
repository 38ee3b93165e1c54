package bench

import (
	"context"
	"fmt"
	"testing"
	"testing/fstest"

	"storyline/internal/extract"
	"storyline/internal/gen"
)

// BenchmarkIntake measures what 'storyline bench' calls text_articles_per_s
// and html_pages_per_s, as go benchmarks: one op is one batch of 64
// generated articles of about 5 KB through intake (read, clean or extract,
// every stage) on all cores, reported as articles/s.
//
//	go test -run '^$' -bench Intake ./internal/bench
func BenchmarkIntake(b *testing.B) {
	plan, err := extract.Plan()
	if err != nil {
		b.Fatal(err)
	}
	items, err := gen.Articles(gen.Config{Seed: 21, Articles: 64, TextBytes: 5000})
	if err != nil {
		b.Fatal(err)
	}
	texts, err := textFS(items)
	if err != nil {
		b.Fatal(err)
	}
	pages := fstest.MapFS{}
	for i, it := range items {
		pages[fmt.Sprintf("html/%03d.html", i)] = &fstest.MapFile{Data: it.HTML()}
	}
	opts := &Options{Progress: func(string, int, int) {}}
	opts.defaults()
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
	}{{"text", texts}, {"html", pages}} {
		b.Run(tc.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				if _, err := intakeRun(context.Background(), plan, opts, tc.name, tc.fsys, len(items)); err != nil {
					b.Fatal(err)
				}
				n += len(items)
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
