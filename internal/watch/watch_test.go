package watch

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"storyline/internal/news"
	"storyline/internal/sqlite"
)

// memState is a StateStore in memory.
type memState struct {
	mu   sync.Mutex
	vals map[string][]byte
}

func (m *memState) GetState(_ context.Context, ns string, keys []string) (map[string][]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string][]byte{}
	for _, k := range keys {
		if v, ok := m.vals[ns+"\x00"+k]; ok {
			out[k] = v
		}
	}
	return out, nil
}

func (m *memState) ScanState(context.Context, string, string, int) ([]news.StateValue, error) {
	return nil, nil
}

func (m *memState) PutState(_ context.Context, w news.StateWrite) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.vals == nil {
		m.vals = map[string][]byte{}
	}
	for _, v := range w.Values {
		m.vals[v.NS+"\x00"+v.Key] = v.Value
	}
	return nil
}

func (m *memState) Postings(context.Context, string, []string, int) (map[string][]string, error) {
	return nil, nil
}

// site is an invented news site on loopback: one feed and its pages,
// with switches for the failures a test wants.
type site struct {
	srv *httptest.Server

	mu        sync.Mutex
	items     []int       // article numbers in the feed, newest first
	feedFails int         // answer 500 to this many feed requests
	pageFails map[int]int // answer 500 to this many requests of a page
	log       []request
	inFlight  int
	overlap   bool // two requests were served at once
}

type request struct {
	path, ifNoneMatch, ifModifiedSince, userAgent string
	start, end                                    time.Time
}

const modified = "Tue, 04 May 2032 09:00:00 GMT"

func newSite(t *testing.T, items ...int) *site {
	s := &site{items: items, pageFails: map[int]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.inFlight++
	if s.inFlight > 1 {
		s.overlap = true
	}
	rec := request{path: r.URL.Path, ifNoneMatch: r.Header.Get("If-None-Match"),
		ifModifiedSince: r.Header.Get("If-Modified-Since"), userAgent: r.UserAgent(), start: time.Now()}
	s.mu.Unlock()
	time.Sleep(5 * time.Millisecond) // long enough for an overlap to show
	s.mu.Lock()
	defer func() {
		s.inFlight--
		rec.end = time.Now()
		s.log = append(s.log, rec)
		s.mu.Unlock()
	}()
	switch {
	case r.URL.Path == "/feed.xml":
		if s.feedFails > 0 {
			s.feedFails--
			http.Error(w, "oops", http.StatusInternalServerError)
			return
		}
		etag := fmt.Sprintf("\"v%v\"", s.items)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", modified)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Vell Harbour Gazette</title><link>`+s.srv.URL+`/</link>`)
		for _, n := range s.items {
			fmt.Fprintf(w, `<item><title>Harbour report %d</title><link>%s/a/%d.html</link><guid>vell-%d</guid>`+
				`<pubDate>Tue, 04 May 2032 09:%02d:00 GMT</pubDate><description>Short summary of report %d about the ferry.</description></item>`,
				n, s.srv.URL, n, n, n%60, n)
		}
		fmt.Fprint(w, `</channel></rss>`)
	case strings.HasPrefix(r.URL.Path, "/a/"):
		var n int
		fmt.Sscanf(r.URL.Path, "/a/%d.html", &n)
		if s.pageFails[n] > 0 {
			s.pageFails[n]--
			http.Error(w, "gone wrong", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, "<html><head><title>Harbour report %d</title></head><body><article><p>Report %d: the ferry to Vell ran on time.</p></article></body></html>", n, n)
	default:
		http.NotFound(w, r)
	}
}

func (s *site) requests(path string) []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []request
	for _, r := range s.log {
		if path == "" || r.path == path {
			out = append(out, r)
		}
	}
	return out
}

func (s *site) set(f func(s *site)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

// sink collects what the watcher adds.
type sink struct {
	mu    sync.Mutex
	items []Item
	fail  bool
}

func (k *sink) add(_ context.Context, it Item) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fail {
		return fmt.Errorf("queue away")
	}
	k.items = append(k.items, it)
	return nil
}

func (k *sink) ids() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	var out []string
	for _, it := range k.items {
		out = append(out, it.ID)
	}
	return out
}

