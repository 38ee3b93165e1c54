package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"strings"
	"time"

	"storyline/internal/migration"
	"storyline/internal/news"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// ErrSchemaTooNew means the database was written by a newer storyline
// (migration.ErrSchemaTooNew).
var ErrSchemaTooNew = migration.ErrSchemaTooNew

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() int { return migration.Latest(migrationFS) }

// migrate applies the embedded migrations the database lacks, each in its
// own transaction together with its schema_migrations row, so a crash leaves
// the schema at one version or the next, never between.
func migrate(ctx context.Context, w *sql.DB) error {
	ms, err := migration.Read(migrationFS)
	if err != nil {
		return err
	}
	// Another program's SQLite file must come out of a failed open exactly
	// as it went in: check before changing its journal or adding tables.
	var ours, tables int
	if err := w.QueryRowContext(ctx, `SELECT coalesce(sum(name = 'schema_migrations'), 0), count(*)
		FROM sqlite_schema WHERE type = 'table'`).Scan(&ours, &tables); err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	if ours == 0 && tables > 0 {
		return fmt.Errorf("%w: the file holds %d tables but no schema_migrations; it is not a storyline database", news.ErrInvalid, tables)
	}
	// WAL lets readers work beside the writer; the mode is kept in the
	// file, so setting it once here covers every later connection.
	var mode string
	if err := w.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return fmt.Errorf("set WAL journal: %w", err)
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("set WAL journal: the file stays in %s mode", mode)
	}
	for _, m := range ms {
		if err := apply(ctx, w, m, len(ms)); err != nil {
			return err
		}
	}
	// Nothing needed applying when the database is at or past our latest
	// version; past it is refused here.
	return checkNotNewer(ctx, w, len(ms))
}

func apply(ctx context.Context, w *sql.DB, m migration.File, latest int) error {
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migration %s: create schema_migrations: %w", m.Name, err)
	}
	// Checked inside the write transaction: another process opening the
	// same file at the same moment may have applied it already.
	var current int
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("migration %s: read schema version: %w", m.Name, err)
	}
	if err := migration.CheckNotNewer(current, latest); err != nil {
		return err
	}
	if current >= m.Version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fmt.Errorf("migration %s: %w", m.Name, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		m.Version, m.Name, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return fmt.Errorf("migration %s: record: %w", m.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migration %s: commit: %w", m.Name, err)
	}
	return nil
}

func checkNotNewer(ctx context.Context, w *sql.DB, latest int) error {
	var current int
	if err := w.QueryRowContext(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	return migration.CheckNotNewer(current, latest)
}
