package clean

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/golden"
)

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
			golden.Check(t, strings.TrimSuffix(p, ".txt")+".golden", []byte(render(r)))
		})
	}
}
