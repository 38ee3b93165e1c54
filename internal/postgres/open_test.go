package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"storyline/internal/news"
	"storyline/internal/postgres/pgtest"
)

func TestIsURLAndRedact(t *testing.T) {
	for _, c := range []struct {
		in       string
		isURL    bool
		redacted string
	}{
		{"postgres://ann:s3cret@db.example:5432/news?sslmode=require", true, "postgres://ann:xxxxx@db.example:5432/news?sslmode=require"},
		{"PostgreSQL://db.example/news", true, "postgresql://db.example/news"},
		{"storyline.db", false, "storyline.db"},
		{"/var/lib/postgres://odd.db", false, "/var/lib/postgres://odd.db"},
		{"postgres://ann:s3cret@[::1/news", true, "postgres://…"},
	} {
		t.Run(c.in, func(t *testing.T) {
			if got := IsURL(c.in); got != c.isURL {
				t.Errorf("IsURL = %v, want %v", got, c.isURL)
			}
			if got := Redact(c.in); got != c.redacted {
				t.Errorf("Redact = %q, want %q", got, c.redacted)
			}
		})
	}
}

// A server that is not there fails Open with an error that names it
// without its password.
func TestOpenFails(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	for _, c := range []struct {
		name, url string
		kind      error
	}{
		{"no server", "postgres://ann:s3cret@" + addr + "/news?connect_timeout=5", nil},
		{"not a URL", "news.db", news.ErrInvalid},
		{"bad parameter", "postgres://ann:s3cret@" + addr + "/news?sslmode=sometimes", news.ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, err := Open(ctx, c.url)
			if err == nil {
				db.Close()
				t.Fatal("Open succeeded")
			}
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("error shows the password: %v", err)
			}
			if c.kind != nil && !errors.Is(err, c.kind) {
				t.Errorf("error = %v, want %v", err, c.kind)
			}
		})
	}
}

// Add's look-ups must be served by indexes, so that adding an article costs
// the same at a million stored as at a thousand. With sequential scans
// priced out, the planner still picks one when no index can serve.
func TestAddLookupsUseIndexes(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	for _, c := range []struct {
		name, query string
		arg         any
	}{
		{"by URL", byURLKey, digest("https://example.org/x")},
		{"by hash", byHash, news.ContentHash("x")},
		{"by ID", byID, "a0123456789abcdef"},
		{"cache", "SELECT data FROM annotation_cache WHERE key = $1", digest("k", "v")},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
				if _, err := tx.Exec(ctx, "SET LOCAL enable_seqscan = off"); err != nil {
					return err
				}
				rows, err := tx.Query(ctx, "EXPLAIN "+c.query, c.arg)
				if err != nil {
					return err
				}
				lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
				if err != nil {
					return err
				}
				plan := strings.Join(lines, "\n")
				if strings.Contains(plan, "Seq Scan") || !strings.Contains(plan, "Index") {
					return fmt.Errorf("no index serves it:\n%s", plan)
				}
				return nil
			})
			if err != nil {
				t.Error(err)
			}
		})
	}
}

// Adds from separate pools (as from separate processes) of the same texts
// without URL store each text once.
func TestConcurrentAddsAcrossPools(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	const pools, texts = 4, 20
	dbs := make([]*DB, pools)
	for i := range dbs {
		db, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		added = map[string]int{}
	)
	for _, db := range dbs {
		for w := range 2 {
			wg.Go(func() {
				for i := range texts {
					k := (i + w*7) % texts
					res, err := db.Add(ctx, textOnly(fmt.Sprintf("Notice %d: the reading room closes early on Friday.", k)))
					if err != nil {
						t.Error(err)
						return
					}
					mu.Lock()
					if res.Added {
						added[res.ID]++
					}
					mu.Unlock()
				}
			})
		}
	}
	wg.Wait()
	if len(added) != texts {
		t.Errorf("%d texts reported added, want %d", len(added), texts)
	}
	for id, n := range added {
		if n != 1 {
			t.Errorf("%s reported added %d times", id, n)
		}
	}
	if n, err := dbs[0].Count(ctx); err != nil || n != texts {
		t.Errorf("Count = %d, %v; want %d", n, err, texts)
	}
}
