package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"storyline/internal/news"
	"storyline/internal/report"
)

// page is the pagination every list answers with.
type page struct {
	Total  int  `json:"total"`
	Limit  int  `json:"limit"`
	Offset int  `json:"offset"`
	Next   *int `json:"next"` // the offset of the next page; null on the last
}

// paging reads ?limit and ?offset.
func paging(r *http.Request) (limit, offset int, err error) {
	q := r.URL.Query()
	limit, offset = defaultLimit, 0
	if s := q.Get("limit"); s != "" {
		if limit, err = strconv.Atoi(s); err != nil || limit < 1 || limit > maxLimit {
			return 0, 0, fmt.Errorf("limit %q: want 1 to %d: %w", clip(s, 20), maxLimit, news.ErrInvalid)
		}
	}
	if s := q.Get("offset"); s != "" {
		if offset, err = strconv.Atoi(s); err != nil || offset < 0 {
			return 0, 0, fmt.Errorf("offset %q: want 0 or more: %w", clip(s, 20), news.ErrInvalid)
		}
	}
	return limit, offset, nil
}

// window cuts list to the requested page.
func window[T any](list []T, limit, offset int) ([]T, page) {
	p := page{Total: len(list), Limit: limit, Offset: offset}
	lo := min(offset, len(list))
	hi := min(lo+limit, len(list))
	if hi < len(list) {
		p.Next = &hi
	}
	out := list[lo:hi]
	if out == nil {
		out = []T{}
	}
	return out, p
}

// list answers one page of items under key.
func list[T any](w http.ResponseWriter, r *http.Request, key string, items []T) error {
	limit, offset, err := paging(r)
	if err != nil {
		return err
	}
	out, p := window(items, limit, offset)
	writeJSON(w, http.StatusOK, map[string]any{key: out, "total": p.Total, "limit": p.Limit, "offset": p.Offset, "next": p.Next})
	return nil
}

func (s *Server) apiStories(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	return list(w, r, "stories", x.storyOrder)
}

// storyJSON is a story with everything of the report that belongs to it,
// in the report's own shapes.
type storyJSON struct {
	Story *storySummary `json:"story"`
	// Page is the page of the story shown (news.StoryPages, from 1) of
	// Pages; Story and the lists are that page's.
	Page  int `json:"page"`
	Pages int `json:"pages"`
	// StoryArticles is the articles of the whole story, of all pages.
	StoryArticles int              `json:"story_article_count"`
	Events        []report.Event   `json:"events"`
	Articles      []report.Article `json:"articles"`
	Facts         []report.Fact    `json:"facts"`
	Figures       []report.Figure  `json:"figures"`
	Quotes        []report.Quote   `json:"quotes"`
	Entities      []report.Entity  `json:"entities"`
	Timeline      []report.Moment  `json:"timeline"`
}

