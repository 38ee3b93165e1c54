package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode"
)

// Formats the report can be written in.
var Formats = []string{"text", "md", "json"}

// Write renders r in format to w.
func Write(w io.Writer, r *Report, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(true) // the JSON may be pasted into a page
		return enc.Encode(r)
	case "text":
		return writeText(w, r)
	case "md", "markdown":
		return writeMarkdown(w, r)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// safe makes untrusted text fit for a terminal: control characters (escape
// sequences could rewrite the screen) become spaces, runs of space fold.
func safe(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func short(s string, n int) string {
	s = safe(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func deref(s *string, empty string) string {
	if s == nil || *s == "" {
		return empty
	}
	return *s
}

func num(p *float64) string {
	if p == nil {
		return ""
	}
	return fmt.Sprintf("%g", *p)
}

// amount says a figure's value and bounds in words a reader expects.
func amount(f Figure) string {
	switch {
	case f.From != nil && f.Value != nil:
		return num(f.From) + " → " + num(f.Value)
	case f.Value != nil && f.Min != nil && f.Max != nil && *f.Min == *f.Value && *f.Max == *f.Value:
		return num(f.Value)
	case f.Min != nil && f.Max != nil:
		return num(f.Min) + "–" + num(f.Max)
	case f.Min != nil:
		return "≥ " + num(f.Min)
	case f.Max != nil:
		return "≤ " + num(f.Max)
	}
	return num(f.Value)
}

func articleLabel(a Article) string {
	who := deref(a.Outlet, deref(a.Site, "unknown outlet"))
	return fmt.Sprintf("%s, %s", who, deref(a.Published, "date unknown"))
}

func writeText(w io.Writer, r *Report) error {
	p := &printer{w: w}
	p.f("storyline report: %s\n", counts(r))
	if len(r.Failures) > 0 {
		p.f("%s failed (see the end)\n", plural(len(r.Failures), "input"))
	}
	for _, v := range r.storyViews() {
		writeStoryText(p, v)
	}
	p.f("\nARTICLES\n")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, a := range r.Articles {
		extra := ""
		switch {
		case a.RewriteOf != nil:
			extra = "  rewrite of " + *a.RewriteOf
		case a.DuplicateOf != nil:
			extra = "  copy of " + *a.DuplicateOf
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%d removed%s\n", a.ID, short(deref(a.Title, "(no title)"), 60), articleLabel(a), len(a.Removed), extra)
	}
	tw.Flush()
	writeRelationsText(p, r.Relations)
	if len(r.Figures) > 0 {
		p.f("\nFIGURES\n")
		for _, f := range r.Figures {
			p.f("  %-12s %-10s %-12s %q  (%s)\n", amount(f), short(f.Unit, 10), short(f.Measure, 12), short(f.Text, 50), f.Article)
		}
	}
	if len(r.Quotes) > 0 {
		p.f("\nQUOTES\n")
		for _, q := range r.Quotes {
			p.f("  %s: “%s” (%s)\n", short(q.SpeakerText, 40), short(q.Text, 100), q.Article)
		}
	}
	if len(r.Entities) > 0 {
		p.f("\nENTITIES\n")
		for _, e := range r.Entities {
			p.f("  %-12s %s  [%s]  %s\n", e.Kind, short(e.Name, 40), short(strings.Join(e.Aliases, " / "), 60), plural(len(e.Articles), "article"))
		}
	}
	if loose := looseMoments(r.Timeline); len(loose) > 0 {
		p.f("\nTIMELINE\n")
		for _, m := range loose {
			p.f("  %-11s %-7s %s\n", m.Date, m.Precision, short(m.What, 90))
		}
	}
	if len(r.Failures) > 0 {
		p.f("\nFAILED INPUTS\n")
		for _, f := range r.Failures {
			p.f("  %s: %s\n", safe(f.Input), safe(f.Reason))
		}
	}
	return p.err
}

// mdCell escapes untrusted text for a Markdown table cell: no markup, links,
// HTML or line breaks can come through.
func mdCell(s string) string {
	s = safe(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '|', '\\', '`', '*', '_', '[', ']', '<', '>', '#', '!', '~', '(', ')':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func writeMarkdown(w io.Writer, r *Report) error {
	p := &printer{w: w}
	p.f("# storyline report\n\n%s\n", strings.ReplaceAll(counts(r), ", ", " · "))
	for _, v := range r.storyViews() {
		writeStoryMarkdown(p, v)
	}
	p.f("\n## Articles\n\n| id | title | outlet | published | removed | rewrite of | copy of |\n|---|---|---|---|---|---|---|\n")
	for _, a := range r.Articles {
		p.f("| %s | %s | %s | %s | %d | %s | %s |\n", a.ID, mdCell(short(deref(a.Title, "(no title)"), 80)),
			mdCell(deref(a.Outlet, deref(a.Site, "unknown"))), deref(a.Published, "unknown"), len(a.Removed), deref(a.RewriteOf, ""), deref(a.DuplicateOf, ""))
	}
	writeRelationsMarkdown(p, r.Relations)
	if len(r.Figures) > 0 {
		p.f("\n## Figures\n\n| amount | unit | measure | text | article |\n|---|---|---|---|---|\n")
		for _, f := range r.Figures {
			p.f("| %s | %s | %s | %s | %s |\n", mdCell(amount(f)), mdCell(f.Unit), mdCell(f.Measure), mdCell(short(f.Text, 60)), f.Article)
		}
	}
	if len(r.Quotes) > 0 {
		p.f("\n## Quotes\n\n| speaker | quote | article |\n|---|---|---|\n")
		for _, q := range r.Quotes {
			p.f("| %s | %s | %s |\n", mdCell(q.SpeakerText), mdCell(short(q.Text, 160)), q.Article)
		}
	}
	if len(r.Entities) > 0 {
		p.f("\n## Entities\n\n| name | kind | spellings | articles |\n|---|---|---|---|\n")
		for _, e := range r.Entities {
			p.f("| %s | %s | %s | %d |\n", mdCell(e.Name), e.Kind, mdCell(strings.Join(e.Aliases, " / ")), len(e.Articles))
		}
	}
	if loose := looseMoments(r.Timeline); len(loose) > 0 {
		p.f("\n## Timeline\n\n| date | precision | what |\n|---|---|---|\n")
		for _, m := range loose {
			p.f("| %s | %s | %s |\n", mdCell(m.Date), m.Precision, mdCell(short(m.What, 160)))
		}
	}
	if len(r.Failures) > 0 {
		p.f("\n## Failed inputs\n\n")
		for _, f := range r.Failures {
			p.f("- %s: %s\n", mdCell(f.Input), mdCell(f.Reason))
		}
	}
	return p.err
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	switch {
	case strings.HasSuffix(word, "y"):
		return fmt.Sprintf("%d %sies", n, word[:len(word)-1])
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func counts(r *Report) string {
	return strings.Join([]string{plural(len(r.Articles), "article"), plural(len(r.Events), "event"),
		plural(len(r.Stories), "story"), plural(len(r.Entities), "entity"), plural(len(r.Quotes), "quote"),
		plural(len(r.Figures), "figure")}, ", ")
}

// Write lets tabwriter print through the printer, keeping its first error.
func (p *printer) Write(b []byte) (int, error) {
	if p.err != nil {
		return 0, p.err
	}
	n, err := p.w.Write(b)
	p.err = err
	return n, err
}
