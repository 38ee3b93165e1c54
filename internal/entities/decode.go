package entities

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
	// cache holds the first pass's static scores, token after token;
	// next is where the second pass reads.
	cache []float32
	next  int
}

// tagDoc tags every sentence of a document. When learn is not nil it is
// called for each token with its features and chosen tag; it returns the
// tag to continue with, which lets training follow its own predictions.
// A two-pass model tags the document twice: the second pass sees the types
// the first gave the same word elsewhere in the document, later sentences
// included, so that a name tagged well in one place helps everywhere.
func (m *Model) tagDoc(doc [][]tokInfo, sc scorer, constrain bool, learn func(s, i int, feats []uint32, pred int) int) [][]int {
	di := newDocInfo(doc)
	d := decoder{scores: make([]float32, len(m.tags))}
	out := m.tagPass(doc, &di, &d, sc, constrain, learn, nil)
	if !m.twoPass {
		return out
	}
	first := &firstPass{tags: out, counts: typeCounts(m, doc, out)}
	d.next = 0
	return m.tagPass(doc, &di, &d, sc, constrain, learn, first)
}

// firstPass is what the second pass knows of the first: its tags, and the
// types its chunks gave each capitalised word, by word.
type firstPass struct {
	tags   [][]int
	counts map[uint64]*[4]int
}

// typeCounts counts, for each capitalised word, the types of the chunks
// it stands in.
func typeCounts(m *Model, doc [][]tokInfo, tags [][]int) map[uint64]*[4]int {
	counts := map[uint64]*[4]int{}
	for si, s := range doc {
		for i, t := range tags[si] {
			if s[i].upper && m.typeOf[t] >= 0 {
				c := counts[s[i].hLower]
				if c == nil {
					c = new([4]int)
					counts[s[i].hLower] = c
				}
				c[m.typeOf[t]]++
			}
		}
	}
	return counts
}

// docType is 1 + the type the first pass gave word i of sentence si most
// often elsewhere in the document (its own chunk not counted), or 0.
func (f *firstPass) docType(m *Model, s []tokInfo, si, i int) int {
	if f == nil || !s[i].upper {
		return 0
	}
	p := f.counts[s[i].hLower]
	if p == nil {
		return 0
	}
	c := *p
	if own := m.typeOf[f.tags[si][i]]; own >= 0 {
		c[own]--
	}
	best := -1
	for k := range c {
		if c[k] > 0 && (best < 0 || c[k] > c[best]) {
			best = k
		}
	}
	return best + 1
}

// tagPass is one pass of tagDoc; first is nil in the first pass.
func (m *Model) tagPass(doc [][]tokInfo, di *docInfo, d *decoder, sc scorer, constrain bool, learn func(s, i int, feats []uint32, pred int) int, first *firstPass) [][]int {
	hist := map[uint64]*[4]int{}
	out := make([][]int, len(doc))
	for si, s := range doc {
		caps := allCaps(s)
		tags := make([]int, len(s))
		prev, prev2 := len(m.tags), len(m.tags)
		if learn == nil && constrain && m.beam > 1 {
			tags = m.beamSentence(s, si, caps, di, hist, d, first)
			s = nil // skip the greedy loop
		}
		for i := range s {
			h := histType(hist, &s[i])
			if m.drop != nil && s[i].upper && m.drop() {
				saved := s[i]
				s[i].hide()
				if m.hideClusters {
					s[i].hasClus = false
				}
				d.feats = staticFeatures(d.feats[:0], s, i, caps, di)
				s[i] = saved
			} else {
				d.feats = staticFeatures(d.feats[:0], s, i, caps, di)
			}
			d.feats = dynamicFeatures(d.feats, s, i, prev, prev2, h, first.docType(m, s, si, i))
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
// In a two-pass model the first pass keeps each word's static scores in
// d.cache and the second reads them back: only the features that depend
// on tags are scored again.
func (m *Model) beamSentence(s []tokInfo, si int, caps bool, di *docInfo, hist map[uint64]*[4]int, d *decoder, first *firstPass) []int {
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
		switch {
		case first != nil:
			static = d.cache[d.next : d.next+n]
			d.next += n
		default:
			d.feats = staticFeatures(d.feats[:0], s, i, caps, di)
			m.score(d.feats, static)
			if m.twoPass {
				d.cache = append(d.cache, static...)
			}
		}
		h := histType(hist, &s[i])
		dt := first.docType(m, s, si, i)
		last := i == len(s)-1
		cands := d.cands[:0]
		var prevBeam []beamItem
		if i == 0 {
			prevBeam = []beamItem{start}
		} else {
			prevBeam = steps[(i-1)*k : (i-1)*k+width[i-1]]
		}
		for bi, it := range prevBeam {
			d.feats = dynamicFeatures(d.feats[:0], s, i, int(it.prev), int(it.prev2), h, dt)
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
