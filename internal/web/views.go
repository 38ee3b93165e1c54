package web

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"storyline/internal/news"
	"storyline/internal/report"
)

// storyView is what the story page shows.
type storyView struct {
	Story    *report.Story
	Summary  *storySummary
	Events   []*report.Event
	Articles []articleRow
	Outlets  []string
	Facts    []factRow
	Variants [][]quoteCell
	Quotes   []quoteCell // quotes with no variant
	People   []*report.Entity
	Places   []*report.Entity
	Orgs     []*report.Entity
	Timeline []*report.Moment
	SVG      timelineSVG
	// Pager pages a story read in more than one page (news.StoryPages):
	// the page shows that page's events, and Summary counts them; the
	// whole story has StoryEvents events and StoryArticles articles.
	Pager         pager
	StoryEvents   int
	StoryArticles int
}

// articleRow is an article in a list, with its rewrite relations.
type articleRow struct {
	A           *report.Article
	Title       string
	Outlet      string
	RewriteOf   *report.Article
	RewrittenBy []*report.Article
	Relations   []relationRow
}

type relationRow struct {
	Kind       string
	Other      *report.Article
	Similarity float64
	Added      int
	Dropped    int
}

// factRow is one row of the source-by-fact table.
type factRow struct {
	F     *report.Fact
	Cells [][]cellFigure // one per outlet column, in column order
}

type cellFigure struct {
	Text      string
	Href      string
	Published string
	Amount    string
}

// quoteCell is one quote as the story page shows it: beside its variants,
// with the words that differ from the first one marked.
type quoteCell struct {
	Q       *report.Quote
	Outlet  string
	Speaker string
	Href    string
	Tokens  []token
}

// statusRank puts what needs a reader's eye first.
var statusRank = map[string]int{"differ": 0, "updated": 1, "agree": 2, "single": 3}

// storyView is page (from 1) of story s, reached at u. A page past the
// story's last wraps news.ErrNotFound.
func (x *index) storyView(s *report.Story, page int, zoom timeRange, u *url.URL) (storyView, error) {
	pages := max(s.Pages, 1)
	if page > pages {
		return storyView{}, fmt.Errorf("story %q has %d pages, not %d: %w", clip(s.ID, 40), pages, page, news.ErrNotFound)
	}
	v := storyView{Story: s, Summary: x.summaryOf(s.ID), Pager: newPager(u, page, 1, pages), StoryEvents: len(s.Events)}
	v.StoryArticles = v.Summary.Count
	onPage := 0 // the page moments are lined up on (report.Moment.Page)
	if s.Pages > 1 {
		onPage = page
		seen := map[string]bool{}
		for _, id := range s.Events {
			if e := x.events[id]; e != nil {
				for _, a := range e.Articles {
					seen[a] = true
				}
			}
		}
		v.StoryArticles = len(seen)
		part := &report.Story{ID: s.ID, Title: s.Title, Pages: s.Pages}
		for _, id := range s.Events {
			if e := x.events[id]; e != nil && e.Page == page {
				part.Events = append(part.Events, id)
			}
		}
		s = part
		v.Summary = x.summarise(s)
	}
	inStory := map[string]bool{}
	for _, id := range s.Events {
		if e := x.events[id]; e != nil {
			v.Events = append(v.Events, e)
			inStory[id] = true
		}
	}
	sort.SliceStable(v.Events, func(i, j int) bool { return deref(v.Events[i].Start) < deref(v.Events[j].Start) })
	arts := x.storyArticles(s)
	inArts := map[string]bool{}
	for _, a := range arts {
		inArts[a.ID] = true
		v.Articles = append(v.Articles, x.articleRow(a))
	}
	v.Facts, v.Outlets = x.factTable(inStory, arts)
	v.Variants, v.Quotes = x.storyQuotes(inArts)
	for i := range x.rep.Entities {
		e := &x.rep.Entities[i]
		if !anyIn(e.Articles, inArts) {
			continue
		}
		switch e.Kind {
		case "person":
			v.People = append(v.People, e)
		case "place":
			v.Places = append(v.Places, e)
		default:
			v.Orgs = append(v.Orgs, e)
		}
	}
	for _, list := range [][]*report.Entity{v.People, v.Places, v.Orgs} {
		sort.SliceStable(list, func(i, j int) bool { return list[i].Mentions > list[j].Mentions })
	}
	tagged := false
	for i := range x.rep.Timeline {
		if x.rep.Timeline[i].Story != "" {
			tagged = true
			break
		}
	}
	for i := range x.rep.Timeline {
		m := &x.rep.Timeline[i]
		if (tagged && m.Story == s.ID && m.Page == onPage) || (!tagged && anyIn(m.Articles, inArts)) {
			v.Timeline = append(v.Timeline, m)
		}
	}
	v.SVG = layoutTimeline(v.Events, v.Timeline, x, zoom, s.ID, onPage)
	return v, nil
}

