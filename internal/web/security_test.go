package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"storyline/internal/web"
	"storyline/internal/web/webtest"
)

func TestSecurityHeaders(t *testing.T) {
	_, ts := filled(t)
	for _, path := range []string{"/", "/api/stories", "/static/style.css", "/nope", "/healthz"} {
		t.Run(path, func(t *testing.T) {
			_, _, h := get(t, ts, path)
			csp := h.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'none'", "script-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %q", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
				t.Errorf("CSP allows inline code: %q", csp)
			}
			for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"} {
				if h.Get(k) != v {
					t.Errorf("%s = %q, want %q", k, h.Get(k), v)
				}
			}
		})
	}
}

// TestNoInlineCode checks the templates against the CSP: no inline
// script, no style attributes, no event handler attributes.
func TestNoInlineCode(t *testing.T) {
	b, ts := filled(t)
	rep, _ := b.Report(t.Context())
	inline := regexp.MustCompile(`(?i)<script(?:\s[^>]*)?>[^<]|\sstyle=|\son[a-z]+=|javascript:`)
	for _, p := range []string{"/", pathOf("/stories/", webtest.StoryDam), pathOf("/articles/", rep.Articles[0].ID), "/entities",
		pathOf("/entities/", webtest.EntityMarrow), "/search?q=dam", "/add", "/login"} {
		_, body, _ := get(t, ts, p)
		if m := inline.FindString(body); m != "" {
			t.Errorf("%s: inline code %q", p, m)
		}
	}
}

func post(t *testing.T, c *http.Client, u, ctype, body string, header ...string) (int, string) {
	t.Helper()
	return send(t, c, "POST", u, ctype, body, header...)
}

// send makes one request and returns its status and body.
func send(t *testing.T, c *http.Client, method, u, ctype, body string, header ...string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestWritesNeedTheToken(t *testing.T) {
	b, ts := filled(t)
	body := `{"text":"The lighthouse at Cape Dorrel was relit on Monday after repairs."}`
	for _, c := range []struct {
		name   string
		header []string
		code   int
	}{
		{"none", nil, 401},
		{"wrong", []string{"Authorization", "Bearer nope-nope-nope"}, 401},
		{"not bearer", []string{"Authorization", "Basic " + testToken}, 401},
		{"right", []string{"Authorization", "Bearer " + testToken}, 201},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, resp := post(t, ts.Client(), ts.URL+"/api/articles", "application/json", body, c.header...)
			if code != c.code {
				t.Fatalf("status %d, want %d: %s", code, c.code, resp)
			}
			if code == 401 && !strings.Contains(resp, `"code":"unauthorized"`) {
				t.Errorf("body %s", resp)
			}
		})
	}
	if b.Adds != 1 {
		t.Errorf("%d articles added, want 1", b.Adds)
	}
	// A server without a token refuses every write.
	_, ts2 := server(t, webtest.FilledBackend(), func(c *web.Config) { c.Token = "" })
	if code, _ := post(t, ts2.Client(), ts2.URL+"/api/articles", "application/json", body, "Authorization", "Bearer "); code != 401 {
		t.Errorf("tokenless server: status %d, want 401", code)
	}
}

func TestClosedReads(t *testing.T) {
	_, ts := server(t, webtest.FilledBackend(), func(c *web.Config) { c.ClosedReads = true })
	noRedirect := *ts.Client()
	noRedirect.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, c := range []struct {
		path   string
		header []string
		code   int
	}{
		{"/api/stories", nil, 401},
		{"/", nil, 303},
		{"/metrics", nil, 303},
		{"/healthz", nil, 200},
		{"/login", nil, 200},
		{"/static/style.css", nil, 200},
		{"/api/stories", []string{"Authorization", "Bearer " + testToken}, 200},
	} {
		req, _ := http.NewRequest("GET", ts.URL+c.path, nil)
		for i := 0; i+1 < len(c.header); i += 2 {
			req.Header.Set(c.header[i], c.header[i+1])
		}
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.code {
			t.Errorf("%s %v: status %d, want %d", c.path, c.header, resp.StatusCode, c.code)
		}
	}
}

// browser is a client with cookies, as a person's browser is.
func browser(t *testing.T) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 10 * time.Second}
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([0-9a-f]+)"`)

func csrfOf(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	m := csrfRE.FindStringSubmatch(string(b))
	if m == nil {
		t.Fatalf("no CSRF field on %s", u)
	}
	return m[1]
}

