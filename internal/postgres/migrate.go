package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"storyline/internal/news"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// ErrSchemaTooNew means the database was written by a newer storyline whose
// schema this binary does not know; writing to it could corrupt it.
var ErrSchemaTooNew = errors.New("database schema is newer than this program")

// migrationLock is the advisory lock key every migration transaction holds,
// so processes opening one fresh database at the same moment apply each
// migration once instead of racing on CREATE TABLE.
const migrationLock int64 = 0x73746f72796c696e // "storylin"

type migration struct {
	version int
	name    string
	sql     string
}

// migrations reads the embedded NNNN_name.sql files in version order and
// checks that the versions run 1, 2, 3… without gaps or repeats, so a
// misnamed file fails every test rather than skipping a step in the field.
func migrations(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, "migrations")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_what.sql", name)
		}
		body, err := fs.ReadFile(fsys, path.Join("migrations", name))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		ms = append(ms, migration{version: v, name: name, sql: string(body)})
	}
	// ReadDir sorts by name; zero-padded numbers make that version order.
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.name, i+1)
		}
	}
	return ms, nil
}

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() int {
	ms, err := migrations(migrationFS)
	if err != nil {
		return 0
	}
	return len(ms)
}

// migrate applies the embedded migrations the schema lacks, each in its own
// transaction together with its schema_migrations row, so a crash leaves
// the schema at one version or the next, never between. PostgreSQL's DDL is
// transactional, so this holds for every statement of a migration.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	ms, err := migrations(migrationFS)
	if err != nil {
		return err
	}
	// Another program's schema must come out of a failed open exactly as it
	// went in: check before adding tables to it.
	var schema *string
	var ours bool
	var tables int
	if err := pool.QueryRow(ctx, `SELECT current_schema(),
			coalesce(bool_or(tablename = 'schema_migrations'), false), count(*)
		FROM pg_tables WHERE schemaname = current_schema()`).Scan(&schema, &ours, &tables); err != nil {
		return fmt.Errorf("read schema: %w", err)
	}
	if schema == nil {
		return fmt.Errorf("%w: no schema of the search_path exists to hold storyline's tables", news.ErrInvalid)
	}
	if !ours && tables > 0 {
		return fmt.Errorf("%w: schema %s holds %d tables but no schema_migrations; it is not a storyline database (give storyline its own database, or a schema of its own with search_path)",
			news.ErrInvalid, *schema, tables)
	}
	for _, m := range ms {
		if err := apply(ctx, pool, m, len(ms)); err != nil {
			return err
		}
	}
	// Nothing needed applying when the schema is at or past our latest
	// version; past it is refused here.
	var current int
	if err := pool.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	return checkNotNewer(current, len(ms))
}

func apply(ctx context.Context, pool *pgxpool.Pool, m migration, latest int) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrationLock); err != nil {
			return fmt.Errorf("migration %s: lock: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    integer PRIMARY KEY,
			name       text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
			return fmt.Errorf("migration %s: create schema_migrations: %w", m.name, err)
		}
		// Read under the lock: another process may have applied it a moment ago.
		var current int
		if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
			return fmt.Errorf("migration %s: read schema version: %w", m.name, err)
		}
		if err := checkNotNewer(current, latest); err != nil {
			return err
		}
		if current >= m.version {
			return nil
		}
		// No arguments: the simple protocol, which runs a file of many statements.
		if _, err := tx.Exec(ctx, m.sql, pgx.QueryExecModeSimpleProtocol); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, m.name); err != nil {
			return fmt.Errorf("migration %s: record: %w", m.name, err)
		}
		return nil
	})
}

func checkNotNewer(current, latest int) error {
	if current > latest {
		return fmt.Errorf("%w: database has schema version %d, this storyline knows up to %d; use a newer storyline", ErrSchemaTooNew, current, latest)
	}
	return nil
}
