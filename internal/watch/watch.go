// Package watch polls RSS, Atom and JSON feeds on a schedule and hands on
// every new item with the article page it links to. It is polite to the
// servers it reads: conditional GETs (ETag, Last-Modified) so an unchanged
// feed costs a 304, one request at a time per host with a minimum delay
// between them, exponential backoff with jitter after errors (and
// Retry-After when a server sends one), a User-Agent that says who is
// asking, and bounded bodies and timeouts. What it knows of each feed —
// validators, items seen, next poll, errors — is kept in a
// news.StateStore, so a restart picks up where it stopped instead of
// fetching everything again.
package watch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sync"
	"time"

	"storyline/internal/news"
)

// Namespace is where feed state lives in the StateStore.
const Namespace = "feed"

// Defaults.
const (
	DefaultInterval     = 15 * time.Minute
	DefaultHostDelay    = 2 * time.Second
	DefaultMaxFeedBytes = 5 << 20
	DefaultMaxPageBytes = 5 << 20
	DefaultRetryBase    = 30 * time.Second
	DefaultMaxBackoff   = 6 * time.Hour
	DefaultUserAgent    = "storyline-feed-watcher/1 (+news analysis; polls feeds it was given, honours 304 and Retry-After)"
	// pageTries is how many polls try to fetch an item's page before the
	// feed's own text of the item is used instead.
	pageTries = 3
	// maxSeen bounds the item IDs remembered per feed.
	maxSeen = 2000
	// maxParallel bounds fetches in flight across all hosts.
	maxParallel = 8
)

// Feed is one feed to poll.
type Feed struct {
	URL      string
	Interval time.Duration // 0 = Config.Interval
}

// Item is one new item of a feed, ready to add.
type Item struct {
	Feed      string // the feed's URL
	FeedTitle string
	ID        string // guid, else link
	Link      string // the article page (after redirects when fetched)
	Title     string
	Byline    string
	Published string // RFC 3339, "" when the feed gives none
	// Page is the HTML of the article page; nil when it could not be
	// fetched after several polls, and then FeedXML holds the feed's own
	// text of the item, as a one-item RSS document.
	Page    []byte
	FeedXML []byte
}

// Config says what to watch and how.
type Config struct {
	Feeds []Feed
	State news.StateStore
	// Add is given each new item. An error leaves the item unseen, to be
	// tried at the next poll (the queue or the store may be down).
	Add          func(ctx context.Context, it Item) error
	Client       *http.Client // default: timeouts of 30 s
	UserAgent    string
	Interval     time.Duration
	HostDelay    time.Duration // between two requests to one host
	MaxFeedBytes int64
	MaxPageBytes int64
	RetryBase    time.Duration // first backoff after an error
	MaxBackoff   time.Duration
	Logger       *slog.Logger
	Now          func() time.Time
}

// Watcher polls its feeds until its context ends.
type Watcher struct {
	cfg   Config
	log   *slog.Logger
	gates *hostGates
	slots chan struct{}
}

// New checks cfg and fills in defaults.
func New(cfg Config) (*Watcher, error) {
	if cfg.State == nil || cfg.Add == nil {
		return nil, fmt.Errorf("watch: a state store and an Add function are needed: %w", news.ErrInvalid)
	}
	for _, f := range cfg.Feeds {
		if err := checkURL(f.URL); err != nil {
			return nil, err
		}
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 30 * time.Second}
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.HostDelay < 0 {
		cfg.HostDelay = 0
	} else if cfg.HostDelay == 0 {
		cfg.HostDelay = DefaultHostDelay
	}
	if cfg.MaxFeedBytes <= 0 {
		cfg.MaxFeedBytes = DefaultMaxFeedBytes
	}
	if cfg.MaxPageBytes <= 0 {
		cfg.MaxPageBytes = DefaultMaxPageBytes
	}
	if cfg.RetryBase <= 0 {
		cfg.RetryBase = DefaultRetryBase
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = DefaultMaxBackoff
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Watcher{cfg: cfg, log: cfg.Logger, gates: newHostGates(cfg.HostDelay, cfg.Now), slots: make(chan struct{}, maxParallel)}, nil
}

func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("watch: %q is not an http or https address: %w", raw, news.ErrInvalid)
	}
	return nil
}

