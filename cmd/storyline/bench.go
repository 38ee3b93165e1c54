package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"storyline/internal/bench"
	"storyline/internal/gen"
	"storyline/internal/news"
	"storyline/internal/postgres"
	"storyline/internal/sqlite"
)

func newBench(g *globals) *cobra.Command {
	var (
		quick, peers, keep bool
		seed               uint64
		sizes, peersDir    string
		storySizes         string
		corpusDir          string
		corpusN            int
		opts               bench.Options
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure speed and scale on generated news (articles/s, store growth, memory)",
		Long: `Measure storyline on news it generates itself (invented events reported by several outlets,
about 5 KB an article, the same for the same --seed), and print what it measured:

  text_articles_per_s       text files through intake (read, clean, every stage), all cores
  pipeline_articles_per_s   every stage alone, on clean text in memory
  html_pages_per_s          HTML pages through intake (main-text extraction, every stage)
  html_extract_pages_per_s  main-text extraction alone
  *_cpu_ms                  CPU time per article or page of each run above, all threads
  stage_ms, stages_ms       each stage's CPU time per article on one thread, and their sum
  add_ms_at_10k/100k/1m     one Store.Add once the store holds that many articles (mean; p50
                            and p99 under "add"), and add_ratio_1m_to_10k
  peak_rss_mb               peak resident memory of the whole run (pipeline_peak_rss_mb: of
                            the pipeline runs alone, what a worker needs)
  story_api                 GET /api/stories/{id} on storyline's web server over loopback, for
                            stories picked at random, once the store's cross-article pass is
                            folded up to every stored article (fold_ms_per_article): p50, p99;
                            an answer is the story's first page (at most 50 articles of whole
                            events, newest first), max_story_articles the largest story asked
  story_api_p50/p99_ms      the same at 1M stored; null when 1M was not measured

and each of issue 6's targets with pass or fail. load_avg gives the machine's load at the start
and end: when other programs share the cores the per-second figures drop, the CPU ones hold.

--quick (under a minute) measures 300 texts, 150 pages and adds at 10k stored articles (the 10k
are put in with SQLite's AddBatch, 500 a transaction), and no story API. Without it: 4,000
texts, 1,000 pages, adds and the story API at 10k, 100k and 1M stored. The story API needs the
cross-article pass folded in, one article after another: about 50 ms an article on SQLite once
10k are stored and about 140 ms on PostgreSQL (docs/benchmarks.md), so 10k takes 8 to 25 minutes
and 1M half a day or more, beside an hour or more and about 25 GB of disk to fill the store.
--story-sizes picks the sizes to fold and time it at (--story-sizes 10k with --quick takes about
ten minutes); --story-sizes none times adds only.

The store is a throwaway SQLite file in a temporary folder, removed afterwards (--keep keeps
it), or the file --db names, which must not exist yet. With --db postgres://… the adds are
measured on PostgreSQL; that database must hold no articles, since the benchmark fills it.

--write-corpus DIR writes the generated news as files instead (text with manifests, HTML pages,
RSS feeds, JSON lines, and truth.jsonl with each article's event and the wire story it
rewrites), for 'storyline analyze' or any other tool to read, and measures nothing.

--peers also runs peer systems on the same texts and pages and prints our throughput as a
ratio to theirs: wink-nlp with its English model (sentences, entities, dates), chrono-node
(dates) and Mozilla Readability on jsdom (HTML extraction). They are installed with npm into
--peers-dir on first use (needs node, npm and the network), never into the repository.`,
		Example: `  storyline bench --quick --format json
  storyline bench --quick --peers
  storyline bench --db postgres://bench@127.0.0.1:5432/bench --sizes 10k,100k
  storyline bench --format md > run.md     # the full set, as Markdown tables
  storyline bench --write-corpus /tmp/news --corpus-articles 500 && storyline analyze /tmp/news/text`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := g.checkFormat(); err != nil {
				return err
			}
			if corpusDir != "" {
				return writeCorpus(cmd, seed, corpusN, opts.ArticleBytes, corpusDir)
			}
			opts.Quick, opts.Seed, opts.Workers = quick, seed, g.workers
			if cmd.Flags().Changed("sizes") {
				s, err := parseSizes("--sizes", sizes)
				if err != nil {
					return usageError{err}
				}
				opts.StoreSizes = s
			}
			if cmd.Flags().Changed("story-sizes") && strings.TrimSpace(storySizes) == "none" {
				opts.StorySizes = []int{} // not nil: nil means the default
			} else if cmd.Flags().Changed("story-sizes") {
				s, err := parseSizes("--story-sizes", storySizes)
				if err != nil {
					return usageError{err}
				}
				store := opts.StoreSizes
				if store == nil {
					store = []int{10_000}
					if !quick {
						store = []int{10_000, 100_000, 1_000_000}
					}
				}
				for _, n := range s {
					if !slices.Contains(store, n) {
						return usageError{fmt.Errorf("--story-sizes: %s is not one of the store sizes (--sizes)", bench.SizeLabel(n))}
					}
				}
				opts.StorySizes = s
			}
			for name, v := range map[string]int{"--text-articles": opts.TextArticles, "--html-pages": opts.HTMLPages, "--adds": opts.Adds, "--story-requests": opts.StoryRequests, "--article-bytes": opts.ArticleBytes} {
				if v < 0 {
					return usageError{fmt.Errorf("%s must not be negative, got %d", name, v)}
				}
			}
			cleanup, err := benchStore(cmd, g, keep, &opts)
			if err != nil {
				return err
			}
			defer cleanup()
			if peers {
				dir := peersDir
				if dir == "" {
					if dir, err = bench.DefaultPeersDir(); err != nil {
						return err
					}
				}
				opts.Peers = &bench.PeerOptions{Dir: dir, Log: cmd.ErrOrStderr()}
			}
			var pm sync.Mutex
			var prog *progress
			step := ""
			opts.Progress = func(s string, done, total int) {
				if g.quiet {
					return
				}
				pm.Lock()
				defer pm.Unlock()
				if s != step {
					if prog != nil {
						prog.Finish()
					}
					step = s
					prog = newProgress(cmd.ErrOrStderr(), true, s)
				}
				if total > 0 && prog.total != total {
					prog.SetTotal(total)
				}
				if d := done - prog.done; d > 0 {
					prog.Add(d)
				}
			}
			opts.Measured = func(line []byte) {
				pm.Lock()
				defer pm.Unlock()
				fmt.Fprintf(cmd.ErrOrStderr(), "storyline: measured %s\n", line)
			}
			res, err := bench.Run(cmd.Context(), opts)
			if prog != nil {
				prog.Finish()
			}
			if err != nil {
				return err
			}
			return writeBench(cmd.OutOrStdout(), res, g.format)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&quick, "quick", false, "a run of under a minute: fewer articles, adds at 10k stored only")
	f.Uint64Var(&seed, "seed", 1, "seed of the generated news (the same seed gives the same articles)")
	f.StringVar(&sizes, "sizes", "", "store sizes to time adds at, e.g. 10k,100k,1M (default 10k with --quick, else 10k,100k,1M)")
	f.IntVar(&opts.TextArticles, "text-articles", 0, "articles for the text run (default 300 with --quick, else 4000)")
	f.IntVar(&opts.HTMLPages, "html-pages", 0, "pages for the HTML run (default 150 with --quick, else 1000)")
	f.IntVar(&opts.Adds, "adds", 0, "adds timed at each store size (default 100 with --quick, else 500)")
	f.StringVar(&storySizes, "story-sizes", "", "store sizes among --sizes to fold the cross-article pass and time the story API at (default none with --quick, else all; \"none\" for none)")
	f.IntVar(&opts.StoryRequests, "story-requests", 0, "story API requests timed at each of --story-sizes (default 200 with --quick, else 1000)")
	f.IntVar(&opts.ArticleBytes, "article-bytes", 0, "length of a generated article's text (default 5000)")
	f.BoolVar(&peers, "peers", false, "also run wink-nlp, chrono-node and Readability (installed with npm on first use)")
	f.StringVar(&peersDir, "peers-dir", "", "where the peers are installed (default $XDG_CACHE_HOME/storyline/peers)")
	f.StringVar(&corpusDir, "write-corpus", "", "write the generated news as files into this new folder, and measure nothing")
	f.IntVar(&corpusN, "corpus-articles", 1000, "articles --write-corpus writes")
	f.BoolVar(&keep, "keep", false, "keep the SQLite store the benchmark filled (its path is printed)")
	return cmd
}

