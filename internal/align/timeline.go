package align

import (
	"sort"
	"strings"

	"storyline/internal/news"
)

// Timeline merges the resolved dates of a story's articles into dated
// happenings: one per calendar value (a day, a week, a month, a season), in
// calendar order, each with every article's own words for it — so that one
// outlet's "Tuesday night" beside another's "overnight" is there to see.
func Timeline(story string, docs []*news.Doc) []news.Moment {
	byDate := map[string]*news.Moment{}
	var keys []string
	for _, d := range docs {
		text := d.Text()
		for _, t := range d.Dates {
			if !t.Resolved || t.Type != news.DateDate || t.Precision == "" || t.Precision == news.PrecTime {
				continue
			}
			m := byDate[t.Value]
			if m == nil {
				m = &news.Moment{Story: story, Date: t.Value, Precision: t.Precision, Text: t.Span.In(text),
					What: sentenceOf(d, t.Span)}
				byDate[t.Value] = m
				keys = append(keys, t.Value)
			}
			m.Mentions = append(m.Mentions, news.DateMention{Article: d.Article.ID, Span: t.Span, Text: t.Span.In(text)})
			if !contains(m.Articles, d.Article.ID) {
				m.Articles = append(m.Articles, d.Article.ID)
			}
		}
	}
	var ms []*news.Moment
	for _, k := range keys {
		ms = append(ms, byDate[k])
	}
	ms = refine(ms, docs)
	for _, d := range docs {
		for _, m := range durationMoments(story, d) {
			ms = append(ms, &m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return calendarKey(ms[i].Date) < calendarKey(ms[j].Date) })
	out := make([]news.Moment, 0, len(ms))
	for _, m := range ms {
		out = append(out, *m)
	}
	return out
}

// calendarKey orders TIMEX values by when they start: 2025-08 before
// 2025-W47 before 2025-11-19, a season at its first month.
func calendarKey(v string) string {
	season := map[string]string{"WI": "01", "SP": "03", "SU": "06", "FA": "09", "AU": "09"}
	parts := strings.Split(v, "-")
	if len(parts) >= 2 {
		if m, ok := season[parts[1]]; ok {
			return parts[0] + "-" + m + "-00~" + v
		}
		if strings.HasPrefix(parts[1], "W") && len(parts[1]) == 3 {
			// ISO week n starts about 7n-6 days into the year: order by month-day.
			w := int(parts[1][1]-'0')*10 + int(parts[1][2]-'0')
			day := 7*w - 6
			months := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
			m := 0
			for m < 11 && day > months[m] {
				day -= months[m]
				m++
			}
			return parts[0] + "-" + two(m+1) + "-" + two(day) + "~" + v
		}
	}
	return v
}

func two(n int) string { return string([]byte{byte('0' + n/10), byte('0' + n%10)}) }

func sentenceOf(d *news.Doc, s news.Span) string {
	for _, sent := range d.Sentences {
		if sent.Contains(s) {
			return strings.TrimSpace(sent.In(d.Text()))
		}
	}
	return s.In(d.Text())
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
