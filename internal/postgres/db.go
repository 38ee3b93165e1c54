// Package postgres keeps storyline's articles in PostgreSQL: the shared
// store for many processes and machines, with the same behaviour as the
// embedded SQLite store (both pass internal/storetest). Full-text search is
// a tsvector column with a GIN index; migrations are built into the binary.
package postgres

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"

	"storyline/internal/news"
)

// DB is a news.Store on one PostgreSQL database (the schema first on the
// connection's search_path). It is safe for concurrent use, also by many
// processes sharing the database.
type DB struct {
	name string // the URL without its password, for messages
	pool *pgxpool.Pool

	closeOnce sync.Once
}

var _ news.Store = (*DB)(nil)

// IsURL reports whether s names a PostgreSQL database (postgres:// or
// postgresql://) rather than a file.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// Redact returns the URL without its password, fit for messages.
func Redact(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "postgres://…" // an unparseable URL might hold anything
	}
	return u.Redacted()
}

// Open connects to the database at rawURL (postgres://user@host:port/db?…;
// libpq's parameters, pgx's pool_max_conns and run-time settings such as
// search_path may be given in the query), checks that it is reachable and
// uses UTF-8, and brings its schema up to date. It refuses a schema written
// by a newer storyline, and a schema holding tables that are not ours.
func Open(ctx context.Context, rawURL string) (*DB, error) {
	name := Redact(rawURL)
	if !IsURL(rawURL) {
		return nil, fmt.Errorf("open database %s: %w: need a postgres:// URL", name, news.ErrInvalid)
	}
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		// pgx's message may quote the URL; ours names it redacted.
		return nil, fmt.Errorf("open database %s: %w: cannot parse the URL", name, news.ErrInvalid)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", name, err)
	}
	db := &DB{name: name, pool: pool}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open database %s: %w", name, err)
	}
	var enc string
	if err := pool.QueryRow(ctx, "SHOW server_encoding").Scan(&enc); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open database %s: %w", name, err)
	}
	if enc != "UTF8" {
		pool.Close()
		return nil, fmt.Errorf("open database %s: %w: the database's encoding is %s; storyline needs UTF8 (CREATE DATABASE … ENCODING 'UTF8' TEMPLATE template0)", name, news.ErrInvalid, enc)
	}
	if err := migrate(ctx, pool); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open database %s: %w", name, err)
	}
	return db, nil
}

// Name is the database's URL without its password.
func (db *DB) Name() string { return db.name }

// Close closes the connections; calls after the first do nothing, and
// every other method fails once it is closed.
func (db *DB) Close() error {
	db.closeOnce.Do(db.pool.Close)
	return nil
}

// digest is the SHA-256 of its parts, each ended by a NUL (which no stored
// string holds), so ("ab", "c") and ("a", "bc") differ.
func digest(parts ...string) []byte {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum(nil)
}
