package crossref

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"time"

	"storyline/internal/align"
	"storyline/internal/cluster"
	"storyline/internal/dedup"
	"storyline/internal/news"
)

// Store is what the stored pass keeps its state in and reads articles
// from: a news.Store that is also a news.StateStore (SQLite, PostgreSQL).
type Store interface {
	news.StateStore
	Doc(ctx context.Context, id string) (*news.Doc, error)
	Articles(ctx context.Context, f news.ArticleFilter) ([]*news.Article, error)
	Count(ctx context.Context) (int, error)
}

// Stored is the cross-article pass kept in the store beside the articles:
// the clusterer's events and stories, the duplicate detector's signatures
// and the names, row by row. Folding an article in reads and writes only
// the rows its candidates touch, in one transaction with a record of how
// many articles the pass covers, so a process killed mid-way leaves the
// pass as it was before that article or after it.
//
// Articles are folded in publication order, as Batch takes them; then the
// stored pass is exactly the batch pass. An article that comes later than
// one published after it, or articles stored without being folded (by
// another process, or before a crash), make the stored pass stale: Fold
// then builds it again from every stored article, under a new generation
// of rows, so that no row of the old one can mislead the new.
//
// One process folds into a store at a time (the caller holds a lock):
// two folding at once would each read rows the other is about to change.
type Stored struct {
	st   Store
	gen  int
	rows genStore
	pass passRecord

	cl    *cluster.Clusterer
	dd    *dedup.Detector
	names *align.Joiner
}

// passRecord is how far the pass of one generation has got.
type passRecord struct {
	Folded int      `json:"folded"`
	Last   *lastKey `json:"last,omitempty"` // the latest article folded
	// Format is the layout of the pass's rows; a pass of another layout
	// is stale, and the next Fold builds it again.
	Format int `json:"format,omitempty"`
}

// passFormat is the layout of the rows this code writes. 1: relations
// filed by arrival, so that an article can be in two; 2: names count
// their mentions.
const passFormat = 2

type lastKey struct {
	Published time.Time `json:"published"`
	Source    string    `json:"source"`
	ID        string    `json:"id"`
}

const (
	nsPass   = "crossref" // "gen": the current generation, decimal; in a generation, "pass": its passRecord
	keyGen   = "gen"
	keyPass  = "pass"
	keyFloor = "floor" // the first generation whose rows may not have been dropped
	genStem  = "g"     // generation g's rows are under "g<g>/"
)

// ErrStale marks a stored pass that does not hold the stored articles.
var ErrStale = errors.New("the stored cross-article pass is stale")

// OpenStored opens the pass stored in st (an empty one if there is none).
func OpenStored(ctx context.Context, st Store) (*Stored, error) {
	gen, err := counter(ctx, st, keyGen)
	if err != nil {
		return nil, err
	}
	s := &Stored{st: st}
	if err := s.use(ctx, gen); err != nil {
		return nil, err
	}
	return s, nil
}

// counter reads a decimal counter of the pass (the generation, the floor),
// 0 when none was written.
func counter(ctx context.Context, st news.StateStore, key string) (int, error) {
	got, err := st.GetState(ctx, nsPass, []string{key})
	if err != nil {
		return 0, fmt.Errorf("read the cross-article pass: %w", err)
	}
	b, ok := got[key]
	if !ok {
		return 0, nil
	}
	n, err := strconv.Atoi(string(b))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("read the cross-article pass: %s %q: %w", key, b, news.ErrInvalid)
	}
	return n, nil
}

func setCounter(ctx context.Context, st news.StateStore, key string, n int) error {
	err := st.PutState(ctx, news.StateWrite{Values: []news.StateValue{{NS: nsPass, Key: key, Value: []byte(strconv.Itoa(n))}}})
	if err != nil {
		return fmt.Errorf("write the cross-article pass's %s: %w", key, err)
	}
	return nil
}

