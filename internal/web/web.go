// Package web serves storyline's pages and JSON API: stories with their
// source-by-fact tables, timelines and quote variants, articles with what
// was found in them, entities, search, and a form to add articles. It
// reads everything through a Backend and analyses nothing itself.
//
// Everything an article holds is untrusted: pages are html/template with
// our own CSS and script only, under a strict Content-Security-Policy.
// Writes need the token; forms carry a CSRF token; bodies, uploads and
// queries are bounded; every server phase has a timeout.
package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"storyline/internal/news"
	"storyline/internal/report"
)

//go:embed templates static openapi.json
var assets embed.FS

// Config is what a Server needs. Zero limits take the defaults.
type Config struct {
	Backend Backend
	// Token is the write token; with "" every write is refused.
	Token string
	// ClosedReads makes every page and API read need the token too.
	ClosedReads bool
	Logger      *slog.Logger
	// Registry receives the metrics; nil makes one with the Go and
	// process collectors.
	Registry *prometheus.Registry
	Version  string

	MaxBodyBytes   int64         // a JSON body or a pasted text (default 11 MiB)
	MaxUploadBytes int64         // one upload request, all files (default 32 MiB)
	MaxFiles       int           // files in one upload (default 50)
	ReadTimeout    time.Duration // a page or API read (default 10 s)
	AddTimeout     time.Duration // one add, fetching included (default 2 min)
	MaxJobs        int           // add jobs queued or running (default 8)
}

// Limits on what a client may send.
const (
	maxQueryBytes  = 8 << 10 // the raw query string of any request
	maxSearchBytes = 1 << 10 // the words of one search
	maxIDBytes     = 256     // an ID in a path
	defaultLimit   = 50
	maxLimit       = 500
)

func (c *Config) defaults() {
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = 11 << 20
	}
	if c.MaxUploadBytes <= 0 {
		c.MaxUploadBytes = 32 << 20
	}
	if c.MaxFiles <= 0 {
		c.MaxFiles = 50
	}
	if c.ReadTimeout <= 0 {
		c.ReadTimeout = 10 * time.Second
	}
	if c.AddTimeout <= 0 {
		c.AddTimeout = 2 * time.Minute
	}
	if c.MaxJobs <= 0 {
		c.MaxJobs = 8
	}
}

// Server answers the pages and the API.
type Server struct {
	cfg     Config
	b       Backend
	deleter Deleter       // b, when it can delete; nil otherwise
	stories StoryReporter // b, when it can report one story; nil otherwise
	log     *slog.Logger
	auth    *auth
	metrics *metrics
	jobs    *jobs
	cache   indexCache
	pages   map[string]*template.Template
	handler http.Handler
	static  fs.FS
}

// New builds a server over cfg.Backend.
func New(cfg Config) (*Server, error) {
	if cfg.Backend == nil {
		return nil, fmt.Errorf("web: no backend")
	}
	cfg.defaults()
	a, err := newAuth(cfg.Token)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, b: cfg.Backend, log: cfg.Logger, auth: a, metrics: newMetrics(cfg.Registry),
		jobs: newJobs(2, cfg.MaxJobs)}
	s.deleter, _ = cfg.Backend.(Deleter)
	s.stories, _ = cfg.Backend.(StoryReporter)
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	if s.static, err = fs.Sub(assets, "static"); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	s.routes(mux)
	// Cross-origin protection refuses a write from another site's page
	// (by Sec-Fetch-Site or Origin) before the CSRF token is looked at.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := fmt.Errorf("cross-origin request refused: %w", errForbidden)
		if strings.HasPrefix(r.URL.Path, "/api/") {
			s.writeAPIError(w, r, err)
		} else {
			s.errorPage(w, r, err)
		}
	}))
	s.handler = s.metrics.instrument(secureHeaders(cop.Handler(s.gate(mux))))
	return s, nil
}

