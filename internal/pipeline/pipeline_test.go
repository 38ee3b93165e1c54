package pipeline

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"storyline/internal/news"
)

func stage(name string, requires, provides []string, run func(*news.Doc) error) Stage {
	return Stage{Name: name, Version: "1", Requires: requires, Provides: provides,
		Run: func(_ context.Context, d *news.Doc) error { return run(d) }}
}

func TestNewPlanOrders(t *testing.T) {
	var order []string
	rec := func(name string) func(*news.Doc) error {
		return func(*news.Doc) error { order = append(order, name); return nil }
	}
	// Given out of order on purpose: the plan must sort them by requirement.
	p, err := NewPlan(
		stage("quotes", []string{Entities, Sentences}, []string{Quotes}, rec("quotes")),
		stage("entities", []string{Sentences}, []string{Entities}, rec("entities")),
		stage("sentences", nil, []string{Sentences}, rec("sentences")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Run(context.Background(), &news.Doc{Article: &news.Article{Text: "x"}}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(order, ","); got != "sentences,entities,quotes" {
		t.Errorf("order %s", got)
	}
	if !strings.Contains(p.Version(), "quotes@1") {
		t.Errorf("version %q lacks a stage", p.Version())
	}
}

func TestNewPlanErrors(t *testing.T) {
	nop := func(*news.Doc) error { return nil }
	tests := []struct {
		name   string
		stages []Stage
		want   string
	}{
		{"missing requirement", []Stage{stage("a", []string{"x"}, nil, nop)}, `requires "x"`},
		{"two providers", []Stage{stage("a", nil, []string{"x"}, nop), stage("b", nil, []string{"x"}, nop)}, "provided by both"},
		{"cycle", []Stage{stage("a", []string{"y"}, []string{"x"}, nop), stage("b", []string{"x"}, []string{"y"}, nop)}, "cycle"},
		{"no run", []Stage{{Name: "a"}}, "no Run"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewPlan(tc.stages...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err %v, want it to say %q", err, tc.want)
			}
		})
	}
}

func TestRunWrapsErrorsAndPanics(t *testing.T) {
	boom := errors.New("boom")
	p, err := NewPlan(stage("bad", nil, nil, func(*news.Doc) error { return boom }))
	if err != nil {
		t.Fatal(err)
	}
	err = p.Run(context.Background(), &news.Doc{Article: &news.Article{}})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "stage bad") {
		t.Errorf("err %v", err)
	}
	p, _ = NewPlan(stage("panics", nil, nil, func(*news.Doc) error { panic("index out of range") }))
	if err := p.Run(context.Background(), &news.Doc{Article: &news.Article{}}); err == nil || !strings.Contains(err.Error(), "panic") {
		t.Errorf("panic not turned into an error: %v", err)
	}
}

func TestRunRejectsSpansOutsideText(t *testing.T) {
	p, _ := NewPlan(stage("liar", nil, []string{Sentences}, func(d *news.Doc) error {
		d.Sentences = []news.Span{{Start: 0, End: 99}}
		return nil
	}))
	err := p.Run(context.Background(), &news.Doc{Article: &news.Article{Text: "short"}})
	if !errors.Is(err, news.ErrInvalid) {
		t.Errorf("err %v, want ErrInvalid", err)
	}
}

func TestRunnerCachesByContent(t *testing.T) {
	var calls atomic.Int32
	p, _ := NewPlan(stage("count", nil, []string{Sentences}, func(d *news.Doc) error {
		calls.Add(1)
		d.Sentences = []news.Span{{Start: 0, End: len(d.Text())}}
		return nil
	}))
	r := &Runner{Plan: p, Workers: 3, Cache: &MemCache{}}
	var docs []*news.Doc
	for i := 0; i < 20; i++ {
		text := []string{"alpha text", "beta text"}[i%2]
		docs = append(docs, &news.Doc{Article: &news.Article{Text: text}})
	}
	// Run twice: the second pass must come entirely from the cache.
	r.Run(context.Background(), docs[:2], nil)
	res := r.Run(context.Background(), docs, nil)
	if n := calls.Load(); n != 2 {
		t.Errorf("stage ran %d times, want 2 (once per distinct text)", n)
	}
	for i, x := range res {
		if x.Err != nil || x.Index != i || len(x.Doc.Sentences) != 1 {
			t.Fatalf("result %d: %+v", i, x)
		}
	}
}

func TestRunnerKeepsGoingAfterOneFailure(t *testing.T) {
	p, _ := NewPlan(stage("picky", nil, nil, func(d *news.Doc) error {
		if d.Text() == "bad" {
			return errors.New("refused")
		}
		return nil
	}))
	r := &Runner{Plan: p}
	docs := []*news.Doc{{Article: &news.Article{Text: "ok"}}, {Article: &news.Article{Text: "bad"}}, {Article: &news.Article{Text: "fine"}}}
	res := r.Run(context.Background(), docs, nil)
	if res[0].Err != nil || res[1].Err == nil || res[2].Err != nil {
		t.Errorf("errors %v %v %v", res[0].Err, res[1].Err, res[2].Err)
	}
}
