package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"storyline/internal/demo"
	"storyline/internal/intake"
	"storyline/internal/web"
	"storyline/internal/web/webtest"
)

const e2eToken = "e2e-token-0123456789"

// demoServer serves the demo corpus from a real store through the real
// backend, as 'storyline demo' does.
func demoServer(t testing.TB) (*storeBackend, *httptest.Server) {
	t.Helper()
	b, db := newTestBackend(t)
	g := &globals{quiet: true, maxBytes: 10 << 20}
	if _, _, err := runIntake(context.Background(), g, intake.FS(demo.FS(), "."), db, strings.NewReader(""), io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{Backend: b, Token: e2eToken, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return b, ts
}

func run1[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func steps(t *testing.T, ctx context.Context, s ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, s...); err != nil {
		t.Fatal(err)
	}
}

func js[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	return run1(t, ctx, chromedp.Evaluate[T](expr))
}

func snap(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := webtest.Artifacts(t)
	if err := webtest.Screenshot(ctx, dir, name); err != nil {
		t.Error(err)
	}
	t.Logf("screenshot %s/%s.png", dir, name)
}

// TestDemoInTheBrowser is what a journalist does with the demo corpus:
// open the stories, open the story, find the figure the outlets give
// differently and follow it to its sentence, search for a name by
// another spelling, and add an article that then shows in its story.
func TestDemoInTheBrowser(t *testing.T) {
	ctx := webtest.Browser(t)
	_, ts := demoServer(t)

	steps(t, ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".stories")))
	snap(t, ctx, "demo-stories")
	story := js[string](t, ctx, `document.querySelector(".story-item h2 a").getAttribute("href")`)
	steps(t, ctx, chromedp.Click(chromedp.CSS(".story-item h2 a")), chromedp.WaitVisible(chromedp.CSS("table.facts")))
	snap(t, ctx, "demo-story")

	if cls := js[string](t, ctx, `document.querySelector("table.facts tbody tr").className`); cls != "st-differ" {
		t.Fatalf("the first fact is %q, want a disagreement first", cls)
	}
	figure := js[string](t, ctx, `document.querySelector("table.facts tbody tr td.st-differ a.fig").textContent`)
	steps(t, ctx, chromedp.Click(chromedp.CSS("table.facts tbody tr td.st-differ a.fig")), chromedp.WaitVisible(chromedp.CSS(".body")))
	if u := run1(t, ctx, chromedp.Location()); !strings.Contains(u, "/articles/") || !strings.Contains(u, "#s-") {
		t.Fatalf("the figure led to %s, not to a sentence", u)
	}
	if got := js[string](t, ctx, `document.querySelector(":target") ? document.querySelector(":target").textContent : ""`); !strings.Contains(got, figure) {
		t.Errorf("the sentence reached (%q) does not hold %q", got, figure)
	}
	snap(t, ctx, "demo-article")

	// "Sadovsky" is one outlet's spelling of the minister the others call
	// Sadovskiy: the search finds the person under every spelling.
	steps(t, ctx, chromedp.Navigate(ts.URL+"/search"), chromedp.WaitVisible(chromedp.ID("s-q")),
		chromedp.SendKeys(chromedp.ID("s-q"), "Sadovsky\n"), chromedp.WaitVisible(chromedp.CSS(".found-names")))
	names := js[string](t, ctx, `document.querySelector(".found-names").innerText`)
	if !strings.Contains(names, "Sadovskiy") {
		t.Fatalf("searching Sadovsky found %q, not the person spelt Sadovskiy", names)
	}
	snap(t, ctx, "demo-search")
	steps(t, ctx, chromedp.Click(chromedp.CSS(".found-names a")), chromedp.WaitVisible(chromedp.CSS(".articles")))
	if n := js[int](t, ctx, `document.querySelectorAll(".articles .article-item").length`); n < 2 {
		t.Errorf("the person's page lists %d articles, want every outlet's", n)
	}
	snap(t, ctx, "demo-entity")

	// Add an article through the form; it joins the story.
	title := "Kharzin rescuers end search of the Dunavar terminal"
	text := "Rescuers in Kharzin ended their search of the ruins of the Dunavar Terminals fuel depot on Friday, " +
		"the Zarovian Emergency Response Directorate said. At least 12 people died in the blast at the Kharzin fuel terminal, " +
		"and more than 200 were injured. Interior Minister Mirko Sadovskiy said an inquiry into the explosion would report within a month."
	steps(t, ctx, chromedp.Navigate(ts.URL+"/login?next=/add"), chromedp.WaitVisible(chromedp.ID("l-token")),
		chromedp.SendKeys(chromedp.ID("l-token"), e2eToken+"\n"), chromedp.WaitVisible(chromedp.ID("p-body")),
		chromedp.SendKeys(chromedp.ID("p-body"), text), chromedp.SendKeys(chromedp.ID("p-title"), title),
		chromedp.SendKeys(chromedp.ID("p-outlet"), "Harbour Notes"), chromedp.SendKeys(chromedp.ID("p-published"), "2027-03-05"))
	snap(t, ctx, "demo-add")
	steps(t, ctx, chromedp.Click(chromedp.CSS(`#form-paste button[type="submit"]`)))
	pageText := func() string {
		s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		return s
	}
	for deadline := time.Now().Add(2 * time.Minute); !strings.Contains(pageText(), "Added"); {
		if time.Now().After(deadline) {
			t.Fatalf("the article never showed as added: %s", pageText())
		}
		time.Sleep(100 * time.Millisecond)
	}
	snap(t, ctx, "demo-add-done")
	if !strings.Contains(pageText(), "in the story") {
		t.Fatalf("the added article is in no story: %s", pageText())
	}
	steps(t, ctx, chromedp.Click(chromedp.CSS(`.added a[href^="/stories/"]`)), chromedp.WaitVisible(chromedp.ID("articles")))
	if u := run1(t, ctx, chromedp.Location()); !strings.HasSuffix(u, story) {
		t.Errorf("the article joined %s, want the demo story %s", u, story)
	}
	if got := js[string](t, ctx, `document.getElementById("articles").innerText`); !strings.Contains(got, title) {
		t.Errorf("the story does not list the added article")
	}
}

