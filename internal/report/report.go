// Package report builds storyline's report — the JSON contract of DESIGN.md
// — from analysed documents and the cross-article results, and renders it as
// JSON, text or Markdown.
package report

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"time"

	"storyline/internal/news"
)

// Version is the report format's version; it changes only when a field's
// meaning changes, never when fields are added.
const Version = 1

// Report is the whole result of a run. Field names and JSON keys follow the
// contract other tools rely on.
type Report struct {
	Version  int       `json:"version"`
	Articles []Article `json:"articles"`
	Events   []Event   `json:"events"`
	Stories  []Story   `json:"stories"`
	Entities []Entity  `json:"entities"`
	Quotes   []Quote   `json:"quotes"`
	Figures  []Figure  `json:"figures"`
	Facts    []Fact    `json:"facts"`
	Timeline []Moment  `json:"timeline"`
	// Relations are the duplicates and rewrites found, with what each
	// rewrite added and dropped.
	Relations []Relation `json:"relations"`
	Failures  []Failure  `json:"failures"`
}

type Article struct {
	ID           string   `json:"id"`
	Source       string   `json:"source"`
	URL          string   `json:"url,omitempty"`
	Site         *string  `json:"site"`
	Outlet       *string  `json:"outlet"`
	Byline       *string  `json:"byline"`
	Title        *string  `json:"title"`
	Published    *string  `json:"published"`
	DateInferred bool     `json:"date_inferred,omitempty"`
	Format       string   `json:"format,omitempty"`
	Event        *string  `json:"event"`
	RewriteOf    *string  `json:"rewrite_of"`
	DuplicateOf  *string  `json:"duplicate_of"`
	Text         string   `json:"text"`
	Removed      []string `json:"removed"`
	// RemovedWhy gives the cleaner's reason for each entry of Removed.
	RemovedWhy []string    `json:"removed_why"`
	Sentences  []news.Span `json:"sentences"`
}

type Event struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Start    *string  `json:"start"`
	End      *string  `json:"end"`
	Story    string   `json:"story"`
	Articles []string `json:"articles"`
	// Page is the page of its story the event is read on (news.StoryPages,
	// from 1, newest first), when the story has more than one.
	Page int `json:"page,omitempty"`
}

type Story struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Events []string `json:"events"`
	// Pages is how many pages the story is read in, when more than one:
	// its timeline and quote variants are lined up per page.
	Pages int `json:"pages,omitempty"`
}

type Entity struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Kind     string   `json:"kind"`
	Aliases  []string `json:"aliases"`
	Titles   []string `json:"titles,omitempty"`
	Articles []string `json:"articles"`
	Mentions int      `json:"mentions"`
}

type Quote struct {
	ID          string   `json:"id"`
	Article     string   `json:"article"`
	Speaker     *string  `json:"speaker"`
	SpeakerText string   `json:"speaker_text"`
	Cue         string   `json:"cue,omitempty"`
	Direct      bool     `json:"direct"`
	Text        string   `json:"text"`
	Start       int      `json:"start"`
	End         int      `json:"end"`
	Variants    []string `json:"variants"`
}

type Figure struct {
	ID      string   `json:"id"`
	Article string   `json:"article"`
	Text    string   `json:"text"`
	Value   *float64 `json:"value"`
	Min     *float64 `json:"min"`
	Max     *float64 `json:"max"`
	From    *float64 `json:"from,omitempty"`
	Unit    string   `json:"unit"`
	Measure string   `json:"measure"`
	Start   int      `json:"start"`
	End     int      `json:"end"`
}

type Fact struct {
	ID      string   `json:"id"`
	Event   string   `json:"event"`
	Measure string   `json:"measure"`
	Unit    string   `json:"unit"`
	Status  string   `json:"status"`
	Figures []string `json:"figures"`
	// Note spells out an update or a difference, in time order.
	Note string `json:"note,omitempty"`
	// Values are the figures as each outlet stated them, in publication
	// order: the provenance of the fact.
	Values []FactValue `json:"values"`
}

// FactValue is one outlet's statement of a fact.
type FactValue struct {
	Figure    string    `json:"figure"`
	Article   string    `json:"article"`
	Outlet    string    `json:"outlet"`
	Published *string   `json:"published"`
	Text      string    `json:"text"`
	Value     *float64  `json:"value"`
	Min       *float64  `json:"min"`
	Max       *float64  `json:"max"`
	Sentence  news.Span `json:"sentence"`
}

// Moment is one dated happening on the timeline.
type Moment struct {
	Story     string        `json:"story,omitempty"`
	Page      int           `json:"page,omitempty"`
	Date      string        `json:"date"`
	End       string        `json:"end,omitempty"`
	Precision string        `json:"precision"`
	What      string        `json:"what"`
	Text      string        `json:"text"`
	Articles  []string      `json:"articles"`
	Mentions  []DateWording `json:"mentions"`
}

