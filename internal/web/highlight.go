package web

import (
	"html"
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"
)

// mark is one annotation to draw over an article's text. Layers nest
// sentences outside quotes outside names, figures and dates; within a
// layer marks do not overlap (a later one that would is dropped).
type mark struct {
	start, end int
	layer      int
	tag        string // element name: span or a
	id         string // only on the first piece of a mark cut in two
	class      string
	href       string
	title      string
}

const (
	layerSentence = iota
	layerQuote
	layerName
	layerFigure
	layerDate
)

// highlight renders text with marks as HTML. It is the one place in the
// server that writes markup by hand instead of through html/template,
// because annotations can cross (a quote running over two sentences): a
// mark cut by the end of an outer one is closed and opened again. Every
// piece of text and every attribute goes through html.EscapeString; the
// fuzz test parses the output and checks that the text comes back
// unchanged and that no element but ours appears.
func highlight(text string, marks []mark) template.HTML {
	marks = tidyMarks(text, marks)
	var b strings.Builder
	b.Grow(len(text) + len(marks)*48)
	type open struct {
		m      *mark
		opened bool // its first piece (with the id) was written
	}
	var stack []open
	bounds := map[int]bool{0: true, len(text): true}
	for _, m := range marks {
		bounds[m.start], bounds[m.end] = true, true
	}
	points := make([]int, 0, len(bounds))
	for p := range bounds {
		points = append(points, p)
	}
	sort.Ints(points)
	writeOpen := func(o *open) {
		m := o.m
		b.WriteString("<" + m.tag)
		if m.id != "" && !o.opened {
			b.WriteString(` id="` + html.EscapeString(m.id) + `"`)
		}
		cls := m.class
		if o.opened {
			cls += " cont"
		}
		b.WriteString(` class="` + html.EscapeString(cls) + `"`)
		if m.href != "" {
			b.WriteString(` href="` + html.EscapeString(m.href) + `"`)
		}
		if m.title != "" {
			b.WriteString(` title="` + html.EscapeString(m.title) + `"`)
		}
		b.WriteString(">")
		o.opened = true
	}
	next := 0 // next mark to open
	for k, p := range points {
		// Close what ends here: everything above the lowest mark that
		// ends is closed, and the ones that go on are opened again.
		low := -1
		for i, o := range stack {
			if o.m.end == p {
				low = i
				break
			}
		}
		if low >= 0 {
			for i := len(stack) - 1; i >= low; i-- {
				b.WriteString("</" + stack[i].m.tag + ">")
			}
			kept := stack[:low]
			for _, o := range stack[low:] {
				if o.m.end != p {
					kept = append(kept, o)
					writeOpen(&kept[len(kept)-1])
				}
			}
			stack = kept
		}
		for next < len(marks) && marks[next].start == p {
			stack = append(stack, open{m: &marks[next]})
			writeOpen(&stack[len(stack)-1])
			next++
		}
		if k+1 < len(points) {
			b.WriteString(html.EscapeString(text[p:points[k+1]]))
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		b.WriteString("</" + stack[i].m.tag + ">")
	}
	return template.HTML(b.String()) //nolint:gosec // escaped piece by piece above
}

// tidyMarks drops empty and out-of-range marks, moves offsets that fall
// inside a UTF-8 sequence to its start, sorts outer marks first, and drops
// a mark that overlaps an earlier one of its layer.
func tidyMarks(text string, in []mark) []mark {
	snap := func(p int) int {
		p = max(0, min(p, len(text)))
		for p > 0 && p < len(text) && !utf8.RuneStart(text[p]) {
			p--
		}
		return p
	}
	out := make([]mark, 0, len(in))
	for _, m := range in {
		m.start, m.end = snap(m.start), snap(m.end)
		if m.start < m.end && (m.tag == "span" || m.tag == "a") {
			out = append(out, m)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.start != b.start {
			return a.start < b.start
		}
		if a.end != b.end {
			return a.end > b.end
		}
		return a.layer < b.layer
	})
	lastEnd := map[int]int{}
	kept := out[:0]
	for _, m := range out {
		if e, ok := lastEnd[m.layer]; ok && m.start < e {
			continue
		}
		lastEnd[m.layer] = m.end
		kept = append(kept, m)
	}
	return kept
}
