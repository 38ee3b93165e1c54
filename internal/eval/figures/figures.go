// Package figures scores the figures stage on storyline's own hand-written
// gold set (testdata/gold.jsonl; there is no public one): detection by span
// overlap, then, on matched figures, how often value, bounds, unit and
// measure are right. No published system scores this set, so the task has no
// anchors.
package figures

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"

	"storyline/internal/eval"
	"storyline/internal/figures"
	"storyline/internal/news"
)

//go:embed testdata/gold.jsonl
var goldData []byte

func init() {
	eval.Register(eval.Task{
		Name:    "figures",
		Summary: "numbers with bounds, unit and measure, on our own hand-written gold set",
		Must:    0.90,
		Goal:    0.95,
		Fast:    true,
		Run:     run,
	})
}

// Item is one gold sentence with its figures.
type Item struct {
	ID      string       `json:"id"`
	Split   string       `json:"split"` // dev or heldout
	Text    string       `json:"text"`
	Figures []GoldFigure `json:"figures"`
}

// GoldFigure is one expected figure; Text is its phrase as written in the
// sentence (first occurrence).
type GoldFigure struct {
	Text    string   `json:"text"`
	Value   *float64 `json:"value"`
	Min     *float64 `json:"min"`
	Max     *float64 `json:"max"`
	From    *float64 `json:"from"`
	Unit    string   `json:"unit"`
	Measure string   `json:"measure"`
}

// maxGold bounds the gold file a run will read.
const maxGold = 16 << 20

// Load reads gold items from JSON lines. name is used in errors.
func Load(name string, data []byte) ([]Item, error) {
	if len(data) > maxGold {
		return nil, fmt.Errorf("read gold %s: %d bytes is more than %d", name, len(data), maxGold)
	}
	var items []Item
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var it Item
		if err := json.Unmarshal(b, &it); err != nil {
			return nil, fmt.Errorf("read gold %s line %d: %w", name, line, err)
		}
		for _, g := range it.Figures {
			if !strings.Contains(it.Text, g.Text) || g.Text == "" {
				return nil, fmt.Errorf("read gold %s line %d: figure %q is not in the sentence", name, line, g.Text)
			}
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read gold %s: %w", name, err)
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("read gold %s: no items", name)
	}
	return items, nil
}

// Gold returns the embedded gold set.
func Gold() ([]Item, error) { return Load("testdata/gold.jsonl", goldData) }

// Score counts detection and attribute agreement over items.
type Score struct {
	N, TP, FP, FN                       int
	Value, Bounds, Unit, Measure, Exact int // matched figures right on each
	Misses                              []string
}

func (s Score) P() float64  { return ratio(s.TP, s.TP+s.FP) }
func (s Score) R() float64  { return ratio(s.TP, s.TP+s.FN) }
func (s Score) F1() float64 { p, r := s.P(), s.R(); return ratio2(2*p*r, p+r) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func ratio2(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// Evaluate runs find on every item and scores it. Misses lists, for
// reading, every error: "id: missed …", "id: extra …", "id: unit …".
func Evaluate(items []Item, find func(string) []news.Figure) Score {
	var s Score
	for _, it := range items {
		pred := find(it.Text)
		s.N += len(it.Figures)
		type pair struct{ g, p, ov int }
		var pairs []pair
		gspans := make([]news.Span, len(it.Figures))
		for gi, g := range it.Figures {
			at := strings.Index(it.Text, g.Text)
			gspans[gi] = news.Span{Start: at, End: at + len(g.Text)}
			for pi, p := range pred {
				if ov := overlap(gspans[gi], p.Span); ov > 0 {
					pairs = append(pairs, pair{gi, pi, ov})
				}
			}
		}
		// one-to-one, largest overlap first
		sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].ov > pairs[j].ov })
		gUsed, pUsed := map[int]bool{}, map[int]bool{}
		for _, pr := range pairs {
			if gUsed[pr.g] || pUsed[pr.p] {
				continue
			}
			gUsed[pr.g], pUsed[pr.p] = true, true
			s.TP++
			g, p := it.Figures[pr.g], pred[pr.p]
			got := p.Span.In(it.Text)
			ok := 0
			if same(g.Value, p.Value) {
				s.Value++
				ok++
			} else {
				s.Misses = append(s.Misses, fmt.Sprintf("%s: %q value %s, want %s", it.ID, got, show(p.Value), show(g.Value)))
			}
			if same(g.Min, p.Min) && same(g.Max, p.Max) && same(g.From, p.From) {
				s.Bounds++
				ok++
			} else {
				s.Misses = append(s.Misses, fmt.Sprintf("%s: %q bounds %s..%s from %s, want %s..%s from %s", it.ID, got,
					show(p.Min), show(p.Max), show(p.From), show(g.Min), show(g.Max), show(g.From)))
			}
			if g.Unit == p.Unit {
				s.Unit++
				ok++
			} else {
				s.Misses = append(s.Misses, fmt.Sprintf("%s: %q unit %q, want %q", it.ID, got, p.Unit, g.Unit))
			}
			if g.Measure == p.Measure {
				s.Measure++
				ok++
			} else {
				s.Misses = append(s.Misses, fmt.Sprintf("%s: %q measure %q, want %q", it.ID, got, p.Measure, g.Measure))
			}
			if ok == 4 {
				s.Exact++
			}
		}
		for gi, g := range it.Figures {
			if !gUsed[gi] {
				s.FN++
				s.Misses = append(s.Misses, fmt.Sprintf("%s: missed %q", it.ID, g.Text))
			}
		}
		for pi, p := range pred {
			if !pUsed[pi] {
				s.FP++
				s.Misses = append(s.Misses, fmt.Sprintf("%s: extra %q", it.ID, p.Span.In(it.Text)))
			}
		}
	}
	return s
}

