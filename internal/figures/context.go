package figures

import (
	"strings"

	"storyline/internal/news"
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
			m := ""
			if end < len(toks) {
				m = measureAt(toks, end, w)
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

// Windows for the measure: a verb or noun this many tokens before the
// phrase or after it, within its clause.
const (
	leftWindow  = 8
	rightWindow = 6
)

// rightStops end the search after a number: the measure of a number is in
// its own verb phrase, not in a prepositional phrase or the next clause.
var rightStops = setOf(`and or but in at on after before during since from for into onto near by with
across of than that which who when while as because though although until`)

var leftStops = setOf(`and or but that which who while when because although though whereas`)

// findMeasure looks for the nearest measure word on either side of the
// phrase. A measure of people is never taken for a count of weapons.
func findMeasure(toks []token, c *cand, lo int) {
	leftM, leftD, leftAt := "", 0, 0
	for k, d := c.start-1, 1; k >= lo && d <= leftWindow; k, d = k-1, d+1 {
		t := toks[k]
		if clauseEnd(t) || t.kind == digit || leftStops[t.low] {
			break
		}
		if m := measureAt(toks, k, c.unit); m != "" {
			leftM, leftD, leftAt = m, d, k
			break
		}
	}
	rightM, rightD := "", 0
	from := c.end
	if c.ofEnd > from {
		from = c.ofEnd
	}
	// a relative clause on the counted noun speaks of it: "the nine people
	// who were killed", "four drones that crossed"
	if from < len(toks) && c.unit != "" && (toks[from].low == "who" || toks[from].low == "that" || toks[from].low == "which") {
		from++
	}
	for k, d := from, 1; k < len(toks) && d <= rightWindow; k, d = k+1, d+1 {
		// step over an age in apposition: "two men, aged 19 and 23, were"
		if toks[k].text == "," && (lowAt(toks, k+1) == "aged" || lowAt(toks, k+1) == "age") {
			for k++; k < len(toks) && toks[k].text != "," && !sentenceEnd(toks[k]); k++ {
			}
			continue
		}
		t := toks[k]
		// "$1m in damage"
		if t.low == "in" && d == 1 && measureAt(toks, k+1, c.unit) == "damage" {
			rightM, rightD = "damage", d
			break
		}
		// "listed as missing", "counted as dead"
		if t.low == "as" {
			if m := measureAt(toks, k+1, c.unit); m != "" {
				rightM, rightD = m, d+1
			}
			break
		}
		if clauseEnd(t) || t.kind == digit || rightStops[t.low] {
			break
		}
		if m := measureAt(toks, k, c.unit); m != "" {
			rightM, rightD = m, d
			break
		}
	}
	// a participle between the number and its noun: "23 arrested pirates"
	if c.unitEnd > 0 {
		for k := c.a.end; k < c.unitEnd-1; k++ {
			if m := measureAt(toks, k, c.unit); m != "" {
				c.measure, c.side = m, 0
				return
			}
		}
	}
	switch {
	case leftM != "" && (rightM == "" || leftD <= rightD):
		c.measure, c.side, c.mAt = leftM, -1, leftAt
	case rightM != "":
		c.measure, c.side = rightM, 1
	case c.preMeasure != "":
		c.measure = c.preMeasure
	}
	// a noun that is its own measure: "9 deaths", "31 injuries", "6 bodies"
	if c.unitEnd > 0 && measures[toks[c.unitEnd-1].low] != "" {
		c.measure, c.side = measures[toks[c.unitEnd-1].low], 0
	}
}

// measureAt reads the measure word at toks[k], if any, for a figure that
// counts unit. Names are not measures: "Cross" in a charity's name counts
// nothing, so capitalised words count only at a sentence start.
func measureAt(toks []token, k int, unit string) string {
	if k < 0 || k >= len(toks) {
		return ""
	}
	t := toks[k]
	if t.kind != word || t.cap && k > 0 && !sentenceEnd(toks[k-1]) {
		return ""
	}
	m := measures[t.low]
	switch t.low {
	case "down":
		// "shot down", "shooting down"
		switch lowAt(toks, k-1) {
		case "shot", "shoot", "shoots", "shooting":
			m = "intercepted"
		}
	case "shot", "shoot", "shoots", "shooting":
		if lowAt(toks, k+1) == "down" {
			m = "intercepted"
		}
	case "death":
		// "the death penalty" counts no deaths
		switch lowAt(toks, k+1) {
		case "penalty", "sentence", "sentences", "row", "threat", "threats", "squad", "warrant":
			m = ""
		}
	case "fired":
		// "fired upon two officers" is shooting, neither launch nor dismissal
		switch lowAt(toks, k+1) {
		case "upon", "on", "at", "into":
			m = ""
		}
	}
	if m == "" {
		return ""
	}
	if m == "launched" && roles[unit] {
		return "dismissed" // "fired two ministers"
	}
	if humanMeasures[m] && weapons[unit] {
		return ""
	}
	if m == "damage" && !money[unit] {
		return "" // a cost; "565 shops suffering damage" count shops
	}
	if sizes[unit] && m != "cap" && m != "damage" {
		return "" // "fell 150 metres" measures a distance, not a death
	}
	return m
}

var money = setOf(`USD GBP EUR JPY`)

// coordinate shares what two coordinated figures leave unsaid: a verb before
// "22 missiles and 460 drones" or after "460 drones and 22 missiles were
// launched" measures both, and "killed 4 soldiers and wounded 9" counts
// soldiers twice.
func coordinate(toks []token, cs []*cand) {
	for i := 1; i < len(cs); i++ {
		p, c := cs[i-1], cs[i]
		if p.sentence != c.sentence || p.end > c.start {
			continue
		}
		joined, comma, gap := true, false, 0
		for k := p.end; k < c.start; k++ {
			gap++
			switch toks[k].low {
			case "and", "or", "plus":
			case ",":
				comma = true
			default:
				joined = false
			}
		}
		if joined && gap <= 3 {
			if c.measure == "" && p.side == -1 {
				c.measure, c.side = p.measure, -1
			}
			// "17 hostages, and three others are missing" says nothing of the 17
			if p.measure == "" && c.side == 1 && !comma {
				p.measure, p.side = c.measure, 1
			}
		}
	}
	for i, c := range cs {
		if c.unit != "" && c.unit != sameAsBefore {
			continue
		}
		if c.ofGroup || c.unit == sameAsBefore {
			c.unit = ""
			// "41 of them": the group the previous figure counted
			if i > 0 && cs[i-1].sentence >= c.sentence-1 {
				c.unit = cs[i-1].unit
			}
			if c.unit == "" && humanMeasures[c.measure] {
				c.unit = "people"
			}
			continue
		}
		if i > 0 {
			p := cs[i-1]
			// only a number that stands alone takes another's noun: not "12 AK rifles"
			alone := c.end >= len(toks) || toks[c.end].kind != word || stopWords[toks[c.end].low] || measures[toks[c.end].low] != ""
			if alone && p.sentence == c.sentence && p.end <= c.start && c.start-p.end <= 4 && p.unit != "" {
				c.unit = p.unit
				continue
			}
		}
		if humanMeasures[c.measure] {
			c.unit = "people"
		}
		// "limit flights at the airport to 48": what the cap word governs
		if c.measure == "cap" && c.mAt > 0 {
			for k := c.mAt + 1; k < c.start && k <= c.mAt+3; k++ {
				if t := toks[k]; t.kind == word && looksPlural(t.low) && !t.cap {
					c.unit = t.low
					break
				}
			}
		}
	}
}

// finish applies the defaults and the bounds and drops what counts nothing.
func finish(toks []token, c *cand) (news.Figure, bool) {
	a := c.a
	if c.measure == "" {
		switch {
		case weapons[c.unit]:
			c.measure = "launched"
		case c.unit == "points":
			c.measure = "points"
		case c.unit == "%":
			c.measure = "share"
		}
	}
	if c.unit == "" && c.measure == "" {
		return news.Figure{}, false
	}
	if a.bare == "zero" && (c.measure == "" || c.b != nil) {
		return news.Figure{}, false
	}
	// "one" is a figure only when it counts something measured: not "one of
	// the most …", "one attendee said"
	if !a.digits && a.bare == "one" && !a.scaled && c.measure == "" && c.b == nil {
		return news.Figure{}, false
	}
	// "the two sides", "his three sons": a reference to known things
	if !a.digits && a.value <= 4 && !a.scaled && c.b == nil && c.bnd == exact && c.measure == "" &&
		determiners[lowAt(toks, c.start-1)] {
		return news.Figure{}, false
	}
	if u, ok := unitAliases[c.unit]; ok {
		c.unit = u
	}
	if u, ok := currencyNouns[c.unit]; ok {
		c.unit = u // "millions of dollars"
	} else if u, ok := currencyNouns[strings.TrimSuffix(c.unit, "s")]; ok {
		c.unit = u // "yens", the regular plural of a noun that has none
	}
	f := news.Figure{
		Span:    news.Span{Start: toks[c.start].start, End: toks[c.end-1].end},
		Unit:    c.unit,
		Measure: c.measure,
	}
	// whole things move strict bounds by one; shares and money do not (units
	// of measure such as hectares are treated as counts: reports round them)
	count := c.unit != "%" && a.currency == "" && !strings.HasSuffix(c.unit, " points")
	switch {
	case c.b != nil && c.change && c.reverse:
		// "rose to about 8 million, up from 6.5 million": the bound is the new value's
		f.From = ptr(c.b.value)
		f.Value = ptr(a.value)
		f.Min, f.Max = bounds(a.value, c.bnd, count)
	case c.b != nil && c.change:
		f.From = ptr(a.value)
		f.Value, f.Min, f.Max = ptr(c.b.value), ptr(c.b.value), ptr(c.b.value)
	case c.b != nil:
		lo, hi := a.value, c.b.value
		if a.vague {
			lo = a.lo
		}
		if c.b.vague {
			hi = c.b.hi
		}
		f.Min, f.Max = ptr(lo), ptr(hi)
	case a.vague:
		f.Min, f.Max = ptr(a.lo), ptr(a.hi)
	default:
		f.Value = ptr(a.value)
		f.Min, f.Max = bounds(a.value, c.bnd, count)
	}
	return f, true
}

// bounds gives the range a bounding phrase allows around v; whole numbers
// that count things move strict bounds by one ("more than 460" is 461 or
// more), percentages and money do not.
func bounds(v float64, b bound, count bool) (lo, hi *float64) {
	whole := count && v == float64(int64(v))
	switch b {
	case atLeast:
		return ptr(v), nil
	case above:
		if whole {
			return ptr(v + 1), nil
		}
		return ptr(v), nil
	case below:
		if whole {
			return nil, ptr(v - 1)
		}
		return nil, ptr(v)
	case upTo:
		return nil, ptr(v)
	case nearly:
		return ptr(v - v/10), ptr(v)
	case approx:
		return ptr(v - v/10), ptr(v + v/10)
	}
	return ptr(v), ptr(v)
}

func ptr(v float64) *float64 { return &v }
