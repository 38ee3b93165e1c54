package figures

import (
	"math"
	"strings"

	"storyline/internal/news"
)

// cand is a figure being built: token ranges of the whole phrase and of the
// number, the number(s) read, and what the context says.
type cand struct {
	start, end int // phrase tokens [start, end): modifiers to unit noun
	a          amount
	b          *amount // second number of a range or change
	change     bool
	bnd        bound
	unit       string
	unitEnd    int // token after the unit noun when the noun follows the number
	measure    string
	side       int    // where the measure was found: -1 left, +1 right, 0 none
	sentence   int    // index of the sentence within the text
	ofEnd      int    // token after "of the X" when the unit came from it
	mAt        int    // token of the measure word found before the phrase, 0 when none
	ofGroup    bool   // "41 of them": counts part of a group named before
	preMeasure string // a measure read before the phrase ("the death toll … rose to")
	reverse    bool   // a change written "to B, from A": a is B and b is A
}

// scratch is reused across the sentences of one document.
type scratch struct {
	toks   []token
	sentOf []int
}

func find(s string, sc *scratch) []news.Figure {
	sc.toks = tokenize(sc.toks, s)
	toks := sc.toks
	if cap(sc.sentOf) < len(toks) {
		sc.sentOf = make([]int, len(toks))
	}
	sentOf := sc.sentOf[:len(toks)]
	n := 0
	for i, t := range toks {
		sentOf[i] = n
		if sentenceEnd(t) {
			n++
		}
	}
	markTitles(toks, sentOf)
	var cs []*cand
	for i := 0; i < len(toks); {
		c, next := readFigure(toks, i)
		if c != nil {
			c.sentence = sentOf[c.start]
			cs = append(cs, c)
		}
		if next <= i {
			next = i + 1
		}
		i = next
	}
	for i, c := range cs {
		// the search for a measure stops at the neighbouring figures
		lo, hi := 0, len(toks)
		if i > 0 {
			lo = cs[i-1].end
		}
		if i+1 < len(cs) {
			hi = cs[i+1].start
		}
		findMeasure(toks[:hi], c, lo)
	}
	coordinate(toks, cs)
	var out []news.Figure
	for _, c := range cs {
		if f, ok := finish(toks, c); ok {
			out = append(out, f)
		}
	}
	return out
}

// markTitles flags the words of sentences written in title case ("Storm
// Kills 11 at Festival"), where a capital letter does not mark a name.
func markTitles(toks []token, sentOf []int) {
	for start := 0; start < len(toks); {
		end := start
		words, caps := 0, 0
		for end < len(toks) && sentOf[end] == sentOf[start] {
			if t := toks[end]; t.kind == word && len(t.text) > 3 {
				words++
				if t.cap {
					caps++
				}
			}
			end++
		}
		if words >= 3 && caps*4 >= words*3 {
			for k := start; k < end; k++ {
				toks[k].title = true
			}
		}
		start = end
	}
}

// readFigure tries to read a figure whose number starts at toks[i]. It
// returns the candidate (nil when there is none) and where to go on.
func readFigure(toks []token, i int) (*cand, int) {
	if end := zeroAt(toks, i); end > i {
		// "no one was hurt", "no deaths were reported": a count of none,
		// kept only when a measure goes with it (see finish)
		c := &cand{start: i, end: end, a: amount{start: i, end: end, bare: "zero"}, unitEnd: -1}
		if measureNouns[toks[end-1].low] {
			c.unit, c.unitEnd = "people", end
		}
		return c, end
	}
	a, ok, bad := parseAmount(toks, i)
	if bad {
		// skip the whole run of digits and joiners so that "0800 555 0134"
		// or "2.4.1" leave nothing behind
		j := i + 1
		for j < len(toks) && (toks[j].kind == digit || (toks[j].kind == sym && !toks[j].space)) && (toks[j].kind == digit || j+1 < len(toks) && toks[j+1].kind == digit) {
			j++
		}
		return nil, j
	}
	if !ok {
		return nil, i + 1
	}
	c := &cand{start: a.start, end: a.end, a: a, unitEnd: -1}
	next := a.end
	// the phrase before: "between A and B", "from A to B", "at least N"
	if lowAt(toks, a.start-1) == "between" && lowAt(toks, a.end) == "and" {
		if b, ok2, _ := parseAmount(toks, a.end+1); ok2 {
			c.start, c.b, next = a.start-1, &b, b.end
		}
	} else if lowAt(toks, a.start-1) == "from" {
		// "from 600,000 to 800,000", "from 600 inspectors to 900"
		j := a.end
		if lowAt(toks, j) != "to" {
			if _, end := nounAfter(toks, j, false); end > j {
				j = end
			}
		}
		if lowAt(toks, j) == "to" {
			if b, ok2, _ := parseAmount(toks, j+1); ok2 {
				// "ranged from $1bn to $1.2bn" is a range, not a change
				c.start, c.b, c.change, next = a.start-1, &b, !rangeVerbs[lowAt(toks, a.start-2)], b.end
				if j > a.end {
					c.unitEnd = j // the unit came between the two numbers
				}
			}
		}
	}
	if c.b == nil {
		j := a.end
		isDash := j < len(toks) && (toks[j].text == "-" || toks[j].text == "–") && a.digits
		if (isDash || lowAt(toks, j) == "to") && j+1 < len(toks) {
			if b, ok2, _ := parseAmount(toks, j+1); ok2 && b.digits == a.digits {
				if isDash && !toks[j+1].space && b.value <= a.value && !b.vague {
					return nil, b.end // a score "2-1", not a range
				}
				if b.value > a.value && !b.vague && !a.vague && b.percent == a.percent && (a.currency == "" || a.currency == b.currency) {
					c.b, next = &b, b.end
				}
			}
		}
	}
	// "half a dozen", "half a million"
	if c.b == nil && !a.digits && (a.bare == "a" || a.bare == "an") && lowAt(toks, a.start-1) == "half" {
		c.a.value /= 2
		c.start--
	}
	if c.b == nil {
		if m, at := modifierBefore(toks, c.start); at >= 0 {
			c.bnd, c.start = m, at
		}
	} else if c.b.currency == "" {
		c.b.currency = a.currency
	}
	if c.b != nil {
		// "between 2 and 3 million": the scale of the second applies to both
		if c.b.scaled && !c.a.scaled && c.a.value > 0 && c.a.value < c.b.value/1000 {
			c.a.value *= c.b.value / baseOf(*c.b)
		}
		if c.a.currency == "" {
			c.a.currency = c.b.currency
		}
		c.a.percent = c.a.percent || c.b.percent
	}
	c.end = next
	if skip := notAFigure(toks, c); skip {
		return nil, next
	}
	if !findUnit(toks, c) {
		return nil, next
	}
	if c.unitEnd > c.end {
		c.end = c.unitEnd
	}
	if c.b == nil {
		if b, end, ok := earlierValue(toks, c); ok {
			c.b, c.change, c.reverse, next = &b, true, true, end
		}
	}
	if next < c.end {
		next = c.end
	}
	return c, next
}

