package quotes

import (
	"sort"
	"strings"
	"unicode/utf8"

	"storyline/internal/eval"
	"storyline/internal/news"
)

// Thresholds of the two matchings: the overlap as a share of the longer of
// the two quotes.
const (
	Loose  = 0.3
	Strict = 0.8
)

// Pred is one predicted direct quote: one span, or several when the quote
// is broken by its attribution ("…," he said. "…").
type Pred struct {
	Parts []news.Span
	// SpeakerSpan is the speaker mention the quote was attributed to in
	// the text (before resolving pronouns); Speaker its resolved name.
	SpeakerSpan *news.Span
	Speaker     string
}

// Counts are the figures of one matching.
type Counts struct {
	Gold, Pred, Matched int
}

// PRF returns precision, recall and F1.
func (c Counts) PRF() (p, r, f float64) { return eval.PRF(c.Matched, c.Pred, c.Gold) }

// Scorer adds up articles.
type Scorer struct {
	Loose, Strict Counts
	// Speaker accuracy is over the quotes matched at Loose whose gold has a
	// source: SpeakerOK of SpeakerGold. NoSource counts the matched quotes
	// whose gold names no source (left out of the accuracy).
	SpeakerGold, SpeakerOK, NoSource int
}

// Extent is the span from the first part's start to the last part's end.
func (p Pred) Extent() news.Span {
	if len(p.Parts) == 0 {
		return news.Span{}
	}
	return news.Span{Start: p.Parts[0].Start, End: p.Parts[len(p.Parts)-1].End}
}

// SpeakerAccuracy is SpeakerOK / SpeakerGold.
func (s *Scorer) SpeakerAccuracy() float64 {
	if s.SpeakerGold == 0 {
		return 0
	}
	return float64(s.SpeakerOK) / float64(s.SpeakerGold)
}

// Match is one gold quote matched to a prediction.
type Match struct {
	Gold, Pred int
	Ratio      float64
}

// Add scores one article and returns the matches at Loose.
func (s *Scorer) Add(text string, gold []Gold, pred []Pred) []Match {
	loose := match(text, gold, pred, Loose)
	strict := match(text, gold, pred, Strict)
	s.Loose.Gold += len(gold)
	s.Loose.Pred += len(pred)
	s.Loose.Matched += len(loose)
	s.Strict.Gold += len(gold)
	s.Strict.Pred += len(pred)
	s.Strict.Matched += len(strict)
	for _, m := range loose {
		g := gold[m.Gold]
		if len(g.Source) == 0 {
			s.NoSource++
			continue
		}
		s.SpeakerGold++
		if SpeakerCorrect(text, g, pred[m.Pred]) {
			s.SpeakerOK++
		}
	}
	return loose
}

// SpeakerCorrect applies the README's rule: the speaker mention overlaps
// the gold source, or the resolved name contains the gold source's text
// (case-folded).
func SpeakerCorrect(text string, g Gold, p Pred) bool {
	if p.SpeakerSpan != nil {
		for _, f := range g.Source {
			if p.SpeakerSpan.Overlaps(f) {
				return true
			}
		}
	}
	if p.Speaker == "" {
		return false
	}
	var parts []string
	for _, f := range g.Source {
		parts = append(parts, f.In(text))
	}
	src := strings.ToLower(strings.Join(strings.Fields(strings.Join(parts, " ")), " "))
	return src != "" && strings.Contains(strings.ToLower(p.Speaker), src)
}

// Ratio is the overlap of a predicted quote and a gold content, each one or
// more fragments, as a share of the longer, in characters.
func Ratio(text string, p, g []news.Span) float64 {
	plen, glen, over := 0, 0, 0
	for _, f := range p {
		plen += runes(text, f)
	}
	for _, f := range g {
		glen += runes(text, f)
		for _, e := range p {
			lo, hi := max(f.Start, e.Start), min(f.End, e.End)
			if hi > lo {
				over += runes(text, news.Span{Start: lo, End: hi})
			}
		}
	}
	longer := max(glen, plen)
	if longer == 0 {
		return 0
	}
	return float64(over) / float64(longer)
}

func runes(text string, s news.Span) int { return utf8.RuneCountInString(s.In(text)) }

// match pairs gold and predicted quotes one to one, best overlap first.
func match(text string, gold []Gold, pred []Pred, threshold float64) []Match {
	var cands []Match
	for gi, g := range gold {
		for pi, p := range pred {
			if r := Ratio(text, p.Parts, g.Content); r >= threshold && r > 0 {
				cands = append(cands, Match{gi, pi, r})
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].Ratio > cands[j].Ratio })
	usedG, usedP := map[int]bool{}, map[int]bool{}
	var out []Match
	for _, c := range cands {
		if usedG[c.Gold] || usedP[c.Pred] {
			continue
		}
		usedG[c.Gold], usedP[c.Pred] = true, true
		out = append(out, c)
	}
	return out
}
