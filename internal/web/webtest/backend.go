// Package webtest gives the web server's tests a Backend of invented
// content that fills every field of the report — events, stories,
// identities across spellings, facts of every status, quote variants,
// rewrites, a timeline — so that every page and every API answer is
// exercised before the cross-article stages fill them for real; and a
// hostile variant whose every string carries markup, for the XSS test.
// It also starts headless Chromium for the browser tests.
package webtest

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"storyline/internal/news"
	"storyline/internal/report"
	"storyline/internal/web"
)

// Backend is an in-memory web.Backend over a fixed report.Input. Its Add
// takes plain text only and joins every new article to the newest event
// (Join), standing in for the clusterer so that an added article shows in
// a story.
type Backend struct {
	mu   sync.Mutex
	in   report.Input
	rep  *report.Report
	Join string // event that added articles join; "" joins none
	// Gate, when set, holds every Add until it is closed, for tests of
	// shutdown with a write in flight.
	Gate chan struct{}
	// Adds counts the articles Add stored.
	Adds    int
	Builds  int // reports built, to test caching
	Started chan struct{}
}

// NewBackend wraps an input.
func NewBackend(in report.Input) *Backend { return &Backend{in: in} }

// Report builds the report once per change, as a real backend caches it.
func (b *Backend) Report(ctx context.Context) (*report.Report, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.rep == nil {
		b.rep = report.Build(b.in)
		b.Builds++
	}
	return b.rep, nil
}

// Doc returns one article.
func (b *Backend) Doc(ctx context.Context, id string) (*news.Doc, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, d := range b.in.Docs {
		if d.Article.ID == id {
			return d, nil
		}
	}
	return nil, fmt.Errorf("article %q: %w", id, news.ErrNotFound)
}

// Search matches every folded word of q in the title or text.
func (b *Backend) Search(ctx context.Context, q string, f news.ArticleFilter, limit int) ([]news.SearchHit, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	words := strings.Fields(strings.ToLower(q))
	var hits []news.SearchHit
	for _, d := range b.in.Docs {
		a := d.Article
		if f.Outlet != "" && a.Outlet != f.Outlet || !f.Since.IsZero() && a.Published.Before(f.Since) ||
			!f.Until.IsZero() && a.Published.After(f.Until) {
			continue
		}
		hay := strings.ToLower(a.Title + " " + a.Text)
		ok := len(words) > 0
		for _, w := range words {
			if !strings.Contains(hay, w) {
				ok = false
			}
		}
		if ok {
			snip := a.Text
			if i := strings.Index(strings.ToLower(snip), words[0]); i > 40 {
				snip = snip[i-40:]
			}
			hits = append(hits, news.SearchHit{ArticleID: a.ID, Title: a.Title, Snippet: clip(snip, 160), Rank: 1})
		}
	}
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits, nil
}

// Add stores pasted text as a new article.
func (b *Backend) Add(ctx context.Context, in web.AddInput) (web.AddResult, error) {
	if b.Started != nil {
		b.Started <- struct{}{}
	}
	if b.Gate != nil {
		select {
		case <-b.Gate:
		case <-ctx.Done():
			return web.AddResult{}, ctx.Err()
		}
	}
	if in.Progress != nil {
		in.Progress(0, 1)
	}
	res := web.AddResult{}
	switch {
	case in.Text == "" && in.HTML == "" && len(in.Files) == 0:
		return res, fmt.Errorf("fetch %s: the test backend fetches nothing: %w", in.URL, web.ErrUpstream)
	case in.HTML != "":
		res.Failures = append(res.Failures, web.Failure{Input: "pasted html", Reason: "the test backend reads text only", Err: news.ErrInvalid})
		return res, nil
	}
	texts := map[string]string{}
	if in.Text != "" {
		texts["pasted text"] = in.Text
	}
	for _, f := range in.Files {
		texts[f.Name] = string(f.Data)
	}
	names := make([]string, 0, len(texts))
	for n := range texts {
		names = append(names, n)
	}
	sort.Strings(names)
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, name := range names {
		text := strings.TrimSpace(texts[name])
		hash := news.ContentHash(text)
		a := &news.Article{ID: news.ArticleID(in.URL, hash), Source: name, URL: in.URL, Outlet: in.Outlet, Byline: in.Byline,
			Title: in.Title, Text: text, Hash: hash, Format: "text", AddedAt: time.Now().UTC()}
		if a.Source == "pasted text" && in.URL != "" {
			a.Source = in.URL
		}
		if t, err := time.Parse("2006-01-02", in.Published); err == nil {
			a.Published = t
		} else if t, err := time.Parse(time.RFC3339, in.Published); err == nil {
			a.Published = t
		}
		dup := false
		for _, d := range b.in.Docs {
			if d.Article.ID == a.ID {
				res.Duplicates = append(res.Duplicates, web.Added{ID: a.ID, Title: d.Article.Title, Input: name})
				dup = true
			}
		}
		if dup {
			continue
		}
		b.in.Docs = append(b.in.Docs, &news.Doc{Article: a, Sentences: Sentences(text)})
		for i := range b.in.Events {
			if b.in.Events[i].ID == b.Join {
				b.in.Events[i].Articles = append(b.in.Events[i].Articles, a.ID)
			}
		}
		b.Adds++
		res.Added = append(res.Added, web.Added{ID: a.ID, Title: a.Title, Input: name})
	}
	b.rep = nil
	if in.Progress != nil {
		in.Progress(1, 1)
	}
	return res, nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// Sentences cuts text after ". ", "! ", "? " and at blank lines: enough
// for invented fixtures, whose sentences are plain.
func Sentences(text string) []news.Span {
	var out []news.Span
	start := 0
	skip := func(i int) int {
		for i < len(text) && (text[i] == ' ' || text[i] == '\n') {
			i++
		}
		return i
	}
	start = skip(0)
	for i := 0; i < len(text); i++ {
		c := text[i]
		end := -1
		switch {
		case (c == '.' || c == '!' || c == '?') && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n'):
			end = i + 1
		case (c == '.' || c == '!' || c == '?') && i+1 < len(text) && (text[i+1] == '"' || text[i+1] == '\'') &&
			(i+2 == len(text) || text[i+2] == ' ' || text[i+2] == '\n'):
			end = i + 2
		case c == '\n' && i+1 < len(text) && text[i+1] == '\n' && i > start:
			end = i
		}
		if end > start {
			out = append(out, news.Span{Start: start, End: end})
			start = skip(end)
			i = start - 1
		}
	}
	if start < len(text) {
		out = append(out, news.Span{Start: start, End: len(text)})
	}
	return out
}

// Delete removes an article from the input and from its event.
func (b *Backend) Delete(ctx context.Context, id string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i, d := range b.in.Docs {
		if d.Article.ID != id {
			continue
		}
		b.in.Docs = append(b.in.Docs[:i:i], b.in.Docs[i+1:]...)
		events := make([]news.Event, len(b.in.Events))
		for j, e := range b.in.Events {
			var keep []string
			for _, a := range e.Articles {
				if a != id {
					keep = append(keep, a)
				}
			}
			e.Articles = keep
			events[j] = e
		}
		b.in.Events = events
		b.rep = nil
		return nil
	}
	return fmt.Errorf("article %q: %w", id, news.ErrNotFound)
}