// earlierValue reads a change written after its new value: "raised the
// estimate to $2.1bn, from $1.5bn", "rose to 15, up from 12".
func earlierValue(toks []token, c *cand) (amount, int, bool) {
	j := c.end
	comma := lowAt(toks, j) == ","
	if comma {
		j++
	} else {
		// later in the clause: "8 million watched the final, up from 6.5 million"
		for k := j; k < len(toks) && k < j+8 && toks[k].kind == word; k++ {
			if lowAt(toks, k+1) == "," && (lowAt(toks, k+2) == "up" || lowAt(toks, k+2) == "down") && lowAt(toks, k+3) == "from" {
				j, comma = k+2, true
				break
			}
		}
	}
	updown := lowAt(toks, j) == "up" || lowAt(toks, j) == "down"
	if updown {
		j++
	}
	if lowAt(toks, j) != "from" || !(comma || updown || lowAt(toks, c.start-1) == "to") {
		return amount{}, 0, false
	}
	j++
	if lowAt(toks, j) == "the" {
		j++
	}
	b, ok, _ := parseAmount(toks, j)
	if !ok || b.vague || c.a.vague || b.currency != c.a.currency || b.percent != c.a.percent {
		return amount{}, 0, false
	}
	if b.digits && isYear(toks[b.start].text) && b.currency == "" {
		return amount{}, 0, false
	}
	end := b.end
	// the earlier value may repeat the unit: "15 people, up from 12 people"
	if isWord(toks, end) && toks[end].low == c.unit {
		end++
	}
	return b, end, true
}

// zeroAt reads "no one", "no-one", "nobody" or "no" before a noun that is a
// measure ("no deaths"), and returns the token after it, or i.
func zeroAt(toks []token, i int) int {
	switch toks[i].low {
	case "nobody":
		return i + 1
	case "no":
		switch {
		case lowAt(toks, i+1) == "one":
			return i + 2
		case lowAt(toks, i+1) == "-" && lowAt(toks, i+2) == "one" && adjacent(toks, i+1) && adjacent(toks, i+2):
			return i + 3
		case measureNouns[lowAt(toks, i+1)]:
			return i + 2
		}
	}
	return i
}

// baseOf is the number as written before its scale word: 3 of "3 million".
func baseOf(a amount) float64 {
	for _, s := range []float64{1e12, 1e9, 1e6, 1e3} {
		if a.value >= s {
			if b := a.value / s; b == math.Trunc(b*1000)/1000 {
				return b
			}
		}
	}
	return a.value
}

// modifierBefore finds a bounding phrase that ends just before toks[at].
func modifierBefore(toks []token, at int) (bound, int) {
	for _, m := range modifiers {
		k := at - len(m.words)
		if k < 0 {
			continue
		}
		match := true
		for x, w := range m.words {
			if toks[k+x].low != w {
				match = false
				break
			}
		}
		if match {
			// "well over" is preferred to "over": the list is ordered so
			// that longer phrases sharing a last word come first
			return m.b, k
		}
	}
	return exact, -1
}

