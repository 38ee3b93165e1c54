package quotes

import "strings"

// A speaker phrase is a short noun phrase: a name with its titles ("US
// Army Secretary Dan Driscoll"), a pronoun, or a description ("a senior US
// official", "the governor of Russia's Krasnodar Krai", "a spokesperson for
// Driscoll"). The scanners below find one from its edge, token by token,
// without a parser: names, possessives, determiners and a few lower-case
// words join; clause words and punctuation end it.

// maxPhrase bounds a speaker phrase, apposition included.
const (
	maxPhrase    = 14
	maxLowerRun  = 4
	maxClauseLen = 30
)

func (d *doc) word(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.toks[i].w
}

func (d *doc) is(i int, w string) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].w == w && d.toks[i].kind != tMark
}

// abbrevDot reports whether token i is the period of an abbreviation or an
// initial (Mr., T.).
func (d *doc) abbrevDot(i int) bool {
	if i <= 0 || d.toks[i].w != "." || d.toks[i-1].end != d.toks[i].start || d.toks[i-1].kind != tWord {
		return false
	}
	p := d.toks[i-1]
	return abbrev[p.w] || p.end-p.start == 1 && p.upper
}

// prepOK reports whether the preposition at i may sit inside a speaker
// phrase: after a role noun (spokesperson for, official at, familiar
// with) or, for "of", after a capitalised word (Secretary of State).
func (d *doc) prepOK(i int) bool {
	w := d.word(i)
	if !softPreps[w] || i == 0 {
		return false
	}
	p := d.toks[i-1]
	if p.kind != tWord {
		return false
	}
	if roles[p.w] || p.w == "familiar" || p.w == "close" || p.w == "people" {
		return true
	}
	return p.upper && w == "of"
}

// phraseWord reports whether token i may be inside a speaker phrase.
func (d *doc) phraseWord(i int) bool {
	t := d.toks[i]
	switch t.kind {
	case tPoss:
		return true
	case tPunct:
		return d.abbrevDot(i) || (t.w == "-" || t.w == "–") && i > 0 && d.toks[i-1].end == t.start
	case tMark:
		return false
	}
	if t.w == "and" || t.w == "&" {
		// only inside a name: Procter and Gamble, Health and Human Services
		return i > 0 && i+1 < len(d.toks) && d.toks[i-1].upper && d.toks[i+1].upper
	}
	if contraction(t.w) {
		return false // they're, don't
	}
	if t.upper {
		return !stops[t.w] || d.allCaps(t)
	}
	return !stops[t.w] && !isCueWord(t.w)
}

// contraction reports whether w ends in a clitic: they're, we've, don't.
func contraction(w string) bool {
	w = strings.ReplaceAll(w, "’", "'")
	for _, c := range []string{"'re", "'ve", "'ll", "'d", "'m", "n't"} {
		if strings.HasSuffix(w, c) && len(w) > len(c) {
			return true
		}
	}
	return false
}

// allCaps reports whether a word of two or more letters is written in
// capitals (US, UN): then it is no pronoun or stop word.
func (d *doc) allCaps(t token) bool {
	w := d.text[t.start:t.end]
	if len(w) < 2 {
		return false
	}
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			return false
		}
	}
	return true
}

// pronounAt reports whether token i is a subject pronoun (he, she, it,
// they, we, I; not US).
func (d *doc) pronounAt(i int) bool {
	t := d.toks[i]
	_, ok := pronouns[t.w]
	return ok && t.kind == tWord && (t.w == "i" || !d.allCaps(t))
}

func isCueWord(w string) bool {
	_, ok := cues[w]
	return ok
}

// backPhrase finds a speaker phrase ending at token end (inclusive) and
// starting no earlier than lo. It returns the first token, or -1.
func (d *doc) backPhrase(end, lo int) int {
	if end < lo || end < 0 {
		return -1
	}
	if d.pronounAt(end) {
		return end
	}
	if d.is(end, ",") {
		return d.backApposition(end, lo)
	}
	start := d.backSimple(end, lo)
	if start < 0 {
		return -1
	}
	// a name set off after a role: "Finland's president, Alexander Stubb"
	if start-2 >= lo && d.is(start-1, ",") && d.toks[start].upper && roles[d.toks[start-2].w] && !d.toks[start-2].upper {
		if s2 := d.backSimple(start-2, lo); s2 >= 0 && (s2 == lo || d.clauseEdge(s2-1)) && d.valid(s2, start-2) {
			return s2
		}
	}
	return start
}

