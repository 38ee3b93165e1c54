package cluster

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"storyline/internal/news"
	"storyline/internal/words"
)

// Feature spaces: a key's prefix says which vector it belongs to, so one
// table of document frequencies serves all three.
const (
	termSpace = "t:" // stems of the text's content words
	nameSpace = "n:" // words of entity names (folded, not stemmed)
	dateSpace = "d:" // calendar values the text resolves: day, week, month, year
	figSpace  = "f:" // the values of the text's figures: 5.6, 10, 2000000
	perSpace  = "p:" // words of the names of people
	leadSpace = "l:" // stems of the headline and the first sentences
	focSpace  = "o:" // words of the names of people in the first sentences
)

// MaxHeadline bounds the headline kept per article (bytes).
const MaxHeadline = 240

// features are what the clusterer takes from one analysed article.
type features struct {
	terms, names, dates, figs, people, lead, focus Vec

	head     Vec // stems of the headline, to pick an event's title
	headline string
	titled   bool // the headline is the article's title
	pub      time.Time
	days     []time.Time // the days the article reports on
}

func featuresOf(d *news.Doc, p Params) features {
	a := d.Article
	text := d.Text()
	head := headline(d)
	f := features{headline: head, titled: strings.TrimSpace(a.Title) != "", pub: a.Published}
	sents := sentences(d)

	// The lead: the headline and the first sentences, which say what
	// happened; the background after them is what two similar happenings
	// share.
	lead := map[string]float64{}
	leadEnd := 0
	for _, w := range words.Content(head) {
		lead[leadSpace+w] = 1
	}
	for i, sp := range sents {
		if i >= p.LeadSentences {
			break
		}
		for _, w := range words.Content(sp.In(text)) {
			lead[leadSpace+w] = 1
		}
		leadEnd = sp.End
	}
	f.lead = vecOf(lead)

	terms := map[string]float64{}
	for _, w := range words.Content(text) {
		terms[termSpace+w]++
	}
	hv := map[string]float64{}
	for _, w := range words.Content(head) {
		hv[termSpace+w] = 1
	}
	for k, n := range terms {
		terms[k] = sublinear(n)
	}
	for k := range hv {
		terms[k] += p.HeadlineBoost
	}
	f.terms = vecOf(terms)
	f.head = vecOf(hv)

	names, people, focus := map[string]float64{}, map[string]float64{}, map[string]float64{}
	for _, m := range d.Entities {
		for _, t := range words.Tokens(m.Name) {
			if len(t.Fold) < 2 || words.Stop(t.Fold) {
				continue
			}
			names[nameSpace+t.Fold]++
			if m.Kind == news.Person {
				people[perSpace+t.Fold]++
				if m.Start < leadEnd {
					focus[focSpace+t.Fold] = 1
				}
			}
		}
	}
	for _, m := range []map[string]float64{names, people} {
		for k, n := range m {
			m[k] = sublinear(n)
		}
	}
	f.names, f.people, f.focus = vecOf(names), vecOf(people), vecOf(focus)

	dates := map[string]float64{}
	for _, r := range d.Dates {
		for _, k := range calendarKeys(r) {
			dates[dateSpace+k]++
		}
	}
	for k, n := range dates {
		dates[k] = sublinear(n)
	}
	f.dates = vecOf(dates)

	figs := map[string]float64{}
	for _, x := range d.Figures {
		if x.Value != nil && !math.IsInf(*x.Value, 0) && !math.IsNaN(*x.Value) {
			figs[figSpace+strconv.FormatFloat(*x.Value, 'g', 6, 64)]++
		}
	}
	for k, n := range figs {
		figs[k] = sublinear(n)
	}
	f.figs = vecOf(figs)
	f.days = reportedDays(d, p.ReportDays)
	return f
}

