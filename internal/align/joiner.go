package align

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"storyline/internal/memstate"
	"storyline/internal/news"
)

// Namespaces of the joiner's state.
const (
	nsNames     = "names.g" // group key → nameRow
	nsNameArts  = "names.a" // group key → the articles naming it (postings)
	nsNamesMeta = "names.meta"
	// maxNameArticles bounds the articles listed for one name.
	maxNameArticles = 100000
)

// Joiner joins the entity mentions of many articles into identities. Adding
// an article updates only the rows of the names it mentions (work in
// proportion to its mentions); Identities applies the joining rules to the
// stored names, in the order they were first seen, so that the result is
// the same whichever process added what.
type Joiner struct {
	st news.StateStore
}

// NewJoiner returns a joiner that keeps its names in memory.
func NewJoiner() *Joiner { return &Joiner{st: memstate.New()} }

// NewStoredJoiner returns a joiner that keeps its names in st.
func NewStoredJoiner(st news.StateStore) *Joiner { return &Joiner{st: st} }

// nameRow is what is kept of one distinct name.
type nameRow struct {
	Key       string                  `json:"key"`
	Text      string                  `json:"text"`  // the name as first written
	Seq       int                     `json:"seq"`   // when it was first seen
	First     news.EntityKind         `json:"first"` // the kind it was first given
	Org       bool                    `json:"org,omitempty"`
	Kinds     map[news.EntityKind]int `json:"kinds"`
	Spellings map[string]int          `json:"spellings"`
	Names     map[string]int          `json:"names"`
	// Mentions counts the mentions filed here by name and kind
	// (news.NameKey), which a report of part of the store counts an
	// entity's mentions from.
	Mentions map[string]int `json:"mentions,omitempty"`
	Articles []string       `json:"-"` // filled from the postings when read
}

// Add takes in the mentions of one article (in memory; see AddWrite).
func (j *Joiner) Add(d *news.Doc) {
	ctx := context.Background()
	w, err := j.AddWrite(ctx, d)
	if err == nil {
		err = j.st.PutState(ctx, w)
	}
	if err != nil {
		panic(fmt.Sprintf("align: in-memory joiner: %v", err))
	}
}

// AddWrite returns the write that takes in d's mentions, for the caller to
// apply (with other writes of the same article, in one transaction). An
// article is taken in once: its second add changes nothing.
func (j *Joiner) AddWrite(ctx context.Context, d *news.Doc) (news.StateWrite, error) {
	var w news.StateWrite
	id := d.Article.ID
	done, err := j.st.GetState(ctx, nsNamesMeta, []string{"done:" + id, "n"})
	if err != nil {
		return w, fmt.Errorf("names of %s: %w", id, err)
	}
	if _, ok := done["done:"+id]; ok {
		return w, nil
	}
	text := d.Text()
	var keys []string
	byKey := map[string][]news.Mention{}
	for _, m := range d.Entities {
		if strings.TrimSpace(m.Name) == "" {
			continue
		}
		k, _, ok := groupKey(m)
		if !ok || len(k) > news.MaxStateKey {
			continue
		}
		if _, seen := byKey[k]; !seen {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], m)
	}
	rows, err := j.st.GetState(ctx, nsNames, keys)
	if err != nil {
		return w, fmt.Errorf("names of %s: %w", id, err)
	}
	n := 0
	if v, ok := done["n"]; ok {
		fmt.Sscan(string(v), &n)
	}
	for _, k := range keys {
		r := &nameRow{}
		if b, ok := rows[k]; ok {
			if err := json.Unmarshal(b, r); err != nil {
				return w, fmt.Errorf("names of %s: stored name %q: %w", id, k, err)
			}
		} else {
			first := byKey[k][0]
			*r = nameRow{Key: k, Text: first.Name, Seq: n, First: first.Kind, Kinds: map[news.EntityKind]int{},
				Spellings: map[string]int{}, Names: map[string]int{}}
			n++
		}
		if r.Mentions == nil {
			r.Mentions = map[string]int{}
		}
		for _, m := range byKey[k] {
			r.Mentions[news.NameKey(m.Name, m.Kind)]++
			r.Kinds[m.Kind]++
			r.Org = r.Org || m.Kind == news.Organization
			r.Names[m.Name]++
			if s := strings.Join(strings.Fields(m.Span.In(text)), " "); s != "" {
				r.Spellings[s]++
			}
		}
		b, err := json.Marshal(r)
		if err != nil {
			return w, err
		}
		w.Values = append(w.Values, news.StateValue{NS: nsNames, Key: k, Value: b})
		w.Postings = append(w.Postings, news.Posting{NS: nsNameArts, Key: k, ID: id})
	}
	w.Values = append(w.Values,
		news.StateValue{NS: nsNamesMeta, Key: "n", Value: []byte(fmt.Sprint(n))},
		news.StateValue{NS: nsNamesMeta, Key: "done:" + id, Value: []byte{}})
	return w, nil
}

// Identities returns every identity (in memory; see IdentitiesContext).
func (j *Joiner) Identities() []news.Identity {
	ids, err := j.IdentitiesContext(context.Background())
	if err != nil {
		panic(fmt.Sprintf("align: in-memory joiner: %v", err))
	}
	return ids
}

// IdentitiesContext reads every stored name and joins them. It reads all
// names: it is for reports of the whole store, not for each add.
func (j *Joiner) IdentitiesContext(ctx context.Context) ([]news.Identity, error) {
	ids, _, err := j.Join(ctx)
	return ids, err
}

// Join is IdentitiesContext with the count of every name's mentions, by
// news.NameKey, in every article taken in.
func (j *Joiner) Join(ctx context.Context) ([]news.Identity, map[string]int, error) {
	mentions := map[string]int{}
	var rows []*nameRow
	var keys []string
	after := ""
	for {
		page, err := j.st.ScanState(ctx, nsNames, after, 1000)
		if err != nil {
			return nil, nil, fmt.Errorf("read names: %w", err)
		}
		if len(page) == 0 {
			break
		}
		for _, v := range page {
			r := &nameRow{}
			if err := json.Unmarshal(v.Value, r); err != nil {
				return nil, nil, fmt.Errorf("read name %q: %w", v.Key, err)
			}
			rows = append(rows, r)
			keys = append(keys, r.Key)
			for k, n := range r.Mentions {
				mentions[k] += n
			}
		}
		after = page[len(page)-1].Key
	}
	for i := 0; i < len(keys); i += 500 {
		part := keys[i:min(i+500, len(keys))]
		arts, err := j.st.Postings(ctx, nsNameArts, part, maxNameArticles)
		if err != nil {
			return nil, nil, fmt.Errorf("read the articles of names: %w", err)
		}
		for _, r := range rows[i : i+len(part)] {
			a := arts[r.Key]
			// Postings come newest first; identities list articles in the
			// order they named them.
			for l, h := 0, len(a)-1; l < h; l, h = l+1, h-1 {
				a[l], a[h] = a[h], a[l]
			}
			r.Articles = a
		}
	}
	sort.Slice(rows, func(a, b int) bool { return rows[a].Seq < rows[b].Seq })
	x := newNameIndex()
	for _, r := range rows {
		x.add(r)
	}
	return x.identities(), mentions, nil
}
