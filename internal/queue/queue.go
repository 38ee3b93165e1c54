// Package queue carries storyline's work between processes on NATS
// JetStream: API servers and feed watchers enqueue jobs, any number of
// workers take them. A job is an opaque, bounded payload (the CLI encodes
// what to add); this package gives it durability, one delivery at a time
// per job, redelivery when a worker dies or stalls, retries with backoff,
// and a dead-letter stream a person can read once a job has failed too
// often.
//
// Delivery is at least once: a worker killed after storing an article but
// before acknowledging it gets the job again. Handlers must therefore be
// idempotent, which storyline's are (the store skips an article it holds).
//
// For one machine the NATS server can run inside the process (StartServer),
// with no TCP port at all or on a loopback port other processes connect
// to; beyond one machine, Open connects to a real NATS server or cluster.
package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"storyline/internal/news"
)

// Names in NATS. One stream holds the jobs, consumed by one durable pull
// consumer that all workers share, so each job goes to one worker at a
// time; a second stream keeps the dead letters.
const (
	JobsStream   = "STORYLINE_JOBS"
	JobsSubject  = "storyline.jobs"
	DeadStream   = "STORYLINE_DEAD"
	DeadSubject  = "storyline.dead"
	Consumer     = "storyline-workers"
	StoredPrefix = "storyline.stored" // core NATS: workers announce what they stored
)

// Headers of a job message.
const (
	hdrReply    = "Storyline-Reply"    // subject the worker answers on
	hdrError    = "Storyline-Error"    // dead letter: why it was given up
	hdrAttempts = "Storyline-Attempts" // dead letter: deliveries made
	hdrJobSeq   = "Storyline-Job-Seq"  // dead letter: the job's sequence in JobsStream
	hdrJobTime  = "Storyline-Job-Time" // dead letter: when the job was enqueued
	hdrKey      = "Storyline-Key"      // the job's de-duplication key
)

// Defaults and bounds.
const (
	DefaultMaxDeliver = 5
	DefaultAckWait    = 30 * time.Second
	// DefaultMaxJobBytes bounds one job; the embedded server accepts
	// messages this large, a server of one's own must allow it too
	// (max_payload), or jobs larger than its limit are refused.
	DefaultMaxJobBytes = 16 << 20
	// dupWindow is how long JetStream remembers a job's key, so that a
	// publish retried after a lost acknowledgement is not queued twice.
	dupWindow = 10 * time.Minute
	// maxDead bounds the dead letters kept (oldest go first).
	maxDead = 100000
	// maxHeaderBytes is room for a message's headers beside its job
	// (reasons are clipped to fit).
	maxHeaderBytes = 16 << 10
	// maxAckPending bounds the jobs handed out and not yet acknowledged.
	maxAckPending = 10000
)

// Config says where the queue is and how it treats failing jobs.
type Config struct {
	// URL is a NATS server (nats://host:4222, several comma-separated).
	// Empty means Server, an in-process server.
	URL    string
	Server *server.Server
	// Name labels this connection in the server's monitoring.
	Name string
	// MaxDeliver is how many times a job is tried before it becomes a
	// dead letter. AckWait is how long a worker may go silent on a job
	// before it is handed to another (a running handler is kept alive by
	// progress reports, so this is the time to notice a dead worker).
	MaxDeliver int
	AckWait    time.Duration
	// MaxJobBytes bounds a job (and the server's own limit bounds it too).
	MaxJobBytes int
	Logger      *slog.Logger
}

// Queue is one connection to the work queue.
type Queue struct {
	cfg  Config
	nc   *nats.Conn
	js   jetstream.JetStream
	log  *slog.Logger
	name string // the server, without credentials, for messages

	mu          sync.Mutex // guards ready, onReconnect and reconnect
	ready       bool       // streams known to exist on this connection
	onReconnect []func()
	reconnect   chan struct{} // closed (and replaced) at each reconnect
	closed      chan struct{}
}

