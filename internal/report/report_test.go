package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"storyline/internal/golden"
	"storyline/internal/news"
)

func f64(v float64) *float64 { return &v }

// sample builds two invented articles with one annotation of each kind,
// written so the offsets can be checked by eye.
func sample() Input {
	t1 := "Ferries return to Vell. “We are back,” said Mara Olin. At least 12 boats sailed on Tuesday."
	t2 := "Storm damage in Port Anselm\x1b[31m is worse than thought; 15 boats were lost."
	a1 := &news.Article{ID: "a1", Source: "one.txt", Outlet: "Harbour Post", Title: "Ferries | Vell", Text: t1,
		Published: time.Date(2031, 3, 5, 0, 0, 0, 0, time.UTC),
		Removed:   []news.Removal{{Text: "Subscribe now", Reason: "subscription prompt"}}}
	a2 := &news.Article{ID: "a2", Source: "https://example.test/storm", Site: "example.test", Title: "Storm <script>alert(1)</script>",
		Text: t2, Published: time.Date(2031, 3, 6, 14, 30, 0, 0, time.UTC)}
	at := func(text, sub string) news.Span {
		i := strings.Index(text, sub)
		return news.Span{Start: i, End: i + len(sub)}
	}
	d1 := &news.Doc{Article: a1,
		Sentences: []news.Span{at(t1, "Ferries return to Vell."), at(t1, "“We are back,” said Mara Olin."), at(t1, "At least 12 boats sailed on Tuesday.")},
		Entities: []news.Mention{
			{Span: at(t1, "Vell"), Kind: news.Place, Name: "Vell"},
			{Span: at(t1, "Mara Olin"), Kind: news.Person, Name: "Mara Olin"}},
		Quotes:  []news.Quote{{Span: at(t1, "We are back"), Direct: true, Cue: "said", SpeakerText: "Mara Olin", Speaker: "Mara Olin"}},
		Figures: []news.Figure{{Span: at(t1, "At least 12 boats"), Min: f64(12), Unit: "boats", Measure: "sailed"}},
		Dates:   []news.DateRef{{Span: at(t1, "Tuesday"), Type: news.DateDate, Value: "2031-03-04", Precision: news.PrecDay, Resolved: true}},
	}
	d2 := &news.Doc{Article: a2, Figures: []news.Figure{{Span: news.Span{Start: strings.Index(t2, "15"), End: strings.Index(t2, "15") + 8},
		Value: f64(15), Min: f64(15), Max: f64(15), Unit: "boats", Measure: "lost"}}}
	rel := news.Relation{Article: "a2", Of: "a1", Kind: "rewrite", Similarity: 0.5,
		Added: []news.Span{{Start: 0, End: len(t2)}}, Dropped: []news.Span{at(t1, "At least 12 boats sailed on Tuesday.")}}
	return Input{Docs: []*news.Doc{d2, d1}, Relations: []news.Relation{rel}, RewriteOf: map[string]string{"a2": "a1"},
		Failures: []Failure{{Input: "bad.txt", Reason: "invalid UTF-8 at byte 3"}}}
}

func TestBuild(t *testing.T) {
	r := Build(sample())
	if len(r.Articles) != 2 || r.Articles[0].ID != "a1" {
		t.Fatalf("articles not in publication order: %+v", r.Articles)
	}
	a := r.Articles[0]
	if *a.Published != "2031-03-05" || *r.Articles[1].Published != "2031-03-06T14:30:00Z" {
		t.Errorf("published %s / %s: a day alone when no time is known", *a.Published, *r.Articles[1].Published)
	}
	if a.Site != nil || a.Event != nil || a.RewriteOf != nil {
		t.Errorf("unknown fields must be null: %+v", a)
	}
	if len(a.Removed) != 1 || a.RemovedWhy[0] != "subscription prompt" {
		t.Errorf("removed %v %v", a.Removed, a.RemovedWhy)
	}
	if len(r.Figures) != 2 || r.Figures[0].Text != "At least 12 boats" || *r.Figures[0].Min != 12 || r.Figures[0].Max != nil {
		t.Errorf("figures %+v", r.Figures[0])
	}
	if len(r.Quotes) != 1 || r.Quotes[0].Speaker == nil || r.Quotes[0].Text != "We are back" {
		t.Errorf("quotes %+v", r.Quotes)
	}
	if len(r.Timeline) != 1 || r.Timeline[0].What != "At least 12 boats sailed on Tuesday." {
		t.Errorf("timeline %+v", r.Timeline)
	}
}

