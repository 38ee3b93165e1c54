package bench

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"storyline/internal/news"
	"storyline/internal/pipeline"
)

// peerScript is our own Node program that runs the peers; it is written
// into the peers folder at run time, beside the packages it loads.
//
//go:embed peers.cjs
var peerScript []byte

// peerPackages are the npm packages the peers need, at pinned versions
// (jsdom 29 is the newest that runs on Node 20; 30 needs Node 22).
var peerPackages = []string{
	"wink-nlp@2.4.0",
	"wink-eng-lite-web-model@1.8.1",
	"chrono-node@2.10.3",
	"@mozilla/readability@0.6.0",
	"jsdom@29.1.1",
}

// PeerOptions say where the peers live.
type PeerOptions struct {
	Dir string    // npm installs here; DefaultPeersDir when empty
	Log io.Writer // npm's output; nil discards it
}

// DefaultPeersDir is $XDG_CACHE_HOME/storyline/peers (the user cache
// folder), outside any repository.
func DefaultPeersDir() (string, error) {
	d, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("bench: no cache folder for the peers (give --peers-dir): %w", err)
	}
	return filepath.Join(d, "storyline", "peers"), nil
}

// PeerResult is what the peers did on our inputs, beside what we did.
type PeerResult struct {
	Node     string            `json:"node"`
	Versions string            `json:"versions"`
	Packages map[string]string `json:"packages"`
	Compare  []PeerCompare     `json:"compare"`
	// WinkArticlesPerS is wink-nlp's rate on the texts, all cores.
	WinkArticlesPerS *float64 `json:"wink_nlp_articles_per_s"`
}

// PeerCompare is one task done by a peer and by storyline on the same
// inputs, both on every core: Ratio > 1 means storyline is faster. The
// two run one after the other, so a change in the machine's load between
// them moves Ratio; CPURatio, their CPU time per input over ours, does
// not move with it.
type PeerCompare struct {
	System      string         `json:"system"`
	Task        string         `json:"task"`
	Inputs      int            `json:"inputs"`
	TheirsPerS  float64        `json:"theirs_per_s"`
	OursPerS    float64        `json:"ours_per_s"`
	Ratio       float64        `json:"ratio"`
	TheirsCPUMS float64        `json:"theirs_cpu_ms"` // per input, every thread
	OursCPUMS   float64        `json:"ours_cpu_ms"`
	CPURatio    float64        `json:"cpu_ratio"`
	Theirs      map[string]int `json:"theirs_found"` // what they found, to show the work was done
	Ours        map[string]int `json:"ours_found"`
	Note        string         `json:"note"`
}

type peerInput struct {
	Texts []peerText `json:"texts"`
	Pages []peerPage `json:"pages"`
}

type peerText struct {
	Text      string `json:"text"`
	Published string `json:"published,omitempty"`
}

type peerPage struct {
	HTML string `json:"html"`
	URL  string `json:"url"`
}

type peerOutput struct {
	Node     string            `json:"node"`
	Versions map[string]string `json:"versions"`
	Results  map[string]struct {
		N     int            `json:"n"`
		PerS  float64        `json:"per_s"`
		CPUMS float64        `json:"cpu_ms"`
		Found map[string]int `json:"found"`
	} `json:"results"`
}

