package quotes

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"storyline/internal/news"
	"storyline/internal/text"
)

// kind is what a token is.
type kind uint8

const (
	tWord  kind = iota
	tPunct      // , ; : . ! ? ( ) dashes and the like
	tMark       // a quotation mark
	tPoss       // the possessive 's (also ’s)
)

// markKind says which way a quotation mark can face.
type markKind uint8

const (
	mOpen   markKind = iota // “ „ « ``
	mClose                  // ” »
	mEither                 // " and '' (straight marks face either way)
	mSingleOpen
	mSingleClose
	mSingleEither // the straight '
)

// token is one word, punctuation sign or mark of a paragraph. w is the
// word in lower case (for lexicon look-ups), upper whether it begins with a
// capital letter.
type token struct {
	start, end int
	kind       kind
	mark       markKind
	upper      bool
	// left and right say whether a mark leans on the following word (it
	// can open) or on the preceding one (it can close).
	left, right bool
	para        int
	w           string
}

// doc is one text cut into paragraphs and tokens.
type doc struct {
	text  string
	toks  []token
	paras []news.Span
	// paraTok[i] is the index of paragraph i's first token; paraTok[len]
	// is len(toks).
	paraTok []int
}

// maxTokens bounds the tokens of one text; the rest is not searched.
const maxTokens = 1 << 20

func tokenize(s string) *doc {
	d := &doc{text: s, paras: text.Blocks(s)}
	d.toks = make([]token, 0, len(s)/4+16) // news English runs about 5 bytes a token
	for pi, p := range d.paras {
		d.paraTok = append(d.paraTok, len(d.toks))
		if len(d.toks) < maxTokens {
			d.toks = tokenizePara(s, p, pi, d.toks)
		}
	}
	d.paraTok = append(d.paraTok, len(d.toks))
	return d
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func tokenizePara(s string, p news.Span, pi int, out []token) []token {
	i := p.Start
	for i < p.End {
		r, n := utf8.DecodeRuneInString(s[i:p.End])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := wordEnd(s, i, p.End)
			w := s[i:j]
			out = append(out, token{start: i, end: j, kind: tWord, upper: unicode.IsUpper(r), para: pi, w: lower(w)})
			i = j
		default:
			t := token{start: i, end: i + n, kind: tPunct, para: pi}
			switch {
			case r == '\'' && strings.HasPrefix(s[i:p.End], "'''") && i > p.Start && !unicode.IsSpace(rune(s[i-1])):
				// three closing apostrophes: a nested quote's ' and then ''
				t.kind, t.mark = tMark, mSingleEither
			case r == '\'' && strings.HasPrefix(s[i:p.End], "''"), r == '`' && strings.HasPrefix(s[i:p.End], "``"):
				t.end = i + 2
				t.kind, t.mark = tMark, mEither
				if r == '`' {
					t.mark = mOpen
				}
			case r == '"' || r == '＂':
				t.kind, t.mark = tMark, mEither
			case r == '“' || r == '„' || r == '«':
				t.kind, t.mark = tMark, mOpen
			case r == '”' || r == '»':
				t.kind, t.mark = tMark, mClose
			case r == '‘':
				t.kind, t.mark = tMark, mSingleOpen
			case r == '’' || r == '\'':
				prevWord := len(out) > 0 && out[len(out)-1].end == i && out[len(out)-1].kind == tWord
				switch {
				case prevWord && poss(s, i+n, p.End):
					t.end = i + n + 1
					t.kind, t.w = tPoss, "'s"
				case prevWord && pluralPoss(s, out[len(out)-1], i+n, p.End):
					t.kind, t.w = tPoss, "'"
				case r == '’':
					t.kind, t.mark = tMark, mSingleClose
				default:
					t.kind, t.mark = tMark, mSingleEither
				}
			}
			if t.kind == tMark {
				t.left, t.right = flanks(s, p, t.start, t.end)
			}
			if t.kind == tPunct {
				t.w = s[t.start:t.end]
			}
			out = append(out, t)
			i = t.end
		}
	}
	return out
}

// poss reports whether s[i:] begins with an s that ends a word (the s of
// a possessive).
func poss(s string, i, end int) bool {
	if i >= end || s[i] != 's' {
		return false
	}
	if i+1 == end {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i+1 : end])
	return !isWordRune(r)
}

