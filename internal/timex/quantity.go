package timex

import (
	"fmt"

	"storyline/internal/news"
)

// count reads a number of units at i: "two", "48", "twenty-five", "a",
// "a few", "several", "a couple of", "two and a half". known is false for a
// vague amount.
func (f *finder) count(i int) (v float64, known bool, j int, ok bool) {
	w := f.word(i)
	switch {
	case i >= 0 && i < f.end && f.toks[i].kind == tNum:
		n, digits, _ := f.num(i)
		if digits > 3 {
			return 0, false, i, false
		}
		v, j = float64(n), i+1
		// "1.5 years"
		if f.punct(j, ".") && f.tight(j) && f.tight(j+1) {
			if fr, fd, ok := f.num(j + 1); ok && fd <= 2 {
				div := 10.0
				if fd == 2 {
					div = 100
				}
				v, j = v+float64(fr)/div, j+2
			}
		}
		if f.punct(i-1, ",") && f.tight(i) || f.punct(j, ",") && f.tight(j) && f.tight(j+1) {
			return 0, false, i, false // a number with thousands separators
		}
		known = true
	case w == "a" || w == "an":
		switch f.word(i + 1) {
		case "few":
			return 0, false, i + 2, true
		case "couple":
			j = i + 2
			if f.word(j) == "of" {
				j++
			}
			return 2, true, j, true
		case "dozen":
			return 12, true, i + 2, true
		case "half":
			return 0.5, true, i + 2, true
		}
		return 1, true, i + 1, true
	case vagueCounts[w]:
		return 0, false, i + 1, true
	case numberWords[w] > 0:
		v, j, known = float64(numberWords[w]), i+1, true
		// "twenty-five", "twenty five"
		if v >= 20 && v < 100 {
			k := j
			if f.punct(k, "-") && f.tight(k) {
				k++
			}
			if u := numberWords[f.word(k)]; u > 0 && u < 10 {
				v, j = v+float64(u), k+1
			}
		}
		if f.word(j) == "of" && (w == "couple" || w == "dozen") {
			j++
		}
	case w == "dozens" || w == "hundreds" || w == "thousands":
		if f.word(i+1) == "of" {
			return 0, false, i + 2, true
		}
		return 0, false, i, false
	default:
		return 0, false, i, false
	}
	// "two and a half"
	if f.word(j) == "and" && f.word(j+1) == "a" && f.word(j+2) == "half" {
		if _, ok := units[f.word(j+3)]; ok {
			v, j = v+0.5, j+3
		}
	}
	return v, known, j, true
}

// spanWords after "the" open a stretch of time: "the past two weeks".
var spanWords = map[string]bool{"past": true, "last": true, "next": true, "previous": true, "coming": true, "first": true, "following": true}

// countable reports whether a count starts at i.
func (f *finder) countable(i int) bool {
	_, _, _, ok := f.count(i)
	return ok
}

// duration writes a TIMEX3 duration of n units.
func duration(n float64, known bool, u unit) string {
	if !known {
		switch u.times {
		case 10:
			return "PXDE"
		case 100:
			return "PXCE"
		}
		if u.clock {
			return "PTX" + u.code
		}
		return "PX" + u.code
	}
	n *= float64(u.times) // "four decades" is P40Y, as TimeBank writes it
	if u.clock {
		return "PT" + fmtCount(n, true) + u.code
	}
	return "P" + fmtCount(n, true) + u.code
}

