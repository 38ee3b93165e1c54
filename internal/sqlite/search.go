package sqlite

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"storyline/internal/news"
)

// Bounds on a search query. A person types a few words; anything longer is
// cut rather than refused, so pasting a paragraph still finds something.
const (
	MaxQueryBytes = 1024
	MaxQueryTerms = 16
	maxTermBytes  = 64
	DefaultHits   = 20
	MaxHits       = 1000
	snippetTokens = 16
	// bm25 with a word in the title counting four times one in the text.
	rankFunction   = "bm25(4.0, 1.0)"
	snippetElision = "…"
)

// ftsQuery turns words a user typed into an FTS5 query that means "all of
// these words" and nothing else. FTS5 has its own syntax (NEAR, AND/OR/NOT,
// column filters, '*', '^', '-', quotes), so the input is never passed
// through: it is cut into runs of letters and digits, and each run becomes a
// string literal, which FTS5 only ever tokenizes. It returns "" when no word
// is left.
func ftsQuery(q string) string {
	if len(q) > 4*MaxQueryBytes {
		q = q[:4*MaxQueryBytes] // bound the work before looking at runes
	}
	q = strings.ToValidUTF8(q, " ")
	q = truncate(q, MaxQueryBytes)
	words := strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
	var (
		terms []string
		seen  = map[string]bool{}
	)
	for _, w := range words {
		if len(terms) == MaxQueryTerms {
			break
		}
		w = truncate(w, maxTermBytes)
		// A run of combining marks alone holds no token; an empty phrase
		// would match nothing and silently empty the whole AND.
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		key := strings.ToLower(w)
		if seen[key] {
			continue
		}
		seen[key] = true
		terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"`)
	}
	return strings.Join(terms, " ")
}

// truncate cuts s to at most n bytes without splitting a rune.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Search finds the articles holding every word of query, in title or text,
// best first (Rank is higher for better hits). Words are matched after case
// and accent folding and English stemming. A query with no words returns
// no hits and no error. limit ≤ 0 means DefaultHits.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]news.SearchHit, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = DefaultHits
	}
	limit = min(limit, MaxHits)
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
		return nil, fmt.Errorf("search %q: %w", truncate(query, 80), err)
	}
	defer rows.Close()
	var hits []news.SearchHit
	for rows.Next() {
		var h news.SearchHit
		var score float64
		if err := rows.Scan(&h.ArticleID, &h.Title, &h.Snippet, &score); err != nil {
			return nil, fmt.Errorf("search %q: %w", truncate(query, 80), err)
		}
		h.Rank = -score // bm25 is lower for better matches
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", truncate(query, 80), err)
	}
	return hits, nil
}
