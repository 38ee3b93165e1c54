package entities

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Types are the CoNLL entity types the model knows, in a fixed order.
var Types = []string{"PER", "LOC", "ORG", "MISC"}

// Model is a left-to-right tagger: an averaged perceptron over hashed
// features, BILOU tags decoded with a small beam, and two tables learnt from
// the training text (how often a word is written with a capital; which word
// sequences were names of which type). A loaded model is read-only and
// safe for concurrent use.
type Model struct {
	tags    []string // tags[0] is "O"
	typeOf  []int    // index into Types, -1 for O
	prefix  []byte   // B, I, L, U or O
	feats   table
	weights []int8 // len(feats rows) × len(tags)
	scale   float32
	lex     table
	gaz     table
	// clus maps a word (case kept) to its classes, clusterBits apiece,
	// learnt from unlabelled text (cluster.go); empty in older files.
	clus    table
	allowed [][]bool // allowed[prev][tag]; prev == len(tags) is the start
	// drop, during training only, says whether to hide a token's identity
	// so the model learns to tag names it has never seen from their shape
	// and context.
	drop func() bool
	// hideClusters, during training only, hides a hidden token's word
	// clusters too.
	hideClusters bool
	beam         int // beam width at tagging time; 0 or 1 = greedy
	// twoPass tags each document twice, the second pass seeing the
	// first one's types for the same word (decode.go).
	twoPass bool
	// packed holds the weights again in the layout score17 adds fast.
	packed []uint64
}

// defaultBeam is the beam width Tag uses. Training is greedy; decoding the
// same weights with two candidate sequences instead of one gained 0.7 F1
// on eng.testa (1 → 0.922, 2 → 0.929, 4 and 8 no better).
const defaultBeam = 2

// table is an open-addressing hash from a feature key to a value; it is
// faster than a Go map on this hot path. Each slot holds the key in its
// high half and the value in its low half, so a probe touches one word.
type table struct {
	mask  uint32
	slots []uint64
	n     int
}

func newTable(keys []uint32, vals []int32) table {
	size := uint32(16)
	for size < uint32(len(keys))*2 {
		size <<= 1
	}
	t := table{mask: size - 1, slots: make([]uint64, size), n: len(keys)}
	for i, k := range keys {
		j := (k * 2654435761) & t.mask
		for t.slots[j] != 0 && uint32(t.slots[j]>>32) != k {
			j = (j + 1) & t.mask
		}
		t.slots[j] = uint64(k)<<32 | uint64(uint32(vals[i]))
	}
	return t
}

func (t *table) get(k uint32) (int32, bool) {
	if t.slots == nil {
		return 0, false
	}
	j := (k * 2654435761) & t.mask
	for {
		e := t.slots[j]
		switch uint32(e >> 32) {
		case k:
			return int32(uint32(e)), true
		case 0:
			return 0, false
		}
		j = (j + 1) & t.mask
	}
}

// entries returns the table's keys and values.
func (t *table) entries() ([]uint32, []int32) {
	var ks []uint32
	var vs []int32
	for _, e := range t.slots {
		if e != 0 {
			ks = append(ks, uint32(e>>32))
			vs = append(vs, int32(uint32(e)))
		}
	}
	return ks, vs
}

// bilou lists the tag set: O, then B/I/L/U for each type.
func bilou() []string {
	tags := []string{"O"}
	for _, t := range Types {
		for _, p := range "BILU" {
			tags = append(tags, string(p)+"-"+t)
		}
	}
	return tags
}

func (m *Model) setTags(tags []string) error {
	m.tags = tags
	m.beam = defaultBeam
	m.typeOf = make([]int, len(tags))
	m.prefix = make([]byte, len(tags))
	for i, t := range tags {
		m.typeOf[i] = -1
		m.prefix[i] = 'O'
		if t == "O" {
			continue
		}
		if len(t) < 3 || t[1] != '-' || strings.IndexByte("BILU", t[0]) < 0 {
			return fmt.Errorf("model tag %q: %w", t, errBadModel)
		}
		m.prefix[i] = t[0]
		m.typeOf[i] = -1
		for k, ty := range Types {
			if ty == t[2:] {
				m.typeOf[i] = k
			}
		}
		if m.typeOf[i] < 0 {
			return fmt.Errorf("model tag %q: unknown type: %w", t, errBadModel)
		}
	}
	n := len(tags)
	m.allowed = make([][]bool, n+1)
	for p := 0; p <= n; p++ {
		m.allowed[p] = make([]bool, n)
		open := p < n && (m.prefix[p] == 'B' || m.prefix[p] == 'I')
		for c := 0; c < n; c++ {
			inside := m.prefix[c] == 'I' || m.prefix[c] == 'L'
			if open {
				m.allowed[p][c] = inside && m.typeOf[c] == m.typeOf[p]
			} else {
				m.allowed[p][c] = !inside
			}
		}
	}
	return nil
}