// backSimple scans a phrase without commas backwards from end.
func (d *doc) backSimple(end, lo int) int {
	k := end
	lowerRun, n := 0, 0
	for k >= lo && n < maxPhrase {
		t := d.toks[k]
		if t.w == ")" && t.kind == tPunct {
			// Sen. Mark Kirk (R-Ill.): a short aside inside the phrase
			if o := d.openParen(k, lo); o >= 0 {
				k = o - 1
				continue
			}
		}
		if !d.phraseWord(k) {
			if !(softPreps[t.w] && t.kind == tWord && d.prepOK(k) && k < end) {
				break
			}
		}
		if t.kind == tWord && !t.upper && !determiners[t.w] && !roles[t.w] && !softPreps[t.w] {
			lowerRun++
			if lowerRun > maxLowerRun {
				break
			}
		}
		n++
		if determiners[t.w] && t.kind == tWord {
			// a determiner opens the phrase, unless a role noun's
			// complement begins here: "the head of the party".
			if k-1 >= lo && softPreps[d.word(k-1)] && d.prepOK(k-1) {
				k--
				continue
			}
			k--
			break
		}
		k--
	}
	start := k + 1
	for start <= end && (softPreps[d.toks[start].w] && d.toks[start].kind == tWord || d.toks[start].kind == tPoss || d.toks[start].kind == tPunct) {
		start++
	}
	if start > end || !d.valid(start, end) {
		return -1
	}
	return start
}

// clauseEdge reports whether a phrase may begin right after token i.
func (d *doc) clauseEdge(i int) bool {
	if i < 0 {
		return true
	}
	t := d.toks[i]
	return t.kind == tPunct || t.kind == tMark || stops[t.w]
}

// backApposition handles "Jeff Weaver, Sanders' campaign manager, said",
// "Zelenskiy, who could visit the US soon, said" and chains of them
// ("Scott Pruitt, the attorney general of Oklahoma, one of the states
// suing, said"): the phrase before the opening comma is the speaker, the
// parts between the commas describe it. A name is preferred as the
// speaker over a description when the chain offers both.
func (d *doc) backApposition(comma, lo int) int {
	var commas []int
	for k := comma - 1; k >= lo && comma-k <= maxClauseLen*2 && len(commas) < 3; k-- {
		t := d.toks[k]
		if t.kind == tMark || d.isEnd(k) || t.w == ";" || t.w == ":" {
			break
		}
		if t.w == "," && t.kind == tPunct {
			commas = append(commas, k)
		}
	}
	first := -1
	next := comma
	for _, c := range commas {
		if !d.aside(c+1, next) {
			break
		}
		next = c
		s := d.backSimple(c-1, lo)
		if s < 0 || !(s == lo || d.clauseEdge(s-1)) {
			continue
		}
		if first < 0 {
			first = s
		}
		if d.toks[s].upper && !determiners[d.toks[s].w] {
			return d.roleBefore(s, lo)
		}
	}
	if first >= 0 {
		return d.roleBefore(first, lo)
	}
	return -1
}

// roleBefore extends a name set off after a role: "Finland's president,
// Alexander Stubb".
func (d *doc) roleBefore(s, lo int) int {
	if s-2 >= lo && d.is(s-1, ",") && d.toks[s].upper && roles[d.toks[s-2].w] && !d.toks[s-2].upper {
		if s2 := d.backSimple(s-2, lo); s2 >= 0 && (s2 == lo || d.clauseEdge(s2-1)) {
			return s2
		}
	}
	return s
}

// aside reports whether [i,j) can stand between commas after a speaker: a
// relative clause (who …), an age, a party-state label, an adverbial (after
// a long pause) or a description (a writer for The Atlantic; an economist
// and tax expert).
func (d *doc) aside(i, j int) bool {
	if j <= i || j-i > maxClauseLen {
		return false
	}
	f := d.toks[i]
	switch {
	case f.w == "who" || f.w == "whose" || f.w == "which":
		return true
	case j == i+1 && f.kind == tWord && f.w[0] >= '0' && f.w[0] <= '9': // Khizr Khan, 66, said
		return true
	case openers[f.w] && !f.upper && j-i <= 8:
		return true
	case d.label(i, j):
		return true
	}
	if !(f.kind == tWord && (determiners[f.w] || f.upper || roles[f.w])) {
		return false
	}
	for k := i; k < j; k++ {
		t := d.toks[k]
		if t.kind == tMark || isCueWord(t.w) && t.kind == tWord && !t.upper || d.isEnd(k) {
			return false
		}
	}
	return true
}

// label reports whether [i,j) is a short label of capitals, periods and
// hyphens: the party and state of "Rep. Glenn Thompson, R-Pa., said".
func (d *doc) label(i, j int) bool {
	if j <= i || j-i > 5 {
		return false
	}
	for k := i; k < j; k++ {
		t := d.toks[k]
		if !(t.kind == tWord && t.upper || t.w == "." || t.w == "-") {
			return false
		}
	}
	return true
}

