package extraction

import (
	"strings"

	"storyline/internal/eval"
)

// SnippetCounts are the trafilatura-eval counts over a set of pages.
type SnippetCounts struct{ TP, FP, FN, TN int }

// Add adds another page's counts.
func (s *SnippetCounts) Add(o SnippetCounts) {
	s.TP += o.TP
	s.FP += o.FP
	s.FN += o.FN
	s.TN += o.TN
}

// Scores returns precision, recall and F1 over all snippets.
func (s SnippetCounts) Scores() (p, r, f1 float64) { return eval.PRF(s.TP, s.TP+s.FP, s.TP+s.FN) }

// collapseSpace joins the fields of s with single spaces.
func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// ScoreSnippets counts, for one page's output, the "with" snippets found
// (TP) and missed (FN) and the "without" snippets found (FP) or absent
// (TN), comparing with whitespace collapsed on both sides.
func ScoreSnippets(output string, with, without []string) SnippetCounts {
	out := collapseSpace(output)
	var c SnippetCounts
	for _, w := range with {
		if strings.Contains(out, collapseSpace(w)) {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, w := range without {
		if strings.Contains(out, collapseSpace(w)) {
			c.FP++
		} else {
			c.TN++
		}
	}
	return c
}