// MarkStale makes the pass stored in st start again: the next Fold builds
// it from every stored article. A delete calls it, since a later add could
// bring the count back to what the pass holds.
func MarkStale(ctx context.Context, st news.StateStore) error {
	gen, err := counter(ctx, st, keyGen)
	if err != nil {
		return err
	}
	return setCounter(ctx, st, keyGen, gen+1)
}

// use points s at generation gen's rows.
func (s *Stored) use(ctx context.Context, gen int) error {
	s.gen = gen
	s.rows = genStore{Store: s.st, prefix: genStem + strconv.Itoa(gen) + "/"}
	s.cl = cluster.NewStored(cluster.DefaultParams(), s.rows)
	s.dd = dedup.New(s.rows)
	s.names = align.NewStoredJoiner(s.rows)
	s.pass = passRecord{}
	got, err := s.rows.GetState(ctx, nsPass, []string{keyPass})
	if err != nil {
		return fmt.Errorf("read the cross-article pass: %w", err)
	}
	if b, ok := got[keyPass]; ok {
		if err := json.Unmarshal(b, &s.pass); err != nil {
			return fmt.Errorf("read the cross-article pass: record: %w", err)
		}
	}
	return nil
}

// Folded is the number of articles the stored pass covers.
func (s *Stored) Folded() int { return s.pass.Folded }

// outdated says whether the pass's rows are of a layout this code does not
// read. An empty pass is not: its rows will be written in this one.
func (s *Stored) outdated() bool { return s.pass.Folded > 0 && s.pass.Format != passFormat }

// Current says whether the stored pass covers every stored article.
func (s *Stored) Current(ctx context.Context) (bool, error) {
	if s.outdated() {
		return false, nil
	}
	n, err := s.st.Count(ctx)
	if err != nil {
		return false, fmt.Errorf("count articles: %w", err)
	}
	return n == s.pass.Folded, nil
}

// Advance folds in fresh, articles just stored (and not folded before),
// when it can do so without building the pass again: when they all come
// after the latest article folded and the pass covered every other stored
// article. Each is then folded in, in publication order, with work in
// proportion to its candidates, and ok is true. Otherwise it changes
// nothing and ok is false. progress, if not nil, hears of each article
// folded.
func (s *Stored) Advance(ctx context.Context, fresh []*news.Doc, progress func(done, total int)) (ok bool, err error) {
	n, err := s.st.Count(ctx)
	if err != nil {
		return false, fmt.Errorf("count articles: %w", err)
	}
	fresh = inOrder(fresh)
	if s.outdated() || s.pass.Folded+len(fresh) != n {
		return false, nil
	}
	if len(fresh) > 0 && s.pass.Last != nil {
		l := s.pass.Last
		if !less(&news.Article{Published: l.Published, Source: l.Source, ID: l.ID}, fresh[0].Article) {
			return false, nil
		}
	}
	return true, s.foldAll(ctx, len(fresh), func(i int) (*news.Doc, error) { return fresh[i], nil }, progress)
}

// Fold is Advance, and where Advance cannot fold, builds the pass again
// from every stored article (rebuilt is true).
func (s *Stored) Fold(ctx context.Context, fresh []*news.Doc, progress func(done, total int)) (rebuilt bool, err error) {
	if ok, err := s.Advance(ctx, fresh, progress); ok || err != nil {
		return false, err
	}
	if err := setCounter(ctx, s.st, keyGen, s.gen+1); err != nil {
		return false, err
	}
	if err := s.use(ctx, s.gen+1); err != nil {
		return false, err
	}
	if err := s.reclaim(ctx); err != nil {
		return false, err
	}
	// The list is light; each doc is read as its turn comes, so that a
	// rebuild holds one article at a time, not the whole store.
	arts, err := s.st.Articles(ctx, news.ArticleFilter{})
	if err != nil {
		return true, fmt.Errorf("list articles: %w", err)
	}
	sort.SliceStable(arts, func(i, j int) bool { return less(arts[i], arts[j]) })
	return true, s.foldAll(ctx, len(arts), func(i int) (*news.Doc, error) {
		d, err := s.st.Doc(ctx, arts[i].ID)
		if err != nil {
			return nil, fmt.Errorf("read article %s: %w", arts[i].ID, err)
		}
		return d, nil
	}, progress)
}

