package cluster

import (
	"context"
	"math"
	"time"
)

// The feature spaces, in the order of profile, Weights and EventState's
// sums.
const (
	termIdx = iota // content words
	nameIdx        // words of entity names
	dateIdx        // calendar values
	figIdx         // figure values
	perIdx         // words of people's names
	leadIdx        // words of the headline and lead
	focIdx         // words of the names of people in the lead
	nSpaces
)

// profile is an article's vectors, one per space, TF-IDF weighted and each
// of length 1 (or empty).
type profile [nSpaces]Vec

// group is what two sides of a comparison are made of: an event, or an
// article seen as an event of one. Sums are the sums of the articles' unit
// vectors per space, Counts the articles that had something in each space.
type group struct {
	sums   *[nSpaces]Vec
	counts [nSpaces]int
	n      int
}

func (e *EventState) group() group { return group{&e.Sums, e.Counts, e.N} }

func (pr *profile) group() group {
	g := group{sums: (*[nSpaces]Vec)(pr), n: 1}
	for i, v := range pr {
		if len(v) > 0 {
			g.counts[i] = 1
		}
	}
	return g
}

// score is the mean, over every pair of an article of a and an article of
// b, of the pair's score by w. Each pair's score is linear in its cosines,
// so the mean needs only the sums: the mean cosine of space i over the
// pairs is a.sums[i]·b.sums[i] / (a.n·b.n). This is average-link
// clustering, at the cost of one sparse dot product per space.
func score(a, b group, w Weights) float64 {
	pairs := float64(a.n * b.n)
	if pairs == 0 {
		return math.Inf(-1)
	}
	z := w.Bias
	for i := range nSpaces {
		if a.counts[i] == 0 || b.counts[i] == 0 {
			continue
		}
		z += w.Cos[i] * dot(a.sums[i], b.sums[i]) / pairs
		z += w.Both[i] * float64(a.counts[i]*b.counts[i]) / pairs
	}
	ad, bd := a.counts[dateIdx], b.counts[dateIdx]
	z += w.OneDated * float64(ad*(b.n-bd)+bd*(a.n-ad)) / pairs
	return z
}

// timePenalty is what the gap between an article's days and an event's
// costs: nothing within WindowDays, 1/DecayDays a day beyond; nothing when
// either side has no days.
func timePenalty(days []time.Time, e *EventState, p Params) float64 {
	if len(days) == 0 || e.Start.IsZero() {
		return 0
	}
	lo, hi := span(days)
	gap := 0.0
	switch {
	case hi.Before(e.Start):
		gap = e.Start.Sub(hi).Hours() / 24
	case lo.After(e.End):
		gap = lo.Sub(e.End).Hours() / 24
	}
	if gap <= p.WindowDays {
		return 0
	}
	if p.DecayDays <= 0 {
		return math.Inf(1)
	}
	return (gap - p.WindowDays) / p.DecayDays
}

// eventTimePenalty is timePenalty between two events' spans.
func eventTimePenalty(a, b *EventState, p Params) float64 {
	if a.Start.IsZero() {
		return 0
	}
	return timePenalty([]time.Time{a.Start, a.End}, b, p)
}

func span(days []time.Time) (lo, hi time.Time) {
	lo, hi = days[0], days[0]
	for _, d := range days[1:] {
		if d.Before(lo) {
			lo = d
		}
		if d.After(hi) {
			hi = d
		}
	}
	return lo, hi
}

// absorb adds an article to an event.
func (v *view) absorb(e *EventState, aid string, d profile, days []time.Time, p Params) {
	e.Articles = append(e.Articles, aid)
	e.N++
	for i, x := range d {
		if len(x) == 0 {
			continue
		}
		e.Sums[i] = prune(add(e.Sums[i], x), p.MaxCentroid)
		e.Counts[i]++
	}
	if len(days) > 0 {
		lo, hi := span(days)
		e.widen(lo, hi)
	}
	v.dirtyE[e.ID] = true
}

func (e *EventState) widen(lo, hi time.Time) {
	if e.Start.IsZero() || lo.Before(e.Start) {
		e.Start = lo
	}
	if e.End.IsZero() || hi.After(e.End) {
		e.End = hi
	}
}

// prune cuts a sum back to its n heaviest features once it has grown a
// quarter past n, so that the sort is paid once every few articles and a
// comparison costs the same however large the event grows.
func prune(v Vec, n int) Vec {
	if n <= 0 || len(v) <= n+n/4 {
		return v
	}
	return v.top(n)
}

// merge joins two events into the older, whose ID stands; the other stays
// as a pointer to it, since the index still files it. Both have their sums
// read.
func (v *view) merge(ctx context.Context, a, b *EventState, p Params) (*EventState, error) {
	if b.Seq < a.Seq {
		a, b = b, a
	}
	for i := range a.Sums {
		a.Sums[i] = prune(add(a.Sums[i], b.Sums[i]), p.MaxCentroid)
		a.Counts[i] += b.Counts[i]
	}
	if !b.Start.IsZero() {
		a.widen(b.Start, b.End)
	}
	// The articles keep naming b, which now points to a: a merge costs the
	// smaller list, not a pass over both.
	if len(b.Articles) > len(a.Articles) {
		a.Articles, b.Articles = b.Articles, a.Articles
	}
	a.Articles = append(a.Articles, b.Articles...)
	a.N += b.N
	if err := v.joinEvents(ctx, a, b); err != nil {
		return nil, err
	}
	*b = EventState{ID: b.ID, Seq: b.Seq, Merged: a.ID}
	v.dirtyE[a.ID], v.dirtyE[b.ID] = true, true
	return a, nil
}

// joinEvents joins the stories of two events.
func (v *view) joinEvents(ctx context.Context, a, b *EventState) error {
	sa, err := v.storyOf(ctx, a)
	if err != nil {
		return err
	}
	sb, err := v.storyOf(ctx, b)
	if err != nil {
		return err
	}
	v.joinStories(sa, sb)
	return nil
}

// joinStories merges two standing stories into the older, whose ID
// stands; the other stays as a pointer to it, so the events of both need
// not be touched. Lists may hold events merged since; readers skip them.
func (v *view) joinStories(sa, sb *StoryState) {
	if sa == sb {
		return
	}
	if sb.Seq < sa.Seq {
		sa, sb = sb, sa
	}
	if len(sb.Events) > len(sa.Events) {
		sa.Events, sb.Events = sb.Events, sa.Events
	}
	sa.Events = append(sa.Events, sb.Events...)
	sb.Events, sb.Merged = nil, sa.ID
	v.dirtyS[sa.ID], v.dirtyS[sb.ID] = true, true
}
