package postgres

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzQueryTerms checks the reading of a typed query, which is outside
// input: whatever comes in, the terms are few, short, valid UTF-8, distinct
// and made of letters, digits and combining marks only, so nothing but
// plain words ever reaches plainto_tsquery.
func FuzzQueryTerms(f *testing.F) {
	for _, s := range []string{"ferry tram", `"ferry`, "NEAR(ferry pier, 5)", "title:lindholm", "'; DROP TABLE articles; --",
		"ferry & !tram | pier:*", "<-> <2>", "\xff\xfe ferry", "Jürgen Müller", "e\u0301\u0301", strings.Repeat("q", 5000)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms := queryTerms(q)
		if len(terms) > MaxQueryTerms {
			t.Fatalf("%d terms, more than %d", len(terms), MaxQueryTerms)
		}
		seen := map[string]bool{}
		for _, w := range terms {
			if w == "" || len(w) > maxTermBytes || !utf8.ValidString(w) {
				t.Fatalf("term %q: empty, too long or not UTF-8", w)
			}
			for _, r := range w {
				if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
					t.Fatalf("term %q holds %q", w, r)
				}
			}
			if k := strings.ToLower(w); seen[k] {
				t.Fatalf("term %q twice", w)
			} else {
				seen[k] = true
			}
			if f := fold(w); !utf8.ValidString(f) {
				t.Fatalf("fold(%q) = %q is not UTF-8", w, f)
			}
		}
	})
}
