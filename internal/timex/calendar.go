package timex

import (
	"fmt"
	"time"
)

// day is a civil date. Arithmetic happens at noon UTC, so daylight-saving
// shifts in the anchor's zone can never move a date across midnight.
type day struct{ t time.Time }

func civil(y int, m time.Month, d int) day { return day{time.Date(y, m, d, 12, 0, 0, 0, time.UTC)} }

// dayOf takes the calendar date of t in t's own location: a report published
// at 00:30 local time belongs to that local day, whatever UTC says.
func dayOf(t time.Time) day { return civil(t.Year(), t.Month(), t.Day()) }

func (d day) add(n int) day         { return day{d.t.AddDate(0, 0, n)} }
func (d day) addMonths(n int) day   { return day{d.t.AddDate(0, n, 0)} }
func (d day) year() int             { return d.t.Year() }
func (d day) month() time.Month     { return d.t.Month() }
func (d day) weekday() time.Weekday { return d.t.Weekday() }
func (d day) before(o day) bool     { return d.t.Before(o.t) }
func (d day) sub(o day) int         { return int(d.t.Sub(o.t).Hours() / 24) }
func (d day) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.t.Year(), d.t.Month(), d.t.Day())
}
func (d day) week() string                  { y, w := d.t.ISOWeek(); return fmt.Sprintf("%04d-W%02d", y, w) }
func monthValue(y int, m time.Month) string { return fmt.Sprintf("%04d-%02d", y, m) }
func yearValue(y int) string                { return fmt.Sprintf("%04d", y) }

// validDay reports whether y-m-d exists in the calendar.
func validDay(y int, m time.Month, d int) bool {
	if d < 1 || d > 31 || m < 1 || m > 12 {
		return false
	}
	return time.Date(y, m, d, 12, 0, 0, 0, time.UTC).Day() == d
}

// isoMonday is the Monday that starts d's ISO week.
func (d day) isoMonday() day {
	wd := int(d.weekday())
	if wd == 0 {
		wd = 7
	}
	return d.add(1 - wd)
}

// weekdayOnOrBefore is the latest day with weekday w not after d: news says
// "on Tuesday" of the Tuesday just gone, or of the publication day itself.
func (d day) weekdayOnOrBefore(w time.Weekday) day {
	return d.add(-((int(d.weekday()) - int(w) + 7) % 7))
}

// weekdayOnOrAfter is the earliest day with weekday w not before d.
func (d day) weekdayOnOrAfter(w time.Weekday) day {
	return d.add((int(w) - int(d.weekday()) + 7) % 7)
}

// nthWeekday is the n-th weekday w of a month; n = -1 means the last one.
func nthWeekday(y int, m time.Month, w time.Weekday, n int) day {
	if n < 0 {
		last := civil(y, m+1, 1).add(-1)
		return last.weekdayOnOrBefore(w)
	}
	return civil(y, m, 1).weekdayOnOrAfter(w).add(7 * (n - 1))
}

// easter is Western Easter Sunday by the anonymous Gregorian algorithm.
func easter(y int) day {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	dd := (h+l-7*m+114)%31 + 1
	return civil(y, time.Month(month), dd)
}

// quarterOf is the calendar quarter (1–4) of month m.
func quarterOf(m time.Month) int { return (int(m)-1)/3 + 1 }

// seasonCode is the TIMEX3 code of a season name.
var seasonCode = map[string]string{"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

// seasonStart is the month a season starts in (northern meteorological
// seasons; winter belongs to the year of its December).
var seasonStart = map[string]time.Month{"SP": time.March, "SU": time.June, "FA": time.September, "WI": time.December}

// seasonYear is the year of the season named code that contains d, or the
// most recent one before d when none does.
func seasonYear(d day, code string) (year int, inIt bool) {
	start := seasonStart[code]
	y := d.year()
	if code == "WI" && d.month() <= time.February {
		return y - 1, true
	}
	if d.month() >= start && d.month() < start+3 {
		return y, true
	}
	if d.month() < start {
		return y - 1, false
	}
	return y, false
}
