package clusters

import (
	"math"
	"sort"

	"storyline/internal/words"
)

// Baseline is plain TF-IDF cosine average-link agglomerative clustering of
// a set of texts: raw term counts of the content stems times ln(N/df),
// compared by cosine; the two clusters with the highest mean pairwise
// similarity merge until that mean falls below the threshold. Run builds
// the whole dendrogram once; Cut reads any threshold off it.
type Baseline struct {
	n      int
	merges []merge // in the order they happen, similarity non-increasing
}

type merge struct {
	a, b int // the clusters' representative items
	sim  float64
}

// NewBaseline clusters texts; the work is O(n³) in the number of texts,
// fine for the few hundred of one ECB+ split.
func NewBaseline(texts []string) *Baseline {
	n := len(texts)
	vecs := tfidf(texts)
	// sum[i][j] is the sum of item similarities between clusters i and j;
	// size the number of items; alive the clusters standing.
	sum := make([][]float64, n)
	for i := range sum {
		sum[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			s := dot(vecs[i], vecs[j])
			sum[i][j], sum[j][i] = s, s
		}
	}
	size := make([]int, n)
	alive := make([]bool, n)
	for i := range size {
		size[i], alive[i] = 1, true
	}
	avg := func(i, j int) float64 { return sum[i][j] / float64(size[i]*size[j]) }
	// The nearest-neighbour chain: follow each cluster to its most similar
	// one until two are each other's nearest, and merge those. Average link
	// is reducible, so this gives the same tree as always merging the
	// globally closest pair, in O(n²) instead of O(n³).
	b := &Baseline{n: n}
	var chain []int
	for left := n; left > 1; {
		if len(chain) == 0 {
			for i := range alive {
				if alive[i] {
					chain = append(chain, i)
					break
				}
			}
		}
		a := chain[len(chain)-1]
		prev := -1
		if len(chain) > 1 {
			prev = chain[len(chain)-2]
		}
		best, bs := -1, math.Inf(-1)
		if prev >= 0 {
			best, bs = prev, avg(a, prev) // ties go back down the chain, so it ends
		}
		for x := range alive {
			if alive[x] && x != a {
				if s := avg(a, x); s > bs {
					best, bs = x, s
				}
			}
		}
		if best != prev {
			chain = append(chain, best)
			continue
		}
		chain = chain[:len(chain)-2]
		i, j := min(a, best), max(a, best)
		b.merges = append(b.merges, merge{i, j, bs})
		for x := range alive {
			if alive[x] && x != i && x != j {
				sum[i][x] += sum[j][x]
				sum[x][i] = sum[i][x]
			}
		}
		size[i] += size[j]
		alive[j] = false
		left--
	}
	// Cut reads merges from the most similar down.
	sort.SliceStable(b.merges, func(x, y int) bool { return b.merges[x].sim > b.merges[y].sim })
	return b
}

// Cut returns a cluster label per item for a threshold: the merges whose
// mean similarity is at least t.
func (b *Baseline) Cut(t float64) []int {
	parent := make([]int, b.n)
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, m := range b.merges {
		if m.sim < t {
			break
		}
		parent[find(m.b)] = find(m.a)
	}
	out := make([]int, b.n)
	for i := range out {
		out[i] = find(i)
	}
	return out
}

// Thresholds are the distinct merge similarities, the only places where a
// cut changes, highest first.
func (b *Baseline) Thresholds() []float64 {
	var out []float64
	for _, m := range b.merges {
		if len(out) == 0 || m.sim < out[len(out)-1] {
			out = append(out, m.sim)
		}
	}
	return out
}

// sparse is a vector as (word number, weight) pairs sorted by number.
type sparse []wordWeight

type wordWeight struct {
	w int
	x float64
}

// tfidf returns unit-length TF-IDF vectors of texts.
func tfidf(texts []string) []sparse {
	ids := map[string]int{}
	tfs := make([]map[int]int, len(texts))
	df := map[int]int{}
	for i, t := range texts {
		tf := map[int]int{}
		for _, w := range words.Content(t) {
			id, ok := ids[w]
			if !ok {
				id = len(ids)
				ids[w] = id
			}
			tf[id]++
		}
		for w := range tf {
			df[w]++
		}
		tfs[i] = tf
	}
	n := float64(len(texts))
	out := make([]sparse, len(texts))
	for i, tf := range tfs {
		v := make(sparse, 0, len(tf))
		for w, c := range tf {
			v = append(v, wordWeight{w, float64(c) * math.Log(n/float64(df[w]))})
		}
		// A fixed order of sums, so that runs agree to the last bit.
		sort.Slice(v, func(a, b int) bool { return v[a].w < v[b].w })
		norm := 0.0
		for _, x := range v {
			norm += x.x * x.x
		}
		if norm = math.Sqrt(norm); norm > 0 {
			for k := range v {
				v[k].x /= norm
			}
		}
		out[i] = v
	}
	return out
}

func dot(a, b sparse) float64 {
	s := 0.0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].w < b[j].w:
			i++
		case a[i].w > b[j].w:
			j++
		default:
			s += a[i].x * b[j].x
			i++
			j++
		}
	}
	return s
}
