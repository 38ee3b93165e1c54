package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/crossref"
	"storyline/internal/demo"
	"storyline/internal/news"
	"storyline/internal/sqlite"
	"storyline/internal/web"
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

// A server's adds advance the pass that 'storyline add' keeps, when they
// come in order; one published earlier leaves it stale, without holding up
// the request, and the report computes the pass until the next add.
func TestServerAdvancesTheStoredPass(t *testing.T) {
	ctx := context.Background()
	path, db := demoDB(t, "add")
	b, err := newStoreBackend(db, 2, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	b.advance = func(ctx context.Context, docs []*news.Doc) {
		if err := advanceStored(ctx, db, path, docs); err != nil {
			t.Error(err)
		}
	}
	folded := func() int { return covered(t, db) }
	before := folded()
	if before <= 0 {
		t.Fatalf("no current pass after add: %d", before)
	}
	late := "Harbour cranes at Kharzin were back at work on Monday, the port authority said, a month after the blast."
	if res, err := b.Add(ctx, web.AddInput{Text: late, Title: "Cranes back at Kharzin", Outlet: "Port Notes", Published: "2027-05-03"}); err != nil || len(res.Added) != 1 {
		t.Fatalf("add a later article: %v %+v", err, res)
	}
	if got := folded(); got != before+1 {
		t.Errorf("after a later article the pass covers %d, want %d and current", got, before+1)
	}
	early := "A fuel tanker was refused entry to Kharzin port on Sunday over paperwork, harbour officials said."
	if res, err := b.Add(ctx, web.AddInput{Text: early, Title: "Tanker refused at Kharzin", Outlet: "Port Notes", Published: "2027-02-20"}); err != nil || len(res.Added) != 1 {
		t.Fatalf("add an earlier article: %v %+v", err, res)
	}
	if got := folded(); got != -1 {
		t.Errorf("after an earlier article the pass is current over %d articles; want it stale", got)
	}
	db.Close()
	code, stored, errs := cli(t, "", "report", "--db", path, "--format", "json")
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, errs)
	}
	if _, batch, _ := cli(t, "", "report", "--db", path, "--format", "json", "--since", "1900-01-01"); stored != batch {
		t.Error("the report of a stale pass differs from the one computed")
	}
	if !strings.Contains(stored, "Tanker refused at Kharzin") || !strings.Contains(stored, "Cranes back at Kharzin") {
		t.Error("the report lacks the articles the server added")
	}
}

// analyze --db keeps the stored pass current too.
func TestAnalyzeAdvancesTheStoredPass(t *testing.T) {
	_, db := demoDB(t, "analyze")
	n, _ := db.Count(context.Background())
	if got := covered(t, db); got != n || n == 0 {
		t.Errorf("after analyze --db the pass covers %d of %d articles (-1: not current)", got, n)
	}
}

// demoDB runs 'storyline CMD -q --db' over the demo corpus into a new
// database and opens it.
func demoDB(t *testing.T, cmd string) (string, *sqlite.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.db")
	if code, _, errs := cli(t, "", cmd, "-q", "--db", path, copyDemo(t)); code != 0 {
		t.Fatalf("%s: exit %d: %s", cmd, code, errs)
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return path, db
}

// covered is how many articles the stored pass covers, or -1 when it does
// not cover every stored one.
func covered(t *testing.T, db *sqlite.DB) int {
	t.Helper()
	ctx := context.Background()
	s, err := crossref.OpenStored(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Current(ctx); err != nil || !ok {
		return -1
	}
	return s.Folded()
}
