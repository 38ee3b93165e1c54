package figures

import (
	"strings"

	"storyline/internal/news"
)

// finish applies the defaults and the bounds and drops what counts nothing.
func finish(toks []token, c *cand) (news.Figure, bool) {
	a := c.a
	if c.measure == "" {
		switch {
		case weapons[c.unit]:
			c.measure = "launched"
		case c.unit == "points":
			c.measure = "points"
		case c.unit == "%":
			c.measure = "share"
		}
	}
	if c.unit == "" && c.measure == "" {
		return news.Figure{}, false
	}
	if a.bare == "zero" && (c.measure == "" || c.b != nil) {
		return news.Figure{}, false
	}
	// "one" is a figure only when it counts something measured: not "one of
	// the most …", "one attendee said"
	if !a.digits && a.bare == "one" && !a.scaled && c.measure == "" && c.b == nil {
		return news.Figure{}, false
	}
	// "the two sides", "his three sons": a reference to known things
	if !a.digits && a.value <= 4 && !a.scaled && c.b == nil && c.bnd == exact && c.measure == "" &&
		determiners[lowAt(toks, c.start-1)] {
		return news.Figure{}, false
	}
	if u, ok := unitAliases[c.unit]; ok {
		c.unit = u
	}
	if u, ok := currencyNouns[c.unit]; ok {
		c.unit = u // "millions of dollars"
	} else if u, ok := currencyNouns[strings.TrimSuffix(c.unit, "s")]; ok {
		c.unit = u // "yens", the regular plural of a noun that has none
	}
	f := news.Figure{
		Span:    news.Span{Start: toks[c.start].start, End: toks[c.end-1].end},
		Unit:    c.unit,
		Measure: c.measure,
	}
	// whole things move strict bounds by one; shares and money do not (units
	// of measure such as hectares are treated as counts: reports round them)
	count := c.unit != "%" && a.currency == "" && !strings.HasSuffix(c.unit, " points")
	switch {
	case c.b != nil && c.change && c.reverse:
		// "rose to about 8 million, up from 6.5 million": the bound is the new value's
		f.From = ptr(c.b.value)
		f.Value = ptr(a.value)
		f.Min, f.Max = bounds(a.value, c.bnd, count)
	case c.b != nil && c.change:
		f.From = ptr(a.value)
		f.Value, f.Min, f.Max = ptr(c.b.value), ptr(c.b.value), ptr(c.b.value)
	case c.b != nil:
		lo, hi := a.value, c.b.value
		if a.vague {
			lo = a.lo
		}
		if c.b.vague {
			hi = c.b.hi
		}
		f.Min, f.Max = ptr(lo), ptr(hi)
	case a.vague:
		f.Min, f.Max = ptr(a.lo), ptr(a.hi)
	default:
		f.Value = ptr(a.value)
		f.Min, f.Max = bounds(a.value, c.bnd, count)
	}
	return f, true
}

// bounds gives the range a bounding phrase allows around v; whole numbers
// that count things move strict bounds by one ("more than 460" is 461 or
// more), percentages and money do not.
func bounds(v float64, b bound, count bool) (lo, hi *float64) {
	whole := count && v == float64(int64(v))
	switch b {
	case atLeast:
		return ptr(v), nil
	case above:
		if whole {
			return ptr(v + 1), nil
		}
		return ptr(v), nil
	case below:
		if whole {
			return nil, ptr(v - 1)
		}
		return nil, ptr(v)
	case upTo:
		return nil, ptr(v)
	case nearly:
		return ptr(v - v/10), ptr(v)
	case approx:
		return ptr(v - v/10), ptr(v + v/10)
	}
	return ptr(v), ptr(v)
}

func ptr(v float64) *float64 { return &v }
