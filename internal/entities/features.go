package entities

import (
	"math/bits"
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
	tTokGaz
	tTokGazKey
	tTokGazPrev
	tTokGazNext
	tClusKey
	tClus
	tClusPrev
	tClusNext
	tClusShape
	tDocType
	tDocTypeShape
	tDocTypeHist
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

// tokInfo is what the features need of one token, computed once.
type tokInfo struct {
	word, lower, shape, short string
	upper                     bool // starts with a capital letter
	lex                       string
	gaz                       string // "", or the gazetteer position/type, e.g. "B-PER"

	hWord, hLower, hShape, hShort, hLex, hGaz uint64
	hPre, hSuf                                [3]uint64 // 2, 3 and 4 letters
	hidden                                    bool
	// tokGaz has a bit per type and position (alone, first, later) in
	// which the training names used this word.
	tokGaz uint32
	// clus holds the word's classes (clusterBits apiece) when hasClus.
	clus    uint32
	hasClus bool
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
		t.clus, t.hasClus = m.clusterOf(w, t.lower)
	}
	m.markGazetteer(info)
	for i := range info {
		info[i].hashInfo()
	}
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
// Words are keyed by the hash of their lower-case form.
type docInfo struct {
	capMid map[uint64]bool
	lower  map[uint64]bool
}

func newDocInfo(doc [][]tokInfo) docInfo {
	d := docInfo{capMid: map[uint64]bool{}, lower: map[uint64]bool{}}
	for _, s := range doc {
		if allCaps(s) {
			continue
		}
		for i, t := range s {
			if t.upper && i > 0 {
				d.capMid[t.hLower] = true
			} else if !t.upper && t.lower != "" {
				r, _ := utf8.DecodeRuneInString(t.lower)
				if unicode.IsLetter(r) {
					d.lower[t.hLower] = true
				}
			}
		}
	}
	return d
}

// Hashes of fixed values used in features.
var (
	hBOS = hstr("<s>")
	hEOS = hstr("</s>")
	hUnk = hstr("<unk>")
)

func hstr(s string) uint64 { return mix(fnvOffset, s) }

// fm is the splitmix64 finaliser; the k functions combine a template with
// already hashed values, so a word's bytes are hashed once, not per feature.
func fm(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func k1(t, a uint64) uint32       { return key(fm(t*0x9e3779b97f4a7c15 + a)) }
func k2(t, a, b uint64) uint32    { return key(fm(fm(t*0x9e3779b97f4a7c15+a) + b)) }
func k3(t, a, b, c uint64) uint32 { return key(fm(fm(fm(t*0x9e3779b97f4a7c15+a)+b) + c)) }

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// hashInfo fills the token's hashes from its strings.
func (t *tokInfo) hashInfo() {
	t.hWord, t.hLower = hstr(t.word), hstr(t.lower)
	t.hShape, t.hShort = hstr(t.shape), hstr(t.short)
	t.hLex, t.hGaz = hstr(t.lex), hstr(t.gaz)
	for n := 2; n <= 4; n++ {
		t.hPre[n-2] = hstr(prefix(t.lower, n))
		t.hSuf[n-2] = hstr(suffix(t.lower, n))
	}
}

// hide makes the token look like a word never seen in training. Its
// affixes go too: hiding only the whole word scored lower on eng.testa.
func (t *tokInfo) hide() {
	t.hWord, t.hLower, t.hLex, t.hGaz = hUnk, hUnk, hstr("unk"), hstr("")
	t.gaz = ""
	t.tokGaz = 0
	t.hidden = true
	for n := 2; n <= 4; n++ {
		t.hPre[n-2] = hstr(prefix("<unk>", n))
		t.hSuf[n-2] = hstr(suffix("<unk>", n))
	}
}

// staticFeatures appends the features of token i that do not depend on
// the tags already chosen.
func staticFeatures(dst []uint32, s []tokInfo, i int, caps bool, d *docInfo) []uint32 {
	t := &s[i]
	word := func(j int) uint64 {
		switch {
		case j < 0:
			return hBOS
		case j >= len(s):
			return hEOS
		}
		return s[j].hLower
	}
	short := func(j int) uint64 {
		switch {
		case j < 0:
			return hBOS
		case j >= len(s):
			return hEOS
		}
		return s[j].hShort
	}
	c := b2u(caps)
	first := b2u(i == 0)
	dst = append(dst,
		k1(tBias, 0),
		k1(tLower, t.hLower),
		k1(tWord, t.hWord),
		k2(tShape, t.hShape, c),
		k1(tShort, t.hShort),
		k1(tPre2, t.hPre[0]),
		k1(tPre3, t.hPre[1]),
		k1(tPre4, t.hPre[2]),
		k1(tSuf2, t.hSuf[0]),
		k1(tSuf3, t.hSuf[1]),
		k1(tSuf4, t.hSuf[2]),
		k1(tPrev1, word(i-1)),
		k1(tNext1, word(i+1)),
		k1(tPrev2, word(i-2)),
		k1(tNext2, word(i+2)),
		k3(tShapes3, short(i-1), t.hShort, short(i+1)),
		k2(tBigramL, word(i-1), t.hLower),
		k2(tBigramR, t.hLower, word(i+1)),
		k3(tFirst, first, t.hShort, c),
		k2(tCapsSent, c, t.hLower),
		k2(tLex, t.hLex, c),
		k3(tLexShape, t.hLex, t.hShort, first),
		k3(tPrevShortNext, short(i-1), t.hLower, short(i+1)),
		k2(tPrevWordShape, word(i-1), t.hShort),
		k2(tNextWordShape, t.hShort, word(i+1)),
	)
	if i >= 3 {
		dst = append(dst, k1(tWinL3, s[i-3].hLower))
	}
	if i+3 < len(s) {
		dst = append(dst, k1(tWinR3, s[i+3].hLower))
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
		var pos uint64 = 1 // inside
		switch {
		case b-a == 1:
			pos = 2
		case a == i:
			pos = 3
		case b == i+1:
			pos = 4
		}
		n := uint64(min(b-a, 4))
		dst = append(dst,
			k3(tCapRun, pos, n, b2u(a == 0)),
			k2(tRunBefore, word(a-1), pos),
			k2(tRunAfter, word(b), pos),
		)
	}
	if !t.hidden && strings.IndexByte(t.lower, '-') > 0 {
		for part := range strings.SplitSeq(t.lower, "-") {
			if part != "" {
				dst = append(dst, k1(tHyphen, hstr(part)))
			}
		}
	}
	if t.gaz != "" {
		dst = append(dst, k1(tGaz, t.hGaz), k2(tGazWord, t.hGaz, t.hShort))
	}
	dst = clusterFeatures(dst, s, i)
	for b := t.tokGaz; b != 0; b &= b - 1 {
		dst = append(dst, k1(tTokGaz, uint64(bits.TrailingZeros32(b))))
	}
	if i > 0 {
		for b := s[i-1].tokGaz; b != 0; b &= b - 1 {
			dst = append(dst, k2(tTokGazPrev, uint64(bits.TrailingZeros32(b)), t.hShort))
		}
	}
	if i+1 < len(s) {
		for b := s[i+1].tokGaz; b != 0; b &= b - 1 {
			dst = append(dst, k2(tTokGazNext, uint64(bits.TrailingZeros32(b)), t.hShort))
		}
	}
	if d != nil && t.upper {
		dst = append(dst,
			k3(tDocCap, b2u(d.capMid[t.hLower] && !t.hidden), first, c),
			k3(tDocLower, b2u(d.lower[t.hLower] && !t.hidden), first, c),
		)
	}
	return dst
}

// dynamicFeatures appends the features that depend on the tags chosen
// before token i (prev, prev2: tag indexes, or the start), on what the
// document's earlier tokens were tagged (hist: 0, or 1 + a type index) and
// on the type a first pass gave the word elsewhere (docType, the same).
func dynamicFeatures(dst []uint32, s []tokInfo, i int, prev, prev2, hist, docType int) []uint32 {
	t := &s[i]
	p, p2 := uint64(prev), uint64(prev2)
	dst = append(dst,
		k1(tPrevTag, p),
		k2(tPrevTags, p2, p),
		k2(tPrevTagWord, p, t.hLower),
		k2(tPrevTagShape, p, t.hShort),
	)
	if hist != 0 {
		h := uint64(hist)
		dst = append(dst, k1(tHist, h), k2(tHistShape, h, t.hShort))
	}
	if docType != 0 {
		h := uint64(docType)
		dst = append(dst, k1(tDocType, h), k2(tDocTypeShape, h, t.hShort), k2(tDocTypeHist, h, uint64(hist)))
	}
	return dst
}

// capitalised reports whether w starts with an upper-case letter.
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// clusterOfLevel is class k of a token's packed classes.
func clusterOfLevel(t *tokInfo, k int) uint64 {
	return uint64(t.clus>>(clusterBits*k)) & (1<<clusterBits - 1)
}

// clusterFeatures appends the word clusters of token i and its neighbours.
// A word the unlabelled text lacks is marked so, with its shape: rare
// capitalised words are most often names.
func clusterFeatures(dst []uint32, s []tokInfo, i int) []uint32 {
	t := &s[i]
	if t.hasClus {
		for k := 0; k < 3; k++ {
			dst = append(dst, k1(tClus, uint64(k)<<16|clusterOfLevel(t, k)))
		}
		dst = append(dst, k2(tClusShape, clusterOfLevel(t, 2), t.hShort))
	} else {
		dst = append(dst, k2(tClusShape, 1<<20, t.hShort))
	}
	if i > 0 && s[i-1].hasClus {
		dst = append(dst, k1(tClusPrev, clusterOfLevel(&s[i-1], 1)))
	}
	if i+1 < len(s) && s[i+1].hasClus {
		dst = append(dst, k1(tClusNext, clusterOfLevel(&s[i+1], 1)))
	}
	return dst
}
