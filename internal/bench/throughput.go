package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
	"testing/fstest"
	"time"

	"storyline/internal/gen"
	"storyline/internal/ingest"
	"storyline/internal/intake"
	"storyline/internal/news"
	"storyline/internal/pipeline"
)

// Seeds of the generated inputs: each run gets texts of its own, so that
// no cache (the runner's, the operating system's) has seen them.
const (
	seedText  = 1
	seedHTML  = 2
	seedStage = 3
	seedStore = 4
)

func corpus(opts *Options, which uint64, n int) ([]*gen.Item, error) {
	return gen.Articles(gen.Config{Seed: opts.Seed*16 + which, Articles: n, TextBytes: opts.ArticleBytes})
}

// pipelineRuns measures the per-article pipeline: from text files (read,
// clean, every stage), from HTML pages (extract, every stage), the stages
// alone on clean text, extraction alone, and each stage on one goroutine.
func pipelineRuns(ctx context.Context, plan *pipeline.Plan, opts *Options, res *Result) error {
	// Warm up: the first article loads models and compiles patterns, a
	// cost paid once per process, not per article.
	warm, err := corpus(opts, 15, 4)
	if err != nil {
		return err
	}
	for _, it := range warm {
		a := it.Article
		if err := plan.Run(ctx, &news.Doc{Article: &a}); err != nil {
			return errorf("warm up: %w", err)
		}
		if _, err := ingest.ExtractHTML(it.HTML(), it.Article.URL); err != nil {
			return errorf("warm up: %w", err)
		}
	}

	texts, err := corpus(opts, seedText, opts.TextArticles)
	if err != nil {
		return err
	}
	res.TextBytes = meanText(texts)
	res.TextArticles = len(texts)
	fsys, err := textFS(texts)
	if err != nil {
		return err
	}
	cpu := processCPU()
	d, err := intakeRun(ctx, plan, opts, "text", fsys, len(texts))
	if err != nil {
		return err
	}
	res.TextArticlesPerS = round(perSecond(len(texts), d), 1)
	res.TextCPUMS = cpuMS(processCPU()-cpu, len(texts))

	docs := make([]*news.Doc, len(texts))
	for i, it := range texts {
		a := it.Article
		docs[i] = &news.Doc{Article: &a}
	}
	opts.Progress("stages", 0, len(docs))
	runner := &pipeline.Runner{Plan: plan, Workers: opts.Workers}
	cpu = processCPU()
	t0 := time.Now()
	done := 0
	for _, r := range runner.Run(ctx, docs, func(pipeline.Result) { done++; opts.Progress("stages", done, len(docs)) }) {
		if r.Err != nil {
			return errorf("stages: %w", r.Err)
		}
	}
	res.PipelineArticlesPerS = round(perSecond(len(docs), time.Since(t0)), 1)
	res.PipelineCPUMS = cpuMS(processCPU()-cpu, len(docs))
	texts, docs = nil, nil

	pages, err := corpus(opts, seedHTML, opts.HTMLPages)
	if err != nil {
		return err
	}
	hfs := fstest.MapFS{}
	total := 0
	raw := make([][]byte, len(pages))
	for i, it := range pages {
		raw[i] = it.HTML()
		total += len(raw[i])
		hfs[fmt.Sprintf("html/%06d.html", i)] = &fstest.MapFile{Data: raw[i]}
	}
	res.HTMLPages = len(pages)
	if len(pages) > 0 {
		res.PageBytes = total / len(pages)
	}
	cpu = processCPU()
	if d, err = intakeRun(ctx, plan, opts, "html", hfs, len(pages)); err != nil {
		return err
	}
	res.HTMLPagesPerS = round(perSecond(len(pages), d), 1)
	res.HTMLCPUMS = cpuMS(processCPU()-cpu, len(pages))
	cpu = processCPU()
	if d, err = extractRun(ctx, opts, pages, raw); err != nil {
		return err
	}
	res.HTMLExtractPagesPerS = round(perSecond(len(pages), d), 1)
	res.HTMLExtractCPUMS = cpuMS(processCPU()-cpu, len(pages))

	return stageCosts(ctx, plan, opts, res)
}

