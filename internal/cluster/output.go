package cluster

import (
	"math"
	"sort"

	"storyline/internal/news"
)

// Events returns every event in the order they began, each with its
// articles in the order they were added.
func (c *Clusterer) Events() []news.Event {
	c.mu.Lock()
	defer c.mu.Unlock()
	evs := c.sortedEvents()
	out := make([]news.Event, len(evs))
	for i, e := range evs {
		out[i] = news.Event{ID: e.ID, Title: c.title(e), Start: e.Start, End: e.End, Story: c.storyOf(e).ID,
			Articles: c.articles(e)}
	}
	return out
}

// articles lists an event's articles in the order they were added.
func (c *Clusterer) articles(e *EventState) []string {
	ids := append([]string(nil), e.Articles...)
	sort.Slice(ids, func(i, j int) bool { return c.st.Articles[ids[i]].Seq < c.st.Articles[ids[j]].Seq })
	return ids
}

// Stories returns every story in the order they began, each with its
// events in the order they began.
func (c *Clusterer) Stories() []news.Story {
	c.mu.Lock()
	defer c.mu.Unlock()
	stories := make([]*StoryState, 0, len(c.st.Stories))
	for _, s := range c.st.Stories {
		if s.Merged == "" {
			stories = append(stories, s)
		}
	}
	sort.Slice(stories, func(i, j int) bool { return stories[i].Seq < stories[j].Seq })
	out := make([]news.Story, len(stories))
	for i, s := range stories {
		var evs []*EventState
		for _, id := range s.Events {
			if e := c.st.Events[id]; e.Merged == "" {
				evs = append(evs, e)
			}
		}
		sort.Slice(evs, func(a, b int) bool { return evs[a].Seq < evs[b].Seq })
		ids := make([]string, len(evs))
		var main *EventState
		for j, e := range evs {
			ids[j] = e.ID
			if main == nil || e.N > main.N {
				main = e
			}
		}
		out[i] = news.Story{ID: s.ID, Events: ids}
		if main != nil {
			out[i].Title = c.title(main)
		}
	}
	return out
}

// EventOf returns the ID of the event an article joined.
func (c *Clusterer) EventOf(articleID string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	a, ok := c.st.Articles[articleID]
	if !ok {
		return "", false
	}
	return c.event(a.Event).ID, true
}

func (c *Clusterer) sortedEvents() []*EventState {
	evs := make([]*EventState, 0, len(c.st.Events))
	for _, e := range c.st.Events {
		if e.Merged == "" {
			evs = append(evs, e)
		}
	}
	sort.Slice(evs, func(i, j int) bool { return evs[i].Seq < evs[j].Seq })
	return evs
}

// title is the headline of the event's most central article: the one whose
// headline words weigh most in the event's summed terms (the earliest on a
// tie). A headline is written to sum up its article; the most central sums
// up what the outlets agree the event is. Articles with a title come before
// those whose headline is only their first sentence.
func (c *Clusterer) title(e *EventState) string {
	best, bestTitled, bestScore := "", false, math.Inf(-1)
	for _, id := range c.articles(e) {
		a := c.st.Articles[id]
		if a == nil || a.Headline == "" {
			continue
		}
		s := 0.0
		if len(a.Head) > 0 {
			s = dot(a.Head, e.Sums[termIdx]) / math.Sqrt(float64(len(a.Head)))
		}
		if a.Titled && !bestTitled || a.Titled == bestTitled && s > bestScore {
			best, bestTitled, bestScore = a.Headline, a.Titled, s
		}
	}
	return best
}
