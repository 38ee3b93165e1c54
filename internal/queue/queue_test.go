package queue

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go/jetstream"

	"storyline/internal/news"
)

// logBuffer collects log lines from several goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// open starts an in-process server with no port and connects to it.
func open(t *testing.T, cfg Config) (*Queue, *logBuffer) {
	t.Helper()
	s, err := StartServer(ServerConfig{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Shutdown)
	cfg.Server = s
	return connect(t, cfg)
}

func connect(t *testing.T, cfg Config) (*Queue, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	cfg.Logger = slog.New(slog.NewTextHandler(logs, nil))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	q, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { q.Close() })
	return q, logs
}

// work runs Work in the background until the test's cleanup.
func work(t *testing.T, q *Queue, wc WorkConfig, h Handler) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- q.Work(ctx, wc, h) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("Work: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func pending(t *testing.T, q *Queue) uint64 {
	t.Helper()
	n, err := q.Pending(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestJobsAreDoneOnceAndLeaveTheQueue(t *testing.T) {
	q, _ := open(t, Config{})
	ctx := context.Background()
	const n = 50
	for i := range n {
		if err := q.Enqueue(ctx, Job{Data: fmt.Appendf(nil, "job %d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	seen := map[string]int{}
	work(t, q, WorkConfig{Concurrency: 4}, func(_ context.Context, d Delivery) ([]byte, error) {
		mu.Lock()
		seen[string(d.Data)]++
		mu.Unlock()
		if d.Attempt != 1 {
			t.Errorf("%s: attempt %d, want 1", d.Data, d.Attempt)
		}
		return nil, nil
	})
	eventually(t, "every job done", func() bool { return pending(t, q) == 0 })
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != n {
		t.Errorf("%d distinct jobs done, want %d", len(seen), n)
	}
	for k, c := range seen {
		if c != 1 {
			t.Errorf("%s done %d times", k, c)
		}
	}
}

func TestRequestGetsTheWorkersAnswer(t *testing.T) {
	q, _ := open(t, Config{})
	work(t, q, WorkConfig{}, func(_ context.Context, d Delivery) ([]byte, error) {
		return bytes.ToUpper(d.Data), nil
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	got, err := q.Request(ctx, Job{Data: []byte("harbour")})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "HARBOUR" {
		t.Errorf("answer %q", got)
	}
}

func TestSameKeyIsQueuedOnce(t *testing.T) {
	q, _ := open(t, Config{})
	ctx := context.Background()
	for range 3 {
		if err := q.Enqueue(ctx, Job{Key: "item-7", Data: []byte("x")}); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.Enqueue(ctx, Job{Key: "item-8", Data: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	if n := pending(t, q); n != 2 {
		t.Errorf("%d jobs queued, want 2", n)
	}
}

func TestTooLargeJobIsRefused(t *testing.T) {
	q, _ := open(t, Config{MaxJobBytes: 1000})
	err := q.Enqueue(context.Background(), Job{Data: make([]byte, 1001)})
	if !errors.Is(err, news.ErrTooLarge) {
		t.Errorf("err %v, want ErrTooLarge", err)
	}
	if err := q.Enqueue(context.Background(), Job{Data: make([]byte, 1000)}); err != nil {
		t.Errorf("a job at the limit: %v", err)
	}
}

func TestFailuresAreRetriedThenDeadLettered(t *testing.T) {
	q, logs := open(t, Config{MaxDeliver: 3})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var attempts sync.Map // data -> []int
	work(t, q, WorkConfig{Concurrency: 2, RetryDelay: 20 * time.Millisecond}, func(_ context.Context, d Delivery) ([]byte, error) {
		prev, _ := attempts.Load(string(d.Data))
		list, _ := prev.([]int)
		attempts.Store(string(d.Data), append(list, d.Attempt))
		switch string(d.Data) {
		case "flaky":
			if d.Attempt < 3 {
				return nil, errors.New("store busy")
			}
			return []byte("ok"), nil
		case "broken":
			return nil, errors.New("analysis crashed")
		case "invalid":
			return nil, Permanent(fmt.Errorf("not a job: %w", news.ErrInvalid))
		}
		return nil, nil
	})
	for _, tc := range []struct {
		data    string
		want    []int
		failure string // "" = the answer is ok
	}{
		{"flaky", []int{1, 2, 3}, ""},
		{"broken", []int{1, 2, 3}, "failed 3 times, last: analysis crashed"},
		{"invalid", []int{1}, "not a job"},
	} {
		t.Run(tc.data, func(t *testing.T) {
			got, err := q.Request(ctx, Job{Data: []byte(tc.data)})
			switch {
			case tc.failure == "" && err != nil:
				t.Fatalf("err %v", err)
			case tc.failure == "" && string(got) != "ok":
				t.Errorf("answer %q", got)
			case tc.failure != "" && (!errors.Is(err, ErrJobFailed) || !strings.Contains(err.Error(), tc.failure)):
				t.Errorf("err %v, want ErrJobFailed saying %q", err, tc.failure)
			}
			v, _ := attempts.Load(tc.data)
			if fmt.Sprint(v) != fmt.Sprint(tc.want) {
				t.Errorf("attempts %v, want %v", v, tc.want)
			}
		})
	}
	dead, err := q.DeadLetters(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(dead) != 2 {
		t.Fatalf("%d dead letters, want 2: %+v", len(dead), dead)
	}
	if string(dead[0].Data) != "broken" || dead[0].Attempts != 3 || !strings.Contains(dead[0].Reason, "analysis crashed") {
		t.Errorf("first dead letter %+v", dead[0])
	}
	if string(dead[1].Data) != "invalid" || dead[1].Attempts != 1 || dead[1].JobSeq == 0 || dead[1].Enqueued.IsZero() {
		t.Errorf("second dead letter %+v", dead[1])
	}
	// A job given up is terminated without waiting for the server to
	// confirm it (Queue.dead), so the queue may empty a moment after the
	// answer: under load, the check came too early.
	eventually(t, "every job done or given up", func() bool { return pending(t, q) == 0 })
	if !strings.Contains(logs.String(), "dead letter") {
		t.Errorf("no log line for the dead letters:\n%s", logs)
	}
}

// TestAbandonedJobIsRedelivered takes a job as a worker that dies would
// (never acknowledging it) and checks that it goes to another worker
// after AckWait, and that a job abandoned every time ends as a dead letter
// with a reason rather than vanishing.
func TestAbandonedJobIsRedelivered(t *testing.T) {
	q, _ := open(t, Config{AckWait: 300 * time.Millisecond, MaxDeliver: 2})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := q.consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	abandon := func() {
		t.Helper()
		b, err := c.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for range b.Messages() {
			n++ // taken, never acknowledged: the worker "died"
		}
		if n != 1 {
			t.Fatalf("fetched %d jobs, want 1 (%v)", n, b.Error())
		}
	}
	if err := q.Enqueue(ctx, Job{Data: []byte("once abandoned")}); err != nil {
		t.Fatal(err)
	}
	abandon()
	got := make(chan Delivery, 4)
	stop := work(t, q, WorkConfig{}, func(_ context.Context, d Delivery) ([]byte, error) {
		got <- d
		return nil, nil
	})
	select {
	case d := <-got:
		if d.Attempt != 2 || string(d.Data) != "once abandoned" {
			t.Errorf("redelivered %q as attempt %d, want attempt 2", d.Data, d.Attempt)
		}
	case <-ctx.Done():
		t.Fatal("the abandoned job was not redelivered")
	}
	stop()

	if err := q.Enqueue(ctx, Job{Data: []byte("always abandoned")}); err != nil {
		t.Fatal(err)
	}
	abandon()
	time.Sleep(400 * time.Millisecond)
	abandon()
	work(t, q, WorkConfig{}, func(_ context.Context, d Delivery) ([]byte, error) {
		t.Errorf("a job past its deliveries reached the handler: %q", d.Data)
		return nil, nil
	})
	var dead []DeadLetter
	eventually(t, "a dead letter", func() bool {
		dead, err = q.DeadLetters(ctx, 10)
		return err == nil && len(dead) == 1
	})
	if !strings.Contains(dead[0].Reason, "never finished") {
		t.Errorf("dead letter reason %q", dead[0].Reason)
	}
}

// TestStopFinishesJobsInFlight stops Work while handlers run: they finish
// and are acknowledged, and nothing else is started.
func TestStopFinishesJobsInFlight(t *testing.T) {
	q, _ := open(t, Config{})
	ctx := context.Background()
	for i := range 6 {
		if err := q.Enqueue(ctx, Job{Data: fmt.Appendf(nil, "%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	var started, finished atomic.Int32
	running := make(chan struct{}, 2)
	release := make(chan struct{})
	stop := work(t, q, WorkConfig{Concurrency: 2}, func(ctx context.Context, d Delivery) ([]byte, error) {
		started.Add(1)
		running <- struct{}{}
		<-release
		if ctx.Err() != nil {
			t.Errorf("a job in flight saw its context cancelled: %v", ctx.Err())
		}
		finished.Add(1)
		return nil, nil
	})
	<-running
	<-running
	stopped := make(chan struct{})
	go func() { stop(); close(stopped) }()
	time.Sleep(100 * time.Millisecond)
	close(release)
	select {
	case <-stopped:
	case <-time.After(20 * time.Second):
		t.Fatal("Work did not return after the stop")
	}
	if s, f := started.Load(), finished.Load(); s != 2 || f != 2 {
		t.Errorf("started %d, finished %d: want 2 and 2", s, f)
	}
	if n := pending(t, q); n != 4 {
		t.Errorf("%d jobs left, want 4", n)
	}
}

// TestServerRestartIsWaitedOut restarts the NATS server (same folder,
// same port) under a worker and an enqueuer: both carry on by
// themselves, the jobs queued before survive, and the outage is logged.
func TestServerRestartIsWaitedOut(t *testing.T) {
	dir := t.TempDir()
	start := func(addr string) *server.Server {
		t.Helper()
		s, err := StartServer(ServerConfig{Dir: dir, Listen: addr})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	s := start("127.0.0.1:0")
	addr := s.Addr().(*net.TCPAddr).String()
	url := "nats://" + addr
	defer func() { s.Shutdown() }()
	q, logs := connect(t, Config{URL: url})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for i := range 20 {
		if err := q.Enqueue(ctx, Job{Key: fmt.Sprint(i), Data: fmt.Appendf(nil, "%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	s.Shutdown()
	s.WaitForShutdown()
	// Enqueueing while the server is away waits for it.
	enq := make(chan error, 1)
	go func() { enq <- q.Enqueue(ctx, Job{Key: "late", Data: []byte("late")}) }()
	time.Sleep(700 * time.Millisecond)
	s = start(addr)
	if err := <-enq; err != nil {
		t.Fatalf("enqueue across the restart: %v", err)
	}
	var mu sync.Mutex
	seen := map[string]bool{}
	w, _ := connect(t, Config{URL: url})
	work(t, w, WorkConfig{Concurrency: 2}, func(_ context.Context, d Delivery) ([]byte, error) {
		mu.Lock()
		seen[string(d.Data)] = true
		mu.Unlock()
		return nil, nil
	})
	eventually(t, "the jobs from before the restart", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return len(seen) == 21
	})
	// Once more, with the worker running.
	s.Shutdown()
	s.WaitForShutdown()
	time.Sleep(500 * time.Millisecond)
	s = start(addr)
	if err := q.Enqueue(ctx, Job{Key: "after", Data: []byte("after")}); err != nil {
		t.Fatal(err)
	}
	eventually(t, "a job after the second restart", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return seen["after"]
	})
	if !strings.Contains(logs.String(), "reconnect") {
		t.Errorf("the outage left no log line:\n%s", logs)
	}
}

func TestRedactHidesSecrets(t *testing.T) {
	for in, want := range map[string]string{
		"nats://alice:s3cret@h:4222":      "nats://alice@h:4222",
		"nats://tok3n@h:4222":             "nats://xxxxx@h:4222",
		"nats://a:4222,nats://u:p@b:4222": "nats://a:4222,nats://u@b:4222",
		"nats://127.0.0.1:4222":           "nats://127.0.0.1:4222",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
	if err := checkURL("http://example.org"); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("checkURL(http) = %v", err)
	}
}
