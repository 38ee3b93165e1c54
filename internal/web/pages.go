package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"storyline/internal/news"
	"storyline/internal/report"
)

const perPage = 50

// pageParam reads ?page=N (from 1).
func pageParam(r *http.Request) (int, error) {
	s := r.URL.Query().Get("page")
	if s == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1_000_000 {
		return 0, fmt.Errorf("page %q: want a number from 1: %w", clip(s, 20), news.ErrInvalid)
	}
	return n, nil
}

type storiesData struct {
	Stories  []*storySummary
	Events   map[string][]*report.Event
	Articles []articleRow // shown when there are no stories yet
	Count    int
	Pager    pager
}

func (s *Server) storiesPage(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	d := storiesData{Events: map[string][]*report.Event{}, Count: len(x.byDate)}
	if len(x.storyOrder) == 0 {
		lo, hi := pageWindow(page, perPage, len(x.byDate))
		for _, a := range x.byDate[lo:hi] {
			d.Articles = append(d.Articles, x.articleRow(a))
		}
		d.Pager = newPager(r.URL, page, perPage, len(x.byDate))
	} else {
		lo, hi := pageWindow(page, perPage, len(x.storyOrder))
		d.Stories = x.storyOrder[lo:hi]
		for _, st := range d.Stories {
			for _, e := range st.Events {
				if ev := x.events[e]; ev != nil {
					d.Events[st.ID] = append(d.Events[st.ID], ev)
				}
			}
		}
		d.Pager = newPager(r.URL, page, perPage, len(x.storyOrder))
	}
	s.render(w, r, http.StatusOK, "stories", &pageData{Title: "Stories", Nav: "stories", Data: d})
	return nil
}

func (s *Server) storyPage(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	st, err := x.story(r.PathValue("id"))
	if err != nil {
		return err
	}
	var zoom timeRange
	q := r.URL.Query()
	if zoom.From, err = dayParam("from", q.Get("from")); err != nil {
		return err
	}
	if zoom.To, err = dayParam("to", q.Get("to")); err != nil {
		return err
	}
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	v, err := x.storyView(st, page, zoom, r.URL)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "story", &pageData{Title: st.Title, Nav: "stories", Data: v})
	return nil
}

// dayParam reads a day as YYYY-MM-DD; "" is the zero time.
func dayParam(name, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s %q: want a day as YYYY-MM-DD: %w", name, clip(s, 20), news.ErrInvalid)
	}
	return t, nil
}

type articlesData struct {
	Articles []articleRow
	Outlets  []string
	Outlet   string
	Pager    pager
}

func (s *Server) articlesPage(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	d := articlesData{Outlets: x.outlets, Outlet: r.URL.Query().Get("outlet")}
	var list []*report.Article
	for _, a := range x.byDate {
		if d.Outlet == "" || outletOf(a) == d.Outlet {
			list = append(list, a)
		}
	}
	lo, hi := pageWindow(page, perPage, len(list))
	for _, a := range list[lo:hi] {
		d.Articles = append(d.Articles, x.articleRow(a))
	}
	d.Pager = newPager(r.URL, page, perPage, len(list))
	s.render(w, r, http.StatusOK, "articles", &pageData{Title: "Articles", Nav: "articles", Data: d})
	return nil
}

// articleData is what the article page shows.
type articleData struct {
	Row      articleRow
	Body     any // template.HTML from highlight
	Counts   map[string]int
	Removed  []news.Removal
	Event    *report.Event
	Story    *report.Story
	Figures  []*report.Figure
	FigHref  map[string]string
	Quotes   []quoteCell
	Dates    []dateRow
	Entities []*report.Entity
}

type dateRow struct {
	Text, Value, Precision string
	Resolved               bool
	Href                   string
}

func (s *Server) articlePage(ctx context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	doc, a, err := s.article(ctx, x, r.PathValue("id"))
	if err != nil {
		return err
	}
	d := articleData{Row: x.articleRow(a), Counts: map[string]int{}, FigHref: map[string]string{}}
	for i, rm := range a.Removed {
		why := ""
		if i < len(a.RemovedWhy) {
			why = a.RemovedWhy[i]
		}
		d.Removed = append(d.Removed, news.Removal{Text: rm, Reason: why})
	}
	if a.Event != nil {
		d.Event = x.events[*a.Event]
		if d.Event != nil {
			d.Story = x.stories[d.Event.Story]
		}
	}
	d.Body = highlight(doc.Text(), x.articleMarks(doc, &d))
	s.render(w, r, http.StatusOK, "article", &pageData{Title: titleOf(a), Nav: "articles", Data: d})
	return nil
}

