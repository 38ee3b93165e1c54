package timex

import (
	"storyline/internal/news"
)

// vague reads references with no calendar value: "now", "recently", "the
// past", "the future", "soon", "currently".
func (f *finder) vague(i int) (cand, bool) {
	switch f.word(i) {
	case "now", "currently", "presently", "nowadays":
		if f.punct(i+1, "-") && f.tight(i+1) {
			return cand{}, false // "now-defunct"
		}
		return cand{j: i + 1, typ: news.DateDate, value: "PRESENT_REF"}, true
	case "recently", "lately":
		return cand{j: i + 1, typ: news.DateDate, value: "PAST_REF"}, true
	case "these":
		if f.word(i+1) == "days" {
			return cand{j: i + 2, typ: news.DateDate, value: "PRESENT_REF"}, true
		}
	case "the":
		switch f.word(i + 1) {
		case "past":
			return cand{j: i + 2, typ: news.DateDate, value: "PAST_REF"}, true
		case "future":
			return cand{j: i + 2, typ: news.DateDate, value: "FUTURE_REF"}, true
		case "near", "distant", "foreseeable":
			if f.word(i+2) == "future" {
				return cand{j: i + 3, typ: news.DateDate, value: "FUTURE_REF"}, true
			}
			fallthrough
		case "short", "long", "medium":
			if f.word(i+2) == "term" {
				return cand{j: i + 3, typ: news.DateDate, value: "FUTURE_REF"}, true
			}
		}
	}
	return cand{}, false
}

// anaphor reads references to a time the story set earlier: "that day",
// "the same week", "the next morning", "later that year", "the day before".
// Their value needs the story's own timeline, so they stay unresolved.
func (f *finder) anaphor(i int) (cand, bool) {
	j := i
	if w := f.word(j); w == "earlier" || w == "later" {
		if f.word(j+1) != "that" && f.word(j+1) != "the" {
			return cand{}, false
		}
		j++
	}
	switch f.word(j) {
	case "that":
		j++
		if f.word(j) == "same" {
			j++
		}
	case "the":
		switch f.word(j + 1) {
		case "same", "next", "following", "previous", "prior":
			j += 2
		default:
			if w := f.word(j + 1); (w == "day" || w == "night") && (f.word(j+2) == "before" || f.word(j+2) == "after") {
				return cand{j: j + 3, typ: news.DateDate, prec: news.PrecDay, unresolved: true}, true
			}
			return cand{}, false
		}
	default:
		return cand{}, false
	}
	typ, prec := news.DateDate, news.PrecDay
	switch f.word(j) {
	case "day", "morning", "afternoon", "evening", "night":
	case "week", "weekend":
		prec = news.PrecWeek
	case "month":
		prec = news.PrecMonth
	case "year":
		prec = news.PrecYear
	default:
		return cand{}, false
	}
	return cand{j: j + 1, typ: typ, prec: prec, unresolved: true}, true
}
