package sqlite

import (
	"context"
	"fmt"

	"storyline/internal/news"
)

var _ news.StateStore = (*DB)(nil)

// GetState reads values in batches of bound parameters.
func (db *DB) GetState(ctx context.Context, ns string, keys []string) (map[string][]byte, error) {
	if err := news.CheckStateKey("namespace", ns); err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	const batch = 500
	for i := 0; i < len(keys); i += batch {
		part := keys[i:min(i+batch, len(keys))]
		args := []any{ns}
		q := "SELECT key, value FROM state WHERE ns = ? AND key IN (" + placeholders(len(part)) + ")"
		for _, k := range part {
			args = append(args, k)
		}
		rows, err := db.r.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("read state %s: %w", ns, err)
		}
		for rows.Next() {
			var k string
			var v []byte
			if err := rows.Scan(&k, &v); err != nil {
				rows.Close()
				return nil, fmt.Errorf("read state %s: %w", ns, err)
			}
			if v == nil {
				v = []byte{} // an empty value is a value, not a missing one
			}
			out[k] = v
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("read state %s: %w", ns, err)
		}
	}
	return out, nil
}

func (db *DB) ScanState(ctx context.Context, ns, after string, limit int) ([]news.StateValue, error) {
	if err := news.CheckStateKey("namespace", ns); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, fmt.Errorf("scan state %s: %w: limit %d", ns, news.ErrInvalid, limit)
	}
	rows, err := db.r.QueryContext(ctx, "SELECT key, value FROM state WHERE ns = ? AND key > ? ORDER BY key LIMIT ?", ns, after, limit)
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
	if err := w.Validate(news.CheckStateKey); err != nil {
		return err
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	defer tx.Rollback()
	for _, v := range w.Values {
		if v.Value == nil {
			_, err = tx.ExecContext(ctx, "DELETE FROM state WHERE ns = ? AND key = ?", v.NS, v.Key)
		} else {
			_, err = tx.ExecContext(ctx, "INSERT INTO state (ns, key, value) VALUES (?, ?, ?) ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value", v.NS, v.Key, v.Value)
		}
		if err != nil {
			return fmt.Errorf("write state %s/%.40q: %w", v.NS, v.Key, err)
		}
	}
	for _, p := range w.Postings {
		if _, err := tx.ExecContext(ctx, "INSERT INTO postings (ns, key, id) VALUES (?, ?, ?)", p.NS, p.Key, p.ID); err != nil {
			return fmt.Errorf("write posting %s/%.40q: %w", p.NS, p.Key, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	return nil
}

// Postings reads each key's newest entries from the end of its index range;
// reading at most perKey*8 of them bounds the work when one busy ID fills
// the tail of a key.
func (db *DB) Postings(ctx context.Context, ns string, keys []string, perKey int) (map[string][]string, error) {
	if err := news.CheckStateKey("namespace", ns); err != nil {
		return nil, err
	}
	if perKey <= 0 {
		return nil, fmt.Errorf("postings %s: %w: perKey %d", ns, news.ErrInvalid, perKey)
	}
	out := map[string][]string{}
	for _, k := range keys {
		rows, err := db.r.QueryContext(ctx, "SELECT id FROM postings WHERE ns = ? AND key = ? ORDER BY seq DESC LIMIT ?", ns, k, perKey*8)
		if err != nil {
			return nil, fmt.Errorf("postings %s: %w", ns, err)
		}
		seen := map[string]bool{}
		for rows.Next() && len(out[k]) < perKey {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("postings %s: %w", ns, err)
			}
			if !seen[id] {
				seen[id] = true
				out[k] = append(out[k], id)
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("postings %s: %w", ns, err)
		}
	}
	return out, nil
}

// placeholders returns "?, ?, …" for n bound parameters.
func placeholders(n int) string {
	b := make([]byte, 0, 3*n)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(b, '?')
	}
	return string(b)
}

// DropState deletes every value and posting whose namespace begins with
// prefix, in one transaction. It reads the tables through (rare: once
// per rebuilt pass), so it needs no index on prefixes.
func (db *DB) DropState(ctx context.Context, prefix string) error {
	if err := news.CheckStateKey("namespace prefix", prefix); err != nil {
		return err
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("drop state %q: %w", prefix, err)
	}
	defer tx.Rollback()
	for _, table := range []string{"state", "postings"} {
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE substr(ns, 1, length(?1)) = ?1", prefix); err != nil {
			return fmt.Errorf("drop state %q: %w", prefix, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("drop state %q: %w", prefix, err)
	}
	return nil
}
