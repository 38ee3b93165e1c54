package clean

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzClean checks that Clean never panics, returns valid UTF-8, and
// accounts for every input line. The seed corpus is in
// testdata/fuzz/FuzzClean; run go test ./internal/clean -run X -fuzz FuzzClean
// -fuzztime 30s -fuzzminimizetime 1s (the default minimising of every new
// input stalls the run for a minute at a time).
func FuzzClean(f *testing.F) {
	f.Add("Headline of a story\nBy Ann Roe\n\n"+para+"\n\nSubscribe now", "", "")
	f.Fuzz(func(t *testing.T, text, title, byline string) {
		o := Options{Title: title, Byline: byline}
		if len(byline)%2 == 1 {
			// Exercise the site-repeated lines too: the text and the
			// title taken for two more articles of its site.
			o.Common, o.SiteArticles = CommonLines([]string{text, title, title + "\n" + text}), 3
		}
		r := Clean(text, o)
		for _, s := range []string{r.Text, r.Title, r.Byline} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in output %q", s)
			}
		}
		for _, x := range r.Removed {
			if !utf8.ValidString(x.Text) || x.Reason == "" || strings.TrimSpace(x.Text) == "" {
				t.Fatalf("bad removal %+v", x)
			}
		}
		if strings.Contains(r.Text, "\n\n\n") || r.Text != strings.TrimSpace(r.Text) {
			t.Fatalf("paragraph spacing not normalised: %q", r.Text)
		}
		if msg := accountFor(text, r); msg != "" {
			t.Fatal(msg)
		}
	})
}

func BenchmarkClean(b *testing.B) {
	raw, err := os.ReadFile("testdata/harbour.txt")
	if err != nil {
		b.Fatal(err)
	}
	// About 5 KB: the invented article with its body repeated.
	text := string(raw)
	for len(text) < 5000 {
		text += "\n\n" + para + "\n\nNobody was hurt.\n\nThe council said volunteers had filled sandbags through the night."
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Clean(text, Options{})
	}
}
