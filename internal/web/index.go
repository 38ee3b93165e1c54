package web

import (
	"sort"
	"strings"
	"sync"
	"time"

	"storyline/internal/report"
)

// index looks a report up by ID. It is built once per report (the backend
// hands out the same *report.Report until something is added), so a page
// costs map look-ups, not scans.
type index struct {
	rep       *report.Report
	articles  map[string]*report.Article
	events    map[string]*report.Event
	stories   map[string]*report.Story
	entities  map[string]*report.Entity
	figures   map[string]*report.Figure
	quotes    map[string]*report.Quote
	facts     map[string]*report.Fact
	storyOf   map[string]string   // article ID → story ID
	rewrites  map[string][]string // article ID → articles that rewrite it
	relations map[string][]*report.Relation
	outlets   []string // every outlet named, sorted
	// byDate lists the articles newest first, the order of every list.
	byDate []*report.Article
	// storyOrder lists the stories newest first by their last article.
	storyOrder []*storySummary
}

// storySummary is a story as the list shows it.
type storySummary struct {
	report.Story
	Outlets  []string  `json:"outlets"`
	Count    int       `json:"article_count"`
	Updated  *string   `json:"updated"`
	Differ   int       `json:"differing_facts"`
	updated  time.Time // for sorting
	articles []string
}

type indexCache struct {
	mu  sync.Mutex
	rep *report.Report
	idx *index
}

func (c *indexCache) get(r *report.Report) *index {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rep != r || c.idx == nil {
		c.rep, c.idx = r, newIndex(r)
	}
	return c.idx
}

func newIndex(r *report.Report) *index {
	x := &index{rep: r, articles: map[string]*report.Article{}, events: map[string]*report.Event{},
		stories: map[string]*report.Story{}, entities: map[string]*report.Entity{}, figures: map[string]*report.Figure{},
		quotes: map[string]*report.Quote{}, facts: map[string]*report.Fact{}, storyOf: map[string]string{},
		rewrites: map[string][]string{}, relations: map[string][]*report.Relation{}}
	outlets := map[string]bool{}
	for i := range r.Articles {
		a := &r.Articles[i]
		x.articles[a.ID] = a
		x.byDate = append(x.byDate, a)
		if o := outletOf(a); o != "" {
			outlets[o] = true
		}
		if a.RewriteOf != nil {
			x.rewrites[*a.RewriteOf] = append(x.rewrites[*a.RewriteOf], a.ID)
		}
	}
	sort.SliceStable(x.byDate, func(i, j int) bool { return published(x.byDate[i]).After(published(x.byDate[j])) })
	for o := range outlets {
		x.outlets = append(x.outlets, o)
	}
	sort.Strings(x.outlets)
	for i := range r.Events {
		x.events[r.Events[i].ID] = &r.Events[i]
	}
	for i := range r.Stories {
		s := &r.Stories[i]
		x.stories[s.ID] = s
		for _, e := range s.Events {
			if ev := x.events[e]; ev != nil {
				for _, a := range ev.Articles {
					x.storyOf[a] = s.ID
				}
			}
		}
	}
	for i := range r.Entities {
		x.entities[r.Entities[i].ID] = &r.Entities[i]
	}
	for i := range r.Figures {
		x.figures[r.Figures[i].ID] = &r.Figures[i]
	}
	for i := range r.Quotes {
		x.quotes[r.Quotes[i].ID] = &r.Quotes[i]
	}
	for i := range r.Facts {
		x.facts[r.Facts[i].ID] = &r.Facts[i]
	}
	for i := range r.Relations {
		rel := &r.Relations[i]
		x.relations[rel.Article] = append(x.relations[rel.Article], rel)
		x.relations[rel.Of] = append(x.relations[rel.Of], rel)
		if rel.Kind == "rewrite" || rel.Kind == "duplicate" {
			if a := x.articles[rel.Article]; a != nil && a.RewriteOf == nil {
				x.rewrites[rel.Of] = addOnce(x.rewrites[rel.Of], rel.Article)
			}
		}
	}
	for i := range r.Stories {
		x.storyOrder = append(x.storyOrder, x.summarise(&r.Stories[i]))
	}
	sort.SliceStable(x.storyOrder, func(i, j int) bool { return x.storyOrder[i].updated.After(x.storyOrder[j].updated) })
	return x
}

func (x *index) summarise(s *report.Story) *storySummary {
	sum := &storySummary{Story: *s, Outlets: []string{}}
	inStory := map[string]bool{}
	seen := map[string]bool{}
	for _, e := range s.Events {
		inStory[e] = true
		ev := x.events[e]
		if ev == nil {
			continue
		}
		for _, id := range ev.Articles {
			a := x.articles[id]
			if a == nil || seen[id] {
				continue
			}
			seen[id] = true
			sum.articles = append(sum.articles, id)
			sum.Outlets = addOnce(sum.Outlets, outletLabel(a))
			if t := published(a); t.After(sum.updated) {
				sum.updated, sum.Updated = t, a.Published
			}
		}
	}
	sort.Strings(sum.Outlets)
	sum.Count = len(sum.articles)
	for _, f := range x.rep.Facts {
		if inStory[f.Event] && f.Status == "differ" {
			sum.Differ++
		}
	}
	return sum
}

// storyArticles lists a story's articles in publication order.
func (x *index) storyArticles(s *report.Story) []*report.Article {
	var out []*report.Article
	seen := map[string]bool{}
	for _, e := range s.Events {
		if ev := x.events[e]; ev != nil {
			for _, id := range ev.Articles {
				if a := x.articles[id]; a != nil && !seen[id] {
					seen[id] = true
					out = append(out, a)
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return published(out[i]).Before(published(out[j])) })
	return out
}

// published is an article's publication time; zero when unknown.
func published(a *report.Article) time.Time {
	if a.Published == nil {
		return time.Time{}
	}
	return parseWhen(*a.Published)
}

func parseWhen(s string) time.Time {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t
	}
	return time.Time{}
}

// outletOf is the outlet an article names, else its site, else "".
func outletOf(a *report.Article) string {
	switch {
	case a.Outlet != nil && *a.Outlet != "":
		return *a.Outlet
	case a.Site != nil && *a.Site != "":
		return *a.Site
	}
	return ""
}

// outletLabel is outletOf, with the unknown said as such.
func outletLabel(a *report.Article) string {
	if o := outletOf(a); o != "" {
		return o
	}
	return "(unknown outlet)"
}

func titleOf(a *report.Article) string {
	if a.Title != nil && strings.TrimSpace(*a.Title) != "" {
		return *a.Title
	}
	return "(untitled: " + a.Source + ")"
}

func addOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
