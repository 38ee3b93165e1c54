package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/migration"
	"storyline/internal/news"
)

// Every Open reads the embedded migrations (migration.Read checks their
// names and numbers); this says so before any database is involved.
func TestEmbeddedMigrations(t *testing.T) {
	if _, err := migration.Read(migrationFS); err != nil || SchemaVersion() == 0 {
		t.Fatalf("SchemaVersion %d: %v", SchemaVersion(), err)
	}
}

func TestReopenKeepsSchemaAndData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "re.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := db.Add(ctx, crashDoc(1))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for range 2 {
		db, err = Open(ctx, path)
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		var rows, max int
		if err := db.r.QueryRowContext(ctx, "SELECT count(*), max(version) FROM schema_migrations").Scan(&rows, &max); err != nil {
			t.Fatal(err)
		}
		if rows != SchemaVersion() || max != SchemaVersion() {
			t.Errorf("schema_migrations has %d rows up to %d, want %d", rows, max, SchemaVersion())
		}
		if _, err := db.Article(ctx, res.ID); err != nil {
			t.Errorf("article lost on reopen: %v", err)
		}
		db.Close()
	}
}

func TestRefuseNewerDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "future.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// A later storyline would have recorded a migration this one lacks.
	if _, err := db.w.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from_the_future.sql', 'later')", SchemaVersion()+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(ctx, path)
	if err == nil {
		db.Close()
		t.Fatal("opened a database with a newer schema")
	}
	if !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(err.Error(), path) {
		t.Errorf("error = %v; want ErrSchemaTooNew naming the file", err)
	}
}

// Another program's SQLite file is refused and left as it was: no journal
// change, no tables of ours.
func TestRefuseForeignDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "someone-else.db")
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.ExecContext(ctx, "CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')"); err != nil {
		t.Fatal(err)
	}
	other.Close()

	if db, err := Open(ctx, path); err == nil {
		db.Close()
		t.Fatal("opened another program's database")
	} else if !errors.Is(err, news.ErrInvalid) || !strings.Contains(err.Error(), "not a storyline database") {
		t.Errorf("error = %v, want one saying it is not a storyline database", err)
	}

	other, err = sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var mode string
	var tables int
	if err := other.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if err := other.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if mode != "delete" || tables != 1 {
		t.Errorf("after the refused open: journal %s, %d schema entries; want delete and 1", mode, tables)
	}
}
