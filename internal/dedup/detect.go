package dedup

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"sync"

	"storyline/internal/memstate"
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

func newEntry(d *news.Doc, seq int) *entry {
	text := d.Text()
	e := &entry{doc: d, seq: seq}
	for _, s := range d.Sentences {
		e.sents = append(e.sents, s.In(text))
	}
	e.bags = bags(e.sents)
	return e
}

// maxAligned bounds the candidates aligned sentence by sentence, the most
// similar by vocabulary first; maxBucketScan the IDs read per band key.
const (
	maxAligned    = 8
	maxBucketScan = 256
	maxCompared   = 64 // signatures compared, those sharing the most bands first
)

// Rows per band of the two indexes: 4 rows (32 bands) makes a Jaccard of
// 0.5 a candidate with probability ≈ 0.87 and 0.2 with ≈ 0.05; 2 rows (64
// bands) makes 0.2 a candidate with ≈ 0.93.
const (
	shingleRows = 4
	vocabRows   = 2
)

// Namespaces of the detector's state.
const (
	nsShingleBands = "dedup.s"   // band key → articles (near duplicates)
	nsVocabBands   = "dedup.v"   // band key → articles (rewrite candidates)
	nsSignatures   = "dedup.sig" // article → its two signatures and arrival number
	nsMeta         = "dedup.meta"
	nsRelations    = "dedup.rels"  // arrival number (relKey) → the relation that add found
	nsRelArticle   = "dedup.rel.a" // article → the relKeys of the relations it is the copy or rewrite in (postings)
	nsRelOriginal  = "dedup.rel.o" // article → the relKeys of the relations it is the original in (postings)
)

// Backend is where the detector keeps what it has seen — signatures and the
// band index as values and postings — and reads the docs it compares with.
// A store that is also a news.StateStore is one; NewDetector keeps
// everything in memory.
type Backend interface {
	news.StateStore
	Doc(ctx context.Context, id string) (*news.Doc, error)
}

// Detector finds duplicates and rewrites as articles arrive, comparing each
// new article only with the candidates its signatures point to: the work
// of one add is bounded by maxBucketScan and maxAligned, whatever the
// number of articles seen.
type Detector struct {
	b Backend

	mu      sync.Mutex
	entries map[string]*entry // recent articles' sentence bags, so candidates are not stemmed again
	order   []string
}

// maxCached bounds the articles whose sentence bags are kept between adds.
const maxCached = 4096

// New returns a detector keeping its state in b.
func New(b Backend) *Detector { return &Detector{b: b, entries: map[string]*entry{}} }

func (x *Detector) cache(id string, e *entry) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if _, ok := x.entries[id]; ok {
		return
	}
	x.entries[id] = e
	x.order = append(x.order, id)
	if len(x.order) > maxCached {
		delete(x.entries, x.order[0])
		x.order = x.order[1:]
	}
}

// NewDetector returns a detector that keeps everything in memory.
func NewDetector() *Detector {
	return New(&memBackend{State: memstate.New(), docs: map[string]*news.Doc{}})
}

type memBackend struct {
	*memstate.State
	mu   sync.Mutex
	docs map[string]*news.Doc
}

func (m *memBackend) Doc(_ context.Context, id string) (*news.Doc, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.docs[id]
	if !ok {
		return nil, fmt.Errorf("doc %s: %w", id, news.ErrNotFound)
	}
	return d, nil
}

// Add compares d with the articles added before, records d, and returns
// what it found: at most one relation, to the closest earlier article.
// Which of the two is the original is decided by Original, so the relation
// may point either way. It is AddWrite with the write applied at once.
func (x *Detector) Add(d *news.Doc) *Relation {
	r, err := x.AddContext(context.Background(), d)
	if err != nil {
		panic(err) // only the in-memory backend is used without a context
	}
	return r
}

// AddContext is Add with a context and the backend's errors.
func (x *Detector) AddContext(ctx context.Context, d *news.Doc) (*Relation, error) {
	r, w, err := x.AddWrite(ctx, d)
	if err != nil {
		return nil, err
	}
	if m, ok := x.b.(*memBackend); ok {
		m.mu.Lock()
		m.docs[d.Article.ID] = d
		m.mu.Unlock()
	}
	if err := x.b.PutState(ctx, w); err != nil {
		return nil, fmt.Errorf("dedup %s: %w", d.Article.ID, err)
	}
	return r, nil
}

