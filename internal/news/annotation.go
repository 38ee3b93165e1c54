package news

// EntityKind is the coarse type of a named thing.
type EntityKind string

const (
	Person       EntityKind = "person"
	Organization EntityKind = "organization"
	Place        EntityKind = "place"
	OtherEntity  EntityKind = "other"
)

// Mention is one occurrence of a named thing in a text.
type Mention struct {
	Span
	Kind EntityKind `json:"kind"`
	// Name is the fullest form of the name within the article (Driscoll →
	// Dan Driscoll), so mentions of one entity in one article share it.
	Name string `json:"name"`
	// Title is the role attached to the mention, when the text gives one
	// ("US Army Secretary", "Kremlin foreign policy aide").
	Title string `json:"title,omitempty"`
}

// Quote is something someone said, directly (in quotation marks) or
// reported ("said that …", "according to …").
type Quote struct {
	Span               // the quoted words, without the marks
	Direct      bool   `json:"direct"`
	Cue         string `json:"cue,omitempty"` // the verb or phrase: said, told, according to
	CueSpan     *Span  `json:"cue_span,omitempty"`
	SpeakerText string `json:"speaker_text,omitempty"` // as written: "he", "a US official"
	SpeakerSpan *Span  `json:"speaker_span,omitempty"`
	// Speaker is the resolved name of a person or organisation in the
	// article, or "" when the speaker is unnamed (then SpeakerText keeps the
	// description).
	Speaker string `json:"speaker,omitempty"`
}

// Figure is a number in the text with what it counts.
type Figure struct {
	Span
	Value *float64 `json:"value"` // the stated number, nil for vague amounts ("hundreds")
	Min   *float64 `json:"min"`   // bounds implied by the wording; nil = open
	Max   *float64 `json:"max"`
	// From is set for a change ("from 600,000 to 800,000"): the earlier value.
	From    *float64 `json:"from,omitempty"`
	Unit    string   `json:"unit,omitempty"`    // what is counted: missiles, people, %
	Measure string   `json:"measure,omitempty"` // normalised: deaths, injured, launched, points …
}

// DateType is the TIMEX3 class of a temporal expression.
type DateType string

const (
	DateDate     DateType = "date"
	DateTime     DateType = "time"
	DateDuration DateType = "duration"
	DateSet      DateType = "set"
)

// Precision says how much of a resolved date is known.
type Precision string

const (
	PrecDay    Precision = "day"
	PrecWeek   Precision = "week"
	PrecMonth  Precision = "month"
	PrecSeason Precision = "season"
	PrecYear   Precision = "year"
	PrecTime   Precision = "time"
)

// DateRef is a temporal expression resolved against the article's
// publication day. Value uses TIMEX3 notation (2025-11-25, 2025-W47, 2025-08,
// 2025-SU, P2D); it keeps the unresolved words when no anchor exists.
type DateRef struct {
	Span
	Type      DateType  `json:"type"`
	Value     string    `json:"value"`
	Precision Precision `json:"precision,omitempty"`
	Resolved  bool      `json:"resolved"`
}
