package figures

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type kind uint8

const (
	word  kind = iota // letters, with inner apostrophes (country's)
	digit             // digits with inner separators: 600,000 4.2 2.4.1
	sym               // one other character: $ % - , . ( …
)

// token is a piece of the text with its byte range. space tells whether
// whitespace precedes it, line whether a line break does; the rules need both
// to tell "28-point" from "28 - point" and "1." at a line start from "to 1.".
type token struct {
	kind       kind
	start, end int
	text       string
	low        string
	space      bool
	line       bool
	cap        bool // starts with an upper-case letter
	title      bool // in a sentence written in title case
}

// maxTokens bounds the work on one text. Texts are cut to MaxText bytes
// before they get here, and a token takes at least one byte, so it never cuts.
const maxTokens = MaxText + 1

// tokenize appends the tokens of s to toks[:0], so that one buffer serves
// every sentence of a document.
func tokenize(toks []token, s string) []token {
	toks = toks[:0]
	space, line := false, true
	for i := 0; i < len(s) && len(toks) < maxTokens; {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n' || r == '\r':
			space, line = true, true
			i += n
			continue
		case unicode.IsSpace(r):
			space = true
			i += n
			continue
		}
		t := token{start: i, space: space || i == 0, line: line}
		switch {
		case isDigit(r):
			j := i + n
			for j < len(s) {
				c := s[j]
				if isDigitByte(c) {
					j++
					continue
				}
				if (c == ',' || c == '.') && j+1 < len(s) && isDigitByte(s[j+1]) {
					j += 2
					continue
				}
				break
			}
			t.kind, t.end = digit, j
		case unicode.IsLetter(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLetter(r2) || unicode.IsMark(r2) {
					j += n2
					continue
				}
				if r2 == '\'' || r2 == '’' {
					if r3, _ := utf8.DecodeRuneInString(s[j+n2:]); j+n2 < len(s) && unicode.IsLetter(r3) {
						j += n2
						continue
					}
				}
				break
			}
			t.kind, t.end = word, j
			t.cap = unicode.IsUpper(r)
		default:
			t.kind, t.end = sym, i+n
		}
		t.text = s[t.start:t.end]
		t.low = strings.ToLower(t.text)
		toks = append(toks, t)
		i = t.end
		space, line = false, false
	}
	return toks
}

func isDigit(r rune) bool     { return r >= '0' && r <= '9' }
func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// adjacent reports whether toks[i] follows toks[i-1] with no space.
func adjacent(toks []token, i int) bool {
	return i > 0 && i < len(toks) && !toks[i].space
}

// isWord reports whether toks[i] exists and is a word.
func isWord(toks []token, i int) bool { return i >= 0 && i < len(toks) && toks[i].kind == word }

func lowAt(toks []token, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return toks[i].low
}

// clauseEnd reports whether a token closes a clause for the purpose of
// looking for what a number counts: sentence and clause punctuation and
// brackets, and any line break.
func clauseEnd(t token) bool {
	if t.kind != sym {
		return false
	}
	switch t.text {
	case ".", "!", "?", ";", ":", ",", "(", ")", "\"", "“", "”", "–", "—", "[", "]":
		return true
	}
	return false
}

// sentenceEnd is stricter than clauseEnd: commas and dashes do not end a
// sentence.
func sentenceEnd(t token) bool {
	if t.kind != sym {
		return false
	}
	switch t.text {
	case ".", "!", "?", ";":
		return true
	}
	return false
}
