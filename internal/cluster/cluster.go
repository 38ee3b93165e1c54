package cluster

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"sync"

	"storyline/internal/news"
)

// Clusterer assigns articles to events and events to stories as they
// arrive. It is safe for concurrent use; Adds are applied one at a time, and
// the result depends only on the order they are applied in.
//
// Its state is in memory (New, Restore) or in a news.StateStore
// (NewStored), where an add reads and writes only the rows it touches.
type Clusterer struct {
	mu    sync.Mutex
	p     Params
	st    *State // in memory: everything, with idx
	idx   Index
	store news.StateStore // else: the store holding it all
}

// New returns an empty clusterer that files its events in idx (a
// NewMemIndex, or a store's index).
func New(p Params, idx Index) *Clusterer {
	return &Clusterer{p: p, st: newState(p), idx: idx}
}

// NewStored returns a clusterer whose state is in st: it keeps nothing in
// memory between calls, so any number of processes, one after another, go
// on from what the store holds. The first add records p in the store; an
// add with other params than the store's fails (news.ErrConflict), since
// the rows were made by them.
func NewStored(p Params, st news.StateStore) *Clusterer {
	return &Clusterer{p: p, store: st}
}

// Restore resumes from a State saved by State, with the index that was
// filled alongside it.
func Restore(st State, idx Index) (*Clusterer, error) {
	if st.DF == nil || st.Articles == nil || st.Events == nil || st.Stories == nil {
		return nil, fmt.Errorf("restore clusterer: state lacks tables: %w", news.ErrInvalid)
	}
	s := st
	return &Clusterer{p: s.Params, st: &s, idx: idx}, nil
}

// State returns the in-memory clusterer's state. The maps are shared with
// the clusterer: marshal the value before the next Add. A stored
// clusterer's state is in its store: State returns only its Params.
func (c *Clusterer) State() State {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.st == nil {
		return State{Params: c.p}
	}
	return *c.st
}

// view is the state one call works on.
func (c *Clusterer) view() *view {
	if c.store == nil {
		return newView(c.st, nil, c.idx)
	}
	return newView(newState(c.p), c.store, nil)
}

// Add assigns d to an event and returns the event's ID. An article already
// added (same ID) is not added again: Add returns its event. d must have
// been through the per-article pipeline; Add reads its title, text,
// publication time, entities and dates, and keeps no reference to it. On a
// store, Add is AddWrite with the write applied at once.
func (c *Clusterer) Add(ctx context.Context, d *news.Doc) (string, error) {
	if err := checkDoc(d); err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.store == nil {
		return c.add(ctx, c.view(), d)
	}
	id, w, err := c.addWrite(ctx, d)
	if err != nil {
		return "", err
	}
	if err := c.store.PutState(ctx, w); err != nil {
		return "", fmt.Errorf("cluster %s: write: %w", d.Article.ID, err)
	}
	return id, nil
}

