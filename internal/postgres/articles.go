package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"storyline/internal/news"
	"storyline/internal/storecheck"
)

// The look-ups Add makes before inserting. Each is served by an index
// (TestAddLookupsUseIndexes), so adding costs the same at any size.
const (
	byURLKey  = "SELECT id FROM articles WHERE url_key = $1"
	byHash    = "SELECT id FROM articles WHERE hash = $1 ORDER BY seq LIMIT 1"
	byID      = "SELECT url, hash FROM articles WHERE id = $1"
	insertArt = `INSERT INTO articles
		(id, url, url_key, hash, source, site, outlet, byline, title, published, date_inferred, language, format, text, removed, added_at, search)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
			setweight(to_tsvector('english', $17::text), 'A') || setweight(to_tsvector('english', $18::text), 'B'))
		ON CONFLICT DO NOTHING
		RETURNING seq`
)

// sqlProgramLimit is PostgreSQL's program_limit_exceeded, which to_tsvector
// raises for a text whose index would pass 1 MB.
const sqlProgramLimit = "54000"

// minIndexedBytes is where halving the indexed text stops: below it the
// limit cannot be what failed.
const minIndexedBytes = 64 << 10

// Add stores the doc's article and annotations in one transaction, without
// saying which pipeline version made the annotations.
func (db *DB) Add(ctx context.Context, d *news.Doc) (news.AddResult, error) {
	return db.AddWithVersion(ctx, d, "")
}

// AddWithVersion is Add for annotations made by the pipeline of the given
// version (pipeline.Plan.Version()), recorded so that StaleAnnotations can
// find the articles a newer pipeline should re-analyse. Like the SQLite
// store it does not fill the annotation cache (see PutAnnotations).
//
// An article already stored (same URL; without URL, same content hash) is
// left as it is and its ID returned with Added false, also when several
// processes add it at the same moment.
func (db *DB) AddWithVersion(ctx context.Context, d *news.Doc, version string) (news.AddResult, error) {
	if storecheck.Short(version) != nil {
		return news.AddResult{}, fmt.Errorf("add article: %w: pipeline version %q", news.ErrInvalid, version)
	}
	rw, err := prepare(d, time.Now())
	if err != nil {
		return news.AddResult{}, err
	}
	// The search index of one text may not pass 1 MB. Real articles are far
	// below; for a freak one the index covers as much of the text as fits
	// (the text itself is stored whole).
	indexed := len(rw.a.Text)
	for {
		res, err := db.add(ctx, rw, version, indexed)
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == sqlProgramLimit && indexed > minIndexedBytes {
			indexed /= 2
			continue
		}
		return res, err
	}
}

func (db *DB) add(ctx context.Context, rw *row, version string, indexed int) (news.AddResult, error) {
	a := &rw.a
	var urlKey []byte
	if a.URL != "" {
		urlKey = digest(a.URL)
	}
	var res news.AddResult
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if a.URL == "" {
			// An article without URL is a duplicate of any with its hash,
			// which no unique index can say: adds of one hash take turns.
			if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", hashLock(a.Hash)); err != nil {
				return fmt.Errorf("lock hash: %w", err)
			}
		}
		// Looking first keeps a repeated add cheap: the insert would build
		// the search index before finding the conflict.
		if id, ok, err := db.existing(ctx, tx, a, urlKey); err != nil || ok {
			res = news.AddResult{ID: id}
			return err
		}
		var seq int64
		err := tx.QueryRow(ctx, insertArt,
			a.ID, a.URL, urlKey, a.Hash, a.Source, a.Site, a.Outlet, a.Byline, a.Title, rw.published, a.DateInferred,
			a.Language, a.Format, a.Text, rw.removed, rw.addedAt,
			fold(a.Title), fold(storecheck.Truncate(a.Text, indexed))).Scan(&seq)
		if errors.Is(err, pgx.ErrNoRows) {
			// Another transaction stored the same URL (or ID) after our look-up.
			id, ok, err := db.existing(ctx, tx, a, urlKey)
			if err == nil && !ok {
				err = fmt.Errorf("%w: a concurrent add of the same ID or URL was undone; add again", news.ErrConflict)
			}
			res = news.AddResult{ID: id}
			return err
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "INSERT INTO annotations (article_id, version, data) VALUES ($1, $2, $3)",
			a.ID, version, rw.notes); err != nil {
			return fmt.Errorf("annotations: %w", err)
		}
		res = news.AddResult{ID: a.ID, Added: true}
		return nil
	})
	if err != nil {
		return news.AddResult{}, fmt.Errorf("add article %s: %w", a.ID, err)
	}
	return res, nil
}