// Handler is the server's whole HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes(mux *http.ServeMux) {
	page := func(pattern string, h func(http.ResponseWriter, *http.Request) error) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			if err := h(w, r); err != nil {
				s.errorPage(w, r, err)
			}
		})
	}
	page("GET /{$}", s.reads(s.storiesPage))
	page("GET /stories/{id}", s.storyReads(s.storyPage))
	page("GET /articles", s.reads(s.articlesPage))
	page("GET /articles/{id}", s.reads(s.articlePage))
	page("GET /entities", s.reads(s.entitiesPage))
	page("GET /entities/{id}", s.reads(s.entityPage))
	page("GET /search", s.reads(s.searchPage))
	page("GET /add", s.addPage)
	page("POST /add", s.addSubmit)
	page("GET /jobs/{id}", s.jobPage)
	page("GET /login", s.loginPage)
	page("POST /login", s.loginSubmit)
	page("POST /logout", s.logoutSubmit)
	page("POST /articles/{id}/delete", s.deleteSubmit)
	page("/", func(http.ResponseWriter, *http.Request) error { return errNoPage })
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticFiles(s.static)))
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", s.metrics.handler())

	api := map[string][]string{}
	apiRoute := func(method, path string, h func(http.ResponseWriter, *http.Request) error) {
		api[path] = append(api[path], method)
		mux.HandleFunc(method+" "+path, func(w http.ResponseWriter, r *http.Request) {
			if err := h(w, r); err != nil {
				s.writeAPIError(w, r, err)
			}
		})
	}
	apiRoute("GET", "/api/stories", s.reads(s.apiStories))
	apiRoute("GET", "/api/stories/{id}", s.storyReads(s.apiStory))
	apiRoute("GET", "/api/events", s.reads(s.apiEvents))
	apiRoute("GET", "/api/articles", s.reads(s.apiArticles))
	apiRoute("POST", "/api/articles", s.apiAddArticle)
	apiRoute("GET", "/api/articles/{id}", s.reads(s.apiArticle))
	apiRoute("DELETE", "/api/articles/{id}", s.apiDeleteArticle)
	apiRoute("GET", "/api/entities", s.reads(s.apiEntities))
	apiRoute("GET", "/api/entities/{id}", s.reads(s.apiEntity))
	apiRoute("GET", "/api/facts", s.reads(s.apiFacts))
	apiRoute("GET", "/api/quotes", s.reads(s.apiQuotes))
	apiRoute("GET", "/api/search", s.reads(s.apiSearch))
	apiRoute("POST", "/api/feeds", s.apiAddFeed)
	apiRoute("GET", "/api/jobs/{id}", s.apiJob)
	apiRoute("GET", "/api/openapi.json", s.apiOpenAPI)
	// Other methods on an API path, and unknown API paths, answer JSON
	// too, so that a client always gets {code, message}.
	for path, methods := range api {
		allow := strings.Join(append(methods, "HEAD"), ", ")
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			writeJSON(w, http.StatusMethodNotAllowed, apiError{Code: "method_not_allowed",
				Message: r.Method + " is not allowed here; use " + allow})
		})
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, apiError{Code: "not_found", Message: "no such API path: see /api/openapi.json"})
	})
}

var errNoPage = fmt.Errorf("no such page: %w", news.ErrNotFound)

// gate bounds every request's query and, with closed reads, turns away
// anyone without the token except from the health check and sign-in.
func (s *Server) gate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		isAPI := strings.HasPrefix(r.URL.Path, "/api/")
		fail := func(err error) {
			if isAPI {
				s.writeAPIError(w, r, err)
			} else {
				s.errorPage(w, r, err)
			}
		}
		if len(r.URL.RawQuery) > maxQueryBytes {
			fail(fmt.Errorf("query of %d bytes, more than the limit of %d: %w", len(r.URL.RawQuery), maxQueryBytes, news.ErrTooLarge))
			return
		}
		if s.cfg.ClosedReads && !s.auth.allowed(r) && !openPath(r.URL.Path) {
			if isAPI || r.Method != http.MethodGet {
				fail(fmt.Errorf("reads need the token on this server: %w", errUnauthorized))
				return
			}
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func openPath(p string) bool {
	return p == "/healthz" || p == "/login" || strings.HasPrefix(p, "/static/")
}

// report returns the backend's report and its index.
func (s *Server) report(ctx context.Context) (*index, error) {
	r, err := s.b.Report(ctx)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if r == nil {
		r = &report.Report{Version: report.Version}
	}
	return s.cache.get(r), nil
}

func (s *Server) readContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.cfg.ReadTimeout)
}

// reader handles a read that shows the report: it runs within the read
// timeout, with the report and its index loaded.
type reader func(ctx context.Context, w http.ResponseWriter, r *http.Request, x *index) error

// reads gives h the read context and the report, or fails as loading the
// report failed.
func (s *Server) reads(h reader) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		ctx, cancel := s.readContext(r)
		defer cancel()
		x, err := s.report(ctx)
		if err != nil {
			return err
		}
		return h(ctx, w, r, x)
	}
}

// storyReads is reads for a page of the story {id}: from the backend's
// report of that story alone when it has one, else from the whole report.
func (s *Server) storyReads(h reader) func(http.ResponseWriter, *http.Request) error {
	whole := s.reads(h)
	if s.stories == nil {
		return whole
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		id := r.PathValue("id")
		if len(id) > maxIDBytes {
			return fmt.Errorf("story ID of %d bytes: %w", len(id), news.ErrNotFound)
		}
		page, err := pageParam(r)
		if err != nil {
			return err
		}
		ctx, cancel := s.readContext(r)
		defer cancel()
		rep, ok, err := s.stories.StoryReport(ctx, id, page)
		if err != nil {
			return fmt.Errorf("story %s: %w", clip(id, 40), err)
		}
		if !ok {
			return whole(w, r)
		}
		return h(ctx, w, r, newIndex(rep))
	}
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

// staticFiles serves our CSS, script and icon, cached for an hour.
func staticFiles(fsys fs.FS) http.Handler {
	files := http.FileServerFS(fsys)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}

// render executes a page into a buffer first, so that a template error becomes a clean 500 and not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *pageData) {
	t := s.pages[name]
	if t == nil {
		s.log.Error("no template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	p.SignedIn = s.auth.allowed(r)
	p.Writable = s.cfg.Token != ""
	p.CanDelete = s.deleter != nil
	p.Version = s.cfg.Version
	p.Path = r.URL.Path
	if p.CSRF == "" {
		p.CSRF = s.auth.csrfToken(w, r)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("render page", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func contextWithTimeout(r *http.Request, d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), d)
}
