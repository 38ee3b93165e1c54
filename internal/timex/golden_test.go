package timex

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestGolden reads a report of our own (testdata/river.txt) against a fixed
// publication day and compares every expression found with the golden list;
// run with -update after a deliberate change and review the diff.
func TestGolden(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "river.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	var out strings.Builder
	for _, r := range Find(s, tue) {
		fmt.Fprintf(&out, "%d-%d\t%q\t%s\t%s\t%s\t%v\n", r.Start, r.End, r.In(s), r.Type, r.Value, r.Precision, r.Resolved)
	}
	golden := filepath.Join("testdata", "river.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(out.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGolden -update to create it)", err)
	}
	if got := out.String(); got != string(want) {
		t.Errorf("expressions differ from %s (rerun with -update after checking):\ngot:\n%s\nwant:\n%s", golden, got, want)
	}
}
