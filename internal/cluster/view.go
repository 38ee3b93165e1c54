package cluster

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"storyline/internal/news"
)

// view is what one add (or one read) sees of the state. In memory it is the
// clusterer's whole State, changed in place. On a store it starts empty and
// reads rows as the add needs them — the document frequencies of the
// article's own features, the events the index finds, the merges and
// stories they lead to — marking those it changes, which write then turns
// into one news.StateWrite. Nothing is written until the caller applies it.
type view struct {
	st    *State
	store news.StateStore // nil: st is the whole state, in memory
	idx   Index           // in memory: the clusterer's index

	body           map[string]bool // events whose sums and articles are read
	dirtyE, dirtyS map[string]bool // events and stories changed
	article        string          // the article this add recorded
	dfKeys         []string        // the features whose counts it raised
	posts          []news.Posting  // what it files in the index
	newParams      bool            // the store had no params yet
}

func newView(st *State, store news.StateStore, idx Index) *view {
	return &view{st: st, store: store, idx: idx, body: map[string]bool{},
		dirtyE: map[string]bool{}, dirtyS: map[string]bool{}}
}

func (v *view) stored() bool { return v.store != nil }

// get reads the rows of keys in ns that pass need (not yet read), decoding
// each with put.
func (v *view) get(ctx context.Context, ns string, keys []string, need func(string) bool, put func(k string, b []byte) error) error {
	var ask []string
	seen := map[string]bool{}
	for _, k := range keys {
		if need(k) && !seen[k] {
			seen[k] = true
			ask = append(ask, k)
		}
	}
	if len(ask) == 0 {
		return nil
	}
	got, err := v.store.GetState(ctx, ns, ask)
	if err != nil {
		return fmt.Errorf("read %s: %w", ns, err)
	}
	for _, k := range ask {
		if b, ok := got[k]; ok {
			if err := put(k, b); err != nil {
				return fmt.Errorf("read %s %q: %w", ns, k, err)
			}
		}
	}
	return nil
}

// articles reads the rows of the articles ids.
func (v *view) articles(ctx context.Context, ids []string) error {
	return getJSON(ctx, v, nsArticle, ids, v.st.Articles)
}

// getJSON reads into m the JSON rows of the keys in ns that m lacks.
func getJSON[T any](ctx context.Context, v *view, ns string, keys []string, m map[string]*T) error {
	if !v.stored() {
		return nil
	}
	return v.get(ctx, ns, keys, func(k string) bool { return m[k] == nil }, func(k string, b []byte) error {
		x := new(T)
		if err := json.Unmarshal(b, x); err != nil {
			return err
		}
		m[k] = x
		return nil
	})
}

// events reads the light rows of events ids (not their sums).
func (v *view) events(ctx context.Context, ids []string) error {
	if !v.stored() {
		return nil
	}
	return v.get(ctx, nsEvent, ids, func(id string) bool { return v.st.Events[id] == nil }, func(id string, b []byte) error {
		e, err := decodeEvent(b)
		if err == nil {
			v.st.Events[id] = e
		}
		return err
	})
}

// bodies reads the sums and articles of standing events es.
func (v *view) bodies(ctx context.Context, es []*EventState) error {
	if !v.stored() {
		return nil
	}
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	err := v.get(ctx, nsSums, ids, func(id string) bool { return !v.body[id] }, func(id string, b []byte) error {
		if err := decodeBody(v.st.Events[id], b); err != nil {
			return err
		}
		v.body[id] = true
		return nil
	})
	if err != nil {
		return err
	}
	for _, e := range es {
		if !v.body[e.ID] {
			return fmt.Errorf("read sums of %s: %w", e.ID, news.ErrNotFound)
		}
	}
	return nil
}

// stories reads the rows of stories ids.
func (v *view) stories(ctx context.Context, ids []string) error {
	return getJSON(ctx, v, nsStory, ids, v.st.Stories)
}

