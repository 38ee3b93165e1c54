package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Delivery is one delivery of a job to a handler.
type Delivery struct {
	Data       []byte
	Key        string
	Seq        uint64    // the job's place in the jobs stream
	Attempt    int       // 1 on the first delivery
	MaxDeliver int       // the last attempt before it becomes a dead letter
	Enqueued   time.Time // when it was enqueued
}

// Handler does one job. It returns the answer for a waiting Request (may
// be nil). An error marks the delivery failed: it is retried later with
// backoff, unless it wraps Permanent or this was the last attempt, and
// then the job becomes a dead letter with the error as its reason.
// Handlers must be idempotent: a job may be delivered again after a
// worker died between doing it and acknowledging it.
type Handler func(ctx context.Context, d Delivery) ([]byte, error)

// permanent marks an error that retrying cannot cure.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }
func (p permanent) Unwrap() error { return p.err }

// Permanent wraps err so the job becomes a dead letter without retries
// (a job that cannot be decoded, an input that is invalid).
func Permanent(err error) error { return permanent{err} }

// WorkConfig tunes Work.
type WorkConfig struct {
	Concurrency int // jobs handled at once (default 1)
	// Grace bounds how long jobs in flight may take to finish once ctx
	// ends; after it their contexts are cancelled and they are put back
	// on the queue. 0 means wait for them.
	Grace time.Duration
	// RetryDelay is the first backoff after a failed delivery (doubled
	// per attempt, capped at a minute, with jitter). Default 1 s.
	RetryDelay time.Duration
}

// Work takes jobs and hands them to h until ctx ends, then stops taking
// jobs, lets the ones in flight finish (see Grace), puts back any taken
// but not started, and returns. Losing the server is waited out: the
// error is logged once and work resumes when it is back.
func (q *Queue) Work(ctx context.Context, wc WorkConfig, h Handler) error {
	if wc.Concurrency <= 0 {
		wc.Concurrency = 1
	}
	if wc.RetryDelay <= 0 {
		wc.RetryDelay = time.Second
	}
	// Handlers run on a context that outlives ctx by Grace, so that a stop
	// finishes the jobs in flight instead of abandoning them.
	hctx, hcancel := context.WithCancel(context.WithoutCancel(ctx))
	defer hcancel()
	if wc.Grace > 0 {
		stop := context.AfterFunc(ctx, func() {
			t := time.AfterFunc(wc.Grace, hcancel)
			context.AfterFunc(hctx, func() { t.Stop() })
		})
		defer stop()
	}
	c := &consumerRef{q: q}
	if _, err := c.get(ctx); err != nil {
		return err
	}
	var wg sync.WaitGroup
	for range wc.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q.slot(ctx, hctx, c, wc, h)
		}()
	}
	wg.Wait()
	return nil
}

// consumerRef shares the consumer among slots and makes it again when the
// server lost it (a server restarted without its data).
type consumerRef struct {
	q      *Queue
	mu     sync.Mutex
	c      jetstream.Consumer
	broken bool // a slot failed: log once until one succeeds
}

func (r *consumerRef) get(ctx context.Context) (jetstream.Consumer, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.c != nil {
		return r.c, nil
	}
	c, err := r.q.consumer(ctx)
	if err != nil {
		return nil, err
	}
	r.c = c
	return c, nil
}

// failed forgets the consumer after an error and says whether this is the
// first failure since things last worked (so it is logged once).
func (r *consumerRef) failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.c = nil
	first := !r.broken
	r.broken = true
	return first
}

func (r *consumerRef) worked() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	was := r.broken
	r.broken = false
	return was
}

// fetchWait is how long one pull waits for a job; it bounds how long a
// stop waits for an idle slot.
const fetchWait = 2 * time.Second

