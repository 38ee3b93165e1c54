package cluster

import (
	"context"
	"fmt"
	"math"
	"sort"

	"storyline/internal/news"
)

// Events returns every event in the order they began, each with its
// articles in the order they were added. On a store it is EventsContext
// without a context, and nil when the store fails.
func (c *Clusterer) Events() []news.Event {
	evs, _ := c.EventsContext(context.Background())
	return evs
}

// EventsContext returns every event, as Events does. On a store it reads
// every event and article: it is for a report of the whole store; Event
// reads one.
func (c *Clusterer) EventsContext(ctx context.Context) ([]news.Event, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, err := c.whole(ctx)
	if err != nil {
		return nil, err
	}
	evs := st.sortedEvents()
	out := make([]news.Event, len(evs))
	for i, e := range evs {
		out[i] = st.event(e)
	}
	return out, nil
}

// Stories returns every story in the order they began, each with its
// events in the order they began. On a store it is StoriesContext without
// a context, and nil when the store fails.
func (c *Clusterer) Stories() []news.Story {
	ss, _ := c.StoriesContext(context.Background())
	return ss
}

// StoriesContext returns every story, as Stories does; on a store it reads
// everything, as EventsContext does.
func (c *Clusterer) StoriesContext(ctx context.Context) ([]news.Story, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, err := c.whole(ctx)
	if err != nil {
		return nil, err
	}
	stories := standingStories(st.Stories)
	out := make([]news.Story, len(stories))
	for i, s := range stories {
		out[i] = st.story(s)
	}
	return out, nil
}

// StoryIDs lists the standing stories' IDs in the order they were made.
// On a store it reads the stories' rows alone, not their events'.
func (c *Clusterer) StoryIDs(ctx context.Context) ([]string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var stories map[string]*StoryState
	if c.store == nil {
		stories = c.st.Stories
	} else {
		stories = map[string]*StoryState{}
		if err := c.scanStories(ctx, stories); err != nil {
			return nil, err
		}
	}
	standing := standingStories(stories)
	ids := make([]string, len(standing))
	for i, s := range standing {
		ids[i] = s.ID
	}
	return ids, nil
}