// resolve reads the events ids and every event their merges lead to, a
// batch per step of the chains.
func (v *view) resolve(ctx context.Context, ids []string) error {
	if !v.stored() {
		return nil
	}
	for range maxChain {
		if err := v.events(ctx, ids); err != nil {
			return err
		}
		var next []string
		for _, id := range ids {
			if e := v.st.Events[id]; e != nil && e.Merged != "" && v.st.Events[e.Merged] == nil {
				next = append(next, e.Merged)
			}
		}
		if len(next) == 0 {
			return nil
		}
		ids = next
	}
	return fmt.Errorf("resolve events: %w: merges chained over %d steps", news.ErrInvalid, maxChain)
}

// maxChain bounds a chain of merges or story joins followed, so that a
// damaged store (a cycle) fails rather than loops. A chain grows by one
// only when an event merges into one that merges later; it stays short.
const maxChain = 1 << 16

// event follows merges to the standing event filed as id, nil if none.
func (v *view) event(ctx context.Context, id string) (*EventState, error) {
	if err := v.resolve(ctx, []string{id}); err != nil {
		return nil, err
	}
	e := v.st.Events[id]
	for range maxChain {
		if e == nil || e.Merged == "" {
			return e, nil
		}
		e = v.st.Events[e.Merged]
	}
	return nil, fmt.Errorf("event %s: %w: merges chained over %d steps", id, news.ErrInvalid, maxChain)
}

// story follows joins to the standing story filed as id, nil if none.
func (v *view) story(ctx context.Context, id string) (*StoryState, error) {
	for range maxChain {
		if err := v.stories(ctx, []string{id}); err != nil {
			return nil, err
		}
		s := v.st.Stories[id]
		if s == nil || s.Merged == "" {
			return s, nil
		}
		id = s.Merged
	}
	return nil, fmt.Errorf("story %s: %w: joins chained over %d steps", id, news.ErrInvalid, maxChain)
}

// storyOf is the standing story of event e.
func (v *view) storyOf(ctx context.Context, e *EventState) (*StoryState, error) {
	s, err := v.story(ctx, e.Story)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return nil, fmt.Errorf("story %s of %s: %w", e.Story, e.ID, news.ErrNotFound)
	}
	if s.ID != e.Story {
		e.Story = s.ID // shorten the path for next time
		v.dirtyE[e.ID] = true
	}
	return s, nil
}

// df reads the document frequencies of keys.
func (v *view) df(ctx context.Context, keys []string) error {
	if !v.stored() {
		return nil
	}
	rk := make([]string, len(keys))
	back := make(map[string]string, len(keys))
	for i, k := range keys {
		rk[i] = rowKey(k)
		back[rk[i]] = k
	}
	return v.get(ctx, nsDF, rk, func(string) bool { return true }, func(k string, b []byte) error {
		n, err := decodeInt(b)
		v.st.DF[back[k]] = n
		return err
	})
}

// postings are the ids most recently filed under each key, newest first.
// In memory each key is one lookup in the index, as it always was.
func (v *view) postings(ctx context.Context, keys []string, perKey int) (map[string][]string, error) {
	out := make(map[string][]string, len(keys))
	if !v.stored() {
		for _, k := range keys {
			ids, err := v.idx.Candidates(ctx, []string{k}, perKey)
			if err != nil {
				return nil, err
			}
			out[k] = ids
		}
		return out, nil
	}
	rk := make([]string, len(keys))
	for i, k := range keys {
		rk[i] = rowKey(k)
	}
	got, err := v.store.Postings(ctx, nsIndex, rk, perKey)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", nsIndex, err)
	}
	for i, k := range keys {
		out[k] = got[rk[i]]
	}
	return out, nil
}

// file files event id under keys. post is what postings returned for them:
// as MemIndex does, a key whose newest entry is id already is not filed
// again, so the store's postings are the memory index's, entry for entry.
func (v *view) file(ctx context.Context, id string, keys []string, post map[string][]string) error {
	if !v.stored() {
		return v.idx.Put(ctx, id, keys)
	}
	for _, k := range keys {
		if p := post[k]; len(p) > 0 && p[0] == id {
			continue
		}
		v.posts = append(v.posts, news.Posting{NS: nsIndex, Key: rowKey(k), ID: id})
	}
	return nil
}

