package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates. Each feature is hashed from its template and its
// strings, so the model stores numbers, never words.
const (
	tBias uint64 = iota + 1
	tLower
	tWord
	tShape
	tShort
	tPre2
	tPre3
	tPre4
	tSuf2
	tSuf3
	tSuf4
	tPrev1
	tNext1
	tPrev2
	tNext2
	tShapes3
	tBigramL
	tBigramR
	tFirst
	tCapsSent
	tHyphen
	tLex
	tLexShape
	tGaz
	tGazWord
	tDocCap
	tDocLower
	tPrevTag
	tPrevTags
	tPrevTagWord
	tPrevTagShape
	tHist
	tHistShape
	tPrevShortNext
	tPrevWordShape
	tNextWordShape
	tCapRun
	tRunBefore
	tRunAfter
	tWinL3
	tWinR3
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func mix(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	h ^= 0xff // separator so that ("ab","c") differs from ("a","bc")
	h *= fnvPrime
	return h
}

func key(h uint64) uint32 {
	k := uint32(h>>32) ^ uint32(h)
	if k == 0 {
		k = 1
	}
	return k
}

func f1(t uint64, a string) uint32 { return key(mix(fnvOffset^t*0x9e3779b97f4a7c15, a)) }
func f2(t uint64, a, b string) uint32 {
	return key(mix(mix(fnvOffset^t*0x9e3779b97f4a7c15, a), b))
}
func f3(t uint64, a, b, c string) uint32 {
	return key(mix(mix(mix(fnvOffset^t*0x9e3779b97f4a7c15, a), b), c))
}

// tokInfo is what the features need of one token, computed once.
type tokInfo struct {
	word, lower, shape, short string
	upper                     bool // starts with a capital letter
	lex                       string
	gaz                       string // "", or the gazetteer position/type, e.g. "B-PER"
}

// normWord folds the typographic variants that news text has and the
// training data lacks: curly quotes and apostrophes, long dashes.
func normWord(w string) string {
	if !strings.ContainsAny(w, "‘’“”–—") {
		return w
	}
	return typographic.Replace(w)
}

var typographic = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`, "–", "-", "—", "--")

// shapes returns the word's shape (Xxxxx, dd-dd) capped in length, and its
// short form with repeats collapsed (Xx, d-d).
func shapes(w string) (string, string) {
	var long, short []byte
	var last byte
	n := 0
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if n < 8 {
			long = append(long, c)
		}
		n++
		if c != last {
			short = append(short, c)
			last = c
		}
	}
	return string(long), string(short)
}

func prefix(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

func suffix(s string, n int) string {
	i := len(s)
	for c := 0; c < n && i > 0; c++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

// sentInfo prepares the tokens of one sentence.
func (m *Model) sentInfo(words []string) []tokInfo {
	info := make([]tokInfo, len(words))
	for i, w := range words {
		w = normWord(w)
		t := &info[i]
		t.word = w
		t.lower = strings.ToLower(w)
		t.shape, t.short = shapes(w)
		r, _ := utf8.DecodeRuneInString(w)
		t.upper = unicode.IsUpper(r)
		t.lex = m.lexClass(t.lower)
	}
	m.markGazetteer(info)
	return info
}

// allCaps reports whether a sentence is written in capitals, as headlines
// often are; then capitals say nothing about names.
func allCaps(info []tokInfo) bool {
	letters, lower := 0, 0
	for _, t := range info {
		for _, r := range t.word {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsLower(r) {
					lower++
				}
			}
		}
	}
	return letters >= 6 && lower*10 < letters
}

// docInfo is what a document says about its words elsewhere: whether a
// word appears capitalised away from a sentence start, or in lower case.
type docInfo struct {
	capMid map[string]bool
	lower  map[string]bool
	// ctx holds, for each capitalised word, the words next to its
	// occurrences in the document: what the text says around a name in one
	// place helps tag it in another.
	ctx map[string][]string
}

const maxAgg = 12

func newDocInfo(doc [][]tokInfo) docInfo {
	d := docInfo{capMid: map[string]bool{}, lower: map[string]bool{}, ctx: map[string][]string{}}
	for _, s := range doc {
		if allCaps(s) {
			continue
		}
		for i, t := range s {
			if t.upper && len(d.ctx[t.lower]) < maxAgg {
				if i > 0 && !s[i-1].upper {
					d.ctx[t.lower] = append(d.ctx[t.lower], "L"+s[i-1].lower)
				}
				if i+1 < len(s) && !s[i+1].upper {
					d.ctx[t.lower] = append(d.ctx[t.lower], "R"+s[i+1].lower)
				}
			}
			if t.upper && i > 0 {
				d.capMid[t.lower] = true
			} else if !t.upper && t.lower != "" {
				r, _ := utf8.DecodeRuneInString(t.lower)
				if unicode.IsLetter(r) {
					d.lower[t.lower] = true
				}
			}
		}
	}
	return d
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// staticFeatures appends the features of token i that do not depend on
// the tags already chosen.
func staticFeatures(dst []uint32, s []tokInfo, i int, caps bool, d *docInfo) []uint32 {
	t := &s[i]
	word := func(j int) string {
		switch {
		case j < 0:
			return "<s>"
		case j >= len(s):
			return "</s>"
		}
		return s[j].lower
	}
	short := func(j int) string {
		switch {
		case j < 0:
			return "<s>"
		case j >= len(s):
			return "</s>"
		}
		return s[j].short
	}
	c := boolStr(caps)
	dst = append(dst,
		f1(tBias, ""),
		f1(tLower, t.lower),
		f1(tWord, t.word),
		f2(tShape, t.shape, c),
		f1(tShort, t.short),
		f1(tPre2, prefix(t.lower, 2)),
		f1(tPre3, prefix(t.lower, 3)),
		f1(tPre4, prefix(t.lower, 4)),
		f1(tSuf2, suffix(t.lower, 2)),
		f1(tSuf3, suffix(t.lower, 3)),
		f1(tSuf4, suffix(t.lower, 4)),
		f1(tPrev1, word(i-1)),
		f1(tNext1, word(i+1)),
		f1(tPrev2, word(i-2)),
		f1(tNext2, word(i+2)),
		f3(tShapes3, short(i-1), t.short, short(i+1)),
		f2(tBigramL, word(i-1), t.lower),
		f2(tBigramR, t.lower, word(i+1)),
		f3(tFirst, boolStr(i == 0), t.short, c),
		f2(tCapsSent, c, t.lower),
		f2(tLex, t.lex, c),
		f3(tLexShape, t.lex, t.short, boolStr(i == 0)),
		f3(tPrevShortNext, short(i-1), t.lower, short(i+1)),
		f2(tPrevWordShape, word(i-1), t.short),
		f2(tNextWordShape, t.short, word(i+1)),
	)
	if i >= 3 {
		dst = append(dst, f1(tWinL3, s[i-3].lower))
	}
	if i+3 < len(s) {
		dst = append(dst, f1(tWinR3, s[i+3].lower))
	}
	if t.upper && !caps {
		// The run of capitalised words around the token, and the words
		// just outside it, generalise beyond the names seen in training.
		a, b := i, i+1
		for a > 0 && s[a-1].upper {
			a--
		}
		for b < len(s) && s[b].upper {
			b++
		}
		pos := "I"
		switch {
		case b-a == 1:
			pos = "U"
		case a == i:
			pos = "B"
		case b == i+1:
			pos = "L"
		}
		n := min(b-a, 4)
		dst = append(dst,
			f3(tCapRun, pos, string(rune('0'+n)), boolStr(a == 0)),
			f2(tRunBefore, word(a-1), pos),
			f2(tRunAfter, word(b), pos),
		)
	}
	if strings.IndexByte(t.lower, '-') > 0 {
		for _, part := range strings.Split(t.lower, "-") {
			if part != "" {
				dst = append(dst, f1(tHyphen, part))
			}
		}
	}
	if t.gaz != "" {
		dst = append(dst, f1(tGaz, t.gaz), f2(tGazWord, t.gaz, t.short))
	}
	if d != nil && t.upper {
		dst = append(dst,
			f3(tDocCap, boolStr(d.capMid[t.lower]), boolStr(i == 0), c),
			f3(tDocLower, boolStr(d.lower[t.lower]), boolStr(i == 0), c),
		)

	}
	return dst
}

// dynamicFeatures appends the features that depend on the tags chosen
// before token i and on what the document's earlier tokens were tagged.
func dynamicFeatures(dst []uint32, s []tokInfo, i int, prev, prev2, hist string) []uint32 {
	t := &s[i]
	dst = append(dst,
		f1(tPrevTag, prev),
		f2(tPrevTags, prev2, prev),
		f2(tPrevTagWord, prev, t.lower),
		f2(tPrevTagShape, prev, t.short),
	)
	if hist != "" {
		dst = append(dst, f1(tHist, hist), f2(tHistShape, hist, t.short))
	}
	return dst
}