// storyHref is the address of page (from 1; 0 for a story of one page) of
// the story id.
func storyHref(id string, page int) string {
	h := "/stories/" + url.PathEscape(id)
	if page > 1 {
		h += "?page=" + strconv.Itoa(page)
	}
	return h
}

func (x *index) summaryOf(id string) *storySummary {
	for _, s := range x.storyOrder {
		if s.ID == id {
			return s
		}
	}
	return &storySummary{}
}

func (x *index) articleRow(a *report.Article) articleRow {
	row := articleRow{A: a, Title: titleOf(a), Outlet: outletLabel(a)}
	if a.RewriteOf != nil {
		row.RewriteOf = x.articles[*a.RewriteOf]
	}
	for _, id := range x.rewrites[a.ID] {
		if o := x.articles[id]; o != nil {
			row.RewrittenBy = append(row.RewrittenBy, o)
		}
	}
	// A relation the cross-article pass measured says more than
	// rewrite_of alone; the plain links stay for what it did not measure.
	for _, rel := range x.relations[a.ID] {
		other, kind := rel.Of, rel.Kind+" of"
		if rel.Of == a.ID {
			other, kind = rel.Article, "has a "+rel.Kind+":"
		}
		o := x.articles[other]
		if o == nil {
			continue
		}
		if row.RewriteOf != nil && row.RewriteOf.ID == other {
			row.RewriteOf = nil
		}
		for i, rb := range row.RewrittenBy {
			if rb.ID == other {
				row.RewrittenBy = append(row.RewrittenBy[:i:i], row.RewrittenBy[i+1:]...)
				break
			}
		}
		row.Relations = append(row.Relations, relationRow{Kind: kind, Other: o, Similarity: rel.Similarity,
			Added: len(rel.Added), Dropped: len(rel.Dropped)})
	}
	return row
}

// factTable builds the source-by-fact table: a column per outlet in the
// order the outlets first reported, a row per fact with disagreements
// first.
func (x *index) factTable(inStory map[string]bool, arts []*report.Article) ([]factRow, []string) {
	var facts []*report.Fact
	for i := range x.rep.Facts {
		if inStory[x.rep.Facts[i].Event] {
			facts = append(facts, &x.rep.Facts[i])
		}
	}
	sort.SliceStable(facts, func(i, j int) bool {
		a, b := facts[i], facts[j]
		if statusRank[a.Status] != statusRank[b.Status] {
			return statusRank[a.Status] < statusRank[b.Status]
		}
		return len(a.Values) > len(b.Values)
	})
	var outlets []string
	used := map[string]bool{}
	for _, f := range facts {
		for _, val := range f.Values {
			used[val.Outlet] = true
		}
	}
	for _, a := range arts { // publication order
		if o := outletOf(a); used[o] {
			outlets = addOnce(outlets, o)
		}
	}
	for o := range used { // outlets of figures whose article is elsewhere
		if !contains(outlets, o) {
			outlets = append(outlets, o)
		}
	}
	col := map[string]int{}
	for i, o := range outlets {
		col[o] = i
	}
	rows := make([]factRow, 0, len(facts))
	for _, f := range facts {
		row := factRow{F: f, Cells: make([][]cellFigure, len(outlets))}
		for _, val := range f.Values {
			c := cellFigure{Text: val.Text, Href: x.sentenceHref(val.Article, val.Sentence.Start, val.Sentence.End, val.Figure),
				Published: deref(val.Published), Amount: amountOf(val.Value, val.Min, val.Max, nil)}
			row.Cells[col[val.Outlet]] = append(row.Cells[col[val.Outlet]], c)
		}
		rows = append(rows, row)
	}
	for i, o := range outlets {
		if o == "" {
			outlets[i] = "(unknown outlet)"
		}
	}
	return rows, outlets
}

// sentenceHref links to the sentence [start, end) of an article, or to
// the anchor fallback when no sentence of the article is that span.
func (x *index) sentenceHref(article string, start, end int, fallback string) string {
	base := "/articles/" + url.PathEscape(article)
	if a := x.articles[article]; a != nil {
		for i, s := range a.Sentences {
			if s.Start == start && s.End == end {
				return fmt.Sprintf("%s#s-%d", base, i+1)
			}
		}
		for i, s := range a.Sentences {
			if s.Start <= start && end <= s.End {
				return fmt.Sprintf("%s#s-%d", base, i+1)
			}
		}
	}
	if fallback == "" {
		return base
	}
	return base + "#" + url.PathEscape(fallback)
}

