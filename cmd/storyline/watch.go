package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"storyline/internal/news"
	"storyline/internal/queue"
	"storyline/internal/watch"
	"storyline/internal/web"
)

// watchFlags say which feeds to poll and how; watch and serve --watch
// share them (serve's carry a "watch-" prefix).
type watchFlags struct {
	feeds     []string
	file      string
	interval  time.Duration
	hostDelay time.Duration
	userAgent string
}

func (w *watchFlags) register(cmd *cobra.Command, prefix string) {
	f := cmd.Flags()
	name := func(n string) string {
		if prefix == "" {
			return n
		}
		return prefix + "-" + n
	}
	if prefix != "" {
		f.StringArrayVar(&w.feeds, prefix, nil, "poll this RSS/Atom feed and add its articles (repeat for more; see 'storyline watch --help')")
	}
	f.StringVar(&w.file, name("feeds"), "", "file of feeds to poll, one per line: URL [INTERVAL], # comments")
	f.DurationVar(&w.interval, name("interval"), watch.DefaultInterval, "time between two polls of a feed")
	f.DurationVar(&w.hostDelay, name("host-delay"), watch.DefaultHostDelay, "least time between two requests to one host (one at a time per host)")
	f.StringVar(&w.userAgent, name("user-agent"), watch.DefaultUserAgent, "User-Agent sent with every request")
}

// list is the feeds named on the command line and in the file.
func (w *watchFlags) list() ([]watch.Feed, error) {
	var out []watch.Feed
	for _, u := range w.feeds {
		out = append(out, watch.Feed{URL: u, Interval: w.interval})
	}
	if w.file == "" {
		return out, nil
	}
	f, err := os.Open(w.file)
	if err != nil {
		return nil, usageError{fmt.Errorf("feeds file: %w", err)}
	}
	defer f.Close()
	sc := bufio.NewScanner(io.LimitReader(f, 16<<20))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		feed := watch.Feed{URL: fields[0], Interval: w.interval}
		if len(fields) > 1 {
			d, err := time.ParseDuration(fields[1])
			if err != nil || d <= 0 {
				return nil, usageError{fmt.Errorf("%s:%d: interval %q: want a duration such as 15m", w.file, n, fields[1])}
			}
			feed.Interval = d
		}
		out = append(out, feed)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", w.file, err)
	}
	return out, nil
}

// watcher builds the feed watcher: new items are enqueued for workers
// when q is set, else added through backend, in this process.
func (w *watchFlags) watcher(_ context.Context, g *globals, store news.Store, backend web.Backend, q *queue.Queue, log *slog.Logger) (*watch.Watcher, error) {
	feeds, err := w.list()
	if err != nil {
		return nil, err
	}
	if len(feeds) == 0 {
		return nil, usageError{errors.New("no feeds to watch: name them, or give a feeds file")}
	}
	state, ok := store.(news.StateStore)
	if !ok {
		return nil, fmt.Errorf("the database cannot keep the feeds' state")
	}
	add := func(ctx context.Context, it watch.Item) error {
		in := itemInput(it)
		if q != nil {
			data, err := encodeJob(in)
			if err != nil {
				return err
			}
			sum := sha256.Sum256([]byte(it.Feed + "\x00" + it.ID))
			return q.Enqueue(ctx, queue.Job{Key: "feed-" + hex.EncodeToString(sum[:16]), Data: data})
		}
		res, err := backend.Add(ctx, in)
		if err != nil {
			if errors.Is(err, news.ErrInvalid) || errors.Is(err, news.ErrTooLarge) {
				log.Warn("watch: item not added", "feed", it.Feed, "item", it.ID, "err", err)
				return nil
			}
			return err
		}
		for _, f := range res.Failures {
			if !articleError(f.Err) {
				// The store, not the item: try it again at the next poll.
				return fmt.Errorf("%s: %s", f.Input, f.Reason)
			}
			log.Warn("watch: item not added", "feed", it.Feed, "item", it.ID, "reason", f.Reason)
		}
		return nil
	}
	return watch.New(watch.Config{Feeds: feeds, State: state, Add: add, Client: fetchClient(), UserAgent: w.userAgent,
		Interval: w.interval, HostDelay: w.hostDelay, MaxFeedBytes: g.maxBytes, MaxPageBytes: g.maxBytes, Logger: log})
}

