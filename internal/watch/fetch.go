package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"storyline/internal/news"
)

// hostGates lets one request at a time go to each host, at least delay
// after the previous one to it finished (a slow server is given more room,
// not less).
type hostGates struct {
	delay time.Duration
	now   func() time.Time
	mu    sync.Mutex
	hosts map[string]*gate
}

type gate struct {
	turn chan struct{} // holds one token: whoever has it may send
	last time.Time     // when the last request to the host finished
}

func newHostGates(delay time.Duration, now func() time.Time) *hostGates {
	return &hostGates{delay: delay, now: now, hosts: map[string]*gate{}}
}

// acquire waits for host's turn; release must be called after the
// response is read.
func (h *hostGates) acquire(ctx context.Context, host string) (release func(), err error) {
	h.mu.Lock()
	g := h.hosts[host]
	if g == nil {
		g = &gate{turn: make(chan struct{}, 1)}
		g.turn <- struct{}{}
		h.hosts[host] = g
	}
	h.mu.Unlock()
	select {
	case <-g.turn:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if wait := g.last.Add(h.delay).Sub(h.now()); wait > 0 && !g.last.IsZero() {
		if !sleep(ctx, wait) {
			g.turn <- struct{}{}
			return nil, ctx.Err()
		}
	}
	return func() {
		g.last = h.now()
		g.turn <- struct{}{}
	}, nil
}

type response struct {
	body               []byte
	notModified        bool
	etag, lastModified string
	final              string // the URL after redirects
	contentType        string
}

// get fetches raw politely: the host's turn, a slot among all fetches,
// conditional headers when validators are known, a bounded body.
func (w *Watcher) get(ctx context.Context, raw string, max int64, etag, lastModified, accept string) (*response, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fetch %q: not an http or https address: %w", raw, news.ErrInvalid)
	}
	select {
	case w.slots <- struct{}{}:
		defer func() { <-w.slots }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	// By host name, not host:port: one machine is one server to be polite to.
	release, err := w.gates.acquire(ctx, strings.ToLower(u.Hostname()))
	if err != nil {
		return nil, err
	}
	defer release()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %v: %w", raw, err, news.ErrInvalid)
	}
	req.Header.Set("User-Agent", w.cfg.UserAgent)
	req.Header.Set("Accept", accept)
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := w.cfg.Client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, &fetchError{err: fmt.Errorf("fetch %s: %w", raw, err)}
	}
	defer resp.Body.Close()
	out := &response{etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified"),
		final: resp.Request.URL.String(), contentType: resp.Header.Get("Content-Type")}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.notModified = true
		out.etag, out.lastModified = etag, lastModified
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // lets the connection be reused
		return nil, &fetchError{err: fmt.Errorf("fetch %s: the server answered %s", raw, resp.Status),
			retryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()), status: resp.StatusCode}
	case resp.ContentLength > max:
		return nil, &fetchError{err: fmt.Errorf("fetch %s: %d bytes, more than the limit of %d: %w", raw, resp.ContentLength, max, news.ErrTooLarge)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, &fetchError{err: fmt.Errorf("fetch %s: reading the answer: %w", raw, err)}
	}
	if int64(len(body)) > max {
		return nil, &fetchError{err: fmt.Errorf("fetch %s: more than the limit of %d bytes: %w", raw, max, news.ErrTooLarge)}
	}
	out.body = body
	return out, nil
}

// page fetches an article page and checks that it is HTML.
func (w *Watcher) page(ctx context.Context, link string) ([]byte, string, error) {
	got, err := w.get(ctx, link, w.cfg.MaxPageBytes, "", "", "text/html, application/xhtml+xml;q=0.9, */*;q=0.1")
	if err != nil {
		return nil, "", err
	}
	if mt, _, _ := mime.ParseMediaType(got.contentType); got.contentType != "" && mt != "text/html" && mt != "application/xhtml+xml" {
		return nil, "", fmt.Errorf("fetch %s: a %s, not a web page: %w", link, mt, news.ErrInvalid)
	}
	if len(got.body) == 0 {
		return nil, "", fmt.Errorf("fetch %s: empty page: %w", link, news.ErrInvalid)
	}
	return got.body, got.final, nil
}

// parseRetryAfter reads seconds or an HTTP date; 0 when absent or bad.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
