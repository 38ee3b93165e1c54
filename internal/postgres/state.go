package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"storyline/internal/news"
)

var _ news.StateStore = (*DB)(nil)

// checkStateKey is news.CheckStateKey refusing NUL bytes too, which a
// PostgreSQL text column cannot hold.
func checkStateKey(what, s string) error {
	if err := news.CheckStateKey(what, s); err != nil {
		return err
	}
	if strings.IndexByte(s, 0) >= 0 {
		return fmt.Errorf("state %s %.40q: %w: want 1 to %d bytes of UTF-8", what, s, news.ErrInvalid, news.MaxStateKey)
	}
	return nil
}

func (db *DB) GetState(ctx context.Context, ns string, keys []string) (map[string][]byte, error) {
	if err := checkStateKey("namespace", ns); err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := db.pool.Query(ctx, "SELECT key, value FROM state WHERE ns = $1 AND key = ANY($2)", ns, keys)
	if err != nil {
		return nil, fmt.Errorf("read state %s: %w", ns, err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var v []byte
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("read state %s: %w", ns, err)
		}
		if v == nil {
			v = []byte{}
		}
		out[k] = v
	}
	return out, rows.Err()
}

func (db *DB) ScanState(ctx context.Context, ns, after string, limit int) ([]news.StateValue, error) {
	if err := checkStateKey("namespace", ns); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, fmt.Errorf("scan state %s: %w: limit %d", ns, news.ErrInvalid, limit)
	}
	rows, err := db.pool.Query(ctx, `SELECT key, value FROM state WHERE ns = $1 AND key > $2 ORDER BY key COLLATE "C" LIMIT $3`, ns, after, limit)
	if err != nil {
		return nil, fmt.Errorf("scan state %s: %w", ns, err)
	}
	defer rows.Close()
	var out []news.StateValue
	for rows.Next() {
		v := news.StateValue{NS: ns}
		if err := rows.Scan(&v.Key, &v.Value); err != nil {
			return nil, fmt.Errorf("scan state %s: %w", ns, err)
		}
		if v.Value == nil {
			v.Value = []byte{}
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func (db *DB) PutState(ctx context.Context, w news.StateWrite) error {
	if err := w.Validate(checkStateKey); err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, v := range w.Values {
			if v.Value == nil {
				b.Queue("DELETE FROM state WHERE ns = $1 AND key = $2", v.NS, v.Key)
			} else {
				b.Queue("INSERT INTO state (ns, key, value) VALUES ($1, $2, $3) ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value", v.NS, v.Key, v.Value)
			}
		}
		for _, p := range w.Postings {
			b.Queue("INSERT INTO postings (ns, key, id) VALUES ($1, $2, $3)", p.NS, p.Key, p.ID)
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("write state: %w", err)
		}
		return nil
	})
}

func (db *DB) Postings(ctx context.Context, ns string, keys []string, perKey int) (map[string][]string, error) {
	if err := checkStateKey("namespace", ns); err != nil {
		return nil, err
	}
	if perKey <= 0 {
		return nil, fmt.Errorf("postings %s: %w: perKey %d", ns, news.ErrInvalid, perKey)
	}
	out := map[string][]string{}
	if len(keys) == 0 {
		return out, nil
	}
	// One query: each key's newest perKey*8 entries from the end of its
	// index range, deduplicated in Go keeping the newest of each ID.
	rows, err := db.pool.Query(ctx, `SELECT k.key, p.id FROM unnest($2::text[]) AS k(key)
		CROSS JOIN LATERAL (SELECT id, seq FROM postings WHERE ns = $1 AND key = k.key ORDER BY seq DESC LIMIT $3) p
		ORDER BY k.key, p.seq DESC`, ns, keys, perKey*8)
	if err != nil {
		return nil, fmt.Errorf("postings %s: %w", ns, err)
	}
	defer rows.Close()
	seen := map[string]map[string]bool{}
	for rows.Next() {
		var k, id string
		if err := rows.Scan(&k, &id); err != nil {
			return nil, fmt.Errorf("postings %s: %w", ns, err)
		}
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		if !seen[k][id] && len(out[k]) < perKey {
			seen[k][id] = true
			out[k] = append(out[k], id)
		}
	}
	return out, rows.Err()
}

// DropState deletes every value and posting whose namespace begins with
// prefix, in one transaction (a scan of both tables: it is rare).
func (db *DB) DropState(ctx context.Context, prefix string) error {
	if err := checkStateKey("namespace prefix", prefix); err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		for _, table := range []string{"state", "postings"} {
			if _, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE left(ns, length($1)) = $1", prefix); err != nil {
				return fmt.Errorf("drop state %q: %w", prefix, err)
			}
		}
		return nil
	})
}
