package timex

import (
	"fmt"
	"time"

	"storyline/internal/news"
)

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
		if yearFriends[p.lower] || p.lower == "(" {
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
	if nw := f.word(i + 1); nw != "" && !f.toks[i+1].upper && (len(nw) > 3 && nw[len(nw)-1] == 's' && !notPlural[nw] || countNouns[nw]) {
		return 0, false
	}
	if _, ok := units[f.word(i+1)]; ok {
		return 0, false
	}
	return n, true
}

// countNouns are plurals without an s.
var countNouns = map[string]bool{"people": true, "men": true, "women": true, "children": true, "staff": true, "police": true, "personnel": true, "feet": true, "cattle": true, "sheep": true, "fish": true}

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
			return cand{j: k + 2, typ: news.DateDate, value: fmt.Sprintf("%03d", n/10)}, true
		}
		if f.apostrophe(k+1) && f.tight(k+1) && f.word(k+2) == "s" && n%10 == 0 {
			return cand{j: k + 3, typ: news.DateDate, value: fmt.Sprintf("%03d", n/10)}, true
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
	return cand{j: k + 3, typ: news.DateDate, value: fmt.Sprintf("%d%d", c, n/10)}, true
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
