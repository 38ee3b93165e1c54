package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The rules that decide lines by where they stand: the story's paragraphs,
// what is above and below them, and the lines that go with a removed one.

// repeated reports whether enough articles of the site share the line to
// call it the site's furniture.
func repeated(ln *line, o Options) bool {
	if o.SiteArticles < 2 || len(o.Common) == 0 || len(ln.orig) > maxCommonLine {
		return false
	}
	n := o.Common[NormLine(ln.orig)]
	if n < 2 {
		return false
	}
	if ln.prose {
		// A paragraph two versions of one story share is not furniture;
		// a sentence printed under most of a site's articles is.
		return n >= 3 && n*4 >= o.SiteArticles*3
	}
	return n*2 >= o.SiteArticles || n >= 5
}

// bodyRange returns the indexes of the first and last real paragraphs of
// the story, or -1, -1 when there are none. Paragraphs the site prints
// under every article do not count, unless they are all there is; nor does
// a stray paragraph or two (a legal notice, a teaser) cut off from the
// story by a long run of other lines, such as a list of links.
func bodyRange(lines []*line, o Options) (int, int) {
	var prose []int
	total := 0
	for pass := 0; pass < 2 && len(prose) == 0; pass++ {
		for i, ln := range lines {
			if ln.prose && ln.reason == "" && (pass == 1 || !repeated(ln, o)) {
				prose = append(prose, i)
				total += len(ln.text)
			}
		}
	}
	if len(prose) == 0 {
		return -1, -1
	}
	// gap counts the kept lines between two paragraphs.
	gap := func(a, b int) int {
		n := 0
		for _, ln := range lines[a+1 : b] {
			if ln.reason == "" {
				n++
			}
		}
		return n
	}
	lo, hi := 0, len(prose)-1
	for bytes := 0; hi > lo; hi-- {
		bytes += len(lines[prose[hi]].text)
		if len(prose)-hi > maxStray || bytes*5 > total {
			break
		}
		if gap(prose[hi-1], prose[hi]) >= minGap {
			// Everything from hi on is cut off: drop it and look again.
			return trimHead(lines, prose[:hi], total-bytes, gap)
		}
	}
	return trimHead(lines, prose, total, gap)
}

// maxStray and minGap say when paragraphs at an end are cut off from the
// story: at most maxStray of them, behind at least minGap other lines.
const (
	maxStray = 2
	minGap   = 6
)

func trimHead(lines []*line, prose []int, total int, gap func(a, b int) int) (int, int) {
	last := prose[len(prose)-1]
	for lo, bytes := 0, 0; lo < len(prose)-1; lo++ {
		bytes += len(lines[prose[lo]].text)
		if lo+1 > maxStray || bytes*5 > total {
			break
		}
		if gap(prose[lo], prose[lo+1]) >= minGap {
			return prose[lo+1], last
		}
	}
	return prose[0], last
}

// headLimit bounds how far down the headline and byline are looked for
// when the text has no real paragraph to stop at; headWindow, how far above
// the first paragraph.
const (
	headLimit  = 8
	headWindow = 40
)

