package web_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"storyline/internal/web/webtest"
)

// do runs browser steps, failing the test on the first error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestBrowserFixtureStory runs, on the filled fixtures (a differing fact
// needs the cross-article pass), what a reader does: open the stories,
// open a story, find the figure the outlets disagree on and follow it to
// its sentence.
func TestBrowserFixtureStory(t *testing.T) {
	ctx := webtest.Browser(t)
	_, ts := filled(t)
	dir := webtest.Artifacts(t)
	do(t, ctx, chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(".stories")))
	shot(t, ctx, dir, "fixture-stories")
	do(t, ctx, chromedp.Click(chromedp.CSS(`.story-item a[href="/stories/`+webtest.StoryDam+`"]`)), chromedp.WaitVisible(chromedp.CSS("table.facts")))
	shot(t, ctx, dir, "fixture-story")
	// The first row is a disagreement; its cells link to sentences.
	if got := eval[string](t, ctx, `document.querySelector("table.facts tbody tr").className`); got != "st-differ" {
		t.Fatalf("first row of the table is %q, want the differing fact first", got)
	}
	figure := eval[string](t, ctx, `document.querySelector("table.facts tbody tr td.st-differ a.fig").textContent`)
	do(t, ctx, chromedp.Click(chromedp.CSS(`table.facts tbody tr td.st-differ a.fig`)), chromedp.WaitVisible(chromedp.CSS(".body")))
	if u := location(t, ctx); !strings.Contains(u, "/articles/") || !strings.Contains(u, "#s-") {
		t.Fatalf("the figure led to %s, not to a sentence of an article", u)
	}
	target := eval[string](t, ctx, `document.querySelector(":target") ? document.querySelector(":target").textContent : ""`)
	if !strings.Contains(target, figure) {
		t.Errorf("the sentence shown (%q) does not hold the figure %q", target, figure)
	}
	shot(t, ctx, dir, "fixture-article")
	// The toggles switch a kind of highlight off.
	before := eval[string](t, ctx, `getComputedStyle(document.querySelector(".body .m-fig")).backgroundColor`)
	do(t, ctx, chromedp.Click(chromedp.ID("t-fig")))
	after := eval[string](t, ctx, `getComputedStyle(document.querySelector(".body .m-fig")).backgroundColor`)
	if before == after || after != "rgba(0, 0, 0, 0)" {
		t.Errorf("figure highlight %q → %q after the toggle, want it cleared", before, after)
	}
	// The quote variants are side by side with their differences marked.
	do(t, ctx, chromedp.Navigate(ts.URL+"/stories/"+webtest.StoryDam+"#quotes"))
	if n := eval[int](t, ctx, `document.querySelectorAll(".variants .variant").length`); n != 3 {
		t.Errorf("%d quote variants shown, want 3", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".variants mark.diff").length`); n == 0 {
		t.Errorf("no differences marked between the variants")
	}
}

// TestBrowserFixtureSpelling searches for a person by a spelling that
// only one article uses and reaches every article that names her, on
// the filled fixtures (identities across spellings come from the
// cross-article pass).
func TestBrowserFixtureSpelling(t *testing.T) {
	ctx := webtest.Browser(t)
	_, ts := filled(t)
	dir := webtest.Artifacts(t)
	do(t, ctx, chromedp.Navigate(ts.URL+"/search"), chromedp.WaitVisible(chromedp.ID("s-q")),
		chromedp.SendKeys(chromedp.ID("s-q"), "Ilse Marrow\n"), chromedp.WaitVisible(chromedp.CSS(".found-names")))
	shot(t, ctx, dir, "fixture-search")
	do(t, ctx, chromedp.Click(chromedp.CSS(`.found-names a[href="/entities/`+webtest.EntityMarrow+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(".articles")))
	text := eval[string](t, ctx, `document.body.innerText`)
	for _, want := range []string{"Ilsa Marow", "Ilse Marrow", "Dam breach at Orrin floods Lower Vasko", "Fourteen dead as Orrin dam gives way", "Orrin toll rises to 19"} {
		if !strings.Contains(text, want) {
			t.Errorf("entity page lacks %q", want)
		}
	}
	shot(t, ctx, dir, "fixture-entity")
}

// TestBrowserFixtureAdd signs in, adds an article through the form,
// watches its progress and finds it in its story.
func TestBrowserFixtureAdd(t *testing.T) {
	ctx := webtest.Browser(t)
	b, ts := filled(t)
	dir := webtest.Artifacts(t)
	addThroughForm(t, ctx, ts, dir, "Schools reopen in Lower Vasko", "Schools in Lower Vasko reopened on Thursday, a week after the flood.")
	if b.Adds != 1 {
		t.Errorf("%d adds, want 1", b.Adds)
	}
}

// addThroughForm is the add scenario; the demo test in cmd/storyline
// runs the same steps against the real store.
func addThroughForm(t *testing.T, ctx context.Context, ts *httptest.Server, dir, title, text string) {
	t.Helper()
	do(t, ctx, chromedp.Navigate(ts.URL+"/add"), chromedp.Click(chromedp.CSS(`a[href="/login?next=/add"]`)),
		chromedp.WaitVisible(chromedp.ID("l-token")), chromedp.SendKeys(chromedp.ID("l-token"), testToken+"\n"),
		chromedp.WaitVisible(chromedp.ID("p-body")))
	shot(t, ctx, dir, "add")
	do(t, ctx, chromedp.SendKeys(chromedp.ID("p-body"), text), chromedp.SendKeys(chromedp.ID("p-title"), title),
		chromedp.Click(chromedp.CSS(`#form-paste button[type="submit"]`)))
	deadline := time.Now().Add(60 * time.Second)
	// The page reloads itself while the job runs: read it between loads.
	pageText := func() string {
		s, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
		return s
	}
	for !strings.Contains(pageText(), "Added") {
		if time.Now().After(deadline) {
			t.Fatalf("the job page never showed the article: %s", pageText())
		}
		time.Sleep(100 * time.Millisecond)
	}
	shot(t, ctx, dir, "add-done")
	do(t, ctx, chromedp.Click(chromedp.CSS(`.added a[href^="/stories/"]`)), chromedp.WaitVisible(chromedp.ID("articles")))
	if got := eval[string](t, ctx, `document.getElementById("articles").innerText`); !strings.Contains(got, title) {
		t.Errorf("the story's articles do not list %q:\n%s", title, got)
	}
}

// TestBrowserPhone checks that the story page fits a phone's width.
func TestBrowserPhone(t *testing.T) {
	ctx := webtest.Browser(t)
	_, ts := filled(t)
	dir := webtest.Artifacts(t)
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(ts.URL+"/stories/"+webtest.StoryDam), chromedp.WaitVisible(chromedp.CSS("table.facts")))
	if w := eval[int](t, ctx, `document.documentElement.scrollWidth - window.innerWidth`); w > 1 {
		wide := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !(e.parentElement && e.parentElement.closest(".scroll"))).slice(0, 12).map(e => e.tagName + "." + e.className)`)
		t.Errorf("the page is %d px wider than the phone's screen: %v", w, wide)
	}
	shot(t, ctx, dir, "fixture-story-phone")
}

func shot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	if err := webtest.Screenshot(ctx, dir, name); err != nil {
		t.Error(err)
	}
	t.Logf("screenshot %s/%s.png", dir, name)
}
