package report

import (
	"storyline/internal/news"
)

// facts adds to each fact the figures as each outlet stated them, so that a
// reader sees who said what and when without looking anything up.
func facts(in []news.Fact, docs []*news.Doc) []Fact {
	type where struct {
		d *news.Doc
		f news.Figure
	}
	figs := map[string]where{}
	for _, d := range docs {
		for i, f := range d.Figures {
			figs[news.FigureID(d.Article.ID, i)] = where{d, f}
		}
	}
	out := []Fact{}
	for _, f := range in {
		rf := Fact{ID: f.ID, Event: f.Event, Measure: f.Measure, Unit: f.Unit, Status: string(f.Status),
			Figures: nonNil(f.Figures), Note: f.Note, Values: []FactValue{}}
		for _, id := range f.Figures {
			w, ok := figs[id]
			if !ok {
				continue
			}
			a := w.d.Article
			outlet := a.Outlet
			if outlet == "" {
				outlet = a.Site
			}
			rf.Values = append(rf.Values, FactValue{Figure: id, Article: a.ID, Outlet: outlet, Published: when(a.Published),
				Text: w.f.Span.In(w.d.Text()), Value: w.f.Value, Min: w.f.Min, Max: w.f.Max, Sentence: sentenceSpan(w.d, w.f.Span)})
		}
		out = append(out, rf)
	}
	return out
}

func sentenceSpan(d *news.Doc, s news.Span) news.Span {
	for _, sent := range d.Sentences {
		if sent.Contains(s) {
			return sent
		}
	}
	return s
}

func moments(in []news.Moment) []Moment {
	out := []Moment{}
	for _, m := range in {
		rm := Moment{Story: m.Story, Page: m.Page, Date: m.Date, End: m.End, Precision: string(m.Precision), What: m.What, Text: m.Text,
			Articles: nonNil(m.Articles), Mentions: []DateWording{}}
		for _, w := range m.Mentions {
			rm.Mentions = append(rm.Mentions, DateWording{Article: w.Article, Text: w.Text, Start: w.Start, End: w.End})
		}
		out = append(out, rm)
	}
	return out
}

func relations(in []news.Relation, docs []*news.Doc) []Relation {
	text := map[string]string{}
	for _, d := range docs {
		text[d.Article.ID] = d.Text()
	}
	out := []Relation{}
	for _, r := range in {
		rr := Relation{Article: r.Article, Of: r.Of, Kind: r.Kind, Similarity: r.Similarity, Added: []string{}, Dropped: []string{}}
		for _, s := range r.Added {
			rr.Added = append(rr.Added, s.In(text[r.Article]))
		}
		for _, s := range r.Dropped {
			rr.Dropped = append(rr.Dropped, s.In(text[r.Of]))
		}
		out = append(out, rr)
	}
	return out
}
