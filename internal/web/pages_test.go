package web_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"storyline/internal/news"
	"storyline/internal/report"
	"storyline/internal/web/webtest"
)

// TestPagesFilled loads every page over the filled fixtures and checks
// that what each page is for is on it.
func TestPagesFilled(t *testing.T) {
	b, ts := filled(t)
	rep, _ := b.Report(t.Context())
	var rewrite, first string
	for _, a := range rep.Articles {
		if a.RewriteOf != nil {
			rewrite = a.ID
		}
		if a.Title != nil && *a.Title == "Dam breach at Orrin floods Lower Vasko" {
			first = a.ID
		}
	}
	for _, c := range []struct {
		path string
		want []string
	}{
		{"/", []string{"Orrin dam breach", "Caldera Bay dock strike", "1 fact differs", "Meridian Courier", "Relief convoy reaches Lower Vasko"}},
		{pathOf("/stories/", webtest.StoryDam), []string{"<svg", "Facts by outlet", "outlets differ", "updated over time", "outlets agree",
			"one outlet only", `<mark class="diff">single </mark>`, "Ilsa Marrow", "Lower Vasko", "rewrite of", "2 dated happenings outside",
			"About 2,300 residents", "Some 3,000 residents", "#s-"}},
		{pathOf("/stories/", webtest.StoryDam) + "?from=2031-05-12&to=2031-05-14", []string{"Relief convoy", "Zoom out"}},
		{pathOf("/articles/", first), []string{`class="s"`, "m-ent k-person", `href="/entities/` + webtest.EntityMarrow + `"`, "m-quote",
			"m-fig", "m-date", "Subscribe for 1 crown a week", "subscription prompt", "Tomas Reyke", "Orrin dam breach floods Lower Vasko", "rewrite"}},
		{pathOf("/articles/", rewrite), []string{"rewrite of", "Northwind Daily", "78% alike"}},
		{"/articles?outlet=Vasko+Gazette", []string{"Orrin toll rises to 19", "(inferred)"}},
		{"/entities", []string{"Ilsa Marrow", "Ilsa Marow, Ilse Marrow"}},
		{"/entities?kind=place", []string{"Lower Vasko"}},
		{pathOf("/entities/", webtest.EntityMarrow), []string{"Ilse Marrow", "Orrin dam breach", "We shall rebuild"}},
		{"/search?q=Ilse+Marrow", []string{"Ilsa Marrow", "also written", "Orrin toll rises to 19"}},
		{"/search?q=dam&outlet=Northwind+Daily", []string{"Fourteen dead as Orrin dam gives way"}},
		{"/add", []string{"Sign in with the token"}},
		{"/login", []string{`name="token"`, `name="csrf"`}},
	} {
		t.Run(c.path, func(t *testing.T) {
			code, body, h := get(t, ts, c.path)
			if code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
			if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("content type %q", ct)
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
}

// TestPagesEmpty loads every page while the cross-article results are
// empty (articles with annotations only) and with no articles at all.
func TestPagesEmpty(t *testing.T) {
	for _, c := range []struct {
		name string
		b    *webtest.Backend
		want map[string]string
	}{
		{"articles only", webtest.NewBackend(webtest.Empty()), map[string]string{
			"/": "No stories yet", "/entities": "Ilsa Marrow", "/search?q=Orrin": "Dam breach at Orrin", "/articles": "5 articles"}},
		{"nothing stored", webtest.NewBackend(report.Input{}), map[string]string{
			"/": "Nothing is stored yet", "/entities": "No names", "/search?q=Orrin": "No article holds", "/articles": "No articles"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, ts := server(t, c.b)
			for path, want := range c.want {
				code, body, _ := get(t, ts, path)
				if code != http.StatusOK || !strings.Contains(body, want) {
					t.Errorf("%s: status %d, want %q in the page", path, code, want)
				}
			}
			rep, _ := c.b.Report(t.Context())
			for _, a := range rep.Articles {
				if code, _, _ := get(t, ts, pathOf("/articles/", a.ID)); code != http.StatusOK {
					t.Errorf("article %s: status %d", a.ID, code)
				}
			}
		})
	}
}

func TestPageErrors(t *testing.T) {
	_, ts := filled(t)
	for _, c := range []struct {
		path string
		code int
	}{
		{"/stories/nope", 404},
		{"/articles/nope", 404},
		{"/entities/nope", 404},
		{"/no/such/page", 404},
		{"/jobs/nope", 404},
		{"/?page=0", 400},
		{pathOf("/stories/", webtest.StoryDam) + "?from=yesterday", 400},
		{"/search?q=x&since=soon", 400},
		{"/search?q=" + strings.Repeat("a", 1500), 413},
		{"/?x=" + strings.Repeat("a", 9000), 413},
	} {
		t.Run(c.path[:min(40, len(c.path))], func(t *testing.T) {
			code, body, _ := get(t, ts, c.path)
			if code != c.code {
				t.Errorf("status %d, want %d", code, c.code)
			}
			if !strings.Contains(body, "<main") {
				t.Errorf("error is not a page: %.200s", body)
			}
		})
	}
}

// TestStoryInPages reads a story of more articles than a page holds: each
// page shows its own events and articles with links to the others, the
// API says which page it is, and a page past the last is not found.
func TestStoryInPages(t *testing.T) {
	old := news.StoryPageArticles
	news.StoryPageArticles = 2
	t.Cleanup(func() { news.StoryPageArticles = old })
	_, ts := filled(t)
	story := pathOf("/stories/", webtest.StoryDam)
	for _, c := range []struct {
		path      string
		want, not []string
	}{
		{story, []string{"page 1 of 2", "Relief convoy reaches Lower Vasko", "1 event of 2", "1 of 4 articles", `rel="next"`, "?page=2"},
			[]string{"Orrin dam breach floods Lower Vasko</strong>", `rel="prev"`, "About 2,300 residents"}},
		{story + "?page=2", []string{"page 2 of 2", "Orrin dam breach floods Lower Vasko</strong>", "3 of 4 articles", `rel="prev"`,
			"About 2,300 residents", `name="page" value="2"`}, []string{"Relief convoy reaches Lower Vasko</strong>", `rel="next"`}},
	} {
		t.Run(c.path, func(t *testing.T) {
			code, body, _ := get(t, ts, c.path)
			if code != http.StatusOK {
				t.Fatalf("status %d", code)
			}
			for _, w := range c.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range c.not {
				if strings.Contains(body, w) {
					t.Errorf("page has %q", w)
				}
			}
		})
	}
	for page, events := range map[string][]string{"1": {webtest.EventConvoy}, "2": {webtest.EventBreach}} {
		code, body, _ := get(t, ts, pathOf("/api/stories/", webtest.StoryDam)+"?page="+page)
		if code != http.StatusOK {
			t.Fatalf("page %s: status %d", page, code)
		}
		var got struct {
			Page, Pages int
			Events      []struct{ ID string }
		}
		if err := json.Unmarshal([]byte(body), &got); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, e := range got.Events {
			ids = append(ids, e.ID)
		}
		if strconv.Itoa(got.Page) != page || got.Pages != 2 || !slices.Equal(ids, events) {
			t.Errorf("page %s: page %d of %d, events %v; want events %v", page, got.Page, got.Pages, ids, events)
		}
	}
	for _, p := range []string{story + "?page=3", pathOf("/api/stories/", webtest.StoryDam) + "?page=3"} {
		if code, _, _ := get(t, ts, p); code != http.StatusNotFound {
			t.Errorf("GET %s: status %d, want 404", p, code)
		}
	}
	if code, _, _ := get(t, ts, story+"?page=x"); code != http.StatusBadRequest {
		t.Errorf("page=x: status %d, want 400", code)
	}
}