// itemInput is the add a feed item becomes: its page with the feed's
// metadata, or the feed's own text of it as a one-item feed.
func itemInput(it watch.Item) web.AddInput {
	if it.Page != nil {
		return web.AddInput{HTML: string(it.Page), URL: it.Link, Title: it.Title, Byline: it.Byline,
			Published: it.Published, Outlet: it.FeedTitle}
	}
	return web.AddInput{Outlet: it.FeedTitle, Files: []web.File{{Name: "item.rss", Data: it.FeedXML}}}
}

func newWatch(g *globals) *cobra.Command {
	var wf watchFlags
	var nats string
	cmd := &cobra.Command{
		Use:   "watch FEED_URL...",
		Short: "Poll RSS/Atom feeds on a schedule and add their articles",
		Long: `Poll RSS, Atom and JSON feeds on a schedule, until interrupted, and add every new item: the
article page the item links to is fetched and its main text extracted (when the page cannot be
had after three polls, the feed's own text of the item is used). Articles go through the same
pipeline as 'storyline add' into the database (--db), or with --nats onto the work queue for
'storyline worker' processes.

It is polite to the servers it reads: a feed that did not change costs a 304 (ETag and
Last-Modified are sent back), one request at a time goes to each host with at least --host-delay
between two, errors push the next poll back exponentially (with jitter; Retry-After is
honoured), and bodies are bounded by --max-bytes. What it knows of each feed (validators, items
seen, next poll time, errors in a row) is kept in the database, so a restart does not fetch
everything again.

Each stored article is printed as "stored ID INPUT" (without --nats). 'storyline serve --watch
URL' runs the same watcher inside the web server.`,
		Example: `  storyline watch https://example.org/rss.xml https://example.net/atom.xml
  storyline watch --feeds feeds.txt --interval 10m --db postgres://news@db/news
  storyline watch --feeds feeds.txt --nats nats://127.0.0.1:4222 --db postgres://news@db/news
feeds.txt holds one feed per line, with its own interval if it needs one:
  https://example.org/rss.xml 5m
  https://example.net/atom.xml`,
		RunE: func(cmd *cobra.Command, urls []string) error {
			wf.feeds = urls
			if len(urls) == 0 && wf.file == "" {
				return usageError{errors.New("name at least one feed URL, or give --feeds FILE")}
			}
			ctx := cmd.Context()
			errw := cmd.ErrOrStderr()
			log := newLogger(errw)
			store, name, err := openStore(ctx, g)
			if err != nil {
				return err
			}
			defer store.Close()
			var q *queue.Queue
			var backend web.Backend
			where := "database " + name
			if nats != "" {
				q, err = openQueue(ctx, nats, "storyline watch", queueFlags{}, g.maxBytes, log)
				if err != nil {
					return err
				}
				defer q.Close()
				where = "the workers on " + q.Name() + " (state in " + name + ")"
			} else {
				b, err := newStoreBackend(store, g.workers, g.maxBytes)
				if err != nil {
					return err
				}
				b.advance = advancer(store, name, log)
				backend = printingBackend{b, cmd.OutOrStdout(), g.quiet, &sync.Mutex{}}
			}
			w, err := wf.watcher(ctx, g, store, backend, q, log)
			if err != nil {
				return err
			}
			fmt.Fprintf(errw, "storyline: watching %s into %s; interrupt (Ctrl-C) to stop\n", plural(len(urls), wf.file), where)
			w.Run(ctx)
			fmt.Fprintln(errw, "storyline: stopped watching")
			return nil
		},
	}
	wf.register(cmd, "")
	cmd.Flags().StringVar(&nats, "nats", "", "put new articles on this NATS JetStream queue for 'storyline worker' instead of analysing them here")
	return cmd
}

func plural(n int, file string) string {
	s := fmt.Sprintf("%d feeds", n)
	if n == 1 {
		s = "1 feed"
	}
	if file != "" {
		s += " and those in " + file
	}
	return s
}

// printingBackend prints "stored ID INPUT" for what an add stored.
type printingBackend struct {
	*storeBackend
	out   io.Writer
	quiet bool
	mu    *sync.Mutex
}

func (p printingBackend) Add(ctx context.Context, in web.AddInput) (web.AddResult, error) {
	res, err := p.storeBackend.Add(ctx, in)
	if !p.quiet {
		p.mu.Lock()
		for _, a := range res.Added {
			input := a.Input
			if in.URL != "" {
				input = in.URL // not the temporary file's name
			}
			fmt.Fprintf(p.out, "stored %s %s\n", a.ID, input)
		}
		p.mu.Unlock()
	}
	return res, err
}