func (s *Server) apiStory(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	st, err := x.story(r.PathValue("id"))
	if err != nil {
		return err
	}
	page, err := pageParam(r)
	if err != nil {
		return err
	}
	v, err := x.storyView(st, page, timeRange{}, r.URL)
	if err != nil {
		return err
	}
	out := storyJSON{Story: v.Summary, Page: v.Pager.Page, Pages: v.Pager.Pages, StoryArticles: v.StoryArticles, Events: []report.Event{}, Articles: []report.Article{}, Facts: []report.Fact{},
		Figures: []report.Figure{}, Quotes: []report.Quote{}, Entities: []report.Entity{}, Timeline: []report.Moment{}}
	for _, e := range v.Events {
		out.Events = append(out.Events, *e)
	}
	for _, a := range v.Articles {
		out.Articles = append(out.Articles, *a.A)
	}
	for _, f := range v.Facts {
		out.Facts = append(out.Facts, *f.F)
		for _, id := range f.F.Figures {
			if fig := x.figures[id]; fig != nil {
				out.Figures = append(out.Figures, *fig)
			}
		}
	}
	for _, g := range v.Variants {
		for _, q := range g {
			out.Quotes = append(out.Quotes, *q.Q)
		}
	}
	for _, q := range v.Quotes {
		out.Quotes = append(out.Quotes, *q.Q)
	}
	for _, list := range [][]*report.Entity{v.People, v.Places, v.Orgs} {
		for _, e := range list {
			out.Entities = append(out.Entities, *e)
		}
	}
	for _, m := range v.Timeline {
		out.Timeline = append(out.Timeline, *m)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) apiEvents(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	story := r.URL.Query().Get("story")
	out := []report.Event{}
	for _, e := range x.rep.Events {
		if story == "" || e.Story == story {
			out = append(out, e)
		}
	}
	return list(w, r, "events", out)
}

func (s *Server) apiArticles(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	q := r.URL.Query()
	f, err := searchFilter(q.Get("outlet"), q.Get("since"), q.Get("until"))
	if err != nil {
		return err
	}
	site, event, story := q.Get("site"), q.Get("event"), q.Get("story")
	out := []report.Article{}
	for _, a := range x.byDate {
		t := published(a)
		switch {
		case f.Outlet != "" && outletOf(a) != f.Outlet,
			site != "" && deref(a.Site) != site,
			event != "" && deref(a.Event) != event,
			story != "" && x.storyOf[a.ID] != story,
			!f.Since.IsZero() && (t.IsZero() || t.Before(f.Since)),
			!f.Until.IsZero() && (t.IsZero() || t.After(f.Until)):
			continue
		}
		out = append(out, *a)
	}
	return list(w, r, "articles", out)
}

func (s *Server) apiArticle(ctx context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	id := r.PathValue("id")
	doc, a, err := s.article(ctx, x, id)
	if err != nil {
		return err
	}
	out := map[string]any{"article": a, "annotations": annotationsJSON(doc), "figures": []report.Figure{}, "quotes": []report.Quote{}}
	var figs []report.Figure
	for i := range doc.Figures {
		if f := x.figures[news.FigureID(id, i)]; f != nil {
			figs = append(figs, *f)
		}
	}
	var quotes []report.Quote
	for i := range doc.Quotes {
		if q := x.quotes[news.QuoteID(id, i)]; q != nil {
			quotes = append(quotes, *q)
		}
	}
	if figs != nil {
		out["figures"] = figs
	}
	if quotes != nil {
		out["quotes"] = quotes
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// annotationsJSON is a doc's annotations with every list present.
func annotationsJSON(d *news.Doc) map[string]any {
	return map[string]any{"sentences": nonNil(d.Sentences), "entities": nonNil(d.Entities), "quotes": nonNil(d.Quotes),
		"figures": nonNil(d.Figures), "dates": nonNil(d.Dates)}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) apiEntities(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	q := r.URL.Query()
	var out []report.Entity
	for _, e := range x.filterEntities(q.Get("kind"), clip(q.Get("q"), 200)) {
		out = append(out, *e)
	}
	return list(w, r, "entities", nonNil(out))
}

func (s *Server) apiEntity(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	e, err := x.entity(r.PathValue("id"))
	if err != nil {
		return err
	}
	v := x.entityView(e)
	out := map[string]any{"entity": e, "stories": []string{}, "articles": []string{}, "quotes": []report.Quote{}}
	var stories, arts []string
	var quotes []report.Quote
	for _, st := range v.Stories {
		stories = append(stories, st.ID)
	}
	for _, a := range v.Articles {
		arts = append(arts, a.A.ID)
	}
	for _, q := range v.Quotes {
		quotes = append(quotes, *q.Q)
	}
	out["stories"], out["articles"], out["quotes"] = nonNil(stories), nonNil(arts), nonNil(quotes)
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) apiFacts(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	q := r.URL.Query()
	event, story, status := q.Get("event"), q.Get("story"), q.Get("status")
	if _, known := statusNames[status]; status != "" && !known {
		return fmt.Errorf("status %q: want agree, differ, single or updated: %w", clip(status, 20), news.ErrInvalid)
	}
	out := []report.Fact{}
	for _, f := range x.rep.Facts {
		ev := x.events[f.Event]
		switch {
		case event != "" && f.Event != event,
			story != "" && (ev == nil || ev.Story != story),
			status != "" && f.Status != status:
			continue
		}
		out = append(out, f)
	}
	return list(w, r, "facts", out)
}

func (s *Server) apiQuotes(_ context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	q := r.URL.Query()
	article, speaker, story := q.Get("article"), q.Get("speaker"), q.Get("story")
	out := []report.Quote{}
	for _, qu := range x.rep.Quotes {
		switch {
		case article != "" && qu.Article != article,
			speaker != "" && deref(qu.Speaker) != speaker,
			story != "" && x.storyOf[qu.Article] != story:
			continue
		}
		out = append(out, qu)
	}
	return list(w, r, "quotes", out)
}

// searchHit is a full-text hit with the article's outlet and date.
type searchHit struct {
	news.SearchHit
	Outlet    *string `json:"outlet"`
	Published *string `json:"published"`
}

func (s *Server) apiSearch(ctx context.Context, w http.ResponseWriter, r *http.Request, x *index) error {
	q := r.URL.Query()
	text := q.Get("q")
	if len(text) > maxSearchBytes {
		return fmt.Errorf("query of %d bytes, more than the limit of %d: %w", len(text), maxSearchBytes, news.ErrTooLarge)
	}
	f, err := searchFilter(q.Get("outlet"), q.Get("since"), q.Get("until"))
	if err != nil {
		return err
	}
	limit := 20
	if l := q.Get("limit"); l != "" {
		if limit, err = strconv.Atoi(l); err != nil || limit < 1 || limit > 100 {
			return fmt.Errorf("limit %q: want 1 to 100: %w", clip(l, 20), news.ErrInvalid)
		}
	}
	hits := []searchHit{}
	ents := []report.Entity{}
	if strings.TrimSpace(text) != "" {
		found, err := s.b.Search(ctx, text, f, limit)
		if err != nil {
			return err
		}
		for _, h := range found {
			a := x.articleOr(h.ArticleID)
			hits = append(hits, searchHit{SearchHit: h, Outlet: a.Outlet, Published: a.Published})
		}
		for _, e := range x.matchEntities(text, 10) {
			ents = append(ents, *e)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"query": text, "hits": hits, "entities": ents})
	return nil
}

// apiAddArticle adds one article from a JSON body: text, HTML or a URL
// to fetch, with metadata.
func (s *Server) apiAddArticle(w http.ResponseWriter, r *http.Request) error {
	var in AddInput
	if err := s.readJSON(w, r, &in); err != nil {
		return err
	}
	if in.Text == "" && in.HTML == "" {
		if err := checkFetchURL(in.URL); err != nil {
			return fmt.Errorf("want \"text\", \"html\" or \"url\": %w", err)
		}
	}
	return s.apiAdd(w, r, in)
}

// apiDeleteArticle deletes one article; it needs the write token.
func (s *Server) apiDeleteArticle(w http.ResponseWriter, r *http.Request) error {
	if !s.auth.allowed(r) {
		return fmt.Errorf("deleting needs the token: send \"Authorization: Bearer TOKEN\": %w", errUnauthorized)
	}
	if s.deleter == nil {
		w.Header().Set("Allow", "GET, HEAD")
		writeJSON(w, http.StatusMethodNotAllowed, apiError{Code: "method_not_allowed", Message: "this server cannot delete articles"})
		return nil
	}
	id := r.PathValue("id")
	if err := s.deleteArticle(r, id); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]string{"deleted": id})
	return nil
}

// deleteArticle deletes the article id through the backend, which must be
// a Deleter, for the API and the article page's form alike.
func (s *Server) deleteArticle(r *http.Request, id string) error {
	if len(id) > maxIDBytes {
		return fmt.Errorf("article ID of %d bytes: %w", len(id), news.ErrInvalid)
	}
	ctx, cancel := contextWithTimeout(r, s.cfg.AddTimeout)
	defer cancel()
	if err := s.deleter.Delete(ctx, id); err != nil {
		return err
	}
	s.log.Info("article deleted", "id", id)
	return nil
}

// apiAddFeed fetches a feed (or a page) and adds its articles.
func (s *Server) apiAddFeed(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		URL    string `json:"url"`
		Outlet string `json:"outlet,omitempty"`
	}
	if err := s.readJSON(w, r, &body); err != nil {
		return err
	}
	if err := checkFetchURL(body.URL); err != nil {
		return err
	}
	return s.apiAdd(w, r, AddInput{URL: body.URL, Outlet: body.Outlet})
}