// notAFigure applies the rules that tell a quantity from the other things
// numbers are used for.
func notAFigure(toks []token, c *cand) bool {
	a := c.a
	first := a.start
	if a.currency != "" {
		first = a.start + 1
	}
	prev := lowAt(toks, first-1)
	next := lowAt(toks, c.end)
	if a.digits {
		// dates: "November 25", "25 November", a bare year
		if months[prev] && first > 0 && toks[first-1].cap || months[next] && c.end < len(toks) && toks[c.end].cap {
			return true
		}
		// "Jan. 1"
		if prev == "." && first >= 2 && months[lowAt(toks, first-2)] && toks[first-2].cap {
			return true
		}
		// a year: "in 2019", "the 2012 attacks"; four digits before a
		// plural noun are a count ("1500 people") unless "the" or a
		// preposition makes them a year
		if a.currency == "" && !a.percent && !a.scaled && c.b == nil && isYear(toks[first].text) &&
			(!pluralNoun(toks, c.end) || yearBefore[prev]) {
			return true
		}
		// times: "10:30", "5 pm", "9 a.m."
		if (next == ":" || next == ".") && c.end+1 < len(toks) && toks[c.end+1].kind == digit && adjacent(toks, c.end+1) {
			return true
		}
		if prev == ":" && adjacent(toks, first) && first >= 2 && toks[first-2].kind == digit {
			return true
		}
		if clockWords[next] || (next == "a" || next == "p") && lowAt(toks, c.end+1) == "." {
			return true
		}
		// names: "Apollo 11", "G7", "F-16", "Radio 4", "Flight 370"
		// ("Kills 11" in a title-case headline is a verb, not a name)
		if first > 0 && toks[first-1].kind == word && (toks[first-1].cap && !nameExempt[prev] && measures[prev] == "" || !toks[first].space) {
			return true
		}
		if prev == "-" && adjacent(toks, first) && isWord(toks, first-2) && adjacent(toks, first-1) {
			return true
		}
		// "'95", a year cut short
		if (prev == "'" || prev == "’") && adjacent(toks, first) && len(toks[first].text) == 2 {
			return true
		}
		if prev == "#" || prev == "+" || (prev == "." && lowAt(toks, first-2) == "no") {
			return true
		}
		// list numbering: "1." or "2)" opening a line
		if toks[first].line && (next == "." || next == ")") && (c.end+1 >= len(toks) || toks[c.end+1].space) {
			return true
		}
		// phone numbers written in groups: "555 0134"
		if c.end < len(toks) && toks[c.end].kind == digit && !a.scaled {
			return true
		}
	}
	// a ratio: "one in five households"
	if prev == "in" && first >= 2 && lowAt(toks, first-3) != "-" &&
		(toks[first-2].kind == digit && len(toks[first-2].text) <= 2 || smallNumbers[lowAt(toks, first-2)] > 0) {
		return true
	}
	// "no one", "no-one", "any one"
	if !a.digits && a.bare == "one" {
		p := prev
		if p == "-" {
			p = lowAt(toks, first-2)
		}
		switch p {
		case "no", "any", "every", "each", "the", "this", "that", "which":
			return true
		}
	}
	// references rather than quantities: "page 2", "aged 40", "chapter 7"
	if refWords[prev] {
		return true
	}
	// the second of two ages: "aged 19 and 23"
	if (prev == "and" || prev == "," || prev == "to") && first >= 3 && toks[first-2].kind == digit && refWords[lowAt(toks, first-3)] {
		return true
	}
	return false
}

// rangeVerbs before "from A to B" make it a range.
var rangeVerbs = setOf(`range ranged ranges ranging vary varied varies varying`)

// yearBefore are words before four digits that make them a year.
var yearBefore = setOf(`the in since of by until till before after during from this last next`)

var refWords = setOf(`page pages photo photos image images slide chapter section article line no number vol
volume issue episode season part room gate platform route flight level grade step figure table aged age
ages version v stage phase round act scene verse paragraph clause`)

// isYear reports whether four bare digits read as a year.
func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return s >= "1000" && s <= "2199"
}

// pluralNoun reports whether a plural noun follows within two words, as in
// "1500 people" or "2000 new homes", which makes four digits a count.
func pluralNoun(toks []token, i int) bool {
	for k := i; k < i+2 && isWord(toks, k); k++ {
		if looksPlural(toks[k].low) && !toks[k].cap {
			return true
		}
	}
	return false
}

func looksPlural(w string) bool {
	if irregularPlurals[w] || strings.HasSuffix(w, "men") && len(w) > 4 && !strings.HasSuffix(w, "omen") || strings.HasSuffix(w, "women") {
		return true
	}
	if len(w) < 3 || sVerbs[w] || stopWords[w] {
		return false
	}
	if w[len(w)-1] != 's' || strings.HasSuffix(w, "’s") {
		return false // not plural, or a possessive: "the hall’s"
	}
	switch w[len(w)-2] {
	case 's', 'u', 'i':
		return false
	case '\'':
		return false
	}
	return true
}
