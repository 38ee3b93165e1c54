package figures

import (
	"strings"
)

var determiners = setOf(`the his her its their our your my these those this that its`)

// findUnit reads what the number counts from the words after it. It returns
// false when those words show the number is no figure at all (a duration, an
// age, a page-furniture count).
func findUnit(toks []token, c *cand) bool {
	last := c.a
	if c.b != nil {
		last = *c.b
		if c.unitEnd > c.a.end {
			// "from 600 inspectors to 900"
			c.unit, _ = nounAfter(toks, c.a.end, false)
			c.unitEnd = -1
			return !durations[c.unit]
		}
	}
	j := last.end
	switch {
	case last.percent || c.a.percent:
		c.unit = "%"
		return true
	case last.currency != "":
		c.unit = last.currency
		return true
	case last.unit != "":
		c.unit = last.unit
		return true
	}
	// "a 28-point plan", "a four-year conflict", "a 37-year-old"
	if j+1 < len(toks) && toks[j].text == "-" && isWord(toks, j+1) {
		w := toks[j+1].low
		if durations[w] {
			return false
		}
		// "three-plus seasons"
		if w == "plus" && adjacent(toks, j) && c.b == nil {
			c.bnd = atLeast
			w, end := nounAfter(toks, j+2, false)
			if durations[w] {
				return false
			}
			c.unit, c.unitEnd = w, end
			if w == "" {
				c.unitEnd = j + 2
			}
			return true
		}
	}
	if j+1 < len(toks) && toks[j].text == "-" && adjacent(toks, j) && isWord(toks, j+1) && adjacent(toks, j+1) {
		w := toks[j+1].low
		if notCounted[w] || lowAt(toks, j+2) == "-" {
			return false // "a three-way race", "a 1.4-square-mile city"
		}
		if !last.vague {
			c.unit, c.unitEnd = plural(w), j+2
			return true
		}
	}
	// "hundreds of drones", "four of the drones", "two of his ministers"
	if lowAt(toks, j) == "of" {
		k := j + 1
		switch lowAt(toks, k) {
		case "them", "those", "these", "whom", "which", "us":
			// the group named before: the coordinate pass fills it in
			c.ofGroup, c.ofEnd = true, k+1
			return true
		}
		det := determiners[lowAt(toks, k)]
		if det {
			k++
			if possessive(lowAt(toks, k)) { // "28 of the town's 31 schools"
				k++
			}
			if rankWords[lowAt(toks, k)] { // "18 of his last 20 matches"
				k++
			}
		}
		// "22 of the dead", "five of the injured"
		if det && !last.vague {
			if m := measures[lowAt(toks, k)]; humanMeasures[m] && !looksPlural(lowAt(toks, k)) {
				c.unit, c.ofEnd, c.preMeasure = "people", k+1, m
				return true
			}
		}
		if b, ok, _ := parseAmount(toks, k); ok {
			k = b.end
		}
		if last.vague || det {
			if w, end := nounAfter(toks, k, true); w != "" {
				c.unit = w
				if last.vague {
					c.unitEnd = end
				} else {
					c.ofEnd = end
				}
				return !durations[w]
			}
		}
		return true
	}
	// "400,000 plus jobs"
	if lowAt(toks, j) == "plus" && isWord(toks, j+1) && c.b == nil && c.bnd == exact {
		if w, end := nounAfter(toks, j+1, false); w != "" && !durations[w] {
			c.bnd, c.unit, c.unitEnd = atLeast, w, end
			return true
		}
	}
	w, end := nounAfter(toks, j, last.value == 1 && !last.vague)
	if durations[w] || furniture[w] || w == "times" && multiplierNext[lowAt(toks, end)] {
		return false
	}
	// an age: "died at 77", "at the age of 85"
	if w == "" && (lowAt(toks, c.start-1) == "of" && lowAt(toks, c.start-2) == "age" || lowAt(toks, c.start-1) == "at" && deathBefore(toks, c.start-1)) {
		return false
	}
	if w != "" {
		if cur, ok := currencyNouns[w]; ok {
			w = cur
		}
		c.unit, c.unitEnd = w, end
		return true
	}
	c.unit = nounBefore(toks, c.start)
	if c.unit == "" {
		c.unit, c.preMeasure = aggregateBefore(toks, c.start)
	}
	return true
}

// sameAsBefore marks a unit to take from the figure before.
const sameAsBefore = "\x00same"

// reachVerbs put a number as the level a named total reaches: "the toll
// rose to 15", "the number of inspectors would rise from 600 to 900".
var reachVerbs = setOf(`to at from reached reach reaches hit hits totalled totaled totals topped passed
exceeded surpassed is was are were stands stood stand`)

// aggregateBefore reads a total named earlier in the sentence for a number
// with no noun of its own: "the death toll … rose to 15" counts people who
// died; "the number of people killed … has risen to 31" likewise; "the
// number of state inspectors … would rise from 600 to 900" counts
// inspectors.
func aggregateBefore(toks []token, at int) (unit, measure string) {
	if !reachVerbs[lowAt(toks, at-1)] && !reachVerbs[lowAt(toks, at)] {
		return "", ""
	}
	for k := at - 1; k >= 0 && k >= at-16; k-- {
		t := toks[k]
		if sentenceEnd(t) || t.text == ":" || t.kind == digit {
			return "", ""
		}
		switch t.low {
		case "toll":
			// a toll with no other word is a death toll in news usage
			return "people", "deaths"
		case "number", "count", "total", "tally":
			if lowAt(toks, k+1) != "of" {
				// "bringing the total to 1,204": the total of what the
				// previous figure counted
				if lowAt(toks, k+1) == "to" || lowAt(toks, k+1) == "at" {
					return sameAsBefore, ""
				}
				continue
			}
			w, end := nounAfter(toks, k+2, false)
			if w == "" {
				return "", ""
			}
			// the measure follows the noun, maybe in a relative clause:
			// "people killed", "people who have died"
			m := ""
			for e := end; e < len(toks) && e < end+4 && m == ""; e++ {
				m = measureAt(toks, e, w)
			}
			return w, m
		}
	}
	return "", ""
}

