package align

import (
	"testing"
	"time"

	"storyline/internal/news"
)

func num(v float64) *float64 { return &v }

// fig is a figure stated by outlet on day (of March 2027).
type fig struct {
	outlet        string
	day           int
	value, lo, hi *float64
}

func factDocs(measure, unit string, figs ...fig) []*news.Doc {
	var docs []*news.Doc
	for i, f := range figs {
		a := &news.Article{ID: string(rune('a' + i)), Outlet: f.outlet, Text: "x",
			Published: time.Date(2027, 3, f.day, 9, 0, 0, 0, time.UTC)}
		docs = append(docs, &news.Doc{Article: a, Figures: []news.Figure{{Span: news.Span{Start: 0, End: 1},
			Value: f.value, Min: f.lo, Max: f.hi, Unit: unit, Measure: measure}}})
	}
	return docs
}

func TestFactStatus(t *testing.T) {
	exact := func(o string, d int, v float64) fig { return fig{o, d, num(v), num(v), num(v)} }
	atLeast := func(o string, d int, v float64) fig { return fig{o, d, num(v), num(v), nil} }
	tests := []struct {
		name          string
		measure, unit string
		figs          []fig
		want          news.FactStatus
		wantFacts     int
	}{
		{"one outlet", "deaths", "people", []fig{exact("Herald", 2, 12), exact("Herald", 3, 12)}, news.Single, 1},
		{"same toll", "deaths", "people", []fig{exact("Herald", 2, 12), exact("Ledger", 2, 12)}, news.Agree, 1},
		{"toll rises over days", "deaths", "people", []fig{atLeast("Herald", 2, 12), exact("Ledger", 3, 15), exact("Post", 4, 31)}, news.Updated, 1},
		{"two tolls at once", "deaths", "people", []fig{exact("Herald", 2, 12), exact("Ledger", 2, 14)}, news.Differ, 1},
		{"a toll that falls", "deaths", "people", []fig{exact("Herald", 2, 15), exact("Ledger", 3, 12)}, news.Differ, 1},
		{"the missing are found", "missing", "people", []fig{exact("Herald", 2, 19), exact("Ledger", 3, 16)}, news.Updated, 1},
		{"two missing counts at once", "missing", "people", []fig{exact("Herald", 2, 19), exact("Ledger", 2, 16)}, news.Differ, 1},
		{"bound and count agree", "launched", "drones", []fig{{"Herald", 2, num(460), num(461), nil}, exact("Ledger", 3, 464)}, news.Agree, 1},
		{"vague and exact agree", "launched", "drones", []fig{{"Herald", 2, nil, num(200), num(999)}, exact("Ledger", 2, 464)}, news.Agree, 1},
		{"launch counts differ", "launched", "missiles", []fig{exact("Herald", 2, 22), exact("Ledger", 3, 30)}, news.Differ, 1},
		{"other order of magnitude is another fact", "launched", "drones", []fig{exact("Herald", 2, 460), exact("Ledger", 2, 1)}, news.Single, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts := Facts("E", factDocs(tt.measure, tt.unit, tt.figs...))
			if len(facts) != tt.wantFacts {
				t.Fatalf("%d facts, want %d: %+v", len(facts), tt.wantFacts, facts)
			}
			if facts[0].Status != tt.want {
				t.Errorf("status %s, want %s (%s)", facts[0].Status, tt.want, facts[0].Note)
			}
		})
	}
}

// An article that gives two numbers for one measure is speaking of two
// things: they never become one fact that "differs".
func TestOneArticleTwoThings(t *testing.T) {
	a := &news.Article{ID: "a", Outlet: "Herald", Text: "xx"}
	b := &news.Article{ID: "b", Outlet: "Ledger", Text: "x"}
	docs := []*news.Doc{
		{Article: a, Figures: []news.Figure{
			{Span: news.Span{Start: 0, End: 1}, Value: num(460), Min: num(460), Max: num(460), Unit: "drones", Measure: "launched"},
			{Span: news.Span{Start: 1, End: 2}, Value: num(300), Min: num(300), Max: num(300), Unit: "drones", Measure: "launched"}}},
		{Article: b, Figures: []news.Figure{{Span: news.Span{Start: 0, End: 1}, Value: num(460), Min: num(460), Max: num(460), Unit: "drones", Measure: "launched"}}},
	}
	facts := Facts("E", docs)
	if len(facts) != 2 || facts[0].Status != news.Agree || facts[1].Status != news.Single {
		t.Errorf("facts %+v, want 460 agreed by two outlets and 300 alone", facts)
	}
}
