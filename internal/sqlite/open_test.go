package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"storyline/internal/news"
)

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "nested", "folder", "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestOpenAddArticle(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	d := &news.Doc{Article: &news.Article{Source: "notes/ferry.txt", Title: "Ferry pier to be rebuilt",
		Text: "The harbour council voted on Tuesday to rebuild the ferry pier."}}
	res, err := db.Add(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Added || res.ID == "" {
		t.Fatalf("first add: %+v", res)
	}
	got, err := db.Article(ctx, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != d.Article.Text || got.Hash != news.ContentHash(d.Article.Text) {
		t.Errorf("round trip: got %+v", got)
	}
	if _, err := db.Article(ctx, "a-missing"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("missing article: err = %v, want ErrNotFound", err)
	}
}

func TestOpenPragmas(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	for _, c := range []struct {
		conn   string
		pragma string
		want   string
	}{
		{"writer", "journal_mode", "wal"},
		{"writer", "synchronous", "1"},
		{"writer", "foreign_keys", "1"},
		{"reader", "foreign_keys", "1"},
		{"reader", "query_only", "1"},
		{"writer", "busy_timeout", "10000"},
		{"writer", "cache_size", "-32000"},
		{"reader", "cache_size", "-32000"},
	} {
		t.Run(c.conn+"/"+c.pragma, func(t *testing.T) {
			pool := db.w
			if c.conn == "reader" {
				pool = db.r
			}
			var got string
			if err := pool.QueryRowContext(ctx, "PRAGMA "+c.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("PRAGMA %s = %s, want %s", c.pragma, got, c.want)
			}
		})
	}
}

func TestOpenBadPaths(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	const garbageText = "this is not a database file, only some words padded out to look long enough"
	if err := os.WriteFile(garbage, []byte(garbageText), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ name, path string }{
		{"empty", ""},
		{"memory", ":memory:"},
		{"uri", "file:x.db"},
		{"folder", dir},
		{"not a database", garbage},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, err := Open(ctx, c.path)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded", c.path)
			}
			t.Logf("Open(%q): %v", c.path, err)
		})
	}
	// A failed open must not have touched a file that was not ours.
	if b, err := os.ReadFile(garbage); err != nil || string(b) != garbageText {
		t.Errorf("the non-database file changed: %q, %v", b, err)
	}
}

func TestOpenOddFileName(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "what?#50% sure", "my db?.sqlite")
	db, err := Open(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Add(ctx, &news.Doc{Article: &news.Article{Text: "A short invented line of text."}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("database not created at the exact path: %v", err)
	}
}

// Two handles on one file stand for two processes (a server and a CLI):
// their writes wait on each other through busy_timeout and the duplicate
// check inside the write transaction still holds across them.
func TestTwoHandlesOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shared.db")
	var dbs [2]*DB
	for i := range dbs {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	const n = 40
	errs := make(chan error, 2*n)
	added := make(chan string, 2*n)
	var wg sync.WaitGroup
	for _, db := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n {
				res, err := db.Add(ctx, crashDoc(i))
				if err != nil {
					errs <- err
					continue
				}
				if res.Added {
					added <- res.ID
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	close(added)
	for err := range errs {
		t.Error(err)
	}
	seen := map[string]bool{}
	for id := range added {
		if seen[id] {
			t.Errorf("%s added twice", id)
		}
		seen[id] = true
	}
	for _, db := range dbs {
		if c, err := db.Count(ctx); err != nil || c != n {
			t.Errorf("Count = %d, %v; want %d", c, err, n)
		}
	}
	if err := dbs[0].IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

// Adds cut short by their context leave nothing half-written and the
// writer usable for the next caller.
func TestCancelledAddsLeaveStoreUsable(t *testing.T) {
	db := openTemp(t)
	bg := context.Background()
	stored := 0
	for i := range 200 {
		ctx, cancel := context.WithTimeout(bg, time.Duration(i%7)*100*time.Microsecond)
		res, err := db.Add(ctx, crashDoc(i))
		cancel()
		if err == nil && res.Added {
			stored++
		}
	}
	n, err := db.Count(bg)
	if err != nil || n != stored {
		t.Fatalf("Count = %d, %v; want the %d adds that returned success", n, err, stored)
	}
	if _, err := db.Add(bg, crashDoc(100000)); err != nil {
		t.Fatalf("add after cancellations: %v", err)
	}
	if err := db.IntegrityCheck(bg); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of 200 adds finished before their deadline", stored)
}
