package align

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"storyline/internal/news"
)

// Growing measures rise as news comes in (a death toll is counted for
// days), so a later, larger number updates an earlier one instead of
// contradicting it; a bound such as "at least six" is then no licence to
// call six and seven the same.
var Growing = map[string]bool{
	"deaths": true, "injured": true, "missing": true, "arrested": true, "displaced": true,
	"damage": true, "evacuated": true, "rescued": true, "affected": true,
}

// Falling are the growing measures that may also fall as news comes in:
// the missing are found, the displaced go home. A lower number later is
// then an update too, not a contradiction.
var Falling = map[string]bool{"missing": true, "displaced": true, "evacuated": true, "affected": true}

// Stated is one figure as one outlet stated it, in the order facts keep:
// by publication time.
type Stated struct {
	Figure    string // figure ID
	Article   string
	Outlet    string // the outlet's name, else its site, else the article ID
	Published time.Time
	F         news.Figure
}

// Facts groups the figures of one event's articles that measure the same
// thing and gives each group its status, by the rules of DESIGN.md:
// single (one outlet), agree (the ranges overlap — and, for a growing
// measure, the numbers are the same), updated (a growing measure whose later
// report gives another number), differ (ranges that cannot both be true at
// the same time).
//
// An outlet does not contradict itself: two figures of one article that
// cannot both hold for one measure are about two different things, so they
// go to different facts.
func Facts(event string, docs []*news.Doc) []news.Fact {
	groups := map[string][]Stated{}
	var keys []string
	sorted := append([]*news.Doc(nil), docs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Article.Published.Before(sorted[j].Article.Published) })
	for _, d := range sorted {
		for i, f := range d.Figures {
			if f.Unit == "" && f.Measure == "" {
				continue
			}
			k := f.Measure + "\x00" + f.Unit
			if _, ok := groups[k]; !ok {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], Stated{Figure: news.FigureID(d.Article.ID, i), Article: d.Article.ID,
				Outlet: OutletOf(d.Article), Published: d.Article.Published, F: f})
		}
	}
	sort.Strings(keys)
	var out []news.Fact
	for _, k := range keys {
		measure, unit, _ := strings.Cut(k, "\x00")
		for n, members := range split(groups[k]) {
			f := news.Fact{ID: factID(event, measure, unit, n), Event: event, Measure: measure, Unit: unit}
			for _, s := range members {
				f.Figures = append(f.Figures, s.Figure)
			}
			f.Status, f.Note = status(measure, members)
			out = append(out, f)
		}
	}
	return out
}

// split divides one measure's figures into facts: a figure joins the first
// fact it fits (a range that overlaps, or a growing count from an outlet
// that has not given one yet) unless its own article already put a figure
// there that it cannot stand beside.
func split(all []Stated) [][]Stated {
	var facts [][]Stated
	for _, s := range all {
		placed := false
		for i, f := range facts {
			if conflictsInArticle(f, s) {
				continue
			}
			if fits(f, s) {
				facts[i] = append(f, s)
				placed = true
				break
			}
		}
		if !placed {
			facts = append(facts, []Stated{s})
		}
	}
	return facts
}

func conflictsInArticle(f []Stated, s Stated) bool {
	for _, o := range f {
		if o.Article == s.Article && !overlap(o.F, s.F) {
			return true
		}
	}
	return false
}

// fits says whether s may be the same fact as f's figures: any overlap, or,
// with none, a number of the same order of magnitude (a report that cannot
// be true beside the others is still about the same thing: that is a
// difference to show, not a new fact).
func fits(f []Stated, s Stated) bool {
	for _, o := range f {
		if overlap(o.F, s.F) {
			return true
		}
	}
	a, b := point(f[0].F), point(s.F)
	if a <= 0 || b <= 0 {
		return false
	}
	r := a / b
	return r >= 0.2 && r <= 5
}

func bounds(f news.Figure) (lo, hi float64) {
	lo, hi = math.Inf(-1), math.Inf(1)
	if f.Min != nil {
		lo = *f.Min
	}
	if f.Max != nil {
		hi = *f.Max
	}
	if f.Value != nil && f.Min == nil && f.Max == nil {
		lo, hi = *f.Value, *f.Value
	}
	return lo, hi
}