// storyQuotes groups the story's quotes with their variants; each group
// is in publication order and marks what differs from its first quote.
func (x *index) storyQuotes(inArts map[string]bool) ([][]quoteCell, []quoteCell) {
	var groups [][]quoteCell
	var lone []quoteCell
	seen := map[string]bool{}
	for i := range x.rep.Quotes {
		q := &x.rep.Quotes[i]
		if seen[q.ID] || !inArts[q.Article] {
			continue
		}
		seen[q.ID] = true
		if len(q.Variants) == 0 {
			lone = append(lone, x.quoteCell(q))
			continue
		}
		group := []*report.Quote{q}
		for _, id := range q.Variants {
			if o := x.quotes[id]; o != nil && !seen[id] {
				seen[id] = true
				group = append(group, o)
			}
		}
		sort.SliceStable(group, func(i, j int) bool {
			return published(x.articleOr(group[i].Article)).Before(published(x.articleOr(group[j].Article)))
		})
		cells := make([]quoteCell, len(group))
		for k, gq := range group {
			cells[k] = x.quoteCell(gq)
			other := group[0].Text
			if k == 0 && len(group) > 1 {
				other = group[1].Text
			}
			cells[k].Tokens = wordDiff(gq.Text, other)
		}
		groups = append(groups, cells)
	}
	return groups, lone
}

func (x *index) articleOr(id string) *report.Article {
	if a := x.articles[id]; a != nil {
		return a
	}
	return &report.Article{ID: id}
}

func (x *index) quoteCell(q *report.Quote) quoteCell {
	c := quoteCell{Q: q, Outlet: outletLabel(x.articleOr(q.Article)), Speaker: x.speakerName(q),
		Href: x.sentenceHref(q.Article, q.Start, q.End, q.ID)}
	c.Tokens = []token{{Text: q.Text}}
	return c
}

func (x *index) speakerName(q *report.Quote) string {
	if q.Speaker != nil {
		if e := x.entities[*q.Speaker]; e != nil {
			return e.Name
		}
	}
	if q.SpeakerText != "" {
		return q.SpeakerText
	}
	return "(unnamed)"
}

// entityView is what the entity page shows.
type entityView struct {
	E        *report.Entity
	Stories  []*report.Story
	Articles []articleRow
	Quotes   []quoteCell
}

func (x *index) entityView(e *report.Entity) entityView {
	v := entityView{E: e}
	seenStory := map[string]bool{}
	var arts []*report.Article
	for _, id := range e.Articles {
		if a := x.articles[id]; a != nil {
			arts = append(arts, a)
		}
		if s := x.storyOf[id]; s != "" && !seenStory[s] {
			seenStory[s] = true
			v.Stories = append(v.Stories, x.stories[s])
		}
	}
	sort.SliceStable(arts, func(i, j int) bool { return published(arts[i]).After(published(arts[j])) })
	for _, a := range arts {
		v.Articles = append(v.Articles, x.articleRow(a))
	}
	for i := range x.rep.Quotes {
		q := &x.rep.Quotes[i]
		if q.Speaker != nil && *q.Speaker == e.ID {
			v.Quotes = append(v.Quotes, x.quoteCell(q))
		}
	}
	sort.SliceStable(v.Quotes, func(i, j int) bool {
		return published(x.articleOr(v.Quotes[i].Q.Article)).After(published(x.articleOr(v.Quotes[j].Q.Article)))
	})
	if len(v.Quotes) > 20 {
		v.Quotes = v.Quotes[:20]
	}
	return v
}

// matchEntities finds the entities one of whose spellings matches q,
// folded for case and accents: a search for one spelling finds the
// identity under all of them.
func (x *index) matchEntities(q string, limit int) []*report.Entity {
	key := fold(q)
	if key == "" {
		return nil
	}
	var exact, partial []*report.Entity
	for i := range x.rep.Entities {
		e := &x.rep.Entities[i]
		best := 0
		for _, name := range append([]string{e.Name}, e.Aliases...) {
			f := fold(name)
			switch {
			case f == key:
				best = 2
			case best == 0 && len(key) >= 3 && strings.Contains(f, key):
				best = 1
			}
		}
		switch best {
		case 2:
			exact = append(exact, e)
		case 1:
			partial = append(partial, e)
		}
	}
	out := append(exact, partial...)
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

func anyIn(ids []string, set map[string]bool) bool {
	for _, id := range ids {
		if set[id] {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