// Open connects to the queue and makes sure its streams exist. It waits
// for a server that is not up yet until ctx ends, retrying with backoff.
func Open(ctx context.Context, cfg Config) (*Queue, error) {
	if cfg.MaxDeliver <= 0 {
		cfg.MaxDeliver = DefaultMaxDeliver
	}
	if cfg.AckWait <= 0 {
		cfg.AckWait = DefaultAckWait
	}
	if cfg.MaxJobBytes <= 0 {
		cfg.MaxJobBytes = DefaultMaxJobBytes
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Name == "" {
		cfg.Name = "storyline"
	}
	q := &Queue{cfg: cfg, log: cfg.Logger, closed: make(chan struct{}), reconnect: make(chan struct{})}
	opts := []nats.Option{
		nats.Name(cfg.Name),
		// Reconnect for ever: a NATS restart is waited out, not fatal.
		nats.MaxReconnects(-1),
		nats.ReconnectWait(500 * time.Millisecond),
		nats.ReconnectJitter(500*time.Millisecond, time.Second),
		nats.RetryOnFailedConnect(false),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				q.log.Warn("queue: lost the connection to NATS; reconnecting", "server", q.name, "err", err)
			}
		}),
		nats.ReconnectHandler(func(*nats.Conn) {
			q.log.Warn("queue: reconnected to NATS", "server", q.name)
			q.setReady(false) // a server restarted without its data lost the streams
			q.mu.Lock()
			fs := q.onReconnect
			close(q.reconnect)
			q.reconnect = make(chan struct{})
			q.mu.Unlock()
			for _, f := range fs {
				f()
			}
		}),
		nats.ErrorHandler(func(_ *nats.Conn, _ *nats.Subscription, err error) {
			q.log.Warn("queue: NATS error", "server", q.name, "err", err)
		}),
	}
	url := cfg.URL
	switch {
	case cfg.URL == "" && cfg.Server != nil:
		opts = append(opts, nats.InProcessServer(cfg.Server))
		q.name = "in-process NATS"
	case cfg.URL == "":
		return nil, fmt.Errorf("queue: no NATS URL and no in-process server: %w", news.ErrInvalid)
	default:
		if err := checkURL(cfg.URL); err != nil {
			return nil, err
		}
		q.name = Redact(cfg.URL)
	}
	var err error
	for wait := 200 * time.Millisecond; ; wait = min(2*wait, 5*time.Second) {
		q.nc, err = nats.Connect(url, opts...)
		if err == nil {
			break
		}
		q.log.Warn("queue: cannot reach NATS; retrying", "server", q.name, "in", wait, "err", err)
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("queue: connect to %s: %w (and gave up: %w)", q.name, err, ctx.Err())
		case <-time.After(jitter(wait)):
		}
	}
	q.js, err = jetstream.New(q.nc)
	if err != nil {
		q.nc.Close()
		return nil, fmt.Errorf("queue: JetStream on %s: %w", q.name, err)
	}
	if room := q.nc.MaxPayload() - maxHeaderBytes; int64(cfg.MaxJobBytes) > room {
		q.cfg.MaxJobBytes = int(room)
	}
	if err := q.ensure(ctx); err != nil {
		q.nc.Close()
		return nil, err
	}
	return q, nil
}

// Name is the server the queue talks to, without credentials.
func (q *Queue) Name() string { return q.name }

// MaxJobBytes is the largest job Enqueue accepts.
func (q *Queue) MaxJobBytes() int { return q.cfg.MaxJobBytes }

// Conn is the NATS connection, for subscriptions of the caller's own.
func (q *Queue) Conn() *nats.Conn { return q.nc }

// Close drains the connection: messages in flight are sent first.
func (q *Queue) Close() error {
	select {
	case <-q.closed:
		return nil
	default:
		close(q.closed)
	}
	if err := q.nc.Drain(); err != nil && !errors.Is(err, nats.ErrConnectionClosed) {
		q.nc.Close()
		return fmt.Errorf("queue: close: %w", err)
	}
	// Drain returns at once; wait for it to finish (bounded).
	deadline := time.Now().Add(5 * time.Second)
	for !q.nc.IsClosed() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	q.nc.Close()
	return nil
}