// write is the rows the add changed, in a fixed order.
func (v *view) write() (news.StateWrite, error) {
	var w news.StateWrite
	put := func(ns, k string, b []byte) { w.Values = append(w.Values, news.StateValue{NS: ns, Key: k, Value: b}) }
	put(nsMeta, "n", encodeInt(v.st.N))
	if v.newParams {
		b, err := json.Marshal(v.st.Params)
		if err != nil {
			return w, err
		}
		put(nsMeta, "params", b)
	}
	for _, k := range v.dfKeys {
		put(nsDF, rowKey(k), encodeInt(v.st.DF[k]))
	}
	if v.article != "" {
		b, err := json.Marshal(v.st.Articles[v.article])
		if err != nil {
			return w, err
		}
		put(nsArticle, v.article, b)
	}
	for _, id := range sortedKeys(v.dirtyE) {
		e := v.st.Events[id]
		b, err := encodeEvent(e)
		if err != nil {
			return w, err
		}
		put(nsEvent, id, b)
		switch {
		case e.Merged != "":
			put(nsSums, id, nil) // a merged event keeps only its pointer
		case v.body[id]:
			put(nsSums, id, encodeBody(e))
		}
	}
	for _, id := range sortedKeys(v.dirtyS) {
		b, err := json.Marshal(v.st.Stories[id])
		if err != nil {
			return w, err
		}
		put(nsStory, id, b)
	}
	w.Postings = v.posts
	return w, nil
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// whole is the whole state: in memory the clusterer's; on a store every
// event, story and article read (not the document frequencies, which no
// reader needs).
func (c *Clusterer) whole(ctx context.Context) (*State, error) {
	if c.store == nil {
		return c.st, nil
	}
	st := newState(c.p)
	err := c.scan(ctx, nsEvent, 1000, func(k string, b []byte) error {
		e, err := decodeEvent(b)
		st.Events[k] = e
		return err
	})
	if err == nil {
		// Sums rows are the large ones: fewer to a page.
		err = c.scan(ctx, nsSums, 64, func(k string, b []byte) error {
			e := st.Events[k]
			if e == nil {
				return fmt.Errorf("sums without an event: %w", news.ErrInvalid)
			}
			return decodeBody(e, b)
		})
	}
	if err == nil {
		err = c.scanStories(ctx, st.Stories)
	}
	if err == nil {
		err = c.scan(ctx, nsArticle, 1000, func(k string, b []byte) error {
			a := &ArticleState{}
			st.Articles[k] = a
			return json.Unmarshal(b, a)
		})
	}
	if err != nil {
		return nil, err
	}
	for _, e := range st.Events {
		if st.Stories[e.Story] == nil && e.Merged == "" {
			return nil, fmt.Errorf("read state: story %s of %s: %w", e.Story, e.ID, news.ErrNotFound)
		}
		for _, a := range e.Articles {
			if st.Articles[a] == nil {
				return nil, fmt.Errorf("read state: article %s of %s: %w", a, e.ID, news.ErrNotFound)
			}
		}
	}
	return st, nil
}

// scanStories reads every story row into m.
func (c *Clusterer) scanStories(ctx context.Context, m map[string]*StoryState) error {
	return c.scan(ctx, nsStory, 1000, func(k string, b []byte) error {
		s := &StoryState{}
		m[k] = s
		return json.Unmarshal(b, s)
	})
}

// scan reads every row of ns, page rows at a time.
func (c *Clusterer) scan(ctx context.Context, ns string, page int, each func(k string, b []byte) error) error {
	after := ""
	for {
		rows, err := c.store.ScanState(ctx, ns, after, page)
		if err != nil {
			return fmt.Errorf("read %s: %w", ns, err)
		}
		for _, r := range rows {
			if err := each(r.Key, r.Value); err != nil {
				return fmt.Errorf("read %s %q: %w", ns, r.Key, err)
			}
		}
		if len(rows) < page {
			return nil
		}
		after = rows[len(rows)-1].Key
	}
}
