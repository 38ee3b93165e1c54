package extraction

import (
	"math"
	"reflect"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"The mayor's office, 2024!", []string{"The", "mayor", "s", "office", "2024"}},
		{"snake_case and dash-ed", []string{"snake_case", "and", "dash", "ed"}},
		{"Grüße aus Köln", []string{"Grüße", "aus", "Köln"}},
		// A combining accent is not a word character for `\w`.
		{"cafe\u0301 noir", []string{"cafe", "noir"}},
		{"東京 ½ Ⅻ", []string{"東京", "½", "Ⅻ"}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := Tokens(tc.in); len(got)+len(tc.want) > 0 && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestShingles(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int // distinct shingles
		sum  int
	}{
		{"", 0, 0},
		{"...", 0, 0},
		{"one", 1, 1},
		{"one two three", 1, 1},
		{"one two three four", 1, 1},
		{"one two three four five", 2, 2},
		{"a b c d a b c d", 4, 5},
	} {
		t.Run(tc.in, func(t *testing.T) {
			sh := Shingles(tc.in)
			sum := 0
			for _, n := range sh {
				sum += n
			}
			if len(sh) != tc.want || sum != tc.sum {
				t.Errorf("Shingles(%q): %d distinct, %d in all; want %d, %d", tc.in, len(sh), sum, tc.want, tc.sum)
			}
		})
	}
}

func TestScorePage(t *testing.T) {
	for _, tc := range []struct {
		name, gold, pred string
		want             Counts
	}{
		{"same", "the river rose two metres overnight", "the river -- rose two metres overnight.", Counts{1, 0, 0}},
		// Case matters: tokens are compared as written.
		{"case", "the river rose two metres", "The river rose two metres", Counts{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		{"both empty", "", "", Counts{0, 0, 0}},
		{"nothing predicted", "the river rose two metres", "", Counts{0, 0, 1}},
		{"nothing expected", "", "menu home contact us now", Counts{0, 1, 0}},
		// gold has 2 shingles, the prediction the first of them.
		{"half recalled", "a b c d e", "a b c d", Counts{0.5, 0, 0.5}},
		// 1 shared, 2 extra: TP 1, FP 2 out of 3.
		{"extra text", "a b c d", "a b c d x y", Counts{1.0 / 3, 2.0 / 3, 0}},
		// repeated shingles count up to the smaller multiplicity.
		{"repeats", "a b c d a b c d", "a b c d", Counts{1.0 / 5, 0, 4.0 / 5}},
		{"disjoint", "w x y z", "a b c d", Counts{0, 0.5, 0.5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ScorePage(tc.gold, tc.pred)
			if !near(got.TP, tc.want.TP) || !near(got.FP, tc.want.FP) || !near(got.FN, tc.want.FN) {
				t.Errorf("ScorePage = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestMacro(t *testing.T) {
	for _, tc := range []struct {
		name     string
		pages    []Counts
		p, r, f1 float64
	}{
		{"perfect", []Counts{{1, 0, 0}, {1, 0, 0}}, 1, 1, 1},
		{"half and half", []Counts{{0.5, 0, 0.5}, {0.5, 0.5, 0}}, 0.75, 0.75, 0.75},
		// A page with nothing predicted counts for recall only; a page with
		// nothing expected, for precision only.
		{"empty prediction", []Counts{{1, 0, 0}, {0, 0, 1}}, 1, 0.5, 2.0 / 3},
		{"empty gold", []Counts{{1, 0, 0}, {0, 1, 0}}, 0.5, 1, 2.0 / 3},
		{"both empty page ignored", []Counts{{1, 0, 0}, {0, 0, 0}}, 1, 1, 1},
		{"nothing", nil, 0, 0, 0},
		{"all wrong", []Counts{{0, 0.5, 0.5}}, 0, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, r, f1 := Macro(tc.pages)
			if !near(p, tc.p) || !near(r, tc.r) || !near(f1, tc.f1) {
				t.Errorf("Macro = %.4f %.4f %.4f, want %.4f %.4f %.4f", p, r, f1, tc.p, tc.r, tc.f1)
			}
		})
	}
}

func TestBootstrap(t *testing.T) {
	same := []Counts{{1, 0, 0}, {1, 0, 0}, {1, 0, 0}}
	if s := Bootstrap(same, 200, 1); s != (Spread{}) {
		t.Errorf("identical pages spread %+v, want zero", s)
	}
	mixed := []Counts{{1, 0, 0}, {0.5, 0.5, 0}, {0.2, 0, 0.8}, {0, 0.5, 0.5}}
	a, b := Bootstrap(mixed, 500, 7), Bootstrap(mixed, 500, 7)
	if a != b {
		t.Errorf("same seed gave %+v and %+v", a, b)
	}
	if a.F1 <= 0 || a.F1 > 1 {
		t.Errorf("spread %+v out of range for mixed pages", a)
	}
	if s := Bootstrap(nil, 100, 1); s != (Spread{}) {
		t.Errorf("no pages spread %+v", s)
	}
}

func TestScoreSnippets(t *testing.T) {
	out := "The bridge  reopened\non Monday after\trepairs.\n\nShare this story"
	for _, tc := range []struct {
		name          string
		with, without []string
		want          SnippetCounts
	}{
		{"found across line breaks", []string{"reopened on Monday"}, nil, SnippetCounts{TP: 1}},
		{"missing", []string{"closed again"}, nil, SnippetCounts{FN: 1}},
		{"boilerplate present", nil, []string{"Share this  story"}, SnippetCounts{FP: 1}},
		{"boilerplate absent", nil, []string{"Cookie settings"}, SnippetCounts{TN: 1}},
		{"case matters", []string{"the bridge"}, nil, SnippetCounts{FN: 1}},
		{"mixed", []string{"after repairs.", "on Tuesday"}, []string{"Share", "Log in"}, SnippetCounts{TP: 1, FN: 1, FP: 1, TN: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ScoreSnippets(out, tc.with, tc.without); got != tc.want {
				t.Errorf("ScoreSnippets = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestSnippetScores(t *testing.T) {
	for _, tc := range []struct {
		c        SnippetCounts
		p, r, f1 float64
	}{
		{SnippetCounts{TP: 3, FP: 1, FN: 1, TN: 5}, 0.75, 0.75, 0.75},
		{SnippetCounts{TP: 0, FP: 0, FN: 2}, 0, 0, 0},
		{SnippetCounts{TP: 2, FP: 0, FN: 2}, 1, 0.5, 2.0 / 3},
	} {
		p, r, f1 := tc.c.Scores()
		if !near(p, tc.p) || !near(r, tc.r) || !near(f1, tc.f1) {
			t.Errorf("%+v: %.4f %.4f %.4f, want %.4f %.4f %.4f", tc.c, p, r, f1, tc.p, tc.r, tc.f1)
		}
	}
}
