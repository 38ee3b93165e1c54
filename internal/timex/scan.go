package timex

import (
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token by what the rules need to know of it.
type tokKind uint8

const (
	tWord  tokKind = iota // a run of letters
	tNum                  // a run of ASCII digits
	tPunct                // any other single rune that is not space
)

// token is one scanned piece of the text. Spans of matches are built from
// token offsets only, so they always fall on rune boundaries.
type token struct {
	start, end int
	kind       tokKind
	lower      string // lower-cased text for words; the text for others
	upper      bool   // a word that starts with an upper-case letter
	para       bool   // a blank line does: a paragraph or heading ends there
	space      bool   // any space lies between this token and the previous
	num        int    // value of a tNum token (capped)
}

// scan splits text into tokens. Invalid UTF-8 bytes act as separators, so a
// broken byte never ends up inside a token.
func scan(text string) []token {
	toks := make([]token, 0, len(text)/4)
	sp, nls := false, 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			i++
			sp = true
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			if r != '\r' {
				nls++
			}
			sp = true
			i += size
		case unicode.IsSpace(r):
			sp = true
			i += size
		case r < utf8.RuneSelf && r >= '0' && r <= '9':
			j, n := i, 0
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				if n < 1e8 {
					n = n*10 + int(text[j]-'0')
				}
				j++
			}
			toks = append(toks, token{start: i, end: j, kind: tNum, lower: text[i:j], num: n, para: nls > 1, space: sp})
			i, sp, nls = j, false, 0
		case unicode.IsLetter(r):
			j := i + size
			for j < len(text) {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if r2 == utf8.RuneError && s2 <= 1 || !unicode.IsLetter(r2) {
					break
				}
				j += s2
			}
			toks = append(toks, token{start: i, end: j, kind: tWord, lower: lowerASCII(text[i:j]), upper: unicode.IsUpper(r), para: nls > 1, space: sp})
			i, sp, nls = j, false, 0
		default:
			toks = append(toks, token{start: i, end: i + size, kind: tPunct, lower: text[i : i+size], para: nls > 1, space: sp})
			i += size
			sp, nls = false, 0
		}
	}
	return toks
}

// lowerASCII lower-cases ASCII letters only; the lexicon is ASCII, so other
// words need no folding and allocation is avoided for already-lower words.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
