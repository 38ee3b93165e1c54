package timex

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"storyline/internal/eval"
	finder "storyline/internal/timex"
)

// Musts: relaxed F1 is the task's Must; value F1 has its own floor.
const (
	MustRelaxed = 0.85
	MustValue   = 0.70
	GoalRelaxed = 0.91
	GoalValue   = 0.80
)

func init() {
	eval.Register(eval.Task{
		Name:        "timex",
		Summary:     "temporal expressions on TempEval-3 Platinum (relaxed span F1; value F1 of normalised TIMEX3 values)",
		DefaultData: "tempeval3",
		Must:        MustRelaxed,
		Goal:        GoalRelaxed,
		Fast:        true,
		Run:         run,
	})
}

// Anchors are published TempEval-3 Platinum figures.
var Anchors = []eval.Anchor{
	{System: "HeidelTime", F1: 0.90, Note: "relaxed span F1; value F1 ≈0.78 (unverified)"},
	{System: "SUTime", F1: 0.67, Note: "value F1 (unverified)"},
}

// splits maps split names to folders under the dataset.
var splits = map[string][]string{
	"":         {"Evaluation/te3-platinum-normalized"},
	"test":     {"Evaluation/te3-platinum-normalized"},
	"platinum": {"Evaluation/te3-platinum-normalized"},
	"train":    {"Training/TBAQ-cleaned/TimeBank", "Training/TBAQ-cleaned/AQUAINT"},
	"timebank": {"Training/TBAQ-cleaned/TimeBank"},
	"aquaint":  {"Training/TBAQ-cleaned/AQUAINT"},
}

// Load reads every .tml file of a split.
func Load(data, split string) ([]*Document, error) {
	dirs, ok := splits[split]
	if !ok {
		return nil, fmt.Errorf("tempeval3: unknown split %q (test, train, timebank, aquaint)", split)
	}
	var docs []*Document
	for _, d := range dirs {
		dir := filepath.Join(data, d)
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("tempeval3 split %q: %w", split, err)
		}
		for _, e := range ents {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".tml") {
				continue
			}
			doc, err := ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				return nil, err
			}
			docs = append(docs, doc)
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("tempeval3 split %q: no .tml files under %s", split, data)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].Name < docs[j].Name })
	return docs, nil
}

// System runs storyline's finder on one document, anchored on its DCT.
func System(d *Document) []Span {
	refs := finder.Find(d.Text, d.DCT)
	out := make([]Span, len(refs))
	for i, r := range refs {
		out[i] = Span{Start: r.Start, End: r.End, Type: string(r.Type), Value: r.Value}
	}
	return out
}

// Score runs the finder over docs and scores it.
func Score(docs []*Document, progress func(done, total int)) *Scorer {
	s := &Scorer{}
	for i, d := range docs {
		s.Add(d.Timexs, System(d))
		if progress != nil {
			progress(i+1, len(docs))
		}
	}
	return s
}

func run(ctx context.Context, o eval.Options) (*eval.Result, error) {
	docs, err := Load(o.Data, o.Split)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := Score(docs, o.Progress)
	return result(s, len(docs), o.Split), nil
}

func result(s *Scorer, docs int, split string) *eval.Result {
	sp, sr, sf := s.PRF(s.Strict)
	rp, rr, rf := s.PRF(s.Relaxed)
	vp, vr, vf := s.PRF(s.Value)
	if split == "" {
		split = "test"
	}
	return &eval.Result{
		Task: "timex", Dataset: "tempeval3/" + split, N: s.Gold,
		Precision: rp, Recall: rr, F1: rf,
		Extra: map[string]any{
			"docs": docs, "system": s.System,
			"strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
			"relaxed_f1":      rf,
			"value_precision": vp, "value_recall": vr, "value_f1": vf,
			"type_accuracy":   s.TypeAccuracy(),
			"must_relaxed_f1": MustRelaxed, "must_value_f1": MustValue,
		},
		Anchors: Anchors,
	}
}
