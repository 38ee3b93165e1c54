package ingest

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags end a paragraph: the text before and after them is separated
// by a blank line.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Dd: true, atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true,
	atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true, atom.Footer: true,
	atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true, atom.Li: true,
	atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true, atom.Pre: true,
	atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tr: true,
	atom.Ul: true, atom.Caption: true, atom.Body: true, atom.Html: true,
}

// droppedTags hold no reader-visible text.
var droppedTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Svg: true, atom.Math: true,
	atom.Head: true, atom.Select: true, atom.Button: true, atom.Canvas: true,
	atom.Audio: true, atom.Video: true, atom.Title: true,
}

// fragmentText turns an HTML fragment (a feed item's content) into plain
// text: blocks become paragraphs separated by blank lines, <br> a line
// break, scripts and styles vanish, entities are decoded and runs of
// whitespace inside a paragraph fold to one space, as a browser shows them.
//
// It works on the token stream rather than a parsed tree: a paragraph
// break needs only the tag, and the tree builder refuses markup nested
// deeper than 512 elements, which outside input can be.
func fragmentText(fragment string) string {
	z := html.NewTokenizer(strings.NewReader(fragment))
	var w textWriter
	dropped := 0 // open elements whose content is dropped
	for {
		switch z.Next() {
		case html.ErrorToken:
			// The only error a string reader gives is io.EOF.
			return w.String()
		case html.TextToken:
			if dropped == 0 {
				w.text(string(z.Text()))
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if droppedTags[a] {
				dropped++
			} else if dropped == 0 {
				w.start(a)
			}
		case html.SelfClosingTagToken:
			name, _ := z.TagName()
			if a := atom.Lookup(name); dropped == 0 && !droppedTags[a] {
				w.start(a)
				w.end(a)
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			if droppedTags[a] {
				dropped = max(dropped-1, 0)
			} else if dropped == 0 {
				w.end(a)
			}
		}
	}
}

// textWriter collects text with pending breaks, so that nested blocks give
// one blank line, not several.
type textWriter struct {
	b     strings.Builder
	brk   int  // pending line breaks: 1 = newline, 2 = blank line
	space bool // a space is pending before the next word
	pre   int  // depth inside <pre>, where whitespace is kept
}

func (w *textWriter) lineBreak(n int) {
	w.brk = max(w.brk, n)
	w.space = false
}

func (w *textWriter) text(s string) {
	if w.pre > 0 {
		w.flush()
		w.b.WriteString(s)
		return
	}
	for i, f := range strings.Fields(s) {
		if i > 0 || startsWithSpace(s) {
			w.space = true
		}
		w.flush()
		w.b.WriteString(f)
	}
	if endsWithSpace(s) {
		w.space = true
	}
}

// flush writes the pending separators before new text.
func (w *textWriter) flush() {
	if w.b.Len() == 0 {
		w.brk, w.space = 0, false
		return
	}
	switch {
	case w.brk >= 2:
		w.b.WriteString("\n\n")
	case w.brk == 1:
		w.b.WriteString("\n")
	case w.space:
		w.b.WriteString(" ")
	}
	w.brk, w.space = 0, false
}

// start handles an opening tag.
func (w *textWriter) start(a atom.Atom) {
	switch {
	case a == atom.Br:
		w.lineBreak(1)
	case a == atom.Td || a == atom.Th:
		if w.brk == 0 {
			w.space = true
		}
	case blockTags[a]:
		w.lineBreak(2)
	}
	if a == atom.Pre {
		w.pre++
	}
}

// end handles a closing tag.
func (w *textWriter) end(a atom.Atom) {
	if a == atom.Pre && w.pre > 0 {
		w.pre--
	}
	if blockTags[a] {
		w.lineBreak(2)
	}
}

// String returns the text with at most one blank line in a row, even where
// preformatted text meets a block.
func (w *textWriter) String() string {
	s := normalize(w.b.String())
	for strings.Contains(s, "\n\n\n") {
		s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
	}
	return s
}

func startsWithSpace(s string) bool {
	return s != "" && strings.TrimLeft(s[:1], " \t\n\r\f") == ""
}

func endsWithSpace(s string) bool {
	return s != "" && strings.TrimRight(s[len(s)-1:], " \t\n\r\f") == ""
}