func newWatcher(t *testing.T, state news.StateStore, k *sink, feeds ...string) *Watcher {
	t.Helper()
	var fs []Feed
	for _, f := range feeds {
		fs = append(fs, Feed{URL: f})
	}
	w, err := New(Config{Feeds: fs, State: state, Add: k.add, HostDelay: 20 * time.Millisecond,
		RetryBase: time.Minute, MaxBackoff: time.Hour, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func poll(t *testing.T, w *Watcher, feed string) Result {
	t.Helper()
	res, err := w.Poll(context.Background(), Feed{URL: feed})
	if err != nil {
		t.Fatalf("poll: %v", err)
	}
	return res
}

func TestConditionalGetAndAChangingFeed(t *testing.T) {
	s := newSite(t, 2, 1)
	k := &sink{}
	w := newWatcher(t, &memState{}, k, s.srv.URL+"/feed.xml")
	feed := s.srv.URL + "/feed.xml"

	res := poll(t, w, feed)
	if res.NotModified || res.Added != 2 {
		t.Fatalf("first poll: %+v, want 2 added", res)
	}
	if got := k.ids(); !slices.Equal(got, []string{"vell-1", "vell-2"}) {
		t.Errorf("added %v, want oldest first", got)
	}
	it := k.items[0]
	if string(it.Page) == "" || it.Link != s.srv.URL+"/a/1.html" || it.Title != "Harbour report 1" ||
		it.FeedTitle != "Vell Harbour Gazette" || it.Published != "2032-05-04T09:01:00Z" {
		t.Errorf("first item %+v", it)
	}

	res = poll(t, w, feed)
	if !res.NotModified || res.Added != 0 {
		t.Errorf("second poll: %+v, want 304", res)
	}
	feeds := s.requests("/feed.xml")
	if last := feeds[len(feeds)-1]; last.ifNoneMatch == "" || last.ifModifiedSince != modified {
		t.Errorf("second poll sent no validators: %+v", last)
	}
	if !strings.Contains(feeds[0].userAgent, "storyline") {
		t.Errorf("user agent %q does not say who asks", feeds[0].userAgent)
	}

	s.set(func(s *site) { s.items = []int{3, 2, 1} })
	res = poll(t, w, feed)
	if res.Added != 1 || res.NotModified {
		t.Errorf("poll after a new item: %+v, want 1 added", res)
	}
	if got := k.ids(); !slices.Equal(got, []string{"vell-1", "vell-2", "vell-3"}) {
		t.Errorf("added %v", got)
	}
	if n := len(s.requests("/a/1.html")); n != 1 {
		t.Errorf("page 1 fetched %d times, want once", n)
	}
}

func TestBackoffAfterServerErrors(t *testing.T) {
	s := newSite(t, 1)
	s.set(func(s *site) { s.feedFails = 3 })
	k := &sink{}
	w := newWatcher(t, &memState{}, k)
	now := time.Date(2032, 5, 4, 12, 0, 0, 0, time.UTC)
	w.cfg.Now = func() time.Time { return now }
	feed := Feed{URL: s.srv.URL + "/feed.xml"}
	var waits []time.Duration
	for i := range 3 {
		res, err := w.Poll(context.Background(), feed)
		if err == nil || !strings.Contains(err.Error(), "500") {
			t.Fatalf("poll %d: err %v, want the 500 named", i, err)
		}
		waits = append(waits, res.Next.Sub(now))
	}
	// RetryBase doubled per error, with jitter in [d/2, d].
	for i, want := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute} {
		if waits[i] < want/2 || waits[i] > want {
			t.Errorf("wait after error %d: %v, want within [%v, %v]", i+1, waits[i], want/2, want)
		}
	}
	st, _ := w.load(context.Background(), feed.URL)
	if st.Errors != 3 || !strings.Contains(st.LastError, "500") {
		t.Errorf("state %+v", st)
	}
	res, err := w.Poll(context.Background(), feed)
	if err != nil || res.Added != 1 {
		t.Fatalf("poll after recovery: %+v, %v", res, err)
	}
	if res.Next.Sub(now) != DefaultInterval {
		t.Errorf("next poll after recovery in %v, want the interval", res.Next.Sub(now))
	}
	st, _ = w.load(context.Background(), feed.URL)
	if st.Errors != 0 || st.LastError != "" {
		t.Errorf("errors not reset: %+v", st)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "7200")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	w := newWatcher(t, &memState{}, &sink{})
	now := time.Now()
	w.cfg.Now = func() time.Time { return now }
	res, err := w.Poll(context.Background(), Feed{URL: srv.URL + "/feed.xml"})
	if err == nil {
		t.Fatal("no error for a 429")
	}
	if got := res.Next.Sub(now); got != time.Hour {
		t.Errorf("next poll in %v, want Retry-After capped at MaxBackoff (1h)", got)
	}
}

func TestAFailingPageIsRetriedThenTheFeedTextIsUsed(t *testing.T) {
	s := newSite(t, 2, 1)
	s.set(func(s *site) { s.pageFails[2] = 100 })
	k := &sink{}
	w := newWatcher(t, &memState{}, k)
	feed := s.srv.URL + "/feed.xml"
	for try := 1; try < pageTries; try++ {
		res := poll(t, w, feed)
		if res.Deferred != 1 {
			t.Fatalf("poll %d: %+v, want the failing page deferred", try, res)
		}
		if res.NotModified {
			t.Fatalf("poll %d answered 304: validators were kept while an item waits", try)
		}
	}
	res := poll(t, w, feed)
	if res.Added != 1 || res.Deferred != 0 {
		t.Fatalf("last poll: %+v, want the item added from the feed's text", res)
	}
	if got := k.ids(); !slices.Equal(got, []string{"vell-1", "vell-2"}) {
		t.Fatalf("added %v", got)
	}
	fallback := k.items[1]
	if fallback.Page != nil || !strings.Contains(string(fallback.FeedXML), "Short summary of report 2") ||
		!strings.Contains(string(fallback.FeedXML), "<guid>vell-2</guid>") {
		t.Errorf("fallback item: page %q, feed %s", fallback.Page, fallback.FeedXML)
	}
	if res := poll(t, w, feed); !res.NotModified {
		t.Errorf("after every item was handed on, the feed should be 304: %+v", res)
	}
}

func TestAnAddThatFailsIsTriedAgain(t *testing.T) {
	s := newSite(t, 1)
	k := &sink{fail: true}
	w := newWatcher(t, &memState{}, k)
	feed := s.srv.URL + "/feed.xml"
	if res := poll(t, w, feed); res.Deferred != 1 || res.Added != 0 {
		t.Fatalf("%+v", res)
	}
	k.fail = false
	if res := poll(t, w, feed); res.Added != 1 {
		t.Fatalf("%+v", res)
	}
}

// TestPolitenessOneRequestAtATimePerHost runs two feeds on two servers of
// one host: no two requests overlap, and each starts at least HostDelay
// after the one before ended.
func TestPolitenessOneRequestAtATimePerHost(t *testing.T) {
	a := newSite(t, 3, 2, 1)
	b := newSite(t, 6, 5, 4)
	k := &sink{}
	w := newWatcher(t, &memState{}, k, a.srv.URL+"/feed.xml", b.srv.URL+"/feed.xml")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	deadline := time.Now().Add(20 * time.Second)
	for len(k.ids()) < 6 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if n := len(k.ids()); n != 6 {
		t.Fatalf("%d items added, want 6", n)
	}
	all := append(a.requests(""), b.requests("")...)
	slices.SortFunc(all, func(x, y request) int { return x.start.Compare(y.start) })
	for i := 1; i < len(all); i++ {
		if all[i].start.Before(all[i-1].end) {
			t.Errorf("%s started before %s ended", all[i].path, all[i-1].path)
		}
		// The server ends a request before the client sees its end, and
		// the client waits the delay from there: the gap the server sees
		// can only be longer.
		if gap := all[i].start.Sub(all[i-1].end); gap < 20*time.Millisecond {
			t.Errorf("%s started %v after %s ended, less than the host delay", all[i].path, gap, all[i-1].path)
		}
	}
}

// TestRestartKeepsState polls through a real store, then starts a new
// watcher on the same database: it sends the validators it kept and adds
// nothing twice.
func TestRestartKeepsState(t *testing.T) {
	s := newSite(t, 2, 1)
	path := filepath.Join(t.TempDir(), "state.db")
	feed := s.srv.URL + "/feed.xml"
	run := func() (*sink, Result) {
		db, err := sqlite.Open(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		k := &sink{}
		return k, poll(t, newWatcher(t, db, k), feed)
	}
	if k, res := run(); res.Added != 2 || len(k.ids()) != 2 {
		t.Fatalf("first run: %+v", res)
	}
	k, res := run()
	if !res.NotModified || len(k.ids()) != 0 {
		t.Errorf("after a restart: %+v, added %v", res, k.ids())
	}
	s.set(func(s *site) { s.items = []int{3, 2, 1} })
	if k, res := run(); res.Added != 1 || !slices.Equal(k.ids(), []string{"vell-3"}) {
		t.Errorf("after a restart and a new item: %+v, %v", res, k.ids())
	}
}

func TestRunWaitsForTheKeptNextPoll(t *testing.T) {
	s := newSite(t, 1)
	state := &memState{}
	k := &sink{}
	w := newWatcher(t, state, k, s.srv.URL+"/feed.xml")
	poll(t, w, s.srv.URL+"/feed.xml") // next poll is an interval away
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	w.Run(ctx)
	if n := len(s.requests("/feed.xml")); n != 1 {
		t.Errorf("the feed was fetched %d times; a restart before the next poll should fetch nothing", n)
	}
}

func TestBoundsAndBadFeeds(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big.xml":
			w.Write([]byte(strings.Repeat("<rss>", 1000)))
		case "/garbage.xml":
			w.Write([]byte("this is not a feed"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	w := newWatcher(t, &memState{}, &sink{})
	w.cfg.MaxFeedBytes = 1000
	for _, tc := range []struct{ path, want string }{
		{"/big.xml", "limit"},
		{"/garbage.xml", "malformed feed"},
		{"/missing.xml", "404"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			_, err := w.Poll(context.Background(), Feed{URL: srv.URL + tc.path})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := New(Config{Feeds: []Feed{{URL: "file:///etc/passwd"}}, State: &memState{}, Add: (&sink{}).add}); err == nil {
		t.Error("a file: feed was accepted")
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2032, 5, 4, 9, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":                              0,
		"120":                           2 * time.Minute,
		"-5":                            0,
		"soon":                          0,
		"Tue, 04 May 2032 09:10:00 GMT": 10 * time.Minute,
		"Tue, 04 May 2032 08:10:00 GMT": 0,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}