// articleMarks turns a doc's annotations into marks, and fills the lists
// beside the text.
func (x *index) articleMarks(doc *news.Doc, d *articleData) []mark {
	id := doc.Article.ID
	text := doc.Text()
	var marks []mark
	for i, sp := range doc.Sentences {
		marks = append(marks, mark{start: sp.Start, end: sp.End, layer: layerSentence, tag: "span",
			id: fmt.Sprintf("s-%d", i+1), class: "s"})
	}
	for i, q := range doc.Quotes {
		qid := news.QuoteID(id, i)
		title := "quote"
		if rq := x.quotes[qid]; rq != nil {
			title = "quote: " + x.speakerName(rq)
			d.Quotes = append(d.Quotes, x.quoteCell(rq))
		}
		marks = append(marks, mark{start: q.Start, end: q.End, layer: layerQuote, tag: "span", id: qid,
			class: "m-quote", title: title})
	}
	// A mention finds its entity by kind and name, else by its spelling.
	byName := map[string]*report.Entity{}
	for i := range x.rep.Entities {
		e := &x.rep.Entities[i]
		if !contains(e.Articles, id) {
			continue
		}
		d.Entities = append(d.Entities, e)
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if k := e.Kind + ":" + fold(n); byName[k] == nil {
				byName[k] = e
			}
		}
	}
	for _, m := range doc.Entities {
		k := string(m.Kind)
		mk := mark{start: m.Start, end: m.End, layer: layerName, tag: "span", class: "m-ent k-" + kindClass(k),
			title: kindName(k) + ": " + m.Name}
		if m.Title != "" {
			mk.title += " (" + m.Title + ")"
		}
		e := byName[k+":"+fold(m.Name)]
		if e == nil {
			e = byName[k+":"+fold(m.Span.In(text))]
		}
		if e != nil {
			mk.tag, mk.href = "a", "/entities/"+url.PathEscape(e.ID)
		}
		marks = append(marks, mk)
	}
	for i, f := range doc.Figures {
		fid := news.FigureID(id, i)
		title := amountOf(f.Value, f.Min, f.Max, f.From)
		if f.Measure != "" {
			title = f.Measure + ": " + title
		}
		if f.Unit != "" {
			title += " " + f.Unit
		}
		marks = append(marks, mark{start: f.Start, end: f.End, layer: layerFigure, tag: "span", id: fid,
			class: "m-fig", title: title})
		if rf := x.figures[fid]; rf != nil {
			d.Figures = append(d.Figures, rf)
			d.FigHref[fid] = x.sentenceHref(id, f.Start, f.End, fid)
		}
	}
	for _, t := range doc.Dates {
		title := string(t.Type) + ": " + t.Value
		if !t.Resolved {
			title += " (not resolved)"
		}
		marks = append(marks, mark{start: t.Start, end: t.End, layer: layerDate, tag: "span", class: "m-date", title: title})
		d.Dates = append(d.Dates, dateRow{Text: t.Span.In(text), Value: t.Value, Precision: string(t.Precision),
			Resolved: t.Resolved, Href: x.sentenceHref(id, t.Start, t.End, "")})
	}
	d.Counts["entities"], d.Counts["quotes"] = len(doc.Entities), len(doc.Quotes)
	d.Counts["figures"], d.Counts["dates"] = len(doc.Figures), len(doc.Dates)
	return marks
}

func kindClass(k string) string {
	switch k {
	case "person", "place", "organization":
		return k
	}
	return "other"
}

// story is the story of the given ID, or an error wrapping
// news.ErrNotFound.
func (x *index) story(id string) (*report.Story, error) {
	if st := x.stories[id]; st != nil {
		return st, nil
	}
	return nil, fmt.Errorf("no story %q: %w", clip(id, 40), news.ErrNotFound)
}

// entity is the entity of the given ID, or an error wrapping
// news.ErrNotFound.
func (x *index) entity(id string) (*report.Entity, error) {
	if e := x.entities[id]; e != nil {
		return e, nil
	}
	return nil, fmt.Errorf("no entity %q: %w", clip(id, 40), news.ErrNotFound)
}

