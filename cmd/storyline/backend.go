package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"storyline/internal/crossref"
	"storyline/internal/extract"
	"storyline/internal/ingest"
	"storyline/internal/intake"
	"storyline/internal/news"
	"storyline/internal/pipeline"
	"storyline/internal/report"
	"storyline/internal/web"
)

// storeBackend is the web server's view of a store: the report of all it
// holds (cached until something is added), its docs, its search, and
// adding through intake — the same path as 'storyline add'.
type storeBackend struct {
	store    news.Store
	plan     *pipeline.Plan
	workers  int
	maxBytes int64
	client   *http.Client
	// live is the cross-article pass over the stored docs, advanced as
	// articles are added here and rebuilt when the store changed otherwise.
	live *crossref.Live

	mu  sync.Mutex // held while the cached report is built or dropped
	rep *report.Report
	// stories reads one story from the pass kept in the store, when the
	// store keeps one (nil otherwise).
	stories *crossref.StoryReader
	// advance, when set, brings the cross-article pass kept in the store
	// up to date with the docs an add stored (advanceStored).
	advance func(ctx context.Context, docs []*news.Doc)

	// adds run one at a time: intake already uses every core, and
	// cleaning compares the articles of one batch with each other.
	addMu sync.Mutex
}

func newStoreBackend(store news.Store, workers int, maxBytes int64) (*storeBackend, error) {
	plan, err := extract.Plan()
	if err != nil {
		return nil, err
	}
	b := &storeBackend{store: store, plan: plan, workers: workers, maxBytes: maxBytes, client: fetchClient()}
	b.live = crossref.NewLive(b.storedDocs)
	if st, ok := store.(crossref.Store); ok {
		b.stories = crossref.NewStoryReader(st)
	}
	return b, nil
}

// passCurrent says whether story pages can be read from the pass kept in
// the store: it covers every stored article, and there are some.
func (b *storeBackend) passCurrent(ctx context.Context) bool {
	if b.stories == nil {
		return false
	}
	s, err := currentPass(ctx, b.store)
	return s != nil && err == nil
}

// StoryReport builds the report of one page of a story from the pass
// kept in the store, reading that page's rows alone; while that pass is stale (not
// folded up to every stored article) ok is false and the server uses the
// whole report.
func (b *storeBackend) StoryReport(ctx context.Context, id string, page int) (*report.Report, bool, error) {
	if b.stories == nil {
		return nil, false, nil
	}
	rep, err := b.stories.Report(ctx, id, page)
	if errors.Is(err, crossref.ErrStale) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return rep, true, nil
}

// storedDocs reads every stored doc, for the live pass to rebuild from.
func (b *storeBackend) storedDocs(ctx context.Context) ([]*news.Doc, error) {
	return crossref.StoredDocs(ctx, b.store, news.ArticleFilter{})
}

// Report returns the cached report, building it on first use after a
// change. Concurrent callers wait for one build rather than each making
// their own.
func (b *storeBackend) Report(ctx context.Context) (*report.Report, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.rep != nil {
		return b.rep, nil
	}
	res, docs, err := b.live.Result(ctx)
	if err != nil {
		return nil, fmt.Errorf("build report: %w", err)
	}
	b.rep = report.Build(res.Input(docs, nil))
	return b.rep, nil
}

// invalidate drops the report and the live pass: the store changed in ways
// this backend was not told of in full (another process added articles).
func (b *storeBackend) invalidate() {
	b.mu.Lock()
	b.rep = nil
	b.live.Invalidate()
	b.mu.Unlock()
}

// added advances the live pass by the docs just stored here.
func (b *storeBackend) added(ctx context.Context, docs []*news.Doc) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.rep = nil
	if err := b.live.Added(ctx, docs); err != nil {
		b.live.Invalidate()
	}
}

// Delete removes an article from the store; the report and the live pass
// are built again without it on the next read.
func (b *storeBackend) Delete(ctx context.Context, id string) error {
	b.addMu.Lock()
	defer b.addMu.Unlock()
	if err := b.store.Delete(ctx, id); err != nil {
		return err
	}
	b.invalidate()
	// A pass kept in the store by 'storyline add' still holds the article:
	// the next add builds it again (and until then the report computes it).
	if st, ok := b.store.(news.StateStore); ok {
		if err := crossref.MarkStale(ctx, st); err != nil {
			return fmt.Errorf("article %s deleted, but: %w", id, err)
		}
	}
	return nil
}

func (b *storeBackend) Doc(ctx context.Context, id string) (*news.Doc, error) {
	return b.store.Doc(ctx, id)
}

// maxFiltered bounds the hits read to filter by outlet or date, since the
// store's search takes no filter.
const maxFiltered = 1000

