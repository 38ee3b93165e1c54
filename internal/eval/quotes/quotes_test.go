package quotes

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"storyline/internal/eval"
	"storyline/internal/news"
	"storyline/internal/shareddata"
)

// An invented article and its annotation in PolNeAR's form: character
// offsets (the curly marks are one character, three bytes), a content in
// two fragments, an indirect attribution and one with no source.
const (
	artText = "“We will win,” Nunes said. “Then we rest.”\nHe said the vote was close.\n“Never,” came a cry."
	artAnn  = "T1\tContent 0 14;27 42\t“We will win,” “Then we rest.”\n" +
		"T2\tSource 15 20\tNunes\n" +
		"T3\tCue 21 25\tsaid\n" +
		"E1\tAttribution:T3 Content:T1 Cue:T3 Source:T2\n" +
		"T4\tSource 43 45\tHe\n" +
		"T5\tCue 46 50\tsaid\n" +
		"T6\tContent 51 69\tthe vote was close\n" +
		"E2\tAttribution:T5 Source:T4 Cue:T5 Content:T6\n" +
		"T7\tContent 71 79\t“Never,”\n" +
		"E3\tAttribution:T7 Content:T7\n" +
		"#1\tAnnotatorNotes T1\ta note\n" +
		"a continuation line of a covered text\n"
)

func TestReadAnnAndGather(t *testing.T) {
	ann, err := ReadAnn(strings.NewReader(artAnn))
	if err != nil {
		t.Fatal(err)
	}
	if len(ann.Bounds) != 7 || len(ann.Events) != 3 {
		t.Fatalf("read %d text-bounds and %d events", len(ann.Bounds), len(ann.Events))
	}
	if f := ann.Bounds["T1"].Frags; len(f) != 2 || f[1] != (Frag{27, 42}) {
		t.Errorf("T1 fragments %v", f)
	}
	a, err := Gather(artText, ann)
	if err != nil {
		t.Fatal(err)
	}
	if a.All != 3 || len(a.Direct) != 2 {
		t.Fatalf("all %d direct %d, want 3 and 2", a.All, len(a.Direct))
	}
	g := a.Direct[0]
	if got := g.Content[0].In(artText) + "|" + g.Content[1].In(artText); got != "“We will win,”|“Then we rest.”" {
		t.Errorf("content %q", got)
	}
	if g.Source[0].In(artText) != "Nunes" {
		t.Errorf("source %q", g.Source[0].In(artText))
	}
	if len(a.Direct[1].Source) != 0 {
		t.Error("a content with no source got one")
	}
}

func TestReadAnnErrors(t *testing.T) {
	for _, bad := range []string{
		"T1\tContent 5\tx\n",
		"T1\tContent 9 3\tx\n",
		"T1\tContent a b\tx\n",
		"E1\tAttribution:T1 Content\n",
	} {
		if _, err := ReadAnn(strings.NewReader(bad)); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("%q: err %v, want ErrInvalid", bad, err)
		}
	}
	ann, _ := ReadAnn(strings.NewReader("T1\tContent 0 500\tx\nE1\tAttribution:T1 Content:T1\n"))
	if _, err := Gather("short", ann); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("offsets past the text: err %v", err)
	}
}

func TestIsDirect(t *testing.T) {
	for s, want := range map[string]bool{`"Yes,"`: true, "“Yes,”": true, "''Yes,''": true, "‘Yes’": true, " “Yes”": true, "Yes": false, "": false, "he said “yes”": false} {
		if IsDirect(s) != want {
			t.Errorf("IsDirect(%q) = %v", s, !want)
		}
	}
}

