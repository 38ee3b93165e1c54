package quotes

import (
	"os"
	"path/filepath"
	"testing"
	"unicode"
	"unicode/utf8"

	"storyline/internal/news"
	"storyline/internal/text"
)

// capitalised marks every capitalised word as a person, so that fuzzing
// reaches the resolver with mentions that do and do not make sense.
func capitalised(s string) []news.Mention {
	var out []news.Mention
	start := -1
	for i, r := range s + " " {
		switch {
		case start < 0 && unicode.IsUpper(r):
			start = i
		case start >= 0 && !unicode.IsLetter(r):
			out = append(out, news.Mention{Span: news.Span{Start: start, End: i}, Kind: news.Person, Name: s[start:i]})
			start = -1
		}
	}
	return out
}

// FuzzQuotes checks that no text makes Find panic and that every span it
// returns lies inside the text. The seed corpus is in testdata/fuzz.
func FuzzQuotes(f *testing.F) {
	b, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(b))
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<16 {
			return
		}
		var sents []news.Span
		if utf8.ValidString(s) {
			if ss, err := text.Sentences(s); err == nil {
				sents = ss
			}
		}
		for _, q := range Find(s, sents, capitalised(s)) {
			checkSpans(t, s, q)
		}
	})
}