func (q *Queue) slot(ctx, hctx context.Context, r *consumerRef, wc WorkConfig, h Handler) {
	backoff := 250 * time.Millisecond
	for ctx.Err() == nil {
		c, err := r.get(ctx)
		var batch jetstream.MessageBatch
		if err == nil {
			batch, err = c.Fetch(1, jetstream.FetchMaxWait(fetchWait))
		}
		if err == nil {
			for msg := range batch.Messages() {
				if ctx.Err() != nil {
					// Taken after the stop: put it back at once for
					// another worker rather than let it wait out AckWait.
					_ = msg.Nak()
					continue
				}
				q.handle(hctx, msg, wc, h)
			}
			err = batch.Error()
			if errors.Is(err, nats.ErrTimeout) || errors.Is(err, jetstream.ErrNoMessages) {
				err = nil
			}
		}
		if err == nil {
			if r.worked() {
				q.log.Warn("queue: taking jobs again", "server", q.name)
			}
			backoff = 250 * time.Millisecond
			continue
		}
		if ctx.Err() != nil {
			return
		}
		if r.failed() {
			q.log.Warn("queue: cannot take jobs; retrying with backoff", "server", q.name, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(jitter(backoff)):
		}
		backoff = min(2*backoff, 5*time.Second)
	}
}

// handle runs one delivery, keeping it alive while it runs, and settles it:
// ack (and answer), retry later, or dead letter.
func (q *Queue) handle(ctx context.Context, msg jetstream.Msg, wc WorkConfig, h Handler) {
	md, err := msg.Metadata()
	if err != nil {
		q.log.Error("queue: a message without JetStream metadata; dropped", "subject", msg.Subject(), "err", err)
		_ = msg.Term()
		return
	}
	d := Delivery{Data: msg.Data(), Key: msg.Headers().Get(hdrKey), Seq: md.Sequence.Stream,
		Attempt: int(md.NumDelivered), MaxDeliver: q.cfg.MaxDeliver, Enqueued: md.Timestamp}
	if d.Attempt > q.cfg.MaxDeliver {
		// Every earlier delivery ended without an answer: workers died on
		// it or stalled past AckWait.
		q.dead(msg, d, fmt.Errorf("delivered %d times and never finished (workers died or stalled on it)", d.Attempt-1))
		return
	}
	// Progress reports keep JetStream from handing the job to another
	// worker while this one is still on it.
	beat := time.NewTicker(max(q.cfg.AckWait/3, 100*time.Millisecond))
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			case <-beat.C:
				_ = msg.InProgress()
			}
		}
	}()
	answer, herr := h(ctx, d)
	beat.Stop()
	close(done)
	var perm permanent
	switch {
	case herr == nil:
		// DoubleAck waits for the server to confirm; if the confirmation is
		// lost the job comes back and the idempotent handler skips it.
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		if err := msg.DoubleAck(actx); err != nil {
			q.log.Warn("queue: done, but the acknowledgement failed; the job may come back (harmless)", "job", d.Seq, "err", err)
		}
		cancel()
		q.answer(msg, answer, "")
	case ctx.Err() != nil:
		// Stopped past the grace period: someone else does it.
		_ = msg.Nak()
	case errors.As(herr, &perm):
		q.dead(msg, d, herr)
	case d.Attempt >= q.cfg.MaxDeliver:
		q.dead(msg, d, fmt.Errorf("failed %d times, last: %w", d.Attempt, herr))
	default:
		delay := min(wc.RetryDelay<<(d.Attempt-1), time.Minute)
		q.log.Warn("queue: job failed; it will be tried again", "job", d.Seq, "attempt", d.Attempt, "of", q.cfg.MaxDeliver, "in", delay, "err", herr)
		_ = msg.NakWithDelay(jitter(delay))
	}
}

// dead copies the job to the dead-letter stream with the reason, then
// takes it off the jobs stream, and tells a waiting requester.
func (q *Queue) dead(msg jetstream.Msg, d Delivery, reason error) {
	q.log.Error("queue: job given up; it is a dead letter now", "job", d.Seq, "attempts", d.Attempt, "err", reason)
	dl := nats.NewMsg(DeadSubject)
	dl.Data = msg.Data()
	dl.Header.Set(hdrError, clipReason(reason.Error()))
	dl.Header.Set(hdrAttempts, strconv.Itoa(d.Attempt))
	dl.Header.Set(hdrJobSeq, strconv.FormatUint(d.Seq, 10))
	dl.Header.Set(hdrJobTime, d.Enqueued.UTC().Format(time.RFC3339Nano))
	dl.Header.Set(hdrKey, d.Key)
	// The dead letter's own ID de-duplicates a retry of this very step.
	dl.Header.Set(jetstream.MsgIDHeader, "dead-"+strconv.FormatUint(d.Seq, 10))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := q.js.PublishMsg(ctx, dl); err != nil {
		// Keep the job rather than lose it: it comes back after AckWait.
		q.log.Error("queue: could not write the dead letter; the job stays queued", "job", d.Seq, "err", err)
		_ = msg.Nak()
		return
	}
	_ = msg.TermWithReason(clipReason(reason.Error()))
	q.answer(msg, nil, reason.Error())
}

func (q *Queue) answer(msg jetstream.Msg, data []byte, reason string) {
	to := msg.Headers().Get(hdrReply)
	if to == "" {
		return
	}
	out := nats.NewMsg(to)
	out.Data = data
	if reason != "" {
		out.Header.Set(hdrError, clipReason(reason))
	}
	if err := q.nc.PublishMsg(out); err != nil {
		q.log.Warn("queue: could not answer the requester (the job is done)", "err", err)
	}
}

// clipReason bounds a reason kept in a header, on one line (a header
// value cannot hold a line break).
func clipReason(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
	const max = 2000
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