// writeCorpus writes n generated articles under dir in every format.
func writeCorpus(cmd *cobra.Command, seed uint64, n, textBytes int, dir string) error {
	if n < 0 {
		return usageError{fmt.Errorf("--corpus-articles must not be negative, got %d", n)}
	}
	gn, err := gen.New(gen.Config{Seed: seed, Articles: n, TextBytes: textBytes})
	if err != nil {
		return usageError{err}
	}
	if err := gen.Write(cmd.Context(), gn, dir, gen.AllFormats); err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "storyline: wrote %d generated articles (seed %d) under %s as %s, with truth.jsonl\n", n, seed, dir, strings.Join(gen.AllFormats, ", "))
	return nil
}

// benchStore sets opts.Store: PostgreSQL for a postgres:// --db, else a
// new SQLite file (--db, or one in a temporary folder).
func benchStore(cmd *cobra.Command, g *globals, keep bool, opts *bench.Options) (func(), error) {
	if postgres.IsURL(g.db) {
		url := g.db
		opts.StoreName = "postgres"
		opts.Store = func(ctx context.Context) (news.Store, error) { return postgres.Open(ctx, url) }
		return func() {}, nil
	}
	path, cleanup := g.db, func() {}
	if path == "" {
		dir, err := os.MkdirTemp("", "storyline-bench-")
		if err != nil {
			return nil, fmt.Errorf("bench: %w", err)
		}
		path = filepath.Join(dir, "bench.db")
		cleanup = func() {
			if keep {
				fmt.Fprintf(cmd.ErrOrStderr(), "storyline: kept the benchmark store %s\n", path)
				return
			}
			os.RemoveAll(dir)
		}
	} else if _, err := os.Stat(path); err == nil {
		return nil, usageError{fmt.Errorf("--db %s exists: the benchmark fills a new store, give a path that does not exist yet", path)}
	}
	opts.StoreName = "sqlite"
	opts.Store = func(ctx context.Context) (news.Store, error) { return sqlite.Open(ctx, path) }
	return cleanup, nil
}

