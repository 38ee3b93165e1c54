package ner

import (
	"fmt"
	"sort"

	"storyline/internal/eval"
)

// Chunk is one entity: tokens [Start, End) of a sentence and its type.
type Chunk struct {
	Start, End int
	Type       string
}

// split returns a tag's prefix and type: "B-PER" → 'B', "PER"; "O" → 'O', "".
func split(tag string) (byte, string) {
	if len(tag) >= 3 && tag[1] == '-' {
		p := tag[0]
		switch p {
		case 'L': // BILOU's last is IOBES's end
			p = 'E'
		case 'U':
			p = 'S'
		}
		return p, tag[2:]
	}
	return 'O', ""
}

// endsBefore reports whether a chunk ends between prev and cur tags, with
// conlleval's rules.
func endsBefore(pp byte, pt string, cp byte, ct string) bool {
	if pp == 'O' {
		return false
	}
	switch {
	case pp == 'E' || pp == 'S':
		return true
	case cp == 'B' || cp == 'S' || cp == 'O':
		return true
	}
	return pt != ct
}

// startsAt reports whether a chunk starts at cur, with conlleval's rules: an
// I- after O, or after a different type, starts a chunk.
func startsAt(pp byte, pt string, cp byte, ct string) bool {
	if cp == 'O' {
		return false
	}
	switch {
	case cp == 'B' || cp == 'S':
		return true
	case pp == 'O' || pp == 'E' || pp == 'S':
		return true
	}
	return pt != ct
}

// Chunks reads the entities in one sentence's tags. IOB1, IOB2, IOBES and
// BILOU tags are all read the way conlleval reads them.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	start := -1
	var pp byte = 'O'
	pt := ""
	for i, tag := range tags {
		cp, ct := split(tag)
		if start >= 0 && endsBefore(pp, pt, cp, ct) {
			out = append(out, Chunk{start, i, pt})
			start = -1
		}
		if startsAt(pp, pt, cp, ct) {
			start = i
		}
		pp, pt = cp, ct
	}
	if start >= 0 {
		out = append(out, Chunk{start, len(tags), pt})
	}
	return out
}

// Counts are chunk tallies for one type or for all.
type Counts struct {
	Gold, Pred, Correct int
}

// PRF returns precision, recall and F1, each 0 when undefined.
func (c Counts) PRF() (p, r, f float64) { return eval.PRF(c.Correct, c.Pred, c.Gold) }

// Scorer accumulates conlleval counts sentence by sentence.
type Scorer struct {
	All    Counts
	ByType map[string]*Counts
	Tokens int
}

// Add scores one sentence. gold and pred must have the same length.
func (s *Scorer) Add(gold, pred []string) error {
	if len(gold) != len(pred) {
		return fmt.Errorf("score sentence: %d gold tags but %d predicted", len(gold), len(pred))
	}
	if s.ByType == nil {
		s.ByType = map[string]*Counts{}
	}
	s.Tokens += len(gold)
	g, p := Chunks(gold), Chunks(pred)
	at := func(t string) *Counts {
		c := s.ByType[t]
		if c == nil {
			c = &Counts{}
			s.ByType[t] = c
		}
		return c
	}
	golds := map[Chunk]bool{}
	for _, c := range g {
		golds[c] = true
		s.All.Gold++
		at(c.Type).Gold++
	}
	for _, c := range p {
		s.All.Pred++
		at(c.Type).Pred++
		if golds[c] {
			s.All.Correct++
			at(c.Type).Correct++
		}
	}
	return nil
}

// Types lists the entity types seen, sorted.
func (s *Scorer) Types() []string {
	var ts []string
	for t := range s.ByType {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}
