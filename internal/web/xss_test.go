package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"storyline/internal/web/webtest"
)

// hostilePaths are the pages of the hostile fixture: every page reached
// from the stories page and the lists, plus pages that echo a query.
func hostilePaths(t *testing.T, ts string, c *http.Client) []string {
	start := []string{"/", "/articles", "/entities", "/search?q=" + url.QueryEscape(webtest.Payload(40)+" hurt"),
		"/search?q=" + url.QueryEscape(webtest.Payload(5)), "/login?next=" + url.QueryEscape("javascript:"+webtest.Payload(41)),
		"/entities?q=" + url.QueryEscape(webtest.Payload(42)), "/no-page-" + url.PathEscape(webtest.Payload(43))}
	paths := webtest.Crawl(t, c, ts, 200, start...)
	var story, article, entity bool
	for _, p := range paths {
		story = story || strings.HasPrefix(p, "/stories/")
		article = article || strings.HasPrefix(p, "/articles/")
		entity = entity || strings.HasPrefix(p, "/entities/")
	}
	if !story || !article || !entity {
		t.Fatalf("the crawl missed a kind of page: %v", paths)
	}
	t.Logf("%d pages", len(paths))
	return paths
}

// TestXSSMarkup parses every page of the hostile fixture and checks that
// no article markup reached the page as markup, and that it shows as text.
func TestXSSMarkup(t *testing.T) {
	_, ts := server(t, webtest.NewBackend(webtest.Hostile()))
	shown := 0
	for _, p := range hostilePaths(t, ts.URL, ts.Client()) {
		_, body, _ := get(t, ts, p)
		for _, bad := range webtest.CheckMarkup(body) {
			t.Errorf("%s: %s", p, bad)
		}
		if strings.Contains(body, "&lt;script&gt;window.__xss=") || strings.Contains(body, "onerror=&#34;window.__xss=") {
			shown++
		}
	}
	if shown < 5 {
		t.Errorf("the payloads show as text on only %d pages", shown)
	}
	// JSON escapes markup too, so a body pasted into a page stays text.
	_, body, _ := get(t, ts, "/api/articles")
	if strings.Contains(body, "<script>") || !strings.Contains(body, `\u003cscript\u003e`) {
		t.Errorf("API JSON does not escape markup")
	}
}

// TestBrowserXSS loads every page of the hostile fixture in Chromium and
// checks that no script ran, no dialog opened, no foreign element is in
// the DOM, and the payloads read as literal text.
func TestBrowserXSS(t *testing.T) {
	ctx := webtest.Browser(t)
	_, ts := server(t, webtest.NewBackend(webtest.Hostile()))
	literal := 0
	for _, p := range hostilePaths(t, ts.URL, ts.Client()) {
		text, bad, err := webtest.BrowserCheck(ctx, ts.URL+p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, b := range bad {
			t.Errorf("%s: %s", p, b)
		}
		if strings.Contains(text, "<script>window.__xss=") {
			literal++
		}
	}
	if literal < 5 {
		t.Errorf("payloads read as literal text on only %d pages", literal)
	}
}
