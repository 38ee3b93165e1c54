package align

import (
	"sort"

	"storyline/internal/news"
	"storyline/internal/words"
)

// Thresholds for one statement in two wordings: the share of content words
// two quotes have in common, and the share of a short quote found in a long
// one (a partial quote — "spirit and letter" — joins the full quote it comes
// from).
const (
	variantJaccard  = 0.5
	partialContains = 0.8
	minQuoteWords   = 2
)

// QuoteRef names one quote of one article.
type QuoteRef struct {
	Article string
	Index   int
}

// ID is the quote's ID in the report.
func (q QuoteRef) ID() string { return news.QuoteID(q.Article, q.Index) }

// Variants groups the direct quotes of different articles that are one
// statement: most of their content words shared (or one quoting part of the
// other), and no two different named speakers. speakerOf maps a speaker's
// name as the article resolved it to its identity (nil: names compare as
// written). Only groups of two or more are returned, each in article order.
func Variants(docs []*news.Doc, speakerOf func(string) string) [][]QuoteRef {
	if speakerOf == nil {
		speakerOf = func(s string) string { return s }
	}
	type q struct {
		ref     QuoteRef
		words   map[string]bool
		speaker string
	}
	var qs []q
	index := map[string][]int{} // content word → quotes holding it
	for _, d := range docs {
		text := d.Text()
		for i, qt := range d.Quotes {
			if !qt.Direct {
				continue
			}
			ws := map[string]bool{}
			for _, w := range words.Content(qt.Span.In(text)) {
				ws[w] = true
			}
			if len(ws) < minQuoteWords {
				continue
			}
			sp := ""
			if qt.Speaker != "" {
				sp = speakerOf(qt.Speaker)
			}
			n := len(qs)
			qs = append(qs, q{ref: QuoteRef{d.Article.ID, i}, words: ws, speaker: sp})
			for w := range ws {
				index[w] = append(index[w], n)
			}
		}
	}
	parent := make([]int, len(qs))
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
	for i, a := range qs {
		shared := map[int]int{}
		for w := range a.words {
			for _, j := range index[w] {
				if j < i {
					shared[j]++
				}
			}
		}
		for j, n := range shared {
			b := qs[j]
			if b.ref.Article == a.ref.Article {
				continue
			}
			if a.speaker != "" && b.speaker != "" && a.speaker != b.speaker {
				continue
			}
			union := len(a.words) + len(b.words) - n
			small := min(len(a.words), len(b.words))
			if float64(n)/float64(union) >= variantJaccard || float64(n)/float64(small) >= partialContains {
				ra, rb := find(i), find(j)
				if ra != rb {
					parent[max(ra, rb)] = min(ra, rb)
				}
			}
		}
	}
	groups := map[int][]QuoteRef{}
	for i := range qs {
		r := find(i)
		groups[r] = append(groups[r], qs[i].ref)
	}
	var roots []int
	for r, g := range groups {
		if len(g) > 1 {
			roots = append(roots, r)
		}
	}
	sort.Ints(roots)
	out := make([][]QuoteRef, 0, len(roots))
	for _, r := range roots {
		out = append(out, groups[r])
	}
	return out
}
