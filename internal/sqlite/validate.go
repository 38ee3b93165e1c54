package sqlite

import (
	"fmt"
	"time"

	"storyline/internal/news"
	"storyline/internal/storecheck"
)

// timeLayout is fixed width and always UTC, so comparing the stored strings
// compares the times; years outside 0000–9999 would break that and are
// refused (storecheck.Year).
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) (string, error) {
	if err := storecheck.Year(t); err != nil {
		return "", err
	}
	return t.UTC().Format(timeLayout), nil
}

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// row is an article ready for the articles table.
type row struct {
	a         news.Article
	published any // string or nil
	addedAt   string
	removed   any // JSON string or nil
	notes     []byte
}

// prepare checks an article and its annotations (storecheck.Prepare) and
// turns them into a row.
func prepare(d *news.Doc, now time.Time) (*row, error) {
	p, err := storecheck.Prepare(d, now, 0)
	if err != nil {
		return nil, err
	}
	rw := &row{a: p.Article, addedAt: p.AddedAt.Format(timeLayout), notes: p.Annotations}
	if !p.Published.IsZero() {
		rw.published = p.Published.Format(timeLayout)
	}
	if p.Removed != nil {
		rw.removed = string(p.Removed)
	}
	return rw, nil
}
