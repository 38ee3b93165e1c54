package storetest_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
	"storyline/internal/sqlite"
	"storyline/internal/storetest"
)

// The suite is only worth its name if it fails broken stores. Each store
// below is the SQLite store with one fault a backend could plausibly have;
// the suite runs on it in a child process, which must fail in the right
// subtest.
const brokenEnv = "STORETEST_BROKEN_STORE"

type broken struct {
	*sqlite.DB
	fault string
}

func (b *broken) Add(ctx context.Context, d *news.Doc) (news.AddResult, error) {
	res, err := b.DB.Add(ctx, d)
	if b.fault == "duplicates-reported-as-added" && err == nil {
		res.Added = true
	}
	return res, err
}

func (b *broken) Article(ctx context.Context, id string) (*news.Article, error) {
	a, err := b.DB.Article(ctx, id)
	if b.fault == "times-in-local-zone" && err == nil && !a.Published.IsZero() {
		a.Published = a.Published.In(time.FixedZone("UTC+3", 3*3600))
	}
	return a, err
}

func (b *broken) Articles(ctx context.Context, f news.ArticleFilter) ([]*news.Article, error) {
	as, err := b.DB.Articles(ctx, f)
	if b.fault == "newest-first" {
		slices.Reverse(as)
	}
	return as, err
}

func (b *broken) Search(ctx context.Context, q string, limit int) ([]news.SearchHit, error) {
	hits, err := b.DB.Search(ctx, q, limit)
	switch b.fault {
	case "search-any-word":
		// An OR of the words, as a backend that passed "ferry OR tram"
		// through as syntax would.
		seen := map[string]bool{}
		for _, h := range hits {
			seen[h.ArticleID] = true
		}
		words := strings.Fields(q)
		for _, w := range words[:min(len(words), 20)] {
			more, _ := b.DB.Search(ctx, w, limit)
			for _, h := range more {
				if !seen[h.ArticleID] {
					seen[h.ArticleID] = true
					hits = append(hits, h)
				}
			}
		}
	case "worst-first":
		slices.Reverse(hits)
	case "marked-snippets":
		for i := range hits {
			hits[i].Snippet = "<b>" + hits[i].Snippet + "</b>"
		}
	}
	return hits, err
}

func (b *broken) CachedAnnotations(ctx context.Context, key, version string) (*news.Annotations, bool, error) {
	if b.fault == "cache-ignores-version" {
		version = "sentences@1,quotes@3"
	}
	return b.DB.CachedAnnotations(ctx, key, version)
}

func TestBrokenStoreHelper(t *testing.T) {
	fault := os.Getenv(brokenEnv)
	if fault == "" {
		t.Skip("child process of TestSuiteFailsBrokenStores")
	}
	storetest.Test(t, func(t *testing.T) news.Store {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "broken.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return &broken{DB: db, fault: fault}
	})
}

func TestSuiteFailsBrokenStores(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the suite in child processes")
	}
	for _, c := range []struct{ fault, subtest string }{
		{"duplicates-reported-as-added", "DuplicateByURL"},
		{"times-in-local-zone", "RoundTrip"},
		{"newest-first", "FiltersAndOrder"},
		{"search-any-word", "SearchHostile"},
		{"worst-first", "Search"},
		{"marked-snippets", "Search"},
		{"cache-ignores-version", "CachedAnnotations"},
	} {
		t.Run(c.fault, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestBrokenStoreHelper$", "-test.v", "-test.count=1")
			cmd.Env = append(os.Environ(), brokenEnv+"="+c.fault)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("the suite passed a store whose fault is %s", c.fault)
			}
			if want := "--- FAIL: TestBrokenStoreHelper/" + c.subtest + " "; !strings.Contains(string(out), want) {
				t.Errorf("the suite did not fail %s for fault %s:\n%s", c.subtest, c.fault, tail(string(out), 30))
			}
		})
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