// headline is the article's title, else its first sentence, cut to
// MaxHeadline bytes at a word boundary.
func headline(d *news.Doc) string {
	h := strings.TrimSpace(d.Article.Title)
	if h == "" {
		text := d.Text()
		if len(d.Sentences) > 0 {
			h = d.Sentences[0].In(text)
		} else {
			h = text
		}
		if i := strings.IndexByte(h, '\n'); i >= 0 {
			h = h[:i]
		}
		h = strings.TrimSpace(h)
	}
	h = strings.Join(strings.Fields(h), " ")
	if len(h) > MaxHeadline {
		cut := strings.LastIndexByte(h[:MaxHeadline], ' ')
		if cut <= 0 {
			cut = MaxHeadline
			for cut > 0 && h[cut]&0xC0 == 0x80 {
				cut--
			}
		}
		h = h[:cut] + " …"
	}
	return h
}

var (
	dayValue   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})`)
	weekValue  = regexp.MustCompile(`^(\d{4})-W\d{2}$`)
	monthValue = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	yearValue  = regexp.MustCompile(`^\d{4}$`)
)

// calendarKeys turns a resolved date into the calendar values it names, from
// the finest to the year: 2009-11-30 gives 2009-11-30, 2009-11 and 2009. Two
// reports of one happening name the same days and years; two similar
// happenings years apart do not. Durations and sets name no day.
func calendarKeys(r news.DateRef) []string {
	if !r.Resolved || (r.Type != news.DateDate && r.Type != news.DateTime) {
		return nil
	}
	v := r.Value
	switch {
	case dayValue.MatchString(v):
		m := dayValue.FindStringSubmatch(v)
		return []string{m[1] + "-" + m[2] + "-" + m[3], m[1] + "-" + m[2], m[1]}
	case weekValue.MatchString(v):
		return []string{v, v[:4]}
	case monthValue.MatchString(v):
		return []string{v, v[:4]}
	case yearValue.MatchString(v):
		return []string{v}
	case len(v) > 5 && yearValue.MatchString(v[:4]) && v[4] == '-':
		return []string{v[:4]} // a season: 2025-SU
	}
	return nil
}

// reportedDays are the days an article reports on: the resolved days its
// text names within back days before its publication (an article published
// on Tuesday about "late Monday"), else its publication day. Without a
// publication time there are none: a day named in an undated text could be
// any day of its past.
func reportedDays(d *news.Doc, back int) []time.Time {
	pub := d.Article.Published
	if pub.IsZero() {
		return nil
	}
	pubDay := dayOf(pub)
	seen := map[time.Time]bool{}
	var out []time.Time
	for _, r := range d.Dates {
		if !r.Resolved || (r.Type != news.DateDate && r.Type != news.DateTime) || (r.Precision != news.PrecDay && r.Precision != news.PrecTime) {
			continue
		}
		m := dayValue.FindString(r.Value)
		if m == "" {
			continue
		}
		day, err := time.Parse("2006-01-02", m)
		if err != nil {
			continue
		}
		if day.After(pubDay) || pubDay.Sub(day) > time.Duration(back)*24*time.Hour || seen[day] {
			continue
		}
		seen[day] = true
		out = append(out, day)
	}
	if len(out) == 0 {
		out = append(out, pubDay)
	}
	return out
}

// dayOf is the calendar day of t in its own location, as midnight UTC.
func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func (f features) spaces() [nSpaces]Vec {
	return [nSpaces]Vec{f.terms, f.names, f.dates, f.figs, f.people, f.lead, f.focus}
}

// sublinear damps a count: the tenth "fire" says less than the first.
func sublinear(n float64) float64 {
	if n < 1 {
		return n
	}
	return 1 + math.Log(n)
}

// sentences are the doc's sentences, or the whole text as one.
func sentences(d *news.Doc) []news.Span {
	if len(d.Sentences) == 0 {
		return []news.Span{{Start: 0, End: len(d.Text())}}
	}
	return d.Sentences
}
