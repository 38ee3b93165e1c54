package news

import (
	"sort"
)

// StoryPageArticles bounds the articles one page of a story holds. A story
// with more is read in pages of whole events, newest first, so that what
// one page costs to line up, and to show, does not grow with the story.
// It is a variable only so that tests can page small corpora.
var StoryPageArticles = 50

// StoryPages splits a story's events into its pages: the newest events
// first (by start, then end, then ID, latest first), each page taking
// events while it holds at most StoryPageArticles articles, and at least
// one event, however large. The events given are the story's; the pages
// list their IDs, newest first within a page too.
func StoryPages(events []Event) [][]string {
	order := append([]Event(nil), events...)
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if !a.Start.Equal(b.Start) {
			return a.Start.After(b.Start)
		}
		if !a.End.Equal(b.End) {
			return a.End.After(b.End)
		}
		return a.ID > b.ID
	})
	var pages [][]string
	var page []string
	n := 0
	for _, e := range order {
		if len(page) > 0 && n+len(e.Articles) > StoryPageArticles {
			pages = append(pages, page)
			page, n = nil, 0
		}
		page = append(page, e.ID)
		n += len(e.Articles)
	}
	if len(page) > 0 {
		pages = append(pages, page)
	}
	return pages
}
