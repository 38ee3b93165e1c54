package align

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"storyline/internal/news"
	"storyline/internal/words"
)

// span returns the days a TIMEX value covers: a day, an ISO week or its
// weekend, a month. ok is false for coarser or unknown values.
func span(v string) (from, to time.Time, ok bool) {
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t, t, true
	}
	if t, err := time.Parse("2006-01", v); err == nil {
		return t, t.AddDate(0, 1, -1), true
	}
	var y, w int
	weekend := strings.HasSuffix(v, "-WE")
	core := strings.TrimSuffix(v, "-WE")
	if a, b, found := strings.Cut(core, "-W"); found {
		var err1, err2 error
		y, err1 = strconv.Atoi(a)
		w, err2 = strconv.Atoi(b)
		if err1 != nil || err2 != nil || w < 1 || w > 53 {
			return time.Time{}, time.Time{}, false
		}
		// ISO week 1 holds 4 January; weeks start on Monday.
		jan4 := time.Date(y, time.January, 4, 0, 0, 0, 0, time.UTC)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		if weekend {
			return monday.AddDate(0, 0, 5), monday.AddDate(0, 0, 6), true
		}
		return monday, monday.AddDate(0, 0, 6), true
	}
	return time.Time{}, time.Time{}, false
}

// endings are the words before a duration that make it a stretch of time
// just ended: "following two days of discussions", "after three days of talks".
var endings = map[string]bool{"following": true, "after": true, "concluding": true, "ending": true, "capping": true, "wrapping": true}

// durationMoments turns a short duration that ends a happening the article
// reports ("following two days of discussions") into the days it covered,
// counted back from the publication day.
func durationMoments(story string, d *news.Doc) []news.Moment {
	pub := d.Article.Published
	if pub.IsZero() {
		return nil
	}
	text := d.Text()
	var out []news.Moment
	for _, t := range d.Dates {
		if t.Type != news.DateDuration || !strings.HasPrefix(t.Value, "P") || !strings.HasSuffix(t.Value, "D") {
			continue
		}
		n, err := strconv.Atoi(t.Value[1 : len(t.Value)-1])
		if err != nil || n < 1 || n > 14 {
			continue
		}
		before := words.Tokens(text[max(0, t.Start-40):t.Start])
		if len(before) == 0 || !endings[before[len(before)-1].Fold] {
			continue
		}
		end := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
		start := end.AddDate(0, 0, -(n - 1))
		out = append(out, news.Moment{Story: story, Date: start.Format("2006-01-02"), End: end.Format("2006-01-02"),
			Precision: news.PrecDay, Text: t.Span.In(text), What: sentenceOf(d, t.Span),
			Articles: []string{d.Article.ID}, Mentions: []news.DateMention{{Article: d.Article.ID, Span: t.Span, Text: t.Span.In(text)}}})
	}
	return out
}

// refine folds a coarse date ("over the weekend", "last week") into a day
// of the story inside it when the two sentences name the same, not
// everywhere-named, place: one outlet's "talks over the weekend in Geneva"
// and another's "discussed in Geneva on Sunday" are one happening, on the
// day the more precise outlet gives.
func refine(ms []*news.Moment, docs []*news.Doc) []*news.Moment {
	places := placesBySentence(docs)
	common := commonPlaces(places, 3)
	sentPlaces := func(m *news.Moment) map[string]bool {
		out := map[string]bool{}
		for _, w := range m.Mentions {
			for p := range places[w.Article+"\x00"+sentKey(docs, w.Article, w.Span)] {
				if !common[p] {
					out[p] = true
				}
			}
		}
		return out
	}
	var keep []*news.Moment
	for _, c := range ms {
		if c.Precision == news.PrecDay || c.End != "" {
			keep = append(keep, c)
			continue
		}
		from, to, ok := span(c.Date)
		if !ok {
			keep = append(keep, c)
			continue
		}
		cp := sentPlaces(c)
		var into *news.Moment
		for _, f := range ms {
			if f.Precision != news.PrecDay || f.End != "" {
				continue
			}
			day, err := time.Parse("2006-01-02", f.Date)
			if err != nil || day.Before(from) || day.After(to) {
				continue
			}
			for p := range sentPlaces(f) {
				if cp[p] {
					into = f
				}
			}
		}
		if into == nil {
			keep = append(keep, c)
			continue
		}
		into.Mentions = append(into.Mentions, c.Mentions...)
		for _, a := range c.Articles {
			if !contains(into.Articles, a) {
				into.Articles = append(into.Articles, a)
			}
		}
	}
	return keep
}

func sentKey(docs []*news.Doc, article string, s news.Span) string {
	for _, d := range docs {
		if d.Article.ID != article {
			continue
		}
		for _, sent := range d.Sentences {
			if sent.Contains(s) {
				return strconv.Itoa(sent.Start)
			}
		}
	}
	return "?"
}

// placesBySentence maps article+sentence start to the identities-free
// folded names of the places mentioned there.
func placesBySentence(docs []*news.Doc) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, d := range docs {
		for _, m := range d.Entities {
			if m.Kind != news.Place {
				continue
			}
			for _, sent := range d.Sentences {
				if sent.Contains(m.Span) {
					k := d.Article.ID + "\x00" + strconv.Itoa(sent.Start)
					if out[k] == nil {
						out[k] = map[string]bool{}
					}
					out[k][words.Fold(m.Name)] = true
				}
			}
		}
	}
	return out
}

// commonPlaces are the n places named in the most sentences: the setting
// of the whole story, which says nothing about which happening is meant.
func commonPlaces(bySent map[string]map[string]bool, n int) map[string]bool {
	count := map[string]int{}
	for _, ps := range bySent {
		for p := range ps {
			count[p]++
		}
	}
	var ps []string
	for p := range count {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool {
		if count[ps[i]] != count[ps[j]] {
			return count[ps[i]] > count[ps[j]]
		}
		return ps[i] < ps[j]
	})
	out := map[string]bool{}
	for _, p := range ps[:min(n, len(ps))] {
		out[p] = true
	}
	return out
}
