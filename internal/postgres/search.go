package postgres

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"storyline/internal/news"
	"storyline/internal/storecheck"
)

const (
	// ts_headline reads at most this many characters of a text: it parses
	// all it is given, and a snippet near the top is as good as one further
	// down.
	maxHeadlineChars = 64 << 10
	// Plain text (no markers), about as long as the SQLite store's snippets.
	headlineOptions = `StartSel="", StopSel="", MaxWords=16, MinWords=6, MaxFragments=2, FragmentDelimiter="…"`
	// rankNormalization 1 divides by 1 + log(length), so one mention in a
	// long text counts for less than in a short one, as with bm25.
	rankNormalization = 1
)

// searchQuery is the one statement Search runs. The words come only as
// parameters, and plainto_tsquery reads them as plain words joined by AND:
// it knows no operators, so "ferry OR tram" means ferry and tram.
const searchQuery = `WITH hits AS (
		SELECT a.seq, a.id, ts_rank(a.search, q, $3) AS rank
		FROM articles a, plainto_tsquery('english', $1) q
		WHERE a.search @@ q
		ORDER BY rank DESC, a.id
		LIMIT $2)
	SELECT h.id, a.title,
		ts_headline('english', left(a.text, $4), plainto_tsquery('english', $5) || plainto_tsquery('english', $1), $6),
		h.rank
	FROM hits h JOIN articles a ON a.seq = h.seq
	ORDER BY h.rank DESC, h.id`

var folder = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// fold strips diacritics (Müller → Muller), as SQLite's unicode61 tokenizer
// with remove_diacritics does, for the search index and the query alike.
// Doing it here keeps the store free of PostgreSQL extensions (unaccent).
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			if t, _, err := transform.String(folder, s); err == nil {
				return t
			}
			return s
		}
	}
	return s
}

// Search finds the articles holding every word of query, in title or text,
// best first (Rank is higher for better hits). Words are matched after case
// and accent folding and English stemming. A query with no words returns
// no hits and no error. limit ≤ 0 means storecheck.DefaultHits.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]news.SearchHit, error) {
	terms := storecheck.QueryTerms(query)
	if len(terms) == 0 {
		return nil, nil
	}
	limit = storecheck.Hits(limit)
	plain := strings.Join(terms, " ")
	rows, err := db.pool.Query(ctx, searchQuery, fold(plain), limit, rankNormalization, maxHeadlineChars, plain, headlineOptions)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", storecheck.Truncate(query, 80), err)
	}
	defer rows.Close()
	var hits []news.SearchHit
	for rows.Next() {
		var h news.SearchHit
		if err := rows.Scan(&h.ArticleID, &h.Title, &h.Snippet, &h.Rank); err != nil {
			return nil, fmt.Errorf("search %q: %w", storecheck.Truncate(query, 80), err)
		}
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", storecheck.Truncate(query, 80), err)
	}
	return hits, nil
}
