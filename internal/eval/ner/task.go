package ner

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"storyline/internal/entities"
	"storyline/internal/eval"
	"storyline/internal/shareddata"
)

func init() {
	eval.Register(eval.Task{
		Name:        "ner",
		Summary:     "named entities on CoNLL-2003 English (conlleval: exact span and type, micro F1)",
		DefaultData: "conll2003",
		Must:        0.83,
		Goal:        0.89,
		Fast:        true,
		Run:         run,
	})
}

// Anchors are published CoNLL-2003 test F1 scores.
var Anchors = []eval.Anchor{
	{System: "Stanford CRF", F1: 0.869, Note: "unverified"},
	{System: "MITIE", F1: 0.881},
	{System: "Flair", F1: 0.931},
}

// Tagger is what the scorer needs of a model.
type Tagger interface {
	Tag(doc [][]string) [][]string
}

// Split returns a sentence's words and gold tags.
func Split(s Sentence) (words, tags []string) {
	words = make([]string, len(s))
	tags = make([]string, len(s))
	for i, t := range s {
		words[i], tags[i] = t.Word, t.Tag
	}
	return words, tags
}

// ScoreModel tags every document and scores it against the gold tags.
func ScoreModel(m Tagger, docs []Document) (*Scorer, error) {
	return scoreDocs(m, docs, nil)
}

func scoreDocs(m Tagger, docs []Document, progress func(done, total int)) (*Scorer, error) {
	s := &Scorer{}
	for di, d := range docs {
		words := make([][]string, len(d))
		golds := make([][]string, len(d))
		for i, sent := range d {
			words[i], golds[i] = Split(sent)
		}
		pred := m.Tag(words)
		if len(pred) != len(d) {
			return nil, fmt.Errorf("document %d: tagger returned %d sentences for %d", di, len(pred), len(d))
		}
		for i := range d {
			if err := s.Add(golds[i], pred[i]); err != nil {
				return nil, fmt.Errorf("document %d sentence %d: %w", di, i, err)
			}
		}
		if progress != nil {
			progress(di+1, len(docs))
		}
	}
	return s, nil
}

// splits maps the task's split names to the CoNLL files.
var splits = map[string]string{
	"": "eng.testb", "test": "eng.testb", "testb": "eng.testb",
	"dev": "eng.testa", "testa": "eng.testa", "train": "eng.train",
}

func run(ctx context.Context, o eval.Options) (*eval.Result, error) {
	file, ok := splits[o.Split]
	if !ok {
		return nil, fmt.Errorf("ner: unknown split %q (want test, dev or train)", o.Split)
	}
	dir := o.Data
	if dir == "" {
		d, err := shareddata.Path("eval", "conll2003")
		if err != nil {
			return nil, fmt.Errorf("ner: no data folder given and %w", err)
		}
		dir = d
	}
	docs, err := ReadFile(filepath.Join(dir, file))
	if err != nil {
		return nil, err
	}
	m, err := entities.Default()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	start := time.Now()
	s, err := scoreDocs(m, docs, o.Progress)
	if err != nil {
		return nil, fmt.Errorf("ner %s: %w", file, err)
	}
	return result(s, file, time.Since(start)), nil
}

func result(s *Scorer, file string, took time.Duration) *eval.Result {
	p, r, f := s.All.PRF()
	extra := map[string]any{
		"split":   file,
		"gold":    s.All.Gold,
		"pred":    s.All.Pred,
		"correct": s.All.Correct,
		"tokens":  s.Tokens,
		"seconds": took.Seconds(),
	}
	per := map[string]any{}
	for _, t := range s.Types() {
		c := s.ByType[t]
		tp, tr, tf := c.PRF()
		per[t] = map[string]any{"precision": tp, "recall": tr, "f1": tf, "gold": c.Gold, "pred": c.Pred, "correct": c.Correct}
	}
	extra["per_type"] = per
	return &eval.Result{
		Task: "ner", Dataset: "conll2003/" + file, N: s.All.Gold,
		Precision: p, Recall: r, F1: f, Extra: extra, Anchors: Anchors,
	}
}
