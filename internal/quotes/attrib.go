package quotes

import "strings"

// attribution ties words to who said them: the cue's tokens and the
// speaker phrase's tokens (sp[0] = -1 when the text names no speaker).
type attribution struct {
	cue [2]int
	sp  [2]int
}

func (a attribution) ok() bool { return a.cue[1] >= a.cue[0] && a.cue[0] >= 0 }

var none = attribution{cue: [2]int{-1, -2}, sp: [2]int{-1, -1}}

// maxAfter bounds how far after a quote its cue may stand ("…," Britain's
// prime minister told parliament).
const maxAfter = 24

// cueAt reports whether token i is a speech cue and how many tokens it
// takes ("according to" takes two). Passives ("is said to") are not cues.
func (d *doc) cueAt(i int) int {
	t := d.toks[i]
	if t.kind != tWord {
		return 0
	}
	if t.w == "according" && d.is(i+1, "to") {
		return 2
	}
	if second, ok := twoWordCues[t.w]; ok && d.is(i+1, second) {
		return 2
	}
	if t.w == "put" && d.is(i+1, "it") && (d.is(i-2, "as") || d.is(i-3, "as")) {
		return 2
	}
	if _, ok := cues[t.w]; !ok {
		return 0
	}
	if t.w == "quoted" {
		// Braynard is quoted as saying "…"
		if d.is(i+1, "as") && d.is(i+2, "saying") {
			return 3
		}
		return 0
	}
	if i > 0 {
		switch d.toks[i-1].w {
		case "is", "was", "are", "were", "be", "been", "being":
			return 0
		}
	}
	if d.is(i+1, "to") && (t.w == "said" || t.w == "reported") && (d.is(i+2, "be") || d.is(i+2, "have")) {
		return 0 // "said to be"
	}
	if t.upper && i > 0 && d.toks[i-1].kind == tWord && d.toks[i-1].upper {
		return 0 // part of a name or a headline
	}
	return 1
}

func (d *doc) skipAdverbsBack(i, lo int) int {
	for i >= lo && i >= 0 && d.toks[i].kind == tWord && !d.toks[i].upper && (adverbs[d.toks[i].w] || isLy(d.toks[i].w)) {
		i--
	}
	return i
}

// isLy reports whether w looks like an adverb of manner (emphatically).
func isLy(w string) bool {
	return len(w) > 5 && w[len(w)-2:] == "ly" && !roles[w] && w != "family" && w != "ally" && w != "italy"
}

// sentenceStart returns the first token of the sentence that holds token
// i, no earlier than lo.
func (d *doc) sentenceStart(i, lo int) int {
	lo = max(lo, i-maxSentence) // a run with no sentence end is cut, to stay linear
	for k := i - 1; k >= lo; k-- {
		if d.isEnd(k) {
			return k + 1
		}
	}
	return lo
}

// maxSentence bounds how far back a sentence's start is looked for, in
// tokens.
const maxSentence = 120

// sentenceEnd returns the token after the sentence that begins at i, no
// later than hi (exclusive).
func (d *doc) sentenceEnd(i, hi int) int {
	for k := i; k < hi; k++ {
		if d.isEnd(k) || d.is(k, ";") {
			return k
		}
	}
	return hi
}

// rightAfter looks for the attribution that follows a quote at once:
// "…," said Lavrov / "…," Lavrov said / "…," his spokesman told Reuters.
//
// After a quote that ends its sentence ("….") a new sentence only
// attributes it when it is no more than the attribution: "…." Trump said.
// "Greene added that …" reports something else.
func (d *doc) rightAfter(lo, hi int, ended bool) attribution {
	a := d.rightAfter1(lo, hi)
	if a.ok() && ended {
		last := max(a.cue[1], a.sp[1])
		if w := d.toks[a.cue[0]].w; last == a.cue[1] && (w == "told" || w == "tells") {
			last = d.listenerEnd(last+1, hi) - 1
		}
		if !d.tail(last+1, d.sentenceEnd(last+1, hi)) {
			return none
		}
	}
	return a
}

