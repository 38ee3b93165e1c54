// Package crossref is the cross-article pass: as analysed articles arrive
// it finds duplicates and rewrites (internal/dedup), files each article in
// an event and each event in a story (internal/cluster), joins names into
// identities, and lines up facts, quote variants and the timeline
// (internal/align). Every step meets a new article only with the
// candidates its keys point to; what is recomputed on a result is bounded
// by one event or one story.
//
// The pass runs in memory over a batch (Batch, Pass), live in a server
// (Live), or stored beside the articles (Stored), where folding one article
// in reads and writes only the rows its candidates touch.
package crossref

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"storyline/internal/align"
	"storyline/internal/cluster"
	"storyline/internal/dedup"
	"storyline/internal/news"
	"storyline/internal/report"
)

// Result is what the pass knows across articles.
type Result struct {
	Events     []news.Event
	Stories    []news.Story
	Identities []news.Identity
	Facts      []news.Fact
	Relations  []news.Relation
	// RewriteOf and DuplicateOf map an article to the article it rewrites
	// or repeats.
	RewriteOf   map[string]string
	DuplicateOf map[string]string
	// Variants are groups of quote IDs that are one statement.
	Variants [][]string
	Timeline []news.Moment
	// Mentions, in a result for part of the store (one story), counts
	// each name's mentions in the whole store (see report.Input); nil in
	// a result for all of it.
	Mentions map[string]int
}

// Pass holds the cross-article state of a set of articles.
type Pass struct {
	cl    *cluster.Clusterer
	dd    *dedup.Detector
	names *align.Joiner
	docs  map[string]*news.Doc
	order []string
	rels  []news.Relation

	// What Result computed per event and per story page, kept while the
	// event's (the page's) articles stay the same, so that after one add
	// only what it touched is computed again.
	facts   map[string]cachedFacts
	stories map[string]cachedStory
}

type cachedFacts struct {
	key   string
	facts []news.Fact
}

type cachedStory struct {
	key      string
	variants [][]string
	timeline []news.Moment
}

// New returns an empty pass with the clusterer's tuned defaults.
func New() *Pass {
	return &Pass{cl: cluster.New(cluster.DefaultParams(), cluster.NewMemIndex()), dd: dedup.NewDetector(),
		names: align.NewJoiner(), docs: map[string]*news.Doc{}, facts: map[string]cachedFacts{}, stories: map[string]cachedStory{}}
}

// Add takes in one analysed article. Articles should come in publication
// order (Sort), as they would have arrived; an article added twice is
// taken once.
func (p *Pass) Add(ctx context.Context, d *news.Doc) error {
	if d == nil || d.Article == nil {
		return fmt.Errorf("crossref: no article: %w", news.ErrInvalid)
	}
	if _, ok := p.docs[d.Article.ID]; ok {
		return nil
	}
	if _, err := p.cl.Add(ctx, d); err != nil {
		return fmt.Errorf("crossref: %w", err)
	}
	if r := p.dd.Add(d); r != nil {
		p.rels = append(p.rels, *r)
	}
	p.names.Add(d)
	p.docs[d.Article.ID] = d
	p.order = append(p.order, d.Article.ID)
	return nil
}

// Result computes the facts, variants and timeline from the current events
// and stories.
func (p *Pass) Result() *Result {
	r := newResult(p.cl.Events(), p.cl.Stories(), p.names.Identities(), append([]news.Relation(nil), p.rels...))
	docsOf := docsIn(p.docs)
	p.facts, p.stories, _ = r.align(docsOf, p.facts, p.stories)
	return r
}

// Input is what a report of docs is built from, given this result of the
// pass over them and the inputs that could not be read.
func (r *Result) Input(docs []*news.Doc, failures []report.Failure) report.Input {
	return report.Input{Docs: docs, Events: r.Events, Stories: r.Stories, Identities: r.Identities,
		Facts: r.Facts, RewriteOf: r.RewriteOf, DuplicateOf: r.DuplicateOf, Relations: r.Relations,
		Variants: r.Variants, Timeline: r.Timeline, Mentions: r.Mentions, Failures: failures}
}

// newResult starts a result from the events, stories, identities and
// relations, resolving the article each rewrite and copy is of.
func newResult(events []news.Event, stories []news.Story, ids []news.Identity, rels []news.Relation) *Result {
	r := &Result{Events: events, Stories: stories, Identities: ids,
		Relations: rels, RewriteOf: map[string]string{}, DuplicateOf: map[string]string{}}
	for _, rel := range r.Relations {
		if rel.Kind == dedup.Duplicate {
			r.DuplicateOf[rel.Article] = rel.Of
		}
	}
	for i, rel := range r.Relations {
		if rel.Kind != dedup.Rewrite {
			continue
		}
		// A rewrite of a copy rewrites the copy's original.
		for seen := 0; seen < len(r.Relations); seen++ {
			of, ok := r.DuplicateOf[rel.Of]
			if !ok {
				break
			}
			rel.Of = of
		}
		r.Relations[i].Of = rel.Of
		r.RewriteOf[rel.Article] = rel.Of
	}
	return r
}

