package timex

import (
	"fmt"

	"storyline/internal/news"
)

// date reads a calendar expression, with an optional leading modifier
// ("late Monday", "mid-November", "the end of 2025")
// that TIMEX3 keeps in the span but that does not change the value.
func (f *finder) date(i int) (cand, bool) {
	if k, ok := f.dateMod(i); ok {
		if c, ok := f.dateCore(k, true, i); ok {
			return c, true
		}
	}
	return f.dateCore(i, false, i)
}

// dateMod steps over a modifier and reports whether there was one.
func (f *finder) dateMod(i int) (int, bool) {
	// "earlier this month" is read as "this month": TimeBank leaves
	// "earlier" and "later" out of the span, unlike "early" and "late".
	switch w := f.word(i); w {
	case "early", "late":
		return i + 1, true
	case "mid":
		if f.punct(i+1, "-") && f.tight(i+1) {
			return i + 2, true
		}
		return i + 1, true
	case "the":
		switch f.word(i + 1) {
		case "end", "beginning", "start", "middle", "turn", "close":
			if f.word(i+2) == "of" {
				return i + 3, true
			}
		}
	case "end", "beginning", "start", "middle":
		if f.word(i+1) == "of" {
			return i + 2, true
		}
		if w == "end" && f.punct(i+1, "-") && f.tight(i+1) {
			return i + 2, true
		}
	}
	return i, false
}

// dateCore reads the expression proper at k; s is where the whole reading
// starts, for the tense test.
func (f *finder) dateCore(k int, modded bool, s int) (cand, bool) {
	if k >= f.end {
		return cand{}, false
	}
	t := f.toks[k]
	if t.kind == tNum {
		return f.numericDate(k, s)
	}
	if t.kind != tWord {
		if f.apostrophe(k) {
			return f.shortDecade(k)
		}
		return cand{}, false
	}
	w := t.lower
	if wd, ok := weekdays[w]; ok && t.upper {
		return f.weekday(k, wd, s), true
	}
	if _, ok := months[w]; ok && t.upper {
		return f.month(k, modded, s)
	}
	if c, ok := f.holiday(k, 0, s); ok {
		return c, true
	}
	switch w {
	case "today", "tonight", "yesterday", "tomorrow", "overnight":
		return f.relativeDay(k), true
	case "this", "last", "next", "past", "previous", "coming", "current", "following":
		return f.deictic(k, s)
	case "the":
		return f.theDate(k, modded, s)
	case "fiscal":
		if y, ok := f.year(k+1, true); ok {
			return cand{j: k + 2, typ: news.DateDate, prec: news.PrecYear, value: yearValue(y)}, true
		}
		if f.word(k+1) == "year" {
			if y, ok := f.year(k+2, true); ok {
				return cand{j: k + 3, typ: news.DateDate, prec: news.PrecYear, value: yearValue(y)}, true
			}
		}
	case "q":
		if n, d, ok := f.num(k + 1); ok && t.upper && d == 1 && n >= 1 && n <= 4 && f.tight(k+1) {
			return f.quarterYear(k+2, n, s), true
		}
	}
	if _, ok := seasonCode[w]; ok {
		return f.season(k, 0, modded)
	}
	if c, ok := f.quarter(k, s); ok {
		return c, true
	}
	if w == "year" {
		// "year-earlier", "year-ago": business news compares the last
		// reported quarter with the same quarter a year before.
		if f.punct(k+1, "-") && f.tight(k+1) && (f.word(k+2) == "earlier" || f.word(k+2) == "ago") {
			e := k + 3
			if w := f.word(e); w == "quarter" || w == "period" {
				e++
			}
			n := (f.a.year()-1)*4 + quarterOf(f.a.month()) - 2
			return cand{j: e, typ: news.DateDate, prec: news.PrecSeason, value: fmt.Sprintf("%04d-Q%d", n/4, n%4+1), anchored: true}, true
		}
		// "year-end", "year end", "year's end"; after a modifier, "end of year".
		e := f.skipPossessive(k + 1)
		if f.punct(e, "-") && f.tight(e) {
			e++
		}
		if f.word(e) == "end" {
			return cand{j: e + 1, typ: news.DateDate, prec: news.PrecYear, value: yearValue(f.a.year()), anchored: true}, true
		}
		if modded {
			return cand{j: k + 1, typ: news.DateDate, prec: news.PrecYear, value: yearValue(f.a.year()), anchored: true}, true
		}
	}
	return cand{}, false
}

