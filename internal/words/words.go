// Package words turns text into comparable words: tokens with their byte
// spans, folded (case and diacritics: Müller → muller), optionally stemmed,
// with English stop words marked. Cross-article stages compare texts through
// it so that "Zelenskiy's" and "zelenskiy" meet.
package words

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"storyline/internal/news"
)

// Token is one word of a text.
type Token struct {
	news.Span
	Fold string // lower case, no diacritics, no possessive 's
}

// Tokens splits text into words: runs of letters and digits, keeping inner
// apostrophes, hyphens and decimal points ("don't", "well-known", "3.5").
func Tokens(text string) []Token {
	var out []Token
	start := -1
	for i, r := range text {
		if isWordRune(r) || start >= 0 && isJoiner(r) && joins(text, i, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, token(text, start, i))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, token(text, start, len(text)))
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isJoiner(r rune) bool { return r == '\'' || r == '’' || r == '-' || r == '.' || r == ',' }

// joins reports whether the joiner at i sits between two word runes (and,
// for '.' and ',', between two digits, as in 3.5 or 600,000).
func joins(text string, i int, r rune) bool {
	prev, _ := utf8.DecodeLastRuneInString(text[:i])
	next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
	if r == '.' || r == ',' {
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
	return isWordRune(prev) && isWordRune(next)
}

func token(text string, start, end int) Token {
	return Token{Span: news.Span{Start: start, End: end}, Fold: Fold(text[start:end])}
}

var folder = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// Fold lower-cases s, strips diacritics, unifies apostrophes and drops a
// possessive ending.
func Fold(s string) string {
	if isASCII(s) {
		s = strings.ToLower(s)
	} else {
		if t, _, err := transform.String(folder, s); err == nil {
			s = t
		}
		s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	}
	if strings.HasSuffix(s, "'s") {
		s = s[:len(s)-2]
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Stem reduces a folded English word to its stem (talks → talk).
func Stem(fold string) string {
	if len(fold) <= 3 || !isASCII(fold) {
		return fold
	}
	if s, ok := stems.Load(fold); ok {
		return s.(string)
	}
	s := english.Stem(fold, false)
	// Words repeat: remembering a bounded number of stems saves most of
	// the stemmer's work without letting odd input grow memory.
	if stemCount.Add(1) <= maxStems {
		stems.Store(fold, s)
	}
	return s
}

var (
	stems     sync.Map
	stemCount atomic.Int64
)

const maxStems = 200000

// Content returns the stems of the words of text that carry meaning: no
// stop words, no one-letter words.
func Content(text string) []string {
	var out []string
	for _, t := range Tokens(text) {
		if len(t.Fold) < 2 || Stop(t.Fold) {
			continue
		}
		out = append(out, Stem(t.Fold))
	}
	return out
}

// Stop reports whether a folded word is an English function word or a
// reporting verb too common in news to tell two texts apart.
func Stop(fold string) bool { return stop[fold] }

var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves said says say told would may might must shall
according also however while since yet still even though although within without upon across toward towards whether
one two mr mrs ms dr per via`) {
		m[w] = true
	}
	return m
}()