// DateWording is how one article put a date ("Tuesday night", "overnight").
type DateWording struct {
	Article string `json:"article"`
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Relation says that an article duplicates or rewrites another.
type Relation struct {
	Article    string   `json:"article"`
	Of         string   `json:"of"`
	Kind       string   `json:"kind"` // duplicate | rewrite
	Similarity float64  `json:"similarity"`
	Added      []string `json:"added"`   // the rewrite's sentences with no counterpart in the original
	Dropped    []string `json:"dropped"` // the original's sentences the rewrite left out
}

// Failure is an input that could not be read, kept in the report so that a
// partial result never passes for a whole one.
type Failure struct {
	Input  string `json:"input"`
	Reason string `json:"reason"`
}

// Input is everything a report is built from. The cross-article fields may
// be empty until those stages run; the report is still complete in shape.
type Input struct {
	Docs       []*news.Doc
	Events     []news.Event
	Stories    []news.Story
	Identities []news.Identity
	Facts      []news.Fact
	// RewriteOf maps an article ID to the ID of the article it rewrites.
	RewriteOf map[string]string
	// DuplicateOf maps an article ID to the earlier article it repeats.
	DuplicateOf map[string]string
	// Relations are the duplicates and rewrites, with their spans.
	Relations []news.Relation
	// Variants are groups of quote IDs that are one statement.
	Variants [][]string
	// Timeline, when given, replaces the timeline merged from all docs
	// (the cross-article pass makes one per story).
	Timeline []news.Moment
	// Mentions, when given, counts each name's mentions (by news.NameKey)
	// in the whole store, for a report whose Docs are only part of it
	// (one story); nil counts them in Docs.
	Mentions map[string]int
	Failures []Failure
}

// Build assembles the report. Articles come in publication order, so the
// report reads as the story unfolded.
func Build(in Input) *Report {
	r := &Report{Version: Version, Articles: []Article{}, Events: []Event{}, Stories: []Story{},
		Entities: []Entity{}, Quotes: []Quote{}, Figures: []Figure{}, Facts: []Fact{}, Timeline: []Moment{},
		Failures: append([]Failure{}, in.Failures...)}
	docs := append([]*news.Doc(nil), in.Docs...)
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i].Article, docs[j].Article
		if !a.Published.Equal(b.Published) {
			return a.Published.Before(b.Published)
		}
		return a.Source < b.Source
	})
	eventOf := map[string]string{}
	for _, e := range in.Events {
		for _, id := range e.Articles {
			eventOf[id] = e.ID
		}
		r.Events = append(r.Events, Event{ID: e.ID, Title: e.Title, Start: day(e.Start), End: day(e.End),
			Story: e.Story, Articles: nonNil(e.Articles)})
	}
	pageOf := storyPages(in.Events, in.Stories)
	for i := range r.Events {
		r.Events[i].Page = pageOf[r.Events[i].ID]
	}
	for _, s := range in.Stories {
		st := Story{ID: s.ID, Title: s.Title, Events: nonNil(s.Events)}
		for _, e := range s.Events {
			st.Pages = max(st.Pages, pageOf[e])
		}
		r.Stories = append(r.Stories, st)
	}
	for _, d := range docs {
		r.Articles = append(r.Articles, article(d, eventOf, in.RewriteOf, in.DuplicateOf))
		r.Figures = append(r.Figures, figures(d)...)
	}
	r.Facts = facts(in.Facts, docs)
	r.Entities = entities(docs, in.Identities, in.Mentions)
	r.Quotes = quotes(docs, r.Entities, in.Variants)
	if in.Timeline != nil {
		r.Timeline = moments(in.Timeline)
	} else {
		r.Timeline = timeline(docs)
	}
	r.Relations = relations(in.Relations, docs)
	return r
}

// storyPages is the page of each event of a story read in more than one
// page; events of a one-page story are not in it.
func storyPages(events []news.Event, stories []news.Story) map[string]int {
	byID := make(map[string]news.Event, len(events))
	for _, e := range events {
		byID[e.ID] = e
	}
	pageOf := map[string]int{}
	for _, s := range stories {
		var evs []news.Event
		for _, id := range s.Events {
			if e, ok := byID[id]; ok {
				evs = append(evs, e)
			}
		}
		pages := news.StoryPages(evs)
		if len(pages) < 2 {
			continue
		}
		for i, p := range pages {
			for _, id := range p {
				pageOf[id] = i + 1
			}
		}
	}
	return pageOf
}

func article(d *news.Doc, eventOf, rewriteOf, duplicateOf map[string]string) Article {
	a := d.Article
	out := Article{ID: a.ID, Source: a.Source, URL: a.URL, Site: opt(a.Site), Outlet: opt(a.Outlet),
		Byline: opt(a.Byline), Title: opt(a.Title), Published: when(a.Published), DateInferred: a.DateInferred,
		Format: a.Format, Event: opt(eventOf[a.ID]), RewriteOf: opt(rewriteOf[a.ID]), DuplicateOf: opt(duplicateOf[a.ID]), Text: a.Text,
		Removed: []string{}, RemovedWhy: []string{}, Sentences: nonNil(d.Sentences)}
	for _, rm := range a.Removed {
		out.Removed = append(out.Removed, rm.Text)
		out.RemovedWhy = append(out.RemovedWhy, rm.Reason)
	}
	return out
}

