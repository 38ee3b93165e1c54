package timex

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/golden"
)

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
	golden.Check(t, filepath.Join("testdata", "river.golden"), []byte(out.String()))
}
