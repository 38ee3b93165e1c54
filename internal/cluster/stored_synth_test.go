package cluster

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"storyline/internal/news"
	"storyline/internal/sqlite"
)

// TestStoredSynth runs the benchmark's stream through a clusterer on SQLite
// and one in memory, with the index read so narrowly (two events per key)
// that its bounds decide which events an article meets: the stored index
// must hold what the memory index holds, entry for entry, or the events
// come out otherwise.
func TestStoredSynth(t *testing.T) {
	ctx := context.Background()
	p := DefaultParams()
	p.PerKey, p.MaxCandidates = 2, 4
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mem, stored := New(p, NewMemIndex()), NewStored(p, db)
	g := newSynth(3)
	const n = 500
	for range n {
		d := g.next()
		want, err := mem.Add(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := stored.Add(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("%s: event %s, in memory %s", d.Article.ID, got, want)
		}
	}
	got, err := stored.EventsContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := mem.Events(); !reflect.DeepEqual(got, want) {
		t.Errorf("%d events, in memory %d, or they differ", len(got), len(want))
	}
	gs, err := stored.StoriesContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := mem.Stories(); !reflect.DeepEqual(gs, want) {
		t.Errorf("%d stories, in memory %d, or they differ", len(gs), len(want))
	}
}

// BenchmarkAddStored measures adding one article to a clusterer whose
// state is in a SQLite file already holding 1k and 10k articles: each add
// reads only the rows its keys lead to, so the cost should stay nearly
// flat as the store grows. Filling takes a while (each add is a
// transaction); run with a fixed count:
//
//	go test -run - -bench BenchmarkAddStored -benchtime 300x ./internal/cluster
func BenchmarkAddStored(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("stored=%d", n), func(b *testing.B) {
			ctx := context.Background()
			db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "s.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			c := NewStored(DefaultParams(), db)
			g := newSynth(1)
			for range n {
				if _, err := c.Add(ctx, g.next()); err != nil {
					b.Fatal(err)
				}
			}
			docs := make([]*news.Doc, b.N)
			for i := range docs {
				docs[i] = g.next()
			}
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for _, d := range docs {
				if _, err := c.Add(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
			cpu = cpuTime() - cpu
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		})
	}
}
