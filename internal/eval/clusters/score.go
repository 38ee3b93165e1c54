package clusters

import "fmt"

// PRF is a precision, recall and F1.
type PRF struct {
	P float64 `json:"p"`
	R float64 `json:"r"`
	F float64 `json:"f1"`
}

func prf(p, r float64) PRF {
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{p, r, f}
}

// Scores are the two clustering measures of one prediction.
type Scores struct {
	BCubed   PRF `json:"bcubed"`
	Pairwise PRF `json:"pairwise"`
}

// Score compares predicted cluster labels with gold labels, item by item.
//
// B-cubed (Bagga & Baldwin 1998): for each item, precision is the share of
// its predicted cluster that shares its gold cluster and recall the share of
// its gold cluster that shares its predicted cluster; both are averaged over
// items. Pairwise: over all pairs of items, precision is the share of pairs
// put together that belong together, recall the share of pairs that belong
// together that were put together.
func Score(gold, pred []string) (Scores, error) {
	if len(gold) != len(pred) {
		return Scores{}, fmt.Errorf("score clusters: %d gold labels, %d predicted", len(gold), len(pred))
	}
	n := len(gold)
	if n == 0 {
		return Scores{}, fmt.Errorf("score clusters: no items")
	}
	type pair struct{ g, p string }
	both := map[pair]int{}
	gs, ps := map[string]int{}, map[string]int{}
	for i := range gold {
		both[pair{gold[i], pred[i]}]++
		gs[gold[i]]++
		ps[pred[i]]++
	}
	var bp, br float64
	for i := range gold {
		c := float64(both[pair{gold[i], pred[i]}])
		bp += c / float64(ps[pred[i]])
		br += c / float64(gs[gold[i]])
	}
	pairs := func(k int) float64 { return float64(k) * float64(k-1) / 2 }
	var tp, predPairs, goldPairs float64
	for _, c := range both {
		tp += pairs(c)
	}
	for _, c := range ps {
		predPairs += pairs(c)
	}
	for _, c := range gs {
		goldPairs += pairs(c)
	}
	pp, pr := 1.0, 1.0 // no pairs claimed: none wrong; none to find: none missed
	if predPairs > 0 {
		pp = tp / predPairs
	}
	if goldPairs > 0 {
		pr = tp / goldPairs
	}
	return Scores{BCubed: prf(bp/float64(n), br/float64(n)), Pairwise: prf(pp, pr)}, nil
}