func figures(d *news.Doc) []Figure {
	var out []Figure
	for i, f := range d.Figures {
		out = append(out, Figure{ID: news.FigureID(d.Article.ID, i), Article: d.Article.ID,
			Text: f.Span.In(d.Text()), Value: f.Value, Min: f.Min, Max: f.Max, From: f.From, Unit: f.Unit,
			Measure: f.Measure, Start: f.Start, End: f.End})
	}
	return out
}

// entities lists identities when the cross-article stage has made them;
// before that, each distinct name of a kind (as the per-article stage
// resolved it) is its own entity.
func entities(docs []*news.Doc, ids []news.Identity, mentions map[string]int) []Entity {
	if mentions == nil {
		mentions = map[string]int{}
		for _, d := range docs {
			for _, m := range d.Entities {
				mentions[news.NameKey(m.Name, m.Kind)]++
			}
		}
	}
	out := []Entity{}
	if len(ids) > 0 {
		for _, id := range ids {
			n := 0
			for _, al := range id.Aliases {
				n += mentions[news.NameKey(al, id.Kind)]
			}
			out = append(out, Entity{ID: id.ID, Name: id.Name, Kind: string(id.Kind), Aliases: nonNil(id.Aliases),
				Articles: nonNil(id.Articles), Mentions: n})
		}
		return out
	}
	byKey := map[string]*Entity{}
	var keys []string
	for _, d := range docs {
		text := d.Text()
		for _, m := range d.Entities {
			k := news.NameKey(m.Name, m.Kind)
			e := byKey[k]
			if e == nil {
				e = &Entity{ID: "e" + slug(k), Name: m.Name, Kind: string(m.Kind), Aliases: []string{}, Articles: []string{}}
				byKey[k] = e
				keys = append(keys, k)
			}
			e.Mentions++
			e.Aliases = addOnce(e.Aliases, m.Span.In(text))
			if m.Title != "" {
				e.Titles = addOnce(e.Titles, m.Title)
			}
			e.Articles = addOnce(e.Articles, d.Article.ID)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, *byKey[k])
	}
	return out
}

func quotes(docs []*news.Doc, ents []Entity, groups [][]string) []Quote {
	variants := map[string][]string{}
	for _, g := range groups {
		for _, id := range g {
			for _, other := range g {
				if other != id {
					variants[id] = append(variants[id], other)
				}
			}
		}
	}
	byName := map[string]string{}
	for _, e := range ents {
		byName[strings.ToLower(e.Name)] = e.ID
		for _, al := range e.Aliases {
			if _, ok := byName[strings.ToLower(al)]; !ok {
				byName[strings.ToLower(al)] = e.ID
			}
		}
	}
	out := []Quote{}
	for _, d := range docs {
		for i, q := range d.Quotes {
			var speaker *string
			if id, ok := byName[strings.ToLower(q.Speaker)]; ok && q.Speaker != "" {
				speaker = &id
			}
			out = append(out, Quote{ID: news.QuoteID(d.Article.ID, i), Article: d.Article.ID,
				Speaker: speaker, SpeakerText: q.SpeakerText, Cue: q.Cue, Direct: q.Direct, Text: q.Span.In(d.Text()),
				Start: q.Start, End: q.End, Variants: nonNil(variants[news.QuoteID(d.Article.ID, i)])})
		}
	}
	return out
}

// timeline merges resolved date expressions across articles by value; the
// sentence around the first mention says what happened.
func timeline(docs []*news.Doc) []Moment {
	byDate := map[string]*Moment{}
	var keys []string
	for _, d := range docs {
		text := d.Text()
		for _, t := range d.Dates {
			if !t.Resolved || t.Type != news.DateDate {
				continue
			}
			m := byDate[t.Value]
			if m == nil {
				m = &Moment{Date: t.Value, Precision: string(t.Precision), Text: t.Span.In(text),
					What: sentenceAround(d, t.Span), Articles: []string{}, Mentions: []DateWording{}}
				byDate[t.Value] = m
				keys = append(keys, t.Value)
			}
			m.Articles = addOnce(m.Articles, d.Article.ID)
			m.Mentions = append(m.Mentions, DateWording{Article: d.Article.ID, Text: t.Span.In(text), Start: t.Start, End: t.End})
		}
	}
	sort.Strings(keys)
	out := []Moment{}
	for _, k := range keys {
		out = append(out, *byDate[k])
	}
	return out
}

func sentenceAround(d *news.Doc, s news.Span) string {
	for _, sent := range d.Sentences {
		if sent.Contains(s) {
			return sent.In(d.Text())
		}
	}
	return s.In(d.Text())
}

// slug makes a stable, short ID from a key whatever its script.
func slug(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

func addOnce(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// when writes a day alone when no time of day is known (midnight UTC), so
// that a manifest's "2025-11-25" is not shown as a time it never stated.
func when(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		s := t.Format("2006-01-02")
		return &s
	}
	s := t.Format(time.RFC3339)
	return &s
}

func day(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format("2006-01-02")
	return &s
}
