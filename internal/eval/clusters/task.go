// Package clusters scores the event clusterer (internal/cluster) on ECB+:
// each document goes through the per-article pipeline, then the clusterer
// groups them, and the groups are compared with the gold events (the
// sub-topics: each topic pairs two similar events). Beside it, in the same
// run, a baseline of our own: plain TF-IDF cosine average-link clustering.
package clusters

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"storyline/internal/cluster"
	"storyline/internal/eval"
	"storyline/internal/shareddata"
)

func init() {
	eval.Register(eval.Task{
		Name:        "clusters",
		Summary:     "articles into events on ECB+ test topics 36-45 (gold = sub-topic): B-cubed F1, beside a TF-IDF average-link baseline",
		DefaultData: "ecbplus",
		Must:        0.90,
		Goal:        0.95,
		Fast:        true,
		Run:         run,
	})
}

// DocsFile is the documents file in the ECB+ folder.
const DocsFile = "ecbplus-docs.jsonl"

// Run is one scoring of the clusterer and the baseline on a split.
type Run struct {
	Split   string
	Docs    int
	Events  int // gold events in the split
	Ours    Scores
	Found   int    // events the clusterer made
	Stories Scores // stories against the topics (a proxy: a topic's two events are similar, not always one story)
	// Baseline is the TF-IDF baseline with the threshold that scores best
	// on the train and dev topics; Oracle with the one that scores best on
	// the split itself (for the test split: tuned on test, an upper bound).
	Baseline, Oracle     Scores
	BaselineT, OracleT   float64
	Seconds, ClusterSecs float64
	PerArticleMicros     float64
}

// Evaluate reads the ECB+ documents in dir, analyses them all and scores
// the split ("test", "dev", "train" or "traindev").
func Evaluate(ctx context.Context, dir, split string, p cluster.Params, progress func(done, total int)) (*Run, error) {
	start := time.Now()
	all, err := ReadDocs(filepath.Join(dir, DocsFile))
	if err != nil {
		return nil, err
	}
	if _, err := Select(all, split); err != nil {
		return nil, err
	}
	an, err := Analyse(ctx, all, progress)
	if err != nil {
		return nil, err
	}
	part, tune := inSplit(an, split), inSplit(an, "traindev")
	if len(part) == 0 {
		return nil, fmt.Errorf("ecb+ %s: no documents in split %s", dir, split)
	}
	r := &Run{Split: split, Docs: len(part)}
	gold := Gold(part)
	events := map[string]bool{}
	for _, g := range gold {
		events[g] = true
	}
	r.Events = len(events)

	cstart := time.Now()
	cl, err := Cluster(ctx, part, p)
	if err != nil {
		return nil, err
	}
	r.ClusterSecs = time.Since(cstart).Seconds()
	r.PerArticleMicros = r.ClusterSecs / float64(len(part)) * 1e6
	if r.Ours, err = Score(gold, cl.Events); err != nil {
		return nil, err
	}
	if r.Stories, err = Score(Topics(part), cl.Stories); err != nil {
		return nil, err
	}
	found := map[string]bool{}
	for _, e := range cl.Events {
		found[e] = true
	}
	r.Found = len(found)

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.BaselineT, _, err = bestCut(tune)
	if err != nil {
		return nil, err
	}
	b := NewBaseline(texts(part))
	if r.Baseline, err = Score(gold, labels(b.Cut(r.BaselineT))); err != nil {
		return nil, err
	}
	if r.OracleT, r.Oracle, err = bestCutOf(b, gold); err != nil {
		return nil, err
	}
	r.Seconds = time.Since(start).Seconds()
	return r, nil
}

// bestCut builds the baseline over docs and returns the threshold with the
// best B-cubed F1 on them.
func bestCut(docs []Analysed) (float64, Scores, error) {
	return bestCutOf(NewBaseline(texts(docs)), Gold(docs))
}

func bestCutOf(b *Baseline, gold []string) (float64, Scores, error) {
	bestT, best := 0.0, Scores{}
	for _, t := range b.Thresholds() {
		s, err := Score(gold, labels(b.Cut(t)))
		if err != nil {
			return 0, Scores{}, err
		}
		if s.BCubed.F > best.BCubed.F {
			bestT, best = t, s
		}
	}
	return bestT, best, nil
}

func texts(docs []Analysed) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Doc.Text()
	}
	return out
}

func labels(cut []int) []string {
	out := make([]string, len(cut))
	for i, c := range cut {
		out[i] = strconv.Itoa(c)
	}
	return out
}

func run(ctx context.Context, o eval.Options) (*eval.Result, error) {
	split := o.Split
	if split == "" {
		split = "test"
	}
	dir := o.Data
	if dir == "" {
		d, err := shareddata.Path("eval", "ecbplus")
		if err != nil {
			return nil, fmt.Errorf("clusters: no data folder given and %w", err)
		}
		dir = d
	}
	r, err := Evaluate(ctx, dir, split, cluster.DefaultParams(), o.Progress)
	if err != nil {
		return nil, fmt.Errorf("clusters: %w", err)
	}
	return result(r), nil
}

func result(r *Run) *eval.Result {
	tuned := "TF-IDF cosine average link, threshold tuned on train+dev topics"
	oracle := "TF-IDF cosine average link, threshold tuned on the " + r.Split + " topics"
	if r.Split == "test" {
		oracle += " (oracle: tuned on test)"
	}
	return &eval.Result{
		Task: "clusters", Dataset: "ecbplus/" + r.Split, N: r.Docs,
		Precision: r.Ours.BCubed.P, Recall: r.Ours.BCubed.R, F1: r.Ours.BCubed.F,
		Extra: map[string]any{
			"split": r.Split, "gold_events": r.Events, "events": r.Found,
			"bcubed_p": r.Ours.BCubed.P, "bcubed_r": r.Ours.BCubed.R, "bcubed_f1": r.Ours.BCubed.F,
			"pairwise_p": r.Ours.Pairwise.P, "pairwise_r": r.Ours.Pairwise.R, "pairwise_f1": r.Ours.Pairwise.F,
			"baseline_threshold": r.BaselineT, "baseline_bcubed_f1": r.Baseline.BCubed.F, "baseline_pairwise_f1": r.Baseline.Pairwise.F,
			"baseline_oracle_threshold": r.OracleT, "baseline_oracle_bcubed_f1": r.Oracle.BCubed.F, "baseline_oracle_pairwise_f1": r.Oracle.Pairwise.F,
			"stories_vs_topics_bcubed_p": r.Stories.BCubed.P, "stories_vs_topics_bcubed_r": r.Stories.BCubed.R, "stories_vs_topics_bcubed_f1": r.Stories.BCubed.F,
			"seconds": r.Seconds, "cluster_seconds": r.ClusterSecs, "cluster_us_per_article": r.PerArticleMicros,
		},
		Anchors: []eval.Anchor{
			{System: tuned, F1: r.Baseline.BCubed.F, Note: "our baseline, same run"},
			{System: oracle, F1: r.Oracle.BCubed.F, Note: "our baseline, same run; no published document-clustering score exists"},
		},
	}
}