// TestDemoXSS adds, through the API and the real pipeline, articles whose
// text, title, outlet, byline and URL carry markup, then loads every page
// (parsed, and in the browser when there is one): no script runs, the
// markup reads as text.
func TestDemoXSS(t *testing.T) {
	_, ts := demoServer(t)
	for i := 0; i < 4; i++ {
		p := webtest.Payload
		body := fmt.Sprintf(`{"text":%q,"title":%q,"outlet":%q,"byline":%q,"url":%q}`,
			"The Kharzin port reopened on Monday, officials said. "+p(i)+" More than 40 ships waited. "+p(i+4)+" \"We are "+p(i+8)+" open,\" said Mirko Sadovskiy.",
			p(i+12)+" Kharzin port reopens", p(i+16), p(i+20), []string{"javascript:window.__xss=99", "https://x.test/" + p(i), "data:text/html,<script>", "vbscript:x"}[i])
		if code := postJSON(t, ts.URL+"/api/articles", body, e2eToken); code != 201 {
			t.Fatalf("hostile article %d: status %d", i, code)
		}
	}
	paths := webtest.Crawl(t, ts.Client(), ts.URL, 150, "/", "/articles", "/entities", "/search?q=Kharzin+port")
	literal := 0
	for _, p := range paths {
		resp, err := ts.Client().Get(ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, bad := range webtest.CheckMarkup(string(b)) {
			t.Errorf("%s: %s", p, bad)
		}
		if strings.Contains(string(b), "&lt;script&gt;window.__xss=") {
			literal++
		}
	}
	if literal < 3 {
		t.Errorf("the markup shows as text on only %d of %d pages", literal, len(paths))
	}
	if webtest.Chromium() == "" {
		t.Skip("no chromium binary: the pages were parsed, not loaded in a browser")
	}
	ctx := webtest.Browser(t)
	for _, p := range paths {
		_, bad, err := webtest.BrowserCheck(ctx, ts.URL+p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, b := range bad {
			t.Errorf("%s (browser): %s", p, b)
		}
	}
	t.Logf("%d pages loaded", len(paths))
}
