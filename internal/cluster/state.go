package cluster

import "time"

// ArticleState is what the clusterer keeps of one article: enough to title
// its event and give the event its days, not the text.
type ArticleState struct {
	ID        string      `json:"id"`
	Seq       int         `json:"seq"`
	Event     string      `json:"event"` // the event it joined (follow Merged from there)
	Published time.Time   `json:"published,omitzero"`
	Headline  string      `json:"headline"`
	Titled    bool        `json:"titled,omitempty"` // Headline is the article's title, not its first sentence
	Head      Vec         `json:"head,omitempty"`   // stems of the headline
	Days      []time.Time `json:"days,omitempty"`   // the days it reports on
}

// EventState is one event: its articles and the centroid they add up to.
type EventState struct {
	ID       string   `json:"id"`
	Seq      int      `json:"seq"`
	Story    string   `json:"story"` // follow Merged from there
	Articles []string `json:"articles"`
	N        int      `json:"n"` // len(Articles)
	// Merged is the event this one was merged into; a merged event keeps
	// only its ID, since the index may still file it.
	Merged string `json:"merged,omitempty"`
	// Sums are the sums of the articles' unit vectors, one per feature
	// space, cut to the MaxCentroid heaviest features; Counts the articles
	// that had something in each space.
	Sums   [nSpaces]Vec `json:"sums"`
	Counts [nSpaces]int `json:"counts"`
	// Start and End span the days the articles report on; zero when no
	// article has a publication time.
	Start time.Time `json:"start,omitzero"`
	End   time.Time `json:"end,omitzero"`
}

// StoryState is one story: the events it threads together.
type StoryState struct {
	ID     string   `json:"id"`
	Seq    int      `json:"seq"`
	Events []string `json:"events"`
	// Merged is the story this one was joined into; a merged story keeps
	// only its ID, since events may still name it.
	Merged string `json:"merged,omitempty"`
}

// State is everything the clusterer knows besides its index, as plain
// values: marshal it to JSON to persist, give it to Restore to resume.
type State struct {
	Params Params `json:"params"`
	// N is the number of articles added; DF counts the articles holding
	// each feature key, from which the IDF weights come.
	N        int                      `json:"n"`
	DF       map[string]int           `json:"df"`
	Articles map[string]*ArticleState `json:"articles"`
	Events   map[string]*EventState   `json:"events"`
	Stories  map[string]*StoryState   `json:"stories"`
}

func newState(p Params) *State {
	return &State{Params: p, DF: map[string]int{}, Articles: map[string]*ArticleState{},
		Events: map[string]*EventState{}, Stories: map[string]*StoryState{}}
}
