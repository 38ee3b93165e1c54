package timex

import (
	"fmt"
	"time"

	"storyline/internal/news"
)

// date reads a calendar expression, with an optional leading modifier
// ("late Monday", "mid-November", "earlier this month", "the end of 2025")
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
			return cand{j: k + 4, typ: news.DateDate, prec: news.PrecYear, value: fmt.Sprintf("%02d", n-1)}, true
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

// month reads "Jan. 24, 2026", "November 19", "August 2025", "August".
func (f *finder) month(k int, modded bool, s int) (cand, bool) {
	w := f.word(k)
	m := months[w]
	full := !abbreviated(w)
	j := k + 1
	if !full {
		j = f.skipDot(j)
	}
	abbrDot := j > k+1
	if n, digits, ok := f.num(j); ok && digits <= 2 && n >= 1 && n <= 31 && !f.numberGoesOn(j) {
		e := j + 1
		if sw := f.word(e); (sw == "st" || sw == "nd" || sw == "rd" || sw == "th") && f.tight(e) {
			e++
		}
		// "Jan. 24, 2026" and "Jan. 24 2026".
		ye := e
		if f.punct(ye, ",") {
			ye++
		}
		if y, ok := f.year(ye, true); ok && validDay(y, m, n) {
			return cand{j: ye + 1, typ: news.DateDate, prec: news.PrecDay, value: civil(y, m, n).String()}, true
		}
		if !validDay(2000, m, n) {
			return cand{}, false
		}
		return cand{j: e, typ: news.DateDate, prec: news.PrecDay, value: f.nearDay(m, n, f.future(s)).String(), anchored: true}, true
	}
	// "August 2025", "August of 2025", "Aug. 2025".
	yj := j
	if f.word(yj) == "of" || f.punct(yj, ",") {
		yj++
	}
	if y, ok := f.year(yj, true); ok {
		return cand{j: yj + 1, typ: news.DateDate, prec: news.PrecMonth, value: monthValue(y, m)}, true
	}
	// "June last year", "February this year".
	if f.word(j+1) == "year" {
		rel, ok := map[string]int{"last": -1, "this": 0, "next": 1}[f.word(j)]
		if ok {
			return cand{j: j + 2, typ: news.DateDate, prec: news.PrecMonth, value: monthValue(f.a.year()+rel, m), anchored: true}, true
		}
	}
	// The month alone: beware "May" the verb, "March" the walk, "April" the name.
	prev := f.prevWord(k)
	strong := modded || monthCue[prev] || (f.punct(k-1, "-") && f.word(k-2) == "mid")
	if !full && !abbrDot {
		return cand{}, false // "Jan Kavan"
	}
	if !strong {
		if !full || verbMonths[w] || abbrDot {
			return cand{}, false
		}
		if f.upperWord(j) != "" || f.sentenceStart(k) && f.upperWord(j) != "" {
			return cand{}, false
		}
	}
	y := f.nearMonth(m, f.future(s))
	return cand{j: j, typ: news.DateDate, prec: news.PrecMonth, value: monthValue(y, m), anchored: true}, true
}

// monthCue are words after which a lone month name is a month.
var monthCue = map[string]bool{
	"in": true, "since": true, "until": true, "till": true, "by": true, "early": true,
	"late": true, "mid": true, "last": true, "next": true, "this": true, "of": true,
	"during": true, "through": true, "from": true, "to": true, "before": true,
	"after": true, "throughout": true, "between": true, "each": true,
}

// nearDay is the date with month m and day n that a report most likely
// means: the last one on or before the anchor, unless the next one is at most
// four months ahead (news looks back further than it looks forward); a clause
// that looks ahead takes the first one not before the anchor.
func (f *finder) nearDay(m time.Month, n int, fut bool) day {
	y := f.a.year()
	var past, next day
	found := 0
	for _, yy := range []int{y - 1, y, y + 1} {
		if !validDay(yy, m, n) {
			continue
		}
		d := civil(yy, m, n)
		if !f.a.before(d) {
			past, found = d, found|1
		} else if found&2 == 0 {
			next, found = d, found|2
		}
	}
	switch {
	case found == 0:
		return civil(y, m, 1)
	case found&2 == 0:
		return past
	case found&1 == 0 || fut || next.sub(f.a) <= lookAhead:
		return next
	}
	return past
}