// Run polls every feed on its schedule until ctx ends. Each feed has its
// own loop; hosts are shared politely between them.
func (w *Watcher) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for _, f := range w.cfg.Feeds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.loop(ctx, f)
		}()
	}
	wg.Wait()
}

func (w *Watcher) loop(ctx context.Context, f Feed) {
	for ctx.Err() == nil {
		st, err := w.load(ctx, f.URL)
		if err != nil {
			w.log.Warn("watch: cannot read the feed's state; trying again in a minute", "feed", f.URL, "err", err)
			sleep(ctx, time.Minute)
			continue
		}
		if wait := st.Next.Sub(w.cfg.Now()); wait > 0 {
			if !sleep(ctx, wait) {
				return
			}
		}
		if _, err := w.Poll(ctx, f); err != nil && ctx.Err() == nil {
			w.log.Warn("watch: poll failed", "feed", f.URL, "err", err)
		}
	}
}

// sleep waits d or until ctx ends, and says whether it slept the whole d.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// state is what is kept per feed.
type state struct {
	ETag         string         `json:"etag,omitempty"`
	LastModified string         `json:"last_modified,omitempty"`
	Seen         []string       `json:"seen,omitempty"` // item IDs, newest last
	PageFailures map[string]int `json:"page_failures,omitempty"`
	Next         time.Time      `json:"next"`
	Errors       int            `json:"errors,omitempty"` // in a row
	LastError    string         `json:"last_error,omitempty"`
	LastOK       time.Time      `json:"last_ok,omitzero"`
}

func (w *Watcher) load(ctx context.Context, feed string) (*state, error) {
	vals, err := w.cfg.State.GetState(ctx, Namespace, []string{feed})
	if err != nil {
		return nil, fmt.Errorf("watch: state of %s: %w", feed, err)
	}
	st := &state{}
	if raw, ok := vals[feed]; ok {
		if err := json.Unmarshal(raw, st); err != nil {
			// Unreadable state costs one full fetch, not the feed.
			w.log.Warn("watch: the feed's state does not read; starting it afresh", "feed", feed, "err", err)
			st = &state{}
		}
	}
	return st, nil
}

func (w *Watcher) save(ctx context.Context, feed string, st *state) error {
	if len(st.Seen) > maxSeen {
		st.Seen = st.Seen[len(st.Seen)-maxSeen:]
	}
	raw, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("watch: encode state of %s: %w", feed, err)
	}
	// The state outlives this context's end: a poll that finished is kept.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := w.cfg.State.PutState(ctx, news.StateWrite{Values: []news.StateValue{{NS: Namespace, Key: feed, Value: raw}}}); err != nil {
		return fmt.Errorf("watch: keep state of %s: %w", feed, err)
	}
	return nil
}

// backoff is the wait after the n-th error in a row: RetryBase doubled per
// error, capped, with jitter so that feeds failing together spread out.
func (w *Watcher) backoff(n int, retryAfter time.Duration) time.Duration {
	d := w.cfg.RetryBase
	for i := 1; i < n && d < w.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, w.cfg.MaxBackoff)
	d = d/2 + rand.N(d/2+1)
	return max(d, min(retryAfter, w.cfg.MaxBackoff))
}

// fetchError is a failed fetch, with the server's Retry-After if any.
type fetchError struct {
	err        error
	retryAfter time.Duration
	status     int
}

func (e *fetchError) Error() string { return e.err.Error() }
func (e *fetchError) Unwrap() error { return e.err }

func retryAfterOf(err error) time.Duration {
	var fe *fetchError
	if errors.As(err, &fe) {
		return fe.retryAfter
	}
	return 0
}