// AddWrite places d as Add does on a stored clusterer and returns, without
// applying it, the write that records it: the rows it changed (N, the
// document frequencies of d's features, d's row, the events and stories it
// changed) and the index entries it files. The caller applies it, in one
// transaction with the other stages' writes of d, before the next AddWrite:
// until then the store does not know d. An article already stored gives
// its event and an empty write. An in-memory clusterer has no write to give
// (news.ErrInvalid): use Add.
func (c *Clusterer) AddWrite(ctx context.Context, d *news.Doc) (string, news.StateWrite, error) {
	if err := checkDoc(d); err != nil {
		return "", news.StateWrite{}, err
	}
	if c.store == nil {
		return "", news.StateWrite{}, fmt.Errorf("cluster %s: AddWrite on an in-memory clusterer: %w", d.Article.ID, news.ErrInvalid)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.addWrite(ctx, d)
}

func checkDoc(d *news.Doc) error {
	if d == nil || d.Article == nil || d.Article.ID == "" {
		return fmt.Errorf("cluster: article without ID: %w", news.ErrInvalid)
	}
	return nil
}

func (c *Clusterer) addWrite(ctx context.Context, d *news.Doc) (string, news.StateWrite, error) {
	aid := d.Article.ID
	if err := news.CheckStateKey("article ID", "e-"+aid); err != nil {
		return "", news.StateWrite{}, fmt.Errorf("cluster %s: %w", aid, err)
	}
	v := c.view()
	if err := c.readMeta(ctx, v); err != nil {
		return "", news.StateWrite{}, fmt.Errorf("cluster %s: %w", aid, err)
	}
	id, err := c.add(ctx, v, d)
	if err != nil || v.article == "" {
		return id, news.StateWrite{}, err
	}
	w, err := v.write()
	if err != nil {
		return "", news.StateWrite{}, fmt.Errorf("cluster %s: %w", aid, err)
	}
	return id, w, nil
}

// readMeta reads N, and checks that the store's rows were made with the
// clusterer's params.
func (c *Clusterer) readMeta(ctx context.Context, v *view) error {
	got, err := v.store.GetState(ctx, nsMeta, []string{"n", "params"})
	if err != nil {
		return fmt.Errorf("read %s: %w", nsMeta, err)
	}
	if b, ok := got["n"]; ok {
		if v.st.N, err = decodeInt(b); err != nil {
			return fmt.Errorf("read %s n: %w", nsMeta, err)
		}
	}
	want, err := json.Marshal(c.p)
	if err != nil {
		return err
	}
	b, ok := got["params"]
	switch {
	case !ok:
		v.newParams = true
	case !bytes.Equal(b, want):
		return fmt.Errorf("%w: the store was clustered with other params", news.ErrConflict)
	}
	return nil
}

// add places d in v's state; in memory that is the clusterer's, changed
// in place, on a store a view that write turns into rows.
func (c *Clusterer) add(ctx context.Context, v *view, d *news.Doc) (string, error) {
	st, p := v.st, c.p
	aid := d.Article.ID
	if err := v.articles(ctx, []string{aid}); err != nil {
		return "", fmt.Errorf("cluster %s: %w", aid, err)
	}
	if a, ok := st.Articles[aid]; ok {
		e, err := v.event(ctx, a.Event)
		if err == nil && e == nil {
			err = fmt.Errorf("event %s: %w", a.Event, news.ErrNotFound)
		}
		if err != nil {
			return "", fmt.Errorf("cluster %s: %w", aid, err)
		}
		return e.ID, nil
	}
	f := featuresOf(d, p)
	var own []string
	for _, sp := range f.spaces() {
		for _, x := range sp {
			own = append(own, x.Key)
		}
	}
	if err := v.df(ctx, own); err != nil {
		return "", fmt.Errorf("cluster %s: %w", aid, err)
	}
	dp := weigh(st, p, f)
	keys := indexKeys(dp, p.IndexKeys)
	// Nothing changes until the index has taken the article's keys, so an
	// index that fails leaves the clusterer as it was. (On a store nothing
	// changes at all until the caller applies the write.)

	cands, post, err := c.candidates(ctx, v, keys)
	if err != nil {
		return "", fmt.Errorf("cluster %s: candidates: %w", aid, err)
	}
	var best *EventState
	bestSim := math.Inf(-1)
	dg := dp.group()
	for _, e := range cands {
		timed := score(dg, e.group(), p.Weights) - timePenalty(f.days, e, p)
		if timed > bestSim {
			best, bestSim = e, timed
		}
	}
	e := best
	fresh := e == nil || bestSim < p.Threshold
	if fresh {
		e = &EventState{ID: "e-" + aid, Seq: st.N + 1}
	}
	if err := v.file(ctx, e.ID, keys, post); err != nil {
		return "", fmt.Errorf("cluster %s: file keys: %w", aid, err)
	}
	st.N++
	for _, k := range own {
		st.DF[k]++
	}
	v.dfKeys = own
	if fresh {
		story := &StoryState{ID: "s-" + aid, Seq: st.N, Events: []string{e.ID}}
		e.Story = story.ID
		st.Events[e.ID], st.Stories[story.ID] = e, story
		v.body[e.ID], v.dirtyS[story.ID] = true, true
	}
	v.absorb(e, aid, dp, f.days, p)
	st.Articles[aid] = &ArticleState{ID: aid, Seq: st.N, Event: e.ID, Published: f.pub,
		Headline: f.headline, Titled: f.titled, Head: f.head, Days: f.days}
	v.article = aid
	// The article may have made its event like another one that, alone,
	// it only half resembled: an event split when its first reports
	// differed comes together here, as in average-link clustering. Events
	// close in all but time thread into one story.
	for _, o := range cands {
		if o == e || o.Merged != "" {
			continue
		}
		s := score(e.group(), o.group(), p.Weights)
		margin := p.MergeMargin / math.Sqrt(float64(e.N*o.N))
		switch {
		case s-eventTimePenalty(e, o, p) >= p.MergeThreshold+margin:
			if e, err = v.merge(ctx, e, o, p); err != nil {
				return "", fmt.Errorf("cluster %s: merge: %w", aid, err)
			}
		case s >= p.StoryThreshold:
			if err := v.joinEvents(ctx, e, o); err != nil {
				return "", fmt.Errorf("cluster %s: join stories: %w", aid, err)
			}
		}
	}
	return e.ID, nil
}

// AddAll adds docs in order, as Add would one at a time.
func (c *Clusterer) AddAll(ctx context.Context, docs []*news.Doc) error {
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if _, err := c.Add(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// weigh returns the article's vectors weighted by TF-IDF as of now, each of
// length 1. The weights are fixed here, when the article arrives: an event's
// sums are then plain sums, and comparing with them costs the length of the
// article alone. The article counts in the statistics it is weighed by, as
// in a batch TF-IDF, so its own rare words are rare, not unseen (Add then
// counts it in for good). st holds N and the DF of the article's features.
func weigh(st *State, p Params, f features) profile {
	n := float64(st.N + 1)
	// Every key weighed is the article's own: its document frequency
	// counts the article too.
	idf := func(k string) float64 { return math.Log((1+n)/(2+float64(st.DF[k]))) + 1 }
	return weighed(f, idf, p.MaxTerms)
}

// weighed turns features into a profile: each space's counts times idf,
// cut to the maxTerms heaviest (what one article carries is bounded however
// long it is), scaled to length 1.
func weighed(f features, idf func(string) float64, maxTerms int) profile {
	var pr profile
	for i, v := range f.spaces() {
		w := make(Vec, len(v))
		for j, x := range v {
			w[j] = Feature{x.Key, x.W * idf(x.Key)}
		}
		pr[i] = w.top(maxTerms).unit()
	}
	return pr
}

// indexKeys are the article's n heaviest name words and terms, in a fixed
// order (heaviest first, ties by key).
func indexKeys(pr profile, n int) []string {
	all := append(append(Vec{}, pr[nameIdx]...), pr[termIdx]...)
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].W != all[j].W {
			return all[i].W > all[j].W
		}
		return all[i].Key < all[j].Key
	})
	if len(all) > n {
		all = all[:n]
	}
	keys := make([]string, len(all))
	for i, x := range all {
		keys[i] = x.Key
	}
	return keys
}

