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