// peerRuns installs the peers if needed, runs them on the texts and pages
// of this run, and compares.
func peerRuns(ctx context.Context, plan *pipeline.Plan, opts *Options, res *Result) error {
	p := opts.Peers
	if p.Dir == "" {
		d, err := DefaultPeersDir()
		if err != nil {
			return err
		}
		p.Dir = d
	}
	log := p.Log
	if log == nil {
		log = io.Discard
	}
	opts.Progress("installing peers", 0, 0)
	if err := installPeers(ctx, p.Dir, log); err != nil {
		return err
	}
	texts, err := corpus(opts, seedText, opts.TextArticles)
	if err != nil {
		return err
	}
	pages, err := corpus(opts, seedHTML, opts.HTMLPages)
	if err != nil {
		return err
	}
	var in peerInput
	for _, it := range texts {
		in.Texts = append(in.Texts, peerText{Text: it.Article.Text, Published: it.Article.Published.Format(time.RFC3339)})
	}
	for _, it := range pages {
		in.Pages = append(in.Pages, peerPage{HTML: string(it.HTML()), URL: it.Article.URL})
	}
	run, err := os.MkdirTemp(p.Dir, "run-")
	if err != nil {
		return errorf("peers: %w", err)
	}
	defer os.RemoveAll(run)
	inFile := filepath.Join(run, "input.json")
	b, err := json.Marshal(in)
	if err != nil {
		return errorf("peers: %w", err)
	}
	if err := os.WriteFile(inFile, b, 0o600); err != nil {
		return errorf("peers: %w", err)
	}
	script := filepath.Join(p.Dir, "peers.cjs")
	if err := os.WriteFile(script, peerScript, 0o644); err != nil {
		return errorf("peers: %w", err)
	}
	opts.Progress("running peers", 0, 0)
	var out, errb bytes.Buffer
	cmd := exec.CommandContext(ctx, "node", script, inFile, strconv.Itoa(opts.Workers))
	cmd.Dir = p.Dir
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return errorf("peers: node %s: %w: %s", script, err, strings.TrimSpace(errb.String()))
	}
	var po peerOutput
	if err := json.Unmarshal(out.Bytes(), &po); err != nil {
		return errorf("peers: reading node's output: %w", err)
	}
	pr := &PeerResult{Node: po.Node, Packages: po.Versions}
	var vs []string
	for _, name := range []string{"wink-nlp", "wink-eng-lite-web-model", "chrono-node", "@mozilla/readability", "jsdom"} {
		vs = append(vs, name+" "+po.Versions[name])
	}
	pr.Versions = "node " + po.Node + ", " + strings.Join(vs, ", ")

	// Ours on the same inputs, on every core, timed the same way.
	docs := make([]*news.Doc, len(texts))
	for i, it := range texts {
		a := it.Article
		docs[i] = &news.Doc{Article: &a}
	}
	opts.Progress("ours for peers", 0, 0)
	cpu := processCPU()
	all, err := rate(ctx, docs, opts.Workers, func(d *news.Doc) error { return plan.Run(ctx, d) })
	if err != nil {
		return err
	}
	allCPU := cpuMS(processCPU()-cpu, len(docs))
	found := func(f func(d *news.Doc) int) int {
		n := 0
		for _, d := range docs {
			n += f(d)
		}
		return n
	}
	ourText := map[string]int{
		"sentences": found(func(d *news.Doc) int { return len(d.Sentences) }),
		"entities":  found(func(d *news.Doc) int { return len(d.Entities) }),
		"figures":   found(func(d *news.Doc) int { return len(d.Figures) }),
		"dates":     found(func(d *news.Doc) int { return len(d.Dates) }),
	}
	var dates pipeline.Stage
	for _, s := range plan.Stages() {
		if s.Name == "dates" {
			dates = s
		}
	}
	var datesRate, datesCPU float64
	if dates.Run != nil {
		cpu = processCPU()
		if datesRate, err = rate(ctx, docs, opts.Workers, func(d *news.Doc) error { return dates.Run(ctx, d) }); err != nil {
			return err
		}
		datesCPU = cpuMS(processCPU()-cpu, len(docs))
	}
	ratio := func(ours, theirs float64) float64 {
		if theirs == 0 {
			return 0
		}
		return round(ours/theirs, 2)
	}
	if w, ok := po.Results["wink"]; ok {
		v := round(w.PerS, 1)
		pr.WinkArticlesPerS = &v
		pr.Compare = append(pr.Compare, PeerCompare{System: "wink-nlp + wink-eng-lite-web-model", Task: "sentences, entities, dates (its readDoc pipeline)",
			Inputs: w.N, TheirsPerS: v, OursPerS: round(all, 1), Ratio: ratio(all, w.PerS), Theirs: w.Found, Ours: ourText,
			TheirsCPUMS: round(w.CPUMS, 3), OursCPUMS: allCPU, CPURatio: ratio(w.CPUMS, allCPU),
			Note: "ours: every stage (sentences, entities with titles, figures, dates resolved to the calendar) on the same clean texts; wink's entities are dates, numbers and the like, not people or organisations"})
	}
	if c, ok := po.Results["chrono"]; ok && datesRate > 0 {
		pr.Compare = append(pr.Compare, PeerCompare{System: "chrono-node", Task: "dates", Inputs: c.N, TheirsPerS: round(c.PerS, 1),
			OursPerS: round(datesRate, 1), Ratio: ratio(datesRate, c.PerS), Theirs: c.Found, Ours: map[string]int{"dates": ourText["dates"]},
			TheirsCPUMS: round(c.CPUMS, 3), OursCPUMS: datesCPU, CPURatio: ratio(c.CPUMS, datesCPU),
			Note: "ours: the dates stage alone, given the sentences"})
	}
	if r, ok := po.Results["readability"]; ok {
		pr.Compare = append(pr.Compare, PeerCompare{System: "@mozilla/readability + jsdom", Task: "HTML main text", Inputs: r.N, TheirsPerS: round(r.PerS, 1),
			OursPerS: round(res.HTMLExtractPagesPerS, 1), Ratio: ratio(res.HTMLExtractPagesPerS, r.PerS), Theirs: r.Found,
			TheirsCPUMS: round(r.CPUMS, 3), OursCPUMS: res.HTMLExtractCPUMS, CPURatio: ratio(r.CPUMS, res.HTMLExtractCPUMS),
			Note: "ours: html_extract_pages_per_s, main text and metadata of the same pages"})
	}
	res.Peers = pr
	return nil
}

