package figures

import (
	"strconv"
	"strings"
)

// amount is one number as written, before we know what it counts.
type amount struct {
	start, end int // token range [start, end)
	value      float64
	vague      bool    // "hundreds": lo and hi hold the range, value is unknown
	lo, hi     float64 // for vague amounts
	currency   string  // USD, GBP, EUR when a currency sign or noun goes with it
	percent    bool
	digits     bool // written in digits rather than words
	scaled     bool // a scale word or suffix multiplied it ("1.5 million")
	bare       string
	unit       string // a unit written onto the digits: "30km"
}

// maxValue keeps absurd digit strings out: nothing a report counts is
// larger, and bigger numbers lose precision in a float64 anyway.
const maxValue = 1e15

// parseAmount reads the number that starts at toks[i]. ok is false when no
// number starts there; bad is true when one does but it is not a quantity
// (a version "2.4.1", an ordinal "82nd", a decade "1990s", a code "0800"), so
// the caller skips it.
func parseAmount(toks []token, i int) (a amount, ok, bad bool) {
	a.start = i
	if i < len(toks) && toks[i].kind == sym {
		cur, isCur := currencies[toks[i].text]
		if !isCur || i+1 >= len(toks) || toks[i+1].kind != digit || !adjacent(toks, i+1) {
			return a, false, false
		}
		a.currency = cur
		i++
	}
	if i >= len(toks) {
		return a, false, false
	}
	t := toks[i]
	switch t.kind {
	case digit:
		v, good := parseDigits(t.text)
		if !good {
			return a, false, true
		}
		a.value, a.digits, a.bare = v, true, t.text
		i++
		if isWord(toks, i) && adjacent(toks, i) {
			if u, isUnit := attachedUnits[toks[i].low]; isUnit {
				a.unit = u
				i++
			} else {
				m, isScale := suffixScales[toks[i].low]
				if !isScale {
					return a, false, true // 82nd, 1990s, 2pm
				}
				a.value *= m
				a.scaled = true
				i++
			}
		}
		if isWord(toks, i) && !a.scaled && a.unit == "" {
			if m, isScale := scales[toks[i].low]; isScale {
				a.value *= m
				a.scaled = true
				i++
			}
		}
		// "$161-million"
		if !a.scaled && i+1 < len(toks) && toks[i].text == "-" && adjacent(toks, i) && adjacent(toks, i+1) {
			if m, isScale := scales[toks[i+1].low]; isScale && m >= 1e6 {
				a.value *= m
				a.scaled = true
				i += 2
			}
		}
	case word:
		end, v, lo, hi, vg, good := parseWords(toks, i)
		if !good {
			return a, false, false
		}
		a.value, a.lo, a.hi, a.vague, a.bare = v, lo, hi, vg, toks[i].low
		if end-i > 1 || scales[toks[end-1].low] > 0 {
			a.scaled = true
		}
		i = end
	default:
		return a, false, false
	}
	// percentages
	switch {
	case i < len(toks) && toks[i].text == "%":
		a.percent = true
		i++
	case lowAt(toks, i) == "percent" || lowAt(toks, i) == "pct":
		a.percent = true
		i++
	case lowAt(toks, i) == "per" && lowAt(toks, i+1) == "cent":
		a.percent = true
		i += 2
	}
	if a.value > maxValue || a.hi > maxValue {
		return a, false, true
	}
	a.end = i
	return a, true, false
}

