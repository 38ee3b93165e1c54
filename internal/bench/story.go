package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"storyline/internal/crossref"
	"storyline/internal/news"
	"storyline/internal/report"
	"storyline/internal/sqlite"
	"storyline/internal/web"
)

// StoryCost is what a story's API answer cost once the store held Stored
// articles and its cross-article pass covered them all.
type StoryCost struct {
	Stored   int `json:"stored"`
	Stories  int `json:"stories"` // stories in the store
	Requests int `json:"requests"`
	// MeanArticles and MaxArticles are the mean and the largest number of
	// articles on the pages answered: an answer reads every article of its
	// page, so its cost follows the page's size, bounded by
	// news.StoryPageArticles save for an event larger than that.
	MeanArticles float64 `json:"mean_articles"`
	MaxArticles  int     `json:"max_articles"`
	// MaxStoryArticles is the largest story asked for, of all its pages
	// (news.StoryPages): an answer is its first page.
	MaxStoryArticles int `json:"max_story_articles"`
	// FirstMS is the first request, which joins the whole store's names
	// into identities; the others reuse them until an article is folded in.
	FirstMS float64 `json:"first_ms"`
	P50MS   float64 `json:"p50_ms"`
	P99MS   float64 `json:"p99_ms"`
	MaxMS   float64 `json:"max_ms"`
	// FoldS is how long bringing the pass up to the stored articles took,
	// and FoldMS that per article folded.
	FoldS  float64 `json:"fold_s"`
	FoldMS float64 `json:"fold_ms_per_article"`
}

// storyRun folds the stored articles into the store's cross-article pass
// and times GET /api/stories/{id} on storyline's web server over loopback,
// for stories picked at random (by the seed) among all stored: the first
// page of each, the one a reader opens.
func storyRun(ctx context.Context, st news.Store, stored int, opts *Options) (StoryCost, error) {
	c := StoryCost{Stored: stored}
	cs, ok := st.(crossref.Store)
	if !ok {
		return c, errorf("the %s store keeps no cross-article pass", opts.StoreName)
	}
	fold := cs
	if db, ok := st.(*sqlite.DB); ok {
		fold = db.Folding() // as 'storyline add' folds
	}
	s, err := crossref.OpenStored(ctx, fold)
	if err != nil {
		return c, errorf("open the pass: %w", err)
	}
	step := fmt.Sprintf("fold pass at %s", SizeLabel(stored))
	opts.Progress(step, 0, stored)
	before := s.Folded()
	t0 := time.Now()
	rebuilt, err := s.Fold(ctx, nil, func(done, total int) { opts.Progress(step, done, total) })
	if err != nil {
		return c, errorf("fold the pass at %d stored: %w", stored, err)
	}
	c.FoldS = round(time.Since(t0).Seconds(), 1)
	folded := s.Folded() // a rebuild folds every article again
	if !rebuilt {
		folded -= before
	}
	if folded > 0 {
		c.FoldMS = round(time.Since(t0).Seconds()*1000/float64(folded), 3)
	}
	ids, err := s.StoryIDs(ctx)
	if err != nil {
		return c, errorf("list stories: %w", err)
	}
	c.Stories = len(ids)
	if len(ids) == 0 {
		return c, errorf("no stories at %d stored", stored)
	}
	// A story of thousands of articles takes seconds: the benchmark times
	// it rather than let the server's read timeout cut it.
	srv, err := web.New(web.Config{Backend: &storyBackend{r: crossref.NewStoryReader(cs), st: st},
		Logger: slog.New(slog.DiscardHandler), Registry: prometheus.NewRegistry(), ReadTimeout: storyTimeout})
	if err != nil {
		return c, err
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	client := ts.Client()

	rng := rand.New(rand.NewPCG(opts.Seed, uint64(stored)))
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	step = fmt.Sprintf("story API at %s", SizeLabel(stored))
	opts.Progress(step, 0, opts.StoryRequests)
	ms := make([]float64, 0, opts.StoryRequests)
	articles := 0
	for i := range opts.StoryRequests + 1 {
		id := ids[i%len(ids)]
		t0 := time.Now()
		body, err := getStory(ctx, client, ts.URL, id)
		el := float64(time.Since(t0).Microseconds()) / 1000
		if err != nil {
			return c, errorf("at %d stored: %w", stored, err)
		}
		if i == 0 {
			c.FirstMS = round(el, 3)
			continue
		}
		ms = append(ms, el)
		var out struct {
			Story struct {
				Count int `json:"article_count"`
			} `json:"story"`
			StoryCount int `json:"story_article_count"`
		}
		if err := json.Unmarshal(body, &out); err != nil || out.Story.Count == 0 {
			return c, errorf("story %s at %d stored: an answer without articles (%v): %.200s", id, stored, err, body)
		}
		articles += out.Story.Count
		c.MaxArticles = max(c.MaxArticles, out.Story.Count)
		c.MaxStoryArticles = max(c.MaxStoryArticles, out.StoryCount)
		opts.Progress(step, i, opts.StoryRequests)
	}
	slices.Sort(ms)
	c.Requests = len(ms)
	c.MeanArticles = round(float64(articles)/float64(len(ms)), 1)
	c.P50MS = round(quantile(ms, 0.50), 3)
	c.P99MS = round(quantile(ms, 0.99), 3)
	c.MaxMS = round(ms[len(ms)-1], 3)
	return c, nil
}

// storyTimeout bounds one story answer in the benchmark.
const storyTimeout = 10 * time.Minute

// maxStoryBytes bounds one answer read.
const maxStoryBytes = 1 << 30

func getStory(ctx context.Context, client *http.Client, base, id string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", base+"/api/stories/"+url.PathEscape(id), nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxStoryBytes))
	if err != nil {
		return nil, fmt.Errorf("story %s: %w", id, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("story %s: %s: %.200s", id, resp.Status, body)
	}
	return body, nil
}

// storyBackend is a web.Backend answering story pages from the stored
// pass alone, as 'storyline serve' does when its pass is current; what
// else the server offers is not measured and refused.
type storyBackend struct {
	r  *crossref.StoryReader
	st news.Store
}

var errNotMeasured = errors.New("the benchmark's server answers story pages only")

func (b *storyBackend) StoryReport(ctx context.Context, id string, page int) (*report.Report, bool, error) {
	rep, err := b.r.Report(ctx, id, page)
	return rep, err == nil, err
}

func (b *storyBackend) Report(context.Context) (*report.Report, error) { return nil, errNotMeasured }

func (b *storyBackend) Doc(ctx context.Context, id string) (*news.Doc, error) {
	return b.st.Doc(ctx, id)
}

func (b *storyBackend) Search(context.Context, string, news.ArticleFilter, int) ([]news.SearchHit, error) {
	return nil, errNotMeasured
}

func (b *storyBackend) Add(context.Context, web.AddInput) (web.AddResult, error) {
	return web.AddResult{}, errNotMeasured
}
