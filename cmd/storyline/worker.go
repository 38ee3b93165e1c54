package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"storyline/internal/news"
	"storyline/internal/queue"
	"storyline/internal/web"
)

// queueFlags say how jobs are retried. They are settings of the workers'
// consumer, so only the worker takes them; others use the defaults.
type queueFlags struct {
	maxDeliver int
	ackWait    time.Duration
}

func (qf *queueFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.IntVar(&qf.maxDeliver, "max-deliver", queue.DefaultMaxDeliver, "tries of a job before it is set aside as a dead letter")
	f.DurationVar(&qf.ackWait, "ack-wait", queue.DefaultAckWait, "how long a worker may go silent on a job before it is given to another (a killed worker's jobs come back after this)")
}

// natsURL is the flag's value, else $STORYLINE_NATS.
func natsURL(flag string) string {
	if flag != "" {
		return flag
	}
	return os.Getenv("STORYLINE_NATS")
}

// openQueue connects to the NATS server at url, waiting for it (with
// backoff, logged on errw) until ctx ends.
func openQueue(ctx context.Context, url, name string, qf queueFlags, maxBytes int64, log *slog.Logger) (*queue.Queue, error) {
	if url == "" {
		return nil, usageError{errors.New("no queue: give --nats nats://HOST:4222 (or set STORYLINE_NATS)")}
	}
	if !strings.Contains(url, "://") {
		return nil, usageError{fmt.Errorf("--nats %q: want a NATS address, nats://HOST:PORT", url)}
	}
	q, err := queue.Open(ctx, queue.Config{URL: url, Name: name, MaxDeliver: qf.maxDeliver, AckWait: qf.ackWait,
		MaxJobBytes: maxJobBytes(maxBytes), Logger: log})
	if err != nil {
		return nil, err
	}
	return q, nil
}

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

func newWorker(g *globals) *cobra.Command {
	var qf queueFlags
	var nats string
	var concurrency, dead int
	var grace time.Duration
	cmd := &cobra.Command{
		Use:   "worker",
		Short: "Take articles to analyse from the queue (NATS JetStream) and store them",
		Long: `Take jobs from the work queue on a NATS JetStream server (--nats, or $STORYLINE_NATS), analyse
each one with the same pipeline as 'storyline add' and store the articles in the database (--db;
PostgreSQL when several workers share it). Jobs are put on the queue by 'storyline serve --queue'
(adds through the web UI and the API) and 'storyline watch --nats' (feeds polled on a schedule).

Each stored article is printed on standard output as "stored ID INPUT". A job is acknowledged only
once its articles are in the database; a worker that dies first (even killed with SIGKILL) loses
nothing: after --ack-wait the job goes to another worker, and since the database skips an article
it already holds, a job done twice changes nothing. A job that fails --max-deliver times, or that
cannot be read at all, is set aside as a dead letter with the reason: list them with --dead.

While the database is down the worker holds its jobs and retries with backoff; while NATS is down
it reconnects by itself. Errors in between are logged on stderr, one line when the trouble starts
and one when it ends. SIGTERM or an interrupt stops it gracefully: no new jobs are taken, jobs in
flight finish (for at most --grace), and jobs taken but not started go back to the queue.

Running many: start any number of workers, on this machine or others, with the same --nats and
--db. They share one durable queue; each job goes to one of them at a time.

  one machine:   storyline serve --queue embedded --db postgres://localhost/news
                 storyline worker --nats nats://127.0.0.1:4222 --db postgres://localhost/news  (×N)
  many machines: run a NATS server with JetStream (nats-server -js), then on each machine
                 storyline worker --nats nats://nats.internal:4222 --db postgres://db.internal/news
                 and any number of 'storyline serve --queue nats://nats.internal:4222' API servers.`,
		Example: `  storyline worker --nats nats://127.0.0.1:4222 --db postgres://news@db/news --concurrency 2
  STORYLINE_NATS=nats://nats:4222 storyline worker --db postgres://news@db/news
  storyline worker --nats nats://127.0.0.1:4222 --dead 20      # the last 20 jobs given up on`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if concurrency <= 0 {
				concurrency = runtime.GOMAXPROCS(0)
			}
			if qf.maxDeliver <= 0 {
				return usageError{fmt.Errorf("--max-deliver must be at least 1, got %d", qf.maxDeliver)}
			}
			ctx := cmd.Context()
			errw := cmd.ErrOrStderr()
			log := newLogger(errw)
			host, _ := os.Hostname()
			q, err := openQueue(ctx, natsURL(nats), fmt.Sprintf("storyline worker %s/%d", host, os.Getpid()), qf, g.maxBytes, log)
			if err != nil {
				return err
			}
			defer q.Close()
			if cmd.Flags().Changed("dead") {
				return printDead(ctx, q, dead, cmd.OutOrStdout())
			}
			store, name, err := openStore(ctx, g)
			if err != nil {
				return err
			}
			defer store.Close()
			w, err := newJobWorker(newRetryStore(store, log), concurrency, g.maxBytes, q, log)
			if err != nil {
				return err
			}
			w.quiet = g.quiet
			w.out = cmd.OutOrStdout()
			fmt.Fprintf(errw, "storyline: worker taking jobs from %s into %s, %d at a time; SIGTERM or Ctrl-C stops it\n", q.Name(), name, concurrency)
			err = q.Work(ctx, queue.WorkConfig{Concurrency: concurrency, Grace: grace}, w.handle)
			fmt.Fprintf(errw, "storyline: worker stopped after %d jobs (%d articles stored, %d already there)\n", w.jobs, w.stored, w.dups)
			return err
		},
	}
	qf.register(cmd)
	f := cmd.Flags()
	f.StringVar(&nats, "nats", "", "NATS server with JetStream: nats://HOST:PORT, several comma-separated (default $STORYLINE_NATS)")
	f.IntVar(&concurrency, "concurrency", 0, "jobs worked on at once (default: one per core)")
	f.DurationVar(&grace, "grace", 2*time.Minute, "on SIGTERM, how long jobs in flight may take to finish before they are put back on the queue")
	f.IntVar(&dead, "dead", 20, "print the last N dead letters (jobs given up on, with the reason) as JSON lines and exit")
	return cmd
}

