package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"storyline/internal/news"
	"storyline/internal/storecheck"
)

// SetAnnotations replaces the stored annotations of article id with a, made
// by the pipeline of the given version. It is how stored articles are re-analysed after the pipeline
// changes, since adding them again is a no-op. Spans must fit the stored
// text.
func (db *DB) SetAnnotations(ctx context.Context, id, version string, a news.Annotations) error {
	if storecheck.Short(version) != nil {
		return fmt.Errorf("set annotations of %s: %w: pipeline version %q", id, news.ErrInvalid, version)
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set annotations of %s: %w", id, err)
	}
	defer tx.Rollback()
	var text string
	err = tx.QueryRowContext(ctx, "SELECT text FROM articles WHERE id = ?", id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("set annotations of %q: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("set annotations of %s: %w", id, err)
	}
	d := &news.Doc{Article: &news.Article{Text: text}}
	d.SetAnnotations(a)
	if err := d.Validate(); err != nil {
		return fmt.Errorf("set annotations of %s: %w", id, err)
	}
	b, err := storecheck.EncodeAnnotations(a)
	if err != nil {
		return fmt.Errorf("set annotations of %s: %w", id, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO annotations (article_id, version, data) VALUES (?, ?, ?)
		ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, data = excluded.data`, id, version, string(b)); err != nil {
		return fmt.Errorf("set annotations of %s: %w", id, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set annotations of %s: commit: %w", id, err)
	}
	return nil
}

// StaleAnnotations lists, in ID order, up to limit (≤ 0: all) articles
// whose stored annotations were not made by the pipeline of the given
// version, so a caller can re-analyse them in batches.
func (db *DB) StaleAnnotations(ctx context.Context, version string, limit int) ([]string, error) {
	q := `SELECT a.id FROM articles a LEFT JOIN annotations n ON n.article_id = a.id
		WHERE n.version IS NULL OR n.version <> ? ORDER BY a.id`
	args := []any{version}
	if limit > 0 {
		q += " LIMIT ?"
		args = append(args, limit)
	}
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("stale annotations: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("stale annotations: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("stale annotations: %w", err)
	}
	return ids, nil
}
