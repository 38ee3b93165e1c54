package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"storyline/internal/web/webtest"
)

// FuzzRequests sends arbitrary paths, queries and JSON bodies to the
// server over the filled fixtures: nothing may fail with a 500, and every
// API answer, error or not, is JSON (an error with its code).
func FuzzRequests(f *testing.F) {
	f.Add("/api/stories", "limit=2&offset=1", "")
	f.Add("/api/search", "q=%22NEAR(a+b)%22+OR+1%3D1&since=2031-01-01", "")
	f.Add("/stories/"+webtest.StoryDam, "from=2031-05-12&to=2031-05-01", "")
	f.Add("/api/articles", "", `{"text":"x","published":"soon"}`)
	f.Add("/api/feeds", "", `{"url":"javascript:alert(1)"}`)
	f.Add("/search", "q=%00%ff&outlet=%3Cscript%3E", "")
	b := webtest.FilledBackend()
	_, ts := server(f, b)
	h := ts.Config.Handler
	f.Fuzz(func(t *testing.T, path, query, body string) {
		if !strings.HasPrefix(path, "/") || len(path) > 2048 || len(body) > 1<<16 {
			return
		}
		u := &url.URL{Path: path, RawQuery: query}
		if _, err := url.ParseRequestURI(u.String()); err != nil {
			return
		}
		method := http.MethodGet
		if body != "" {
			method = http.MethodPost
		}
		req, err := http.NewRequest(method, "http://storyline.test"+u.String(), strings.NewReader(body))
		if err != nil || strings.ContainsAny(u.String(), " \t\r\n") {
			return // not a request a client could send
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+testToken)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 && w.Code != http.StatusBadGateway {
			t.Fatalf("%s %s: status %d: %s", method, u, w.Code, w.Body.String())
		}
		if strings.HasPrefix(req.URL.Path, "/api/") {
			var v map[string]any
			if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
				t.Fatalf("%s %s: status %d, not JSON: %v", method, u, w.Code, err)
			}
			if _, ok := v["code"]; w.Code >= 400 && !ok {
				t.Fatalf("%s %s: error %d without a code: %s", method, u, w.Code, w.Body.String())
			}
		}
	})
}
