// Package figures finds numbers in article text together with what they
// count: the bounds the wording gives them ("at least six", "more than
// 460"), ranges and changes, the counted noun (the unit) and a normalised
// measure (deaths, launched, cap, share …). It works by rules over a light
// tokenisation: a number is read in digits or words, the phrase around it
// bounds it, the noun after it is what it counts, and the nearest verb or noun
// of its own clause says what it measures. Dates, times, ages, durations,
// ordinals, list numbers, phone and version numbers and numbers inside names
// are not figures.
//
// Conventions (also in internal/eval/figures/testdata/README.md):
//   - an exact number has value = min = max;
//   - "more than N" gives min N+1 and "fewer than N" max N−1 for counts of
//     whole things, N for percentages and money;
//   - "nearly N" gives max N, min 0.9·N; "about N" gives N ± 10 %;
//   - "hundreds" is 200–999, "dozens" 24–99, "thousands" 2,000–9,999;
//   - the unit is the counted noun in its plural form, lower-cased; %, and
//     USD, GBP, EUR, JPY for money;
//   - the measure is one of deaths, injured, missing, arrested, launched,
//     intercepted, displaced, dismissed, crossed, points, cap, damage, share.
package figures

import (
	"context"
	"fmt"
	"unicode/utf8"

	"storyline/internal/news"
	"storyline/internal/pipeline"
)

// Version changes whenever the output of the stage changes.
const Version = "1"

// MaxText bounds the text read at once; longer sentences and texts are cut
// into pieces at line breaks (else anywhere between characters) first, which
// keeps the token buffer small and lets a long text be cancelled between
// pieces.
const MaxText = 64 << 10

// Stage fills doc.Figures from the doc's sentences (or the whole text when it
// has none).
func Stage() pipeline.Stage {
	return pipeline.Stage{
		Name:     "figures",
		Version:  Version,
		Requires: []string{pipeline.Sentences},
		Provides: []string{pipeline.Figures},
		Run: func(ctx context.Context, d *news.Doc) error {
			if d == nil || d.Article == nil {
				return fmt.Errorf("figures: no article: %w", news.ErrInvalid)
			}
			text := d.Text()
			if !utf8.ValidString(text) {
				return fmt.Errorf("figures: article %s: text is not valid UTF-8: %w", d.Article.ID, news.ErrInvalid)
			}
			d.Figures = findInSpans(ctx, text, d.Sentences)
			return ctx.Err()
		},
	}
}

// Find returns the figures of a plain text, with spans into it.
func Find(text string) []news.Figure {
	return findInSpans(context.Background(), text, nil)
}

// findInSpans reads each sentence on its own, so that what one sentence
// counts never leaks into the next; with no sentences it cuts the text into
// pieces of at most MaxText bytes.
func findInSpans(ctx context.Context, text string, sents []news.Span) []news.Figure {
	if len(sents) == 0 {
		sents = []news.Span{{Start: 0, End: len(text)}}
	}
	var out []news.Figure
	sc := &scratch{toks: make([]token, 0, 256)}
	for k, s := range sents {
		if k%64 == 0 && ctx.Err() != nil {
			return out
		}
		if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
			continue
		}
		for _, p := range pieces(text[s.Start:s.End]) {
			at := s.Start + p.Start
			for _, f := range find(text[at:s.Start+p.End], sc) {
				f.Start += at
				f.End += at
				out = append(out, f)
			}
		}
	}
	return out
}

// pieces cuts text into spans of at most MaxText bytes, at a line break
// when there is one, else at a rune boundary.
func pieces(text string) []news.Span {
	var out []news.Span
	for start := 0; start < len(text); {
		end := len(text)
		if end-start > MaxText {
			end = start + MaxText
			cut := end
			for cut > start && text[cut-1] != '\n' {
				cut--
			}
			if cut > start {
				end = cut
			} else {
				for end > start && !utf8.RuneStart(text[end]) {
					end--
				}
			}
		}
		out = append(out, news.Span{Start: start, End: end})
		start = end
	}
	return out
}
