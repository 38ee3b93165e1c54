package figures

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
	if t.kind != word || t.cap && !t.title && k > 0 && !sentenceEnd(toks[k-1]) {
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