// quantity reads "two days", "nearly four-year", "48 hours", "the past two
// weeks", "two weeks ago", "a year", and bare "years" after "for".
func (f *finder) quantity(i int) (cand, bool) {
	k := i
	w := f.word(k)
	the := false
	switch {
	case w == "the" && spanWords[f.word(k+1)]:
		k, the = k+2, true
	case w == "the" && f.word(k+1) != "a" && f.countable(k+1):
		k, the = k+1, true // "the nine months"
	case approxPairs[[2]string{w, f.word(k + 1)}]:
		k += 2
	case approxWords[w]:
		if _, _, _, ok := f.count(k + 1); ok {
			k++
		}
	}
	if f.prevWord(i) == "aged" {
		return cand{}, false
	}
	v, known, j, ok := f.count(k)
	if !ok {
		if !the {
			return f.bareUnits(i)
		}
		// "the past week": one unit; "the coming weeks": some.
		v, known, j = 1, !isPlural(f.word(k)), k
	}
	if !ok && f.punct(j, "-") {
		return cand{}, false // "the last-minute"
	}
	// "two to three weeks", "12-18 months": the span covers the range and
	// the value takes its lower end.
	if ok && known && (f.word(j) == "to" || f.word(j) == "or" || f.punct(j, "-") && f.tight(j)) {
		if _, kn2, e2, ok2 := f.count(j + 1); ok2 && kn2 && f.word(j+1) != "a" && f.word(j+1) != "an" {
			if _, isUnit := units[f.word(e2)]; isUnit {
				j = e2
			}
		}
	}
	hyphen := false
	if ok && f.punct(j, "-") && f.tight(j) && f.tight(j+1) {
		j, hyphen = j+1, true
	}
	uw := f.word(j)
	u, ok := units[uw]
	if !ok {
		return cand{}, false
	}
	// "a second" is an ordinal, "three-quarters" and "a quarter" fractions.
	if w := f.word(k); (w == "a" || w == "an") && (uw == "second" || uw == "quarter") || hyphen && (uw == "quarters" || uw == "seconds") {
		return cand{}, false
	}
	j++
	// "a four-year-old", "70 years old": ages, not times.
	if f.word(j) == "old" || (f.punct(j, "-") && f.word(j+1) == "old") || (f.word(j) == "of" && f.word(j+1) == "age") {
		e := j + 1
		if f.word(j) != "old" {
			e = j + 2
		}
		return cand{j: e, typ: ""}, true
	}
	if f.punct(j, "-") && f.tight(j) && f.word(j+1) == "long" {
		j += 2
	}
	if f.word(i) == "a" || f.word(i) == "an" {
		// "$5 a year", "twice a week" are rates, read by set.
		if p := f.prevWord(i); p == "once" || p == "twice" || p == "times" {
			return cand{}, false
		}
	}
	switch f.word(j) {
	case "ago", "earlier":
		return f.ago(j+1, v, known, u, -1), true
	case "hence", "later":
		return f.ago(j+1, v, known, u, 1), true
	case "from":
		if f.word(j+1) == "now" {
			return f.ago(j+2, v, known, u, 1), true
		}
	}
	if uw == "night" || uw == "nights" || uw == "weekend" && !known {
		return cand{}, false
	}
	return cand{j: j, typ: news.DateDuration, value: duration(v, known, u)}, true
}

// ago resolves "two weeks ago" (dir -1) or "two weeks from now" (dir +1).
func (f *finder) ago(j int, v float64, known bool, u unit, dir int) cand {
	if !known {
		if dir < 0 {
			return cand{j: j, typ: news.DateDate, value: "PAST_REF"}
		}
		return cand{j: j, typ: news.DateDate, value: "FUTURE_REF"}
	}
	n := int(v*float64(u.times)) * dir
	a := f.a
	c := cand{j: j, typ: news.DateDate, anchored: true}
	switch u.code {
	case "S", "M", "H":
		if u.clock {
			c.typ, c.prec, c.value = news.DateTime, news.PrecDay, a.String()
			return c
		}
		d := civil(a.year(), a.month(), 1).addMonths(n)
		c.prec, c.value = news.PrecMonth, monthValue(d.year(), d.month())
	case "D":
		c.prec, c.value = news.PrecDay, a.add(n).String()
	case "W", "WE":
		c.prec, c.value = news.PrecWeek, a.add(7*n).week()
	case "Q":
		q := a.year()*4 + quarterOf(a.month()) - 1 + n
		c.prec, c.value = news.PrecSeason, fmt.Sprintf("%04d-Q%d", q/4, q%4+1)
	case "Y":
		c.prec, c.value = news.PrecYear, yearValue(a.year()+n)
	}
	return c
}

