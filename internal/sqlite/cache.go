package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"storyline/internal/news"
	"storyline/internal/storecheck"
)

// CachedAnnotations returns the annotations cached under key by the pipeline
// of the given version; ok is false when there are none. The key is the
// text's content hash, qualified by whatever else the annotations depend on,
// as the one who put them chose (see PutAnnotations).
func (db *DB) CachedAnnotations(ctx context.Context, key, version string) (*news.Annotations, bool, error) {
	var data string
	err := db.r.QueryRowContext(ctx, "SELECT data FROM annotation_cache WHERE hash = ? AND version = ?", key, version).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("cached annotations %.16s@%s: %w", key, version, err)
	}
	a, err := storecheck.DecodeAnnotations([]byte(data))
	if err != nil {
		return nil, false, fmt.Errorf("cached annotations %.16s@%s: %w", key, version, err)
	}
	return a, true, nil
}

// PutAnnotations caches annotations under key (the text's content hash,
// plus anything else they depend on) and pipeline version, whether or not
// the article is stored, so unchanged texts are not analysed again. A later
// put for the same key and version replaces the earlier one.
func (db *DB) PutAnnotations(ctx context.Context, key, version string, a news.Annotations) error {
	if err := storecheck.CacheKey(key, version); err != nil {
		return err
	}
	b, err := storecheck.EncodeAnnotations(a)
	if err != nil {
		return fmt.Errorf("cache annotations %.16s@%s: %w", key, version, err)
	}
	now, _ := formatTime(time.Now())
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("cache annotations %.16s@%s: %w", key, version, err)
	}
	defer tx.Rollback()
	if err := putCache(ctx, tx, key, version, b, now); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("cache annotations %.16s@%s: commit: %w", key, version, err)
	}
	return nil
}

func putCache(ctx context.Context, tx *sql.Tx, key, version string, data []byte, now string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO annotation_cache (hash, version, data, added_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (hash, version) DO UPDATE SET data = excluded.data, added_at = excluded.added_at`,
		key, version, string(data), now)
	if err != nil {
		return fmt.Errorf("cache annotations %.16s@%s: %w", key, version, err)
	}
	return nil
}