// lookAhead is how far ahead, in days, a date without a year may lie.
const lookAhead = 122

// nearMonth is the year of the month m a report most likely means, by the
// same rule as nearDay.
func (f *finder) nearMonth(m time.Month, fut bool) int {
	y, am := f.a.year(), f.a.month()
	ahead := (int(m) - int(am) + 12) % 12 // months forward to the next m
	switch {
	case ahead == 0:
		return y
	case fut || ahead <= 4:
		if m < am {
			return y + 1
		}
		return y
	case m > am:
		return y - 1
	}
	return y
}

// year reads a four-digit year at i; loose accepts any such number, as
// after a month name.
func (f *finder) year(i int, loose bool) (int, bool) {
	n, digits, ok := f.num(i)
	if !ok || digits != 4 || n < 1000 || n > 2999 {
		return 0, false
	}
	if f.tight(i+1) && (f.toks[i+1].kind != tPunct || f.punct(i+1, "%") || f.punct(i+1, ":")) {
		return 0, false // "2025s", "2025%", "20:25"
	}
	if (f.punct(i+1, ",") || f.punct(i+1, ".")) && f.tight(i+1) {
		if _, _, ok := f.num(i + 2); ok && f.tight(i+2) {
			return 0, false // part of a longer number
		}
	}
	if loose {
		return n, true
	}
	if n < 1800 || n > 2100 {
		return 0, false
	}
	if i > 0 && !f.toks[i].para {
		p := f.toks[i-1]
		switch p.lower {
		case "-":
			if w := f.word(i - 2); w != "mid" && w != "early" && w != "late" {
				return 0, false
			}
		case "$", "€", "£", "¥", "#", "№", "+", "/", "–":
			return 0, false
		case ".", ",":
			if !f.toks[i].space && i > 1 && f.toks[i-2].kind == tNum {
				return 0, false
			}
		}
		if yearFriends[p.lower] || p.kind == tPunct {
			return n, true
		}
		if _, ok := months[p.lower]; ok {
			return n, true
		}
		if numberWords[p.lower] > 0 || vagueCounts[p.lower] || p.lower == "than" || p.lower == "about" || p.lower == "nearly" || p.lower == "almost" {
			return 0, false
		}
	}
	// "2000 people": a count, not a year.
	if nw := f.word(i + 1); nw != "" && !f.toks[i+1].upper && len(nw) > 3 && nw[len(nw)-1] == 's' && !notPlural[nw] {
		return 0, false
	}
	if _, ok := units[f.word(i+1)]; ok {
		return 0, false
	}
	return n, true
}

// notPlural are words ending in s that do not name counted things.
var notPlural = map[string]bool{"was": true, "has": true, "this": true, "thus": true, "plus": true, "its": true, "does": true, "less": true, "across": true, "versus": true, "unless": true, "whereas": true}

