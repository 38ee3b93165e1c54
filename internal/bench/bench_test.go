package bench

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"storyline/internal/news"
	"storyline/internal/sqlite"
)

// TestRunShape runs the whole benchmark at a tiny size (figures are not
// checked, only that each was measured) and checks the JSON contract.
func TestRunShape(t *testing.T) {
	dir := t.TempDir()
	opts := Options{Quick: true, Seed: 2, TextArticles: 6, HTMLPages: 3, StageDocs: 2, StoreSizes: []int{40, 50}, Adds: 4,
		StorySizes: []int{50}, StoryRequests: 5,
		StoreName: "sqlite",
		Store:     func(ctx context.Context) (news.Store, error) { return sqlite.Open(ctx, filepath.Join(dir, "b.db")) }}
	steps := map[string]bool{}
	opts.Progress = func(step string, done, total int) {
		steps[step] = true
		if total > 0 && done > total {
			t.Errorf("step %s: %d done of %d", step, done, total)
		}
	}
	res, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	for name, v := range map[string]float64{"text": res.TextArticlesPerS, "html": res.HTMLPagesPerS, "pipeline": res.PipelineArticlesPerS,
		"extract": res.HTMLExtractPagesPerS, "stages": res.StagesMS, "rss": res.PeakRSSMB} {
		if v <= 0 {
			t.Errorf("%s not measured: %v", name, v)
		}
	}
	if len(res.StageMS) < 4 {
		t.Errorf("stage costs of %d stages: %v", len(res.StageMS), res.StageMS)
	}
	if len(res.Add) != 2 || res.Add[0].Stored != 40 || res.Add[1].Stored != 50 || res.Add[1].Adds != 4 || res.Add[1].MeanMS <= 0 {
		t.Errorf("adds: %+v", res.Add)
	}
	if len(res.StoryAPI) != 1 {
		t.Fatalf("story API runs: %+v", res.StoryAPI)
	}
	if c := res.StoryAPI[0]; c.Stored != 54 || c.Requests != 5 || c.Stories == 0 || c.P99MS <= 0 || c.P50MS > c.P99MS || c.FoldMS <= 0 || c.MeanArticles < 1 {
		t.Errorf("story API at 54: %+v", c)
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "b.db"))
	if err != nil {
		t.Fatal(err)
	}
	if n, err := db.Count(context.Background()); err != nil || n != 54 {
		t.Errorf("the store holds %d articles (%v), want 40 + 4 + 6 + 4", n, err)
	}
	db.Close()
	for _, s := range []string{"text", "html", "stages", "stage costs", "store to 50", "adds at 50", "fold pass at 54", "story API at 54"} {
		if !steps[s] {
			t.Errorf("no progress for step %q (saw %v)", s, steps)
		}
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(b, &obj); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"text_articles_per_s", "html_pages_per_s", "add_ms_at_10k", "peak_rss_mb", "story_api_p50_ms", "story_api_p99_ms", "story_api", "targets", "todo", "store_build"} {
		if _, ok := obj[k]; !ok {
			t.Errorf("no %q in the JSON", k)
		}
	}
	if obj["story_api_p99_ms"] != nil {
		t.Errorf("story_api_p99_ms = %v, though not measured at 1M", obj["story_api_p99_ms"])
	}
}

// TestStoreMustBeEmpty: the benchmark never fills a store that holds
// articles already.
func TestStoreMustBeEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "full.db")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Add(ctx, &news.Doc{Article: &news.Article{Text: "Someone's own article about the harbour.", URL: "https://own.example/1"}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	opts := Options{Quick: true, TextArticles: 1, HTMLPages: 1, StageDocs: 1, StoreSizes: []int{40}, Adds: 1,
		Store: func(ctx context.Context) (news.Store, error) { return sqlite.Open(ctx, path) }}
	if _, err := Run(ctx, opts); err == nil {
		t.Fatal("the benchmark ran on a store that holds an article")
	}
}

func TestBorrowKeepsSpansInText(t *testing.T) {
	a := news.Annotations{
		Sentences: []news.Span{{Start: 0, End: 5}, {Start: 6, End: 40}},
		Entities:  []news.Mention{{Span: news.Span{Start: 0, End: 3}}, {Span: news.Span{Start: 30, End: 35}}},
		Quotes:    []news.Quote{{Span: news.Span{Start: 1, End: 4}, CueSpan: &news.Span{Start: 20, End: 25}}},
		Figures:   []news.Figure{{Span: news.Span{Start: 2, End: 4}}},
		Dates:     []news.DateRef{{Span: news.Span{Start: 8, End: 12}}},
	}
	text := "0123456789abcdef" // 16 bytes
	got := borrow(a, text)
	d := &news.Doc{Article: &news.Article{Text: text}}
	d.SetAnnotations(got)
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(got.Sentences) != 1 || len(got.Entities) != 1 || len(got.Quotes) != 0 || len(got.Figures) != 1 || len(got.Dates) != 1 {
		t.Errorf("borrowed %+v", got)
	}
}

func TestQuantile(t *testing.T) {
	v := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, tc := range []struct{ q, want float64 }{{0.5, 5}, {0.99, 10}, {0.1, 1}, {1, 10}} {
		if got := quantile(v, tc.q); got != tc.want {
			t.Errorf("quantile %.2f = %v, want %v", tc.q, got, tc.want)
		}
	}
}

// TestInstalledPeersAreNotReinstalled: with every package at its pinned
// version present, installPeers does not call npm (PATH is emptied, so a
// call would fail).
func TestInstalledPeersAreNotReinstalled(t *testing.T) {
	dir := t.TempDir()
	for _, spec := range peerPackages {
		i := len(spec) - 1
		for spec[i] != '@' {
			i--
		}
		p := filepath.Join(dir, "node_modules", filepath.FromSlash(spec[:i]))
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "package.json"), []byte(`{"version": "`+spec[i+1:]+`"}`), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", "")
	if err := installPeers(context.Background(), dir, nil); err != nil {
		t.Errorf("installPeers with everything present: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "node_modules", "jsdom", "package.json"), []byte(`{"version": "1.0.0"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := installPeers(context.Background(), dir, nil); err == nil {
		t.Error("installPeers with an old jsdom and no npm on PATH succeeded")
	}
}