func (b *storeBackend) Search(ctx context.Context, q string, f news.ArticleFilter, limit int) ([]news.SearchHit, error) {
	filtered := f.Outlet != "" || f.Site != "" || !f.Since.IsZero() || !f.Until.IsZero()
	n := limit
	if filtered {
		n = maxFiltered
	}
	hits, err := b.store.Search(ctx, q, n)
	if err != nil || !filtered {
		return hits, err
	}
	out := hits[:0:0]
	for _, h := range hits {
		a, err := b.store.Article(ctx, h.ArticleID)
		if errors.Is(err, news.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		outlet := a.Outlet
		if outlet == "" {
			outlet = a.Site
		}
		switch {
		case f.Outlet != "" && outlet != f.Outlet, f.Site != "" && a.Site != f.Site,
			!f.Since.IsZero() && (a.Published.IsZero() || a.Published.Before(f.Since)),
			!f.Until.IsZero() && (a.Published.IsZero() || a.Published.After(f.Until)):
			continue
		}
		out = append(out, h)
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

// Add writes what it is given into a private temporary folder — pasted
// text or HTML with a sidecar of its metadata, uploaded files, a fetched
// page or feed — and runs intake over that folder into the store.
func (b *storeBackend) Add(ctx context.Context, in web.AddInput) (web.AddResult, error) {
	res := web.AddResult{Added: []web.Added{}, Duplicates: []web.Added{}, Failures: []web.Failure{}}
	dir, err := os.MkdirTemp("", "storyline-add-")
	if err != nil {
		return res, fmt.Errorf("add: temporary folder: %w", err)
	}
	defer os.RemoveAll(dir)
	fetched, err := b.stage(ctx, dir, in)
	if err != nil {
		return res, err
	}
	b.addMu.Lock()
	defer b.addMu.Unlock()
	cfg := intake.Config{Plan: b.plan, Store: b.store, Workers: b.workers, Ingest: ingest.Options{MaxBytes: b.maxBytes}}
	done, total := 0, 0
	var stored []*news.Doc
	name := func(input string) string {
		if fetched != "" && strings.HasPrefix(input, fetched) {
			return in.URL + strings.TrimPrefix(input, fetched)
		}
		return input
	}
	_, sum, err := intake.Run(ctx, cfg, intake.FS(os.DirFS(dir), "."), func(o intake.Outcome) {
		switch o.Kind {
		case intake.Analysed:
			done++
			if o.Stored {
				res.Added = append(res.Added, web.Added{ID: o.Doc.Article.ID, Title: o.Doc.Article.Title, Input: name(o.Input)})
				stored = append(stored, o.Doc)
			}
		case intake.Duplicate:
			done++
			a := web.Added{Input: name(o.Input)}
			if o.Doc != nil {
				a.ID, a.Title = o.Doc.Article.ID, o.Doc.Article.Title
			}
			res.Duplicates = append(res.Duplicates, a)
		case intake.Failed:
			res.Failures = append(res.Failures, web.Failure{Input: name(o.Input), Reason: o.Err.Error(), Err: o.Err})
		case intake.Skipped:
			if !strings.HasSuffix(o.Input, sidecarSuffix) {
				res.Failures = append(res.Failures, web.Failure{Input: name(o.Input), Reason: o.Reason, Err: news.ErrInvalid})
			}
		}
		if in.Progress != nil {
			in.Progress(done, total)
		}
	}, func(n int) {
		total = n
		if in.Progress != nil {
			in.Progress(done, total)
		}
	})
	if sum.Stored > 0 {
		b.added(ctx, stored)
		if b.advance != nil {
			b.advance(ctx, stored)
		}
	}
	if err != nil {
		return res, fmt.Errorf("add: %w", err)
	}
	return res, nil
}

const sidecarSuffix = ".meta.json"

// stage writes the inputs of in into dir. For a fetch it returns the name
// the fetched file has there.
func (b *storeBackend) stage(ctx context.Context, dir string, in web.AddInput) (string, error) {
	meta := map[string]string{}
	for k, v := range map[string]string{"url": in.URL, "title": in.Title, "outlet": in.Outlet, "site": in.Site,
		"byline": in.Byline, "published": in.Published, "language": in.Language} {
		if v = strings.TrimSpace(v); v != "" {
			meta[k] = v
		}
	}
	write := func(name string, data []byte, meta map[string]string) error {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			return fmt.Errorf("add: write %s: %w", name, err)
		}
		if len(meta) == 0 {
			return nil
		}
		side, err := json.Marshal(meta)
		if err != nil {
			return fmt.Errorf("add: metadata: %w", err)
		}
		return os.WriteFile(filepath.Join(dir, name+sidecarSuffix), side, 0o600)
	}
	switch {
	case in.Text != "":
		return "", write("pasted.txt", []byte(in.Text), meta)
	case in.HTML != "":
		return "", write("pasted.html", []byte(in.HTML), meta)
	case len(in.Files) > 0:
		outlet := map[string]string{}
		if meta["outlet"] != "" {
			outlet["outlet"] = meta["outlet"]
		}
		used := map[string]bool{}
		for i, f := range in.Files {
			name := uploadName(f.Name, i, used)
			var m map[string]string
			if !strings.HasSuffix(name, sidecarSuffix) && name != "manifest.json" {
				m = outlet
			}
			if err := write(name, f.Data, m); err != nil {
				return "", err
			}
		}
		return "", nil
	case in.URL != "":
		name, data, err := fetch(ctx, b.client, in.URL, b.maxBytes)
		if err != nil {
			return "", err
		}
		m := map[string]string{"url": in.URL}
		if meta["outlet"] != "" {
			m["outlet"] = meta["outlet"]
		}
		return name, write(name, data, m)
	}
	return "", fmt.Errorf("nothing to add: give text, html, files or a url: %w", news.ErrInvalid)
}

// uploadName keeps an uploaded file's base name (its extension tells the
// reader its format) but nothing that could leave the folder or hide.
func uploadName(name string, i int, used map[string]bool) string {
	base := path.Base(strings.ReplaceAll(name, `\`, "/"))
	base = strings.Map(func(r rune) rune {
		if r < ' ' || r == '/' || r == ':' || r == 0x7f {
			return '_'
		}
		return r
	}, base)
	base = strings.TrimLeft(base, ".")
	if len(base) > 120 {
		base = base[len(base)-120:]
	}
	if base == "" {
		base = fmt.Sprintf("upload-%d", i+1)
	}
	for used[base] {
		base = fmt.Sprintf("%d-%s", i+1, base)
	}
	used[base] = true
	return base
}