// standingStories are the stories of m not joined into another, in the
// order they were made.
func standingStories(m map[string]*StoryState) []*StoryState {
	out := make([]*StoryState, 0, len(m))
	for _, s := range m {
		if s.Merged == "" {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

// StoryEvents is Story with each of its events, as Event gives them, read
// in one go: on a store, the story's row, its events', their sums and
// their articles', a batch each, rather than a round of reads per event.
func (c *Clusterer) StoryEvents(ctx context.Context, id string) (news.Story, []news.Event, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.view()
	s, err := v.storyEvents(ctx, id)
	var standing []*EventState
	var arts []string
	if err == nil {
		for _, eid := range s.Events {
			if e := v.st.Events[eid]; e != nil && e.Merged == "" {
				standing = append(standing, e)
			}
		}
		err = v.bodies(ctx, standing)
	}
	if err == nil {
		for _, e := range standing {
			arts = append(arts, e.Articles...)
		}
		err = v.articles(ctx, arts)
	}
	for _, e := range standing {
		if err != nil {
			break
		}
		_, err = v.storyOf(ctx, e)
	}
	if err != nil {
		return news.Story{}, nil, fmt.Errorf("story %s: %w", id, err)
	}
	story := v.st.story(s)
	events := make([]news.Event, len(story.Events))
	for i, eid := range story.Events {
		events[i] = v.st.event(v.st.Events[eid])
	}
	return story, events, nil
}

// Event returns the event filed as id — the one it was merged into, if it
// was — with its title, days, story and articles. On a store it reads that
// event's rows and its articles' alone. An unknown id is news.ErrNotFound.
func (c *Clusterer) Event(ctx context.Context, id string) (news.Event, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.view()
	e, err := v.event(ctx, id)
	if err == nil && e == nil {
		err = news.ErrNotFound
	}
	if err == nil {
		err = v.bodies(ctx, []*EventState{e})
	}
	if err == nil {
		err = v.articles(ctx, e.Articles)
	}
	if err == nil {
		_, err = v.storyOf(ctx, e)
	}
	if err != nil {
		return news.Event{}, fmt.Errorf("event %s: %w", id, err)
	}
	return v.st.event(e), nil
}

// Story returns the story filed as id — the one it was joined into, if it
// was — with its title and events. On a store it reads the story's row,
// its events' and the articles of the event it is titled by.
func (c *Clusterer) Story(ctx context.Context, id string) (news.Story, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.view()
	s, err := v.storyEvents(ctx, id)
	if err == nil {
		if m := v.st.mainEvent(s); m != nil {
			if err = v.bodies(ctx, []*EventState{m}); err == nil {
				err = v.articles(ctx, m.Articles)
			}
		}
	}
	if err != nil {
		return news.Story{}, fmt.Errorf("story %s: %w", id, err)
	}
	return v.st.story(s), nil
}

// storyEvents reads the standing story filed as id and its events' light
// rows; an unknown id is news.ErrNotFound.
func (v *view) storyEvents(ctx context.Context, id string) (*StoryState, error) {
	s, err := v.story(ctx, id)
	if err == nil && s == nil {
		err = news.ErrNotFound
	}
	if err == nil {
		err = v.events(ctx, s.Events)
	}
	return s, err
}

// EventOf returns the ID of the event an article joined. On a store it is
// EventOfContext without a context, and false when the store fails.
func (c *Clusterer) EventOf(articleID string) (string, bool) {
	id, ok, _ := c.EventOfContext(context.Background(), articleID)
	return id, ok
}

// EventOfContext returns the ID of the event an article joined, reading
// the article's row and the events its merges lead through.
func (c *Clusterer) EventOfContext(ctx context.Context, articleID string) (string, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v := c.view()
	if err := v.articles(ctx, []string{articleID}); err != nil {
		return "", false, fmt.Errorf("event of %s: %w", articleID, err)
	}
	a, ok := v.st.Articles[articleID]
	if !ok {
		return "", false, nil
	}
	e, err := v.event(ctx, a.Event)
	if err != nil {
		return "", false, fmt.Errorf("event of %s: %w", articleID, err)
	}
	if e == nil {
		return "", false, fmt.Errorf("event of %s: %s: %w", articleID, a.Event, news.ErrNotFound)
	}
	return e.ID, true, nil
}

// event is e as a news.Event; st holds e's sums, its articles and story.
func (st *State) event(e *EventState) news.Event {
	return news.Event{ID: e.ID, Title: st.title(e), Start: e.Start, End: e.End, Story: st.storyOf(e).ID,
		Articles: st.articles(e)}
}

// story is s as a news.Story; st holds its events and the sums and
// articles of its main one.
func (st *State) story(s *StoryState) news.Story {
	var evs []*EventState
	for _, id := range s.Events {
		if e := st.Events[id]; e != nil && e.Merged == "" {
			evs = append(evs, e)
		}
	}
	sort.Slice(evs, func(a, b int) bool { return evs[a].Seq < evs[b].Seq })
	ids := make([]string, len(evs))
	for j, e := range evs {
		ids[j] = e.ID
	}
	out := news.Story{ID: s.ID, Events: ids}
	if m := st.mainEvent(s); m != nil {
		out.Title = st.title(m)
	}
	return out
}

// mainEvent is the story's largest event (the first begun on a tie), which
// titles it.
func (st *State) mainEvent(s *StoryState) *EventState {
	var main *EventState
	for _, id := range s.Events {
		e := st.Events[id]
		if e == nil || e.Merged != "" {
			continue
		}
		if main == nil || e.N > main.N || e.N == main.N && e.Seq < main.Seq {
			main = e
		}
	}
	return main
}

// articles lists an event's articles in the order they were added.
func (st *State) articles(e *EventState) []string {
	ids := append([]string(nil), e.Articles...)
	sort.Slice(ids, func(i, j int) bool { return st.Articles[ids[i]].Seq < st.Articles[ids[j]].Seq })
	return ids
}

// storyOf is the standing story of an event, all stories being at hand.
func (st *State) storyOf(e *EventState) *StoryState {
	s := st.Stories[e.Story]
	// A bound on the steps, and a stop at a missing story, so that a
	// damaged store cannot hang a reader.
	for i := 0; s.Merged != "" && st.Stories[s.Merged] != nil && i < len(st.Stories); i++ {
		s = st.Stories[s.Merged]
	}
	if s.ID != e.Story {
		e.Story = s.ID // shorten the path for next time
	}
	return s
}

func (st *State) sortedEvents() []*EventState {
	evs := make([]*EventState, 0, len(st.Events))
	for _, e := range st.Events {
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
func (st *State) title(e *EventState) string {
	best, bestTitled, bestScore := "", false, math.Inf(-1)
	for _, id := range st.articles(e) {
		a := st.Articles[id]
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