func overlap(a, b news.Span) int {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	return max(0, hi-lo)
}

// same compares two optional numbers with a relative tolerance, since
// bounds like 0.9·N are computed in floating point.
func same(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-9*math.Max(1, math.Abs(*a))
}

func show(v *float64) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprintf("%g", *v)
}

// Split keeps the items of one split ("" keeps all).
func Split(items []Item, split string) []Item {
	if split == "" || split == "all" {
		return items
	}
	var out []Item
	for _, it := range items {
		if it.Split == split {
			out = append(out, it)
		}
	}
	return out
}

// run scores the gold set (o.Data may name another gold file of the same
// format). The main figures are over the whole set; Extra carries the
// attribute accuracies and the dev and held-out parts separately.
func run(ctx context.Context, o eval.Options) (*eval.Result, error) {
	items, err := Gold()
	name := "storyline figures gold (hand-written)"
	if o.Data != "" {
		data, rerr := os.ReadFile(o.Data)
		if rerr != nil {
			return nil, fmt.Errorf("figures eval: %w", rerr)
		}
		items, err = Load(o.Data, data)
		name = o.Data
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sel := Split(items, o.Split)
	if len(sel) == 0 {
		return nil, fmt.Errorf("figures eval: no items in split %q", o.Split)
	}
	s := Evaluate(sel, figures.Find)
	if o.Progress != nil {
		o.Progress(len(sel), len(sel))
	}
	extra := attributes(s)
	for _, part := range []string{"dev", "heldout"} {
		if o.Split != "" && o.Split != "all" {
			break
		}
		ps := Evaluate(Split(items, part), figures.Find)
		extra[part+"_f1"] = ps.F1()
		extra[part+"_exact"] = ratio(ps.Exact, ps.TP)
		extra[part+"_n"] = ps.N
	}
	// the demo corpus's truth, when scoring the embedded gold
	if o.Data == "" {
		ds, err := DemoScore(figures.Find)
		if err != nil {
			return nil, err
		}
		extra["demo_n"], extra["demo_precision"], extra["demo_recall"], extra["demo_f1"] = ds.N, ds.P(), ds.R(), ds.F1()
		extra["demo_value_acc"], extra["demo_bounds_acc"] = ratio(ds.Value, ds.TP), ratio(ds.Bounds, ds.TP)
	}
	return &eval.Result{
		Task: "figures", Dataset: name, N: s.N,
		Precision: s.P(), Recall: s.R(), F1: s.F1(),
		Extra:   extra,
		Anchors: nil, // no published system scores our own gold
	}, nil
}

func attributes(s Score) map[string]any {
	return map[string]any{
		"tp": s.TP, "fp": s.FP, "fn": s.FN,
		"value_acc":   ratio(s.Value, s.TP),
		"bounds_acc":  ratio(s.Bounds, s.TP),
		"unit_acc":    ratio(s.Unit, s.TP),
		"measure_acc": ratio(s.Measure, s.TP),
		"exact_acc":   ratio(s.Exact, s.TP),
	}
}
