package timex

import (
	"context"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
)

// FuzzFind checks that any text, with or without an anchor, gives spans in
// order, inside the text, on rune boundaries and with a value.
func FuzzFind(f *testing.F) {
	f.Add("The talks resume next Tuesday at 3 p.m. after two days of rest.", int64(1764064800))
	f.Add("Late Monday and on Jan. 24, 2026, then every week\n\nsince the 1990s.", int64(0))
	f.Add("\xff\xfeMay 5\x00 mid-\xe2\x80", int64(-62135596800))
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		var anchor time.Time
		if unix != 0 {
			anchor = time.Unix(unix%(1<<40), 0).UTC()
		}
		// The boundaries a rune-by-rune decode visits; a stray byte of
		// broken UTF-8 counts as one rune, as range does.
		bound := make([]bool, len(s)+1)
		for i := range s {
			bound[i] = true
		}
		bound[len(s)] = true
		prev := 0
		for _, r := range Find(s, anchor) {
			if r.Start < prev || r.End > len(s) || r.Start >= r.End {
				t.Fatalf("span %+v out of order or outside %d bytes (previous end %d)", r.Span, len(s), prev)
			}
			if !bound[r.Start] || !bound[r.End] {
				t.Fatalf("span %+v splits a rune in %q", r.Span, s)
			}
			if r.Value == "" || r.Type == "" {
				t.Fatalf("empty reading %+v of %q", r, r.In(s))
			}
			if !r.Resolved && r.Value != r.In(s) && !strings.HasSuffix(r.Value, "_REF") {
				t.Fatalf("unresolved %q keeps %q instead of its words", r.In(s), r.Value)
			}
			if strings.ContainsAny(r.In(s), "\n") && strings.Contains(r.In(s), "\n\n") {
				t.Fatalf("span %q crosses a blank line", r.In(s))
			}
			prev = r.End
		}
	})
}

// article is a ~5 KB news report of our own with the usual date forms.
func article() string {
	para := "Negotiators met late Monday in the port city and talks went on through Tuesday, officials said. " +
		"A draft that emerged last week was revised over the weekend, two diplomats said on Friday. " +
		"The next round is scheduled for February 1, and ministers will meet again next Tuesday at 3 p.m. " +
		"The nearly four-year dispute has cost billions since 2022; in August a summit ended without a deal. " +
		"Prices have risen 4% a year for the past two years, and shelling went on overnight. " +
		"Earlier this month the council met every week, and on Nov. 19, 2025 it voted 48 to 3.\n\n"
	var b strings.Builder
	for b.Len() < 5000 {
		b.WriteString(para)
	}
	return b.String()
}

func BenchmarkStage(b *testing.B) {
	st := Stage()
	d := &news.Doc{Article: &news.Article{Source: "bench.txt", Text: article(), Published: tue}}
	ctx := context.Background()
	b.SetBytes(int64(len(d.Article.Text)))
	b.ReportAllocs()
	for b.Loop() {
		if err := st.Run(ctx, d); err != nil {
			b.Fatal(err)
		}
	}
	if len(d.Dates) < 50 {
		b.Fatalf("only %d dates in the benchmark article", len(d.Dates))
	}
}
