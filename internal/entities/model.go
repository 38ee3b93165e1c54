package entities

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Types are the CoNLL entity types the model knows, in a fixed order.
var Types = []string{"PER", "LOC", "ORG", "MISC"}

// Model is a greedy left-to-right tagger: an averaged perceptron over
// hashed features, BILOU tags, and two tables learnt from the training
// text (how often a word is written with a capital; which word sequences
// were names of which type).
type Model struct {
	tags    []string // tags[0] is "O"
	typeOf  []int    // index into Types, -1 for O
	prefix  []byte   // B, I, L, U or O
	feats   table
	weights []int8 // len(feats rows) × len(tags)
	scale   float32
	lex     table
	gaz     table
	allowed [][]bool // allowed[prev][tag]; prev == len(tags) is the start
	// drop, during training only, says whether to hide a token's identity
	// so the model learns to tag names it has never seen from their shape
	// and context.
	drop func() bool
	beam int // beam width at tagging time; 0 or 1 = greedy
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

// tokGazKey is the gazetteer key of a single word's uses inside names; it
// shares the table with whole names under its own template.
func tokGazKey(lower string) uint32 { return k1(tTokGazKey, hstr(lower)) }

// scorer adds the weights of a token's features to scores.
type scorer func(feats []uint32, scores []float32)

func (m *Model) score(feats []uint32, scores []float32) {
	n := len(m.tags)
	if n == nBILOU {
		m.score17(feats, scores)
		return
	}
	var buf [maxTags]int32
	acc := buf[:n]
	for _, f := range feats {
		row, ok := m.feats.get(f)
		if !ok {
			continue
		}
		w := m.weights[int(row)*n : int(row)*n+n]
		for t := range w {
			acc[t] += int32(w[t])
		}
	}
	for t := range scores {
		scores[t] = float32(acc[t]) * m.scale
	}
}

// nBILOU is the size of the usual tag set: O and B/I/L/U of four types.
const nBILOU = 17

// pack stores each row of weights for the usual tag set as five 64-bit
// words of four 16-bit lanes, each weight biased by 128 so that lanes stay
// non-negative: adding rows is then five integer additions, not seventeen.
func (m *Model) pack() {
	m.packed = nil
	if len(m.tags) != nBILOU {
		return
	}
	rows := len(m.weights) / nBILOU
	m.packed = make([]uint64, rows*packWords)
	for r := 0; r < rows; r++ {
		for t := 0; t < nBILOU; t++ {
			v := uint64(int(m.weights[r*nBILOU+t]) + 128)
			m.packed[r*packWords+t/4] |= v << (16 * (t % 4))
		}
	}
}

const (
	packWords = (nBILOU + 3) / 4
	// maxPacked bounds the features summed in 16-bit lanes: 255 per
	// feature may not carry into the next lane.
	maxPacked = 65535 / 255
)

// score17 is score for the usual tag set, on the packed rows.
func (m *Model) score17(feats []uint32, scores []float32) {
	if len(feats) > maxPacked || m.packed == nil {
		m.scoreSlow(feats, scores)
		return
	}
	var acc [packWords]uint64
	found := 0
	for _, f := range feats {
		row, ok := m.feats.get(f)
		if !ok {
			continue
		}
		p := (*[packWords]uint64)(m.packed[int(row)*packWords:])
		acc[0] += p[0]
		acc[1] += p[1]
		acc[2] += p[2]
		acc[3] += p[3]
		acc[4] += p[4]
		found++
	}
	sc := (*[nBILOU]float32)(scores)
	bias := int32(128 * found)
	for t := range sc {
		lane := int32((acc[t/4] >> (16 * (t % 4))) & 0xffff)
		sc[t] = float32(lane-bias) * m.scale
	}
}

// scoreSlow is score17 without packing, for over-long feature lists.
func (m *Model) scoreSlow(feats []uint32, scores []float32) {
	var acc [nBILOU]int32
	for _, f := range feats {
		row, ok := m.feats.get(f)
		if !ok {
			continue
		}
		w := (*[nBILOU]int8)(m.weights[int(row)*nBILOU:])
		for t := range acc {
			acc[t] += int32(w[t])
		}
	}
	sc := (*[nBILOU]float32)(scores)
	for t := range acc {
		sc[t] = float32(acc[t]) * m.scale
	}
}

// decoder holds the buffers of one tagging run.
type decoder struct {
	feats       []uint32
	scores      []float32
	static, dyn []float32
	cands       []beamItem
	steps       []beamItem
	width       []int
}

// tagDoc tags every sentence of a document. When learn is not nil it is
// called for each token with its features and chosen tag; it returns the
// tag to continue with, which lets training follow its own predictions.
func (m *Model) tagDoc(doc [][]tokInfo, sc scorer, constrain bool, learn func(s, i int, feats []uint32, pred int) int) [][]int {
	di := newDocInfo(doc)
	hist := map[uint64]*[4]int{}
	d := decoder{scores: make([]float32, len(m.tags))}
	out := make([][]int, len(doc))
	for si, s := range doc {
		caps := allCaps(s)
		tags := make([]int, len(s))
		prev, prev2 := len(m.tags), len(m.tags)
		if learn == nil && constrain && m.beam > 1 {
			tags = m.beamSentence(s, caps, &di, hist, &d)
			s = nil // skip the greedy loop
		}
		for i := range s {
			h := 0
			if s[i].upper {
				if c := hist[s[i].hLower]; c != nil {
					best := -1
					for k := range c {
						if c[k] > 0 && (best < 0 || c[k] > c[best]) {
							best = k
						}
					}
					if best >= 0 {
						h = best + 1
					}
				}
			}
			if m.drop != nil && s[i].upper && m.drop() {
				saved := s[i]
				s[i].hide()
				d.feats = staticFeatures(d.feats[:0], s, i, caps, &di)
				s[i] = saved
			} else {
				d.feats = staticFeatures(d.feats[:0], s, i, caps, &di)
			}
			d.feats = dynamicFeatures(d.feats, s, i, prev, prev2, h)
			sc(d.feats, d.scores)
			last := i == len(s)-1
			best := -1
			for t, v := range d.scores {
				if constrain {
					if !m.allowed[prev][t] {
						continue
					}
					if last && (m.prefix[t] == 'B' || m.prefix[t] == 'I') {
						continue
					}
				}
				if best < 0 || v > d.scores[best] {
					best = t
				}
			}
			if learn != nil {
				best = learn(si, i, d.feats, best)
			}
			tags[i] = best
			prev2, prev = prev, best
		}
		// The history counts whole chunks' types for their capitalised words.
		s = doc[si]
		for i, t := range tags {
			if s[i].upper && m.typeOf[t] >= 0 {
				c := hist[s[i].hLower]
				if c == nil {
					c = new([4]int)
					hist[s[i].hLower] = c
				}
				c[m.typeOf[t]]++
			}
		}
		out[si] = tags
	}
	return out
}

// histType is 1 + the type the document's earlier sentences gave most
// often to word i, or 0.
func histType(hist map[uint64]*[4]int, t *tokInfo) int {
	if !t.upper {
		return 0
	}
	c := hist[t.hLower]
	if c == nil {
		return 0
	}
	best := -1
	for k := range c {
		if c[k] > 0 && (best < 0 || c[k] > c[best]) {
			best = k
		}
	}
	return best + 1
}

// beamItem is one partial tag sequence in the beam.
type beamItem struct {
	score       float32
	prev, prev2 int32
	back        int32 // index of the item at the previous word
}

// beamSentence tags one sentence keeping the best few tag sequences, with
// the features that do not depend on earlier tags scored once per word.
func (m *Model) beamSentence(s []tokInfo, caps bool, di *docInfo, hist map[uint64]*[4]int, d *decoder) []int {
	n, k := len(m.tags), m.beam
	if cap(d.static) < n {
		d.static, d.dyn = make([]float32, n), make([]float32, n)
	}
	static, dyn := d.static[:n], d.dyn[:n]
	// steps[i*k : i*k+width[i]] is the beam after word i.
	steps := d.steps[:0]
	width := d.width[:0]
	start := beamItem{prev: int32(n), prev2: int32(n), back: -1}
	for i := range s {
		d.feats = staticFeatures(d.feats[:0], s, i, caps, di)
		m.score(d.feats, static)
		h := histType(hist, &s[i])
		last := i == len(s)-1
		cands := d.cands[:0]
		var prevBeam []beamItem
		if i == 0 {
			prevBeam = []beamItem{start}
		} else {
			prevBeam = steps[(i-1)*k : (i-1)*k+width[i-1]]
		}
		for bi, it := range prevBeam {
			d.feats = dynamicFeatures(d.feats[:0], s, i, int(it.prev), int(it.prev2), h)
			m.score(d.feats, dyn)
			allowed := m.allowed[it.prev]
			for t := 0; t < n; t++ {
				if !allowed[t] || last && (m.prefix[t] == 'B' || m.prefix[t] == 'I') {
					continue
				}
				cands = append(cands, beamItem{score: it.score + static[t] + dyn[t], prev: int32(t), prev2: it.prev, back: int32(bi)})
			}
		}
		w := min(len(cands), k)
		for j := 0; j < w; j++ { // partial selection sort: k is tiny
			top := j
			for c := j + 1; c < len(cands); c++ {
				if cands[c].score > cands[top].score {
					top = c
				}
			}
			cands[j], cands[top] = cands[top], cands[j]
		}
		steps = append(steps, cands[:w]...)
		for j := w; j < k; j++ {
			steps = append(steps, beamItem{}) // keep rows k wide
		}
		width = append(width, w)
		d.cands = cands
	}
	d.steps, d.width = steps, width
	tags := make([]int, len(s))
	bi := int32(0)
	for i := len(s) - 1; i >= 0; i-- {
		it := steps[i*k+int(bi)]
		tags[i] = int(it.prev)
		bi = it.back
	}
	return tags
}

func (m *Model) tagName(t int) string {
	if t >= len(m.tags) {
		return "<s>"
	}
	return m.tags[t]
}

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

const magic = "storyline-ner-1\n"

// Limits on a model file, so a corrupt one fails cleanly.
const (
	maxRows = 4 << 20
	maxTags = 64
)

// WriteTo writes the model in its compact, gzip-compressed form.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	buf.WriteString(magic)
	putU := func(v uint64) { buf.Write(binary.AppendUvarint(nil, v)) }
	putU(uint64(len(m.tags)))
	for _, t := range m.tags {
		putU(uint64(len(t)))
		buf.WriteString(t)
	}
	binary.Write(&buf, binary.LittleEndian, math.Float32bits(m.scale))
	writeTable := func(t *table, withWeights bool) {
		type kv struct {
			k uint32
			v int32
		}
		var kvs []kv
		ks, vs := t.entries()
		for i, k := range ks {
			kvs = append(kvs, kv{k, vs[i]})
		}
		sort.Slice(kvs, func(i, j int) bool { return kvs[i].k < kvs[j].k })
		putU(uint64(len(kvs)))
		last := uint32(0)
		for _, e := range kvs {
			putU(uint64(e.k - last))
			last = e.k
		}
		n := len(m.tags)
		if withWeights {
			// Tag-major order keeps each tag's small weights together,
			// which compresses better.
			for t := 0; t < n; t++ {
				for _, e := range kvs {
					buf.WriteByte(byte(m.weights[int(e.v)*n+t]))
				}
			}
			return
		}
		for _, e := range kvs {
			putU(uint64(e.v))
		}
	}
	writeTable(&m.feats, true)
	writeTable(&m.lex, false)
	writeTable(&m.gaz, false)
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return cw.n, err
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Load reads a model written by WriteTo; name is used in errors.
func Load(r io.Reader, name string) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", name, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", name, err)
	}
	m, err := decode(bufio.NewReader(bytes.NewReader(data)), len(data))
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", name, err)
	}
	return m, nil
}