// parseDigits reads 600,000 or 4.2; it refuses 2.4.1 and other shapes that
// are codes rather than quantities, and numbers with a leading zero (0800),
// which are phone numbers, times or codes.
func parseDigits(s string) (float64, bool) {
	if strings.Count(s, ".") > 1 {
		return 0, false
	}
	if len(s) > 1 && s[0] == '0' && s[1] != '.' {
		return 0, false
	}
	if strings.Contains(s, ",") {
		// thousands groups must have three digits: "1,5" is not English
		parts := strings.Split(strings.SplitN(s, ".", 2)[0], ",")
		for k, p := range parts {
			if (k == 0 && (len(p) == 0 || len(p) > 3)) || (k > 0 && len(p) != 3) {
				return 0, false
			}
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	if len(s) > 20 {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// parseWords reads a number in words: "seven", "twenty-two", "two hundred",
// "a dozen", "a million", or a vague amount: "dozens", "hundreds of
// thousands", "tens of thousands".
func parseWords(toks []token, i int) (end int, v, lo, hi float64, isVague, ok bool) {
	w := toks[i].low
	// vague amounts
	if w == "tens" && lowAt(toks, i+1) == "of" {
		if s, isScale := scales[strings.TrimSuffix(lowAt(toks, i+2), "s")]; isScale && strings.HasSuffix(lowAt(toks, i+2), "s") {
			return i + 3, 0, 20 * s, 100*s - 1, true, true
		}
	}
	if r, isVague := vague[w]; isVague {
		end, lo, hi = i+1, r[0], r[1]
		// "hundreds of thousands": the range of the first times the scale of the second
		if lowAt(toks, i+1) == "of" {
			next := lowAt(toks, i+2)
			if s, isScale := scales[strings.TrimSuffix(next, "s")]; isScale && strings.HasSuffix(next, "s") {
				return i + 3, 0, lo * s, (hi+1)*s - 1, true, true
			}
		}
		return end, 0, lo, hi, true, true
	}
	if (w == "several" || w == "few") && lowAt(toks, i+1) == "dozen" {
		r := vague["dozens"]
		return i + 2, 0, r[0], r[1], true, true
	}
	// "a dozen", "a hundred", "a million"
	if w == "a" || w == "an" {
		next := lowAt(toks, i+1)
		if next == "dozen" {
			return i + 2, 12, 0, 0, false, true
		}
		if s, isScale := scales[next]; isScale {
			j := i + 2
			total := s
			if s2, more := scales[lowAt(toks, j)]; more && s2 > s {
				total *= s2
				j++
			}
			return j, total, 0, 0, false, true
		}
		return i, 0, 0, 0, false, false
	}
	var total, cur int64
	j := i
	seen := false
	for j < len(toks) && toks[j].kind == word {
		w := toks[j].low
		if n, small := smallNumbers[w]; small {
			if cur%100 == 0 || cur%10 == 0 && cur%100 >= 20 {
				cur += int64(n)
			} else {
				break
			}
			seen = true
			j++
			// "two-dozen"
			if j+1 < len(toks) && toks[j].text == "-" && adjacent(toks, j) && adjacent(toks, j+1) && toks[j+1].low == "dozen" {
				cur *= 12
				j += 2
			}
			continue
		}
		if n, isTen := tens[w]; isTen {
			if cur%100 != 0 {
				break
			}
			cur += int64(n)
			seen = true
			j++
			// twenty-two
			if j+1 < len(toks) && toks[j].text == "-" && adjacent(toks, j) && adjacent(toks, j+1) {
				if u, isUnit := smallNumbers[toks[j+1].low]; isUnit && u < 10 {
					cur += int64(u)
					j += 2
				}
			}
			continue
		}
		if !seen {
			break
		}
		if w == "hundred" && cur > 0 && cur < 100 {
			cur *= 100
			j++
			// "one hundred and fifty"
			if lowAt(toks, j) == "and" && (smallNumbers[lowAt(toks, j+1)] > 0 || tens[lowAt(toks, j+1)] > 0) {
				j++
			}
			continue
		}
		if s, isScale := scales[w]; isScale && s >= 1000 && cur > 0 {
			total += cur * int64(s)
			cur = 0
			j++
			continue
		}
		if w == "dozen" && cur > 0 && cur < 100 {
			cur *= 12
			j++
			continue
		}
		break
	}
	if !seen {
		return i, 0, 0, 0, false, false
	}
	return j, float64(total + cur), 0, 0, false, true
}
