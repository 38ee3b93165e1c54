package timex

import (
	"fmt"

	"storyline/internal/news"
)

// clock reads times of day: "3 p.m.", "10:30", "10:30 a.m. GMT", "noon",
// "9 a.m. Tuesday". The day is the one named after the time, else the anchor.
func (f *finder) clock(i int) (cand, bool) {
	h, m, j := 0, 0, i
	switch w := f.word(i); w {
	case "noon", "midday":
		h, j = 12, i+1
	case "midnight":
		h, j = 24, i+1
	default:
		n, digits, ok := f.num(i)
		if ok && digits == 4 && n%100 < 60 && n/100 <= 24 && timeZones[f.word(i+1)] && f.toks[i+1].upper {
			// "1400 GMT": wire copy's clock.
			h, m, j = n/100, n%100, i+1
			break
		}
		if !ok || digits > 2 || n > 24 {
			return cand{}, false
		}
		h, j = n, i+1
		colon := false
		if f.punct(j, ":") && f.tight(j) && f.tight(j+1) {
			mm, md, ok := f.num(j + 1)
			if !ok || md != 2 || mm > 59 {
				return cand{}, false
			}
			m, j, colon = mm, j+2, true
			if f.punct(j, ":") && f.tight(j) {
				if _, sd, ok := f.num(j + 1); ok && sd == 2 {
					j += 2
				}
			}
		}
		if e, pm, ok := f.meridiem(j); ok {
			if h == 0 || h > 12 {
				return cand{}, false
			}
			if pm && h < 12 {
				h += 12
			} else if !pm && h == 12 {
				h = 0
			}
			j = e
		} else if f.word(j) == "o" && f.apostrophe(j+1) && f.word(j+2) == "clock" {
			j += 3
		} else if !colon {
			return cand{}, false
		} else if f.punct(i-1, ":") || f.punct(i-1, ".") && f.tight(i) {
			return cand{}, false // a chain of numbers, not a time
		}
	}
	if timeZones[f.word(j)] && f.toks[j].upper {
		j++
	}
	d, anchored := f.a, true
	if k := j; k < f.end {
		if wd, ok := weekdays[f.upperWord(k)]; ok {
			d, j = f.a.weekdayOnOrBefore(wd), k+1
			if f.future(i) {
				d = f.a.weekdayOnOrAfter(wd)
			}
		} else {
			switch f.word(k) {
			case "today", "tonight":
				j = k + 1
			case "yesterday":
				d, j = f.a.add(-1), k+1
			case "tomorrow":
				d, j = f.a.add(1), k+1
			}
		}
	}
	v := fmt.Sprintf("%sT%02d:%02d", d, h, m)
	return cand{j: j, typ: news.DateTime, prec: news.PrecTime, value: v, anchored: anchored}, true
}

// meridiem reads "a.m.", "p.m.", "am", "pm" at j.
func (f *finder) meridiem(j int) (end int, pm bool, ok bool) {
	w := f.word(j)
	switch w {
	case "am", "pm":
		return j + 1, w == "pm", true
	case "a", "p":
		if f.punct(j+1, ".") && f.tight(j+1) && f.word(j+2) == "m" && f.tight(j+2) {
			e := j + 3
			if f.punct(e, ".") && f.tight(e) {
				e++
			}
			return e, w == "p", true
		}
	}
	return j, false, false
}
