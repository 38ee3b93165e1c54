package postgres

import (
	"time"

	"storyline/internal/news"
	"storyline/internal/storecheck"
)

// MaxKeyBytes bounds the fields PostgreSQL indexes as they are (ID, hash,
// site, outlet): a btree entry holds at most about 2.7 kB, and an over-long
// one would fail the insert with an error naming no field. URLs, which can
// be long, are indexed through a digest instead. The other bounds are
// storecheck's, the same as the SQLite store's, so an article one store
// takes the other takes too.
const MaxKeyBytes = 1024

// row is an article ready for the articles table.
type row struct {
	a         news.Article
	published *time.Time // nil when unknown
	addedAt   time.Time
	removed   *string // JSON, nil when nothing was removed
	notes     string  // annotations as JSON
}

// prepare checks an article and its annotations (storecheck.Prepare, with
// MaxKeyBytes) and turns them into a row.
func prepare(d *news.Doc, now time.Time) (*row, error) {
	p, err := storecheck.Prepare(d, now, MaxKeyBytes)
	if err != nil {
		return nil, err
	}
	rw := &row{a: p.Article, addedAt: p.AddedAt, notes: string(p.Annotations)}
	if !p.Published.IsZero() {
		rw.published = &p.Published
	}
	if p.Removed != nil {
		s := string(p.Removed)
		rw.removed = &s
	}
	return rw, nil
}
