package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/spf13/cobra"

	"storyline/internal/queue"
	"storyline/internal/web"
)

// serveQueueFlags are serve's flags for running with workers (--queue)
// and for polling feeds (--watch).
type serveQueueFlags struct {
	queue      string
	natsListen string
	natsDir    string
	qf         queueFlags // the defaults: retries are the workers' settings
	watch      watchFlags
}

func (s *serveQueueFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&s.queue, "queue", "", `hand adds to workers ('storyline worker') through NATS JetStream instead of analysing them here: nats://HOST:PORT, or "embedded" to run the NATS server inside this process (see --nats-listen)`)
	f.StringVar(&s.natsListen, "nats-listen", "127.0.0.1:4222", "with --queue embedded: the address workers connect to")
	f.StringVar(&s.natsDir, "nats-dir", "", "with --queue embedded: folder for the queued jobs (default: beside the database)")
	s.watch.register(cmd, "watch")
}

// start sets up what the flags ask for around the in-process backend b:
// with --queue a backend whose adds go to workers, and with --watch a feed
// watcher adding through whichever backend serves. stop ends both.
func (s *serveQueueFlags) start(ctx context.Context, g *globals, b *storeBackend, dbName string, errw io.Writer) (web.Backend, func(), error) {
	var backend web.Backend = b
	var stops []func()
	stop := func() {
		for i := len(stops) - 1; i >= 0; i-- {
			stops[i]()
		}
	}
	log := newLogger(errw)
	var q *queue.Queue
	if s.queue != "" {
		url := s.queue
		var srv *server.Server
		if url == "embedded" {
			dir := s.natsDir
			if dir == "" {
				dir = natsDirFor(dbName)
			}
			var err error
			srv, err = queue.StartServer(queue.ServerConfig{Dir: dir, Listen: s.natsListen, MaxJobBytes: maxJobBytes(g.maxBytes)})
			if err != nil {
				return nil, stop, err
			}
			stops = append(stops, func() { srv.Shutdown(); srv.WaitForShutdown() })
			url = srv.ClientURL()
			fmt.Fprintf(errw, "storyline: NATS JetStream for workers at %s (jobs kept in %s)\n", url, dir)
		}
		var err error
		q, err = openQueue(ctx, url, "storyline serve", s.qf, g.maxBytes, log)
		if err != nil {
			stop()
			return nil, func() {}, err
		}
		stops = append(stops, func() { q.Close() })
		qb := &queueBackend{storeBackend: b, q: q}
		unsub, err := q.OnStored(qb.changed)
		if err != nil {
			stop()
			return nil, func() {}, err
		}
		stops = append(stops, unsub)
		backend = qb
		fmt.Fprintf(errw, "storyline: adds go to the workers on %s; this server only reads the database\n", q.Name())
	}
	if len(s.watch.feeds) > 0 {
		w, err := s.watch.watcher(ctx, g, b.store, backend, q, log)
		if err != nil {
			stop()
			return nil, func() {}, err
		}
		wctx, cancel := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() {
			defer close(done)
			w.Run(wctx)
		}()
		stops = append(stops, func() { cancel(); <-done })
		fmt.Fprintf(errw, "storyline: watching %d feeds\n", len(s.watch.feeds))
	}
	return backend, stop, nil
}

// maxJobBytes is room in a job for one input of maxBytes (or an upload of
// several) as JSON, which writes the bytes of files in base64.
func maxJobBytes(maxBytes int64) int {
	return int(min(maxBytes*4/3+1<<20, 64<<20))
}

// natsDirFor keeps an embedded server's jobs beside a database file, or
// for a server database in the user's data directory.
func natsDirFor(dbName string) string {
	if !strings.Contains(dbName, "://") {
		return dbName + ".nats"
	}
	return strings.TrimSuffix(tokenFile(dbName), ".token") + ".nats"
}

// queueBackend serves reads from the store like the in-process backend,
// and hands each add to a worker as one job, waiting for its answer so
// that the API tells the same story as when it analyses in-process.
type queueBackend struct {
	*storeBackend
	q *queue.Queue

	mu    sync.Mutex
	timer *time.Timer
	last  time.Time
}

func (qb *queueBackend) Add(ctx context.Context, in web.AddInput) (web.AddResult, error) {
	empty := web.AddResult{Added: []web.Added{}, Duplicates: []web.Added{}, Failures: []web.Failure{}}
	data, err := encodeJob(in)
	if err != nil {
		return empty, err
	}
	if in.Progress != nil {
		in.Progress(0, 0)
	}
	raw, err := qb.q.Request(ctx, queue.Job{Data: data})
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return empty, fmt.Errorf("%v: %w", err, web.ErrBusy)
		}
		return empty, fmt.Errorf("add through the queue: %w", err)
	}
	var a jobAnswer
	if err := json.Unmarshal(raw, &a); err != nil {
		return empty, fmt.Errorf("read a worker's answer: %w", err)
	}
	res, err := a.result()
	if len(res.Added) > 0 {
		qb.invalidate()
	}
	if in.Progress != nil {
		n := len(res.Added) + len(res.Duplicates)
		in.Progress(n, n+len(res.Failures))
	}
	return res, err
}

// Delete deletes through the store and announces it, so that the other
// API servers on the queue drop their cached report too, as after an add.
func (qb *queueBackend) Delete(ctx context.Context, id string) error {
	if err := qb.storeBackend.Delete(ctx, id); err != nil {
		return err
	}
	qb.q.Announce(id)
	return nil
}

// changed is told that some worker stored something. The cached report is
// dropped at most once a second, so that a busy queue does not make every
// read rebuild it.
func (qb *queueBackend) changed() {
	qb.mu.Lock()
	defer qb.mu.Unlock()
	if qb.timer != nil {
		return
	}
	qb.timer = time.AfterFunc(max(time.Until(qb.last.Add(time.Second)), 0), func() {
		qb.mu.Lock()
		qb.timer, qb.last = nil, time.Now()
		qb.mu.Unlock()
		qb.invalidate()
	})
}
