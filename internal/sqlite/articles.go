package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"storyline/internal/news"
	"storyline/internal/storecheck"
)

// Add stores the doc's article and annotations in one transaction, without
// saying which pipeline version made the annotations.
func (db *DB) Add(ctx context.Context, d *news.Doc) (news.AddResult, error) {
	return db.AddWithVersion(ctx, d, "")
}

// AddWithVersion is Add for annotations made by the pipeline of the given
// version (pipeline.Plan.Version()), recorded so that StaleAnnotations can
// find the articles a newer pipeline should re-analyse.
//
// It does not fill the annotation cache: what annotations depend on besides
// the text (the runner adds the publication day to its key) is the
// runner's to say, and it fills the cache itself (pipeline.StoreCache).
//
// An article already stored (same URL; without URL, same content hash) is
// left as it is and its ID returned with Added false.
func (db *DB) AddWithVersion(ctx context.Context, d *news.Doc, version string) (news.AddResult, error) {
	if storecheck.Short(version) != nil {
		return news.AddResult{}, fmt.Errorf("add article: %w: pipeline version %q", news.ErrInvalid, version)
	}
	rw, err := prepare(d, time.Now())
	if err != nil {
		return news.AddResult{}, err
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return news.AddResult{}, fmt.Errorf("add article %s: %w", rw.a.ID, err)
	}
	defer tx.Rollback()
	res, err := insertTx(ctx, tx, rw, version)
	if err != nil || !res.Added {
		return res, err
	}
	if err := tx.Commit(); err != nil {
		return news.AddResult{}, fmt.Errorf("add article %s: commit: %w", rw.a.ID, err)
	}
	return res, nil
}