func (s *Server) apiAdd(w http.ResponseWriter, r *http.Request, in AddInput) error {
	ctx, cancel := contextWithTimeout(r, s.cfg.AddTimeout)
	defer cancel()
	res, err := s.add(ctx, in)
	if err != nil {
		return err
	}
	switch {
	case len(res.Added) > 0:
		writeJSON(w, http.StatusCreated, res)
	case len(res.Duplicates) > 0:
		writeJSON(w, http.StatusOK, res)
	case len(res.Failures) > 0:
		f := res.Failures[0]
		err := f.Err
		if err == nil {
			err = news.ErrInvalid
		}
		status, code := statusOf(err)
		if status == http.StatusInternalServerError {
			status, code = http.StatusUnprocessableEntity, "invalid"
		}
		writeJSON(w, status, apiError{Code: code, Message: "nothing added: " + f.Input + ": " + f.Reason})
	default:
		return fmt.Errorf("nothing to add in the input: %w", news.ErrInvalid)
	}
	return nil
}

// readJSON checks the token and decodes one bounded JSON object, refusing
// unknown fields so that a misspelt one is not silently dropped.
func (s *Server) readJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if !s.auth.allowed(r) {
		return fmt.Errorf("writes need the token: send \"Authorization: Bearer TOKEN\": %w", errUnauthorized)
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return fmt.Errorf("content type %q: want application/json: %w", clip(ct, 60), news.ErrInvalid)
		}
	}
	body := http.MaxBytesReader(w, r.Body, s.cfg.MaxBodyBytes)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return fmt.Errorf("body larger than the limit of %d bytes: %w", mbe.Limit, news.ErrTooLarge)
		}
		return fmt.Errorf("body: %v: %w", err, news.ErrInvalid)
	}
	if rest, _ := io.ReadAll(io.LimitReader(dec.Buffered(), 64)); len(bytes.TrimSpace(rest)) > 0 {
		return fmt.Errorf("body: more than one JSON value: %w", news.ErrInvalid)
	}
	return nil
}

func (s *Server) apiJob(w http.ResponseWriter, r *http.Request) error {
	j, ok := s.jobs.get(r.PathValue("id"))
	if !ok {
		return fmt.Errorf("no such job: %w", news.ErrNotFound)
	}
	writeJSON(w, http.StatusOK, j)
	return nil
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	b, err := assets.ReadFile("openapi.json")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(b)
	return nil
}