// article is the stored doc of the given ID with its article as the report
// shows it, made from the doc when it was stored after the report.
func (s *Server) article(ctx context.Context, x *index, id string) (*news.Doc, *report.Article, error) {
	doc, err := s.b.Doc(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	a := x.articles[id]
	if a == nil {
		a = reportArticle(doc)
	}
	return doc, a, nil
}

// reportArticle is a stored doc's article as the report would show it,
// for an article newer than the cached report.
func reportArticle(d *news.Doc) *report.Article {
	r := report.Build(report.Input{Docs: []*news.Doc{d}})
	if len(r.Articles) == 0 {
		return &report.Article{ID: d.Article.ID, Source: d.Article.Source}
	}
	return &r.Articles[0]
}

type entitiesData struct {
	Entities []*report.Entity
	Kind, Q  string
	Pager    pager
}

func (s *Server) entitiesPage(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	d := entitiesData{Kind: q.Get("kind"), Q: clip(q.Get("q"), 200)}
	list := x.filterEntities(d.Kind, d.Q)
	lo, hi := pageWindow(page, perPage, len(list))
	d.Entities = list[lo:hi]
	d.Pager = newPager(r.URL, page, perPage, len(list))
	s.render(w, r, http.StatusOK, "entities", &pageData{Title: "People, places and organisations", Nav: "entities", Data: d})
	return nil
}

// filterEntities lists entities of a kind ("" for all) whose spellings
// match q ("" for all), most mentioned first.
func (x *index) filterEntities(kind, q string) []*report.Entity {
	var list []*report.Entity
	if q != "" {
		list = x.matchEntities(q, len(x.rep.Entities))
	} else {
		for i := range x.rep.Entities {
			list = append(list, &x.rep.Entities[i])
		}
	}
	out := list[:0:0]
	for _, e := range list {
		if kind == "" || e.Kind == kind {
			out = append(out, e)
		}
	}
	if q == "" {
		sort.SliceStable(out, func(i, j int) bool { return out[i].Mentions > out[j].Mentions })
	}
	return out
}

func (s *Server) entityPage(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	e, err := x.entity(r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "entity", &pageData{Title: e.Name, Nav: "entities", Data: x.entityView(e)})
	return nil
}

type searchData struct {
	Q, Outlet, Since, Until string
	Outlets                 []string
	Entities                []*report.Entity
	Hits                    []searchRow
	Searched                bool
	Problem                 string
}

type searchRow struct {
	Hit news.SearchHit
	A   *report.Article
}

func (s *Server) searchPage(ctx context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	q := r.URL.Query()
	d := searchData{Q: q.Get("q"), Outlet: q.Get("outlet"), Since: q.Get("since"), Until: q.Get("until"), Outlets: x.outlets}
	status := http.StatusOK
	f, problem := searchFilter(d.Outlet, d.Since, d.Until)
	switch {
	case problem != nil:
		d.Problem, status = problem.Error(), http.StatusBadRequest
	case len(d.Q) > maxSearchBytes:
		d.Problem, status = fmt.Sprintf("The search is %d bytes long; at most %d are read.", len(d.Q), maxSearchBytes), http.StatusRequestEntityTooLarge
	case strings.TrimSpace(d.Q) != "":
		d.Searched = true
		d.Entities = x.matchEntities(d.Q, 10)
		hits, err := s.b.Search(ctx, d.Q, f, 50)
		if err != nil {
			return err
		}
		for _, h := range hits {
			d.Hits = append(d.Hits, searchRow{Hit: h, A: x.articleOr(h.ArticleID)})
		}
	}
	s.render(w, r, status, "search", &pageData{Title: "Search", Nav: "search", Data: d})
	return nil
}

// searchFilter reads the search filters; until is inclusive of its day.
func searchFilter(outlet, since, until string) (news.ArticleFilter, error) {
	f := news.ArticleFilter{Outlet: clip(outlet, 200)}
	var err error
	if f.Since, err = dayParam("since", since); err != nil {
		return f, err
	}
	if f.Until, err = dayParam("until", until); err != nil {
		return f, err
	}
	if !f.Until.IsZero() {
		f.Until = f.Until.Add(24*time.Hour - time.Nanosecond)
	}
	return f, nil
}

// errorPage answers err as a page with the status its kind maps to.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, err error) {
	status, code := statusOf(err)
	if status >= 500 {
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	s.render(w, r, status, "error", &pageData{Title: http.StatusText(status),
		Data: map[string]any{"Status": status, "Code": code, "Message": publicMessage(err, status)}})
}
