package queue

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	mrand "math/rand/v2"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"storyline/internal/news"
)

// Job is one piece of work to enqueue.
type Job struct {
	// Key de-duplicates: a job whose key was enqueued in the last ten
	// minutes is not queued again, so a publish retried after a lost
	// acknowledgement (or a watcher restarted mid-poll) queues it once.
	// Empty: a random key, for a job meant to be queued every time.
	Key  string
	Data []byte
}

// ErrJobFailed marks a job that a worker gave up on (it is a dead letter
// now); the error's text says why.
var ErrJobFailed = errors.New("job failed")

// Enqueue puts job on the queue durably: when it returns nil, JetStream
// has stored the job. A server that is away is waited for (with backoff,
// logged) until ctx ends.
func (q *Queue) Enqueue(ctx context.Context, job Job) error {
	_, err := q.publish(ctx, job, "")
	return err
}

// Request enqueues job and waits for the worker's answer: the bytes its
// handler returned, or an error wrapping ErrJobFailed when the job became
// a dead letter. If ctx ends first the job stays queued and is still done.
//
// An answer sent while either side was cut off from NATS is lost, so
// after a reconnect the job is enqueued once more, under a new key: the
// handler is idempotent, and whichever delivery answers first wins.
func (q *Queue) Request(ctx context.Context, job Job) ([]byte, error) {
	inbox := q.nc.NewRespInbox()
	answers := make(chan *nats.Msg, 4)
	sub, err := q.nc.ChanSubscribe(inbox, answers)
	if err != nil {
		return nil, fmt.Errorf("queue: answer subscription: %w", err)
	}
	defer sub.Unsubscribe()
	again := q.reconnected()
	seq, err := q.publish(ctx, job, inbox)
	if err != nil {
		return nil, err
	}
	for {
		select {
		case msg := <-answers:
			if reason := msg.Header.Get(hdrError); reason != "" {
				return nil, fmt.Errorf("job %d: %s: %w", seq, reason, ErrJobFailed)
			}
			return msg.Data, nil
		case <-again:
			again = q.reconnected()
			job.Key = ""
			if _, err := q.publish(ctx, job, inbox); err != nil {
				return nil, err
			}
		case <-ctx.Done():
			return nil, fmt.Errorf("queue: job %d is queued, but no worker answered in time (it stays queued and will be done): %w", seq, ctx.Err())
		}
	}
}

func (q *Queue) publish(ctx context.Context, job Job, reply string) (uint64, error) {
	if len(job.Data) > q.cfg.MaxJobBytes {
		return 0, fmt.Errorf("queue: a job of %d bytes is more than the limit of %d: %w", len(job.Data), q.cfg.MaxJobBytes, news.ErrTooLarge)
	}
	if job.Key == "" {
		job.Key = randomKey()
	}
	msg := nats.NewMsg(JobsSubject)
	msg.Data = job.Data
	msg.Header.Set(jetstream.MsgIDHeader, job.Key)
	msg.Header.Set(hdrKey, job.Key)
	if reply != "" {
		msg.Header.Set(hdrReply, reply)
	}
	failing := false
	for wait := 100 * time.Millisecond; ; wait = min(2*wait, 5*time.Second) {
		err := q.ensure(ctx)
		if err == nil {
			var ack *jetstream.PubAck
			pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			ack, err = q.js.PublishMsg(pctx, msg)
			cancel()
			if err == nil {
				if failing {
					q.log.Warn("queue: enqueueing works again", "server", q.name)
				}
				return ack.Sequence, nil
			}
			var apiErr *jetstream.APIError
			switch {
			case errors.Is(err, jetstream.ErrStreamNotFound) || errors.Is(err, jetstream.ErrNoStreamResponse):
				q.setReady(false) // a server that lost its data has no stream: make it again
			case errors.As(err, &apiErr):
				// The server refused this job (too large, storage full):
				// sending it again will not help.
				return 0, fmt.Errorf("queue: %s refused the job: %w", q.name, err)
			}
		}
		if ctx.Err() != nil {
			return 0, fmt.Errorf("queue: enqueue on %s: %w (gave up: %w)", q.name, err, ctx.Err())
		}
		if !failing {
			q.log.Warn("queue: cannot enqueue; retrying with backoff", "server", q.name, "err", err)
			failing = true
		}
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("queue: enqueue on %s: %w (gave up: %w)", q.name, err, ctx.Err())
		case <-time.After(jitter(wait)):
		}
	}
}

func randomKey() string {
	b := make([]byte, 16)
	_, _ = crand.Read(b)
	return hex.EncodeToString(b)
}

// jitter spreads retries between d/2 and d, so processes that failed
// together do not retry together.
func jitter(d time.Duration) time.Duration {
	if d <= 1 {
		return d
	}
	return d/2 + time.Duration(mrand.Int64N(int64(d/2)+1))
}
