package golden

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDiff(t *testing.T) {
	for _, c := range []struct{ want, got, diff string }{
		{"a\nb\nc", "a\nb\nc", ""},
		{"a\nb\nc", "a\nc", "- b\n"},
		{"a\nc", "a\nb\nc", "+ b\n"},
		{"a\nb", "b\na", ""}, // only lines count, not their order
		{"x\nx\ny", "x\ny\nz", "- x\n+ z\n"},
	} {
		if d := Diff(c.want, c.got); d != c.diff {
			t.Errorf("Diff(%q, %q) = %q, want %q", c.want, c.got, d, c.diff)
		}
	}
}

// recorder is a testing.TB that notes failures instead of failing.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(string, ...any)     { r.failed = true }
func (r *recorder) Fatalf(f string, a ...any) { r.failed = true; r.TB.Fatalf(f, a...) }

func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "out.golden")
	*update = true
	ok := Check(t, path, []byte("one\ntwo\n"))
	*update = false
	if b, err := os.ReadFile(path); !ok || err != nil || string(b) != "one\ntwo\n" {
		t.Fatalf("with -update: %v, file %q, %v", ok, b, err)
	}
	if !Check(t, path, []byte("one\ntwo\n")) {
		t.Error("the same output differs")
	}
	r := &recorder{TB: t}
	if Check(r, path, []byte("one\nthree\n")) || !r.failed {
		t.Error("a changed output passed")
	}
	if b, _ := os.ReadFile(path); string(b) != "one\ntwo\n" {
		t.Errorf("a failed check rewrote the file: %q", b)
	}
}
