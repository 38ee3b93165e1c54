package align

import (
	"testing"

	"storyline/internal/news"
)

// TestSeedFacts checks EXPECTED.md's table of facts for event A (000, 001,
// 002 taken as one event here; grouping articles is the clusterer's job).
func TestSeedFacts(t *testing.T) {
	docs := seedDocs(t)
	facts := Facts("A", []*news.Doc{docs["000"], docs["001"], docs["002"]})
	figText := map[string]string{}
	for _, d := range docs {
		for i, f := range d.Figures {
			figText[news.FigureID(d.Article.ID, i)] = f.Span.In(d.Text())
		}
	}
	find := func(measure, unit string, texts ...string) *news.Fact {
		for i, f := range facts {
			if f.Measure != measure || f.Unit != unit {
				continue
			}
			has := map[string]bool{}
			for _, id := range f.Figures {
				has[figText[id]] = true
			}
			all := true
			for _, tx := range texts {
				all = all && has[tx]
			}
			if all {
				return &facts[i]
			}
		}
		return nil
	}
	tests := []struct {
		name, measure, unit string
		texts               []string
		status              []news.FactStatus
	}{
		{"killed", "deaths", "people", []string{"at least six people", "Seven people"}, []news.FactStatus{news.Updated, news.Differ}},
		{"missiles", "launched", "missiles", []string{"22 missiles"}, []news.FactStatus{news.Agree}},
		{"drones", "launched", "drones", []string{"more than 460 drones", "464 drones"}, []news.FactStatus{news.Agree}},
		{"crossed", "crossed", "drones", []string{"four"}, []news.FactStatus{news.Single}},
		{"points", "points", "points", []string{"28-point", "28 points"}, []news.FactStatus{news.Agree}},
		{"ministers", "dismissed", "ministers", []string{"two", "two ministers"}, []news.FactStatus{news.Agree}},
		{"share", "share", "%", []string{"30%"}, []news.FactStatus{news.Single}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := find(tt.measure, tt.unit, tt.texts...)
			if f == nil {
				t.Fatalf("no %s/%s fact holds %q; facts: %+v", tt.measure, tt.unit, tt.texts, facts)
			}
			ok := false
			for _, s := range tt.status {
				ok = ok || f.Status == s
			}
			if !ok {
				t.Errorf("status %s, want one of %v (%s)", f.Status, tt.status, f.Note)
			}
			if (f.Status == news.Updated || f.Status == news.Differ) && f.Note == "" {
				t.Error("an update or a difference must spell out its sequence")
			}
		})
	}
}
