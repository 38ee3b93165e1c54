package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"storyline/internal/report"
)

// timeRange is a half-open span of days [From, To); zero fields are open.
type timeRange struct{ From, To time.Time }

// timelineSVG is the laid-out timeline of a story: coordinates are in the
// SVG's own units (a 1000-wide view box), so the template only draws.
type timelineSVG struct {
	Width, Height int
	From, To      string // the range shown, as days
	Ticks         []svgTick
	Bars          []svgBar
	Dots          []svgDot
	Outside       int // dated happenings outside the range shown
	ZoomIn        string
	ZoomOut       string
	Whole         string
	Page          int // the story's page shown, kept by the range form; 0 for a story of one page
	Empty         bool
}

type svgTick struct {
	X     float64
	Label string
}

type svgBar struct {
	X, Y, W float64
	Label   string
	Title   string
	Href    string
	LabelX  float64
}

type svgDot struct {
	X, Y   float64
	LabelY float64
	Label  string
	Title  string
	Href   string
}

const (
	svgWidth   = 1000
	svgMargin  = 30
	barHeight  = 18
	laneGap    = 8
	axisHeight = 30
)

// layoutTimeline places a story's events (as bars from start to end) and
// dated happenings (as dots) on one axis. Without a zoom the range covers
// the events and the articles' days; happenings far outside it (a year of
// history a text mentions) are counted, not drawn, and zooming out shows
// them.
func layoutTimeline(events []*report.Event, moments []*report.Moment, x *index, zoom timeRange, story string, page int) timelineSVG {
	type span struct{ from, to time.Time }
	var evSpans []span
	var lo, hi time.Time
	widen := func(a, b time.Time) {
		if a.IsZero() {
			return
		}
		if lo.IsZero() || a.Before(lo) {
			lo = a
		}
		if b.After(hi) {
			hi = b
		}
	}
	for _, e := range events {
		from, _ := time.Parse("2006-01-02", deref(e.Start))
		to, _ := time.Parse("2006-01-02", deref(e.End))
		if to.IsZero() || to.Before(from) {
			to = from
		}
		to = to.AddDate(0, 0, 1)
		evSpans = append(evSpans, span{from, to})
		widen(from, to)
	}
	if lo.IsZero() {
		for _, e := range events {
			for _, id := range e.Articles {
				if a := x.articles[id]; a != nil {
					t := published(a).UTC().Truncate(24 * time.Hour)
					widen(t, t.AddDate(0, 0, 1))
				}
			}
		}
	}
	mSpans := make([]span, len(moments))
	for i, m := range moments {
		f, t := timexRange(m.Date)
		mSpans[i] = span{f, t}
		if lo.IsZero() && !f.IsZero() {
			widen(f, t)
		}
	}
	v := timelineSVG{Width: svgWidth}
	if lo.IsZero() {
		v.Empty = true
		return v
	}
	lo, hi = lo.AddDate(0, 0, -1), hi.AddDate(0, 0, 1)
	v.Whole, v.Page = storyHref(story, page), page
	if !zoom.From.IsZero() {
		lo = zoom.From
	}
	if !zoom.To.IsZero() {
		hi = zoom.To
	}
	if !hi.After(lo) {
		hi = lo.AddDate(0, 0, 1)
	}
	total := hi.Sub(lo)
	xOf := func(t time.Time) float64 {
		f := float64(t.Sub(lo)) / float64(total)
		return svgMargin + f*(svgWidth-2*svgMargin)
	}
	in := func(s span) bool { return !s.from.IsZero() && s.to.After(lo) && s.from.Before(hi) }
	y := 10.0
	for i, e := range events {
		s := evSpans[i]
		if !in(s) {
			continue
		}
		x0, x1 := xOf(maxTime(s.from, lo)), xOf(minTime(s.to, hi))
		v.Bars = append(v.Bars, svgBar{X: x0, Y: y, W: max(x1-x0, 4), Label: clip(e.Title, 60), LabelX: x0 + 4,
			Title: fmt.Sprintf("%s (%s – %s)", e.Title, deref(e.Start), deref(e.End)), Href: "#event-" + e.ID})
		y += barHeight + laneGap
	}
	dotTop := y + 14
	row := 0
	for i, m := range moments {
		s := mSpans[i]
		if !in(s) {
			v.Outside++
			continue
		}
		mid := s.from.Add(minTime(s.to, hi).Sub(maxTime(s.from, lo)) / 2)
		if s.from.Before(lo) {
			mid = lo.Add(minTime(s.to, hi).Sub(lo) / 2)
		}
		d := svgDot{X: xOf(mid), Y: dotTop, LabelY: dotTop + 20 + float64(row)*16, Label: clip(m.Text, 28),
			Title: m.Date + ": " + clip(m.What, 200)}
		row = (row + 1) % 4
		if len(m.Mentions) > 0 {
			w := m.Mentions[0]
			d.Href = x.sentenceHref(w.Article, w.Start, w.End, "")
		} else if len(m.Articles) > 0 {
			d.Href = "/articles/" + url.PathEscape(m.Articles[0])
		}
		v.Dots = append(v.Dots, d)
	}
	axisY := dotTop + 20 + 4*16
	if len(v.Dots) == 0 {
		axisY = y + 10
	}
	v.Height = int(axisY) + axisHeight
	for _, t := range ticks(lo, hi) {
		v.Ticks = append(v.Ticks, svgTick{X: xOf(t.at), Label: t.label})
	}
	for i := range v.Ticks {
		v.Ticks[i].X = float64(int(v.Ticks[i].X*10)) / 10
	}
	v.From, v.To = lo.Format("2006-01-02"), hi.Format("2006-01-02")
	quarter := total / 4
	if total > 48*time.Hour {
		v.ZoomIn = zoomHref(story, page, lo.Add(quarter), hi.Add(-quarter))
	}
	v.ZoomOut = zoomHref(story, page, lo.Add(-total/2), hi.Add(total/2))
	return v
}