// reconnected is closed at the next reconnect.
func (q *Queue) reconnected() <-chan struct{} {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.reconnect
}

func (q *Queue) setReady(v bool) {
	q.mu.Lock()
	q.ready = v
	q.mu.Unlock()
}

// ensure creates (or updates to this configuration) the two streams and
// the workers' consumer. Every process calls it: the settings are the
// same, so the call is idempotent.
func (q *Queue) ensure(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.ready {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	_, err := q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        JobsStream,
		Description: "storyline: articles to analyse and store",
		Subjects:    []string{JobsSubject},
		Retention:   jetstream.WorkQueuePolicy, // a job leaves the stream once acknowledged
		Storage:     jetstream.FileStorage,     // jobs survive a server restart
		MaxMsgSize:  int32(q.cfg.MaxJobBytes + maxHeaderBytes),
		Duplicates:  dupWindow,
		Discard:     jetstream.DiscardNew, // a full queue refuses new jobs rather than dropping old ones
	})
	if err != nil {
		return fmt.Errorf("queue: stream %s on %s: %w", JobsStream, q.name, err)
	}
	_, err = q.js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        DeadStream,
		Description: "storyline: jobs given up on, with the reason; read with 'storyline worker --dead'",
		Subjects:    []string{DeadSubject},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		MaxMsgs:     maxDead,
		MaxMsgSize:  int32(q.cfg.MaxJobBytes + maxHeaderBytes),
		Discard:     jetstream.DiscardOld,
	})
	if err != nil {
		return fmt.Errorf("queue: stream %s on %s: %w", DeadStream, q.name, err)
	}
	q.ready = true
	return nil
}

// consumer creates (or updates) the workers' shared durable consumer.
// JetStream's MaxDeliver is one more than ours: the worker itself turns
// the last delivery into a dead letter, so a job that kills every worker
// that takes it is still set aside with a reason rather than dropped.
func (q *Queue) consumer(ctx context.Context) (jetstream.Consumer, error) {
	if err := q.ensure(ctx); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	c, err := q.js.CreateOrUpdateConsumer(ctx, JobsStream, jetstream.ConsumerConfig{
		Durable:       Consumer,
		Description:   "storyline workers, sharing the jobs",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.cfg.AckWait,
		MaxDeliver:    q.cfg.MaxDeliver + 1,
		MaxAckPending: maxAckPending,
		FilterSubject: JobsSubject,
	})
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s on %s: %w", Consumer, q.name, err)
	}
	return c, nil
}

// Pending is the number of jobs waiting or being worked on.
func (q *Queue) Pending(ctx context.Context) (uint64, error) {
	if err := q.ensure(ctx); err != nil {
		return 0, err
	}
	s, err := q.js.Stream(ctx, JobsStream)
	if err != nil {
		return 0, fmt.Errorf("queue: stream %s: %w", JobsStream, err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("queue: stream %s: %w", JobsStream, err)
	}
	return info.State.Msgs, nil
}

func checkURL(raw string) error {
	for _, one := range strings.Split(raw, ",") {
		u, err := url.Parse(strings.TrimSpace(one))
		if err != nil || u.Host == "" || (u.Scheme != "nats" && u.Scheme != "tls" && u.Scheme != "ws" && u.Scheme != "wss") {
			return fmt.Errorf("queue: %q is not a NATS address (want nats://host:port): %w", Redact(one), news.ErrInvalid)
		}
	}
	return nil
}

// Redact drops the password (or token) from NATS URLs, for messages.
func Redact(raw string) string {
	parts := strings.Split(raw, ",")
	for i, one := range parts {
		u, err := url.Parse(strings.TrimSpace(one))
		if err != nil {
			parts[i] = "(unreadable address)"
			continue
		}
		if u.User != nil {
			if _, has := u.User.Password(); has {
				u.User = url.User(u.User.Username())
			} else {
				u.User = url.User("xxxxx") // a bare token in the user field is a secret too
			}
		}
		parts[i] = u.String()
	}
	return strings.Join(parts, ",")
}
