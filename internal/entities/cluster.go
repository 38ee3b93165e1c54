package entities

import (
	"math"
	"slices"
	"strings"
)

// Word clusters: words that occur in similar contexts share a class, so a
// name never seen in the labelled training text can still be tagged from
// the company it keeps in unlabelled text. The classes are learnt by the
// exchange algorithm (Kneser and Ney 1993; Martin, Liermann and Ney 1998),
// which maximises the likelihood of a class bigram model by moving one word
// at a time to the class that raises it most.

// ClusterOptions control LearnClusters; the zero value picks the defaults.
type ClusterOptions struct {
	// Classes lists the granularities, each learnt separately; at most
	// three, each at most maxClasses. Default 64, 256, 1024.
	Classes []int
	// MinCount: rarer words are not clustered; they stand in the text as
	// a token of their shape. Default 3.
	MinCount int
	// Iterations bounds the passes over the vocabulary; a pass that moves
	// fewer than one word in a thousand ends learning. Default 15.
	Iterations int
}

const maxClasses = 1024

// clusterBits is the width of one granularity's class in a packed value.
const clusterBits = 10

// LearnClusters learns word classes from sentences of tokens (case kept).
// The result maps each word seen at least MinCount times to its classes,
// packed clusterBits apiece in the order of o.Classes. It is deterministic.
func LearnClusters(sents [][]string, o ClusterOptions) map[string]uint32 {
	if len(o.Classes) == 0 {
		o.Classes = []int{64, 256, 1024}
	}
	if len(o.Classes) > 3 {
		o.Classes = o.Classes[:3]
	}
	if o.MinCount <= 0 {
		o.MinCount = 3
	}
	if o.Iterations <= 0 {
		o.Iterations = 15
	}
	freq := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			freq[normWord(w)]++
		}
	}
	// Word 0 is the sentence boundary; then words by falling frequency.
	type wc struct {
		w string
		n int
	}
	var vocab []wc
	rare := map[string]int{}
	for w, n := range freq {
		if n >= o.MinCount {
			vocab = append(vocab, wc{w, n})
		} else {
			rare[rareToken(w)] += n
		}
	}
	for w, n := range rare {
		vocab = append(vocab, wc{w, n})
	}
	slices.SortFunc(vocab, func(a, b wc) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return strings.Compare(a.w, b.w)
	})
	id := make(map[string]int32, len(vocab)+1)
	words := []string{"<boundary>"}
	for _, v := range vocab {
		id[v.w] = int32(len(words))
		words = append(words, v.w)
	}
	bigrams := map[uint64]int32{}
	for _, s := range sents {
		prev := int32(0)
		for _, w := range s {
			w = normWord(w)
			cur, ok := id[w]
			if !ok {
				cur = id[rareToken(w)]
			}
			bigrams[uint64(prev)<<32|uint64(cur)]++
			prev = cur
		}
		bigrams[uint64(prev)<<32]++
	}
	g := newBigramGraph(len(words), bigrams)
	out := map[string]uint32{}
	for k, n := range o.Classes {
		n = max(2, min(n, maxClasses))
		cls := g.exchange(n, o.Iterations)
		for i, w := range words {
			if i == 0 || strings.HasPrefix(w, "<rare ") {
				continue
			}
			out[w] |= uint32(cls[i]) << (clusterBits * k)
		}
	}
	return out
}

// rareToken is what a word seen too rarely to be clustered becomes: its
// shape, so that its neighbours still learn from its kind of word.
func rareToken(w string) string {
	_, short := shapes(w)
	return "<rare " + short + ">"
}

// bigramGraph holds each word's successors and predecessors with counts.
type bigramGraph struct {
	n          int
	succ, pred [][2]int32 // (word, count) pairs
	sOff, pOff []int32    // word w's pairs are succ[sOff[w]:sOff[w+1]]
	nl, nr     []int32    // times a word stands left, right in a bigram
	total      int64
}