// findHeadAndByline marks the headline and byline lines and returns the
// headline's index, or -1.
func findHeadAndByline(lines []*line, first int, o Options, res *Result) int {
	top := first
	if top < 0 {
		top = min(headLimit, len(lines))
	}
	// Headline and byline sit just above the story, however much page
	// header comes before them.
	near := max(0, top-headWindow)
	head := -1
	if res.Title != "" {
		for i, ln := range lines[:top] {
			if ln.reason == "" && sameTitle(ln.unit, o.Title) {
				ln.reason, head = reasonHeadline, i
				break
			}
		}
	}
	if res.Byline != "" {
		want := normTitle(res.Byline)
		for _, ln := range lines[near:top] {
			if ln.reason != "" {
				continue
			}
			got := normTitle(ln.unit)
			if got == want || strings.TrimPrefix(got, "by ") == want || bylineOf(ln) != "" && strings.Contains(got, want) {
				ln.reason = reasonByline
				break
			}
		}
	} else {
		for _, ln := range lines[near:top] {
			if ln.reason == "" && ln.score < 2 {
				if b := bylineOf(ln); b != "" {
					res.Byline, ln.reason = b, reasonByline
					break
				}
			}
		}
	}
	// A headline is only found above a paragraph: in a text with none, the
	// first short line may be all the text there is.
	if res.Title == "" && first > 0 {
		// The candidate nearest the story: menus and teasers come above it.
		// But a longer line right under a shorter one is a standfirst
		// under its headline, and stays in the text.
		candidate := func(ln *line) bool {
			return ln.reason == "" && !ln.credit && ln.score < 2 && !isTagline(ln) && !isDateLine(ln.toks) && isHeadline(ln)
		}
		for i := top - 1; i >= near; i-- {
			if !candidate(lines[i]) || lines[i].cont {
				continue
			}
			if p := prevKept(lines, i); p >= 0 && candidate(lines[p]) && lines[p].block >= lines[i].block-1 && lines[p].words < lines[i].words {
				i = p
			}
			res.Title, lines[i].reason, head = StripTitleSuffix(lines[i].unit), reasonHeadline, i
			break
		}
	}
	if res.Byline == "" && head >= 0 {
		// One name alone, right above or below the headline, is its byline.
		for _, i := range []int{head - 1, head + 1} {
			if i >= 0 && i < top && lines[i].reason == "" && isLoneName(lines[i]) {
				res.Byline, lines[i].reason = lines[i].unit, reasonByline
				break
			}
		}
	}
	return head
}

// prevKept returns the index of the nearest line above i that is still
// kept, or -1.
func prevKept(lines []*line, i int) int {
	for j := i - 1; j >= 0; j-- {
		if lines[j].reason == "" {
			return j
		}
	}
	return -1
}

// isLoneName reports a line of one person's name: two or three capitalised
// words, not shouted in capitals as section labels are.
func isLoneName(ln *line) bool {
	if ln.words < 2 || ln.words > 3 || ln.endsStop || strings.ToUpper(ln.unit) == ln.unit {
		return false
	}
	ok, n, _ := nameList(ln.unit)
	return ok && n == 1 && !strings.ContainsAny(ln.unit, "0123456789&|:")
}

// classify decides the remaining lines by position: above the first real
// paragraph and below the last, what is not prose is furniture; between
// them, a line goes only on positive evidence.
func classify(lines []*line, first, last, head int, o Options) {
	dataList := labelRuns(lines)
	for i, ln := range lines {
		if ln.reason != "" {
			continue
		}
		top := first >= 0 && i < first
		bottom := first >= 0 && i > last
		edge := top || bottom
		switch {
		case ln.credit:
			ln.reason = reasonCaption
		case ln.score >= 3 || edge && ln.score >= 2 && (ln.cue.weight >= 2 || !ln.endsStop):
			// At the edges weaker evidence will do, but a short sentence
			// that merely mentions a photo or a comment is the story's.
			ln.reason = ln.cue.reason
		case repeated(ln, o) && (edge || !ln.prose):
			ln.reason = reasonRepeated
		case !edge:
		case isDateLine(ln.toks):
			ln.reason = reasonDate
		case isTagline(ln):
			ln.reason = reasonTagline
		case ln.bullet || ln.endsStop || strings.HasSuffix(ln.unit, ":"):
			// A list or a short sentence of the story's own.
		case top && (ln.words <= 4 || (i < head || head < 0) && ln.words <= 20):
			// Labels anywhere above the story; above the headline, the
			// whole of the site's header and menus. Below the headline a
			// longer line may be the story's standfirst.
			if ln.words <= 4 && isLabel(ln.unit) {
				ln.reason = reasonSection
			} else {
				ln.reason = reasonHeader
			}
		case bottom && ln.words <= 15 && !dataList[i] && !(i+1 < len(lines) && dataList[i+1]):
			// Not a list of data nor its heading.
			ln.reason = reasonFooter
		}
	}
}

// isLabel reports a line of capitalised or upper-case words: a section name.
func isLabel(s string) bool {
	for w := range strings.FieldsSeq(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && w != "&" {
			return false
		}
	}
	return true
}

