package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"storyline/internal/news"
	"storyline/internal/web"
)

// fetchTimeout bounds one fetch from connecting to the last byte.
const fetchTimeout = 30 * time.Second

func fetchClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 10 * time.Second}).DialContext
	tr.ResponseHeaderTimeout = 15 * time.Second
	return &http.Client{Transport: tr, Timeout: fetchTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("more than 5 redirects")
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to a %s: address", req.URL.Scheme)
			}
			return nil
		}}
}

// fetch gets a page or a feed and names it with the extension that its
// content type calls for, so that ingest reads it as what it is.
func fetch(ctx context.Context, c *http.Client, raw string, max int64) (string, []byte, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", nil, fmt.Errorf("fetch %q: not an http or https address: %w", raw, news.ErrInvalid)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return "", nil, fmt.Errorf("fetch %s: %v: %w", raw, err, news.ErrInvalid)
	}
	req.Header.Set("User-Agent", "storyline (+news analysis; fetches what a user asked for)")
	req.Header.Set("Accept", "text/html, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5")
	resp, err := c.Do(req)
	if err != nil {
		return "", nil, fmt.Errorf("fetch %s: %v (is the address right, and can this server reach it? it may have no network beyond itself): %w",
			raw, unwrapURLError(err), web.ErrUpstream)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", nil, fmt.Errorf("fetch %s: the server answered %s: %w", raw, resp.Status, web.ErrUpstream)
	}
	if resp.ContentLength > max {
		return "", nil, fmt.Errorf("fetch %s: %d bytes, more than the limit of %d: %w", raw, resp.ContentLength, max, news.ErrTooLarge)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return "", nil, fmt.Errorf("fetch %s: reading the answer: %v: %w", raw, err, web.ErrUpstream)
	}
	if int64(len(data)) > max {
		return "", nil, fmt.Errorf("fetch %s: more than the limit of %d bytes: %w", raw, max, news.ErrTooLarge)
	}
	return "fetched" + extensionFor(resp.Header.Get("Content-Type"), resp.Request.URL.Path), data, nil
}

func extensionFor(contentType, urlPath string) string {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
		return ".html"
	case strings.Contains(mt, "rss") || strings.Contains(mt, "atom") || mt == "application/xml" || mt == "text/xml":
		return ".xml"
	case mt == "application/feed+json" || mt == "application/json":
		return ".json"
	case mt == "text/plain":
		return ".txt"
	}
	switch ext := strings.ToLower(path.Ext(urlPath)); ext {
	case ".html", ".htm", ".xml", ".rss", ".atom", ".txt", ".json", ".jsonl":
		return ext
	}
	return "" // sniffed by the reader
}

// unwrapURLError drops the "Get URL:" that *url.Error repeats.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
