package eval

import (
	"math"
	"testing"
)

func TestPRF(t *testing.T) {
	for _, c := range []struct {
		correct, pred, gold int
		p, r, f             float64
	}{
		{3, 4, 6, 0.75, 0.5, 0.6},
		{0, 0, 0, 0, 0, 0},
		{0, 5, 0, 0, 0, 0},
		{0, 0, 5, 0, 0, 0},
		{2, 2, 2, 1, 1, 1},
	} {
		p, r, f := PRF(c.correct, c.pred, c.gold)
		if math.Abs(p-c.p) > 1e-12 || math.Abs(r-c.r) > 1e-12 || math.Abs(f-c.f) > 1e-12 {
			t.Errorf("PRF(%d, %d, %d) = %v, %v, %v; want %v, %v, %v", c.correct, c.pred, c.gold, p, r, f, c.p, c.r, c.f)
		}
	}
	if f := F1(0.5, 1); math.Abs(f-2.0/3) > 1e-12 {
		t.Errorf("F1(0.5, 1) = %v", f)
	}
}
