package storecheck

import (
	"strings"
	"unicode"
)

// Bounds on a search query. A person types a few words; anything longer is
// cut rather than refused, so pasting a paragraph still finds something.
const (
	MaxQueryBytes = 1024
	MaxQueryTerms = 16
	MaxTermBytes  = 64
	DefaultHits   = 20 // hits for a limit ≤ 0
	MaxHits       = 1000
)

// QueryTerms reads words a user typed into at most MaxQueryTerms distinct
// words (case aside), each a run of letters, digits and combining marks of
// at most MaxTermBytes holding a letter or digit. Whatever else the input
// holds (a backend's query syntax, quotes, invalid UTF-8) is dropped, so a
// store can hand the words to its full-text search as plain words only,
// and every store finds the same words.
func QueryTerms(q string) []string {
	if len(q) > 4*MaxQueryBytes {
		q = q[:4*MaxQueryBytes] // bound the work before looking at runes
	}
	q = strings.ToValidUTF8(q, " ")
	q = Truncate(q, MaxQueryBytes)
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
		w = Truncate(w, MaxTermBytes)
		// A run of combining marks alone holds no token; in an AND of
		// phrases it would match nothing and silently empty the whole
		// query.
		if !strings.ContainsFunc(w, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
			continue
		}
		key := strings.ToLower(w)
		if seen[key] {
			continue
		}
		seen[key] = true
		terms = append(terms, w)
	}
	return terms
}

// Hits is how many hits a search asked for limit returns at most:
// DefaultHits for limit ≤ 0, never more than MaxHits.
func Hits(limit int) int {
	if limit <= 0 {
		return DefaultHits
	}
	return min(limit, MaxHits)
}