// TestJSONContract checks every key DESIGN.md promises is present, even
// when the stage that fills it has not run.
func TestJSONContract(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Build(Input{}), "json"); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"version", "articles", "events", "stories", "entities", "quotes", "figures", "facts", "timeline"} {
		v, ok := m[k]
		if !ok {
			t.Errorf("key %q missing", k)
		}
		if k != "version" {
			if _, isList := v.([]any); !isList {
				t.Errorf("%q is %T, want a list", k, v)
			}
		}
	}
	buf.Reset()
	if err := Write(&buf, Build(sample()), "json"); err != nil {
		t.Fatal(err)
	}
	var full struct {
		Articles []map[string]any
		Figures  []map[string]any
	}
	if err := json.Unmarshal(buf.Bytes(), &full); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"id", "source", "site", "outlet", "title", "published", "event", "rewrite_of", "text", "removed"} {
		if _, ok := full.Articles[0][k]; !ok {
			t.Errorf("article key %q missing", k)
		}
	}
	for _, k := range []string{"id", "article", "text", "value", "min", "max", "unit", "measure", "start", "end"} {
		if _, ok := full.Figures[0][k]; !ok {
			t.Errorf("figure key %q missing", k)
		}
	}
	if strings.Contains(buf.String(), "<script>") {
		t.Error("JSON carries a raw <script> tag; HTML escaping is off")
	}
}

func TestRenderGolden(t *testing.T) {
	for _, format := range []string{"text", "md"} {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, Build(sample()), format); err != nil {
				t.Fatal(err)
			}
			if strings.ContainsRune(buf.String(), '\x1b') {
				t.Error("a terminal escape from article text reached the output")
			}
			golden.Check(t, filepath.Join("testdata", "sample."+format), buf.Bytes())
		})
	}
}

func TestMarkdownEscapes(t *testing.T) {
	got := mdCell("a | b [link](javascript:x) <img src=x> *bold*\nnext")
	if strings.Contains(got, "\n") {
		t.Errorf("line break left in %q", got)
	}
	prev := ' '
	for _, r := range got {
		if strings.ContainsRune("|[]()<>*", r) && prev != '\\' {
			t.Errorf("unescaped %q in %q", r, got)
		}
		prev = r
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, Build(Input{}), "pdf"); err == nil {
		t.Error("no error for an unknown format")
	}
}

// TestStoryPages checks that a story of more articles than a page holds
// says how many pages it has, each event which page it is on, and the
// text and Markdown reports say it is read in pages; a story of one page
// says nothing of pages.
func TestStoryPages(t *testing.T) {
	old := news.StoryPageArticles
	news.StoryPageArticles = 1
	t.Cleanup(func() { news.StoryPageArticles = old })
	in := sample()
	day := func(d int) time.Time { return time.Date(2031, 3, d, 0, 0, 0, 0, time.UTC) }
	in.Events = []news.Event{
		{ID: "e1", Title: "Ferries return", Start: day(5), End: day(5), Story: "s1", Articles: []string{"a1"}},
		{ID: "e2", Title: "Storm damage", Start: day(6), End: day(6), Story: "s1", Articles: []string{"a2"}},
		{ID: "e3", Title: "Alone", Start: day(7), End: day(7), Story: "s2"},
	}
	in.Stories = []news.Story{{ID: "s1", Title: "Vell", Events: []string{"e1", "e2"}}, {ID: "s2", Title: "Other", Events: []string{"e3"}}}
	r := Build(in)
	if r.Stories[0].Pages != 2 || r.Stories[1].Pages != 0 {
		t.Errorf("pages %d and %d, want 2 and 0", r.Stories[0].Pages, r.Stories[1].Pages)
	}
	pages := map[string]int{}
	for _, e := range r.Events {
		pages[e.ID] = e.Page
	}
	if want := map[string]int{"e1": 2, "e2": 1, "e3": 0}; !reflect.DeepEqual(pages, want) {
		t.Errorf("event pages %v, want %v", pages, want)
	}
	for _, format := range []string{"text", "markdown"} {
		var buf bytes.Buffer
		if err := Write(&buf, r, format); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(buf.String(), "2 pages of events"); n != 1 {
			t.Errorf("%s: %d notes of the pages, want 1:\n%s", format, n, buf.String())
		}
	}
}
