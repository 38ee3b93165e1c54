package report

import (
	"sort"
	"strings"
)

// storyView gathers what one story shows: its events, its facts with
// disagreements first, its quotes with variants and its timeline.
type storyView struct {
	Story    Story
	Events   []Event
	Facts    []Fact
	Outlets  []string            // the columns of the source-by-fact table
	Cells    map[string][]string // fact ID + "\x00" + outlet → figure texts
	Variants [][]Quote
	Timeline []Moment
}

// statusOrder puts what needs a reader's eye first.
var statusOrder = map[string]int{"differ": 0, "updated": 1, "agree": 2, "single": 3}

func (r *Report) storyViews() []storyView {
	events := map[string]Event{}
	for _, e := range r.Events {
		events[e.ID] = e
	}
	quotes := map[string]Quote{}
	for _, q := range r.Quotes {
		quotes[q.ID] = q
	}
	eventOfArticle := map[string]string{}
	for _, a := range r.Articles {
		if a.Event != nil {
			eventOfArticle[a.ID] = *a.Event
		}
	}
	var out []storyView
	for _, s := range r.Stories {
		v := storyView{Story: s, Cells: map[string][]string{}}
		in := map[string]bool{}
		for _, id := range s.Events {
			if e, ok := events[id]; ok {
				v.Events = append(v.Events, e)
				in[id] = true
			}
		}
		outlets := map[string]bool{}
		for _, f := range r.Facts {
			if !in[f.Event] {
				continue
			}
			v.Facts = append(v.Facts, f)
			for _, val := range f.Values {
				outlets[val.Outlet] = true
				k := f.ID + "\x00" + val.Outlet
				v.Cells[k] = append(v.Cells[k], val.Text)
			}
		}
		sort.SliceStable(v.Facts, func(i, j int) bool {
			a, b := v.Facts[i], v.Facts[j]
			if statusOrder[a.Status] != statusOrder[b.Status] {
				return statusOrder[a.Status] < statusOrder[b.Status]
			}
			return len(a.Values) > len(b.Values)
		})
		for o := range outlets {
			v.Outlets = append(v.Outlets, o)
		}
		sort.Strings(v.Outlets)
		seen := map[string]bool{}
		for _, q := range r.Quotes {
			if len(q.Variants) == 0 || seen[q.ID] || !in[eventOfArticle[q.Article]] {
				continue
			}
			group := []Quote{q}
			seen[q.ID] = true
			for _, id := range q.Variants {
				if o, ok := quotes[id]; ok && !seen[id] {
					group = append(group, o)
					seen[id] = true
				}
			}
			// Copies of the same words agree; only a statement that was
			// worded differently is shown as variants.
			if distinctTexts(group) > 1 {
				v.Variants = append(v.Variants, group)
			}
		}
		for _, m := range r.Timeline {
			if m.Story == s.ID {
				v.Timeline = append(v.Timeline, m)
			}
		}
		out = append(out, v)
	}
	return out
}

func (v storyView) cell(factID, outlet string) string {
	return strings.Join(v.Cells[factID+"\x00"+outlet], "; ")
}

// outletName shows an empty outlet (an article with no known outlet or
// site) as what it is.
func outletName(o string) string {
	if o == "" {
		return "(unknown outlet)"
	}
	return o
}

func distinctTexts(qs []Quote) int {
	seen := map[string]bool{}
	for _, q := range qs {
		seen[strings.ToLower(strings.Join(strings.Fields(strings.Trim(q.Text, " .,;:“”\"")), " "))] = true
	}
	return len(seen)
}