// pluralPoss reports whether an apostrophe at i ends the possessive of a
// plural or a name in s (the workers' union, Sanders' campaign): the word
// before ends in s and a lower-case word follows.
func pluralPoss(s string, prev token, i, end int) bool {
	if !strings.HasSuffix(prev.w, "s") || i+1 >= end || s[i] != ' ' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i+1 : end])
	return unicode.IsLower(r)
}

// wordEnd returns where the word starting at i ends: letters and digits,
// joined by an inner apostrophe (don’t), hyphen (US-brokered), period (U.S.,
// 2.5) or comma between digits (600,000). A possessive 's is left off.
func wordEnd(s string, i, end int) int {
	j := i
	for j < end {
		if c := s[j]; 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			j++ // the common case, without decoding
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:end])
		if isWordRune(r) {
			j += n
			continue
		}
		if j+n >= end {
			break
		}
		next, _ := utf8.DecodeRuneInString(s[j+n : end])
		switch r {
		case '\'', '’':
			if isWordRune(next) && !poss(s, j+n, end) {
				j += n
				continue
			}
		case '-', '‑', '&':
			if isWordRune(next) {
				j += n
				continue
			}
		case '.':
			// U.S., a.m., 2.5: a period between single letters or digits.
			prev, _ := utf8.DecodeLastRuneInString(s[i:j])
			if unicode.IsDigit(prev) && unicode.IsDigit(next) || unicode.IsLetter(next) && isInitials(s[i:j]) {
				j += n
				continue
			}
		case ',':
			prev, _ := utf8.DecodeLastRuneInString(s[i:j])
			if unicode.IsDigit(prev) && unicode.IsDigit(next) {
				j += n
				continue
			}
		}
		break
	}
	// keep the final period of U.S. and a.m.
	if j < end && s[j] == '.' && strings.Contains(s[i:j], ".") && isInitials(s[i:j]) {
		j++
	}
	return j
}

// isInitials reports whether w is single letters joined by periods (U.S, a.m).
func isInitials(w string) bool {
	n := 0
	for k, r := range w {
		if k%2 == 0 {
			if !unicode.IsLetter(r) || r >= utf8.RuneSelf {
				return false
			}
			n++
		} else if r != '.' {
			return false
		}
	}
	return n > 0
}

// flanks says whether the mark at [start,end) can open (it leans on the
// word after it) and can close (it leans on the word before it).
func flanks(s string, p news.Span, start, end int) (left, right bool) {
	var prev, next rune = ' ', ' '
	if start > p.Start {
		prev, _ = utf8.DecodeLastRuneInString(s[p.Start:start])
	}
	if end < p.End {
		next, _ = utf8.DecodeRuneInString(s[end:p.End])
	}
	spaceOrOpen := func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("([{—–-/:", r)
	}
	left = spaceOrOpen(prev) && !unicode.IsSpace(next)
	right = !unicode.IsSpace(prev) && !strings.ContainsRune("([{", prev) && (unicode.IsSpace(next) || unicode.IsPunct(next) || end == p.End)
	return left, right
}

func lower(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(w)
		}
	}
	return w
}

func (d *doc) str(t token) string { return d.text[t.start:t.end] }

// isEnd reports whether token i ends a sentence: . ! ? not closing an
// abbreviation or initial, followed by a capital, a mark or nothing.
func (d *doc) isEnd(i int) bool {
	t := d.toks[i]
	if t.kind != tPunct || (t.w != "." && t.w != "!" && t.w != "?" && t.w != "…") {
		return false
	}
	if t.w == "." && i > 0 && d.toks[i-1].end == t.start && d.toks[i-1].kind == tWord {
		p := d.toks[i-1]
		if abbrev[p.w] || (p.end-p.start == 1 && p.upper) {
			return false
		}
	}
	if i+1 >= len(d.toks) || d.toks[i+1].para != t.para {
		return true
	}
	n := d.toks[i+1]
	return n.upper || n.kind == tMark || n.kind == tPunct && n.w != "," || n.kind == tWord && unicode.IsDigit(rune(d.text[n.start]))
}

var abbrev = set("mr", "mrs", "ms", "dr", "gov", "sen", "rep", "reps", "sens", "st", "jr", "sr", "lt", "col", "gen",
	"sgt", "capt", "cmdr", "adm", "maj", "prof", "rev", "hon", "pres", "supt", "insp", "inc", "co", "corp", "ltd",
	"no", "vs", "mt", "ft", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "messrs", "mme", "mlle")

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}