// signIn signs c in through the login form.
func signIn(t *testing.T, c *http.Client, base string) {
	t.Helper()
	tok := csrfOf(t, c, base+"/login")
	form := url.Values{"csrf": {tok}, "token": {testToken}, "next": {"/add"}}
	code, body := post(t, c, base+"/login", "application/x-www-form-urlencoded", form.Encode())
	if code != 200 || !strings.Contains(body, "Paste an article") {
		t.Fatalf("sign in: status %d", code)
	}
}

func TestFormsNeedCSRF(t *testing.T) {
	b, ts := filled(t)
	c := browser(t)
	// Signing in with a wrong token fails, and so does a form without
	// its CSRF token.
	tok := csrfOf(t, c, ts.URL+"/login")
	if code, _ := post(t, c, ts.URL+"/login", "application/x-www-form-urlencoded", url.Values{"csrf": {tok}, "token": {"wrong-token-123"}}.Encode()); code != 401 {
		t.Errorf("wrong token: status %d, want 401", code)
	}
	if code, _ := post(t, c, ts.URL+"/login", "application/x-www-form-urlencoded", url.Values{"token": {testToken}}.Encode()); code != 403 {
		t.Errorf("no CSRF: status %d, want 403", code)
	}
	signIn(t, c, ts.URL)
	text := "The lighthouse at Cape Dorrel was relit on Monday after repairs."
	for _, cc := range []struct {
		name   string
		csrf   string
		header []string
		code   int
	}{
		{"no token", "", nil, 403},
		{"forged token", strings.Repeat("ab", 32), nil, 403},
		{"cross-site", csrfOf(t, c, ts.URL+"/add"), []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"good", csrfOf(t, c, ts.URL+"/add"), nil, 200},
	} {
		t.Run(cc.name, func(t *testing.T) {
			form := url.Values{"csrf": {cc.csrf}, "kind": {"paste"}, "format": {"text"}, "body": {text}, "title": {"Cape Dorrel light relit"}}
			code, body := post(t, c, ts.URL+"/add", "application/x-www-form-urlencoded", form.Encode(), cc.header...)
			if code != cc.code {
				t.Errorf("status %d, want %d: %.300s", code, cc.code, body)
			}
		})
	}
	waitAdds(t, b, 1)
}

