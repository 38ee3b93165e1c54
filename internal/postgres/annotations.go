package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"storyline/internal/news"
	"storyline/internal/storecheck"
)

// SetAnnotations replaces the stored annotations of article id with a, made
// by the pipeline of the given version. It is how stored articles are
// re-analysed after the pipeline changes, since adding them again is a
// no-op. Spans must fit the stored text.
func (db *DB) SetAnnotations(ctx context.Context, id, version string, a news.Annotations) error {
	if storecheck.Short(version) != nil {
		return fmt.Errorf("set annotations of %s: %w: pipeline version %q", id, news.ErrInvalid, version)
	}
	b, err := storecheck.EncodeAnnotations(a)
	if err != nil {
		return fmt.Errorf("set annotations of %s: %w", id, err)
	}
	err = pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		// FOR SHARE: the text the spans are checked against cannot change
		// before the annotations are written.
		var text string
		err := tx.QueryRow(ctx, "SELECT text FROM articles WHERE id = $1 FOR SHARE", id).Scan(&text)
		if errors.Is(err, pgx.ErrNoRows) {
			return news.ErrNotFound
		}
		if err != nil {
			return err
		}
		d := &news.Doc{Article: &news.Article{Text: text}}
		d.SetAnnotations(a)
		if err := d.Validate(); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO annotations (article_id, version, data) VALUES ($1, $2, $3)
			ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, data = excluded.data`, id, version, string(b))
		return err
	})
	if err != nil {
		return fmt.Errorf("set annotations of %q: %w", id, err)
	}
	return nil
}

// StaleAnnotations lists, in ID order, up to limit (≤ 0: all) articles
// whose stored annotations were not made by the pipeline of the given
// version, so a caller can re-analyse them in batches.
func (db *DB) StaleAnnotations(ctx context.Context, version string, limit int) ([]string, error) {
	q := `SELECT a.id FROM articles a LEFT JOIN annotations n ON n.article_id = a.id
		WHERE n.version IS DISTINCT FROM $1 ORDER BY a.id`
	args := []any{version}
	if limit > 0 {
		q += " LIMIT $2"
		args = append(args, limit)
	}
	rows, err := db.pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("stale annotations: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("stale annotations: %w", err)
	}
	return ids, nil
}