// nounBefore finds the counted noun of a number that has none after it, in
// a phrase before it: "caps the number of troops at 600,000", "the limit of
// its armed forces from 600,000 to 800,000".
func nounBefore(toks []token, at int) string {
	for k := at - 1; k >= 0 && k >= at-3; k-- {
		t := toks[k]
		if t.kind != word {
			return ""
		}
		if !looksPlural(t.low) || t.cap {
			continue
		}
		for o := k - 1; o >= 0 && o >= k-5; o-- {
			if toks[o].kind != word {
				break
			}
			if toks[o].low == "of" {
				return t.low
			}
		}
		return ""
	}
	return ""
}

// deathBefore reports whether a word of dying comes shortly before toks[at]
// in its clause: then "at 77" is an age.
func deathBefore(toks []token, at int) bool {
	for k := at - 1; k >= 0 && k >= at-6; k-- {
		if clauseEnd(toks[k]) {
			return false
		}
		switch toks[k].low {
		case "died", "dies", "dying", "dead":
			return true
		}
	}
	return false
}

// furniture are the counts a page shows around an article, not in it.
var furniture = setOf(`comments replies shares likes views retweets reads min mins`)

// notCounted are words after "N-" that describe rather than count.
var notCounted = setOf(`way ways caliber calibre fold odd something strong year-old storey story quarter
quarters third thirds fifth fifths tenth tenths half halves`)

// adjectives often stand between a number and its noun ("58 different
// classes"); they are never the counted noun themselves.
var adjectives = setOf(`different separate various distinct consecutive straight successive major minor
small large big huge new young local foreign senior junior main key top leading former extra whole entire
full partial single double armed unarmed elderly`)

// multiplierNext are words after "N times" that make it a multiplier
// ("three times the usual number", "five times as many"), not a count.
var multiplierNext = setOf(`as the more less higher lower bigger larger greater faster smaller over that what
its their his her longer stronger`)

// nounAfter finds the counted noun in the next few words: the first plural
// noun, or, when none comes, a singular noun used as a modifier ("28 point
// plan") or after "one". It stops at function words, verbs and punctuation.
// measureNoun nouns ("9 deaths") count people and say the measure
// themselves; they are returned as "people".
func nounAfter(toks []token, j int, singularOK bool) (string, int) {
	first, firstEnd := "", -1
	for k := j; k < j+4 && k < len(toks); k++ {
		t := toks[k]
		if t.kind != word {
			break
		}
		w := t.low
		if measureNouns[w] {
			return "people", k + 1
		}
		// "5 percentage points", "25 basis points": a difference of shares
		if (w == "percentage" || w == "basis") && (lowAt(toks, k+1) == "points" || lowAt(toks, k+1) == "point") {
			return w + " points", k + 2
		}
		if possessive(w) || adjectives[w] {
			continue // "the city's 12 districts", "58 different classes"
		}
		// "40 more people", "three other men"
		if (w == "more" || w == "other" || w == "additional" || w == "further") && k == j && isWord(toks, k+1) && !stopWords[toks[k+1].low] {
			continue
		}
		if stopWords[w] && !t.cap { // "US" is a name, not "us"
			break
		}
		if looksPlural(w) {
			// a noun used as a modifier before another: "police officers",
			// "staff members"
			if !durations[w] && k+1 < len(toks) && toks[k+1].kind == word && looksPlural(toks[k+1].low) && !measureNouns[toks[k+1].low] {
				return toks[k+1].low, k + 2
			}
			return w, k + 1
		}
		// an adverb, or a participle or measure word before a noun: "13 fully
		// loaded magazines", "23 arrested pirates"
		if strings.HasSuffix(w, "ly") && !t.cap && len(w) > 4 {
			continue
		}
		if (measures[w] != "" || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) && !t.cap && pluralNoun(toks, k+1) {
			continue
		}
		if measures[w] != "" || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") && !t.cap {
			break
		}
		if first == "" && !t.cap {
			first, firstEnd = w, k+1
		}
	}
	if first == "" {
		return "", -1
	}
	if singularOK {
		return plural(first), firstEnd
	}
	// a singular noun with more words after it modifies them: "28 point plan"
	if firstEnd < len(toks) && toks[firstEnd].kind == word && (!stopWords[toks[firstEnd].low] || toks[firstEnd].cap) {
		return plural(first), firstEnd
	}
	if irregularPlurals[first] {
		return first, firstEnd
	}
	return "", -1
}

// rankWords pick out a part of a group: "of his last 20 matches".
var rankWords = setOf(`last first next past top remaining other latest previous final`)

func possessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’")
}

// plural gives the plural of a counted noun so that "one drone" and "22
// drones" share a unit.
func plural(w string) string {
	if p, ok := pluralOf[w]; ok {
		return p
	}
	if irregularPlurals[w] || looksPlural(w) || durations[w] {
		return w
	}
	switch {
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}
