package extraction

import (
	"math"
	"math/rand/v2"
	"strings"
	"unicode"

	"storyline/internal/eval"
)

// Counts are one page's shingle matches, normalised so that they sum to 1
// (or are all 0 when both texts are empty): long pages must not outweigh
// short ones in the macro average.
type Counts struct{ TP, FP, FN float64 }

// shingleN is the benchmark's shingle length in tokens.
const shingleN = 4

// isWordRune matches what a Unicode-aware `\w` matches: letters, numbers
// and the underscore (not combining marks).
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Tokens returns the runs of word characters in s.
func Tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) })
}

// Shingles counts the 4-grams of tokens; a text of fewer than four tokens
// is a single shingle, and an empty text has none.
func Shingles(s string) map[string]int {
	toks := Tokens(s)
	out := map[string]int{}
	if len(toks) == 0 {
		return out
	}
	if len(toks) < shingleN {
		out[strings.Join(toks, "\x00")]++
		return out
	}
	for i := 0; i+shingleN <= len(toks); i++ {
		out[strings.Join(toks[i:i+shingleN], "\x00")]++
	}
	return out
}

// ScorePage compares a predicted text with the gold text.
func ScorePage(gold, pred string) Counts {
	g, p := Shingles(gold), Shingles(pred)
	var c Counts
	for k, gn := range g {
		pn := p[k]
		c.TP += float64(min(gn, pn))
		c.FN += float64(max(0, gn-pn))
	}
	for k, pn := range p {
		c.FP += float64(max(0, pn-g[k]))
	}
	if s := c.TP + c.FP + c.FN; s > 0 {
		c.TP, c.FP, c.FN = c.TP/s, c.FP/s, c.FN/s
	}
	return c
}

func pagePrecision(c Counts) float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FP == 0:
		return 0
	}
	return c.TP / (c.TP + c.FP)
}

func pageRecall(c Counts) float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FN == 0:
		return 0
	}
	return c.TP / (c.TP + c.FN)
}

// Macro averages precision over the pages that predicted something and
// recall over the pages whose gold has something, then F1 = 2PR/(P+R).
func Macro(pages []Counts) (p, r, f1 float64) {
	var np, nr int
	for _, c := range pages {
		if c.TP+c.FP > 0 {
			p += pagePrecision(c)
			np++
		}
		if c.TP+c.FN > 0 {
			r += pageRecall(c)
			nr++
		}
	}
	if np > 0 {
		p /= float64(np)
	}
	if nr > 0 {
		r /= float64(nr)
	}
	return p, r, eval.F1(p, r)
}

// Spread is a bootstrap half-width (1.96 standard deviations) of each
// figure, as the benchmark reports it.
type Spread struct{ P, R, F1 float64 }

// Bootstrap resamples pages with replacement n times from a fixed seed, so
// that a run is repeatable, and returns 1.96 × the sample standard
// deviation of P, R and F1.
func Bootstrap(pages []Counts, n int, seed uint64) Spread {
	if len(pages) == 0 || n < 2 {
		return Spread{}
	}
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	ps, rs, fs := make([]float64, n), make([]float64, n), make([]float64, n)
	sample := make([]Counts, len(pages))
	for i := range n {
		for j := range sample {
			sample[j] = pages[rng.IntN(len(pages))]
		}
		ps[i], rs[i], fs[i] = Macro(sample)
	}
	return Spread{P: 1.96 * stdev(ps), R: 1.96 * stdev(rs), F1: 1.96 * stdev(fs)}
}

func stdev(xs []float64) float64 {
	var mean float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return math.Sqrt(ss / float64(len(xs)-1))
}