func overlap(a, b news.Figure) bool {
	alo, ahi := bounds(a)
	blo, bhi := bounds(b)
	return alo <= bhi && blo <= ahi
}

// point is the number a figure states, or the middle of its range.
func point(f news.Figure) float64 {
	if f.Value != nil {
		return *f.Value
	}
	lo, hi := bounds(f)
	switch {
	case !math.IsInf(lo, 0) && !math.IsInf(hi, 0):
		return (lo + hi) / 2
	case !math.IsInf(lo, 0):
		return lo
	case !math.IsInf(hi, 0):
		return hi
	}
	return 0
}

func status(measure string, ms []Stated) (news.FactStatus, string) {
	outlets := map[string]bool{}
	for _, s := range ms {
		outlets[s.Outlet] = true
	}
	if len(outlets) == 1 {
		return news.Single, ""
	}
	if Growing[measure] {
		return growingStatus(ms, Falling[measure])
	}
	lo, hi := math.Inf(-1), math.Inf(1)
	for _, s := range ms {
		l, h := bounds(s.F)
		lo, hi = math.Max(lo, l), math.Min(hi, h)
	}
	if lo <= hi {
		return news.Agree, ""
	}
	return news.Differ, sequence(ms)
}

// growingStatus compares the stated numbers of a growing measure: the same
// everywhere is agreement; a larger number in a later report is an update
// (a smaller one too, for a measure that may fall); two numbers at once, or
// a number that falls when it cannot, is a difference.
func growingStatus(ms []Stated, mayFall bool) (news.FactStatus, string) {
	type stated struct {
		v    float64
		when time.Time
	}
	var vs []stated
	for _, s := range ms {
		if s.F.Value == nil {
			continue // "dozens" neither confirms nor updates a count
		}
		vs = append(vs, stated{*s.F.Value, s.Published})
	}
	same := true
	for _, v := range vs[min(1, len(vs)):] {
		if v.v != vs[0].v {
			same = false
		}
	}
	if same {
		return news.Agree, ""
	}
	for i := 1; i < len(vs); i++ {
		for j := 0; j < i; j++ {
			a, b := vs[j], vs[i] // a was published no later than b
			if a.v == b.v {
				continue
			}
			if !b.when.After(a.when) || b.v < a.v && !mayFall {
				return news.Differ, sequence(ms)
			}
		}
	}
	return news.Updated, sequence(ms)
}

// sequence writes the figures in time order with their outlets, for people:
// "at least six (AAP, 2025-11-25) → seven (cnznews.com, 2025-11-26)".
func sequence(ms []Stated) string {
	var parts []string
	for _, s := range ms {
		when := "date unknown"
		if !s.Published.IsZero() {
			when = s.Published.UTC().Format("2006-01-02")
			if h := s.Published.UTC(); h.Hour() != 0 || h.Minute() != 0 {
				when = h.Format("2006-01-02 15:04")
			}
		}
		parts = append(parts, fmt.Sprintf("%s (%s, %s)", describe(s.F), s.Outlet, when))
	}
	return strings.Join(parts, " → ")
}

func describe(f news.Figure) string {
	num := func(v float64) string { return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v), "0"), ".") }
	switch {
	case f.Value != nil && f.Min != nil && f.Max == nil && *f.Min > *f.Value:
		return "more than " + num(*f.Value)
	case f.Value != nil && f.Min != nil && f.Max == nil:
		return "at least " + num(*f.Min)
	case f.Value != nil && f.Max != nil && f.Min == nil:
		return "at most " + num(*f.Max)
	case f.Value != nil:
		return num(*f.Value)
	case f.Min != nil && f.Max != nil:
		return num(*f.Min) + "–" + num(*f.Max)
	case f.Min != nil:
		return "over " + num(*f.Min)
	case f.Max != nil:
		return "up to " + num(*f.Max)
	}
	return "?"
}

// OutletOf names who published an article: its outlet, else its site, else
// the article itself (an unknown outlet is still its own source).
func OutletOf(a *news.Article) string {
	switch {
	case a.Outlet != "":
		return a.Outlet
	case a.Site != "":
		return a.Site
	}
	return a.ID
}

func factID(event, measure, unit string, n int) string {
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s\x00%s\x00%d", event, measure, unit, n)))
	return "x" + hex.EncodeToString(sum[:6])
}
