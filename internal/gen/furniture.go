package gen

import (
	"strings"
)

// Page furniture: the lines around and between the paragraphs of a news
// page that are not the article. The wording is ours; the kinds are the
// ones storyline's cleaner knows (section labels, bylines, date lines,
// adverts, photo credits, related links, newsletter and share prompts,
// copyright lines).
var (
	newsletterLines = []string{"Sign up for our morning briefing and get the day's news in your inbox", "Get the {outlet} newsletter every weekday morning", "Subscribe to our free daily newsletter"}
	shareLines      = []string{"Share this article", "Share on social media", "Share: Email, Print, Copy link"}
	footerLines     = []string{"© {year} {outlet}. All rights reserved.", "Copyright {year} {outlet}. All rights reserved.", "© {outlet} {year}"}
	commentLines    = []string{"Comments are closed for this article.", "Sign in to join the conversation.", "Be the first to comment"}
	relatedForms    = []string{"{town} council votes to rebuild the old market hall", "Cycling race returns to {town} after two years", "New library opens in {town}", "{adj} parliament debates pension reform", "Football: {town} beat {town2} in cup replay", "Weather: sunny spells and showers for the weekend", "{town} harbour festival draws record crowds", "Bus fares in {town} to rise in the spring", "{adj} central bank holds interest rates", "Museum in {town} reopens after renovation"}
)

// relatedHeadlines invents three "read more" headlines about other places.
func relatedHeadlines(r *rng, w *world, o *outlet) []string {
	var out []string
	for range 3 {
		c := w.countries[r.intn(len(w.countries))]
		g := c.regions[r.intn(len(c.regions))]
		t1, t2 := g.towns[r.intn(len(g.towns))], g.towns[r.intn(len(g.towns))]
		h := pick(r, relatedForms...)
		h = strings.NewReplacer("{town}", t1.name.spell(o.scheme), "{town2}", t2.name.spell(o.scheme), "{adj}", c.adjective.spell(o.scheme)).Replace(h)
		out = append(out, h)
	}
	return out
}

func furnish(line string, it *Item) string {
	return strings.NewReplacer("{outlet}", it.Article.Outlet, "{year}", it.Article.Published.Format("2006")).Replace(line)
}

// copied lays the article out as text copied from its page. Which pieces
// of furniture appear, and where, is drawn from the article's own seed so
// a corpus is the same every time.
func copied(it *Item) string {
	r := newRNG(uint64(it.Index), uint64(len(it.Article.Text)), 0xf0)
	a := &it.Article
	var lines []string
	if r.chance(0.5) {
		lines = append(lines, it.outlet.section)
	}
	lines = append(lines, a.Title)
	byline := "By " + a.Byline
	if it.Wire {
		byline += ", " + a.Outlet
	}
	lines = append(lines, byline)
	lines = append(lines, pick(r,
		"Published "+a.Published.Format("15:04, Monday 2 January 2006"),
		"Updated "+a.Published.Format("January 2, 2006 3:04 PM"),
		a.Published.Format("2 Jan 2006 15:04")))
	lines = append(lines, "")
	for i, p := range it.paras {
		lines = append(lines, p, "")
		switch {
		case i == 0 && r.chance(0.5):
			lines = append(lines, "Photo: "+it.photo, "")
		case i == 2 && r.chance(0.5):
			lines = append(lines, "Advertisement", "")
		case i == 4 && r.chance(0.5):
			lines = append(lines, "Read more: "+it.related[0], "")
		}
	}
	if r.chance(0.7) {
		lines = append(lines, furnish(pick(r, newsletterLines...), it))
	}
	if r.chance(0.6) {
		lines = append(lines, pick(r, shareLines...))
	}
	if r.chance(0.4) {
		lines = append(lines, pick(r, commentLines...))
	}
	lines = append(lines, furnish(pick(r, footerLines...), it))
	return strings.Join(lines, "\n") + "\n"
}