// parseSizes reads the sizes of flag, like "10k,100k,1M".
func parseSizes(flag, s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		mult := 1
		switch {
		case strings.HasSuffix(f, "k"), strings.HasSuffix(f, "K"):
			mult, f = 1000, f[:len(f)-1]
		case strings.HasSuffix(f, "M"), strings.HasSuffix(f, "m"):
			mult, f = 1_000_000, f[:len(f)-1]
		}
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 || n > 100_000_000/mult {
			return nil, fmt.Errorf("%s: %q is not a store size (like 10k, 100k or 1M)", flag, f)
		}
		out = append(out, n*mult)
	}
	if !slices.IsSorted(out) {
		return nil, fmt.Errorf("%s must ascend, got %s", flag, s)
	}
	return out, nil
}

func writeBench(w io.Writer, r *bench.Result, format string) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	md := format == "md" || format == "markdown"
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	row := func(cells ...string) {
		if md {
			fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
			return
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	head := func(cells ...string) {
		row(cells...)
		if md {
			seps := make([]string, len(cells))
			for i := range seps {
				seps[i] = "---"
			}
			row(seps...)
		}
	}
	flush := func() {
		if !md {
			tw.Flush()
		}
		fmt.Fprintln(w)
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	opt := func(v *float64) string {
		if v == nil {
			return "null"
		}
		return strconv.FormatFloat(*v, 'f', 2, 64)
	}
	fmt.Fprintf(w, "storyline bench (%s, %d CPUs, %d workers, seed %d, commit %s, %s, %.0f s, load average %.1f → %.1f)\n\n",
		r.Go, r.CPUs, r.Workers, r.Seed, orNone(r.Commit), r.Date, r.Seconds, r.LoadAvg[0], r.LoadAvg[1])
	ms := func(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }
	head("measure", "value", "cpu_ms", "on")
	row("text_articles_per_s", f(r.TextArticlesPerS), ms(r.TextCPUMS), fmt.Sprintf("%d texts of %d bytes", r.TextArticles, r.TextBytes))
	row("pipeline_articles_per_s", f(r.PipelineArticlesPerS), ms(r.PipelineCPUMS), "the same texts, stages alone")
	row("html_pages_per_s", f(r.HTMLPagesPerS), ms(r.HTMLCPUMS), fmt.Sprintf("%d pages of %d bytes", r.HTMLPages, r.PageBytes))
	row("html_extract_pages_per_s", f(r.HTMLExtractPagesPerS), ms(r.HTMLExtractCPUMS), "the same pages, extraction alone")
	names := make([]string, 0, len(r.StageMS))
	for n := range r.StageMS {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		row("stage_ms."+n, "", ms(r.StageMS[n]), "one thread, per article")
	}
	row("stages_ms", "", ms(r.StagesMS), "their sum")
	row("peak_rss_mb", f(r.PeakRSSMB), "", "whole run")
	row("pipeline_peak_rss_mb", opt(r.PipelinePeakRSSMB), "", "pipeline runs")
	flush()
	if len(r.Add) > 0 {
		fmt.Fprintf(w, "Store.Add on %s (%s)\n\n", r.Store, r.StoreBuild)
		head("stored", "adds", "mean_ms", "p50_ms", "p99_ms", "build_s")
		for _, a := range r.Add {
			row(strconv.Itoa(a.Stored), strconv.Itoa(a.Adds), strconv.FormatFloat(a.MeanMS, 'f', 3, 64), strconv.FormatFloat(a.P50MS, 'f', 3, 64),
				strconv.FormatFloat(a.P99MS, 'f', 3, 64), f(a.BuildS))
		}
		flush()
	}
	if len(r.StoryAPI) > 0 {
		fmt.Fprintf(w, "GET /api/stories/{id} over loopback, the pass folded up to every stored article (%s)\n\n", r.Store)
		head("stored", "stories", "requests", "articles_per_page", "max_page", "max_story", "first_ms", "p50_ms", "p99_ms", "max_ms", "fold_s", "fold_ms_per_article")
		for _, c := range r.StoryAPI {
			row(strconv.Itoa(c.Stored), strconv.Itoa(c.Stories), strconv.Itoa(c.Requests), f(c.MeanArticles), strconv.Itoa(c.MaxArticles),
				strconv.Itoa(c.MaxStoryArticles), ms(c.FirstMS), ms(c.P50MS),
				ms(c.P99MS), ms(c.MaxMS), f(c.FoldS), ms(c.FoldMS))
		}
		flush()
	}
	if r.Peers != nil {
		writePeers(w, r.Peers, head, row)
		flush()
	}
	head("target", "level", "want", "got", "pass")
	for _, t := range r.Targets {
		pass := "not measured"
		if t.Pass != nil {
			pass = map[bool]string{true: "pass", false: "FAIL"}[*t.Pass]
		}
		row(t.Name, t.Level, t.Want, opt(t.Got), pass)
	}
	flush()
	for _, t := range r.Todo {
		fmt.Fprintf(w, "todo: %s\n", t)
	}
	return nil
}

func writePeers(w io.Writer, p *bench.PeerResult, head, row func(...string)) {
	fmt.Fprintf(w, "Peers on the same inputs (%s)\n\n", p.Versions)
	head("system", "task", "per_s", "ours_per_s", "ours/theirs", "cpu_ms", "ours_cpu_ms", "theirs/ours cpu")
	for _, c := range p.Compare {
		ff := func(v float64, d int) string { return strconv.FormatFloat(v, 'f', d, 64) }
		row(c.System, c.Task, ff(c.TheirsPerS, 1), ff(c.OursPerS, 1), ff(c.Ratio, 2), ff(c.TheirsCPUMS, 3), ff(c.OursCPUMS, 3), ff(c.CPURatio, 2))
	}
}

func orNone(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
