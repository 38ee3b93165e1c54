package demo

import (
	"sort"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
)

func bodies(t *testing.T, g *Truth) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, a := range g.Articles {
		if _, dup := m[a.Key]; dup {
			t.Fatalf("article key %s twice", a.Key)
		}
		m[a.Key] = body(t, a)
	}
	return m
}

func TestTruthRefersToWhatExists(t *testing.T) {
	g := Gold()
	bodies(t, g) // fails on a missing file or feed item
	ids, urls := map[string]bool{}, map[string]bool{}
	eventOf := map[string]string{}
	for _, a := range g.Articles {
		if ids[a.ID()] || urls[a.URL] {
			t.Errorf("%s: ID or URL not unique", a.Key)
		}
		ids[a.ID()], urls[a.URL] = true, true
		if _, err := time.Parse(time.RFC3339, a.Published); err != nil {
			if _, err := time.Parse("2006-01-02", a.Published); err != nil {
				t.Errorf("%s: published %q", a.Key, a.Published)
			}
		}
		for _, ref := range []string{a.RewriteOf, a.CopyOf} {
			if _, ok := g.Article(ref); ref != "" && !ok {
				t.Errorf("%s refers to unknown article %s", a.Key, ref)
			}
		}
	}
	stories := map[string]bool{}
	for _, s := range g.Stories {
		stories[s.Key] = true
	}
	events := map[string]Event{}
	for _, e := range g.Events {
		events[e.Key] = e
		if !stories[e.Story] {
			t.Errorf("event %s in unknown story %s", e.Key, e.Story)
		}
		for _, k := range e.Articles {
			if eventOf[k] != "" {
				t.Errorf("article %s in events %s and %s", k, eventOf[k], e.Key)
			}
			eventOf[k] = e.Key
		}
	}
	for _, s := range g.Stories {
		for _, k := range s.Events {
			if events[k].Story != s.Key {
				t.Errorf("story %s lists event %s, which names story %q", s.Key, k, events[k].Story)
			}
		}
	}
	for _, a := range g.Articles {
		if eventOf[a.Key] != a.Event {
			t.Errorf("article %s says event %q, events say %q", a.Key, a.Event, eventOf[a.Key])
		}
	}
	known := func(what, key string) {
		if _, ok := g.Article(key); !ok {
			t.Errorf("%s refers to unknown article %q", what, key)
		}
	}
	for _, f := range g.Figures {
		known("figure "+f.Text, f.Article)
		if _, ok := events[f.Event]; f.Event != "" && !ok {
			t.Errorf("figure %q: unknown event %s", f.Text, f.Event)
		}
	}
	for _, q := range g.Quotes {
		known("quote "+q.Text, q.Article)
		for _, who := range []string{q.Speaker, q.For} {
			if _, ok := g.Identity(who); who != "" && !ok {
				t.Errorf("quote %q: speaker %q has no identity", q.Text, who)
			}
		}
	}
	for _, d := range g.Dates {
		known("date "+d.Text, d.Article)
	}
	for _, m := range g.Timeline {
		for _, k := range m.Articles {
			known("moment "+m.What, k)
		}
	}
	for _, p := range g.Rewrites {
		known("rewrite pair", p.Original)
		known("rewrite pair", p.Rewrite)
	}
}

// once reports whether sub occurs exactly once in s.
func once(s, sub string) bool { return sub != "" && strings.Count(s, sub) == 1 }

func TestGoldOccursVerbatim(t *testing.T) {
	g := Gold()
	text := bodies(t, g)
	for _, f := range g.Figures {
		if !once(text[f.Article], f.Context) || !strings.Contains(f.Context, f.Text) {
			t.Errorf("figure %q: context %q not once in %s, or text not in it", f.Text, f.Context, f.Article)
		}
	}
	for _, d := range g.Dates {
		if !once(text[d.Article], d.Context) || !strings.Contains(d.Context, d.Text) {
			t.Errorf("date %q: context %q not once in %s, or text not in it", d.Text, d.Context, d.Article)
		}
	}
	for _, q := range g.Quotes {
		s := text[q.Article]
		for _, part := range []string{q.Text, q.Cue, q.SpeakerText} {
			if part != "" && !strings.Contains(s, part) {
				t.Errorf("quote %q in %s: %q does not occur", q.Text, q.Article, part)
			}
		}
		if q.SpeakerText == "" && !q.Continues {
			t.Errorf("quote %q: only a continuation may lack its speaker", q.Text)
		}
	}
	for _, a := range g.Articles {
		for _, f := range a.Furniture {
			if !strings.Contains(text[a.Key], f) {
				t.Errorf("%s: furniture %q does not occur", a.Key, f)
			}
		}
	}
	all := strings.Join(mapValues(text), "\n")
	for _, id := range g.Identities {
		for _, alias := range id.Aliases {
			if !strings.Contains(all, alias) {
				t.Errorf("identity %s: alias %q occurs nowhere", id.Name, alias)
			}
		}
		if len(id.Aliases) == 0 || id.Aliases[0] != id.Name {
			t.Errorf("identity %s: aliases must start with the name", id.Name)
		}
	}
	for _, s := range g.NotEntities {
		if !strings.Contains(all, s) {
			t.Errorf("not-entity %q occurs nowhere", s)
		}
	}
	for _, d := range g.Distinct {
		for _, n := range []string{d.A, d.B} {
			if _, ok := g.Identity(n); !ok {
				t.Errorf("distinct pair names %q, which has no identity", n)
			}
		}
	}
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	sort.Strings(out)
	return out
}