// existing finds the stored article a would duplicate. It fails with
// ErrConflict when a's ID already names a different article.
func (db *DB) existing(ctx context.Context, tx pgx.Tx, a *news.Article, urlKey []byte) (string, bool, error) {
	var id string
	var err error
	if urlKey != nil {
		err = tx.QueryRow(ctx, byURLKey, urlKey).Scan(&id)
	} else {
		err = tx.QueryRow(ctx, byHash, a.Hash).Scan(&id)
	}
	switch {
	case err == nil:
		return id, true, nil
	case !errors.Is(err, pgx.ErrNoRows):
		return "", false, fmt.Errorf("look up duplicate: %w", err)
	}
	var url, hash string
	err = tx.QueryRow(ctx, byID, a.ID).Scan(&url, &hash)
	switch {
	case err == nil && (a.URL != "" && url == a.URL || a.URL == "" && hash == a.Hash):
		// The duplicate itself, committed by another add between the two
		// look-ups (each statement sees what was committed when it began).
		return a.ID, true, nil
	case err == nil:
		return "", false, fmt.Errorf("%w: the ID already names another article (url %q)", news.ErrConflict, url)
	case !errors.Is(err, pgx.ErrNoRows):
		return "", false, err
	}
	return "", false, nil
}

// hashLock is the advisory lock key for adds of one content hash.
func hashLock(hash string) int64 {
	h := fnv.New64a()
	h.Write([]byte("storyline article hash\x00"))
	h.Write([]byte(hash))
	return int64(h.Sum64())
}

const articleColumns = `a.id, a.url, a.hash, a.source, a.site, a.outlet, a.byline, a.title, a.published,
	a.date_inferred, a.language, a.format, a.text, a.removed, a.added_at`

func scanArticle(s pgx.Row, extra ...any) (*news.Article, error) {
	var (
		a         news.Article
		published *time.Time
		removed   *string
	)
	dest := append([]any{&a.ID, &a.URL, &a.Hash, &a.Source, &a.Site, &a.Outlet, &a.Byline, &a.Title, &published,
		&a.DateInferred, &a.Language, &a.Format, &a.Text, &removed, &a.AddedAt}, extra...)
	if err := s.Scan(dest...); err != nil {
		return nil, err
	}
	if published != nil {
		a.Published = published.UTC()
	}
	a.AddedAt = a.AddedAt.UTC()
	if removed != nil {
		if err := json.Unmarshal([]byte(*removed), &a.Removed); err != nil {
			return nil, fmt.Errorf("article %s: removed: %w", a.ID, err)
		}
	}
	return &a, nil
}

// Article returns the stored article, or an error wrapping news.ErrNotFound.
func (db *DB) Article(ctx context.Context, id string) (*news.Article, error) {
	if storecheck.String(id) != nil {
		// PostgreSQL would refuse the parameter; no stored ID is like it.
		return nil, fmt.Errorf("article %q: %w", id, news.ErrNotFound)
	}
	a, err := scanArticle(db.pool.QueryRow(ctx, "SELECT "+articleColumns+" FROM articles a WHERE a.id = $1", id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("article %q: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("article %q: %w", id, err)
	}
	return a, nil
}

// Doc returns the article with the annotations stored beside it.
func (db *DB) Doc(ctx context.Context, id string) (*news.Doc, error) {
	if storecheck.String(id) != nil {
		return nil, fmt.Errorf("doc %q: %w", id, news.ErrNotFound)
	}
	var notes *string
	a, err := scanArticle(db.pool.QueryRow(ctx, "SELECT "+articleColumns+
		", n.data FROM articles a LEFT JOIN annotations n ON n.article_id = a.id WHERE a.id = $1", id), &notes)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("doc %q: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("doc %q: %w", id, err)
	}
	d := &news.Doc{Article: a}
	if notes != nil {
		n, err := storecheck.DecodeAnnotations([]byte(*notes))
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
	if storecheck.String(f.Outlet) != nil || storecheck.String(f.Site) != nil {
		return nil, nil // no stored outlet or site is like it
	}
	var (
		where []string
		args  []any
	)
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.Outlet != "" {
		where = append(where, "a.outlet = "+arg(f.Outlet))
	}
	if f.Site != "" {
		where = append(where, "a.site = "+arg(f.Site))
	}
	for _, b := range bounds {
		switch {
		case b.AllDated:
			where = append(where, "a.published IS NOT NULL")
		case b.None:
			where = append(where, "false")
		default:
			where = append(where, "a.published "+b.Op+" "+arg(b.At))
		}
	}
	q := "SELECT " + articleColumns + " FROM articles a"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY a.published NULLS LAST, a.id"
	if f.Limit > 0 {
		q += " LIMIT " + arg(f.Limit)
	}
	if f.Offset > 0 {
		q += " OFFSET " + arg(f.Offset)
	}
	rows, err := db.pool.Query(ctx, q, args...)
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
	if err := db.pool.QueryRow(ctx, "SELECT count(*) FROM articles").Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// Delete removes an article; its annotations go with it (ON DELETE
// CASCADE), and its search vector is a column of its row.
func (db *DB) Delete(ctx context.Context, id string) error {
	tag, err := db.pool.Exec(ctx, "DELETE FROM articles WHERE id = $1", id)
	if err != nil {
		return fmt.Errorf("delete article %q: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("delete article %q: %w", id, news.ErrNotFound)
	}
	return nil
}
