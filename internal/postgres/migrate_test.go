package postgres

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"storyline/internal/migration"
	"storyline/internal/news"
	"storyline/internal/postgres/pgtest"
)

// Every Open reads the embedded migrations (migration.Read checks their
// names and numbers); this says so before any database is involved.
func TestEmbeddedMigrations(t *testing.T) {
	if _, err := migration.Read(migrationFS); err != nil || SchemaVersion() == 0 {
		t.Fatalf("SchemaVersion %d: %v", SchemaVersion(), err)
	}
}

func schemaOf(t *testing.T, url string) string {
	t.Helper()
	_, q, _ := strings.Cut(url, "search_path=")
	schema, _, _ := strings.Cut(q, "&")
	if schema == "" {
		t.Fatalf("no search_path in %s", url)
	}
	return schema
}

func TestReopenKeepsSchemaAndData(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	db, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Add(ctx, &news.Doc{Article: &news.Article{Text: "The ferry timetable changes on the first of the month."}})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Article(ctx, res.ID); err != nil {
		t.Errorf("after reopening: %v", err)
	}
	var rows, version int
	if err := db.pool.QueryRow(ctx, "SELECT count(*), max(version) FROM schema_migrations").Scan(&rows, &version); err != nil {
		t.Fatal(err)
	}
	if rows != SchemaVersion() || version != SchemaVersion() {
		t.Errorf("schema_migrations has %d rows up to version %d, want each of %d once", rows, version, SchemaVersion())
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	db, err := Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	pgtest.Exec(t, "INSERT INTO "+schemaOf(t, url)+".schema_migrations (version, name) VALUES ($1, 'from_the_future.sql')", SchemaVersion()+1)
	db.Close()
	if db, err := Open(ctx, url); !errors.Is(err, ErrSchemaTooNew) {
		if err == nil {
			db.Close()
		}
		t.Errorf("Open = %v, want ErrSchemaTooNew", err)
	}
}

func TestRefusesForeignSchema(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	schema := schemaOf(t, url)
	pgtest.Exec(t, "CREATE TABLE "+schema+".invoices (n integer)")
	db, err := Open(ctx, url)
	if !errors.Is(err, news.ErrInvalid) {
		if err == nil {
			db.Close()
		}
		t.Fatalf("Open on another program's schema = %v, want news.ErrInvalid", err)
	}
	// It must come out as it went in: no tables of ours added.
	check, err := Open(ctx, pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	var n int
	if err := check.pool.QueryRow(ctx, "SELECT count(*) FROM pg_tables WHERE schemaname = $1", schema).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 {
		t.Errorf("schema %s holds %d tables after the refused open, want its 1", schema, n)
	}
}

// Several processes starting at once on a fresh database must each end up
// with the full schema, applied once.
func TestConcurrentOpens(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	var wg sync.WaitGroup
	errs := make([]error, 6)
	for i := range errs {
		wg.Go(func() {
			db, err := Open(ctx, url)
			if err == nil {
				_, err = db.Count(ctx)
				db.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("open %d: %v", i, err)
		}
	}
}
