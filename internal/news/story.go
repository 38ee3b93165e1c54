package news

import "time"

// Event is one happening reported by one or more articles.
type Event struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Story    string    `json:"story"`
	Articles []string  `json:"articles"`
}

// Story is a thread of related events.
type Story struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	Events []string `json:"events"`
}

// Identity joins the mentions of one entity across articles and spellings.
type Identity struct {
	ID       string     `json:"id"`
	Name     string     `json:"name"`
	Kind     EntityKind `json:"kind"`
	Aliases  []string   `json:"aliases"`
	Articles []string   `json:"articles"`
}

// FactStatus says how the outlets' figures for one fact relate.
type FactStatus string

const (
	Agree   FactStatus = "agree"
	Differ  FactStatus = "differ"
	Single  FactStatus = "single"
	Updated FactStatus = "updated"
)

// Fact groups the figures of one event that measure the same thing.
type Fact struct {
	ID      string     `json:"id"`
	Event   string     `json:"event"`
	Measure string     `json:"measure"`
	Unit    string     `json:"unit"`
	Status  FactStatus `json:"status"`
	Figures []string   `json:"figures"` // figure IDs (FigureID), in publication order
	// Note spells out a difference or an update for people: each stated
	// number with its outlet and publication time, in time order.
	Note string `json:"note,omitempty"`
}

// Moment is one dated happening on a story's timeline: a calendar value
// (TIMEX3: 2025-11-25, 2025-W47, 2025-08, 2025-SU) with what happened then
// and every article's own words for the date.
type Moment struct {
	Story     string        `json:"story,omitempty"`
	Page      int           `json:"page,omitempty"` // the story's page (news.StoryPages) lined up, from 1, when it has more than one
	Date      string        `json:"date"`
	End       string        `json:"end,omitempty"` // the last day of a stretch of days ("two days of talks")
	Precision Precision     `json:"precision"`
	What      string        `json:"what"` // the sentence of the first mention
	Text      string        `json:"text"` // the first mention's words
	Articles  []string      `json:"articles"`
	Mentions  []DateMention `json:"mentions"`
}

// DateMention is how one article put a date.
type DateMention struct {
	Article string `json:"article"`
	Span
	Text string `json:"text"`
}

// Relation says that Article duplicates or rewrites Of.
type Relation struct {
	Article    string  `json:"article"`
	Of         string  `json:"of"`
	Kind       string  `json:"kind"` // "duplicate" or "rewrite"
	Similarity float64 `json:"similarity"`
	// Added are the rewrite's sentences with no counterpart in the
	// original; Dropped the original's sentences the rewrite left out.
	Added   []Span `json:"added,omitempty"`
	Dropped []Span `json:"dropped,omitempty"`
}
