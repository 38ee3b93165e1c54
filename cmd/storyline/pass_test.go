package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/demo"
)

// copyDemo writes the demo corpus into a folder of its own.
func copyDemo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	err := fs.WalkDir(demo.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(demo.FS(), p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// 'storyline add' keeps the cross-article pass in a SQLite database and
// 'report' reads it: whether the articles came in one add or in several,
// in publication order or not, the report is the one computed from all
// the stored articles (which a filter forces).
func TestReportReadsTheStoredPass(t *testing.T) {
	dir := copyDemo(t)
	batches := map[string][][]string{
		"one add": {{dir}},
		// The feed's items are the latest; the HTML pages and the text
		// files are older, so the second add makes the pass stale.
		"late articles": {{filepath.Join(dir, "zaroviatoday-feed.xml"), filepath.Join(dir, "harbourwatch-export.jsonl")}, {dir}},
	}
	for name, adds := range batches {
		t.Run(name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			for _, paths := range adds {
				args := append([]string{"add", "-q", "--db", db}, paths...)
				if code, _, errs := cli(t, "", args...); code != 0 {
					t.Fatalf("add %v: exit %d: %s", paths, code, errs)
				}
			}
			code, stored, errs := cli(t, "", "report", "--db", db, "--format", "json")
			if code != 0 {
				t.Fatalf("report: exit %d: %s", code, errs)
			}
			code, batch, errs := cli(t, "", "report", "--db", db, "--format", "json", "--since", "1900-01-01")
			if code != 0 {
				t.Fatalf("report --since: exit %d: %s", code, errs)
			}
			if stored != batch {
				t.Errorf("the report from the stored pass differs from the one computed:\nstored: %.400s\nbatch:  %.400s", stored, batch)
			}
			if !strings.Contains(stored, `"rewrite_of"`) {
				t.Errorf("no rewrite in the demo's report: %.300s", stored)
			}
		})
	}
}