// decode reads a model of size bytes; every count is checked against the
// size before anything is allocated for it.
func decode(r *bufio.Reader, size int) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic {
		return nil, fmt.Errorf("not a storyline NER model: %w", errBadModel)
	}
	getU := func(limit uint64) (uint64, error) {
		v, err := binary.ReadUvarint(r)
		if err != nil {
			return 0, fmt.Errorf("truncated: %w", errBadModel)
		}
		if v > limit {
			return 0, fmt.Errorf("value %d over %d: %w", v, limit, errBadModel)
		}
		return v, nil
	}
	nt, err := getU(maxTags)
	if err != nil {
		return nil, err
	}
	tags := make([]string, nt)
	for i := range tags {
		l, err := getU(32)
		if err != nil {
			return nil, err
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(r, b); err != nil || !utf8.Valid(b) {
			return nil, fmt.Errorf("tag %d: %w", i, errBadModel)
		}
		tags[i] = string(b)
	}
	if nt == 0 || tags[0] != "O" {
		return nil, fmt.Errorf("first tag must be O: %w", errBadModel)
	}
	m := &Model{}
	if err := m.setTags(tags); err != nil {
		return nil, err
	}
	var bits uint32
	if err := binary.Read(r, binary.LittleEndian, &bits); err != nil {
		return nil, fmt.Errorf("scale: %w", errBadModel)
	}
	m.scale = math.Float32frombits(bits)
	if math.IsNaN(float64(m.scale)) || math.IsInf(float64(m.scale), 0) {
		return nil, fmt.Errorf("scale: %w", errBadModel)
	}
	readTable := func(withWeights bool) (table, error) {
		n, err := getU(maxRows)
		if err != nil {
			return table{}, err
		}
		if int(n) > size || withWeights && int(n)*int(nt) > size {
			return table{}, fmt.Errorf("%d entries in %d bytes: %w", n, size, errBadModel)
		}
		keys := make([]uint32, n)
		vals := make([]int32, n)
		last := uint64(0)
		for i := range keys {
			d, err := getU(math.MaxUint32)
			if err != nil {
				return table{}, err
			}
			last += d
			if last > math.MaxUint32 || last == 0 || (i > 0 && d == 0) {
				return table{}, fmt.Errorf("keys out of order: %w", errBadModel)
			}
			keys[i] = uint32(last)
			vals[i] = int32(i)
		}
		if withWeights {
			w := make([]byte, int(n)*int(nt))
			if _, err := io.ReadFull(r, w); err != nil {
				return table{}, fmt.Errorf("weights: %w", errBadModel)
			}
			m.weights = make([]int8, len(w))
			for t := 0; t < int(nt); t++ {
				for i := 0; i < int(n); i++ {
					m.weights[i*int(nt)+t] = int8(w[t*int(n)+i])
				}
			}
		} else {
			for i := range vals {
				v, err := getU(math.MaxInt32)
				if err != nil {
					return table{}, err
				}
				vals[i] = int32(v)
			}
		}
		return newTable(keys, vals), nil
	}
	if m.feats, err = readTable(true); err != nil {
		return nil, err
	}
	m.pack()
	if m.lex, err = readTable(false); err != nil {
		return nil, err
	}
	if m.gaz, err = readTable(false); err != nil {
		return nil, err
	}
	_, lexVals := m.lex.entries()
	for _, v := range lexVals {
		if v < 0 || int(v) >= len(lexNames) {
			return nil, fmt.Errorf("lex class %d: %w", v, errBadModel)
		}
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return nil, fmt.Errorf("trailing data: %w", errBadModel)
	}
	return m, nil
}

// capitalised reports whether w starts with an upper-case letter.
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