// attachCaptions removes the short description lines printed right above
// or below a credited caption ("A damaged building" over "… (AP PHOTO)").
func attachCaptions(lines []*line) {
	for i, ln := range lines {
		if ln.reason != "" || ln.endsStop || ln.words > 20 || ln.bullet {
			continue
		}
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(lines) && lines[j].block == ln.block && lines[j].credit && lines[j].reason == reasonCaption {
				ln.reason = reasonCaption
				break
			}
		}
	}
}

// extendLists removes the links under a removed list heading ("Related",
// "Share this article"): the short unpunctuated lines up to the next real
// sentence.
func extendLists(lines []*line) {
	for i := 0; i < len(lines); i++ {
		h := lines[i]
		if !isListHeading(h) {
			continue
		}
		for i+1 < len(lines) {
			ln := lines[i+1]
			if isListHeading(ln) || ln.reason == "" && (ln.endsStop || ln.words > 20 || ln.prose || strings.HasSuffix(ln.unit, ":")) {
				break
			}
			if ln.reason == "" || ln.reason == reasonFooter || ln.reason == reasonHeader {
				ln.reason = h.reason
			}
			i++
		}
	}
}

// Menus are runs of at least menuRun lines of at most menuWords words;
// lists of teaser headlines, runs of at least teaserRun lines of at most
// teaserWords.
const (
	menuRun, menuWords     = 5, 5
	teaserRun, teaserWords = 10, 20
)

// dropMenus removes runs of short unpunctuated lines, the way menus and
// lists of links to other stories print once a page is flattened to text.
// A list the story itself gives has bullets or a lead-in line ending in a
// colon, and its items are rarely so many without either.
func dropMenus(lines []*line, minRun, maxWords int, reason string) {
	data := labelRuns(lines)
	linkLike := func(i int) bool {
		ln := lines[i]
		return ln.reason == "" && !ln.endsStop && !ln.bullet && ln.words <= maxWords && !strings.HasSuffix(ln.unit, ":") && !data[i]
	}
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && (linkLike(j) || lines[j].reason != "" && j > i) {
			j++
		}
		n := 0
		for k := i; k < j; k++ {
			if linkLike(k) {
				n++
			}
		}
		if n >= minRun && !(i > 0 && strings.HasSuffix(lines[i-1].unit, ":") && lines[i-1].reason == "") {
			for _, ln := range lines[i:j] {
				if ln.reason == "" {
					ln.reason = reason
				}
			}
		}
		i = max(j, i+1)
	}
}

// labelRuns marks the lines of runs of three or more "label: value" lines
// (results, standings, specifications): data the story lists, which menus
// and teasers seldom look like.
func labelRuns(lines []*line) []bool {
	isLV := func(ln *line) bool {
		k := strings.Index(ln.unit, ": ")
		return ln.reason == "" && k > 0 && len(strings.Fields(ln.unit[:k])) <= 6 && hasWordChars(ln.unit[k+2:])
	}
	out := make([]bool, len(lines))
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && isLV(lines[j]) {
			j++
		}
		if j-i >= 3 {
			for k := i; k < j; k++ {
				out[k] = true
			}
		}
		i = max(j, i+1)
	}
	return out
}

// unify gives every line of a wrapped paragraph the fate of the first of
// its lines that was removed: a paragraph stands or falls whole.
func unify(lines []*line) {
	for i := 0; i < len(lines); {
		j, reason := i+1, lines[i].reason
		for j < len(lines) && lines[j].cont {
			if reason == "" {
				reason = lines[j].reason
			}
			j++
		}
		for _, ln := range lines[i:j] {
			if ln.reason == "" {
				ln.reason = reason
			}
		}
		i = j
	}
}

// isListHeading reports a removed line that is only a heading over links
// ("Related stories", "Share this article"), not a link itself ("Read more:
// some headline").
func isListHeading(ln *line) bool {
	return ln.reason != "" && ln.cue.list && ln.cue.atStart && ln.words <= 5 && !strings.Contains(strings.TrimRight(ln.unit, ": "), ":")
}
