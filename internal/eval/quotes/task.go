package quotes

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"storyline/internal/entities"
	"storyline/internal/eval"
	"storyline/internal/news"
	"storyline/internal/pipeline"
	finder "storyline/internal/quotes"
	"storyline/internal/text"
)

// Musts and goals: F1 at 0.3 is the task's Must; speaker accuracy has its
// own floor.
const (
	MustF1      = 0.80
	MustSpeaker = 0.80
	GoalF1      = 0.88
	GoalSpeaker = 0.90
)

func init() {
	eval.Register(eval.Task{
		Name:        "quotes",
		Summary:     "direct quotes and their speakers on PolNeAR (F1 at overlap 0.3 and 0.8; speaker accuracy on matched quotes)",
		DefaultData: "polnear",
		Must:        MustF1,
		Goal:        GoalF1,
		Fast:        true, // about 2 s for the 84 test articles
		Run:         run,
	})
}

// Anchors are the Gender Gap Tracker's published figures, measured on its
// own evaluation set, not on PolNeAR.
var Anchors = []eval.Anchor{
	{System: "Gender Gap Tracker v7", F1: 0.837, Note: "own evaluation set, not PolNeAR; F1 0.761 at 0.8, speaker accuracy 0.865"},
}

// Plan runs what the quote finder needs: sentences, entities, quotes.
func Plan() (*pipeline.Plan, error) {
	return pipeline.NewPlan(text.Stage(), entities.Stage(), finder.Stage())
}

// Predict runs plan over one article and returns its direct quotes as the
// scorer sees them. PolNeAR's contents keep their quotation marks, so each
// quote's span takes in the marks around it; and a quote broken by its own
// attribution ("…," he said. "…"), or going on in the paragraphs after it,
// is one PolNeAR content (in fragments, without the attribution), so
// consecutive direct quotes that share a cue are one prediction of several
// parts.
func Predict(ctx context.Context, plan *pipeline.Plan, name, txt string) ([]Pred, *news.Doc, error) {
	d := &news.Doc{Article: &news.Article{ID: name, Text: txt}}
	if err := plan.Run(ctx, d); err != nil {
		return nil, nil, fmt.Errorf("polnear %s: %w", name, err)
	}
	var out []Pred
	var last *news.Quote
	for i := range d.Quotes {
		q := &d.Quotes[i]
		if !q.Direct {
			continue
		}
		sp := withMarks(txt, q.Span)
		if partial(txt, q, sp) {
			continue
		}
		if last != nil && len(out) > 0 && sameCue(last, q) && out[len(out)-1].Extent().End <= sp.End {
			prev := &out[len(out)-1]
			if e := &prev.Parts[len(prev.Parts)-1]; e.End >= sp.Start {
				e.End = max(e.End, sp.End)
			} else {
				prev.Parts = append(prev.Parts, sp)
			}
			continue
		}
		out = append(out, Pred{Parts: []news.Span{sp}, SpeakerSpan: q.SpeakerSpan, Speaker: q.Speaker})
		last = q
	}
	return out, d, nil
}

// partial reports whether q is a few quoted words inside a sentence that
// begins with other words (Zelensky said officials were working "on the
// text"; she added that "…"; Clinton "is the only candidate," he said):
// PolNeAR's content then begins with those words. A quote set off by a
// colon or comma, or right after its cue (he said "…"), is not partial.
func partial(txt string, q *news.Quote, sp news.Span) bool {
	before := strings.TrimRight(txt[:sp.Start], " \t")
	r, _ := utf8.DecodeLastRuneInString(before)
	if r == ',' && q.CueSpan != nil && q.CueSpan.End < sp.Start {
		// said that for African-Americans between 17 and 20, "…": a
		// clause of the reported speech stands before the quote
		between := txt[q.CueSpan.End:sp.Start]
		if q.SpeakerSpan != nil && q.SpeakerSpan.Start >= q.CueSpan.End && q.SpeakerSpan.End <= sp.Start {
			between = txt[q.SpeakerSpan.End:sp.Start]
		}
		return len(strings.Fields(between)) > 5 && !strings.ContainsAny(between, ".:;")
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	return q.CueSpan == nil || q.CueSpan.End != len(before)
}

func sameCue(a, b *news.Quote) bool {
	return a.CueSpan != nil && b.CueSpan != nil && *a.CueSpan == *b.CueSpan
}

// withMarks widens s over the quotation marks around it (and the spaces
// between).
func withMarks(txt string, s news.Span) news.Span {
	for k := s.Start; k > 0; {
		r, n := utf8.DecodeLastRuneInString(txt[:k])
		if r != ' ' && !strings.ContainsRune(quoteMarks, r) {
			break
		}
		k -= n
		if r != ' ' {
			s.Start = k
		}
	}
	for k := s.End; k < len(txt); {
		r, n := utf8.DecodeRuneInString(txt[k:])
		if r != ' ' && !strings.ContainsRune(quoteMarks, r) {
			break
		}
		k += n
		if r != ' ' {
			s.End = k
		}
	}
	return s
}

// Score runs the finder over articles.
func Score(ctx context.Context, arts []Article, progress func(done, total int)) (*Scorer, error) {
	plan, err := Plan()
	if err != nil {
		return nil, err
	}
	s := &Scorer{}
	for i, a := range arts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pred, _, err := Predict(ctx, plan, a.Name, a.Text)
		if err != nil {
			return nil, err
		}
		s.Add(a.Text, a.Direct, pred)
		if progress != nil {
			progress(i+1, len(arts))
		}
	}
	return s, nil
}

func run(ctx context.Context, o eval.Options) (*eval.Result, error) {
	split := o.Split
	if split == "" {
		split = "test"
	}
	if split != "test" && split != "dev" && split != "train" {
		return nil, fmt.Errorf("quotes: unknown split %q (want test, dev or train)", o.Split)
	}
	arts, err := Load(o.Data, split)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	s, err := Score(ctx, arts, o.Progress)
	if err != nil {
		return nil, err
	}
	return result(s, split, len(arts), time.Since(start)), nil
}

func result(s *Scorer, split string, docs int, took time.Duration) *eval.Result {
	p, r, f := s.Loose.PRF()
	sp, sr, sf := s.Strict.PRF()
	return &eval.Result{
		Task: "quotes", Dataset: "polnear/" + split, N: s.Loose.Gold,
		Precision: p, Recall: r, F1: f,
		Extra: map[string]any{
			"split": split, "docs": docs, "pred": s.Loose.Pred, "matched": s.Loose.Matched,
			"f1_at_0.3": f, "precision_at_0.8": sp, "recall_at_0.8": sr, "f1_at_0.8": sf,
			"matched_at_0.8":   s.Strict.Matched,
			"speaker_accuracy": s.SpeakerAccuracy(), "speaker_scored": s.SpeakerGold,
			"speaker_correct": s.SpeakerOK, "matched_without_gold_source": s.NoSource,
			"must_f1": MustF1, "must_speaker_accuracy": MustSpeaker,
			"goal_f1": GoalF1, "goal_speaker_accuracy": GoalSpeaker,
			"seconds": took.Seconds(),
		},
		Anchors: Anchors,
	}
}
