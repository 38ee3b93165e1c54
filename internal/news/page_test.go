package news

import (
	"fmt"
	"reflect"
	"testing"
	"time"
)

func TestStoryPages(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	ev := func(id string, d, n int) Event {
		e := Event{ID: id, Start: day(d), End: day(d)}
		for i := range n {
			e.Articles = append(e.Articles, fmt.Sprintf("%s-%d", id, i))
		}
		return e
	}
	old := StoryPageArticles
	StoryPageArticles = 10
	defer func() { StoryPageArticles = old }()
	tests := []struct {
		name   string
		events []Event
		want   [][]string
	}{
		{"empty", nil, nil},
		{"one page", []Event{ev("a", 1, 3), ev("b", 2, 3)}, [][]string{{"b", "a"}}},
		{"exactly full", []Event{ev("a", 1, 5), ev("b", 2, 5)}, [][]string{{"b", "a"}}},
		{"newest first", []Event{ev("a", 1, 6), ev("b", 3, 6), ev("c", 2, 3)}, [][]string{{"b", "c"}, {"a"}}},
		{"an event larger than a page", []Event{ev("a", 1, 2), ev("big", 2, 25), ev("c", 3, 4)}, [][]string{{"c"}, {"big"}, {"a"}}},
		{"same day by ID", []Event{ev("a", 1, 6), ev("b", 1, 6)}, [][]string{{"b"}, {"a"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := StoryPages(tc.events)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("StoryPages = %v, want %v", got, tc.want)
			}
		})
	}
}
