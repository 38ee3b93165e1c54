// Package golden compares a test's output with a golden file under
// testdata, or rewrites the file when the test runs with -update, so that
// a deliberate change shows as a reviewed diff. It is for tests only; the
// -update flag it defines is every importing test binary's.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// Updating reports whether the test runs with -update.
func Updating() bool { return *update }

// Check compares got with the golden file at path and reports whether they
// are the same. With -update it writes got to path instead (making its
// folder) and reports true. A difference fails t, listing the lines only
// one side has.
func Check(t testing.TB, path string, got []byte) bool {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return true
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return true
	}
	t.Errorf("output differs from %s (run with -update after checking the change):\n%s", path, Diff(string(want), string(got)))
	return false
}

// Diff lists the lines only want has ("- ") and then those only got has
// ("+ "), each in its order, enough to see what changed.
func Diff(want, got string) string {
	count := map[string]int{}
	for l := range strings.SplitSeq(got, "\n") {
		count[l]++
	}
	var b strings.Builder
	for l := range strings.SplitSeq(want, "\n") {
		if count[l] > 0 {
			count[l]--
		} else {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}
	for l := range strings.SplitSeq(got, "\n") {
		if count[l] > 0 {
			count[l]--
			fmt.Fprintf(&b, "+ %s\n", l)
		}
	}
	return b.String()
}
