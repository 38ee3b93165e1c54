package cluster

import (
	"context"
	"fmt"
	"math"
	"sort"
	"sync"

	"storyline/internal/news"
)

// Clusterer assigns articles to events and events to stories as they
// arrive. It is safe for concurrent use; Adds are applied one at a time, and
// the result depends only on the order they are applied in.
type Clusterer struct {
	mu  sync.Mutex
	st  *State
	idx Index
}

// New returns an empty clusterer that files its events in idx (a
// NewMemIndex, or a store's index).
func New(p Params, idx Index) *Clusterer {
	return &Clusterer{st: newState(p), idx: idx}
}

// Restore resumes from a State saved by State, with the index that was
// filled alongside it.
func Restore(st State, idx Index) (*Clusterer, error) {
	if st.DF == nil || st.Articles == nil || st.Events == nil || st.Stories == nil {
		return nil, fmt.Errorf("restore clusterer: state lacks tables: %w", news.ErrInvalid)
	}
	s := st
	return &Clusterer{st: &s, idx: idx}, nil
}

// State returns the clusterer's state. The maps are shared with the
// clusterer: marshal the value before the next Add.
func (c *Clusterer) State() State {
	c.mu.Lock()
	defer c.mu.Unlock()
	return *c.st
}

// Add assigns d to an event and returns the event's ID. An article already
// added (same ID) is not added again: Add returns its event. d must have
// been through the per-article pipeline; Add reads its title, text,
// publication time, entities and dates, and keeps no reference to it.
func (c *Clusterer) Add(ctx context.Context, d *news.Doc) (string, error) {
	if d == nil || d.Article == nil || d.Article.ID == "" {
		return "", fmt.Errorf("cluster: article without ID: %w", news.ErrInvalid)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	st, p := c.st, c.st.Params
	aid := d.Article.ID
	if a, ok := st.Articles[aid]; ok {
		return c.event(a.Event).ID, nil
	}
	f := featuresOf(d, p)
	dp := c.weigh(f)
	keys := indexKeys(dp, p.IndexKeys)
	// Nothing changes until the index has taken the article's keys, so an
	// index that fails leaves the clusterer as it was.

	cands, err := c.candidates(ctx, keys)
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
	if err := c.idx.Put(ctx, e.ID, keys); err != nil {
		return "", fmt.Errorf("cluster %s: file keys: %w", aid, err)
	}
	st.N++
	for _, v := range f.spaces() {
		for _, x := range v {
			st.DF[x.Key]++
		}
	}
	if fresh {
		story := &StoryState{ID: "s-" + aid, Seq: st.N, Events: []string{e.ID}}
		e.Story = story.ID
		st.Events[e.ID], st.Stories[story.ID] = e, story
	}
	c.absorb(e, aid, dp, f.days)
	st.Articles[aid] = &ArticleState{ID: aid, Seq: st.N, Event: e.ID, Published: f.pub,
		Headline: f.headline, Titled: f.titled, Head: f.head, Days: f.days}
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
			e = c.merge(e, o)
		case s >= p.StoryThreshold:
			c.joinStories(c.storyOf(e), c.storyOf(o))
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
// counts it in for good).
func (c *Clusterer) weigh(f features) profile {
	st, p := c.st, c.st.Params
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
// come back in creation order, so that a tie goes to the older event.
func (c *Clusterer) candidates(ctx context.Context, keys []string) ([]*EventState, error) {
	p := c.st.Params
	hits := map[string]int{}
	var order []string
	for _, k := range keys {
		ids, err := c.idx.Candidates(ctx, []string{k}, p.PerKey)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			e := c.event(id)
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
		out[i] = c.st.Events[id]
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
	return out, nil
}

// event follows merges to the standing event filed as id, nil if none.
func (c *Clusterer) event(id string) *EventState {
	e := c.st.Events[id]
	for e != nil && e.Merged != "" {
		e = c.st.Events[e.Merged]
	}
	return e
}
