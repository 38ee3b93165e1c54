package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"storyline/internal/news"
	"storyline/internal/storecheck"
)

// CachedAnnotations returns the annotations cached under key by the pipeline
// of the given version; ok is false when there are none. The key is the
// text's content hash, qualified by whatever else the annotations depend on,
// as the one who put them chose (see PutAnnotations).
func (db *DB) CachedAnnotations(ctx context.Context, key, version string) (*news.Annotations, bool, error) {
	if storecheck.String(key) != nil || storecheck.String(version) != nil {
		return nil, false, nil // never stored: PutAnnotations refuses such keys
	}
	var data string
	err := db.pool.QueryRow(ctx, "SELECT data FROM annotation_cache WHERE key = $1 AND hash = $2 AND version = $3",
		digest(key, version), key, version).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
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
	// One statement, so no transaction: concurrent puts of one key end with
	// one of them, whole.
	if _, err := db.pool.Exec(ctx, `INSERT INTO annotation_cache (key, hash, version, data, added_at) VALUES ($1, $2, $3, $4, now())
		ON CONFLICT (key) DO UPDATE SET data = excluded.data, added_at = excluded.added_at`,
		digest(key, version), key, version, string(b)); err != nil {
		return fmt.Errorf("cache annotations %.16s@%s: %w", key, version, err)
	}
	return nil
}
