package timex

import (
	"strconv"
	"strings"

	"storyline/internal/news"
)

// cand is one rule's reading of the tokens [i, j).
type cand struct {
	j        int
	typ      news.DateType // "" marks tokens to skip (an age)
	prec     news.Precision
	value    string
	anchored bool // the value was computed from the anchor
	// unresolved marks a reference to a time the text sets elsewhere ("that
	// day", "the next morning"): the value keeps the words.
	unresolved bool
}

// finder holds one scan. end bounds the current paragraph: no expression
// spans a blank line, so a heading never fuses with the text below it, while
// a hard-wrapped line ("Jan.\n14") still reads as one.
type finder struct {
	text      string
	toks      []token
	a         day
	hasAnchor bool
	end       int
}

// rule reads an expression starting at token i.
type rule func(f *finder, i int) (cand, bool)

// rules are tried in this order; the longest reading wins, the earlier rule
// on a tie.
var rules = []rule{(*finder).clock, (*finder).date, (*finder).set, (*finder).quantity, (*finder).vague, (*finder).anaphor}

func (f *finder) run() []news.DateRef {
	var out []news.DateRef
	n := len(f.toks)
	for ls := 0; ls < n; {
		le := ls + 1
		for le < n && !f.toks[le].para {
			le++
		}
		f.end = le
		for i := ls; i < le; {
			if !f.canStart(i) {
				i++
				continue
			}
			best, found := cand{}, false
			for _, r := range rules {
				if c, ok := r(f, i); ok && c.j > i && (!found || c.j > best.j) {
					best, found = c, true
				}
			}
			if !found {
				i++
				continue
			}
			if best.typ != "" {
				out = append(out, f.ref(i, best))
			}
			i = best.j
		}
		ls = le
	}
	return out
}

// ref turns a reading into a DateRef; without an anchor an anchored value
// is replaced by the words themselves.
func (f *finder) ref(i int, c cand) news.DateRef {
	sp := news.Span{Start: f.toks[i].start, End: f.toks[c.j-1].end}
	r := news.DateRef{Span: sp, Type: c.typ, Value: c.value, Precision: c.prec, Resolved: true}
	switch {
	case c.unresolved || c.anchored && !f.hasAnchor:
		r.Value, r.Resolved = f.text[sp.Start:sp.End], false
	case strings.HasSuffix(c.value, "_REF"):
		// "now", "recently": TIMEX3 values, but no place on a calendar.
		r.Resolved = false
	}
	return r
}

// word is the lower-cased word at i, or "" for anything else.
func (f *finder) word(i int) string {
	if i < 0 || i >= f.end || f.toks[i].kind != tWord {
		return ""
	}
	return f.toks[i].lower
}

// upperWord is like word but only for capitalised words.
func (f *finder) upperWord(i int) string {
	if i < 0 || i >= f.end || f.toks[i].kind != tWord || !f.toks[i].upper {
		return ""
	}
	return f.toks[i].lower
}

// punct reports whether token i is the punctuation s.
func (f *finder) punct(i int, s string) bool {
	return i >= 0 && i < f.end && f.toks[i].kind == tPunct && f.toks[i].lower == s
}

// tight reports whether token i follows token i-1 with no space between.
func (f *finder) tight(i int) bool { return i > 0 && i < f.end && !f.toks[i].space }

// num returns the value of a digit token at i and its digit count.
func (f *finder) num(i int) (n, digits int, ok bool) {
	if i < 0 || i >= f.end || f.toks[i].kind != tNum {
		return 0, 0, false
	}
	t := f.toks[i]
	return t.num, t.end - t.start, true
}

// skipDot steps over a full stop glued to an abbreviation ("Jan.", "Sept.").
func (f *finder) skipDot(i int) int {
	if f.punct(i, ".") && f.tight(i) {
		return i + 1
	}
	return i
}

// apostrophe reports whether token i is a straight or curly apostrophe.
func (f *finder) apostrophe(i int) bool { return f.punct(i, "'") || f.punct(i, "’") }

// skipPossessive steps over "'s" glued to the previous word.
func (f *finder) skipPossessive(i int) int {
	if f.apostrophe(i) && f.tight(i) && f.word(i+1) == "s" && f.tight(i+1) {
		return i + 2
	}
	return i
}

// prevWord is the word before token i on the same line, "" if none.
func (f *finder) prevWord(i int) string {
	if i <= 0 || f.toks[i].para {
		return ""
	}
	t := f.toks[i-1]
	if t.kind != tWord {
		return ""
	}
	return t.lower
}

// sentenceStart reports whether token i opens a sentence or line, where a
// capital letter says nothing about a name.
func (f *finder) sentenceStart(i int) bool {
	if i == 0 || f.toks[i].para {
		return true
	}
	switch f.toks[i-1].lower {
	case ".", "!", "?", "\"", "“", "”", ":", "(", "'", "‘", "—", "-":
		return true
	}
	return false
}

// future reports whether the clause before token i looks ahead in time. It
// reads back to the start of the sentence, stopping at a reporting verb.
func (f *finder) future(i int) bool {
	for k, steps := i-1, 0; k >= 0 && steps < 20; k, steps = k-1, steps+1 {
		t := f.toks[k]
		if t.kind == tPunct && (t.lower == "." || t.lower == "!" || t.lower == "?" || t.lower == ";") {
			return false
		}
		if t.kind != tWord {
			if f.toks[k+1].para {
				return false
			}
			continue
		}
		if clauseBreaks[t.lower] {
			return false
		}
		if futureCues[t.lower] {
			return true
		}
		if planCues[t.lower] && k+1 < len(f.toks) && (f.toks[k+1].lower == "to" || f.toks[k+1].lower == "for") {
			return true
		}
		if t.para {
			return false
		}
	}
	return false
}

// fmtCount writes a count for a TIMEX3 duration: "X" when unknown.
func fmtCount(v float64, known bool) string {
	if !known {
		return "X"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// canStart is the fast scan: only numbers, a decade's apostrophe and words
// some rule begins with can open an expression.
func (f *finder) canStart(i int) bool {
	t := f.toks[i]
	switch t.kind {
	case tNum:
		return true
	case tPunct:
		return f.apostrophe(i)
	}
	return starters[t.lower]
}

// starters are the words a rule may begin with.
var starters = func() map[string]bool {
	m := map[string]bool{}
	for _, words := range []string{
		"noon midday midnight", // clock
		"early late earlier later mid the end beginning start middle", // date modifiers
		"today tonight yesterday tomorrow overnight this last next past previous coming current following fiscal q year",
		"thanksgiving christmas xmas new easter good halloween valentine independence memorial labor labour boxing veterans election",
		"daily weekly monthly yearly hourly nightly biweekly every each once twice per a an", // sets
		"more less fewer at up as no dozens hundreds thousands recent",                       // counts
		"now currently presently nowadays recently lately these that",                        // vague, anaphors
	} {
		for _, w := range strings.Fields(words) {
			m[w] = true
		}
	}
	for _, lex := range []map[string]bool{approxWords, vagueCounts} {
		for w := range lex {
			m[w] = true
		}
	}
	for w := range months {
		m[w] = true
	}
	for w := range weekdays {
		m[w] = true
	}
	for w := range numberWords {
		m[w] = true
	}
	for w := range units {
		m[w] = true
	}
	for w := range seasonCode {
		m[w] = true
	}
	for w := range ordinals {
		m[w] = true
	}
	return m
}()
