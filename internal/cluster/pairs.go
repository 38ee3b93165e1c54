package cluster

import (
	"fmt"
	"math"

	"storyline/internal/news"
)

// Pairs holds articles weighed as one batch (one IDF table over them all),
// so that the features Weights weigh can be read for any pair of them: what
// internal/eval/clusters fits Weights on.
type Pairs struct {
	prs []profile
}

// NewPairs weighs docs with params p.
func NewPairs(docs []*news.Doc, p Params) *Pairs {
	fs := make([]features, len(docs))
	df := map[string]int{}
	for i, d := range docs {
		fs[i] = featuresOf(d, p)
		for _, v := range fs[i].spaces() {
			for _, x := range v {
				df[x.Key]++
			}
		}
	}
	n := float64(len(docs))
	idf := func(k string) float64 { return math.Log((1+n)/(1+float64(df[k]))) + 1 }
	x := &Pairs{prs: make([]profile, len(docs))}
	for i, f := range fs {
		x.prs[i] = weighed(f, idf, p.MaxTerms)
	}
	return x
}

// Len is the number of articles.
func (x *Pairs) Len() int { return len(x.prs) }

// NumFeatures is the length of Features' result.
const NumFeatures = 2 + 2*nSpaces

// Features returns the features of articles i and j, in the order
// WeightsFrom reads coefficients: 1 (for the bias), the cosine of each
// space (0 when either lacks it), whether both have each space, whether
// exactly one names dates. The score of the pair is their dot product with
// the coefficients.
func (x *Pairs) Features(i, j int) []float64 {
	a, b := x.prs[i], x.prs[j]
	out := make([]float64, 0, NumFeatures)
	out = append(out, 1)
	for s := range nSpaces {
		out = append(out, dot(a[s], b[s]))
	}
	for s := range nSpaces {
		out = append(out, flag(len(a[s]) > 0 && len(b[s]) > 0))
	}
	return append(out, flag((len(a[dateIdx]) > 0) != (len(b[dateIdx]) > 0)))
}

// Score is the pair's score by w, as the clusterer computes it.
func (x *Pairs) Score(i, j int, w Weights) float64 {
	return score(x.prs[i].group(), x.prs[j].group(), w)
}

// WeightsFrom reads coefficients in the order of Features.
func WeightsFrom(coef []float64) (Weights, error) {
	if len(coef) != NumFeatures {
		return Weights{}, fmt.Errorf("weights from %d coefficients, want %d: %w", len(coef), NumFeatures, news.ErrInvalid)
	}
	var w Weights
	w.Bias = coef[0]
	copy(w.Cos[:], coef[1:1+nSpaces])
	copy(w.Both[:], coef[1+nSpaces:1+2*nSpaces])
	w.OneDated = coef[1+2*nSpaces]
	return w, nil
}

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