// installPeers runs npm install in dir unless every package is there at its
// pinned version already.
func installPeers(ctx context.Context, dir string, log io.Writer) error {
	if log == nil {
		log = io.Discard
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return errorf("peers: %w", err)
	}
	missing := false
	for _, spec := range peerPackages {
		i := strings.LastIndex(spec, "@")
		name, want := spec[:i], spec[i+1:]
		b, err := os.ReadFile(filepath.Join(dir, "node_modules", filepath.FromSlash(name), "package.json"))
		var pj struct {
			Version string `json:"version"`
		}
		if err != nil || json.Unmarshal(b, &pj) != nil || pj.Version != want {
			missing = true
		}
	}
	if !missing {
		return nil
	}
	pkg := filepath.Join(dir, "package.json")
	if _, err := os.Stat(pkg); err != nil {
		manifest := `{"name": "storyline-peers", "private": true, "description": "Peer systems for storyline bench --peers; installed by storyline, safe to delete."}` + "\n"
		if err := os.WriteFile(pkg, []byte(manifest), 0o644); err != nil {
			return errorf("peers: %w", err)
		}
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return errorf("peers: npm not found (install Node.js and npm, or leave out --peers): %w", err)
	}
	fmt.Fprintf(log, "storyline: installing the peers into %s with npm\n", dir)
	args := append([]string{"install", "--no-audit", "--no-fund", "--save-exact"}, peerPackages...)
	cmd := exec.CommandContext(ctx, "npm", args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		return errorf("peers: npm install in %s: %w", dir, err)
	}
	return nil
}

// rate runs f on every doc across workers and returns docs per second.
func rate(ctx context.Context, docs []*news.Doc, workers int, f func(*news.Doc) error) (float64, error) {
	jobs := make(chan *news.Doc)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	t0 := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range jobs {
				if err := f(d); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = errorf("%s: %w", d.Article.URL, err)
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, d := range docs {
		if ctx.Err() != nil {
			break
		}
		jobs <- d
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return perSecond(len(docs), time.Since(t0)), firstErr
}