// numericDate reads dates that start with a number: "24 November 2025",
// "2025-11-24", "11/24/2025", "1990s", "2025".
func (f *finder) numericDate(k, s int) (cand, bool) {
	n, digits, _ := f.num(k)
	// ISO 8601 "2025-11-24".
	if digits == 4 && f.punct(k+1, "-") && f.tight(k+1) && f.tight(k+2) && f.punct(k+3, "-") && f.tight(k+3) && f.tight(k+4) {
		mo, md, ok1 := f.num(k + 2)
		d, dd, ok2 := f.num(k + 4)
		if ok1 && ok2 && md == 2 && dd == 2 && validDay(n, time.Month(mo), d) {
			return cand{j: k + 5, typ: news.DateDate, prec: news.PrecDay, value: civil(n, time.Month(mo), d).String()}, true
		}
	}
	// "11/24/2025": American order first, the other when the month cannot be.
	if digits <= 2 && f.punct(k+1, "/") && f.tight(k+1) && f.tight(k+2) && f.punct(k+3, "/") && f.tight(k+3) && f.tight(k+4) {
		b, _, ok1 := f.num(k + 2)
		y, yd, ok2 := f.num(k + 4)
		if ok1 && ok2 && (yd == 4 || yd == 2) {
			if yd == 2 {
				y += 2000
				if y > f.a.year()+10 {
					y -= 100
				}
			}
			switch {
			case validDay(y, time.Month(n), b):
				return cand{j: k + 5, typ: news.DateDate, prec: news.PrecDay, value: civil(y, time.Month(n), b).String()}, true
			case validDay(y, time.Month(b), n):
				return cand{j: k + 5, typ: news.DateDate, prec: news.PrecDay, value: civil(y, time.Month(b), n).String()}, true
			}
		}
	}
	// "24 November 2025", "24th of November".
	if digits <= 2 && n >= 1 && n <= 31 {
		e := k + 1
		if sw := f.word(e); (sw == "st" || sw == "nd" || sw == "rd" || sw == "th") && f.tight(e) {
			e++
		}
		if f.word(e) == "of" {
			e++
		}
		if mw := f.upperWord(e); mw != "" {
			if m, ok := months[mw]; ok && (!verbMonths[mw] || mw == "may" || mw == "march") {
				if e++; abbreviated(mw) {
					e = f.skipDot(e)
				}
				ye := e
				if f.punct(ye, ",") {
					ye++
				}
				if y, ok := f.year(ye, true); ok && validDay(y, m, n) {
					return cand{j: ye + 1, typ: news.DateDate, prec: news.PrecDay, value: civil(y, m, n).String()}, true
				}
				if validDay(2000, m, n) {
					return cand{j: e, typ: news.DateDate, prec: news.PrecDay, value: f.nearDay(m, n, f.future(s)).String(), anchored: true}, true
				}
			}
		}
	}
	if digits == 4 {
		// "the 1990s": a decade.
		if f.word(k+1) == "s" && f.tight(k+1) && n%10 == 0 {
			return cand{j: k + 2, typ: news.DateDate, prec: news.PrecYear, value: fmt.Sprintf("%03d", n/10)}, true
		}
		if f.apostrophe(k+1) && f.tight(k+1) && f.word(k+2) == "s" && n%10 == 0 {
			return cand{j: k + 3, typ: news.DateDate, prec: news.PrecYear, value: fmt.Sprintf("%03d", n/10)}, true
		}
		if y, ok := f.year(k, false); ok {
			return cand{j: k + 1, typ: news.DateDate, prec: news.PrecYear, value: yearValue(y)}, true
		}
	}
	return cand{}, false
}

// shortDecade reads "'90s".
func (f *finder) shortDecade(k int) (cand, bool) {
	n, d, ok := f.num(k + 1)
	if !ok || d != 2 || n%10 != 0 || !f.tight(k+1) || f.word(k+2) != "s" || !f.tight(k+2) {
		return cand{}, false
	}
	c := 19
	if n < 30 {
		c = 20
	}
	return cand{j: k + 3, typ: news.DateDate, prec: news.PrecYear, value: fmt.Sprintf("%d%d", c, n/10)}, true
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
		return mk(news.PrecYear, fmt.Sprintf("%03d", a.year()/10+rel))
	case "century":
		return mk(news.PrecYear, fmt.Sprintf("%02d", a.year()/100+rel))
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

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// numberGoesOn reports whether the number at j continues as a time or a
// decimal ("24:00", "24.5") rather than ending as a day of the month.
func (f *finder) numberGoesOn(j int) bool {
	if !(f.punct(j+1, ":") || f.punct(j+1, ".")) || !f.tight(j+1) || !f.tight(j+2) {
		return false
	}
	_, _, ok := f.num(j + 2)
	return ok
}

// abbreviated reports whether a month's name is a short form ("Sept", "Jan").
func abbreviated(w string) bool {
	return len(w) <= 4 && w != "may" && w != "june" && w != "july"
}
