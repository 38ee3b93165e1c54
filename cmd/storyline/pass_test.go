package main

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"storyline/internal/crossref"
	"storyline/internal/demo"
	"storyline/internal/gen"
	"storyline/internal/news"
	"storyline/internal/report"
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

// storyCounter counts the stories a backend answered from the stored pass.
type storyCounter struct {
	*storeBackend
	stored int
}

func (c *storyCounter) StoryReport(ctx context.Context, id string, page int) (*report.Report, bool, error) {
	rep, ok, err := c.storeBackend.StoryReport(ctx, id, page)
	if ok {
		c.stored++
	}
	return rep, ok, err
}

// A story's page and API answered from the stored pass, reading that
// story's rows alone, are those answered from the whole report, byte for
// byte: on the demo corpus and on a generated one with many stories, read
// in pages small enough that many of them have several.
func TestStoryPagesFromTheStoredPass(t *testing.T) {
	t.Run("demo", func(t *testing.T) {
		_, db := demoDB(t, "add")
		sameStoryPages(t, db)
	})
	t.Run("generated", func(t *testing.T) {
		if testing.Short() {
			t.Skip("analyses 300 generated articles")
		}
		g, err := gen.New(gen.Config{Seed: 11, Articles: 300})
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), "corpus")
		if err := gen.Write(context.Background(), g, dir, []string{gen.FormatJSONL}); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "s.db")
		if code, _, errs := cli(t, "", "add", "-q", "--db", path, filepath.Join(dir, "jsonl")); code != 0 {
			t.Fatalf("add: exit %d: %s", code, errs)
		}
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		old := news.StoryPageArticles
		news.StoryPageArticles = 8
		t.Cleanup(func() { news.StoryPageArticles = old })
		sameStoryPages(t, db)
	})
}

func sameStoryPages(t *testing.T, db *sqlite.DB) {
	ctx := context.Background()
	b, err := newStoreBackend(db, 2, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	counted := &storyCounter{storeBackend: b}
	fromPass, err := web.New(web.Config{Backend: counted})
	if err != nil {
		t.Fatal(err)
	}
	// A Backend alone hides StoryReport: this server uses the whole report.
	whole, err := web.New(web.Config{Backend: struct{ web.Backend }{b}})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := b.Report(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Stories) < 2 {
		t.Fatalf("%d stories", len(rep.Stories))
	}
	t.Logf("%d stories", len(rep.Stories))
	get := func(s *web.Server, path string) string {
		t.Helper()
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %.200s", path, rec.Code, rec.Body)
		}
		return rec.Body.String()
	}
	status := func(s *web.Server, path string) int {
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		return rec.Code
	}
	pages, paged := 0, 0
	for _, st := range rep.Stories {
		n := max(st.Pages, 1)
		if n > 1 {
			paged++
		}
		for p := 1; p <= n; p++ {
			q := ""
			if p > 1 {
				q = "?page=" + strconv.Itoa(p)
			}
			api := "/api/stories/" + url.PathEscape(st.ID) + q
			if got, want := get(fromPass, api), get(whole, api); got != want {
				t.Errorf("GET %s differs:\nfrom the pass: %.600s\nwhole report:  %.600s", api, got, want)
			}
			page := "/stories/" + url.PathEscape(st.ID) + q
			if got, want := get(fromPass, page), get(whole, page); got != want {
				t.Errorf("GET %s differs from the whole report's page", page)
			}
			pages++
		}
		past := "/api/stories/" + url.PathEscape(st.ID) + "?page=" + strconv.Itoa(n+1)
		if a, b := status(fromPass, past), status(whole, past); a != http.StatusNotFound || b != http.StatusNotFound {
			t.Errorf("GET %s: %d from the pass, %d from the whole report; want 404", past, a, b)
		}
	}
	t.Logf("%d pages of %d stories, %d stories of more than one", pages, len(rep.Stories), paged)
	if counted.stored != 2*pages {
		t.Errorf("%d answers from the stored pass, want %d", counted.stored, 2*pages)
	}
	if code := status(fromPass, "/api/stories/s-nosuch"); code != http.StatusNotFound {
		t.Errorf("unknown story: %d", code)
	}
}