// TestRewriteKeepsOrder checks the rewrite pairs: each passage occurs in its
// article, in the same order in both, and the rewrite adds material after
// the last pair.
func TestRewriteKeepsOrder(t *testing.T) {
	g := Gold()
	text := bodies(t, g)
	if len(g.Rewrites) < 10 {
		t.Fatalf("%d rewrite pairs, want one for most of the original's paragraphs", len(g.Rewrites))
	}
	lastFrom, lastTo := -1, -1
	for _, p := range g.Rewrites {
		a, _ := g.Article(p.Rewrite)
		if a.RewriteOf != p.Original {
			t.Errorf("pair %q: %s is not marked a rewrite of %s", p.To, p.Rewrite, p.Original)
		}
		i, j := strings.Index(text[p.Original], p.From), strings.Index(text[p.Rewrite], p.To)
		if i < 0 || j < 0 {
			t.Errorf("pair %q → %q: passage missing", p.From, p.To)
			continue
		}
		if i <= lastFrom || j <= lastTo {
			t.Errorf("pair %q → %q is out of order", p.From, p.To)
		}
		if p.From == p.To {
			t.Errorf("pair %q is not reworded", p.From)
		}
		lastFrom, lastTo = i, j
	}
	if added := len(text[coastlineBlast]) - lastTo; added < 1000 {
		t.Errorf("the rewrite adds only %d bytes after the last pair", added)
	}
}

func overlap(a, b Figure) bool {
	lo := func(f Figure) float64 {
		if m := f.Min(); m != nil {
			return *m
		}
		return -1e300
	}
	hi := func(f Figure) float64 {
		if m := f.Max(); m != nil {
			return *m
		}
		return 1e300
	}
	return lo(a) <= hi(b) && lo(b) <= hi(a)
}

// TestFactsFollowTheRules checks each fact's status against DESIGN.md's rules
// applied to its figures, so the gold cannot claim what its numbers do not
// show.
func TestFactsFollowTheRules(t *testing.T) {
	g := Gold()
	outlet, published := map[string]string{}, map[string]time.Time{}
	for _, a := range g.Articles {
		// An article with no outlet named is still its own source.
		outlet[a.Key] = a.Outlet + "|" + a.Site
		published[a.Key], _ = parsePublished(a.Published)
	}
	seen := map[[2]string]bool{}
	for _, f := range g.Facts {
		key := [2]string{f.Event, f.Measure}
		if seen[key] {
			t.Errorf("fact %v listed twice", key)
		}
		seen[key] = true
		t.Run(f.Event+"/"+f.Measure, func(t *testing.T) {
			figs := g.FactFigures(f)
			if len(figs) == 0 {
				t.Fatal("no figures")
			}
			outlets, values := map[string]bool{}, map[float64]bool{}
			allOverlap := true
			for i, a := range figs {
				outlets[outlet[a.Article]] = true
				values[a.Value] = true
				for _, b := range figs[i+1:] {
					allOverlap = allOverlap && overlap(a, b)
				}
			}
			switch f.Status {
			case news.Single:
				if len(outlets) != 1 {
					t.Errorf("single, but %d outlets", len(outlets))
				}
			case news.Agree:
				if len(outlets) < 2 || !allOverlap || (Growing(f.Measure) && len(values) > 1) {
					t.Errorf("agree, but outlets %d, ranges overlap %v, values %v", len(outlets), allOverlap, values)
				}
			case news.Differ:
				if allOverlap {
					t.Error("differ, but every range overlaps")
				}
			case news.Updated:
				if !Growing(f.Measure) || len(values) < 2 {
					t.Errorf("updated, but growing %v and values %v", Growing(f.Measure), values)
				}
				sort.SliceStable(figs, func(i, j int) bool {
					return published[figs[i].Article].Before(published[figs[j].Article])
				})
				if first, last := figs[0].Value, figs[len(figs)-1].Value; first == last {
					t.Errorf("updated, but the first and last reports both say %v", first)
				}
			default:
				t.Errorf("unknown status %q", f.Status)
			}
		})
	}
	for _, fg := range g.Figures {
		if fg.Event != "" && !seen[[2]string{fg.Event, fg.Measure}] {
			t.Errorf("figure %q (%s, %s) belongs to no fact", fg.Text, fg.Event, fg.Measure)
		}
	}
}

