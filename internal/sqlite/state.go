package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"storyline/internal/news"
)

var _ news.StateStore = (*DB)(nil)

// GetState reads values in batches of bound parameters.
func (db *DB) GetState(ctx context.Context, ns string, keys []string) (map[string][]byte, error) {
	return getState(ctx, db.r, ns, keys)
}

func getState(ctx context.Context, q querier, ns string, keys []string) (map[string][]byte, error) {
	if err := news.CheckStateKey("namespace", ns); err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	const batch = 500
	for i := 0; i < len(keys); i += batch {
		part := keys[i:min(i+batch, len(keys))]
		args := []any{ns}
		sel := "SELECT key, value FROM state WHERE ns = ? AND key IN (" + placeholders(len(part)) + ")"
		for _, k := range part {
			args = append(args, k)
		}
		rows, err := q.QueryContext(ctx, sel, args...)
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
	return scanState(ctx, db.r, ns, after, limit)
}

func scanState(ctx context.Context, q querier, ns, after string, limit int) ([]news.StateValue, error) {
	if err := news.CheckStateKey("namespace", ns); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, fmt.Errorf("scan state %s: %w: limit %d", ns, news.ErrInvalid, limit)
	}
	rows, err := q.QueryContext(ctx, "SELECT key, value FROM state WHERE ns = ? AND key > ? ORDER BY key LIMIT ?", ns, after, limit)
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
	// One write is a few hundred rows: each statement is parsed once.
	del, err := tx.PrepareContext(ctx, "DELETE FROM state WHERE ns = ? AND key = ?")
	if err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	defer del.Close()
	put, err := tx.PrepareContext(ctx, "INSERT INTO state (ns, key, value) VALUES (?, ?, ?) ON CONFLICT (ns, key) DO UPDATE SET value = excluded.value")
	if err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	defer put.Close()
	post, err := tx.PrepareContext(ctx, "INSERT INTO postings (ns, key, id) VALUES (?, ?, ?)")
	if err != nil {
		return fmt.Errorf("write state: %w", err)
	}
	defer post.Close()
	for _, v := range w.Values {
		if v.Value == nil {
			_, err = del.ExecContext(ctx, v.NS, v.Key)
		} else {
			_, err = put.ExecContext(ctx, v.NS, v.Key, v.Value)
		}
		if err != nil {
			return fmt.Errorf("write state %s/%.40q: %w", v.NS, v.Key, err)
		}
	}
	for _, p := range w.Postings {
		if _, err := post.ExecContext(ctx, p.NS, p.Key, p.ID); err != nil {
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
	return postings(ctx, db.r, ns, keys, perKey)
}

func postings(ctx context.Context, q querier, ns string, keys []string, perKey int) (map[string][]string, error) {
	if err := news.CheckStateKey("namespace", ns); err != nil {
		return nil, err
	}
	if perKey <= 0 {
		return nil, fmt.Errorf("postings %s: %w: perKey %d", ns, news.ErrInvalid, perKey)
	}
	out := map[string][]string{}
	if len(keys) == 0 {
		return out, nil
	}
	// A read is one range per key, often a hundred keys: parsed once.
	stmt, err := q.PrepareContext(ctx, "SELECT id FROM postings WHERE ns = ? AND key = ? ORDER BY seq DESC LIMIT ?")
	if err != nil {
		return nil, fmt.Errorf("postings %s: %w", ns, err)
	}
	defer stmt.Close()
	for _, k := range keys {
		rows, err := stmt.QueryContext(ctx, ns, k, perKey*8)
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

// querier is a pool of connections to read through.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// Folding is db for a process that reads state and writes it in turn, one
// article after another (the cross-article pass folding articles in). Its
// reads of state go through the connection that writes: a reader
// connection's page cache is dropped by every commit of another, so each
// read after each fold went to the file again, while the writer's stays
// warm (a fold of 2,000 articles took 26 ms an article, 22 this way).
// Those reads wait while another write runs; everything else is db's.
type Folding struct{ *DB }

// Folding returns db's view for folding.
func (db *DB) Folding() Folding { return Folding{db} }

func (f Folding) GetState(ctx context.Context, ns string, keys []string) (map[string][]byte, error) {
	return getState(ctx, f.w, ns, keys)
}

func (f Folding) ScanState(ctx context.Context, ns, after string, limit int) ([]news.StateValue, error) {
	return scanState(ctx, f.w, ns, after, limit)
}

func (f Folding) Postings(ctx context.Context, ns string, keys []string, perKey int) (map[string][]string, error) {
	return postings(ctx, f.w, ns, keys, perKey)
}