var errBadModel = errors.New("bad model file")

// lexClass is the training text's evidence on how a word is written:
// a frequency band and whether it is capitalised away from sentence starts.
func (m *Model) lexClass(lower string) string {
	v, ok := m.lex.get(f1(tLex, lower))
	if !ok {
		return "unk"
	}
	return lexNames[v&0xff]
}

// lexNames are the lex classes by code: frequency band × capitalisation.
var lexNames = func() []string {
	var n []string
	for f := 0; f < 4; f++ {
		for _, c := range []string{"cap", "mostcap", "mixed", "mostlow", "low", "none"} {
			n = append(n, fmt.Sprintf("f%d%s", f, c))
		}
	}
	return n
}()

func lexCode(total, capMid, low int) int32 {
	f := 0
	switch {
	case total >= 100:
		f = 3
	case total >= 10:
		f = 2
	case total >= 3:
		f = 1
	}
	var c int
	switch seen := capMid + low; {
	case seen == 0:
		c = 5
	case low == 0:
		c = 0
	case capMid == 0:
		c = 4
	case capMid*4 >= seen*3:
		c = 1
	case capMid*4 <= seen:
		c = 3
	default:
		c = 2
	}
	return int32(f*6 + c)
}

const maxGazLen = 5

func gazStart() uint64 { return fnvOffset ^ 0x5bd1e995 }

// markGazetteer marks the longest runs of words that the training data
// named as entities, with their position and type(s).
func (m *Model) markGazetteer(info []tokInfo) {
	if m.gaz.slots == nil {
		return
	}
	for i := range info {
		if v, ok := m.gaz.get(tokGazKey(info[i].lower)); ok {
			info[i].tokGaz = uint32(v)
		}
	}
	for i := 0; i < len(info); {
		best, bestV := 0, int32(0)
		h := gazStart()
		for l := 1; l <= maxGazLen && i+l <= len(info); l++ {
			h = mix(h, info[i+l-1].lower)
			if v, ok := m.gaz.get(key(h)); ok {
				best, bestV = l, v
			}
		}
		if best == 0 {
			i++
			continue
		}
		var ty []string
		for k, t := range Types {
			if bestV&(1<<k) != 0 {
				ty = append(ty, t)
			}
		}
		name := strings.Join(ty, "|")
		for k := 0; k < best; k++ {
			p := "I-"
			switch {
			case best == 1:
				p = "U-"
			case k == 0:
				p = "B-"
			case k == best-1:
				p = "L-"
			}
			info[i+k].gaz = p + name
		}
		i += best
	}
}

// clusterKey is the cluster table's key of a word.
func clusterKey(w string) uint32 { return f1(tClusKey, w) }

// setClusters fills the cluster table from LearnClusters' result.
func (m *Model) setClusters(c map[string]uint32) {
	ws := make([]string, 0, len(c))
	for w := range c {
		ws = append(ws, w)
	}
	sort.Strings(ws)
	var keys []uint32
	var vals []int32
	seen := map[uint32]bool{}
	for _, w := range ws {
		k := clusterKey(w)
		if seen[k] {
			continue
		}
		seen[k] = true
		keys = append(keys, k)
		vals = append(vals, int32(c[w]))
	}
	m.clus = newTable(keys, vals)
}

// clusterOf returns the classes of w, trying its title-case and lower-case
// forms when the text has no entry for it as written (headlines in
// capitals, a capitalised sentence start).
func (m *Model) clusterOf(w, lower string) (uint32, bool) {
	if m.clus.slots == nil {
		return 0, false
	}
	if v, ok := m.clus.get(clusterKey(w)); ok {
		return uint32(v), true
	}
	if r, size := utf8.DecodeRuneInString(w); size < len(w) {
		if v, ok := m.clus.get(clusterKey(string(r) + lower[min(size, len(lower)):])); ok {
			return uint32(v), true
		}
	}
	if v, ok := m.clus.get(clusterKey(lower)); ok {
		return uint32(v), true
	}
	return 0, false
}

// tokGazKey is the gazetteer key of a single word's uses inside names; it
// shares the table with whole names under its own template.
func tokGazKey(lower string) uint32 { return k1(tTokGazKey, hstr(lower)) }

// Tag labels the words of one document, sentence by sentence, with BILOU
// tags (O, B-PER, I-PER, L-PER, U-PER, …). The document matters: a name
// tagged earlier helps tag it again later.
func (m *Model) Tag(doc [][]string) [][]string {
	info := make([][]tokInfo, len(doc))
	for i, s := range doc {
		info[i] = m.sentInfo(s)
	}
	idx := m.tagDoc(info, m.score, true, nil)
	out := make([][]string, len(idx))
	for i, s := range idx {
		out[i] = make([]string, len(s))
		for j, t := range s {
			out[i][j] = m.tags[t]
		}
	}
	return out
}
