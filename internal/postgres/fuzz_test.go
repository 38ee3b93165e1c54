package postgres

import (
	"testing"
	"unicode/utf8"

	"storyline/internal/storecheck"
)

// FuzzFold checks the folding of what reaches plainto_tsquery: the words
// of any typed query (storecheck.QueryTerms, fuzzed there) stay valid
// UTF-8, and plain ASCII is left as it is.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"ferry tram", "Jürgen Müller", "e\u0301\u0301", "\xff\xfe ferry", "ǅemal Ĳsselmeer ﬁsh", "한국어 뉴스"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, w := range storecheck.QueryTerms(q) {
			got := fold(w)
			if !utf8.ValidString(got) {
				t.Fatalf("fold(%q) = %q is not UTF-8", w, got)
			}
			if isASCII(w) && got != w {
				t.Fatalf("fold(%q) = %q changed plain ASCII", w, got)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
