package sqlite

import (
	"context"
	"fmt"
	"time"

	"storyline/internal/news"
)

// MaxBatch bounds how many articles one AddBatch call takes.
const MaxBatch = 10_000

// AddBatch stores many docs in one transaction: each as Add would store
// it (an article already stored, or repeated within the batch, is skipped
// with Added false), but with one commit for all. It is for filling a
// store in bulk (storyline bench fills stores of a million articles):
// committing once per article costs more than the inserts themselves.
// Either every doc of the batch is stored or, on an error, none is.
func (db *DB) AddBatch(ctx context.Context, docs []*news.Doc) ([]news.AddResult, error) {
	if len(docs) > MaxBatch {
		return nil, fmt.Errorf("add %d articles: %w: at most %d in one batch", len(docs), news.ErrTooLarge, MaxBatch)
	}
	now := time.Now()
	rows := make([]*row, len(docs))
	for i, d := range docs {
		rw, err := prepare(d, now)
		if err != nil {
			return nil, err
		}
		rows[i] = rw
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("add %d articles: %w", len(docs), err)
	}
	defer tx.Rollback()
	out := make([]news.AddResult, len(rows))
	for i, rw := range rows {
		if out[i], err = insertTx(ctx, tx, rw, ""); err != nil {
			return nil, err
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("add %d articles: commit: %w", len(docs), err)
	}
	return out, nil
}