// insertTx adds one prepared article inside tx, unless it is stored already.
func insertTx(ctx context.Context, tx *sql.Tx, rw *row, version string) (news.AddResult, error) {
	a := &rw.a
	var err error

	// Looked up inside the write transaction, so two goroutines or processes
	// adding the same article cannot both insert it.
	var existing string
	if a.URL != "" {
		// "url <> ''" lets SQLite use the partial index articles_url; without
		// it every add scanned the whole table (storyline bench: 14 ms an
		// add at 10k stored articles).
		err = tx.QueryRowContext(ctx, "SELECT id FROM articles WHERE url = ? AND url <> ''", a.URL).Scan(&existing)
	} else {
		err = tx.QueryRowContext(ctx, "SELECT id FROM articles WHERE hash = ? ORDER BY seq LIMIT 1", a.Hash).Scan(&existing)
	}
	switch {
	case err == nil:
		return news.AddResult{ID: existing, Added: false}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return news.AddResult{}, fmt.Errorf("add article %s: look up duplicate: %w", a.ID, err)
	}
	var other string
	err = tx.QueryRowContext(ctx, "SELECT url FROM articles WHERE id = ?", a.ID).Scan(&other)
	if err == nil {
		return news.AddResult{}, fmt.Errorf("add article %s: %w: the ID already names another article (url %q)", a.ID, news.ErrConflict, other)
	} else if !errors.Is(err, sql.ErrNoRows) {
		return news.AddResult{}, fmt.Errorf("add article %s: %w", a.ID, err)
	}

	_, err = tx.ExecContext(ctx, `INSERT INTO articles
		(id, url, hash, source, site, outlet, byline, title, published, date_inferred, language, format, text, removed, added_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.URL, a.Hash, a.Source, a.Site, a.Outlet, a.Byline, a.Title, rw.published, a.DateInferred,
		a.Language, a.Format, a.Text, rw.removed, rw.addedAt)
	if err != nil {
		return news.AddResult{}, fmt.Errorf("add article %s: %w", a.ID, err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO annotations (article_id, version, data) VALUES (?, ?, ?)",
		a.ID, version, string(rw.notes)); err != nil {
		return news.AddResult{}, fmt.Errorf("add article %s: annotations: %w", a.ID, err)
	}
	return news.AddResult{ID: a.ID, Added: true}, nil
}

const articleColumns = `a.id, a.url, a.hash, a.source, a.site, a.outlet, a.byline, a.title, a.published,
	a.date_inferred, a.language, a.format, a.text, a.removed, a.added_at`

type scanner interface{ Scan(dest ...any) error }

func scanArticle(s scanner, extra ...any) (*news.Article, error) {
	var (
		a                  news.Article
		published, removed sql.NullString
		addedAt            string
	)
	dest := append([]any{&a.ID, &a.URL, &a.Hash, &a.Source, &a.Site, &a.Outlet, &a.Byline, &a.Title, &published,
		&a.DateInferred, &a.Language, &a.Format, &a.Text, &removed, &addedAt}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	var err error
	if published.Valid {
		if a.Published, err = parseTime(published.String); err != nil {
			return nil, fmt.Errorf("article %s: published: %w", a.ID, err)
		}
	}
	if a.AddedAt, err = parseTime(addedAt); err != nil {
		return nil, fmt.Errorf("article %s: added_at: %w", a.ID, err)
	}
	if removed.Valid {
		if err := json.Unmarshal([]byte(removed.String), &a.Removed); err != nil {
			return nil, fmt.Errorf("article %s: removed: %w", a.ID, err)
		}
	}
	return &a, nil
}

// Article returns the stored article, or an error wrapping news.ErrNotFound.
func (db *DB) Article(ctx context.Context, id string) (*news.Article, error) {
	a, err := scanArticle(db.r.QueryRowContext(ctx, "SELECT "+articleColumns+" FROM articles a WHERE a.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %q: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("article %q: %w", id, err)
	}
	return a, nil
}

// Doc returns the article with the annotations stored beside it.
func (db *DB) Doc(ctx context.Context, id string) (*news.Doc, error) {
	var notes sql.NullString
	a, err := scanArticle(db.r.QueryRowContext(ctx, "SELECT "+articleColumns+
		", n.data FROM articles a LEFT JOIN annotations n ON n.article_id = a.id WHERE a.id = ?", id), &notes)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("doc %q: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("doc %q: %w", id, err)
	}
	d := &news.Doc{Article: a}
	if notes.Valid {
		n, err := storecheck.DecodeAnnotations([]byte(notes.String))
		if err != nil {
			return nil, fmt.Errorf("doc %q: %w", id, err)
		}
		d.SetAnnotations(*n)
	}
	return d, nil
}

// Articles lists the articles the filter selects, by publication time then
// ID; articles whose publication time is unknown come last. Since is
// inclusive and Until exclusive; either excludes undated articles.
func (db *DB) Articles(ctx context.Context, f news.ArticleFilter) ([]*news.Article, error) {
	bounds, err := storecheck.Filter(f)
	if err != nil {
		return nil, err
	}
	var (
		where []string
		args  []any
	)
	if f.Outlet != "" {
		where, args = append(where, "a.outlet = ?"), append(args, f.Outlet)
	}
	if f.Site != "" {
		where, args = append(where, "a.site = ?"), append(args, f.Site)
	}
	for _, b := range bounds {
		switch {
		case b.AllDated:
			where = append(where, "a.published IS NOT NULL")
		case b.None:
			where = append(where, "0")
		default:
			where, args = append(where, "a.published "+b.Op+" ?"), append(args, b.At.Format(timeLayout))
		}
	}
	q := "SELECT " + articleColumns + " FROM articles a"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY a.published IS NULL, a.published, a.id"
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit == 0 {
			limit = -1 // SQLite's "no limit", needed to give an OFFSET
		}
		q += " LIMIT ? OFFSET ?"
		args = append(args, limit, f.Offset)
	}
	rows, err := db.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []*news.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, fmt.Errorf("list articles: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	return out, nil
}

// Count returns the number of stored articles.
func (db *DB) Count(ctx context.Context) (int, error) {
	var n int
	if err := db.r.QueryRowContext(ctx, "SELECT count(*) FROM articles").Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// Delete removes an article; its annotations go with it (ON DELETE
// CASCADE) and a trigger takes it out of the search index.
func (db *DB) Delete(ctx context.Context, id string) error {
	res, err := db.w.ExecContext(ctx, "DELETE FROM articles WHERE id = ?", id)
	if err != nil {
		return fmt.Errorf("delete article %q: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("delete article %q: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("delete article %q: %w", id, news.ErrNotFound)
	}
	return nil
}