// theDate reads expressions that start with "the".
func (f *finder) theDate(k int, modded bool, s int) (cand, bool) {
	w := f.word(k + 1)
	switch w {
	case "weekend":
		fut := f.future(s)
		return cand{j: k + 2, typ: news.DateDate, prec: news.PrecWeek, value: f.weekend(fut, 0), anchored: true}, true
	case "year", "month", "week", "day":
		if !modded {
			if w != "year" {
				return cand{}, false
			}
			if f.punct(k+2, "-") {
				// "the year-earlier quarter"; a bare "year-earlier" leaves "the" out.
				if c, ok := f.dateCore(k+1, false, s); ok && c.j > k+4 {
					return c, true
				}
				return cand{}, false
			}
			// "the year ended Sept. 30" is a fiscal year; "for the year"
			// the current one.
			switch f.word(k + 2) {
			case "ended", "ending", "to", "through":
				return cand{j: k + 2, typ: news.DateDuration, value: "P1Y"}, true
			}
			switch f.prevWord(k) {
			case "of", "for", "during", "through", "throughout":
				return cand{j: k + 2, typ: news.DateDate, prec: news.PrecYear, value: yearValue(f.a.year()), anchored: true}, true
			}
			return cand{}, false
		}
		switch w {
		case "year":
			return cand{j: k + 2, typ: news.DateDate, prec: news.PrecYear, value: yearValue(f.a.year()), anchored: true}, true
		case "month":
			return cand{j: k + 2, typ: news.DateDate, prec: news.PrecMonth, value: monthValue(f.a.year(), f.a.month()), anchored: true}, true
		case "week":
			return cand{j: k + 2, typ: news.DateDate, prec: news.PrecWeek, value: f.a.week(), anchored: true}, true
		default:
			return cand{j: k + 2, typ: news.DateDate, prec: news.PrecDay, value: f.a.String(), anchored: true}, true
		}
	}
	if _, ok := seasonCode[w]; ok {
		return f.season(k+1, 0, true)
	}
	// "the quarter", "the latest quarter": business news means the last
	// quarter that has ended.
	if q := k + 1; w == "quarter" || (w == "latest" || w == "most" && f.word(k+2) == "recent") && f.word(k+2+btoi(w == "most")) == "quarter" {
		if w == "latest" {
			q++
		} else if w == "most" {
			q += 2
		}
		n := f.a.year()*4 + quarterOf(f.a.month()) - 2
		return cand{j: q + 1, typ: news.DateDate, prec: news.PrecSeason, value: fmt.Sprintf("%04d-Q%d", n/4, n%4+1), anchored: true}, true
	}
	if n, d, ok := f.num(k + 1); ok {
		if sw := f.word(k + 2); d <= 2 && n > 0 && (sw == "th" || sw == "st" || sw == "nd" || sw == "rd") && f.tight(k+2) && f.word(k+3) == "century" {
			return cand{j: k + 4, typ: news.DateDate, value: fmt.Sprintf("%02d", n-1)}, true
		}
		if c, ok := f.numericDate(k+1, s); ok && c.value != "" && len(c.value) == 3 {
			return c, true // "the 1990s"
		}
	}
	if f.apostrophe(k + 1) {
		return f.shortDecade(k + 1)
	}
	if c, ok := f.quarter(k+1, s); ok && !f.punct(k+2, "-") {
		return c, true // "the third quarter", but "the" stays out of "the third-quarter"
	}
	// "the 1988 third quarter", "the 1988 quarter", "the 1988 period".
	if y, ok := f.year(k+1, true); ok {
		e := k + 2
		if o, ok := ordinals[f.word(e)]; ok && o > 0 && f.word(e+1) == "quarter" {
			return cand{j: e + 2, typ: news.DateDate, prec: news.PrecSeason, value: fmt.Sprintf("%04d-Q%d", y, o)}, true
		}
		if w := f.word(e); w == "quarter" || w == "period" {
			q := quarterOf(f.a.month()) - 1
			if q == 0 {
				q = 4
			}
			return cand{j: e + 1, typ: news.DateDate, prec: news.PrecSeason, value: fmt.Sprintf("%04d-Q%d", y, q)}, true
		}
	}
	if c, ok := f.holiday(k+1, 0, s); ok {
		return c, true
	}
	return cand{}, false
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