// AddWrite finds d's relation and returns, without applying it, the write
// that records d: the caller may apply it in one transaction with others.
// d must already be readable through the backend's Doc once the write is
// applied, for later articles to compare with it.
func (x *Detector) AddWrite(ctx context.Context, d *news.Doc) (*Relation, news.StateWrite, error) {
	var w news.StateWrite
	id := d.Article.ID
	if id == "" {
		return nil, w, fmt.Errorf("dedup: article without ID: %w", news.ErrInvalid)
	}
	if got, err := x.b.GetState(ctx, nsSignatures, []string{id}); err != nil {
		return nil, w, fmt.Errorf("dedup %s: %w", id, err)
	} else if _, seen := got[id]; seen {
		return nil, w, nil // already added
	}
	seq, err := x.next(ctx, &w)
	if err != nil {
		return nil, w, fmt.Errorf("dedup %s: %w", id, err)
	}
	text := d.Text()
	sh, vo := Sign(text), SignVocabulary(text)
	shKeys, voKeys := bandKeys(&sh, shingleRows), bandKeys(&vo, vocabRows)
	dups, err := x.matches(ctx, nsShingleBands, shKeys, id, &sh, dupShingles, func(s *stored) *Signature { return &s.shingles })
	if err != nil {
		return nil, w, fmt.Errorf("dedup %s: %w", id, err)
	}
	cands, err := x.matches(ctx, nsVocabBands, voKeys, id, &vo, candVocabulary, func(s *stored) *Signature { return &s.vocab })
	if err != nil {
		return nil, w, fmt.Errorf("dedup %s: %w", id, err)
	}
	for _, k := range shKeys {
		w.Postings = append(w.Postings, news.Posting{NS: nsShingleBands, Key: k, ID: id})
	}
	for _, k := range voKeys {
		w.Postings = append(w.Postings, news.Posting{NS: nsVocabBands, Key: k, ID: id})
	}
	w.Values = append(w.Values, news.StateValue{NS: nsSignatures, Key: id, Value: encodeStored(&stored{shingles: sh, vocab: vo, seq: seq})})

	e := newEntry(d, seq)
	x.cache(id, e)
	rel, err := x.relate(ctx, e, dups, cands)
	if err != nil {
		return nil, w, fmt.Errorf("dedup %s: %w", id, err)
	}
	if rel != nil {
		b, err := json.Marshal(rel)
		if err != nil {
			return nil, w, err
		}
		// An article can be in two relations: its own add's, and a later
		// one's that found it to be the copy. Each is kept, by arrival.
		k := relKey(seq)
		w.Values = append(w.Values, news.StateValue{NS: nsRelations, Key: k, Value: b})
		w.Postings = append(w.Postings, news.Posting{NS: nsRelArticle, Key: rel.Article, ID: k},
			news.Posting{NS: nsRelOriginal, Key: rel.Of, ID: k})
	}
	return rel, w, nil
}

func (x *Detector) relate(ctx context.Context, e *entry, dups, cands []candidate) (*Relation, error) {
	if len(dups) > 0 {
		other, err := x.entry(ctx, dups[0])
		if err != nil {
			return nil, err
		}
		orig, dup := Original(side(other, 0), side(e, 0))
		return &Relation{Article: dup.ID, Of: orig.ID, Kind: Duplicate, Similarity: dups[0].sim}, nil
	}
	var best *Relation
	bestCover := 0.0
	for _, c := range cands[:min(len(cands), maxAligned)] {
		other, err := x.entry(ctx, c)
		if err != nil {
			return nil, err
		}
		al := alignBags(other.bags, e.bags)
		if !al.IsRewrite() {
			continue
		}
		if cov := max(al.CoverA, al.CoverB); cov > bestCover {
			bestCover = cov
			best = relation(other, e, al)
		}
	}
	return best, nil
}

func (x *Detector) entry(ctx context.Context, c candidate) (*entry, error) {
	x.mu.Lock()
	e, ok := x.entries[c.id]
	x.mu.Unlock()
	if ok {
		return e, nil
	}
	d, err := x.b.Doc(ctx, c.id)
	if err != nil {
		return nil, fmt.Errorf("read candidate %s: %w", c.id, err)
	}
	return newEntry(d, c.seq), nil
}

// next numbers arrivals, for the last tie-break of Original.
func (x *Detector) next(ctx context.Context, w *news.StateWrite) (int, error) {
	got, err := x.b.GetState(ctx, nsMeta, []string{"n"})
	if err != nil {
		return 0, err
	}
	n := 0
	if v, ok := got["n"]; ok && len(v) == 8 {
		n = int(binary.LittleEndian.Uint64(v))
	}
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(n+1))
	w.Values = append(w.Values, news.StateValue{NS: nsMeta, Key: "n", Value: b[:]})
	return n, nil
}

type candidate struct {
	id  string
	sim float64
	seq int
}

// matches reads the articles filed under keys and keeps those whose
// signature is at least least similar, most similar first.
func (x *Detector) matches(ctx context.Context, ns string, keys []string, self string, sig *Signature, least float64, pick func(*stored) *Signature) ([]candidate, error) {
	post, err := x.b.Postings(ctx, ns, keys, maxBucketScan)
	if err != nil {
		return nil, err
	}
	// An article sharing more bands is more similar (each band is a run of
	// equal hashes): only the most-shared are read and compared.
	hits := map[string]int{}
	var ids []string
	for _, k := range keys {
		for _, id := range post[k] {
			if id == self {
				continue
			}
			if hits[id] == 0 {
				ids = append(ids, id)
			}
			hits[id]++
		}
	}
	sort.SliceStable(ids, func(i, j int) bool { return hits[ids[i]] > hits[ids[j]] })
	ids = ids[:min(len(ids), maxCompared)]
	vals, err := x.b.GetState(ctx, nsSignatures, ids)
	if err != nil {
		return nil, err
	}
	var out []candidate
	for _, id := range ids {
		st, ok := decodeStored(vals[id])
		if !ok {
			continue
		}
		if s := sig.Similarity(pick(st)); s >= least {
			out = append(out, candidate{id: id, sim: s, seq: st.seq})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].sim != out[j].sim {
			return out[i].sim > out[j].sim
		}
		return out[i].id < out[j].id
	})
	return out, nil
}

