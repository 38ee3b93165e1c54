package timex

import (
	"strings"

	"storyline/internal/eval"
)

// Span is a system's temporal expression in a document's text.
type Span struct {
	Start, End int
	Type       string // date, time, duration, set (any case)
	Value      string
}

// Scorer accumulates TempEval-3 entity counts over documents.
type Scorer struct {
	Gold, System int
	Strict       int // exact-span matches
	Relaxed      int // overlapping matches, one-to-one
	Value        int // relaxed matches with the gold value
	Type         int // relaxed matches with the gold type
}

// Add scores one document. Both lists must be in text order; neither may
// hold overlapping spans (TIMEX3s do not nest, and a system's do not either).
func (s *Scorer) Add(gold []Timex, sys []Span) {
	s.Gold += len(gold)
	s.System += len(sys)
	used := make([]bool, len(sys))
	for _, g := range gold {
		// Prefer the exact span, then the first overlap not yet taken.
		best := -1
		for k, p := range sys {
			if used[k] || p.End <= g.Start || p.Start >= g.End {
				continue
			}
			if p.Start == g.Start && p.End == g.End {
				best = k
				break
			}
			if best < 0 {
				best = k
			}
		}
		if best < 0 {
			continue
		}
		used[best] = true
		p := sys[best]
		s.Relaxed++
		if p.Start == g.Start && p.End == g.End {
			s.Strict++
		}
		if p.Value == g.Value {
			s.Value++
		}
		if strings.EqualFold(p.Type, g.Type) {
			s.Type++
		}
	}
}

// PRF returns precision, recall and F1 of matched counts.
func (s *Scorer) PRF(matched int) (p, r, f float64) { return eval.PRF(matched, s.System, s.Gold) }

// TypeAccuracy is the share of relaxed matches whose type is right.
func (s *Scorer) TypeAccuracy() float64 {
	if s.Relaxed == 0 {
		return 0
	}
	return float64(s.Type) / float64(s.Relaxed)
}
