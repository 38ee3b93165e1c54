package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"storyline/internal/demo"
	"storyline/internal/intake"
	"storyline/internal/news"
	"storyline/internal/sqlite"
	"storyline/internal/web"
)

// serveFlags are the server's own flags, shared by serve and demo.
type serveFlags struct {
	addr        string
	token       string
	closedReads bool
	work        serveQueueFlags // serve only: --queue and --watch (serve_queue.go)
}

func (s *serveFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&s.addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	f.StringVar(&s.token, "token", "", "write token (default: $STORYLINE_TOKEN, else one generated at first start, kept beside the database and printed once)")
	f.BoolVar(&s.closedReads, "closed-reads", false, "reads need the token too (default: reads are open, writes need the token)")
}

const serveHelp = `Pages: / (stories, newest first), /stories/ID (timeline, facts by outlet, quote variants,
names, articles), /articles/ID (the text with what was found in it), /entities/ID, /search,
/add (paste, upload or fetch; needs the token). Every figure and quote links to its sentence.

API (JSON; described by /api/openapi.json): GET /api/stories, /api/stories/ID, /api/events,
/api/articles, /api/articles/ID, /api/entities, /api/entities/ID, /api/facts, /api/quotes,
/api/search?q=; lists take ?limit and ?offset. POST /api/articles {"text"|"html"|"url", ...}
and POST /api/feeds {"url"} add, with "Authorization: Bearer TOKEN". Errors are
{"code", "message"}. GET /healthz answers 200 when ready; GET /metrics is for Prometheus.

Writes need the token: --token, else $STORYLINE_TOKEN, else one generated at the first start,
printed once and kept in a file beside the database (DB.token). The browser signs in at
/login with it. Fetching a URL needs this machine to reach it.`

func newServe(g *globals) *cobra.Command {
	var sf serveFlags
	var withDemo bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the web UI and the JSON API over the database",
		Long: `Serve the stories in the database (--db, or storyline.db in the user's data directory) as web
pages and a JSON API until interrupted; an interrupt lets the writes in flight finish first.
With --demo the demo corpus is added to the database first.

By default adds are analysed in this process. With --queue nats://HOST:PORT they go as jobs to
'storyline worker' processes through NATS JetStream, and this server only reads the database
(--queue embedded runs the NATS server inside this one, at --nats-listen); any number of servers
and workers can share one PostgreSQL and one NATS (see 'storyline worker --help'). With --watch
URL (repeatable) or --watch-feeds FILE, feeds are polled on a schedule ('storyline watch --help').

A story's page and GET /api/stories/{id} read that story's rows from the cross-article pass
'storyline add' keeps in a SQLite database, when it covers every stored article: their cost
follows the story, not the store. Then the server listens at once, and the lists, search and
entity pages, which need the whole store's report, wait until it is built. Otherwise (a pass
left stale, PostgreSQL) every page is answered from that report, built before listening.

` + serveHelp,
		Example: `  storyline serve
  storyline serve --addr 127.0.0.1:9000 --db team.db --demo
  STORYLINE_TOKEN=a-long-shared-secret storyline serve --closed-reads
  curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
       -d '{"url":"https://example.org/feed.xml"}' localhost:8080/api/feeds`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			store, name, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer store.Close()
			if withDemo {
				q := *g
				q.quiet = true
				if _, _, err := runIntake(cmd.Context(), &q, intake.FS(demo.FS(), "."), store, cmd.InOrStdin(), cmd.ErrOrStderr(), nil); err != nil {
					return fmt.Errorf("load the demo corpus: %w", err)
				}
			}
			return runServer(cmd.Context(), g, store, name, sf, cmd.ErrOrStderr())
		},
	}
	sf.register(cmd)
	sf.work.register(cmd)
	cmd.Flags().BoolVar(&withDemo, "demo", false, "add the demo corpus to the database before serving")
	return cmd
}

// runServer serves store on sf.addr until ctx ends.
func runServer(ctx context.Context, g *globals, store news.Store, dbName string, sf serveFlags, errw io.Writer) error {
	token, err := writeToken(sf.token, os.Getenv("STORYLINE_TOKEN"), tokenFile(dbName), errw)
	if err != nil {
		return err
	}
	b, err := newStoreBackend(store, g.workers, g.maxBytes)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(errw, &slog.HandlerOptions{Level: slog.LevelWarn}))
	b.advance = advancer(store, dbName, log)
	backend, stopWork, err := sf.work.start(ctx, g, b, dbName, errw)
	if err != nil {
		return err
	}
	defer stopWork()
	srv, err := web.New(web.Config{Backend: backend, Token: token, ClosedReads: sf.closedReads, Version: serverVersion(),
		Logger: log, MaxBodyBytes: g.maxBytes + 1<<20})
	if err != nil {
		return err
	}
	// The report is built before the address is printed, so that the
	// first page is fast and a script waiting for /healthz gets a ready
	// server. When the store keeps a current cross-article pass, story
	// pages read it and need no report: the server listens at once and
	// builds the report for the other pages behind.
	if b.passCurrent(ctx) {
		go func() {
			if _, err := b.Report(ctx); err != nil && ctx.Err() == nil {
				log.Warn("the report for lists, search and entity pages could not be built", "err", err)
			}
		}()
	} else if _, err := b.Report(ctx); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", sf.addr)
	if err != nil {
		return usageError{fmt.Errorf("listen on %s: %w", sf.addr, err)}
	}
	fmt.Fprintf(errw, "storyline: serving http://%s/ (database %s); interrupt (Ctrl-C) to stop\n", ln.Addr(), dbName)
	if err := srv.Serve(ctx, ln); err != nil {
		return err
	}
	fmt.Fprintln(errw, "storyline: stopped")
	return nil
}

// tokenFile is where a generated token is kept: beside a database file,
// or for a server database in the user's data directory under a name
// derived from its address.
func tokenFile(dbName string) string {
	if !strings.Contains(dbName, "://") {
		return dbName + ".token"
	}
	def, err := sqlite.DefaultPath()
	if err != nil {
		return ""
	}
	sum := sha256.Sum256([]byte(dbName))
	return filepath.Join(filepath.Dir(def), "server-"+hex.EncodeToString(sum[:6])+".token")
}

// writeToken picks the write token: the flag, else the environment, else
// the kept file, else a new one, which is kept and printed this once.
func writeToken(flag, env, file string, errw io.Writer) (string, error) {
	for _, t := range []string{flag, env} {
		if t = strings.TrimSpace(t); t != "" {
			if len(t) < 12 {
				return "", usageError{fmt.Errorf("the token must be at least 12 characters")}
			}
			return t, nil
		}
	}
	if file == "" {
		return "", fmt.Errorf("no place to keep a token: give --token or STORYLINE_TOKEN")
	}
	if b, err := os.ReadFile(file); err == nil {
		if t := strings.TrimSpace(string(b)); t != "" {
			return t, nil
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("read token file: %w", err)
	}
	t, err := web.RandomToken()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return "", fmt.Errorf("token folder: %w", err)
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", fmt.Errorf("keep token: %w", err)
	}
	if _, err := f.WriteString(t + "\n"); err != nil {
		f.Close()
		return "", fmt.Errorf("keep token: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("keep token: %w", err)
	}
	fmt.Fprintf(errw, "storyline: write token (shown this once; kept in %s): %s\n", file, t)
	return t, nil
}

// serverVersion is the module version the binary was built as, for the
// pages' footer.
func serverVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