func meanText(items []*gen.Item) int {
	if len(items) == 0 {
		return 0
	}
	n := 0
	for _, it := range items {
		n += len(it.Article.Text)
	}
	return n / len(items)
}

// textFS lays the items out as text files copied from their pages, with a
// manifest giving their metadata, as a folder of saved articles would be.
func textFS(items []*gen.Item) (fstest.MapFS, error) {
	fsys := fstest.MapFS{}
	type entry struct {
		Path      string `json:"path"`
		URL       string `json:"url"`
		Outlet    string `json:"outlet"`
		Site      string `json:"site"`
		Published string `json:"published"`
	}
	var man []entry
	for i, it := range items {
		name := fmt.Sprintf("%06d.txt", i)
		fsys["text/"+name] = &fstest.MapFile{Data: []byte(it.Copied())}
		man = append(man, entry{name, it.Article.URL, it.Article.Outlet, it.Article.Site, it.Article.Published.Format(time.RFC3339)})
	}
	b, err := json.Marshal(man)
	if err != nil {
		return nil, errorf("manifest: %w", err)
	}
	fsys["text/manifest.json"] = &fstest.MapFile{Data: b}
	return fsys, nil
}

// intakeRun times storyline's intake over fsys with no store: what
// 'storyline analyze' does, without the report.
func intakeRun(ctx context.Context, plan *pipeline.Plan, opts *Options, step string, fsys fstest.MapFS, want int) (time.Duration, error) {
	opts.Progress(step, 0, want)
	done := 0
	var failed []string
	t0 := time.Now()
	_, sum, err := intake.Run(ctx, intake.Config{Plan: plan, Workers: opts.Workers}, intake.FS(fsys, "."), func(o intake.Outcome) {
		switch o.Kind {
		case intake.Failed:
			if len(failed) < 3 {
				failed = append(failed, o.Err.Error())
			}
		case intake.Analysed:
			done++
			opts.Progress(step, done, want)
		}
	}, nil)
	d := time.Since(t0)
	if err != nil {
		return 0, errorf("%s: %w", step, err)
	}
	if sum.Analysed != want {
		return 0, errorf("%s: %d of %d generated articles analysed (%d failed: %v)", step, sum.Analysed, want, sum.Failed, failed)
	}
	return d, nil
}

// extractRun times HTML main-text extraction alone on all workers, the
// part of the HTML run that Readability does.
func extractRun(ctx context.Context, opts *Options, pages []*gen.Item, raw [][]byte) (time.Duration, error) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	t0 := time.Now()
	for range opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				if _, err := ingest.ExtractHTML(raw[i], pages[i].Article.URL); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = errorf("extract page %d: %w", i, err)
					}
					mu.Unlock()
				}
			}
		}()
	}
	for i := range raw {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return time.Since(t0), firstErr
}

// stageCosts times each stage's CPU on one thread, as BenchmarkStages in
// internal/extract does, on fresh articles.
func stageCosts(ctx context.Context, plan *pipeline.Plan, opts *Options, res *Result) error {
	items, err := corpus(opts, seedStage, opts.StageDocs)
	if err != nil || len(items) == 0 {
		return err
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	opts.Progress("stage costs", 0, len(items))
	res.StageMS = map[string]float64{}
	spent := map[string]time.Duration{}
	for i, it := range items {
		a := it.Article
		d := &news.Doc{Article: &a}
		for _, s := range plan.Stages() {
			t0 := threadCPU()
			if err := s.Run(ctx, d); err != nil {
				return errorf("stage %s: %w", s.Name, err)
			}
			spent[s.Name] += threadCPU() - t0
		}
		opts.Progress("stage costs", i+1, len(items))
	}
	res.StagesMS = 0
	for name, d := range spent {
		ms := float64(d.Microseconds()) / 1000 / float64(len(items))
		res.StageMS[name] = round(ms, 3)
		res.StagesMS += ms
	}
	res.StagesMS = round(res.StagesMS, 3)
	return nil
}

func cpuMS(d time.Duration, n int) float64 {
	if n == 0 {
		return 0
	}
	return round(float64(d.Microseconds())/1000/float64(n), 3)
}

func round(v float64, digits int) float64 {
	p := 1.0
	for range digits {
		p *= 10
	}
	return float64(int64(v*p+0.5)) / p
}
