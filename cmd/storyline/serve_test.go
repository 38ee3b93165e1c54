package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"storyline/internal/news"
	"storyline/internal/sqlite"
	"storyline/internal/web"
)

// testFeed is an invented RSS feed of two full articles.
const testFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Vell Harbour Gazette</title><link>http://127.0.0.1/</link>
<item><title>Ferry service to Vell resumes</title><link>http://vell-gazette.test/ferry-resumes</link>
<pubDate>Tue, 04 May 2032 09:00:00 GMT</pubDate>
<description>The ferry service to the island of Vell resumed on Tuesday after a three-day closure, the harbour office said. More than 40 crossings had been cancelled during the storm.</description></item>
<item><title>Harbour wall repairs to start in June</title><link>http://vell-gazette.test/harbour-wall</link>
<pubDate>Wed, 05 May 2032 10:00:00 GMT</pubDate>
<description>Repairs to the harbour wall at Vell will start in June and cost about 2 million crowns, the island council said on Wednesday.</description></item>
</channel></rss>`

func newTestBackend(t testing.TB) (*storeBackend, *sqlite.DB) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	b, err := newStoreBackend(db, 2, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return b, db
}

func TestBackendAddsAFeedServedOnLoopback(t *testing.T) {
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, testFeed)
		case "/big":
			w.Write(bytes.Repeat([]byte("x"), 2<<20))
		default:
			http.NotFound(w, r)
		}
	}))
	defer feed.Close()
	b, _ := newTestBackend(t)
	before, err := b.Report(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var progress [][2]int
	res, err := b.Add(context.Background(), web.AddInput{URL: feed.URL + "/feed.xml", Outlet: "Vell Harbour Gazette",
		Progress: func(d, n int) { progress = append(progress, [2]int{d, n}) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Added) != 2 || len(res.Failures) != 0 {
		t.Fatalf("added %v, failures %v", res.Added, res.Failures)
	}
	if !strings.HasPrefix(res.Added[0].Input, feed.URL+"/feed.xml#") {
		t.Errorf("input named %q, want the feed's URL", res.Added[0].Input)
	}
	if last := progress[len(progress)-1]; last != [2]int{2, 2} {
		t.Errorf("progress ended at %v", last)
	}
	after, err := b.Report(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if after == before || len(after.Articles) != 2 {
		t.Fatalf("the report was not rebuilt after the add: %d articles", len(after.Articles))
	}
	if again, _ := b.Report(context.Background()); again != after {
		t.Errorf("the report is rebuilt without a change")
	}
	if o := after.Articles[0].Outlet; o == nil || *o != "Vell Harbour Gazette" {
		t.Errorf("outlet %v", o)
	}
	res, err = b.Add(context.Background(), web.AddInput{URL: feed.URL + "/feed.xml"})
	if err != nil || len(res.Duplicates) != 2 || len(res.Added) != 0 {
		t.Errorf("second add: %v %+v", err, res)
	}
	for _, c := range []struct {
		url  string
		kind error
		says string
	}{
		{feed.URL + "/missing", web.ErrUpstream, "404"},
		{"http://127.0.0.1:1/feed.xml", web.ErrUpstream, "can this server reach it"},
		{feed.URL + "/big", news.ErrTooLarge, "limit"},
		{"file:///etc/passwd", news.ErrInvalid, "not an http"},
	} {
		_, err := b.Add(context.Background(), web.AddInput{URL: c.url})
		if !errors.Is(err, c.kind) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want %v saying %q", c.url, err, c.kind, c.says)
		}
	}
}

func TestBackendAddsPastedAndUploaded(t *testing.T) {
	b, db := newTestBackend(t)
	ctx := context.Background()
	text := "The ferry service to the island of Vell resumed on Tuesday after a three-day closure, the harbour office said."
	res, err := b.Add(ctx, web.AddInput{Text: text, Title: "Ferries back", Outlet: "Island Post", Published: "2032-05-04",
		URL: "https://island-post.test/ferries"})
	if err != nil || len(res.Added) != 1 {
		t.Fatalf("paste: %v %+v", err, res)
	}
	a, err := db.Article(ctx, res.Added[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Ferries back" || a.Outlet != "Island Post" || a.URL != "https://island-post.test/ferries" || a.Published.Format("2006-01-02") != "2032-05-04" {
		t.Errorf("metadata not kept: %+v", a)
	}
	res, err = b.Add(ctx, web.AddInput{HTML: "<html><head><title>Storm</title></head><body><article><p>A storm closed the harbour of Vell for three days this week, and more than 40 crossings were cancelled, the harbour office said on Monday.</p><p>Ferries will run again once the wind drops, officials said.</p></article></body></html>"})
	if err != nil || len(res.Added) != 1 {
		t.Errorf("html: %v %+v", err, res)
	}
	res, err = b.Add(ctx, web.AddInput{Files: []web.File{
		{Name: "../../etc/notes.txt", Data: []byte("Repairs to the harbour wall at Vell will start in June, the island council said on Wednesday.")},
		{Name: "empty.txt", Data: nil},
		{Name: "photo.png", Data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00")},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Added) != 1 || res.Added[0].Input != "notes.txt" || len(res.Failures) != 2 {
		t.Errorf("upload: %+v", res)
	}
}

func TestWriteToken(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "db.token")
	var out bytes.Buffer
	tok, err := writeToken("", "", file, &out)
	if err != nil || len(tok) < 32 || !strings.Contains(out.String(), tok) {
		t.Fatalf("first start: %q %v %q", tok, err, out.String())
	}
	if st, err := os.Stat(file); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("token file: %v %v", st, err)
	}
	out.Reset()
	again, err := writeToken("", "", file, &out)
	if err != nil || again != tok || out.Len() != 0 {
		t.Errorf("second start: %q %v, printed %q", again, err, out.String())
	}
	if got, _ := writeToken("", "from-the-environment", file, &out); got != "from-the-environment" {
		t.Errorf("environment: %q", got)
	}
	if got, _ := writeToken("from-the-flag-123", "from-the-environment", file, &out); got != "from-the-flag-123" {
		t.Errorf("flag: %q", got)
	}
	if _, err := writeToken("short", "", file, &out); err == nil {
		t.Errorf("a short token was accepted")
	}
}

// syncBuffer is a buffer two goroutines can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var servingRE = regexp.MustCompile(`serving (http://127\.0\.0\.1:\d+)/`)

// startServe runs 'storyline ARGS' in the background and returns the
// address it serves on and a func that interrupts it and returns its
// exit code.
func startServe(t *testing.T, args ...string) (string, *syncBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, args, strings.NewReader(""), &out, &errb) }()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if m := servingRE.FindStringSubmatch(errb.String()); m != nil {
			return m[1], &errb, func() int {
				cancel()
				return <-done
			}
		}
		select {
		case code := <-done:
			cancel()
			t.Fatalf("exited %d before serving: %s", code, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("not serving after 2 minutes: %s", errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServeCommand runs 'storyline serve --demo' as a script would use it.
func TestServeCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	base, errb, stop := startServe(t, "serve", "--addr", "127.0.0.1:0", "--db", db, "--demo")
	tokenLine := regexp.MustCompile(`write token \(shown this once; kept in [^)]+\): ([0-9a-f]+)`).FindStringSubmatch(errb.String())
	if tokenLine == nil {
		t.Fatalf("no token printed: %s", errb.String())
	}
	token := tokenLine[1]
	resp, err := http.Get(base + "/healthz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("healthz: %v %v", resp, err)
	}
	resp.Body.Close()
	var stories struct {
		Stories []struct {
			ID string `json:"id"`
		} `json:"stories"`
	}
	getJSON(t, base+"/api/stories", &stories)
	if len(stories.Stories) == 0 || stories.Stories[0].ID == "" {
		t.Errorf("no stories from the demo corpus")
	}
	body := `{"text":"Fishing boats returned to Kharzin harbour on Monday, port officials said.","title":"Boats return","outlet":"Harbour Notes"}`
	if code := postJSON(t, base+"/api/articles", body, ""); code != 401 {
		t.Errorf("without the token: %d, want 401", code)
	}
	if code := postJSON(t, base+"/api/articles", body, token); code != 201 {
		t.Errorf("with the token: %d, want 201", code)
	}
	if code := stop(); code != exitOK {
		t.Errorf("exit %d after interrupt: %s", code, errb.String())
	}
	// The token is kept: a second start prints none and the first works.
	base, errb, stop = startServe(t, "serve", "--addr", "127.0.0.1:0", "--db", db)
	if strings.Contains(errb.String(), "write token") {
		t.Errorf("the token was printed again")
	}
	// Whether or not the stored pass let it listen before its report was
	// built, every page answers.
	var story struct {
		Story struct {
			ID string `json:"id"`
		} `json:"story"`
	}
	if len(stories.Stories) > 0 {
		getJSON(t, base+"/api/stories/"+stories.Stories[0].ID, &story)
		if story.Story.ID != stories.Stories[0].ID {
			t.Errorf("story %s after a restart: %+v", stories.Stories[0].ID, story)
		}
	}
	getJSON(t, base+"/api/stories", &stories)
	if len(stories.Stories) == 0 {
		t.Errorf("no stories after a restart")
	}
	if code := postJSON(t, base+"/api/articles", `{"text":"The Kharzin ferry ran again on Tuesday."}`, token); code != 201 {
		t.Errorf("kept token refused: %d", code)
	}
	stop()
}

func TestServeUsage(t *testing.T) {
	code, _, errs := cli(t, "", "serve", "--addr", "nonsense:address:here", "--db", filepath.Join(t.TempDir(), "s.db"), "--token", "a-long-enough-token")
	if code != exitUsage || !strings.Contains(errs, "listen on") {
		t.Errorf("bad address: exit %d, %s", code, errs)
	}
}

func TestDemoWithoutServing(t *testing.T) {
	code, out, errs := cli(t, "", "demo", "--serve=false", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct{ Articles []json.RawMessage }
	if err := json.Unmarshal([]byte(out), &rep); err != nil || len(rep.Articles) == 0 {
		t.Errorf("report: %v, %d articles", err, len(rep.Articles))
	}
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
}

func postJSON(t *testing.T, u, body, token string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode >= 300 && resp.StatusCode != 401 {
		t.Logf("%s: %d %s", u, resp.StatusCode, b)
	}
	return resp.StatusCode
}

// TestSearchInputIsSafe sends FTS syntax, SQL fragments and huge strings
// to the real store through the API: each is answered (no 500), nothing
// is lost.
func TestSearchInputIsSafe(t *testing.T) {
	b, db := newTestBackend(t)
	ctx := context.Background()
	if _, err := b.Add(ctx, web.AddInput{Text: "The ferry service to the island of Vell resumed on Tuesday, the harbour office said."}); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{Backend: b, Token: "a-long-enough-token"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, q := range []string{`ferry`, `"ferry`, `ferry*`, `NEAR(ferry harbour)`, `title:ferry`, `ferry OR 1=1`, `^ferry`, `-ferry`,
		`'; DROP TABLE articles; --`, `") OR 1=1 --`, `%_\`, "\x00ferry", strings.Repeat("ferry ", 200), strings.Repeat("é", 600)} {
		for _, path := range []string{"/api/search?q=", "/search?q="} {
			resp, err := http.Get(ts.URL + path + url.QueryEscape(q))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 && resp.StatusCode != 413 {
				t.Errorf("%s%.40q: status %d", path, q, resp.StatusCode)
			}
		}
	}
	var res struct {
		Hits []json.RawMessage `json:"hits"`
	}
	getJSON(t, ts.URL+"/api/search?q=ferry+harbour", &res)
	if len(res.Hits) != 1 {
		t.Errorf("%d hits for plain words, want 1", len(res.Hits))
	}
	if n, err := db.Count(ctx); err != nil || n != 1 {
		t.Errorf("store holds %d articles (%v) after the searches, want 1", n, err)
	}
	if resp, _ := http.Get(ts.URL + "/api/search?q=" + strings.Repeat("x", 9000)); resp.StatusCode != 413 {
		t.Errorf("huge query: status %d, want 413", resp.StatusCode)
	}
}

// A delete through the backend takes the article out of the store and out
// of the report, and the text can then be added again.
func TestBackendDeletes(t *testing.T) {
	b, db := newTestBackend(t)
	ctx := context.Background()
	text := "The ferry service to the island of Vell resumed on Tuesday after a three-day closure, the harbour office said."
	res, err := b.Add(ctx, web.AddInput{Text: text, Title: "Ferries back", Published: "2032-05-04"})
	if err != nil || len(res.Added) != 1 {
		t.Fatalf("add: %v %+v", err, res)
	}
	id := res.Added[0].ID
	if rep, err := b.Report(ctx); err != nil || len(rep.Articles) != 1 {
		t.Fatalf("report before delete: %v", err)
	}
	if err := b.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Article(ctx, id); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("article after delete: %v", err)
	}
	rep, err := b.Report(ctx)
	if err != nil || len(rep.Articles) != 0 || len(rep.Events) != 0 {
		t.Errorf("report after delete: %d articles, %d events, %v", len(rep.Articles), len(rep.Events), err)
	}
	if err := b.Delete(ctx, id); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	if res, err := b.Add(ctx, web.AddInput{Text: text, Title: "Ferries back", Published: "2032-05-04"}); err != nil || len(res.Added) != 1 {
		t.Errorf("add again after delete: %v %+v", err, res)
	}
}
