package dedup

import (
	"storyline/internal/news"
)

// Relation kinds.
const (
	Duplicate = "duplicate" // the same text, give or take furniture and edits
	Rewrite   = "rewrite"   // the same story retold in new words, in order
)

// Thresholds on estimated Jaccard similarity: shingles for duplicates, the
// vocabulary for rewrite candidates (the alignment then decides).
const (
	dupShingles    = 0.6
	candVocabulary = 0.15
)

// Relation says that Article duplicates or rewrites Of.
type Relation = news.Relation

type entry struct {
	doc   *news.Doc
	sents []string
	bags  []bag // the sentences' content words, computed once
	seq   int
}

// maxAligned bounds the candidates aligned sentence by sentence, the most
// similar by vocabulary first.
const maxAligned = 8

// Detector finds duplicates and rewrites as articles arrive, comparing each
// new article only with the candidates its signatures point to.
type Detector struct {
	shingles *Index
	vocab    *Index
	docs     map[string]*entry
}

// NewDetector returns an empty detector.
func NewDetector() *Detector {
	return &Detector{shingles: NewIndex(4), vocab: NewIndex(2), docs: map[string]*entry{}}
}

// Add compares d with the articles added before and returns what it found:
// at most one relation, to the closest earlier article. Which of the two is
// the original is decided by Original, so the relation may point either way.
func (x *Detector) Add(d *news.Doc) *Relation {
	text := d.Text()
	e := &entry{doc: d, seq: len(x.docs)}
	for _, s := range d.Sentences {
		e.sents = append(e.sents, s.In(text))
	}
	e.bags = bags(e.sents)
	id := d.Article.ID
	x.docs[id] = e
	dups := x.shingles.Add(id, Sign(text), dupShingles)
	cands := x.vocab.Add(id, SignVocabulary(text), candVocabulary)
	if len(dups) > 0 {
		other := x.docs[dups[0].ID]
		orig, dup := Original(side(other, 0), side(e, 0))
		return &Relation{Article: dup.ID, Of: orig.ID, Kind: Duplicate, Similarity: dups[0].Similarity}
	}
	var best *Relation
	bestCover := 0.0
	for _, c := range cands[:min(len(cands), maxAligned)] {
		other := x.docs[c.ID]
		al := alignBags(other.bags, e.bags)
		if !al.IsRewrite() {
			continue
		}
		if cov := max(al.CoverA, al.CoverB); cov > bestCover {
			bestCover = cov
			best = relation(other, e, al)
		}
	}
	return best
}

// relation orders an aligned pair into original and rewrite and lists what
// the rewrite added and dropped.
func relation(a, b *entry, al Alignment) *Relation {
	inA, inB := map[int]bool{}, map[int]bool{}
	for _, p := range al.Pairs {
		inA[p.A], inB[p.B] = true, true
	}
	onlyA, onlyB := unaligned(a, inA), unaligned(b, inB)
	orig, rw := Original(side(a, len(onlyA)), side(b, len(onlyB)))
	r := &Relation{Article: rw.ID, Of: orig.ID, Kind: Rewrite, Similarity: max(al.CoverA, al.CoverB)}
	if rw.ID == b.doc.Article.ID {
		r.Added, r.Dropped = onlyB, onlyA
	} else {
		r.Added, r.Dropped = onlyA, onlyB
	}
	return r
}

func unaligned(e *entry, aligned map[int]bool) []news.Span {
	var out []news.Span
	for i, s := range e.doc.Sentences {
		if !aligned[i] {
			out = append(out, s)
		}
	}
	return out
}

func side(e *entry, added int) Side {
	a := e.doc.Article
	var pub int64
	if !a.Published.IsZero() {
		// Compare by day: times of day are too often missing or wrong in
		// metadata to order two reports of one day.
		pub = a.Published.UTC().Truncate(24 * 60 * 60 * 1e9).Unix()
	}
	return Side{ID: a.ID, Published: pub, Text: e.doc.Text(), Added: added, Seq: e.seq}
}
