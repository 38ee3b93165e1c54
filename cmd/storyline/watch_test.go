package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"storyline/internal/news"
	"storyline/internal/sqlite"
)

// feedServer serves an invented feed of two items on loopback, with the
// pages they link to, counting requests.
type feedServer struct {
	*httptest.Server
	feedGets, conditional, pageGets atomic.Int32
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{}
	feedGets, conditional, pageGets := &fs.feedGets, &fs.conditional, &fs.pageGets
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/feed.xml":
			feedGets.Add(1)
			if r.Header.Get("If-None-Match") == `"one"` {
				conditional.Add(1)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", `"one"`)
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Vell Harbour Gazette</title>
<item><title>Ferries return to Vell</title><link>%[1]s/ferries</link><guid>g1</guid><pubDate>Tue, 04 May 2032 09:00:00 GMT</pubDate><description>Ferries again.</description></item>
<item><title>Harbour wall repairs</title><link>%[1]s/wall</link><guid>g2</guid><pubDate>Wed, 05 May 2032 10:00:00 GMT</pubDate><description>Repairs.</description></item>
</channel></rss>`, srv.URL)
		case r.URL.Path == "/ferries" || r.URL.Path == "/wall":
			pageGets.Add(1)
			w.Header().Set("Content-Type", "text/html")
			body := goodArticle
			if r.URL.Path == "/wall" {
				body = "Harbour wall repairs\n\nRepairs to the harbour wall at Vell will start in June and cost about 2 million crowns, the island council said on Wednesday. The work will take four months.\n"
			}
			fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article>", strings.SplitN(body, "\n", 2)[0])
			for _, p := range strings.Split(body, "\n\n")[1:] {
				fmt.Fprintf(w, "<p>%s</p>", p)
			}
			fmt.Fprint(w, "</article></body></html>")
		default:
			http.NotFound(w, r)
		}
	}))
	fs.Server = srv
	t.Cleanup(srv.Close)
	return fs
}

// TestWatchAddsAFeedOnce runs 'storyline watch' on a feed served on
// loopback whose items link to pages: both pages are stored, and a second
// run (a restart) before the next poll is due fetches nothing.
func TestWatchAddsAFeedOnce(t *testing.T) {
	srv := newFeedServer(t)
	feedGets, pageGets := &srv.feedGets, &srv.pageGets
	db := filepath.Join(t.TempDir(), "w.db")
	watchOnce := func(within time.Duration, until func(out string) bool) string {
		t.Helper()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		out, errs := &syncBuffer{}, &syncBuffer{}
		done := make(chan int, 1)
		go func() {
			done <- run(ctx, []string{"watch", "--db", db, "--host-delay", "1ms", "--interval", "1h", srv.URL + "/feed.xml"}, strings.NewReader(""), out, errs)
		}()
		deadline := time.Now().Add(within)
		for !until(out.String()) && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(200 * time.Millisecond) // anything more it would do
		cancel()
		if code := <-done; code != exitOK {
			t.Fatalf("watch exited %d: %s", code, errs.String())
		}
		return out.String()
	}
	out := watchOnce(time.Minute, func(out string) bool { return strings.Count(out, "stored ") == 2 })
	if strings.Count(out, "stored ") != 2 || !strings.Contains(out, srv.URL+"/ferries") {
		t.Fatalf("first run printed %q, want both pages stored under their URLs", out)
	}
	// A restart: the poll is due only in an hour, so nothing is fetched.
	if out := watchOnce(time.Second, func(string) bool { return false }); out != "" {
		t.Errorf("a restart before the next poll printed %q", out)
	}
	if n := feedGets.Load(); n != 1 {
		t.Errorf("the feed was fetched %d times, want once (the next poll is an hour away)", n)
	}
	if n := pageGets.Load(); n != 2 {
		t.Errorf("pages fetched %d times, want 2", n)
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Count(context.Background()); n != 2 {
		t.Errorf("%d articles stored, want 2", n)
	}
	a, err := s.Articles(context.Background(), news.ArticleFilter{})
	if err != nil || len(a) != 2 || a[0].Outlet != "Vell Harbour Gazette" || a[0].Published.IsZero() {
		t.Errorf("stored articles %+v (%v): want the feed's outlet and dates", a, err)
	}
}

func TestWorkerAndWatchHelp(t *testing.T) {
	for cmd, want := range map[string][]string{
		"worker": {"--nats", "--concurrency", "--max-deliver", "--ack-wait", "--grace", "--dead", "--db", "Running many", "SIGKILL"},
		"watch":  {"--feeds", "--interval", "--host-delay", "--nats", "304", "Retry-After"},
		"serve":  {"--queue", "--nats-listen", "--watch", "storyline worker"},
	} {
		t.Run(cmd, func(t *testing.T) {
			code, out, errs := cli(t, "", cmd, "--help")
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range want {
				if !strings.Contains(out, w) {
					t.Errorf("%s --help does not mention %s", cmd, w)
				}
			}
		})
	}
	if code, _, errs := cli(t, "", "worker", "--nats", "localhost"); code != exitUsage || !strings.Contains(errs, "nats://") {
		t.Errorf("worker with a bad --nats: exit %d, %s", code, errs)
	}
	if code, _, _ := cli(t, "", "watch"); code != exitUsage {
		t.Errorf("watch with no feed: exit %d, want %d", code, exitUsage)
	}
}

// TestServeWatch runs the watcher inside 'storyline serve': the feed's
// pages are added while the server serves them.
func TestServeWatch(t *testing.T) {
	srv := newFeedServer(t)
	db := filepath.Join(t.TempDir(), "sw.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errs := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--token", "serve-watch-token-1",
			"--watch", srv.URL + "/feed.xml", "--watch-host-delay", "1ms"}, strings.NewReader(""), &syncBuffer{}, errs)
	}()
	deadline := time.Now().Add(time.Minute)
	for srv.pageGets.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("serve exited %d: %s", code, errs.String())
	}
	if !strings.Contains(errs.String(), "watching 1 feeds") {
		t.Errorf("serve did not say it watches: %s", errs.String())
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, _ := s.Count(context.Background()); n != 2 {
		t.Errorf("%d articles stored, want 2:\n%s", n, errs.String())
	}
}
