package storecheck

import (
	"fmt"
	"time"

	"storyline/internal/news"
)

// TimeBound is one end of an ArticleFilter's time range, as a condition on
// the publication time: a.published Op At.
type TimeBound struct {
	Op string    // ">=" for Since (inclusive), "<" for Until (exclusive)
	At time.Time // in UTC, within the storable years
	// Beyond the storable years (Year) no stored time compares with the
	// bound, which then keeps every dated article or none; At is zero and
	// one of these is true.
	AllDated, None bool
}

// Filter checks f (no negative Limit or Offset) and returns its time
// bounds, Since first; a zero Since or Until sets none. Either bound
// excludes undated articles.
func Filter(f news.ArticleFilter) ([]TimeBound, error) {
	if f.Limit < 0 || f.Offset < 0 {
		return nil, fmt.Errorf("list articles: %w: negative limit or offset", news.ErrInvalid)
	}
	var out []TimeBound
	for _, b := range []struct {
		t     time.Time
		op    string
		lower bool
	}{{f.Since, ">=", true}, {f.Until, "<", false}} {
		switch {
		case b.t.IsZero():
		case Year(b.t) == nil:
			out = append(out, TimeBound{Op: b.op, At: b.t.UTC()})
		case (b.t.UTC().Year() < 0) == b.lower:
			// Since before year 0 or Until after 9999.
			out = append(out, TimeBound{Op: b.op, AllDated: true})
		default:
			out = append(out, TimeBound{Op: b.op, None: true})
		}
	}
	return out, nil
}