// bareUnits reads plural units with no count, "for years", "in recent
// months", "decades": an unknown amount of time.
func (f *finder) bareUnits(i int) (cand, bool) {
	w := f.word(i)
	switch w {
	case "recent", "coming", "past", "previous", "following", "next":
		if u, ok := units[f.word(i+1)]; ok && !u.clock && isPlural(f.word(i+1)) {
			return cand{j: i + 2, typ: news.DateDuration, value: duration(0, false, u)}, true
		}
		return cand{}, false
	}
	u, ok := units[w]
	if !ok || !isPlural(w) || w == "nights" || w == "weekends" || w == "seconds" {
		return cand{}, false
	}
	// Decades and centuries are spans of time wherever they stand; shorter
	// units only after words that take a stretch of time.
	if u.times > 1 {
		return cand{j: i + 1, typ: news.DateDuration, value: duration(0, false, u)}, true
	}
	if f.word(i+1) == "ago" {
		return cand{j: i + 2, typ: news.DateDate, value: "PAST_REF"}, true // "months ago"
	}
	switch f.prevWord(i) {
	case "for", "in", "within", "over", "after", "took", "take", "takes", "lasted", "last", "spent", "than", "the":
		return cand{j: i + 1, typ: news.DateDuration, value: duration(0, false, u)}, true
	}
	return cand{}, false
}

func isPlural(w string) bool { return len(w) > 1 && w[len(w)-1] == 's' || w == "centuries" }

// set reads recurring times: "every week", "each Monday", "daily",
// "twice a week", "per year".
func (f *finder) set(i int) (cand, bool) {
	w := f.word(i)
	switch w {
	case "daily", "weekly", "monthly", "yearly", "hourly", "nightly", "biweekly":
		t := f.toks[i]
		if t.upper && (!f.sentenceStart(i) || f.upperWord(i+1) != "") || f.upperWord(i+1) != "" {
			return cand{}, false // "Daily Mail", "The Weekly Standard"
		}
		v := map[string]string{"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y", "hourly": "PT1H", "nightly": "P1D", "quarterly": "P1Q", "biweekly": "P2W"}[w]
		return cand{j: i + 1, typ: news.DateSet, value: v}, true
	case "every", "each":
		j := i + 1
		n, known := 1.0, true
		if f.word(j) == "other" {
			n, j = 2, j+1
		} else if v, kn, e, ok := f.count(j); ok && f.word(j) != "a" && f.word(j) != "an" {
			n, known, j = v, kn, e
		}
		nw := f.word(j)
		if u, ok := units[nw]; ok {
			return cand{j: j + 1, typ: news.DateSet, value: duration(n, known, u)}, true
		}
		if wd, ok := weekdays[f.upperWord(j)]; ok {
			iso := int(wd)
			if iso == 0 {
				iso = 7
			}
			c := cand{j: j + 1, typ: news.DateSet, value: fmt.Sprintf("XXXX-WXX-%d", iso)}
			if code, ok := partsOfDay[f.word(j+1)]; ok && f.word(j+1) != "overnight" {
				c.j, c.value = j+2, c.value+"T"+code // "every Saturday morning"
			}
			return c, true
		}
		if m, ok := months[f.upperWord(j)]; ok && !verbMonths[nw] {
			return cand{j: j + 1, typ: news.DateSet, value: fmt.Sprintf("XXXX-%02d", m)}, true
		}
		if code, ok := seasonCode[nw]; ok {
			return cand{j: j + 1, typ: news.DateSet, value: "XXXX-" + code}, true
		}
		if code, ok := partsOfDay[nw]; ok && nw != "overnight" && nw != "noon" {
			return cand{j: j + 1, typ: news.DateSet, value: "XXXX-XX-XXT" + code}, true
		}
	case "once", "twice":
		if a := f.word(i + 1); a == "a" || a == "an" || a == "per" || a == "every" {
			if u, ok := units[f.word(i+2)]; ok && !isPlural(f.word(i+2)) {
				return cand{j: i + 3, typ: news.DateSet, value: duration(1, true, u)}, true
			}
		}
	case "per", "a", "an":
		u, ok := units[f.word(i+1)]
		if !ok || isPlural(f.word(i+1)) || f.word(i+1) == "second" || f.word(i+1) == "quarter" {
			return cand{}, false
		}
		if w != "per" {
			// "$5 a year", "20% a year", "three times a week": a rate.
			if i == 0 || f.toks[i].para {
				return cand{}, false
			}
			p := f.toks[i-1]
			if !(p.kind == tNum || p.lower == "%" || p.lower == "times" || p.lower == "million" || p.lower == "billion" || p.lower == "percent" || p.lower == "dollars") {
				return cand{}, false
			}
		}
		return cand{j: i + 2, typ: news.DateSet, value: duration(1, true, u)}, true
	}
	return cand{}, false
}