func (d *doc) rightAfter1(lo, hi int) attribution {
	if a := d.byline(lo, hi); a.ok() {
		return a
	}
	k := lo
	for k < hi && (d.toks[k].kind == tPunct && (d.toks[k].w == "," || d.toks[k].w == "—" || d.toks[k].w == "–" || d.toks[k].w == "-") || d.toks[k].kind == tMark) {
		k++ // a comma or dash, or the stray mark of a nested quote
	}
	if k >= hi {
		return none
	}
	hi = d.sentenceEnd(k, hi)
	if n := d.cueAt(k); n > 0 {
		w := d.toks[k].w
		if n == 2 && w == "according" {
			if e := d.fwdPhrase(k+2, hi); e >= 0 {
				return attribution{cue: [2]int{k, k + 1}, sp: [2]int{k + 2, e}}
			}
			return none
		}
		if (cues[w] || n == 2) && !partialOnly[w] {
			if e := d.fwdPhrase(k+n, hi); e >= 0 {
				return attribution{cue: [2]int{k, k + n - 1}, sp: [2]int{k + n, e}}
			}
		}
		return none
	}
	for c := k + 1; c < hi && c-k < maxAfter; c++ {
		n := d.cueAt(c)
		if n == 0 || n == 2 && d.toks[c].w == "according" || partialOnly[d.toks[c].w] {
			continue
		}
		j := d.skipAdverbsBack(c-1, k)
		if j < k {
			return none
		}
		if s := d.backPhrase(j, k); s == k {
			return attribution{cue: [2]int{c, c + n - 1}, sp: [2]int{k, j}}
		} else if s > k && d.plain(k, s) {
			// "Fight for $15 organizing director Kendall Fells told":
			// what stands before the name is part of its title
			return attribution{cue: [2]int{c, c + n - 1}, sp: [2]int{k, j}}
		}
		if d.described(k, j) {
			// right after a quote "the businessman replied" is a speaker
			return attribution{cue: [2]int{c, c + n - 1}, sp: [2]int{k, j}}
		}
		return none
	}
	return none
}

// plain reports whether [i,j) holds nothing that could end a speaker
// phrase: no clause word, cue, mark or sentence end.
func (d *doc) plain(i, j int) bool {
	for k := i; k < j; k++ {
		t := d.toks[k]
		if t.kind == tMark || d.isEnd(k) || t.kind == tWord && (stops[t.w] && !d.allCaps(t) || isCueWord(t.w)) || t.w == ";" || t.w == ":" {
			return false
		}
	}
	return true
}

// described reports whether [i,j] is a determiner and a few plain words: a
// description of someone (the businessman, one attendee).
func (d *doc) described(i, j int) bool {
	if j-i > 4 || j <= i || !determiners[d.toks[i].w] {
		return false
	}
	for k := i + 1; k <= j; k++ {
		if t := d.toks[k]; !d.phraseWord(k) || t.kind == tWord && softPreps[t.w] {
			return false
		}
	}
	return d.toks[j].kind == tWord
}

// before looks for the cue of a quote in the words before it in its
// sentence: Lavrov said the plan must reflect the "spirit and letter" /
// Umerov wrote: "…" / according to Keir Starmer, "…".
func (d *doc) before(lo, open int) attribution {
	lo = d.sentenceStart(open, lo)
	for c := open - 1; c >= lo; c-- {
		n := d.cueAt(c)
		if n == 0 {
			continue
		}
		if n == 2 && d.toks[c].w == "according" {
			if e := d.fwdPhrase(c+2, open); e >= 0 {
				return attribution{cue: [2]int{c, c + 1}, sp: [2]int{c + 2, e}}
			}
			continue
		}
		if a := d.subjectOf(c, n, lo); a.ok() {
			return a
		}
		// the speaker after the cue, just before the quote: Stated Stone:
		if e := d.fwdPhrase(c+n, open); e >= 0 && e+2 == open && (d.is(e+1, ":") || d.is(e+1, ",")) {
			return attribution{cue: [2]int{c, c + n - 1}, sp: [2]int{c + n, e}}
		}
	}
	// a name and a colon: Clinton: "…"; From the report: "…"
	if c := open - 1; c > lo && d.is(c, ":") {
		if s := d.backPhrase(c-1, lo); s >= 0 && (s == lo || d.openerOnly(lo, s)) {
			return attribution{cue: [2]int{c, c}, sp: [2]int{s, c - 1}}
		}
	}
	return none
}

// openerOnly reports whether [i,j) is a preposition or two before a phrase
// (From the report:, In his words:).
func (d *doc) openerOnly(i, j int) bool {
	if j-i > 2 {
		return false
	}
	for k := i; k < j; k++ {
		if !openers[d.toks[k].w] && !softPreps[d.toks[k].w] {
			return false
		}
	}
	return true
}

