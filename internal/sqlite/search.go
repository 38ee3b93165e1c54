package sqlite

import (
	"context"
	"fmt"
	"strings"

	"storyline/internal/news"
	"storyline/internal/storecheck"
)

const (
	snippetTokens = 16
	// bm25 with a word in the title counting four times one in the text.
	rankFunction   = "bm25(4.0, 1.0)"
	snippetElision = "…"
)

// ftsQuery turns words a user typed into an FTS5 query that means "all of
// these words" and nothing else. FTS5 has its own syntax (NEAR, AND/OR/NOT,
// column filters, '*', '^', '-', quotes), so the input is never passed
// through: storecheck.QueryTerms keeps only runs of letters, digits and
// marks, and each becomes a string literal, which FTS5 only ever tokenizes.
// It returns "" when no word is left.
func ftsQuery(q string) string {
	terms := storecheck.QueryTerms(q)
	for i, w := range terms {
		terms[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"` // quoted as a literal should, though no term holds a quote
	}
	return strings.Join(terms, " ")
}

// Search finds the articles holding every word of query, in title or text,
// best first (Rank is higher for better hits). Words are matched after case
// and accent folding and English stemming. A query with no words returns
// no hits and no error. limit ≤ 0 means storecheck.DefaultHits.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]news.SearchHit, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, nil
	}
	limit = storecheck.Hits(limit)
	// ORDER BY rank (not an expression) lets FTS5 sort inside the index and
	// stop at the limit, so snippets are built only for the rows returned;
	// sorting by a bm25() column would build one for every match first.
	rows, err := db.r.QueryContext(ctx, `SELECT a.id, a.title,
			snippet(articles_fts, -1, '', '', ?, ?), rank
		FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
		WHERE articles_fts MATCH ? AND rank MATCH ?
		ORDER BY rank
		LIMIT ?`, snippetElision, snippetTokens, match, rankFunction, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", storecheck.Truncate(query, 80), err)
	}
	defer rows.Close()
	var hits []news.SearchHit
	for rows.Next() {
		var h news.SearchHit
		var score float64
		if err := rows.Scan(&h.ArticleID, &h.Title, &h.Snippet, &score); err != nil {
			return nil, fmt.Errorf("search %q: %w", storecheck.Truncate(query, 80), err)
		}
		h.Rank = -score // bm25 is lower for better matches
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", storecheck.Truncate(query, 80), err)
	}
	return hits, nil
}