// stored is what the detector keeps of an article: its two signatures and
// its arrival number.
type stored struct {
	shingles, vocab Signature
	seq             int
}

func encodeStored(s *stored) []byte {
	b := make([]byte, 0, 2*Hashes*8+8)
	for _, sig := range []*Signature{&s.shingles, &s.vocab} {
		for _, h := range sig {
			b = binary.LittleEndian.AppendUint64(b, h)
		}
	}
	return binary.LittleEndian.AppendUint64(b, uint64(s.seq))
}

func decodeStored(b []byte) (*stored, bool) {
	if len(b) != 2*Hashes*8+8 {
		return nil, false
	}
	s := &stored{}
	for i := range s.shingles {
		s.shingles[i] = binary.LittleEndian.Uint64(b[i*8:])
		s.vocab[i] = binary.LittleEndian.Uint64(b[(Hashes+i)*8:])
	}
	s.seq = int(binary.LittleEndian.Uint64(b[2*Hashes*8:]))
	return s, true
}

// bandKeys are the signature's LSH band keys as state keys.
func bandKeys(s *Signature, rows int) []string {
	ks := s.BandKeys(rows)
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = strconv.FormatUint(k, 36)
	}
	return out
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

// relKey files the relation found by the add numbered seq, so that keys
// sort in arrival order.
func relKey(seq int) string { return fmt.Sprintf("%016x", seq) }

// Relations reads every relation the detector has recorded, in the order
// they were found. It reads them all: it is for a report of the whole
// store, not for each add.
func (x *Detector) Relations(ctx context.Context) ([]Relation, error) {
	var rels []Relation
	for after := ""; ; {
		page, err := x.b.ScanState(ctx, nsRelations, after, 1000)
		if err != nil {
			return nil, fmt.Errorf("read relations: %w", err)
		}
		if len(page) == 0 {
			return rels, nil
		}
		for _, v := range page {
			var r Relation
			if err := json.Unmarshal(v.Value, &r); err != nil {
				return nil, fmt.Errorf("read relation %q: %w", v.Key, err)
			}
			rels = append(rels, r)
		}
		after = page[len(page)-1].Key
	}
}

// maxRelationsPerArticle bounds the relations read for one article; an
// article is in one of its own and in one per later copy found of it.
const maxRelationsPerArticle = 256

// Related reads the relations that touch the articles ids — those in
// which one of them is the copy or the rewrite, and those in which one is
// the original — and, for every other article those lead to, its own as
// copy or rewrite, up the chains of originals: what a reader needs to
// tell what each of ids is a copy or rewrite of, and what is one of it.
// They come in the order found; the work is a few look-ups per article,
// whatever the number stored.
func (x *Detector) Related(ctx context.Context, ids []string) ([]Relation, error) {
	var keys []string
	seenKey, asked := map[string]bool{}, map[string]bool{}
	got := map[string]Relation{}
	nss := []string{nsRelArticle, nsRelOriginal}
	for range maxFollow {
		var ask []string
		for _, id := range ids {
			if !asked[id] {
				asked[id] = true
				ask = append(ask, id)
			}
		}
		if len(ask) == 0 {
			break
		}
		var fresh []string
		for _, ns := range nss {
			post, err := x.b.Postings(ctx, ns, ask, maxRelationsPerArticle)
			if err != nil {
				return nil, fmt.Errorf("read relations: %w", err)
			}
			for _, id := range ask {
				for _, k := range post[id] {
					if !seenKey[k] {
						seenKey[k] = true
						fresh = append(fresh, k)
					}
				}
			}
		}
		nss = nss[:1] // beyond ids, only what each article is a copy of
		rows, err := x.b.GetState(ctx, nsRelations, fresh)
		if err != nil {
			return nil, fmt.Errorf("read relations: %w", err)
		}
		ids = ids[:0:0]
		for _, k := range fresh {
			b, ok := rows[k]
			if !ok {
				return nil, fmt.Errorf("read relation %q: %w", k, news.ErrNotFound)
			}
			var r Relation
			if err := json.Unmarshal(b, &r); err != nil {
				return nil, fmt.Errorf("read relation %q: %w", k, err)
			}
			got[k] = r
			keys = append(keys, k)
			ids = append(ids, r.Article, r.Of)
		}
	}
	sort.Strings(keys)
	rels := make([]Relation, len(keys))
	for i, k := range keys {
		rels[i] = got[k]
	}
	return rels, nil
}

// maxFollow bounds the steps from copy to original Related follows.
const maxFollow = 64