func TestRatioAndMatch(t *testing.T) {
	txt := "0123456789abcdefghij"
	gold := []Gold{{Content: []news.Span{{Start: 0, End: 5}, {Start: 10, End: 15}}}, {Content: []news.Span{{Start: 16, End: 20}}}}
	if r := Ratio(txt, []news.Span{{Start: 0, End: 15}}, gold[0].Content); math.Abs(r-10.0/15) > 1e-9 {
		t.Errorf("ratio %v, want 10/15", r)
	}
	if r := Ratio(txt, []news.Span{{Start: 0, End: 5}, {Start: 10, End: 14}}, gold[0].Content); math.Abs(r-9.0/10) > 1e-9 {
		t.Errorf("ratio of parts %v, want 9/10", r)
	}
	pred := []Pred{{Parts: []news.Span{{Start: 0, End: 15}}}, {Parts: []news.Span{{Start: 0, End: 5}}}, {Parts: []news.Span{{Start: 17, End: 20}}}}
	s := &Scorer{}
	s.Add(txt, gold, pred)
	// pred 0 and 1 both fit gold 0 at 0.3: one to one, the better wins and
	// pred 1 is a false positive; pred 2 covers 3/4 of gold 1: a match at
	// 0.3 but not at 0.8.
	if s.Loose != (Counts{Gold: 2, Pred: 3, Matched: 2}) || s.Strict.Matched != 0 {
		t.Errorf("loose %+v strict %+v", s.Loose, s.Strict)
	}
	p, r, f := s.Loose.PRF()
	if math.Abs(p-2.0/3) > 1e-9 || r != 1 || math.Abs(f-0.8) > 1e-9 {
		t.Errorf("P %v R %v F %v", p, r, f)
	}
}

func TestSpeakerCorrect(t *testing.T) {
	txt := "“Yes,” Mr. Nunes said."
	g := Gold{Content: []news.Span{{Start: 0, End: 10}}, Source: []news.Span{{Start: 11, End: 20}}}
	span := func(a, b int) *news.Span { return &news.Span{Start: a, End: b} }
	for _, c := range []struct {
		p    Pred
		want bool
	}{
		{Pred{SpeakerSpan: span(15, 20)}, true},                          // the mention overlaps the source
		{Pred{SpeakerSpan: span(21, 25), Speaker: "Pedro Nunes"}, false}, // "mr. nunes" is not in the name
		{Pred{Speaker: "Mr. Nunes of Porto"}, true},                      // the name holds the source's text
		{Pred{}, false},
	} {
		if got := SpeakerCorrect(txt, g, c.p); got != c.want {
			t.Errorf("%+v: %v", c.p, got)
		}
	}
}

func TestWithMarksAndJoin(t *testing.T) {
	txt := "“We will win,” Nunes said. “Then we rest.”\n“Again,” he said."
	if got := withMarks(txt, news.Span{Start: 3, End: 15}).In(txt); got != "“We will win,”" {
		t.Errorf("withMarks = %q", got)
	}
	plan, err := Plan()
	if err != nil {
		t.Fatal(err)
	}
	pred, _, err := Predict(context.Background(), plan, "x", txt)
	if err != nil {
		t.Fatal(err)
	}
	// the quote broken by "Nunes said" is one in two parts; the next
	// paragraph's, with a cue of its own, is another
	if len(pred) != 2 || len(pred[0].Parts) != 2 || pred[0].Parts[0].In(txt) != "“We will win,”" || pred[0].Parts[1].In(txt) != "“Then we rest.”" {
		for _, p := range pred {
			t.Logf("%q", p.Extent().In(txt))
		}
		t.Fatalf("got %d predictions", len(pred))
	}
}

func TestTask(t *testing.T) {
	task, ok := eval.Lookup("quotes")
	if !ok {
		t.Fatal("task quotes is not registered")
	}
	if task.DefaultData != "polnear" || task.Must != MustF1 || task.Goal != GoalF1 || !task.Fast {
		t.Errorf("task = %+v", task)
	}
	if _, err := task.Run(context.Background(), eval.Options{Data: t.TempDir()}); err == nil {
		t.Error("a folder without PolNeAR was accepted")
	}
	if _, err := task.Run(context.Background(), eval.Options{Data: t.TempDir(), Split: "nonsense"}); err == nil {
		t.Error("an unknown split was accepted")
	}
}

// TestMustOnPolNeAR runs the task on the test split and checks both musts.
func TestMustOnPolNeAR(t *testing.T) {
	if testing.Short() {
		t.Skip("the test split takes a few seconds")
	}
	dir := shareddata.Require(t, "eval", "polnear", "data", "data", "test")
	dir = strings.TrimSuffix(dir, "/data/data/test")
	task, _ := eval.Lookup("quotes")
	res, err := task.Run(context.Background(), eval.Options{Data: dir})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(res)
	t.Logf("%s", b)
	if res.F1 < MustF1 {
		t.Errorf("F1 at 0.3 %.4f below the must %.2f", res.F1, MustF1)
	}
	if acc := res.Extra["speaker_accuracy"].(float64); acc < MustSpeaker {
		t.Errorf("speaker accuracy %.4f below the must %.2f", acc, MustSpeaker)
	}
}