// align lines up the facts of each event and the variants and timeline of
// each story, from the docs docsOf reads. What was computed before for an
// event or story whose articles are the same (cached) is taken as it is;
// it returns what it computed, for the next call.
func (r *Result) align(docsOf func([]string) ([]*news.Doc, error), cf map[string]cachedFacts, cs map[string]cachedStory) (map[string]cachedFacts, map[string]cachedStory, error) {
	return r.alignPages(docsOf, cf, cs, nil)
}

// alignPages is align for the events and story pages that want holds
// (every one when want is nil): a story is lined up page by page
// (news.StoryPages), so that one page's timeline and variants are what
// its own articles say, whether the whole pass computes them or a read
// of that page alone does.
func (r *Result) alignPages(docsOf func([]string) ([]*news.Doc, error), cf map[string]cachedFacts, cs map[string]cachedStory, want map[string]bool) (map[string]cachedFacts, map[string]cachedStory, error) {
	events := map[string]news.Event{}
	facts := map[string]cachedFacts{}
	for _, e := range r.Events {
		events[e.ID] = e
		if want != nil && !want[e.ID] {
			continue
		}
		k := strings.Join(e.Articles, ",")
		c, ok := cf[e.ID]
		if !ok || c.key != k {
			docs, err := docsOf(e.Articles)
			if err != nil {
				return nil, nil, err
			}
			c = cachedFacts{key: k, facts: align.Facts(e.ID, docs)}
		}
		facts[e.ID] = c
		r.Facts = append(r.Facts, c.facts...)
	}
	speaker := speakerIdentity(r.Identities)
	stories := map[string]cachedStory{}
	for _, s := range r.Stories {
		var evs []news.Event
		for _, eid := range s.Events {
			evs = append(evs, events[eid])
		}
		pages := news.StoryPages(evs)
		for i, page := range pages {
			if want != nil && !want[page[0]] {
				continue
			}
			var ids []string
			for _, eid := range page {
				ids = append(ids, events[eid].Articles...)
			}
			num := 0
			if len(pages) > 1 {
				num = i + 1
			}
			// A page's variants depend on who the speakers are, so a
			// change of identities (a name joined) counts as a change too.
			k := strings.Join(ids, ",") + "|" + fmt.Sprint(len(r.Identities))
			ck := fmt.Sprintf("%s\x00%d", s.ID, num)
			c, ok := cs[ck]
			if !ok || c.key != k {
				docs, err := docsOf(ids)
				if err != nil {
					return nil, nil, err
				}
				c = cachedStory{key: k, timeline: align.Timeline(s.ID, docs)}
				for j := range c.timeline {
					c.timeline[j].Page = num
				}
				for _, g := range align.Variants(docs, speaker) {
					var qs []string
					for _, q := range g {
						qs = append(qs, q.ID())
					}
					c.variants = append(c.variants, qs)
				}
			}
			stories[ck] = c
			r.Variants = append(r.Variants, c.variants...)
			r.Timeline = append(r.Timeline, c.timeline...)
		}
	}
	return facts, stories, nil
}

// speakerIdentity maps a speaker's name to the identity holding it, so that
// "Zelenskiy" and "Zelensky" count as one speaker when quotes are compared.
func speakerIdentity(ids []news.Identity) func(string) string {
	by := map[string]string{}
	for _, id := range ids {
		if id.Kind != news.Person {
			continue
		}
		for _, a := range append([]string{id.Name}, id.Aliases...) {
			by[strings.ToLower(a)] = id.ID
		}
	}
	return func(name string) string {
		if id, ok := by[strings.ToLower(name)]; ok {
			return id
		}
		return strings.ToLower(name)
	}
}

// Sort puts docs in the order they were published (undated last, then by
// source), the order a pass over a batch adds them in.
func Sort(docs []*news.Doc) []*news.Doc {
	out := append([]*news.Doc(nil), docs...)
	sort.SliceStable(out, func(i, j int) bool { return before(out[i].Article, out[j].Article) })
	return out
}

// before is the order of Sort.
func before(a, b *news.Article) bool {
	if a.Published.IsZero() != b.Published.IsZero() {
		return !a.Published.IsZero()
	}
	if !a.Published.Equal(b.Published) {
		return a.Published.Before(b.Published)
	}
	return a.Source < b.Source
}

// Batch runs the pass over docs in publication order.
func Batch(ctx context.Context, docs []*news.Doc) (*Result, error) {
	p := New()
	for _, d := range Sort(docs) {
		if err := p.Add(ctx, d); err != nil {
			return nil, err
		}
	}
	return p.Result(), nil
}
