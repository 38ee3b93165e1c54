package clean

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// render prints a result for a golden file: title, byline, the text and
// each removal with its reason.
func render(r Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %s\nbyline: %s\n== text\n%s\n== removed\n", r.Title, r.Byline, r.Text)
	for _, x := range r.Removed {
		fmt.Fprintf(&b, "[%s] %s\n", x.Reason, x.Text)
	}
	return b.String()
}

// readCase reads testdata/NAME.txt and its options, NAME.opts.json, when
// there are any.
func readCase(t *testing.T, path string) (string, Options) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var o Options
	if b, err := os.ReadFile(strings.TrimSuffix(path, ".txt") + ".opts.json"); err == nil {
		if err := json.Unmarshal(b, &o); err != nil {
			t.Fatalf("%s options: %v", path, err)
		}
	}
	return string(raw), o
}

// TestGolden runs the invented articles under testdata. Refresh the golden
// files with go test ./internal/clean -run Golden -update, and read the diff.
func TestGolden(t *testing.T) {
	paths, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no test articles under testdata: %v", err)
	}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		t.Run(name, func(t *testing.T) {
			text, o := readCase(t, p)
			r := Clean(text, o)
			if msg := accountFor(text, r); msg != "" {
				t.Error(msg)
			}
			got := render(r)
			golden := strings.TrimSuffix(p, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", name, golden, lineDiff(string(want), got))
			}
		})
	}
}

// lineDiff lists the lines only one side has, enough to see what changed.
func lineDiff(want, got string) string {
	count := map[string]int{}
	for l := range strings.SplitSeq(want, "\n") {
		count[l]++
	}
	for l := range strings.SplitSeq(got, "\n") {
		count[l]--
	}
	var b strings.Builder
	for l, n := range count {
		switch {
		case n > 0:
			fmt.Fprintf(&b, "- %s\n", l)
		case n < 0:
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}
