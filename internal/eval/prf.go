package eval

// PRF returns precision, recall and F1 of correct predictions out of pred
// predicted and gold expected, each 0 where it is undefined (nothing
// predicted, nothing expected, or both P and R 0).
func PRF(correct, pred, gold int) (p, r, f float64) {
	if pred > 0 {
		p = float64(correct) / float64(pred)
	}
	if gold > 0 {
		r = float64(correct) / float64(gold)
	}
	return p, r, F1(p, r)
}

// F1 is the harmonic mean of precision p and recall r, 0 when both are 0.
func F1(p, r float64) float64 {
	if p+r > 0 {
		return 2 * p * r / (p + r)
	}
	return 0
}
