package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"storyline/internal/news"
	"storyline/internal/queue"
	"storyline/internal/sqlite"
	"storyline/internal/web"
)

func TestJobsRoundTrip(t *testing.T) {
	in := web.AddInput{Text: "body", URL: "http://vell.test/a", Title: "T", Outlet: "Gazette", Site: "vell.test",
		Byline: "A. Writer", Published: "2032-05-04", Language: "en",
		Files: []web.File{{Name: "x.html", Data: []byte("<p>\x00binary</p>")}}}
	data, err := encodeJob(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := decodeJob(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
	for _, bad := range []string{"", "{", `{"v":99,"text":"x"}`, "[]"} {
		if _, err := decodeJob([]byte(bad)); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("decodeJob(%q) = %v, want ErrInvalid", bad, err)
		}
	}
	res := web.AddResult{Added: []web.Added{{ID: "a1", Input: "x"}},
		Failures: []web.Failure{{Input: "y", Reason: "too big", Err: fmt.Errorf("y: %w", news.ErrTooLarge)}}}
	back, err := answerOf(res, fmt.Errorf("fetch: %w", web.ErrUpstream)).result()
	if !errors.Is(err, web.ErrUpstream) || err.Error() != "fetch: could not fetch" {
		t.Errorf("error %v does not keep its kind and text", err)
	}
	if len(back.Added) != 1 || len(back.Failures) != 1 || !errors.Is(back.Failures[0].Err, news.ErrTooLarge) {
		t.Errorf("result %+v", back)
	}
}

// flakyStore fails Add with an outage error a number of times.
type flakyStore struct {
	news.Store
	mu    sync.Mutex
	fails int
	calls int
}

func (f *flakyStore) Add(ctx context.Context, d *news.Doc) (news.AddResult, error) {
	f.mu.Lock()
	f.calls++
	fail := f.fails > 0
	f.fails--
	f.mu.Unlock()
	if fail {
		return news.AddResult{}, errors.New("dial tcp 127.0.0.1:5432: connection refused")
	}
	if d.Article.Text == "" {
		return news.AddResult{}, fmt.Errorf("empty: %w", news.ErrInvalid)
	}
	return news.AddResult{ID: d.Article.ID, Added: true}, nil
}

func TestRetryStoreWaitsOutAnOutage(t *testing.T) {
	var logs bytes.Buffer
	f := &flakyStore{fails: 3}
	s := newRetryStore(f, slog.New(slog.NewTextHandler(&logs, nil)))
	s.maxWait = 20 * time.Millisecond
	r, err := s.Add(context.Background(), &news.Doc{Article: &news.Article{ID: "a1", Text: "x"}})
	if err != nil || !r.Added || f.calls != 4 {
		t.Fatalf("Add = %+v, %v after %d calls; want success on the 4th", r, err, f.calls)
	}
	if n := strings.Count(logs.String(), "retrying"); n != 1 {
		t.Errorf("%d lines about the outage, want 1:\n%s", n, logs.String())
	}
	if !strings.Contains(logs.String(), "works again") {
		t.Errorf("no line for the end of the outage:\n%s", logs.String())
	}
	f.calls = 0
	if _, err := s.Add(context.Background(), &news.Doc{Article: &news.Article{ID: "a2"}}); !errors.Is(err, news.ErrInvalid) || f.calls != 1 {
		t.Errorf("an invalid article: %v after %d calls, want ErrInvalid at once", err, f.calls)
	}
	f.fails = 1000
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := s.Add(ctx, &news.Doc{Article: &news.Article{ID: "a3", Text: "x"}}); err == nil || !strings.Contains(err.Error(), "gave up") {
		t.Errorf("an outage past the context: %v", err)
	}
}

// TestQueueBackendAddsThroughAWorker runs the API's queue backend and a
// worker in this process on an in-process NATS server with no port: an
// add is answered as in-process, a repeat is a duplicate, a bad input a
// failure of its kind, and the server's report sees what the worker
// stored.
func TestQueueBackendAddsThroughAWorker(t *testing.T) {
	srv, err := queue.StartServer(queue.ServerConfig{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	connect := func() *queue.Queue {
		q, err := queue.Open(ctx, queue.Config{Server: srv})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { q.Close() })
		return q
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "w.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	wq := connect()
	var out bytes.Buffer
	w, err := newJobWorker(db, 2, 1<<20, wq, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	w.out = &out
	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { wq.Work(wctx, queue.WorkConfig{Concurrency: 2}, w.handle); close(done) }()
	defer func() { stop(); <-done }()

	b, err := newStoreBackend(db, 1, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	qb := &queueBackend{storeBackend: b, q: connect()}
	if rep, err := qb.Report(ctx); err != nil || len(rep.Articles) != 0 {
		t.Fatalf("empty report: %v", err)
	}
	in := web.AddInput{Text: goodArticle, URL: "http://vell.test/ferries", Outlet: "Gazette"}
	res, err := qb.Add(ctx, in)
	if err != nil || len(res.Added) != 1 {
		t.Fatalf("add: %+v, %v", res, err)
	}
	if !strings.Contains(out.String(), "stored "+res.Added[0].ID+" http://vell.test/ferries") {
		t.Errorf("worker printed %q", out.String())
	}
	res2, err := qb.Add(ctx, in)
	if err != nil || len(res2.Added) != 0 || len(res2.Duplicates) != 1 || res2.Duplicates[0].ID != res.Added[0].ID {
		t.Errorf("repeat: %+v, %v; want a duplicate of %s", res2, err, res.Added[0].ID)
	}
	res3, err := qb.Add(ctx, web.AddInput{HTML: "<html><body><nav>Home</nav></body></html>"})
	if err != nil || len(res3.Failures) != 1 || !errors.Is(res3.Failures[0].Err, news.ErrInvalid) {
		t.Errorf("page with no article: %+v, %v", res3, err)
	}
	rep, err := qb.Report(ctx)
	if err != nil || len(rep.Articles) != 1 {
		t.Errorf("the report after the add has %d articles (%v), want 1", len(rep.Articles), err)
	}
	if n, _ := db.Count(ctx); n != 1 {
		t.Errorf("store holds %d, want 1", n)
	}

	// A delete through one API server reaches another one's cached report.
	b2, err := newStoreBackend(db, 1, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	other := &queueBackend{storeBackend: b2, q: connect()}
	unsub, err := other.q.OnStored(other.changed)
	if err != nil {
		t.Fatal(err)
	}
	defer unsub()
	if rep, err := other.Report(ctx); err != nil || len(rep.Articles) != 1 {
		t.Fatalf("the other server's report: %v", err)
	}
	if err := qb.Delete(ctx, res.Added[0].ID); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		rep, err := other.Report(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Articles) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the other API server still shows the deleted article after 10 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestJobDoneTwiceChangesNothing hands a worker the same delivery twice,
// as JetStream does when a worker dies between storing and acknowledging:
// the second is answered as a duplicate and the store holds one article.
func TestJobDoneTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "twice.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv, err := queue.StartServer(queue.ServerConfig{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	q, err := queue.Open(ctx, queue.Config{Server: srv})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	w, err := newJobWorker(db, 1, 1<<20, q, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	data, err := encodeJob(web.AddInput{Text: goodArticle, URL: "http://vell.test/twice"})
	if err != nil {
		t.Fatal(err)
	}
	var answers []jobAnswer
	for attempt := 1; attempt <= 2; attempt++ {
		raw, err := w.handle(ctx, queue.Delivery{Data: data, Seq: 1, Attempt: attempt, MaxDeliver: 5})
		if err != nil {
			t.Fatalf("attempt %d: %v", attempt, err)
		}
		var a jobAnswer
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatal(err)
		}
		answers = append(answers, a)
	}
	if len(answers[0].Added) != 1 || len(answers[1].Added) != 0 || len(answers[1].Duplicates) != 1 {
		t.Errorf("answers %+v, want added then duplicate", answers)
	}
	if n, _ := db.Count(ctx); n != 1 {
		t.Errorf("store holds %d articles, want 1", n)
	}
	if _, err := w.handle(ctx, queue.Delivery{Data: []byte("not a job")}); err == nil {
		t.Error("a job that does not decode was accepted")
	}
}