func TestFigureBounds(t *testing.T) {
	f := func(v float64, b Bound) Figure { return Figure{Value: v, Bound: b} }
	num := func(p *float64) any {
		if p == nil {
			return nil
		}
		return *p
	}
	for _, c := range []struct {
		name     string
		fig      Figure
		min, max any
	}{
		{"exact", f(7, Exact), 7.0, 7.0},
		{"at least", f(6, AtLeast), 6.0, nil},
		{"more than a count", f(460, MoreThan), 461.0, nil},
		{"more than a fraction", f(2.5, MoreThan), 2.5, nil},
		{"up to", f(4e9, UpTo), nil, 4e9},
		{"about", f(50, About), 45.0, 55.0},
		{"nearly", f(300, Nearly), 270.0, 300.0},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := num(c.fig.Min()); got != c.min {
				t.Errorf("min %v, want %v", got, c.min)
			}
			if got := num(c.fig.Max()); got != c.max {
				t.Errorf("max %v, want %v", got, c.max)
			}
		})
	}
}

var weekdays = map[string]time.Weekday{
	"Monday": time.Monday, "Tuesday": time.Tuesday, "Wednesday": time.Wednesday,
	"Thursday": time.Thursday, "Friday": time.Friday, "Saturday": time.Saturday, "Sunday": time.Sunday,
}

// TestDatesAreConsistent checks resolved days against the weekday the text
// names and durations against their form.
func TestDatesAreConsistent(t *testing.T) {
	for _, d := range Gold().Dates {
		switch d.Type {
		case news.DateDuration:
			if !strings.HasPrefix(d.Value, "P") || d.Precision != "" {
				t.Errorf("duration %q: value %q precision %q", d.Text, d.Value, d.Precision)
			}
			continue
		case news.DateDate, news.DateTime:
		default:
			t.Errorf("date %q: type %q", d.Text, d.Type)
		}
		if len(d.Value) < 10 || d.Value[4] != '-' || d.Value[5] == 'W' || d.Value[5] == 'S' {
			continue
		}
		day, err := time.Parse("2006-01-02", d.Value[:10])
		if err != nil {
			t.Errorf("date %q: value %q: %v", d.Text, d.Value, err)
			continue
		}
		for name, wd := range weekdays {
			if strings.Contains(d.Text, name) && day.Weekday() != wd {
				t.Errorf("date %q in %s resolves to %s, a %s", d.Text, d.Article, d.Value, day.Weekday())
			}
		}
	}
}

// TestTimelineIsDated checks that every article a moment cites has a gold
// date for it.
func TestTimelineIsDated(t *testing.T) {
	g := Gold()
	for _, m := range g.Timeline {
		for _, k := range m.Articles {
			found := false
			for _, d := range g.Dates {
				if d.Article == k && strings.HasPrefix(d.Value, m.Date) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("moment %s (%s): %s has no date with that value", m.Date, m.What, k)
			}
		}
	}
}

func TestGoldIsAFreshCopy(t *testing.T) {
	a := Gold()
	a.Articles[0].Title = "changed"
	if Gold().Articles[0].Title == "changed" {
		t.Error("Gold shares its slices between calls")
	}
}

// TestTitlesPrecedeNames checks that every title the gold attaches to an
// identity is written before one of its names somewhere in the corpus.
func TestTitlesPrecedeNames(t *testing.T) {
	g := Gold()
	all := strings.Join(mapValues(bodies(t, g)), "\n")
	for _, id := range g.Identities {
		for _, title := range id.Titles {
			found := false
			for _, alias := range id.Aliases {
				if strings.Contains(all, title+" "+alias) || strings.Contains(all, title+", "+alias) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: title %q never precedes a name", id.Name, title)
			}
		}
	}
}

func TestKeyOf(t *testing.T) {
	g := Gold()
	for _, a := range g.Articles {
		if k, ok := g.KeyOf(a.ID()); !ok || k != a.Key {
			t.Errorf("KeyOf(%s) = %q, %v; want %s", a.ID(), k, ok, a.Key)
		}
	}
	if _, ok := g.KeyOf("a0000000000000000"); ok {
		t.Error("KeyOf found an ID no article has")
	}
}

// TestPartialQuotesSitInsideSentences checks that a partial quote is
// preceded, in its article, by the writer's own words in the same sentence.
func TestPartialQuotesSitInsideSentences(t *testing.T) {
	g := Gold()
	text := bodies(t, g)
	n := 0
	for _, q := range g.Quotes {
		if !q.Partial {
			continue
		}
		n++
		s := text[q.Article]
		i := strings.Index(s, q.Text)
		if i < 1 {
			t.Errorf("%s: partial quote %q not found", q.Article, q.Text)
			continue
		}
		before := strings.TrimRight(s[:i-1], " ")
		if strings.HasSuffix(before, ".") || strings.HasSuffix(before, "\n") || strings.HasSuffix(before, ">") {
			t.Errorf("%s: partial quote %q opens a sentence", q.Article, q.Text)
		}
	}
	if n == 0 {
		t.Error("the gold marks no partial quote")
	}
}