// valid reports whether tokens [a,b] can name a speaker: a name, a
// pronoun, or a description whose last word is a role ("the newspaper",
// "a US official"), never a bare lower-case phrase ("the plan").
func (d *doc) valid(a, b int) bool {
	if a <= b && d.is(b, ")") {
		// Rep. Gwen Moore (D-Wis.): judge the phrase by what precedes
		if o := d.openParen(b, a); o > a {
			b = o - 1
		}
	}
	if a > b {
		return false
	}
	last := d.toks[b]
	if last.kind != tWord {
		return false
	}
	if softPreps[last.w] || determiners[last.w] && !last.upper {
		return false
	}
	hasUpper := false
	for i := a; i <= b; i++ {
		t := d.toks[i]
		if t.kind == tWord && t.upper {
			hasUpper = true
		}
	}
	if last.upper || roles[last.w] {
		return true
	}
	// "the influential US daily": a capitalised word and a determiner
	return hasUpper && determiners[d.toks[a].w]
}

// fwdPhrase finds a speaker phrase starting at token start, before hi. It
// returns its last token, or -1. An apposition that ends the sentence
// joins it: said Driscoll's spokesperson, US Army Lieutenant Colonel Jeff
// Tolbert.
func (d *doc) fwdPhrase(start, hi int) int {
	if start >= hi || start < 0 {
		return -1
	}
	if d.pronounAt(start) {
		return start
	}
	end := d.fwdSimple(start, hi)
	if end < 0 {
		return -1
	}
	if end+2 < hi && d.is(end+1, ",") {
		n := d.toks[end+2]
		if n.kind == tWord && (n.upper || determiners[n.w]) && (!stops[n.w] || d.allCaps(n)) {
			if e2 := d.fwdSimple(end+2, hi); e2 >= 0 && (e2+1 >= hi || d.is(e2+1, ",") || d.isEnd(e2+1) || d.is(e2+1, ";")) {
				return e2
			}
		}
	}
	return end
}

func (d *doc) fwdSimple(start, hi int) int {
	if w := d.toks[start]; w.kind == tWord && !w.upper && (softPreps[w.w] || timeWords[w.w]) {
		return -1 // said in a statement, said on Tuesday: no speaker
	}
	k := start
	lowerRun, n := 0, 0
	for k < hi && n < maxPhrase {
		t := d.toks[k]
		if t.w == "(" && t.kind == tPunct && k > start {
			if c := d.closeParen(k, hi); c >= 0 {
				k = c + 1
				continue
			}
		}
		if !d.phraseWord(k) {
			if !(t.kind == tWord && softPreps[t.w] && d.prepOK(k) && k > start) {
				break
			}
		}
		if t.kind == tWord && determiners[t.w] && k > start && !softPreps[d.word(k-1)] {
			break
		}
		if t.kind == tWord && !t.upper && k > start && d.toks[k-1].upper && pastTense(t.w) {
			break // Yuri Ushakov dismissed …: the verb after the name ends it
		}
		if t.kind == tWord && !t.upper && !determiners[t.w] && !roles[t.w] && !softPreps[t.w] {
			lowerRun++
			if lowerRun > maxLowerRun {
				break
			}
		}
		n++
		k++
	}
	end := k - 1
	for end >= start && (d.toks[end].kind != tWord || softPreps[d.toks[end].w] || determiners[d.toks[end].w] && !d.toks[end].upper) {
		end--
	}
	if end < start {
		if w := d.toks[start].w; (w == "one" || w == "another") && (start+1 >= hi || d.toks[start+1].kind != tWord) {
			return start // read one
		}
		return -1
	}
	// after a cue a described speaker may end in any noun (said one
	// skipper, a crane operator), when the sentence or a comma ends it
	described := end > start && determiners[d.toks[start].w] && !stops[d.toks[end].w] && !d.toks[end].upper &&
		(end+1 >= hi || d.is(end+1, ",") || d.isEnd(end+1))
	if described || d.valid(start, end) {
		return end
	}
	// the longest part that names someone: a court document filed by …
	for e := end - 1; e > start; e-- {
		if d.toks[e].kind == tWord && !softPreps[d.toks[e].w] && d.valid(start, e) {
			return e
		}
	}
	return -1
}

// openParen finds the "(" of the ")" at k, at most six tokens back.
func (d *doc) openParen(k, lo int) int {
	for i := k - 1; i >= lo && k-i <= 6; i-- {
		switch d.toks[i].w {
		case "(":
			return i
		case ")", ",", ";", ":":
			return -1
		}
	}
	return -1
}

// closeParen finds the ")" of the "(" at k, at most six tokens on.
func (d *doc) closeParen(k, hi int) int {
	for i := k + 1; i < hi && i-k <= 6; i++ {
		switch d.toks[i].w {
		case ")":
			return i
		case "(", ",", ";", ":":
			return -1
		}
	}
	return -1
}

// pastTense reports whether w looks like a verb in the past tense that is
// no role (dismissed, accused; not "red").
func pastTense(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ed") && !roles[w] && !determiners[w]
}
