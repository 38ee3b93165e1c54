package clusters

import (
	"fmt"
	"math"
	"sort"

	"storyline/internal/cluster"
	"storyline/internal/news"
)

// FitOptions bound the logistic regression that fits cluster.Weights.
type FitOptions struct {
	Iterations int     // full-batch gradient steps
	Rate       float64 // step size
	L2         float64 // weight decay; the bias is not decayed
}

// DefaultFit is what the shipped weights were fitted with.
var DefaultFit = FitOptions{Iterations: 2000, Rate: 2, L2: 1e-3}

// Fitted is the outcome of FitWeights.
type Fitted struct {
	Weights cluster.Weights
	// Pairs is the number of training pairs, Positive those of one event.
	Pairs, Positive int
	// TrainAUC is the share of (same-event, different-event) pairs of the
	// training topics that the fitted score orders right.
	TrainAUC float64
}

// FitWeights fits the clusterer's pair weights by logistic regression on
// the pairs of docs within each topic of docs: 1 when the two report one
// event (one sub-topic), 0 when they report the topic's other event. Pairs
// across topics are left out: their cosines are low and any weights tell
// them apart; the pairs within a topic are where the weights matter. Plain
// full-batch gradient descent from zero, so the result is the same on every
// run.
func FitWeights(docs []Analysed, p cluster.Params, o FitOptions) (Fitted, error) {
	ds := make([]*news.Doc, len(docs))
	for i, d := range docs {
		ds[i] = d.Doc
	}
	px := cluster.NewPairs(ds, p)
	var xs [][]float64
	var ys []float64
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if docs[i].Topic != docs[j].Topic {
				continue
			}
			xs = append(xs, px.Features(i, j))
			ys = append(ys, indicator(docs[i].Subtopic == docs[j].Subtopic))
		}
	}
	if len(xs) == 0 {
		return Fitted{}, fmt.Errorf("fit weights: no pairs within a topic")
	}
	w := make([]float64, cluster.NumFeatures)
	g := make([]float64, len(w))
	for range o.Iterations {
		clear(g)
		for k, x := range xs {
			d := sigmoid(dotf(w, x)) - ys[k]
			for f := range g {
				g[f] += d * x[f]
			}
		}
		for f := range w {
			step := g[f] / float64(len(xs))
			if f > 0 {
				step += o.L2 * w[f]
			}
			w[f] -= o.Rate * step
		}
	}
	wt, err := cluster.WeightsFrom(w)
	if err != nil {
		return Fitted{}, err
	}
	pos := 0
	scores := make([]float64, len(xs))
	for k, x := range xs {
		scores[k] = dotf(w, x)
		if ys[k] == 1 {
			pos++
		}
	}
	return Fitted{Weights: wt, Pairs: len(xs), Positive: pos, TrainAUC: AUC(scores, ys)}, nil
}

// PairAUC is the AUC of the weights' score over the pairs within each topic
// of docs: how well it orders same-event pairs above different-event ones.
func PairAUC(docs []Analysed, p cluster.Params) float64 {
	ds := make([]*news.Doc, len(docs))
	for i, d := range docs {
		ds[i] = d.Doc
	}
	px := cluster.NewPairs(ds, p)
	var scores, ys []float64
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			if docs[i].Topic == docs[j].Topic {
				scores = append(scores, px.Score(i, j, p.Weights))
				ys = append(ys, indicator(docs[i].Subtopic == docs[j].Subtopic))
			}
		}
	}
	return AUC(scores, ys)
}

// AUC is the probability that a positive (y = 1) scores above a negative,
// ties counting half.
func AUC(scores, ys []float64) float64 {
	type sy struct{ s, y float64 }
	v := make([]sy, len(scores))
	for i := range scores {
		v[i] = sy{scores[i], ys[i]}
	}
	sort.Slice(v, func(i, j int) bool { return v[i].s < v[j].s })
	var neg, pos, sum float64
	for i := 0; i < len(v); {
		j := i
		var tp, tn float64
		for j < len(v) && v[j].s == v[i].s {
			if v[j].y == 1 {
				tp++
			} else {
				tn++
			}
			j++
		}
		sum += tp * (neg + tn/2)
		neg += tn
		pos += tp
		i = j
	}
	if pos == 0 || neg == 0 {
		return math.NaN()
	}
	return sum / (pos * neg)
}

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

func dotf(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func indicator(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
