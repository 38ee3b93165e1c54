package dedup

import (
	"regexp"
	"strings"

	"storyline/internal/words"
)

// Alignment thresholds. A sentence pair aligns when its content stems have a
// Dice coefficient of at least minDice and share at least minShared stems:
// paraphrase keeps the names, numbers and key nouns and changes the rest.
const (
	minDice   = 0.3
	minShared = 3
)

// Pair is one aligned sentence pair, by index into each text's sentences.
type Pair struct {
	A, B  int
	Score float64
}

// Alignment is the best in-order alignment of two texts' sentences.
type Alignment struct {
	Pairs []Pair
	// CoverA and CoverB are the fractions of each text's sentences (those
	// with content words) that are aligned.
	CoverA, CoverB float64
}

type bag struct {
	set map[string]bool
	n   int
}

func bags(sents []string) []bag {
	out := make([]bag, len(sents))
	for i, s := range sents {
		set := map[string]bool{}
		for _, w := range words.Content(s) {
			set[w] = true
		}
		out[i] = bag{set: set, n: len(set)}
	}
	return out
}

func dice(a, b bag) (float64, int) {
	if a.n == 0 || b.n == 0 {
		return 0, 0
	}
	small, large := a, b
	if small.n > large.n {
		small, large = large, small
	}
	shared := 0
	for w := range small.set {
		if large.set[w] {
			shared++
		}
	}
	return 2 * float64(shared) / float64(a.n+b.n), shared
}

// Align finds the in-order sentence alignment of a and b with the greatest
// total similarity (a weighted longest common subsequence), so a retelling
// that keeps the original's order scores high and two texts that merely
// share a few facts in any order do not.
func Align(a, b []string) Alignment { return alignBags(bags(a), bags(b)) }

func alignBags(ba, bb []bag) Alignment {
	n, m := len(ba), len(bb)
	score := make([][]float64, n)
	for i := range score {
		score[i] = make([]float64, m)
		for j := range bb {
			if d, shared := dice(ba[i], bb[j]); d >= minDice && shared >= minShared {
				score[i][j] = d
			}
		}
	}
	// best[i][j]: best total over a[i:], b[j:].
	best := make([][]float64, n+1)
	for i := range best {
		best[i] = make([]float64, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			v := max(best[i+1][j], best[i][j+1])
			if s := score[i][j]; s > 0 && s+best[i+1][j+1] > v {
				v = s + best[i+1][j+1]
			}
			best[i][j] = v
		}
	}
	var al Alignment
	for i, j := 0, 0; i < n && j < m; {
		switch s := score[i][j]; {
		case s > 0 && best[i][j] == s+best[i+1][j+1]:
			al.Pairs = append(al.Pairs, Pair{A: i, B: j, Score: s})
			i, j = i+1, j+1
		case best[i][j] == best[i+1][j]:
			i++
		default:
			j++
		}
	}
	al.CoverA = cover(len(al.Pairs), ba)
	al.CoverB = cover(len(al.Pairs), bb)
	return al
}

func cover(aligned int, bs []bag) float64 {
	n := 0
	for _, b := range bs {
		if b.n > 0 {
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(aligned) / float64(n)
}

// Rewrite thresholds: a rewrite retells a good part of its original in
// order; an independent report of the same event shares a few facts. On the
// cleaned seeds the wire story and its rewrite align 15 sentence pairs
// covering 63% of the original, an independent report of the same event 6
// pairs covering 25%.
const (
	minPairs = 5
	minCover = 0.4
)

// IsRewrite reports whether the alignment shows one text retelling the other:
// enough aligned sentences, covering enough of at least one of the texts.
func (al Alignment) IsRewrite() bool {
	return len(al.Pairs) >= minPairs && max(al.CoverA, al.CoverB) >= minCover
}

// wires are agencies whose copy others republish and rewrite.
var wires = regexp.MustCompile(`(?i)\b(?:reported|reports|according to|citing|told)\s+(?:the\s+)?(Reuters|Associated Press|AP|AFP|Agence France-Presse|Bloomberg|dpa|Xinhua|Tass|Interfax|Kyodo|Yonhap|ANSA|EFE|PA Media|Press Association)\b|\b(Reuters|Associated Press|AFP|Bloomberg|Xinhua|Tass|Interfax)\s+(?:reported|reports|said)\b`)

// CreditsAgency reports whether text credits a wire agency for its news
// ("…, reported Reuters"), a sign that it retells that agency's copy.
func CreditsAgency(text string) bool { return wires.MatchString(text) }

// Side describes one of two texts for deciding which rewrote which.
type Side struct {
	ID        string
	Published int64 // Unix seconds at day precision or better; 0 = unknown
	Text      string
	Added     int // sentences with no counterpart in the other text
	Seq       int // arrival order: the one seen first wins a full tie
}

// Original decides which of two aligned texts is the original: the earlier
// published; on a tie, the one that does not credit an agency; then the one
// that adds less; then the one seen first; then the smaller ID.
func Original(a, b Side) (orig, rewrite Side) {
	if a.Published != 0 && b.Published != 0 && a.Published != b.Published {
		if a.Published < b.Published {
			return a, b
		}
		return b, a
	}
	ca, cb := CreditsAgency(a.Text), CreditsAgency(b.Text)
	if ca != cb {
		if cb {
			return a, b
		}
		return b, a
	}
	if a.Added != b.Added {
		if a.Added < b.Added {
			return a, b
		}
		return b, a
	}
	if a.Seq != b.Seq {
		if a.Seq < b.Seq {
			return a, b
		}
		return b, a
	}
	if strings.Compare(a.ID, b.ID) <= 0 {
		return a, b
	}
	return b, a
}