// subjectOf finds the speaker of the cue at c: the phrase before it, or
// for a participle or a second verb (Kremlin aide Yuri Ushakov dismissed
// the proposal, saying …; Zelensky said … and added that …) the subject of
// the sentence.
func (d *doc) subjectOf(c, n, lo int) attribution {
	j := d.skipAdverbsBack(c-1, lo)
	if d.toks[c].w == "quoted" && (d.is(j, "is") || d.is(j, "was") || d.is(j, "were")) {
		j = d.skipAdverbsBack(j-1, lo)
	}
	if j >= lo {
		if s := d.backPhrase(j, lo); s >= 0 {
			return attribution{cue: [2]int{c, c + n - 1}, sp: [2]int{s, j}}
		}
	}
	w := d.toks[c].w
	participle := len(w) > 4 && w[len(w)-3:] == "ing"
	if participle || j >= lo && (d.is(j, "and") || d.is(j, ",")) {
		// a second verb takes the speaker of the first: Lazar said … and
		// added, "…"
		for c2 := j - 1; c2 >= lo && c-c2 < maxClauseLen*2; c2-- {
			if n2 := d.cueAt(c2); n2 > 0 && c2+n2 <= j {
				j2 := d.skipAdverbsBack(c2-1, lo)
				if j2 >= lo {
					if s := d.backPhrase(j2, lo); s >= 0 {
						return attribution{cue: [2]int{c, c + n - 1}, sp: [2]int{s, j2}}
					}
				}
				break
			}
		}
		// the sentence's subject, when the sentence opens with a phrase;
		// the sentence may begin before an earlier quote in it
		lo = d.sentenceStart(c, d.paraTok[d.toks[c].para])
		k := d.subjectStart(lo, c)
		if k < c {
			if e := d.fwdPhrase(k, c); e >= 0 && e < j {
				return attribution{cue: [2]int{c, c + n - 1}, sp: [2]int{k, e}}
			}
		}
		return attribution{cue: [2]int{c, c + n - 1}, sp: [2]int{-1, -1}}
	}
	return none
}

// later looks for a cue later in the quote's sentence, set off by a comma:
// the "spirit and letter" of the summit, Lavrov said / …, said Lavrov /
// …, according to a US official.
func (d *doc) later(lo, hi int) attribution {
	hi = d.sentenceEnd(lo, hi)
	for c := lo; c < hi; c++ {
		n := d.cueAt(c)
		if n == 0 {
			continue
		}
		w := d.toks[c].w
		if n == 2 && w == "according" {
			if e := d.fwdPhrase(c+2, hi); e >= 0 {
				return attribution{cue: [2]int{c, c + 1}, sp: [2]int{c + 2, e}}
			}
			continue
		}
		if partialOnly[w] {
			continue
		}
		if (cues[w] || n == 2) && d.is(c-1, ",") {
			if e := d.fwdPhrase(c+n, hi); e >= 0 && (e+1 >= hi || d.isEnd(e+1) || d.is(e+1, ",")) {
				return attribution{cue: [2]int{c, c + n - 1}, sp: [2]int{c + n, e}}
			}
		}
		j := d.skipAdverbsBack(c-1, lo)
		if j < lo {
			continue
		}
		if s := d.backPhrase(j, lo); s > lo && d.is(s-1, ",") {
			return attribution{cue: [2]int{c, c + n - 1}, sp: [2]int{s, j}}
		}
	}
	return none
}

// between finds the last cue with a speaker in [lo, hi), across sentences.
func (d *doc) between(lo, hi int) attribution {
	for c := hi - 1; c >= max(lo, hi-maxSentence); c-- {
		n := d.cueAt(c)
		if n == 0 || n == 2 {
			continue
		}
		if a := d.subjectOf(c, n, d.sentenceStart(c, lo)); a.ok() && a.sp[0] >= 0 {
			return a
		}
	}
	return none
}

// subjectStart returns where the subject of the sentence beginning at lo
// starts, past an opening adverbial set off by a comma (In Moscow, …).
func (d *doc) subjectStart(lo, hi int) int {
	k := lo
	for k < hi && d.toks[k].kind != tWord {
		k++
	}
	if k < hi && openers[d.toks[k].w] {
		for j := k + 1; j < hi; j++ {
			if d.is(j, ",") {
				return j + 1
			}
		}
	}
	return k
}

// byline finds a name set after a quote with a dash, as under a quote
// collected from readers: "…" ― Veronica Cruz.
func (d *doc) byline(lo, hi int) attribution {
	if lo+1 >= hi || d.toks[lo].kind != tPunct || !strings.Contains("―—–-", d.toks[lo].w) {
		return none
	}
	e := d.fwdPhrase(lo+1, hi)
	if e < 0 || !d.toks[lo+1].upper {
		return none
	}
	if e+1 < hi && !strings.Contains(d.text[d.toks[e].end:d.toks[e+1].start], "\n") && !d.isEnd(e+1) && !d.is(e+1, ",") {
		return none
	}
	return attribution{cue: [2]int{lo, lo}, sp: [2]int{lo + 1, e}}
}

// subjectAt reports whether a phrase beginning at token i stands where a
// subject does: at the start of a sentence or after a comma, or right after
// a quote ("…," his spokesman said).
func (d *doc) subjectAt(i int) bool {
	if i == 0 || d.toks[i-1].para != d.toks[i].para {
		return true
	}
	p := d.toks[i-1]
	return p.kind == tMark || d.isEnd(i-1) || p.w == "," || p.w == ":" || p.w == ";"
}