func waitAdds(t *testing.T, b *webtest.Backend, n int) {
	t.Helper()
	for i := 0; i < 200; i++ {
		rep, _ := b.Report(context.Background())
		if len(rep.Articles) >= 5+n {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("article not added in time")
}

// TestAddFormJob adds through the form and follows the job page to the
// article, which shows in its story.
func TestAddFormJob(t *testing.T) {
	b, ts := filled(t)
	c := browser(t)
	signIn(t, c, ts.URL)
	form := url.Values{"csrf": {csrfOf(t, c, ts.URL+"/add")}, "kind": {"paste"}, "format": {"text"}, "body": {"Volunteers cleared mud from the Lower Vasko school on Wednesday."},
		"title": {"Volunteers clear Lower Vasko school"}, "outlet": {"Vasko Gazette"}, "published": {"2031-05-14"}}
	req, _ := http.NewRequest("POST", ts.URL+"/add", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	var jobURL string
	c.CheckRedirect = func(r *http.Request, via []*http.Request) error { jobURL = r.URL.Path; return http.ErrUseLastResponse }
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	c.CheckRedirect = nil
	if resp.StatusCode != 303 || !strings.HasPrefix(jobURL, "/jobs/") {
		t.Fatalf("status %d, redirect %q", resp.StatusCode, jobURL)
	}
	var page string
	for i := 0; i < 100; i++ {
		r, err := c.Get(ts.URL + jobURL)
		if err != nil {
			t.Fatal(err)
		}
		bb, _ := io.ReadAll(r.Body)
		r.Body.Close()
		page = string(bb)
		if strings.Contains(page, "Added") {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(page, "Volunteers clear Lower Vasko school") || !strings.Contains(page, "in the story") {
		t.Fatalf("job page does not show the article in its story:\n%s", page)
	}
	// The job's JSON matches the document.
	_, raw, _ := get(t, ts, "/api/openapi.json")
	doc := loadOpenAPI(t, raw)
	_, jb, _ := get(t, ts, "/api/"+strings.TrimPrefix(jobURL, "/"))
	var v any
	json.Unmarshal([]byte(jb), &v)
	s, err := doc.responseSchema("/api/jobs/{id}", "GET", 200)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range doc.check(s, v, "job") {
		t.Error(e)
	}
	if b.Adds != 1 {
		t.Errorf("%d adds", b.Adds)
	}
}

func TestUploadForm(t *testing.T) {
	b, ts := filled(t)
	c := browser(t)
	signIn(t, c, ts.URL)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", csrfOf(t, c, ts.URL+"/add"))
	mw.WriteField("kind", "upload")
	for _, name := range []string{"one.txt", "two.txt"} {
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write([]byte("A note about " + name + " and the flood defences of Lower Vasko."))
	}
	mw.Close()
	code, body := post(t, c, ts.URL+"/add", mw.FormDataContentType(), buf.String())
	if code != 200 {
		t.Fatalf("status %d: %.300s", code, body)
	}
	waitAdds(t, b, 2)
}

func TestBoundedBodies(t *testing.T) {
	_, ts := server(t, webtest.FilledBackend(), func(c *web.Config) { c.MaxBodyBytes = 1000; c.MaxUploadBytes = 5000 })
	big := `{"text":"` + strings.Repeat("word ", 400) + `"}`
	code, body := post(t, ts.Client(), ts.URL+"/api/articles", "application/json", big, "Authorization", "Bearer "+testToken)
	if code != 413 || !strings.Contains(body, "too_large") {
		t.Errorf("big JSON: status %d %s", code, body)
	}
	code, _ = post(t, ts.Client(), ts.URL+"/api/articles", "text/plain", `{"text":"x"}`, "Authorization", "Bearer "+testToken)
	if code != 400 {
		t.Errorf("wrong content type: status %d", code)
	}
	code, _ = post(t, ts.Client(), ts.URL+"/api/articles", "application/json", `{"text":"x"}{"text":"y"}`, "Authorization", "Bearer "+testToken)
	if code != 400 {
		t.Errorf("two values: status %d", code)
	}
	c := browser(t)
	signIn(t, c, ts.URL)
	form := url.Values{"csrf": {csrfOf(t, c, ts.URL+"/add")}, "kind": {"paste"}, "body": {strings.Repeat("x", 6000)}}
	if code, _ := post(t, c, ts.URL+"/add", "application/x-www-form-urlencoded", form.Encode()); code != 413 {
		t.Errorf("big form: status %d, want 413", code)
	}
}

func TestMethodsAndUnknownAPI(t *testing.T) {
	_, ts := filled(t)
	req, _ := http.NewRequest("DELETE", ts.URL+"/api/stories", nil)
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 405 || !strings.Contains(string(b), `"code":"method_not_allowed"`) {
		t.Errorf("DELETE: %d %s", resp.StatusCode, b)
	}
	if code, body, _ := get(t, ts, "/api/nothing"); code != 404 || !strings.Contains(body, `"code":"not_found"`) {
		t.Errorf("unknown API path: %d %s", code, body)
	}
}

// TestGracefulShutdown holds an add in the backend, stops the server,
// and checks that the add finished and was answered before Serve
// returned.
func TestGracefulShutdown(t *testing.T) {
	b := webtest.FilledBackend()
	b.Gate = make(chan struct{})
	b.Started = make(chan struct{}, 1)
	s, err := web.New(web.Config{Backend: b, Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln) }()
	answered := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest("POST", "http://"+ln.Addr().String()+"/api/articles",
			strings.NewReader(`{"text":"The Orrin valley school reopened on Monday."}`))
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	<-b.Started
	stop()
	select {
	case err := <-served:
		t.Fatalf("Serve returned with a write in flight: %v", err)
	case <-time.After(200 * time.Millisecond):
	}
	close(b.Gate)
	if code := <-answered; code != 201 {
		t.Errorf("in-flight write answered %d, want 201", code)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if b.Adds != 1 {
		t.Errorf("%d adds, want 1", b.Adds)
	}
}

func TestMetricsAndHealth(t *testing.T) {
	_, ts := filled(t)
	get(t, ts, "/")
	get(t, ts, "/stories/nope")
	code, body, _ := get(t, ts, "/metrics")
	if code != 200 {
		t.Fatalf("metrics: %d", code)
	}
	for _, want := range []string{`storyline_http_requests_total{code="200",method="GET",route="GET /{$}"} 1`,
		`storyline_http_requests_total{code="404",method="GET",route="GET /stories/{id}"} 1`, "storyline_http_request_duration_seconds_bucket", "go_goroutines"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if code, body, _ := get(t, ts, "/healthz"); code != 200 || !strings.Contains(body, "ok") {
		t.Errorf("healthz: %d %s", code, body)
	}
}
