package entities

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Chunk is one gold entity of a training sentence: words [Start, End).
type Chunk struct {
	Start, End int
	Type       string // PER, LOC, ORG or MISC
}

// Sentence is one training sentence.
type Sentence struct {
	Words  []string
	Chunks []Chunk
}

// TrainOptions control training; the zero value picks the defaults.
type TrainOptions struct {
	Epochs   int    // passes over the data; default 10
	Seed     uint64 // shuffles the documents each pass
	MinCount int    // features seen fewer times are dropped; default 2
	Folds    int    // gazetteer folds, see Train; default 5
	// Dropout is the share of capitalised training tokens whose identity
	// is hidden in each pass (0 = none).
	Dropout float64
	// Members > 1 trains that many models with seeds Seed, Seed+1, … and
	// averages their weights; OnEpoch then also sees the average as epoch 0.
	Members int
	// Clusters are word classes from LearnClusters (nil = none).
	Clusters map[string]uint32
	// HideClusters hides the clusters of the tokens Dropout hides.
	HideClusters bool
	// TwoPass trains and tags each document twice (see Model.tagDoc).
	TwoPass bool
	// OnEpoch, when set, sees the averaged model after each pass, e.g. to
	// score it on a development set.
	OnEpoch func(epoch int, m *Model)
}

// Train learns a model from documents of tagged sentences. The gazetteer a
// training document sees is built from the other folds only: built from all
// of them, it would mark every training name and the model would learn to
// trust it blindly.
func Train(docs [][]Sentence, o TrainOptions) (*Model, error) {
	if o.Epochs <= 0 {
		o.Epochs = 10
	}
	if o.MinCount <= 0 {
		o.MinCount = 2
	}
	if o.Folds <= 1 {
		o.Folds = 5
	}
	m := &Model{}
	if err := m.setTags(bilou()); err != nil {
		return nil, err
	}
	nt := len(m.tags)
	tagIndex := map[string]int{}
	for i, t := range m.tags {
		tagIndex[t] = i
	}

	m.lex = lexTable(docs)
	if o.Clusters != nil {
		m.setClusters(o.Clusters)
	}
	m.hideClusters = o.HideClusters
	m.twoPass = o.TwoPass
	folds := make([]table, o.Folds)
	for k := range folds {
		folds[k] = gazTable(docs, func(d int) bool { return d%o.Folds != k })
	}
	full := gazTable(docs, func(int) bool { return true })

	info := make([][][]tokInfo, len(docs))
	gold := make([][][]int, len(docs))
	for d, doc := range docs {
		m.gaz = folds[d%o.Folds]
		info[d] = make([][]tokInfo, len(doc))
		gold[d] = make([][]int, len(doc))
		for s, sent := range doc {
			info[d][s] = m.sentInfo(sent.Words)
			g, err := bilouTags(sent, tagIndex)
			if err != nil {
				return nil, fmt.Errorf("train: document %d sentence %d: %w", d, s, err)
			}
			gold[d][s] = g
		}
	}
	m.gaz = full

	// Count features along the gold path and keep the frequent ones.
	counts := map[uint32]int32{}
	none := func([]uint32, []float32) {}
	for d := range docs {
		m.tagDoc(info[d], none, false, func(s, i int, feats []uint32, _ int) int {
			for _, f := range feats {
				counts[f]++
			}
			return gold[d][s][i]
		})
	}
	var keys []uint32
	for f, c := range counts {
		if int(c) >= o.MinCount {
			keys = append(keys, f)
		}
	}
	counts = nil
	slices.Sort(keys)
	index := make(map[uint32]int32, len(keys))
	for i, k := range keys {
		index[k] = int32(i)
	}

	w := make([]int32, len(keys)*nt)
	u := make([]int64, len(keys)*nt)
	var c int64
	score := func(feats []uint32, scores []float32) {
		clear(scores)
		for _, f := range feats {
			if r, ok := index[f]; ok {
				row := w[int(r)*nt : int(r)*nt+nt]
				for t := range row {
					scores[t] += float32(row[t])
				}
			}
		}
	}
	order := make([]int, len(docs))
	sum := make([]float32, len(w))
	for member := range max(o.Members, 1) {
		clear(w)
		clear(u)
		c = 0
		for i := range order {
			order[i] = i
		}
		seed := o.Seed + uint64(member)
		for epoch := 1; epoch <= o.Epochs; epoch++ {
			rng := rand.New(rand.NewPCG(seed, uint64(epoch)))
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			if o.Dropout > 0 {
				m.drop = func() bool { return rng.Float64() < o.Dropout }
			}
			for _, d := range order {
				m.tagDoc(info[d], score, false, func(s, i int, feats []uint32, pred int) int {
					c++
					g := gold[d][s][i]
					if pred == g {
						return pred
					}
					for _, f := range feats {
						r, ok := index[f]
						if !ok {
							continue
						}
						base := int(r) * nt
						w[base+g]++
						u[base+g] += c
						w[base+pred]--
						u[base+pred] -= c
					}
					return pred
				})
			}
			m.drop = nil
			if o.OnEpoch != nil && member == 0 {
				quantise(m, keys, averaged(w, u, c))
				o.OnEpoch(epoch, m)
			}
		}
		for i, v := range averaged(w, u, c) {
			sum[i] += v
		}
	}
	quantise(m, keys, sum)
	if o.OnEpoch != nil && o.Members > 1 {
		o.OnEpoch(0, m)
	}
	return m, nil
}

