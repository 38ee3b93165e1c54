package figures

import (
	"context"
	"testing"

	"storyline/internal/eval"
	"storyline/internal/figures"
	"storyline/internal/news"
	"strings"
)

// TestMust asserts the task's threshold on the whole gold set and prints the
// errors of the dev part, the only part one may tune on.
func TestMust(t *testing.T) {
	task, ok := eval.Lookup("figures")
	if !ok {
		t.Fatal("task figures is not registered")
	}
	res, err := task.Run(context.Background(), eval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("P %.3f R %.3f F1 %.3f n %d extra %v", res.Precision, res.Recall, res.F1, res.N, res.Extra)
	items, err := Gold()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range Evaluate(Split(items, "dev"), figures.Find).Misses {
		t.Log(m)
	}
	if res.F1 < task.Must {
		t.Errorf("F1 %.3f below the task's must %.2f", res.F1, task.Must)
	}
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name, data, err string
	}{
		{"empty", "", "no items"},
		{"not json", "{oops\n", "line 1"},
		{"figure not in text", `{"id":"x","text":"Five boats sank.","figures":[{"text":"six boats"}]}`, "not in the sentence"},
		{"ok", `{"id":"x","text":"Five boats sank.","figures":[{"text":"Five boats","value":5}]}`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, err := Load("test.jsonl", []byte(tc.data))
			if tc.err == "" {
				if err != nil || len(items) != 1 {
					t.Fatalf("Load: %v, %d items", err, len(items))
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "test.jsonl") {
				t.Fatalf("error %v, want one naming the file and %q", err, tc.err)
			}
		})
	}
}

// TestEvaluate checks the scorer on a fake finder: one right figure, one
// with the wrong measure, one missed and one extra.
func TestEvaluate(t *testing.T) {
	items := []Item{{ID: "a", Text: "Nine boats sank and 3 crews fled.", Figures: []GoldFigure{
		{Text: "Nine boats", Value: v(9), Min: v(9), Max: v(9), Unit: "boats"},
		{Text: "3 crews", Value: v(3), Min: v(3), Max: v(3), Unit: "crews", Measure: "displaced"},
	}}, {ID: "b", Text: "Four dogs barked.", Figures: []GoldFigure{
		{Text: "Four dogs", Value: v(4), Min: v(4), Max: v(4), Unit: "dogs"},
	}}}
	fake := func(s string) []news.Figure {
		if strings.HasPrefix(s, "Four") {
			return []news.Figure{{Span: news.Span{Start: 10, End: 16}, Unit: "x"}} // "barked": extra
		}
		return []news.Figure{
			{Span: news.Span{Start: 0, End: 4}, Value: v(9), Min: v(9), Max: v(9), Unit: "boats"},
			{Span: news.Span{Start: 20, End: 27}, Value: v(3), Min: v(3), Max: v(3), Unit: "crews", Measure: "launched"},
		}
	}
	s := Evaluate(items, fake)
	if s.TP != 2 || s.FP != 1 || s.FN != 1 || s.Measure != 1 || s.Unit != 2 || s.Exact != 1 {
		t.Fatalf("score %+v", s)
	}
	if p, r := s.P(), s.R(); p != 2.0/3 || r != 2.0/3 {
		t.Errorf("P %v R %v", p, r)
	}
}

// TestGoldCoverage holds the gold set to covering every kind of figure the
// stage must handle, in both parts, and enough sentences without figures.
func TestGoldCoverage(t *testing.T) {
	items, err := Gold()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]func(g GoldFigure) bool{
		"exact": func(g GoldFigure) bool {
			return g.Value != nil && same(g.Min, g.Value) && same(g.Max, g.Value) && g.From == nil
		},
		"lower only": func(g GoldFigure) bool { return g.Min != nil && g.Max == nil },
		"upper only": func(g GoldFigure) bool { return g.Min == nil && g.Max != nil },
		"about": func(g GoldFigure) bool {
			return g.Value != nil && g.Min != nil && g.Max != nil && *g.Min < *g.Value && *g.Max > *g.Value
		},
		"nearly": func(g GoldFigure) bool {
			return g.Value != nil && g.Min != nil && *g.Min < *g.Value && same(g.Max, g.Value)
		},
		"range":   func(g GoldFigure) bool { return g.Value == nil && g.Min != nil && g.Max != nil && *g.Max-*g.Min < 100 },
		"vague":   func(g GoldFigure) bool { return g.Value == nil && g.Min != nil && g.Max != nil && *g.Max >= 99 },
		"change":  func(g GoldFigure) bool { return g.From != nil },
		"words":   func(g GoldFigure) bool { return g.Value != nil && !strings.ContainsAny(g.Text, "0123456789") },
		"percent": func(g GoldFigure) bool { return g.Unit == "%" },
		"money":   func(g GoldFigure) bool { return g.Unit == "USD" || g.Unit == "GBP" || g.Unit == "EUR" },
	}
	for _, m := range []string{"deaths", "injured", "missing", "arrested", "launched", "intercepted", "displaced",
		"dismissed", "crossed", "points", "cap", "share"} {
		kinds["measure "+m] = func(g GoldFigure) bool { return g.Measure == m }
	}
	for _, split := range []string{"dev", "heldout"} {
		part := Split(items, split)
		negatives := 0
		for _, it := range part {
			if len(it.Figures) == 0 {
				negatives++
			}
		}
		if negatives < 10 {
			t.Errorf("%s: %d sentences without figures, want at least 10", split, negatives)
		}
		for name, is := range kinds {
			found := false
			for _, it := range part {
				for _, g := range it.Figures {
					found = found || is(g)
				}
			}
			if !found {
				t.Errorf("%s: no gold figure of kind %q", split, name)
			}
		}
	}
}
