package quotes

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"storyline/internal/entities"
	"storyline/internal/news"
	"storyline/internal/text"
)

// BenchmarkStage measures the quote stage alone on an invented article of
// 5 KB (testdata/article.txt), its sentences and entities found beforehand
// by the real stages.
func BenchmarkStage(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		b.Fatal(err)
	}
	d := &news.Doc{Article: &news.Article{ID: "bench", Text: string(raw)}}
	ctx := context.Background()
	for _, s := range []func(context.Context, *news.Doc) error{text.Stage().Run, entities.Stage().Run} {
		if err := s(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	st := Stage()
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		if err := st.Run(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	// the machine is shared: CPU time per article says more than wall time
	b.ReportMetric(float64((cpuTime()-cpu0).Nanoseconds())/float64(b.N), "cpu-ns/op")
	if len(d.Quotes) == 0 {
		b.Fatal("no quotes found")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPathological measures a text built to be slow: one paragraph of
// 400 KB with no sentence end, full of cues, pronouns, commas and marks, so
// that every bounded scan runs to its bound.
func BenchmarkPathological(b *testing.B) {
	var sb []byte
	for len(sb) < 400<<10 {
		sb = append(sb, `he said, "yes," and she added that they, who told him, said “no” according to the official said `...)
	}
	s := string(sb)
	ms := capitalised(s)
	b.SetBytes(int64(len(s)))
	b.ResetTimer()
	for b.Loop() {
		Find(s, nil, ms)
	}
}
