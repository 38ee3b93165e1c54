package webtest

import (
	"fmt"

	"storyline/internal/news"
	"storyline/internal/report"
)

// Payload is markup that runs script if a page ever writes it unescaped:
// each variant sets window.__xss to its number, so a test can tell which
// field leaked.
func Payload(n int) string {
	switch n % 4 {
	case 0:
		return fmt.Sprintf(`<script>window.__xss=%d;alert(%d)</script>`, n, n)
	case 1:
		return fmt.Sprintf(`"><img src=x onerror="window.__xss=%d">`, n)
	case 2:
		return fmt.Sprintf(`'><svg onload='window.__xss=%d'></svg><a href="javascript:window.__xss=%d">x</a>`, n, n)
	}
	return fmt.Sprintf(`</textarea></title><b onmouseover="window.__xss=%d"><i>broken <!-- {{.}} ${%d}`, n, n)
}

// Hostile is a story whose every string — text, title, outlet, site,
// byline, URL, names, quotes, facts, events, timeline, furniture and
// failures — carries markup, event handlers or a javascript: URL.
func Hostile() report.Input {
	p := Payload
	text := "Officials said " + p(1) + " that 12 people were hurt in " + p(2) + " on Monday. " +
		"\"" + p(3) + " we will stay,\" said " + p(5) + ".\n\n" + p(6) + " javascript:alert(7) <a href=\"javascript:window.__xss=7\">click</a>."
	a := newDoc("javascript:window.__xss=8", p(9), p(10), p(11)+" & \"quoted\" title", "2031-06-01T10:00:00Z", text)
	a.d.Article.Site = p(12)
	a.d.Article.Source = "javascript:window.__xss=13"
	a.d.Article.Removed = []news.Removal{{Text: p(14), Reason: p(15)}}
	a.ent(p(2), p(2), news.Place, 1).ent(p(5), p(5), news.Person, 1)
	fig := a.fig("12 people", f(12), f(12), f(12), p(16), p(17))
	q := a.quote(p(3)+" we will stay,", p(5), "said")
	a.date("on Monday", "2031-06-01", news.PrecDay)

	b := newDoc("https://hostile.example/"+p(18), p(19), "", p(20), "2031-06-02", "A second report: 15 people were hurt, "+p(21)+".")
	figB := b.fig("15 people", f(15), f(15), f(15), p(16), p(17))
	b.ent(p(21), p(5), news.Person, 1)
	qb := b.quote("A second report", p(5), "")

	return report.Input{
		Docs:    []*news.Doc{a.d, b.d},
		Events:  []news.Event{{ID: "ev-" + p(22), Title: p(23), Start: day("2031-06-01"), End: day("2031-06-02"), Story: "st-x", Articles: []string{a.id(), b.id()}}},
		Stories: []news.Story{{ID: "st-x", Title: p(24), Events: []string{"ev-" + p(22)}}},
		Identities: []news.Identity{{ID: "id-x", Name: p(5), Kind: news.Person, Aliases: []string{p(5), p(21)}, Articles: []string{a.id(), b.id()}},
			{ID: "id-y", Name: p(2), Kind: news.Place, Aliases: []string{p(2)}, Articles: []string{a.id()}}},
		Facts: []news.Fact{{ID: "fact-" + p(25), Event: "ev-" + p(22), Measure: p(17), Unit: p(16), Status: news.Differ,
			Figures: []string{fig, figB}, Note: p(26)}},
		RewriteOf: map[string]string{b.id(): a.id()},
		Relations: []news.Relation{{Article: b.id(), Of: a.id(), Kind: "rewrite", Similarity: 0.5}},
		Variants:  [][]string{{q, qb}},
		Timeline: []news.Moment{{Story: "st-x", Date: "2031-06-01", Precision: news.PrecDay, What: p(27), Text: p(28),
			Articles: []string{a.id()}, Mentions: []news.DateMention{a.mention("on Monday")}}},
		Failures: []report.Failure{{Input: p(29), Reason: p(30)}},
	}
}
