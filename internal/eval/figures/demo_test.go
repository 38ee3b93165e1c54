package figures

import (
	"testing"

	"storyline/internal/figures"
)

// TestDemo scores the figures stage on the demo corpus's truth. Its
// conventions differ from ours in places (ages and "a kilometre" are figures
// there, "a dozen" is about twelve), so the thresholds sit below the gold's.
func TestDemo(t *testing.T) {
	s, err := DemoScore(figures.Find)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo: n %d P %.3f R %.3f F1 %.3f value %.3f bounds %.3f unit %.3f (of %d matched)",
		s.N, s.P(), s.R(), s.F1(), ratio(s.Value, s.TP), ratio(s.Bounds, s.TP), ratio(s.Unit, s.TP), s.TP)
	for _, m := range s.Misses {
		t.Log(m)
	}
	if s.F1() < 0.90 || ratio(s.Value, s.TP) < 0.90 {
		t.Errorf("demo F1 %.3f, value accuracy %.3f: want both at least 0.90", s.F1(), ratio(s.Value, s.TP))
	}
}