// reclaim drops the rows of the generations before the current one, on a
// store that can (news.StateDropper). keyFloor is the first generation
// that may still have rows, so each is dropped once, even after a crash.
func (s *Stored) reclaim(ctx context.Context) error {
	d, ok := s.st.(news.StateDropper)
	if !ok {
		return nil
	}
	floor, err := counter(ctx, s.st, keyFloor)
	if err != nil {
		return err
	}
	for g := floor; g < s.gen; g++ {
		if err := d.DropState(ctx, genStem+strconv.Itoa(g)+"/"); err != nil {
			return fmt.Errorf("reclaim old cross-article rows: %w", err)
		}
	}
	return setCounter(ctx, s.st, keyFloor, s.gen)
}

// foldAll folds in the n docs doc gives, in turn.
func (s *Stored) foldAll(ctx context.Context, n int, doc func(i int) (*news.Doc, error), progress func(done, total int)) error {
	for i := range n {
		if err := ctx.Err(); err != nil {
			return err
		}
		d, err := doc(i)
		if err != nil {
			return err
		}
		if err := s.fold(ctx, d); err != nil {
			return err
		}
		if progress != nil {
			progress(i+1, n)
		}
	}
	return nil
}

// fold takes in one article: the three stages' writes and the new record
// go in one transaction.
func (s *Stored) fold(ctx context.Context, d *news.Doc) error {
	if d == nil || d.Article == nil || d.Article.ID == "" {
		return fmt.Errorf("crossref: no article: %w", news.ErrInvalid)
	}
	id := d.Article.ID
	_, cw, err := s.cl.AddWrite(ctx, d)
	if err != nil {
		return fmt.Errorf("crossref %s: %w", id, err)
	}
	_, dw, err := s.dd.AddWrite(ctx, d)
	if err != nil {
		return fmt.Errorf("crossref %s: %w", id, err)
	}
	nw, err := s.names.AddWrite(ctx, d)
	if err != nil {
		return fmt.Errorf("crossref %s: %w", id, err)
	}
	rec := passRecord{Folded: s.pass.Folded + 1, Last: &lastKey{Published: d.Article.Published, Source: d.Article.Source, ID: id}, Format: passFormat}
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	var w news.StateWrite
	for _, part := range []news.StateWrite{cw, dw, nw} {
		w.Values = append(w.Values, part.Values...)
		w.Postings = append(w.Postings, part.Postings...)
	}
	w.Values = append(w.Values, news.StateValue{NS: nsPass, Key: keyPass, Value: b})
	if err := s.rows.PutState(ctx, w); err != nil {
		return fmt.Errorf("crossref %s: %w", id, err)
	}
	s.pass = rec
	return nil
}

// StoryIDs lists the stored stories, in the order they were made: a
// list to pick from, reading the stories' rows alone.
func (s *Stored) StoryIDs(ctx context.Context) ([]string, error) {
	ids, err := s.cl.StoryIDs(ctx)
	if err != nil {
		return nil, fmt.Errorf("read stories: %w", err)
	}
	return ids, nil
}