// jobWorker runs jobs through storeBackend.Add, the code an in-process
// server adds with, one backend per job in flight (a backend adds one
// batch at a time).
type jobWorker struct {
	pool  chan *storeBackend
	q     *queue.Queue
	log   *slog.Logger
	out   io.Writer
	quiet bool

	mu                 sync.Mutex // guards out and the counts
	jobs, stored, dups int
}

func newJobWorker(store news.Store, concurrency int, maxBytes int64, q *queue.Queue, log *slog.Logger) (*jobWorker, error) {
	w := &jobWorker{pool: make(chan *storeBackend, concurrency), q: q, log: log, out: io.Discard}
	for range concurrency {
		b, err := newStoreBackend(store, 1, maxBytes)
		if err != nil {
			return nil, err
		}
		w.pool <- b
	}
	return w, nil
}

func (w *jobWorker) handle(ctx context.Context, d queue.Delivery) ([]byte, error) {
	in, err := decodeJob(d.Data)
	if err != nil {
		return nil, queue.Permanent(err)
	}
	b := <-w.pool
	defer func() { w.pool <- b }()
	res, err := b.Add(ctx, in)
	if ctx.Err() != nil {
		// Stopped before the job was done: it goes back on the queue.
		return nil, fmt.Errorf("job %d: %w", d.Seq, ctx.Err())
	}
	w.mu.Lock()
	w.jobs++
	w.stored += len(res.Added)
	w.dups += len(res.Duplicates)
	if !w.quiet {
		for _, a := range res.Added {
			input := a.Input
			if in.URL != "" && strings.HasPrefix(input, "pasted.") {
				input = in.URL // not the temporary file's name
			}
			fmt.Fprintf(w.out, "stored %s %s\n", a.ID, input)
		}
	}
	w.mu.Unlock()
	for _, f := range res.Failures {
		w.log.Warn("job input not added", "job", d.Seq, "input", f.Input, "reason", f.Reason)
	}
	if err != nil && kindOf(err) == "" {
		// Not about the input (a temporary folder, say): try again later.
		return nil, fmt.Errorf("job %d: %w", d.Seq, err)
	}
	if err != nil {
		w.log.Warn("job not done", "job", d.Seq, "err", err)
	}
	if len(res.Added) > 0 {
		w.q.Announce(res.Added[0].ID)
	}
	// A job whose inputs failed is still done: the reasons go back to
	// whoever asked, as they would in-process. Retrying would fail again.
	answer, merr := json.Marshal(answerOf(res, err))
	if merr != nil {
		return nil, queue.Permanent(fmt.Errorf("encode answer: %w", merr))
	}
	return answer, nil
}

func printDead(ctx context.Context, q *queue.Queue, n int, out io.Writer) error {
	dead, err := q.DeadLetters(ctx, n)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(out)
	for _, d := range dead {
		rec := map[string]any{"seq": d.Seq, "job_seq": d.JobSeq, "reason": d.Reason, "attempts": d.Attempts,
			"enqueued": d.Enqueued, "failed": d.Failed}
		if in, err := decodeJob(d.Data); err == nil {
			rec["job"] = describeInput(in)
		} else {
			rec["job"] = fmt.Sprintf("(%d bytes that are not a job: %v)", len(d.Data), err)
		}
		if err := enc.Encode(rec); err != nil {
			return fmt.Errorf("write dead letters: %w", err)
		}
	}
	return nil
}

// describeInput names what a job holds without its (possibly long) text.
func describeInput(in web.AddInput) map[string]any {
	m := map[string]any{}
	for k, v := range map[string]string{"url": in.URL, "title": in.Title, "outlet": in.Outlet, "site": in.Site, "published": in.Published} {
		if v != "" {
			m[k] = v
		}
	}
	switch {
	case in.Text != "":
		m["text_bytes"] = len(in.Text)
	case in.HTML != "":
		m["html_bytes"] = len(in.HTML)
	case len(in.Files) > 0:
		var names []string
		for _, f := range in.Files {
			names = append(names, f.Name)
		}
		m["files"] = names
	}
	return m
}
