package report

import (
	"fmt"
	"strings"
	"text/tabwriter"
)

// looseMoments are the timeline entries no story holds (the whole timeline
// before stories are made); a story's own are shown with the story.
func looseMoments(ms []Moment) []Moment {
	var out []Moment
	for _, m := range ms {
		if m.Story == "" {
			out = append(out, m)
		}
	}
	return out
}

func writeStoryText(p *printer, v storyView) {
	p.f("\nSTORY %s\n", safe(v.Story.Title))
	if v.Story.Pages > 1 {
		p.f("  (%s of events, newest first: its timeline and quotes are lined up page by page)\n", plural(v.Story.Pages, "page"))
	}
	for _, e := range v.Events {
		p.f("  event %s (%s – %s): %s\n", safe(e.Title), deref(e.Start, "?"), deref(e.End, "?"), plural(len(e.Articles), "article"))
	}
	if len(v.Facts) > 0 {
		p.f("\n  FACTS BY OUTLET (disagreements first)\n")
		tw := tabwriter.NewWriter(p, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "  status\tfact")
		for _, o := range v.Outlets {
			fmt.Fprintf(tw, "\t%s", short(outletName(o), 24))
		}
		fmt.Fprintln(tw)
		for _, f := range v.Facts {
			fmt.Fprintf(tw, "  %s\t%s", f.Status, short(factName(f), 28))
			for _, o := range v.Outlets {
				c := v.cell(f.ID, o)
				if c == "" {
					c = "—"
				}
				fmt.Fprintf(tw, "\t%s", short(c, 24))
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
		for _, f := range v.Facts {
			if f.Note != "" {
				p.f("  %s %s: %s\n", f.Status, safe(factName(f)), safe(f.Note))
			}
		}
	}
	if len(v.Variants) > 0 {
		p.f("\n  ONE QUOTE, SEVERAL WORDINGS\n")
		for _, g := range v.Variants {
			for i, q := range g {
				lead := "   "
				if i == 0 {
					lead = "  •"
				}
				p.f("%s %s: “%s” (%s)\n", lead, short(speakerOf(q), 30), short(q.Text, 110), q.Article)
			}
		}
	}
	if len(v.Timeline) > 0 {
		p.f("\n  TIMELINE\n")
		for _, m := range v.Timeline {
			p.f("    %-11s %-7s %s%s\n", m.Date, m.Precision, short(m.What, 80), wordings(m))
		}
	}
}

func writeStoryMarkdown(p *printer, v storyView) {
	p.f("\n## Story: %s\n\n", mdCell(v.Story.Title))
	if v.Story.Pages > 1 {
		p.f("_%s of events, newest first: its timeline and quotes are lined up page by page._\n\n", plural(v.Story.Pages, "page"))
	}
	for _, e := range v.Events {
		p.f("- **%s** (%s – %s), %s\n", mdCell(e.Title), deref(e.Start, "?"), deref(e.End, "?"), plural(len(e.Articles), "article"))
	}
	if len(v.Facts) > 0 {
		p.f("\n### Facts by outlet (disagreements first)\n\n| status | fact |")
		for _, o := range v.Outlets {
			p.f(" %s |", mdCell(outletName(o)))
		}
		p.f("\n|---|---|%s\n", strings.Repeat("---|", len(v.Outlets)))
		for _, f := range v.Facts {
			p.f("| %s | %s |", f.Status, mdCell(factName(f)))
			for _, o := range v.Outlets {
				c := v.cell(f.ID, o)
				if c == "" {
					c = "—"
				}
				p.f(" %s |", mdCell(c))
			}
			p.f("\n")
		}
		for _, f := range v.Facts {
			if f.Note != "" {
				p.f("\n- **%s** %s: %s", f.Status, mdCell(factName(f)), mdCell(f.Note))
			}
		}
		p.f("\n")
	}
	if len(v.Variants) > 0 {
		p.f("\n### One quote, several wordings\n\n| speaker | wording | article |\n|---|---|---|\n")
		for _, g := range v.Variants {
			for _, q := range g {
				p.f("| %s | %s | %s |\n", mdCell(speakerOf(q)), mdCell(short(q.Text, 200)), q.Article)
			}
			p.f("| | | |\n")
		}
	}
	if len(v.Timeline) > 0 {
		p.f("\n### Timeline\n\n| date | precision | what | wordings |\n|---|---|---|---|\n")
		for _, m := range v.Timeline {
			p.f("| %s | %s | %s | %s |\n", mdCell(m.Date), m.Precision, mdCell(short(m.What, 160)), mdCell(strings.TrimPrefix(wordings(m), " — ")))
		}
	}
}

// factName says what a fact counts: "deaths (people)", or the unit alone
// when no measure is known ("storage tanks").
func factName(f Fact) string {
	switch {
	case f.Measure != "" && f.Unit != "":
		return f.Measure + " (" + f.Unit + ")"
	case f.Measure != "":
		return f.Measure
	}
	return f.Unit
}

func speakerOf(q Quote) string {
	if q.SpeakerText != "" {
		return q.SpeakerText
	}
	return "(speaker unknown)"
}

// wordings lists the different ways the articles put one date, when they
// differ ("overnight" / "Tuesday night").
func wordings(m Moment) string {
	var ws []string
	seen := map[string]bool{}
	for _, w := range m.Mentions {
		k := strings.ToLower(safe(w.Text))
		if !seen[k] {
			seen[k] = true
			ws = append(ws, fmt.Sprintf("%q", safe(w.Text)))
		}
	}
	if len(ws) < 2 {
		return ""
	}
	return " — " + strings.Join(ws, " / ")
}

// maxShownSentences bounds the added and dropped sentences listed per
// rewrite; the JSON has them all.
const maxShownSentences = 3

func writeRelationsText(p *printer, rels []Relation) {
	var rw []Relation
	for _, r := range rels {
		if r.Kind == "rewrite" {
			rw = append(rw, r)
		}
	}
	if len(rw) == 0 {
		return
	}
	p.f("\nREWRITES (what each added to and dropped from its original)\n")
	for _, r := range rw {
		p.f("  %s rewrites %s (%.0f%% of sentences aligned): %s added, %s dropped\n", r.Article, r.Of, 100*r.Similarity,
			plural(len(r.Added), "sentence"), plural(len(r.Dropped), "sentence"))
		for i, s := range r.Added {
			if i == maxShownSentences {
				p.f("    + …\n")
				break
			}
			p.f("    + %s\n", short(s, 110))
		}
		for i, s := range r.Dropped {
			if i == maxShownSentences {
				p.f("    - …\n")
				break
			}
			p.f("    - %s\n", short(s, 110))
		}
	}
}

func writeRelationsMarkdown(p *printer, rels []Relation) {
	first := true
	for _, r := range rels {
		if r.Kind != "rewrite" {
			continue
		}
		if first {
			p.f("\n## Rewrites\n\n| rewrite | original | aligned | added | dropped |\n|---|---|---|---|---|\n")
			first = false
		}
		var add, drop []string
		for _, s := range r.Added[:min(len(r.Added), maxShownSentences)] {
			add = append(add, "+ "+short(s, 110))
		}
		for _, s := range r.Dropped[:min(len(r.Dropped), maxShownSentences)] {
			drop = append(drop, "− "+short(s, 110))
		}
		p.f("| %s | %s | %.0f%% | %s | %s |\n", r.Article, r.Of, 100*r.Similarity,
			mdCell(fmt.Sprintf("%d: %s", len(r.Added), strings.Join(add, " "))), mdCell(fmt.Sprintf("%d: %s", len(r.Dropped), strings.Join(drop, " "))))
	}
}