// Result reads the stored events, stories, names and relations (in the
// order they were found, as the batch pass records them) and lines up the
// facts, variants and timeline from the stored docs, which it returns in
// the store's order. It reads the whole store: it is for a
// report of it.
func (s *Stored) Result(ctx context.Context) (*Result, []*news.Doc, error) {
	events, err := s.cl.EventsContext(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read events: %w", err)
	}
	stories, err := s.cl.StoriesContext(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("read stories: %w", err)
	}
	ids, err := s.names.IdentitiesContext(ctx)
	if err != nil {
		return nil, nil, err
	}
	rels, err := s.dd.Relations(ctx)
	if err != nil {
		return nil, nil, err
	}
	docs, err := s.stored(ctx)
	if err != nil {
		return nil, nil, err
	}
	byID := make(map[string]*news.Doc, len(docs))
	for _, d := range docs {
		byID[d.Article.ID] = d
	}
	// The count alone can match after a delete and an add by a process
	// that does not fold: the pass must hold exactly the stored articles.
	held := 0
	for _, e := range events {
		for _, id := range e.Articles {
			if byID[id] == nil {
				return nil, nil, fmt.Errorf("the stored pass holds article %s, which is no longer stored: %w", id, ErrStale)
			}
			held++
		}
	}
	if held != len(docs) {
		return nil, nil, fmt.Errorf("the stored pass holds %d of %d stored articles: %w", held, len(docs), ErrStale)
	}
	r := newResult(events, stories, ids, rels)
	docsOf := docsIn(byID)
	if _, _, err := r.align(docsOf, nil, nil); err != nil {
		return nil, nil, err
	}
	return r, docs, nil
}

// docsIn reads docs from byID, skipping those it lacks.
func docsIn(byID map[string]*news.Doc) func([]string) ([]*news.Doc, error) {
	return func(ids []string) ([]*news.Doc, error) {
		var ds []*news.Doc
		for _, id := range ids {
			if d := byID[id]; d != nil {
				ds = append(ds, d)
			}
		}
		return ds, nil
	}
}

// stored reads every stored doc, in the store's order.
func (s *Stored) stored(ctx context.Context) ([]*news.Doc, error) {
	return StoredDocs(ctx, s.st, news.ArticleFilter{})
}

// DocLister is what StoredDocs reads from.
type DocLister interface {
	Articles(ctx context.Context, f news.ArticleFilter) ([]*news.Article, error)
	Doc(ctx context.Context, id string) (*news.Doc, error)
}

// StoredDocs reads the docs of the articles f selects, in the store's
// order (publication time, then ID).
func StoredDocs(ctx context.Context, st DocLister, f news.ArticleFilter) ([]*news.Doc, error) {
	arts, err := st.Articles(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	docs := make([]*news.Doc, 0, len(arts))
	for _, a := range arts {
		d, err := st.Doc(ctx, a.ID)
		if err != nil {
			return nil, fmt.Errorf("read article %s: %w", a.ID, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// less is the order articles are folded in: Sort's, ties by ID, which is
// the order Sort leaves a store's list in.
func less(a, b *news.Article) bool {
	if before(a, b) {
		return true
	}
	if before(b, a) {
		return false
	}
	return a.ID < b.ID
}

func inOrder(docs []*news.Doc) []*news.Doc {
	out := append([]*news.Doc(nil), docs...)
	sort.SliceStable(out, func(i, j int) bool { return less(out[i].Article, out[j].Article) })
	return out
}

// genStore is one generation's view of a store: every namespace it is
// given is read and written under the generation's prefix.
type genStore struct {
	Store
	prefix string
}

func (g genStore) GetState(ctx context.Context, ns string, keys []string) (map[string][]byte, error) {
	return g.Store.GetState(ctx, g.prefix+ns, keys)
}

func (g genStore) ScanState(ctx context.Context, ns, after string, limit int) ([]news.StateValue, error) {
	vs, err := g.Store.ScanState(ctx, g.prefix+ns, after, limit)
	for i := range vs {
		vs[i].NS = ns
	}
	return vs, err
}

func (g genStore) PutState(ctx context.Context, w news.StateWrite) error {
	out := news.StateWrite{Values: make([]news.StateValue, len(w.Values)), Postings: make([]news.Posting, len(w.Postings))}
	for i, v := range w.Values {
		v.NS = g.prefix + v.NS
		out.Values[i] = v
	}
	for i, p := range w.Postings {
		p.NS = g.prefix + p.NS
		out.Postings[i] = p
	}
	return g.Store.PutState(ctx, out)
}

func (g genStore) Postings(ctx context.Context, ns string, keys []string, perKey int) (map[string][]string, error) {
	return g.Store.Postings(ctx, g.prefix+ns, keys, perKey)
}