// candidates are the events filed under the article's keys, at most
// MaxCandidates of them: those sharing the most keys, then the newest. They
// come back in creation order, so that a tie goes to the older event, with
// their sums read; post is what the index returned per key.
func (c *Clusterer) candidates(ctx context.Context, v *view, keys []string) ([]*EventState, map[string][]string, error) {
	p := c.p
	post, err := v.postings(ctx, keys, p.PerKey)
	if err != nil {
		return nil, nil, err
	}
	var all []string
	for _, k := range keys {
		all = append(all, post[k]...)
	}
	if err := v.resolve(ctx, all); err != nil {
		return nil, nil, err
	}
	hits := map[string]int{}
	var order []string
	for _, k := range keys {
		for _, id := range post[k] {
			e, err := v.event(ctx, id)
			if err != nil {
				return nil, nil, err
			}
			if e == nil {
				continue
			}
			if hits[e.ID] == 0 {
				order = append(order, e.ID)
			}
			hits[e.ID]++
		}
	}
	out := make([]*EventState, len(order))
	for i, id := range order {
		out[i] = v.st.Events[id]
	}
	sort.SliceStable(out, func(i, j int) bool {
		if hits[out[i].ID] != hits[out[j].ID] {
			return hits[out[i].ID] > hits[out[j].ID]
		}
		return out[i].Seq > out[j].Seq
	})
	if len(out) > p.MaxCandidates {
		out = out[:p.MaxCandidates]
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	if err := v.bodies(ctx, out); err != nil {
		return nil, nil, err
	}
	return out, post, nil
}
