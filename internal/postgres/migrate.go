package postgres

import (
	"context"
	"embed"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"storyline/internal/migration"
	"storyline/internal/news"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// ErrSchemaTooNew means the database was written by a newer storyline
// (migration.ErrSchemaTooNew).
var ErrSchemaTooNew = migration.ErrSchemaTooNew

// migrationLock is the advisory lock key every migration transaction holds,
// so processes opening one fresh database at the same moment apply each
// migration once instead of racing on CREATE TABLE.
const migrationLock int64 = 0x73746f72796c696e // "storylin"

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() int { return migration.Latest(migrationFS) }

// migrate applies the embedded migrations the schema lacks, each in its own
// transaction together with its schema_migrations row, so a crash leaves
// the schema at one version or the next, never between. PostgreSQL's DDL is
// transactional, so this holds for every statement of a migration.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	ms, err := migration.Read(migrationFS)
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
	return migration.CheckNotNewer(current, len(ms))
}

func apply(ctx context.Context, pool *pgxpool.Pool, m migration.File, latest int) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrationLock); err != nil {
			return fmt.Errorf("migration %s: lock: %w", m.Name, err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
			version    integer PRIMARY KEY,
			name       text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
			return fmt.Errorf("migration %s: create schema_migrations: %w", m.Name, err)
		}
		// Read under the lock: another process may have applied it a moment ago.
		var current int
		if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&current); err != nil {
			return fmt.Errorf("migration %s: read schema version: %w", m.Name, err)
		}
		if err := migration.CheckNotNewer(current, latest); err != nil {
			return err
		}
		if current >= m.Version {
			return nil
		}
		// No arguments: the simple protocol, which runs a file of many statements.
		if _, err := tx.Exec(ctx, m.SQL, pgx.QueryExecModeSimpleProtocol); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.Version, m.Name); err != nil {
			return fmt.Errorf("migration %s: record: %w", m.Name, err)
		}
		return nil
	})
}
