package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"storyline/internal/news"
)

// retryStore is a store whose Add waits out an outage: an error that is
// not about the article itself (a database restarting, a network cut) is
// retried with exponential backoff and jitter until the context ends, so
// a worker holds its job (kept alive on the queue) instead of failing it.
// The outage is logged once when it starts and once when it ends.
type retryStore struct {
	news.Store
	log *slog.Logger
	// maxWait caps one wait between attempts.
	maxWait time.Duration

	mu      sync.Mutex
	failing bool
}

func newRetryStore(s news.Store, log *slog.Logger) *retryStore {
	return &retryStore{Store: s, log: log, maxWait: 10 * time.Second}
}

// articleError tells an error about the article (retrying cannot help)
// from one about the store.
func articleError(err error) bool {
	for _, k := range []error{news.ErrInvalid, news.ErrTooLarge, news.ErrConflict, news.ErrNotFound} {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

func (s *retryStore) Add(ctx context.Context, d *news.Doc) (news.AddResult, error) {
	wait := 250 * time.Millisecond
	for attempt := 1; ; attempt++ {
		r, err := s.Store.Add(ctx, d)
		if err == nil || articleError(err) {
			s.recovered()
			return r, err
		}
		if ctx.Err() != nil {
			return r, fmt.Errorf("store: gave up after %d attempts: %w", attempt, err)
		}
		s.mu.Lock()
		first := !s.failing
		s.failing = true
		s.mu.Unlock()
		if first {
			s.log.Warn("store: cannot add articles; retrying with backoff until it works", "err", err)
		}
		select {
		case <-ctx.Done():
			return r, fmt.Errorf("store: gave up after %d attempts: %w", attempt, err)
		case <-time.After(wait/2 + rand.N(wait/2+1)):
		}
		wait = min(2*wait, s.maxWait)
	}
}

func (s *retryStore) recovered() {
	s.mu.Lock()
	was := s.failing
	s.failing = false
	s.mu.Unlock()
	if was {
		s.log.Warn("store: adding works again")
	}
}
