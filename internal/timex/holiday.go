package timex

import (
	"time"

	"storyline/internal/news"
)

// holidayDay gives a holiday's date in year y (US dates where countries differ).
type holidayDay func(y int) day

func fixed(m time.Month, d int) holidayDay { return func(y int) day { return civil(y, m, d) } }

func nth(m time.Month, w time.Weekday, n int) holidayDay {
	return func(y int) day { return nthWeekday(y, m, w, n) }
}

// holiday reads a holiday's name at k ("Thanksgiving", "Christmas Eve",
// "New Year's Day", "Easter Monday") and an optional year after it. rel is
// -1/+1 after "last"/"next", 0 otherwise (the nearest one).
func (f *finder) holiday(k, rel, s int) (cand, bool) {
	w := f.upperWord(k)
	if w == "" {
		return cand{}, false
	}
	var hd holidayDay
	j := k + 1
	next := f.upperWord(j)
	switch w {
	case "thanksgiving":
		hd = nth(time.November, time.Thursday, 4)
		if next == "day" {
			j++
		}
	case "christmas", "xmas":
		hd = fixed(time.December, 25)
		switch next {
		case "day":
			j++
		case "eve":
			hd, j = fixed(time.December, 24), j+1
		}
	case "new":
		if f.upperWord(j) != "year" {
			return cand{}, false
		}
		j = f.skipPossessive(j + 1)
		switch f.upperWord(j) {
		case "day":
			hd, j = fixed(time.January, 1), j+1
		case "eve":
			hd, j = fixed(time.December, 31), j+1
		default:
			return cand{}, false
		}
	case "easter":
		hd = easter
		switch next {
		case "sunday":
			j++
		case "monday":
			hd, j = func(y int) day { return easter(y).add(1) }, j+1
		}
	case "good":
		if next != "friday" {
			return cand{}, false
		}
		hd, j = func(y int) day { return easter(y).add(-2) }, j+1
	case "halloween":
		hd = fixed(time.October, 31)
	case "valentine":
		j = f.skipPossessive(j)
		if f.upperWord(j) != "day" {
			return cand{}, false
		}
		hd, j = fixed(time.February, 14), j+1
	case "election":
		if next != "day" {
			return cand{}, false
		}
		// The Tuesday after the first Monday of November.
		hd, j = func(y int) day { return nthWeekday(y, time.November, time.Monday, 1).add(1) }, j+1
	case "independence", "memorial", "labor", "labour", "boxing", "veterans":
		if next != "day" && !(w == "veterans" && f.apostrophe(j) && f.upperWord(j+1) == "day") {
			return cand{}, false
		}
		if next != "day" {
			j++
		}
		j++
		switch w {
		case "independence":
			hd = fixed(time.July, 4)
		case "memorial":
			hd = nth(time.May, time.Monday, -1)
		case "labor", "labour":
			hd = nth(time.September, time.Monday, 1)
		case "boxing":
			hd = fixed(time.December, 26)
		default:
			hd = fixed(time.November, 11)
		}
	default:
		return cand{}, false
	}
	yj := j
	if f.word(yj) == "of" || f.punct(yj, ",") {
		yj++
	}
	if y, ok := f.year(yj, true); ok {
		return cand{j: yj + 1, typ: news.DateDate, prec: news.PrecDay, value: hd(y).String()}, true
	}
	a, y := f.a, f.a.year()
	var d day
	switch {
	case rel < 0:
		d = hd(y)
		if !d.before(a) {
			d = hd(y - 1)
		}
	case rel > 0:
		d = hd(y)
		if !a.before(d) {
			d = hd(y + 1)
		}
	default:
		fut := f.future(s)
		best := 1 << 30
		for _, yy := range []int{y - 1, y, y + 1} {
			c := hd(yy)
			gap := c.sub(a)
			if fut && gap < 0 {
				continue
			}
			if gap < 0 {
				gap = -gap
			} else {
				gap++
			}
			if gap < best {
				d, best = c, gap
			}
		}
	}
	return cand{j: j, typ: news.DateDate, prec: news.PrecDay, value: d.String(), anchored: true}, true
}
