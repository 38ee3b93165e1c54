package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"storyline/internal/news"
)

// CachedAnnotations returns the annotations stored for a text hash by the
// pipeline of the given version; ok is false when there are none.
func (db *DB) CachedAnnotations(ctx context.Context, hash, version string) (*news.Annotations, bool, error) {
	var data string
	err := db.r.QueryRowContext(ctx, "SELECT data FROM annotation_cache WHERE hash = ? AND version = ?", hash, version).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("cached annotations %.16s@%s: %w", hash, version, err)
	}
	a, err := decodeAnnotations([]byte(data))
	if err != nil {
		return nil, false, fmt.Errorf("cached annotations %.16s@%s: %w", hash, version, err)
	}
	return a, true, nil
}

// PutAnnotations caches annotations for a text hash and pipeline version
// without storing an article, for runs that analyse but do not keep texts.
// A later put for the same key replaces the earlier one.
func (db *DB) PutAnnotations(ctx context.Context, hash, version string, a news.Annotations) error {
	if hash == "" || version == "" {
		return fmt.Errorf("cache annotations: %w: need a hash and a version", news.ErrInvalid)
	}
	for _, s := range []string{hash, version} {
		if err := checkString(s); err != nil || len(s) > MaxFieldBytes {
			return fmt.Errorf("cache annotations: %w: bad key %q", news.ErrInvalid, s)
		}
	}
	b, err := encodeAnnotations(a)
	if err != nil {
		return fmt.Errorf("cache annotations %.16s@%s: %w", hash, version, err)
	}
	now, _ := formatTime(time.Now())
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("cache annotations %.16s@%s: %w", hash, version, err)
	}
	defer tx.Rollback()
	if err := putCache(ctx, tx, hash, version, b, now); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("cache annotations %.16s@%s: commit: %w", hash, version, err)
	}
	return nil
}

func putCache(ctx context.Context, tx *sql.Tx, hash, version string, data []byte, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO annotation_cache (hash, version, data, added_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (hash, version) DO UPDATE SET data = excluded.data, added_at = excluded.added_at`,
		hash, version, string(data), now)
	if err != nil {
		return fmt.Errorf("cache annotations %.16s@%s: %w", hash, version, err)
	}
	return nil
}

// AnnotationCache adapts a DB to the pipeline runner's cache (Get and Put
// without errors): a failed read is a miss, a failed write is dropped, since
// the cache only saves work and the runner recomputes what it cannot find.
type AnnotationCache struct{ DB *DB }

// Get returns the cached annotations for hash at version.
func (c AnnotationCache) Get(ctx context.Context, hash, version string) (*news.Annotations, bool) {
	a, ok, err := c.DB.CachedAnnotations(ctx, hash, version)
	if err != nil {
		return nil, false
	}
	return a, ok
}

// Put caches annotations for hash at version.
func (c AnnotationCache) Put(ctx context.Context, hash, version string, a news.Annotations) {
	_ = c.DB.PutAnnotations(ctx, hash, version, a)
}
