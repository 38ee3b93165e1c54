package align

import (
	"testing"

	"storyline/internal/news"
)

func TestTimelineOrderAndWording(t *testing.T) {
	mk := func(id, text string, dates ...news.DateRef) *news.Doc {
		return &news.Doc{Article: &news.Article{ID: id, Text: text}, Sentences: []news.Span{{Start: 0, End: len(text)}}, Dates: dates}
	}
	a := mk("a", "The blast came overnight, after the strike in August.",
		news.DateRef{Span: news.Span{Start: 15, End: 24}, Type: news.DateDate, Value: "2027-03-02", Precision: news.PrecDay, Resolved: true},
		news.DateRef{Span: news.Span{Start: 45, End: 51}, Type: news.DateDate, Value: "2026-08", Precision: news.PrecMonth, Resolved: true})
	b := mk("b", "It came on Tuesday night; last week was calm; it lasted two days.",
		news.DateRef{Span: news.Span{Start: 11, End: 24}, Type: news.DateDate, Value: "2027-03-02", Precision: news.PrecDay, Resolved: true},
		news.DateRef{Span: news.Span{Start: 26, End: 35}, Type: news.DateDate, Value: "2027-W08", Precision: news.PrecWeek, Resolved: true},
		news.DateRef{Span: news.Span{Start: 56, End: 64}, Type: news.DateDuration, Value: "P2D", Resolved: true})
	got := Timeline("S", []*news.Doc{a, b})
	var order []string
	for _, m := range got {
		order = append(order, m.Date)
	}
	want := []string{"2026-08", "2027-W08", "2027-03-02"}
	if len(order) != len(want) {
		t.Fatalf("dates %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("dates %v, want %v", order, want)
		}
	}
	day := got[2]
	if len(day.Articles) != 2 || len(day.Mentions) != 2 || day.Mentions[0].Text != "overnight" || day.Mentions[1].Text != "Tuesday night" {
		t.Errorf("2027-03-02 = %+v: want both articles with their own words", day)
	}
}
