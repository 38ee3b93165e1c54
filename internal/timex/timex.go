// Package timex finds temporal expressions in an article ("last week", "Jan.
// 24, 2026", "on Tuesday", "two days", "every week", "at 3 p.m.") and
// resolves them against the article's publication day into TIMEX3 values.
//
// The rules are news rules: a bare weekday is the most recent such day on or
// before publication unless the clause looks ahead ("will meet on Tuesday");
// a month or a day without a year is the nearest one; "last week" is an ISO
// week. A fast scan over tokens finds every candidate; no general date
// parser runs over whole sentences.
package timex

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"storyline/internal/news"
	"storyline/internal/pipeline"
)

// MaxText bounds the text one call scans. Find scans only this much; the
// stage refuses a longer text with an error instead of silently dropping dates.
const MaxText = 8 << 20

// Version changes whenever the stage's output would change.
const Version = "1"

// Stage fills doc.Dates, anchored on the article's publication time. With no
// publication time, anchor-dependent expressions keep their words as Value and
// Resolved is false. Resolved is also false for references that have no place
// on the calendar: "now", "recently" (Value PRESENT_REF, PAST_REF,
// FUTURE_REF) and times the story set elsewhere ("that day", Value the words).
// A part of a day ("Monday night", "overnight", "this morning") is a date
// whose Value is the day. Decades and centuries ("197", "20") have no
// Precision: they are coarser than any the timeline uses.
func Stage() pipeline.Stage {
	return pipeline.Stage{
		Name:     "dates",
		Version:  Version,
		Requires: []string{pipeline.Sentences},
		Provides: []string{pipeline.Dates},
		Run: func(ctx context.Context, d *news.Doc) error {
			if d == nil || d.Article == nil {
				return fmt.Errorf("dates: document has no article: %w", news.ErrInvalid)
			}
			text := d.Article.Text
			if len(text) > MaxText {
				return fmt.Errorf("dates in %s: text of %d bytes exceeds %d: %w", d.Article.Source, len(text), MaxText, news.ErrTooLarge)
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			d.Dates = Find(text, d.Article.Published)
			return nil
		},
	}
}

// Find returns the temporal expressions of text in order, resolved against
// anchor's calendar day in anchor's own location. A zero anchor leaves
// anchor-dependent expressions unresolved. Text beyond MaxText is not scanned.
func Find(text string, anchor time.Time) []news.DateRef {
	if len(text) > MaxText {
		cut := MaxText
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	f := &finder{text: text, toks: scan(text), hasAnchor: !anchor.IsZero()}
	if f.hasAnchor {
		f.a = dayOf(anchor)
	} else {
		// Any fixed day serves: its results are replaced by the words.
		f.a = civil(2000, time.January, 1)
	}
	return f.run()
}
