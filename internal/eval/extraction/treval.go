package extraction

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"storyline/internal/eval"
)

// trevalPage is one page of trafilatura's evaluation set.
type trevalPage struct {
	URL, File     string
	With, Without []string
}

// trevalMust is the threshold for this dataset; trafilatura-eval is
// harder than the news benchmark (many languages, forums, blogs).
const trevalMust = 0.90

// trevalAnchors are the published figures (trafilatura's
// docs/evaluation.rst and go-trafilatura's README).
var trevalAnchors = []eval.Anchor{
	{System: "trafilatura 2.2.0", F1: 0.924, Note: "published (docs/evaluation.rst)"},
	{System: "go-trafilatura (with fallback)", F1: 0.915, Note: "published (go-trafilatura README)"},
	{System: "go-trafilatura", F1: 0.904, Note: "published (go-trafilatura README)"},
	{System: "go-readability", F1: 0.881, Note: "published (go-trafilatura README)"},
}

func loadTreval(dir string) ([]trevalPage, error) {
	path := filepath.Join(dir, "tests", "evaldata.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read evaluation data: %w", err)
	}
	var m map[string]struct {
		File    string   `json:"file"`
		With    []string `json:"with"`
		Without []string `json:"without"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("read evaluation data %s: %w", path, err)
	}
	pages := make([]trevalPage, 0, len(m))
	for u, v := range m {
		pages = append(pages, trevalPage{URL: u, File: v.File, With: v.With, Without: v.Without})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })
	return pages, nil
}

// trevalHTML finds a page's file in either of the set's two folders.
func trevalHTML(dir, file string) ([]byte, error) {
	var firstErr error
	for _, sub := range []string{"eval", "cache"} {
		raw, err := readGzip(filepath.Join(dir, "html", "tests", sub, file+".gz"))
		if err == nil {
			return raw, nil
		}
		if firstErr == nil || !os.IsNotExist(err) {
			firstErr = err
		}
	}
	return nil, fmt.Errorf("page %s: %w", file, firstErr)
}

// runTreval scores ex on trafilatura's evaluation set in dir.
func runTreval(ctx context.Context, dir string, o eval.Options, ex Extractor) (*eval.Result, error) {
	all, err := loadTreval(dir)
	if err != nil {
		return nil, err
	}
	pages, err := pagesIn(o.Split, dir, all, func(p trevalPage) string { return p.URL })
	if err != nil {
		return nil, err
	}
	start := time.Now()
	got, busy := extractAll(ctx, len(pages), func(i int) ([]byte, string, error) {
		raw, err := trevalHTML(dir, pages[i].File)
		return raw, pages[i].URL, err
	}, ex, o.Progress)
	wall := time.Since(start)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var total SnippetCounts
	failed := map[string]string{}
	for i, p := range pages {
		if got[i].err != nil {
			failed[p.File] = got[i].err.Error()
		}
		total.Add(ScoreSnippets(got[i].text, p.With, p.Without))
	}
	prec, rec, f1 := total.Scores()
	return &eval.Result{
		Task: "extraction", Dataset: "trafilatura-eval", N: len(pages),
		Precision: prec, Recall: rec, F1: f1,
		Extra: map[string]any{
			"split":         splitName(o.Split),
			"tp":            total.TP,
			"fp":            total.FP,
			"fn":            total.FN,
			"tn":            total.TN,
			"accuracy":      float64(total.TP+total.TN) / float64(max(1, total.TP+total.FP+total.FN+total.TN)),
			"failures":      len(failed),
			"failed_pages":  failed,
			"ms_per_page":   float64(busy.Microseconds()) / 1000 / float64(len(pages)),
			"pages_per_sec": float64(len(pages)) / wall.Seconds(),
			"must":          trevalMust,
		},
		Anchors: append([]eval.Anchor(nil), trevalAnchors...),
	}, nil
}