func zoomHref(story string, page int, from, to time.Time) string {
	q := url.Values{}
	q.Set("from", from.Format("2006-01-02"))
	q.Set("to", to.Format("2006-01-02"))
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	return "/stories/" + url.PathEscape(story) + "?" + q.Encode() + "#timeline"
}

type tick struct {
	at    time.Time
	label string
}

// ticks picks day, week, month or year marks so that about ten fit.
func ticks(lo, hi time.Time) []tick {
	days := hi.Sub(lo).Hours() / 24
	var out []tick
	add := func(t time.Time, label string) {
		if !t.Before(lo) && !t.After(hi) && len(out) < 40 {
			out = append(out, tick{t, label})
		}
	}
	start := time.Date(lo.Year(), lo.Month(), lo.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case days <= 16:
		for t := start; !t.After(hi); t = t.AddDate(0, 0, 1) {
			add(t, t.Format("2 Jan"))
		}
	case days <= 120:
		for t := start.AddDate(0, 0, (8-int(start.Weekday()))%7); !t.After(hi); t = t.AddDate(0, 0, 7) {
			add(t, t.Format("2 Jan"))
		}
	case days <= 1500:
		for t := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, 0); !t.After(hi); t = t.AddDate(0, 1, 0) {
			if days > 400 && t.Month()%3 != 1 {
				continue
			}
			add(t, t.Format("Jan 2006"))
		}
	default:
		step := max(1, int(days/365/10))
		for y := lo.Year() + 1; y <= hi.Year(); y += step {
			add(time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), strconv.Itoa(y))
		}
	}
	return out
}

// timexRange turns a TIMEX3 calendar value (2027-03-02, 2027-03, 2027,
// 2027-W09, 2027-SU) into the days it covers; zero for anything else.
func timexRange(v string) (time.Time, time.Time) {
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t, t.AddDate(0, 0, 1)
	}
	if t, err := time.Parse("2006-01", v); err == nil {
		return t, t.AddDate(0, 1, 0)
	}
	if len(v) == 4 {
		if t, err := time.Parse("2006", v); err == nil {
			return t, t.AddDate(1, 0, 0)
		}
	}
	year, rest, ok := strings.Cut(v, "-")
	y, err := strconv.Atoi(year)
	if !ok || err != nil || len(year) != 4 {
		return time.Time{}, time.Time{}
	}
	if w, ok := strings.CutPrefix(rest, "W"); ok {
		n, err := strconv.Atoi(w)
		if err != nil || n < 1 || n > 53 {
			return time.Time{}, time.Time{}
		}
		// ISO week 1 holds 4 January; weeks start on Monday.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
		from := monday.AddDate(0, 0, 7*(n-1))
		return from, from.AddDate(0, 0, 7)
	}
	seasons := map[string][2]int{"SP": {3, 6}, "SU": {6, 9}, "FA": {9, 12}, "AU": {9, 12}, "WI": {12, 15}}
	if m, ok := seasons[rest]; ok {
		from := time.Date(y, time.Month(m[0]), 1, 0, 0, 0, 0, time.UTC)
		return from, time.Date(y, time.Month(m[1]), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}, time.Time{}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