func newBigramGraph(n int, bigrams map[uint64]int32) *bigramGraph {
	keys := make([]uint64, 0, len(bigrams))
	for k := range bigrams {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	g := &bigramGraph{n: n, sOff: make([]int32, n+1), pOff: make([]int32, n+1), nl: make([]int32, n), nr: make([]int32, n)}
	for _, k := range keys {
		u, v, c := int32(k>>32), int32(uint32(k)), bigrams[k]
		g.sOff[u+1]++
		g.pOff[v+1]++
		g.nl[u] += c
		g.nr[v] += c
		g.total += int64(c)
	}
	for i := 0; i < n; i++ {
		g.sOff[i+1] += g.sOff[i]
		g.pOff[i+1] += g.pOff[i]
	}
	g.succ = make([][2]int32, len(keys))
	g.pred = make([][2]int32, len(keys))
	sNext := slices.Clone(g.sOff[:n])
	pNext := slices.Clone(g.pOff[:n])
	for _, k := range keys {
		u, v, c := int32(k>>32), int32(uint32(k)), bigrams[k]
		g.succ[sNext[u]] = [2]int32{v, c}
		sNext[u]++
		g.pred[pNext[v]] = [2]int32{u, c}
		pNext[v]++
	}
	return g
}

// exchange partitions the words into k classes. The boundary word keeps
// class 0 to itself; the others start round-robin by frequency.
func (g *bigramGraph) exchange(k, iterations int) []int32 {
	cls := make([]int32, g.n)
	for w := 1; w < g.n; w++ {
		cls[w] = int32(1 + (w-1)%(k-1))
	}
	// f(x) = x ln x, from a table for the small counts most cells hold: a
	// table of every count up to the corpus size would miss the cache.
	tab := make([]float64, min(g.total+1, 1<<16))
	for x := 1; x < len(tab); x++ {
		tab[x] = float64(x) * math.Log(float64(x))
	}
	f := func(x int32) float64 {
		if int(x) < len(tab) {
			return tab[x]
		}
		return float64(x) * math.Log(float64(x))
	}
	// nm[a*k+c] counts bigrams of class a then class c; nt is its
	// transpose, so that both sides of a candidate class are rows.
	nm := make([]int32, k*k)
	nt := make([]int32, k*k)
	cl := make([]int32, k) // class counts as the left word
	cr := make([]int32, k)
	for u := 0; u < g.n; u++ {
		cl[cls[u]] += g.nl[u]
		cr[cls[u]] += g.nr[u]
		for _, e := range g.succ[g.sOff[u]:g.sOff[u+1]] {
			nm[int(cls[u])*k+int(cls[e[0]])] += e[1]
			nt[int(cls[e[0]])*k+int(cls[u])] += e[1]
		}
	}
	right := make([]int32, k) // the word's bigram counts by the class after it
	left := make([]int32, k)  // … and by the class before it
	var rc, lc []int32        // the classes touched in right and left
	// apply adds (sign 1) or removes (sign -1) word w's counts to class a.
	apply := func(w int, a int32, self int32, sign int32) {
		row, col := int(a)*k, int(a)
		for _, c := range rc {
			nm[row+int(c)] += sign * right[c]
			nt[int(c)*k+col] += sign * right[c]
		}
		for _, c := range lc {
			nm[int(c)*k+col] += sign * left[c]
			nt[row+int(c)] += sign * left[c]
		}
		nm[row+col] += sign * self
		nt[row+col] += sign * self
		cl[a] += sign * g.nl[w]
		cr[a] += sign * g.nr[w]
	}
	for it := 0; it < iterations; it++ {
		moved := 0
		for w := 1; w < g.n; w++ {
			var self int32
			rc, lc = rc[:0], lc[:0]
			for _, e := range g.succ[g.sOff[w]:g.sOff[w+1]] {
				if int(e[0]) == w {
					self = e[1]
					continue
				}
				c := cls[e[0]]
				if right[c] == 0 {
					rc = append(rc, c)
				}
				right[c] += e[1]
			}
			for _, e := range g.pred[g.pOff[w]:g.pOff[w+1]] {
				if int(e[0]) == w {
					continue
				}
				c := cls[e[0]]
				if left[c] == 0 {
					lc = append(lc, c)
				}
				left[c] += e[1]
			}
			a := cls[w]
			apply(w, a, self, -1)
			nlw, nrw := g.nl[w], g.nr[w]
			gain := func(b int) float64 {
				row := nm[b*k : b*k+k]
				rowT := nt[b*k : b*k+k]
				d := 0.0
				for _, c := range rc {
					if int(c) != b {
						x := row[c]
						d += f(x+right[c]) - f(x)
					}
				}
				for _, c := range lc {
					if int(c) != b {
						x := rowT[c]
						d += f(x+left[c]) - f(x)
					}
				}
				x := row[b]
				d += f(x+right[b]+left[b]+self) - f(x)
				d -= f(cl[b]+nlw) - f(cl[b]) + f(cr[b]+nrw) - f(cr[b])
				return d
			}
			best, bestGain := a, gain(int(a))
			for b := 1; b < k; b++ {
				if int32(b) == a {
					continue
				}
				if d := gain(b); d > bestGain+1e-9 {
					best, bestGain = int32(b), d
				}
			}
			apply(w, best, self, 1)
			if best != a {
				cls[w] = best
				moved++
			}
			for _, c := range rc {
				right[c] = 0
			}
			for _, c := range lc {
				left[c] = 0
			}
		}
		if moved*1000 < g.n {
			break
		}
	}
	return cls
}
