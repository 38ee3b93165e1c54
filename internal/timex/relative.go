package timex

import (
	"fmt"
	"time"

	"storyline/internal/news"
)

// weekend is the TIMEX3 value of a weekend: rel -1 last, +1 next, 0 the
// weekend the clause means (the one just gone, or the coming one when fut).
func (f *finder) weekend(fut bool, rel int) string {
	d := f.a
	sat := d.weekday() == time.Saturday || d.weekday() == time.Sunday
	switch {
	case rel < 0:
		d = d.add(-7)
	case rel > 0:
		d = d.add(7)
	case !fut && !sat:
		d = d.add(-7)
	}
	return d.week() + "-WE"
}

// weekday reads "Tuesday", "Tuesday night", "Monday, Nov. 24, 2025".
func (f *finder) weekday(k int, wd time.Weekday, s int) cand {
	j := k + 1
	if f.punct(j, ",") || f.punct(j, "(") {
		if mw := f.upperWord(j + 1); mw != "" {
			if _, ok := months[mw]; ok {
				if c, ok := f.month(j+1, false, s); ok && c.prec == news.PrecDay {
					return c
				}
			}
		}
	}
	d := f.a.weekdayOnOrBefore(wd)
	if f.future(s) {
		d = f.a.weekdayOnOrAfter(wd)
	}
	c := cand{j: j, typ: news.DateDate, prec: news.PrecDay, value: d.String(), anchored: true}
	if _, ok := partsOfDay[f.word(j)]; ok && f.word(j) != "overnight" {
		c.j = j + 1
	}
	return c
}

// relativeDay reads "today", "yesterday morning", "tonight", "overnight".
func (f *finder) relativeDay(k int) cand {
	w := f.word(k)
	d, typ := f.a, news.DateDate
	switch w {
	case "yesterday":
		d = d.add(-1)
	case "tomorrow":
		d = d.add(1)
	}
	j := k + 1
	if w == "overnight" {
		// "overnight into Tuesday" dates the night by the day named.
		n := j
		if f.word(n) == "into" || f.word(n) == "to" || f.word(n) == "on" {
			n++
		}
		if wd, ok := weekdays[f.upperWord(n)]; ok {
			return cand{j: n + 1, typ: typ, prec: news.PrecDay, value: f.a.weekdayOnOrBefore(wd).String(), anchored: true}
		}
	} else if _, ok := partsOfDay[f.word(j)]; ok && w != "tonight" {
		j++
	}
	return cand{j: j, typ: typ, prec: news.PrecDay, value: d.String(), anchored: true}
}

// deictic reads "this week", "last month", "next year", "last Tuesday",
// "last summer", "last November", "this morning", "last night".
func (f *finder) deictic(k, s int) (cand, bool) {
	rel := 0
	switch f.word(k) {
	case "last", "past", "previous":
		rel = -1
	case "next", "coming", "following":
		rel = 1
	}
	j := k + 1
	if f.word(k) == "this" && (f.word(j) == "past" || f.word(j) == "coming") {
		if f.word(j) == "past" {
			rel = -1
		} else {
			rel = 1
		}
		j++
	}
	w := f.word(j)
	a := f.a
	mk := func(prec news.Precision, v string) (cand, bool) {
		return cand{j: j + 1, typ: news.DateDate, prec: prec, value: v, anchored: true}, true
	}
	switch w {
	case "week":
		return mk(news.PrecWeek, a.add(7*rel).week())
	case "weekend":
		return mk(news.PrecWeek, f.weekend(f.future(s), rel))
	case "month":
		d := civil(a.year(), a.month(), 1).addMonths(rel)
		return mk(news.PrecMonth, monthValue(d.year(), d.month()))
	case "year":
		// "this year's third quarter", "last year's fourth quarter".
		if e := f.skipPossessive(j + 1); e > j+1 {
			if o, ok := ordinals[f.word(e)]; ok && o > 0 && f.word(e+1) == "quarter" {
				return cand{j: e + 2, typ: news.DateDate, prec: news.PrecSeason, value: fmt.Sprintf("%04d-Q%d", a.year()+rel, o), anchored: true}, true
			}
		}
		return mk(news.PrecYear, yearValue(a.year()+rel))
	case "quarter":
		q := (a.year()*4 + quarterOf(a.month()) - 1) + rel
		return mk(news.PrecSeason, fmt.Sprintf("%04d-Q%d", q/4, q%4+1))
	case "decade":
		return mk("", fmt.Sprintf("%03d", a.year()/10+rel))
	case "century":
		return mk("", fmt.Sprintf("%02d", a.year()/100+rel))
	case "morning", "afternoon", "evening", "night":
		if rel > 0 || (rel == 0 && w == "night" && f.word(k) != "this") {
			return cand{}, false
		}
		d := a
		if rel < 0 {
			if w != "night" && w != "evening" {
				return cand{}, false // "last morning" is not an expression
			}
			d = a.add(-1)
		}
		return cand{j: j + 1, typ: news.DateDate, prec: news.PrecDay, value: d.String(), anchored: true}, true
	}
	if _, ok := seasonCode[w]; ok {
		if rel == 0 && f.word(k) != "this" {
			return cand{}, false
		}
		return f.season(j, rel, true)
	}
	if wd, ok := weekdays[f.upperWord(j)]; ok {
		var d day
		switch {
		case rel < 0:
			d = a.add(-1).weekdayOnOrBefore(wd)
		case rel > 0:
			d = a.add(1).weekdayOnOrAfter(wd)
		default:
			off := int(wd) - 1
			if wd == time.Sunday {
				off = 6
			}
			d = a.isoMonday().add(off)
		}
		c := cand{j: j + 1, typ: news.DateDate, prec: news.PrecDay, value: d.String(), anchored: true}
		if _, ok := partsOfDay[f.word(j+1)]; ok && f.word(j+1) != "overnight" {
			c.j = j + 2
		}
		return c, true
	}
	if m, ok := months[f.upperWord(j)]; ok && (!verbMonths[w] || w == "may" || w == "march") {
		y := a.year()
		switch {
		case rel < 0 && m >= a.month():
			y--
		case rel > 0 && m <= a.month():
			y++
		}
		return mk(news.PrecMonth, monthValue(y, m))
	}
	if c, ok := f.holiday(j, rel, s); ok && (rel != 0 || f.word(k) == "this") {
		return c, true
	}
	return cand{}, false
}

