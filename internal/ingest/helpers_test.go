package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

// collect runs a reader and returns everything it emitted.
func collect(t *testing.T, run func(emit func(Item) error) error) []Item {
	t.Helper()
	var items []Item
	if err := run(func(it Item) error {
		checkItem(t, it)
		items = append(items, it)
		return nil
	}); err != nil {
		t.Fatalf("reader returned %v", err)
	}
	return items
}

// checkItem holds every item to the contract: exactly one of Article, Err
// and Skip, and an error that names its input.
func checkItem(t *testing.T, it Item) {
	t.Helper()
	n := 0
	if it.Article != nil {
		n++
	}
	if it.Err != nil {
		n++
	}
	if it.Skip != "" {
		n++
	}
	if n != 1 {
		t.Errorf("item %q has %d of article, error and skip, want exactly one", it.Input, n)
	}
	if it.Input == "" {
		t.Errorf("item without an input name: %+v", it)
	}
	if it.Err != nil && len(it.Err.Error()) < len(it.Input) || it.Err != nil && it.Err.Error()[:len(it.Input)] != it.Input {
		t.Errorf("error %q does not start with its input %q", it.Err, it.Input)
	}
}

// writeFiles creates files under dir; a name ending in "/" makes a folder.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
