//go:build unix

package ingest

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
)

// A named pipe met in a walk is passed over: reading it would wait for a
// writer that may never come.
func TestNamedPipeSkipped(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "The ferry left on time."})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Skipf("skipping: cannot make a named pipe here: %v", err)
	}
	items := collect(t, func(emit func(Item) error) error {
		return Read(context.Background(), []string{dir}, Options{}, emit)
	})
	if len(items) != 2 || items[0].Article == nil || items[1].Skip != "not a regular file" {
		t.Errorf("got %+v, want the article and the pipe skipped", items)
	}
}