// season reads "summer", "summer 2025", "the summer of 2025", with rel from
// "last"/"next"/"this" before it.
func (f *finder) season(k, rel int, cued bool) (cand, bool) {
	code := seasonCode[f.word(k)]
	j := k + 1
	yj := j
	if f.word(yj) == "of" {
		yj++
	}
	if y, ok := f.year(yj, true); ok {
		return cand{j: yj + 1, typ: news.DateDate, prec: news.PrecSeason, value: fmt.Sprintf("%04d-%s", y, code)}, true
	}
	if !cued && !seasonCue[f.prevWord(k)] {
		return cand{}, false
	}
	y, in := seasonYear(f.a, code)
	switch {
	case rel < 0 && in:
		y--
	case rel > 0:
		y++
	case rel == 0 && !in && f.future(k):
		y++
	}
	return cand{j: j, typ: news.DateDate, prec: news.PrecSeason, value: fmt.Sprintf("%04d-%s", y, code), anchored: true}, true
}

// seasonCue are words after which a bare season name is a time.
var seasonCue = map[string]bool{"in": true, "during": true, "over": true, "since": true, "until": true, "by": true, "through": true, "throughout": true, "this": true}

// quarter reads "the third quarter", "third-quarter", "the first half of 2025".
func (f *finder) quarter(k, s int) (cand, bool) {
	o, ok := ordinals[f.word(k)]
	if !ok || o < 1 {
		return cand{}, false
	}
	j := k + 1
	if f.punct(j, "-") && f.tight(j) {
		j++
	}
	switch f.word(j) {
	case "quarter":
		return f.quarterYear(j+1, o, s), true
	case "half":
		if o > 2 {
			return cand{}, false
		}
		e := j + 1
		if f.word(e) == "of" {
			e++
		}
		if f.word(e) == "the" && f.word(e+1) == "year" {
			return cand{j: e + 2, typ: news.DateDate, prec: news.PrecSeason, value: fmt.Sprintf("%04d-H%d", f.a.year(), o), anchored: true}, true
		}
		if y, ok := f.year(e, true); ok {
			return cand{j: e + 1, typ: news.DateDate, prec: news.PrecSeason, value: fmt.Sprintf("%04d-H%d", y, o)}, true
		}
	}
	return cand{}, false
}

// quarterYear finishes a quarter: an explicit year, else the latest such
// quarter not after the anchor's.
func (f *finder) quarterYear(j, q, s int) cand {
	e := j
	if f.word(e) == "of" || f.word(e) == "in" || f.punct(e, ",") {
		e++
	}
	if f.word(e) == "fiscal" {
		e++
	}
	if y, ok := f.year(e, true); ok {
		return cand{j: e + 1, typ: news.DateDate, prec: news.PrecSeason, value: fmt.Sprintf("%04d-Q%d", y, q)}
	}
	y := f.a.year()
	if q > quarterOf(f.a.month()) && !f.future(s) {
		y--
	}
	return cand{j: j, typ: news.DateDate, prec: news.PrecSeason, value: fmt.Sprintf("%04d-Q%d", y, q), anchored: true}
}
