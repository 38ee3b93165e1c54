// Package clean takes page furniture out of article text that did not come
// through HTML extraction (text copied from web pages, feed items, JSON
// lines): sign-in and subscription prompts, licence lines, section labels,
// photo captions and credits, share and related-story lists, markup residue.
// It finds the headline and byline, and strips section suffixes from titles.
//
// It works on whole lines, weighing general signals (furniture words, line
// shape, position before the first or after the last real paragraph, lines a
// site repeats on every page), and never rewrites a kept line beyond taking
// markup out of it: later stages index into the text. Nothing is lost:
// every non-blank input line is either in Text or in Removed.
package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"storyline/internal/news"
)

// Options carry what is known about the article besides its text.
type Options struct {
	Title, Byline string // from metadata (manifest, sidecar); may be empty
	Site          string
	// Common maps a NormLine-normalised line to the number of articles of
	// the same site containing it (see CommonLines); SiteArticles is how many
	// articles it was computed over.
	Common       map[string]int
	SiteArticles int
}

// Result is a cleaned article.
type Result struct {
	Text    string // paragraphs separated by "\n\n"; headline and byline lines removed
	Title   string // the metadata title when given, else the headline found; section suffix stripped
	Byline  string
	Removed []news.Removal // every piece taken out, in input order, with a short reason
}

// maxScanLine bounds the lines whose words are examined: furniture is
// short, and a line this long is prose or junk that is kept as it is.
const maxScanLine = 4000

// line is one non-blank input line with what the rules need to know.
type line struct {
	block    int    // index of the blank-line separated block
	orig     string // the input line, trimmed
	text     string // orig with markup taken out
	unit     string // the paragraph the line belongs to, its lines joined
	cont     bool   // continues the previous line's paragraph
	inline   []news.Removal
	toks     []string
	words    int
	endsStop bool // closes with . ! ? … (maybe inside quotes or brackets)
	bullet   bool
	credit   bool // ends with a photo credit
	score    int
	cue      cueMatch
	prose    bool
	reason   string // why the line is removed; "" keeps it
}

// Clean takes the furniture out of text. It never fails: bad input gives
// an empty or unchanged result, and invalid UTF-8 is replaced.
func Clean(text string, o Options) Result {
	text = strings.ToValidUTF8(text, "\uFFFD")
	res := Result{Title: StripTitleSuffix(oneLine(o.Title)), Byline: strings.TrimSpace(oneLine(o.Byline))}
	lines := readLines(text)
	if len(lines) == 0 {
		return res
	}
	first, last := bodyRange(lines, o)
	head := findHeadAndByline(lines, first, o, &res)
	classify(lines, first, last, head, o)
	attachCaptions(lines)
	extendLists(lines)
	dropMenus(lines, menuRun, menuWords, reasonNavigation)
	dropMenus(lines, teaserRun, teaserWords, reasonRelated)
	unify(lines)
	res.Text, res.Removed = assemble(lines)
	return res
}

// oneLine folds a metadata value's whitespace, newlines included, and
// replaces invalid UTF-8.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ToValidUTF8(s, "\uFFFD")), " ")
}

func readLines(text string) []*line {
	var out []*line
	block := 0
	blank := false
	for _, raw := range splitLines(text) {
		s := strings.TrimSpace(raw)
		if s == "" {
			blank = true
			continue
		}
		if blank && len(out) > 0 {
			block++
		}
		blank = false
		ln := &line{block: block, orig: s, text: s}
		out = append(out, ln)
		if len(s) > maxScanLine {
			continue
		}
		ln.text, ln.inline = stripMarkup(s)
		switch {
		case !hasWordChars(ln.text):
			ln.reason, ln.inline = reasonMarkup, nil
		case urlRe.MatchString(ln.text):
			ln.reason, ln.inline = reasonLink, nil
		}
	}
	// A paragraph hard-wrapped over several lines is judged as one: its
	// lines are not short unpunctuated lines.
	for i := 0; i < len(out); {
		j := i + 1
		for j < len(out) && wraps(out[j-1], out[j]) {
			out[j].cont = true
			j++
		}
		measure(out[i:j])
		i = j
	}
	return out
}

// wraps reports whether next continues prev's sentence after a line break,
// as in hard-wrapped text: a long line without closing punctuation, then
// one that opens in lower case.
func wraps(prev, next *line) bool {
	if prev.reason != "" || next.reason != "" || prev.block != next.block || len(prev.text) < 40 || len(prev.text) > maxScanLine {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(prev.text, "\"'”’)] "))
	if strings.ContainsRune(".!?…:;。！？", r) || isBullet(prev.text) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next.text)
	return unicode.IsLower(first)
}

// measure computes the features of one paragraph, its lines joined, and
// gives them to each of its lines.
func measure(group []*line) {
	lead := group[0]
	if lead.reason != "" {
		return
	}
	unit := lead.text
	if len(group) > 1 {
		parts := make([]string, len(group))
		for i, ln := range group {
			parts[i] = ln.text
		}
		unit = strings.Join(parts, " ")
	}
	f := line{unit: unit}
	if len(unit) > maxScanLine || len(lead.orig) > maxScanLine {
		f.words, f.prose, f.endsStop = 1000, true, true
	} else {
		f.toks, f.words = tokens(unit)
		f.endsStop = endsSentence(unit)
		f.bullet = isBullet(unit)
		f.credit = f.words <= 60 && hasCredit(unit)
		f.score, f.cue = furnitureScore(&f)
		f.prose = !f.credit && f.score < 2 && (f.endsStop && f.words >= 8 || f.words >= 25)
	}
	for _, ln := range group {
		ln.unit, ln.toks, ln.words, ln.endsStop, ln.bullet = f.unit, f.toks, f.words, f.endsStop, f.bullet
		ln.credit, ln.score, ln.cue, ln.prose = f.credit, f.score, f.cue, f.prose
	}
}

// endsSentence reports whether s closes with sentence punctuation, looking
// through closing quotes and brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)] 」』）")
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…。！？", r)
}

func isBullet(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("-*•–·▪►", r) {
		return n < len(s) && s[n] == ' '
	}
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	return i > 0 && i <= 2 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' '
}

// assemble joins the kept lines into paragraphs and lists what went, in
// input order. Lines of one block stay one paragraph only where a sentence
// runs on across a line break (hard-wrapped text); otherwise every line is a
// paragraph of its own.
func assemble(lines []*line) (string, []news.Removal) {
	var b strings.Builder
	var removed []news.Removal
	var prev *line
	for _, ln := range lines {
		if ln.reason != "" {
			removed = append(removed, news.Removal{Text: ln.orig, Reason: ln.reason})
			prev = nil
			continue
		}
		removed = append(removed, ln.inline...)
		if b.Len() > 0 {
			if prev != nil && ln.cont {
				b.WriteByte('\n')
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(ln.text)
		prev = ln
	}
	return b.String(), removed
}
