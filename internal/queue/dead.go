package queue

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// DeadLetter is a job given up on, kept for a person to look at.
type DeadLetter struct {
	Seq      uint64    `json:"seq"`      // in the dead-letter stream
	JobSeq   uint64    `json:"job_seq"`  // the job's sequence in the jobs stream
	Reason   string    `json:"reason"`   // the last error
	Attempts int       `json:"attempts"` // deliveries made
	Enqueued time.Time `json:"enqueued"`
	Failed   time.Time `json:"failed"`
	Key      string    `json:"key"`
	Data     []byte    `json:"data"`
}

// DeadLetters returns the newest dead letters, at most limit, oldest
// first.
func (q *Queue) DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error) {
	if err := q.ensure(ctx); err != nil {
		return nil, err
	}
	s, err := q.js.Stream(ctx, DeadStream)
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", DeadStream, err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: stream %s: %w", DeadStream, err)
	}
	var out []DeadLetter
	if info.State.Msgs == 0 || limit <= 0 {
		return out, nil
	}
	for seq := info.State.LastSeq; seq >= info.State.FirstSeq && seq > 0 && len(out) < limit; seq-- {
		m, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("queue: dead letter %d: %w", seq, err)
		}
		d := DeadLetter{Seq: m.Sequence, Reason: m.Header.Get(hdrError), Key: m.Header.Get(hdrKey), Data: m.Data, Failed: m.Time}
		d.JobSeq, _ = strconv.ParseUint(m.Header.Get(hdrJobSeq), 10, 64)
		d.Attempts, _ = strconv.Atoi(m.Header.Get(hdrAttempts))
		d.Enqueued, _ = time.Parse(time.RFC3339Nano, m.Header.Get(hdrJobTime))
		out = append(out, d)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// Announce tells every listener (API servers caching a report) that the
// store changed. It is best effort: a lost announcement only delays a
// refresh until the next one.
func (q *Queue) Announce(id string) {
	_ = q.nc.Publish(StoredPrefix, []byte(id))
}

// OnStored calls f (from one goroutine) whenever some process announced a
// change, and after a reconnect, when announcements may have been missed.
// The returned function stops it.
func (q *Queue) OnStored(f func()) (stop func(), err error) {
	sub, err := q.nc.Subscribe(StoredPrefix, func(*nats.Msg) { f() })
	if err != nil {
		return nil, fmt.Errorf("queue: subscribe to %s: %w", StoredPrefix, err)
	}
	// Subscribe returns before the server has the subscription; until it
	// does, announcements pass it by. A round trip makes sure it has.
	if err := q.nc.Flush(); err != nil {
		_ = sub.Unsubscribe()
		return nil, fmt.Errorf("queue: subscribe to %s: %w", StoredPrefix, err)
	}
	q.mu.Lock()
	q.onReconnect = append(q.onReconnect, f)
	q.mu.Unlock()
	return func() { _ = sub.Unsubscribe() }, nil
}