// averaged returns the averaged perceptron's weights.
func averaged(w []int32, u []int64, c int64) []float32 {
	avg := make([]float32, len(w))
	for i := range w {
		avg[i] = float32(float64(w[i]) - float64(u[i])/float64(c))
	}
	return avg
}

// quantise turns the averaged weights into int8 with one scale and drops
// features whose weights all round to 0. Clipping the largest weights to
// gain resolution for the small ones cost F1 on eng.testa, and int16
// weights gained nothing, so the scale is set by the largest weight.
func quantise(m *Model, keys []uint32, avg []float32) {
	nt := len(m.tags)
	top := float32(0)
	for _, v := range avg {
		top = max(top, float32(math.Abs(float64(v))))
	}
	if top == 0 {
		top = 1
	}
	m.scale = top / 127
	var kk []uint32
	var vv []int32
	var weights []int8
	row := make([]int8, nt)
	for r, k := range keys {
		nz := false
		for t := 0; t < nt; t++ {
			q := math.Round(float64(avg[r*nt+t] / m.scale))
			q = max(-127, min(127, q))
			row[t] = int8(q)
			nz = nz || q != 0
		}
		if nz {
			kk = append(kk, k)
			vv = append(vv, int32(len(vv)))
			weights = append(weights, row...)
		}
	}
	m.feats = newTable(kk, vv)
	m.weights = weights
	m.pack()
}

// bilouTags converts a sentence's chunks to tag indices.
func bilouTags(s Sentence, index map[string]int) ([]int, error) {
	tags := make([]int, len(s.Words))
	for _, c := range s.Chunks {
		if c.Start < 0 || c.End > len(s.Words) || c.Start >= c.End {
			return nil, fmt.Errorf("chunk [%d,%d) outside %d words", c.Start, c.End, len(s.Words))
		}
		set := func(i int, p string) error {
			t, ok := index[p+"-"+c.Type]
			if !ok {
				return fmt.Errorf("unknown entity type %q", c.Type)
			}
			tags[i] = t
			return nil
		}
		if c.End-c.Start == 1 {
			if err := set(c.Start, "U"); err != nil {
				return nil, err
			}
			continue
		}
		for i := c.Start; i < c.End; i++ {
			p := "I"
			switch i {
			case c.Start:
				p = "B"
			case c.End - 1:
				p = "L"
			}
			if err := set(i, p); err != nil {
				return nil, err
			}
		}
	}
	return tags, nil
}

// lexTable records, for every word of the training text, its frequency
// band and how it is capitalised away from sentence starts.
func lexTable(docs [][]Sentence) table {
	type tally struct{ total, capMid, low int }
	tl := map[string]*tally{}
	for _, doc := range docs {
		for _, s := range doc {
			caps := allCapsWords(s.Words)
			for i, w := range s.Words {
				w = normWord(w)
				lw := strings.ToLower(w)
				t := tl[lw]
				if t == nil {
					t = &tally{}
					tl[lw] = t
				}
				t.total++
				if caps {
					continue
				}
				r, _ := utf8.DecodeRuneInString(w)
				switch {
				case unicode.IsUpper(r) && i > 0:
					t.capMid++
				case unicode.IsLower(r):
					t.low++
				}
			}
		}
	}
	words := make([]string, 0, len(tl))
	for w := range tl {
		words = append(words, w)
	}
	sort.Strings(words)
	var keys []uint32
	var vals []int32
	seen := map[uint32]bool{}
	for _, w := range words {
		k := f1(tLex, w)
		if seen[k] {
			continue
		}
		seen[k] = true
		t := tl[w]
		keys = append(keys, k)
		vals = append(vals, lexCode(t.total, t.capMid, t.low))
	}
	return newTable(keys, vals)
}

func allCapsWords(words []string) bool {
	info := make([]tokInfo, len(words))
	for i, w := range words {
		info[i].word = w
	}
	return allCaps(info)
}

// gazTable collects the names of the chosen documents with their types.
func gazTable(docs [][]Sentence, use func(d int) bool) table {
	bits := map[uint32]int32{}
	for d, doc := range docs {
		if !use(d) {
			continue
		}
		for _, s := range doc {
			for _, c := range s.Chunks {
				if c.End-c.Start > maxGazLen || c.Start < 0 || c.End > len(s.Words) {
					continue
				}
				h := gazStart()
				for _, w := range s.Words[c.Start:c.End] {
					h = mix(h, strings.ToLower(normWord(w)))
				}
				for k, t := range Types {
					if t != c.Type {
						continue
					}
					bits[key(h)] |= 1 << k
					for i, w := range s.Words[c.Start:c.End] {
						pos := 0 // alone
						switch {
						case c.End-c.Start == 1:
						case i == 0:
							pos = 1
						default:
							pos = 2
						}
						bits[tokGazKey(strings.ToLower(normWord(w)))] |= 1 << (k*3 + pos)
					}
				}
			}
		}
	}
	keys := make([]uint32, 0, len(bits))
	for k := range bits {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	vals := make([]int32, len(keys))
	for i, k := range keys {
		vals[i] = bits[k]
	}
	return newTable(keys, vals)
}
