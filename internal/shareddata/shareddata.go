// Package shareddata finds the project's third-party data (the seeds and the
// public evaluation sets), which live in ../shared beside the repository and
// are read at test and benchmark time, never copied in.
package shareddata

import (
	"fmt"
	"os"
	"path/filepath"
)

// Root returns the shared folder: $STORYLINE_SHARED when set, else the first
// "shared" folder found beside the working directory or one of its parents.
func Root() (string, error) {
	if d := os.Getenv("STORYLINE_SHARED"); d != "" {
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		cand := filepath.Join(dir, "..", "shared")
		if st, err := os.Stat(filepath.Join(cand, "seeds")); err == nil && st.IsDir() {
			return filepath.Clean(cand), nil
		}
		cand = filepath.Join(dir, "shared")
		if st, err := os.Stat(filepath.Join(cand, "seeds")); err == nil && st.IsDir() {
			return filepath.Clean(cand), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no shared data folder found beside %s or its parents (set STORYLINE_SHARED)", dir)
		}
		dir = parent
	}
}

// Path joins elem under the shared folder and checks that it exists.
func Path(elem ...string) (string, error) {
	root, err := Root()
	if err != nil {
		return "", err
	}
	p := filepath.Join(append([]string{root}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("shared data %s: %w", p, err)
	}
	return p, nil
}

// TB is the part of testing.TB that Require needs; taking an interface keeps
// the testing package out of the binary.
type TB interface {
	Helper()
	Skipf(format string, args ...any)
}

// Require returns the shared path, or skips the test with the reason when
// the data is absent.
func Require(t TB, elem ...string) string {
	t.Helper()
	p, err := Path(elem...)
	if err != nil {
		t.Skipf("skipping: third-party data not available: %v", err)
	}
	return p
}
