package webtest

import (
	"storyline/internal/news"
	"storyline/internal/report"
)

// IDs of the filled fixture's stories, events and identities, for tests.
const (
	StoryDam      = "s-orrin-dam"
	StoryStrike   = "s-caldera-strike"
	EventBreach   = "ev-orrin-breach"
	EventConvoy   = "ev-vasko-convoy"
	EventStrike   = "ev-caldera-strike"
	EntityMarrow  = "id-ilsa-marrow"
	FactEvacuated = "fact-evacuated"
	FactDeaths    = "fact-deaths"
)

// Filled is an invented story that fills every field of the report: two
// stories, three events, a rewrite, one person under three spellings, a
// quote in three versions, facts that agree, differ, were updated and
// stand alone, removed furniture, a timeline with a week and a year, and a
// failed input. The outlets, places and people are made up.
func Filled() report.Input {
	a1 := newDoc("https://meridian-courier.example/2031/05/10/orrin-dam-breach", "Meridian Courier", "Tomas Reyke",
		"Dam breach at Orrin floods Lower Vasko", "2031-05-10T08:00:00Z",
		"At least 14 people died when the Orrin dam gave way early on Saturday, flooding the valley town of Lower Vasko. "+
			"Rescue teams said 62 people were injured.\n\n"+
			"About 2,300 residents were evacuated overnight, the Vasko Relief Agency said. Governor Ilsa Marrow visited the town. "+
			"\"We will rebuild every home,\" Marrow said.\n\n"+
			"The dam was built in 1987 and last inspected in March.")
	a1.d.Article.Removed = []news.Removal{{Text: "Subscribe for 1 crown a week", Reason: "subscription prompt"},
		{Text: "Photo: Meridian Courier archive", Reason: "photo credit"}}
	a1.ent("Orrin", "Orrin", news.Place, 1).ent("Lower Vasko", "Lower Vasko", news.Place, 1).
		ent("Vasko Relief Agency", "Vasko Relief Agency", news.Organization, 1).
		titled("Ilsa Marrow", "Ilsa Marrow", "Governor", news.Person).ent("Marrow", "Ilsa Marrow", news.Person, 2)
	a1Deaths := a1.fig("At least 14 people", f(14), f(14), nil, "people", "deaths")
	a1Injured := a1.fig("62 people", f(62), f(62), f(62), "people", "injured")
	a1Evac := a1.fig("About 2,300 residents", f(2300), f(2000), f(2600), "residents", "evacuated")
	a1.fig("1987", f(1987), f(1987), f(1987), "", "year")
	a1Quote := a1.quote("We will rebuild every home,", "Ilsa Marrow", "said")
	a1.date("early on Saturday", "2031-05-10", news.PrecDay).date("1987", "1987", news.PrecYear).date("in March", "2031-03", news.PrecMonth)

	a2 := newDoc("https://northwind-daily.example/news/orrin-dam", "Northwind Daily", "",
		"Fourteen dead as Orrin dam gives way", "2031-05-10T12:30:00Z",
		"At least 14 people died when the Orrin dam gave way on Saturday, flooding Lower Vasko. Rescuers said 62 people were hurt.\n\n"+
			"Some 3,000 residents were evacuated, according to the Vasko Relief Agency. "+
			"\"We will rebuild every single home,\" Governor Ilsa Marow told reporters.\n\n"+
			"Northwind Daily could not reach the operator of the dam.")
	a2.ent("Orrin", "Orrin", news.Place, 1).ent("Lower Vasko", "Lower Vasko", news.Place, 1).
		ent("Vasko Relief Agency", "Vasko Relief Agency", news.Organization, 1).
		titled("Ilsa Marow", "Ilsa Marow", "Governor", news.Person).ent("Northwind Daily", "Northwind Daily", news.Organization, 1)
	a2Deaths := a2.fig("At least 14 people", f(14), f(14), nil, "people", "deaths")
	a2Injured := a2.fig("62 people", f(62), f(62), f(62), "people", "injured")
	a2Evac := a2.fig("Some 3,000 residents", f(3000), f(2700), f(3300), "residents", "evacuated")
	a2Quote := a2.quote("We will rebuild every single home,", "Ilsa Marow", "told reporters")
	a2.date("on Saturday", "2031-05-10", news.PrecDay)

	a3 := newDoc("", "Vasko Gazette", "", "Orrin toll rises to 19", "2031-05-11",
		"The death toll from the Orrin dam breach rose to 19 on Sunday, officials in Lower Vasko said.\n\n"+
			"Governor Ilse Marrow said: \"We shall rebuild every home in this valley.\"\n\n"+
			"Water levels fell this week.")
	a3.d.Article.DateInferred = true
	a3.ent("Orrin", "Orrin", news.Place, 1).ent("Lower Vasko", "Lower Vasko", news.Place, 1).
		titled("Ilse Marrow", "Ilse Marrow", "Governor", news.Person)
	a3Deaths := a3.fig("19", f(19), f(19), f(19), "people", "deaths")
	a3Quote := a3.quote("We shall rebuild every home in this valley.", "Ilse Marrow", "said")
	a3.date("on Sunday", "2031-05-11", news.PrecDay).date("this week", "2031-W19", news.PrecWeek)

	a4 := newDoc("https://meridian-courier.example/2031/05/13/convoy", "Meridian Courier", "Tomas Reyke",
		"Relief convoy reaches Lower Vasko", "2031-05-13T09:00:00Z",
		"A relief convoy of 40 trucks reached Lower Vasko on Tuesday, the Vasko Relief Agency said. "+
			"Its director, Piet Oranje, said the roads were clear.\n\n\"Clean water comes first,\" Oranje said.")
	a4.ent("Lower Vasko", "Lower Vasko", news.Place, 1).ent("Vasko Relief Agency", "Vasko Relief Agency", news.Organization, 1).
		titled("Piet Oranje", "Piet Oranje", "director", news.Person).ent("Oranje", "Piet Oranje", news.Person, 2)
	a4Trucks := a4.fig("40 trucks", f(40), f(40), f(40), "trucks", "vehicles")
	a4.quote("Clean water comes first,", "Piet Oranje", "said")
	a4.date("on Tuesday", "2031-05-13", news.PrecDay)

	a5 := newDoc("https://harbour-tribune.example/caldera-strike", "Harbour Tribune", "Mina Sol",
		"Caldera Bay dockers strike over pay", "2031-04-02T07:00:00Z",
		"Dock workers in Caldera Bay began a 48-hour strike on Wednesday over pay. "+
			"The Caldera Dockers Union said 1,200 members had walked out.")
	a5.ent("Caldera Bay", "Caldera Bay", news.Place, 1).ent("Caldera Dockers Union", "Caldera Dockers Union", news.Organization, 1)
	a5Members := a5.fig("1,200 members", f(1200), f(1200), f(1200), "members", "strikers")
	a5.date("on Wednesday", "2031-04-02", news.PrecDay)

	ids := func(ds ...*doc) []string {
		var out []string
		for _, d := range ds {
			out = append(out, d.id())
		}
		return out
	}
	return report.Input{
		Docs: []*news.Doc{a1.d, a2.d, a3.d, a4.d, a5.d},
		Events: []news.Event{
			{ID: EventBreach, Title: "Orrin dam breach floods Lower Vasko", Start: day("2031-05-10"), End: day("2031-05-11"),
				Story: StoryDam, Articles: ids(a1, a2, a3)},
			{ID: EventConvoy, Title: "Relief convoy reaches Lower Vasko", Start: day("2031-05-13"), End: day("2031-05-13"),
				Story: StoryDam, Articles: ids(a4)},
			{ID: EventStrike, Title: "Caldera Bay dock strike", Start: day("2031-04-02"), End: day("2031-04-04"),
				Story: StoryStrike, Articles: ids(a5)},
		},
		Stories: []news.Story{
			{ID: StoryDam, Title: "Orrin dam breach", Events: []string{EventBreach, EventConvoy}},
			{ID: StoryStrike, Title: "Caldera Bay dock strike", Events: []string{EventStrike}},
		},
		Identities: []news.Identity{
			{ID: EntityMarrow, Name: "Ilsa Marrow", Kind: news.Person, Aliases: []string{"Ilsa Marrow", "Ilsa Marow", "Ilse Marrow"},
				Articles: ids(a1, a2, a3)},
			{ID: "id-piet-oranje", Name: "Piet Oranje", Kind: news.Person, Aliases: []string{"Piet Oranje"}, Articles: ids(a4)},
			{ID: "id-lower-vasko", Name: "Lower Vasko", Kind: news.Place, Aliases: []string{"Lower Vasko"}, Articles: ids(a1, a2, a3, a4)},
			{ID: "id-orrin", Name: "Orrin", Kind: news.Place, Aliases: []string{"Orrin"}, Articles: ids(a1, a2, a3)},
			{ID: "id-vasko-relief", Name: "Vasko Relief Agency", Kind: news.Organization, Aliases: []string{"Vasko Relief Agency"},
				Articles: ids(a1, a2, a4)},
			{ID: "id-northwind", Name: "Northwind Daily", Kind: news.Organization, Aliases: []string{"Northwind Daily"}, Articles: ids(a2)},
			{ID: "id-caldera-bay", Name: "Caldera Bay", Kind: news.Place, Aliases: []string{"Caldera Bay"}, Articles: ids(a5)},
			{ID: "id-dockers", Name: "Caldera Dockers Union", Kind: news.Organization, Aliases: []string{"Caldera Dockers Union"},
				Articles: ids(a5)},
		},
		Facts: []news.Fact{
			{ID: FactDeaths, Event: EventBreach, Measure: "deaths", Unit: "people", Status: news.Updated,
				Figures: []string{a1Deaths, a2Deaths, a3Deaths},
				Note:    "at least 14 (Meridian Courier, 10 May 08:00; Northwind Daily, 10 May 12:30), then 19 (Vasko Gazette, 11 May)"},
			{ID: FactEvacuated, Event: EventBreach, Measure: "evacuated", Unit: "residents", Status: news.Differ,
				Figures: []string{a1Evac, a2Evac}, Note: "about 2,300 (Meridian Courier) against some 3,000 (Northwind Daily), the same day"},
			{ID: "fact-injured", Event: EventBreach, Measure: "injured", Unit: "people", Status: news.Agree,
				Figures: []string{a1Injured, a2Injured}},
			{ID: "fact-trucks", Event: EventConvoy, Measure: "vehicles", Unit: "trucks", Status: news.Single, Figures: []string{a4Trucks}},
			{ID: "fact-strikers", Event: EventStrike, Measure: "strikers", Unit: "members", Status: news.Single, Figures: []string{a5Members}},
		},
		RewriteOf: map[string]string{a2.id(): a1.id()},
		Relations: []news.Relation{{Article: a2.id(), Of: a1.id(), Kind: "rewrite", Similarity: 0.78,
			Added:   []news.Span{a2.sentenceWith("could not reach")},
			Dropped: []news.Span{a1.sentenceWith("built in 1987")}}},
		Variants: [][]string{{a1Quote, a2Quote, a3Quote}},
		Timeline: []news.Moment{
			{Story: StoryDam, Date: "1987", Precision: news.PrecYear, What: "The dam was built in 1987 and last inspected in March.",
				Text: "1987", Articles: ids(a1), Mentions: []news.DateMention{a1.mention("1987")}},
			{Story: StoryDam, Date: "2031-03", Precision: news.PrecMonth, What: "The dam was built in 1987 and last inspected in March.",
				Text: "in March", Articles: ids(a1), Mentions: []news.DateMention{a1.mention("in March")}},
			{Story: StoryDam, Date: "2031-05-10", Precision: news.PrecDay,
				What: "At least 14 people died when the Orrin dam gave way early on Saturday, flooding the valley town of Lower Vasko.",
				Text: "early on Saturday", Articles: ids(a1, a2),
				Mentions: []news.DateMention{a1.mention("early on Saturday"), a2.mention("on Saturday")}},
			{Story: StoryDam, Date: "2031-05-11", Precision: news.PrecDay,
				What: "The death toll from the Orrin dam breach rose to 19 on Sunday, officials in Lower Vasko said.",
				Text: "on Sunday", Articles: ids(a3), Mentions: []news.DateMention{a3.mention("on Sunday")}},
			{Story: StoryDam, Date: "2031-W19", Precision: news.PrecWeek, What: "Water levels fell this week.", Text: "this week",
				Articles: ids(a3), Mentions: []news.DateMention{a3.mention("this week")}},
			{Story: StoryDam, Date: "2031-05-13", Precision: news.PrecDay,
				What: "A relief convoy of 40 trucks reached Lower Vasko on Tuesday, the Vasko Relief Agency said.",
				Text: "on Tuesday", Articles: ids(a4), Mentions: []news.DateMention{a4.mention("on Tuesday")}},
			{Story: StoryStrike, Date: "2031-04-02", Precision: news.PrecDay,
				What: "Dock workers in Caldera Bay began a 48-hour strike on Wednesday over pay.", Text: "on Wednesday",
				Articles: ids(a5), Mentions: []news.DateMention{a5.mention("on Wednesday")}},
		},
		Failures: []report.Failure{{Input: "feeds/broken.rss", Reason: "malformed feed: unexpected end of the document"}},
	}
}

// FilledBackend is a Backend over Filled whose added articles join the
// convoy event of the dam story.
func FilledBackend() *Backend {
	b := NewBackend(Filled())
	b.Join = EventConvoy
	return b
}

// Empty is a store with articles and their per-article annotations but
// none of the cross-article results: what the pages show today before
// the lead's stages run.
func Empty() report.Input {
	in := Filled()
	return report.Input{Docs: in.Docs}
}
