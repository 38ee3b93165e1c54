package demo

import (
	"math"

	"storyline/internal/news"
)

// Bound says how the wording bounds a stated number.
type Bound string

const (
	Exact    Bound = "exact"     // "40 storage tanks", "seven"
	Between  Bound = "between"   // "between $2bn and $3bn": Value to Upper
	AtLeast  Bound = "at least"  // "at least 12": min 12, no max
	MoreThan Bound = "more than" // "more than 200", "over 200": min 201
	UpTo     Bound = "up to"     // "up to $4bn", "as far as 30km": max only
	About    Bound = "about"     // "about 50", "some", "roughly", "a dozen": ±10%
	Nearly   Bound = "nearly"    // "nearly 300": from 10% below up to the number
)

// Figure is a number in an article with what it counts. Text is the figure's
// words as written (the number, its bound words and, where they follow it, the
// unit's words); Context is a longer verbatim passage around it that occurs
// once in the article, so a scorer can place Text without offsets.
type Figure struct {
	Article string
	Context string
	Text    string
	Value   float64 // the stated number
	Bound   Bound
	// From is the earlier value of a change ("from 600 to 900"), else nil.
	From    *float64
	Unit    string // what is counted: people, storage tanks, %, USD
	Measure string // normalised: deaths, injured, missing, storage tanks …
	// Event is the event the figure measures, which is not always its
	// article's: the explosion's toll and damage belong to the explosion
	// even when a later report or one on another fire restates them, while
	// the inquiry's findings, pledges and plans belong to the aftermath. It
	// is "" for background from before the story (a mine collapse years ago).
	Event string
	// Upper is the higher number of a range (Bound Between).
	Upper float64
}

func fig(article, context, text string, v float64, b Bound, from *float64, unit, measure, event string) Figure {
	return Figure{Article: article, Context: context, Text: text, Value: v, Bound: b, From: from, Unit: unit, Measure: measure, Event: event}
}

// Min is the lowest value the wording allows, nil when open. Counts are
// whole, so "more than 200" starts at 201.
func (f Figure) Min() *float64 {
	v := f.Value
	switch f.Bound {
	case Exact, AtLeast, Between:
		return &v
	case MoreThan:
		if v == math.Trunc(v) {
			v++
		}
		return &v
	case About, Nearly:
		v -= v / 10
		return &v
	}
	return nil
}

// Max is the highest value the wording allows, nil when open.
func (f Figure) Max() *float64 {
	v := f.Value
	switch f.Bound {
	case Exact, UpTo, Nearly:
		return &v
	case Between:
		u := f.Upper
		return &u
	case About:
		v += v / 10
		return &v
	}
	return nil
}

// Fact is one measure of one event across the articles that report it; its
// figures are those with the same Event and Measure (Truth.FactFigures).
type Fact struct {
	Event   string
	Measure string
	Status  news.FactStatus
	Note    string
}

// FactFigures returns the figures of a fact in corpus order.
func (t *Truth) FactFigures(f Fact) []Figure {
	var out []Figure
	for _, g := range t.Figures {
		if g.Event == f.Event && g.Measure == f.Measure {
			out = append(out, g)
		}
	}
	return out
}

// Growing reports whether a measure grows as news comes in, so that two
// different numbers at different times are an update, not a contradiction.
// A deployment count (rescuers at the site) is counted as growing: it changes
// with the operation, not with the reporter.
func Growing(measure string) bool {
	switch measure {
	case "deaths", "injured", "missing", "displaced", "damage", "serious condition", "rescuers", "damaged homes":
		return true
	}
	return false
}

func ptr(v float64) *float64 { return &v }

// wireFigures are the figures of the wire report, which two outlets carry
// word for word.
func wireFigures(article string) []Figure {
	return []Figure{
		fig(article, "killing at least 12 people", "at least 12 people", 12, AtLeast, nil, "people", "deaths", explosion),
		fig(article, "injuring more than 200", "more than 200", 200, MoreThan, nil, "people", "injured", explosion),
		fig(article, "was heard up to 30 kilometres away", "up to 30 kilometres", 30, UpTo, nil, "km", "distance heard", explosion),
		fig(article, "the city of 400,000 people", "400,000 people", 400000, Exact, nil, "people", "population", explosion),
		fig(article, "said 40 storage tanks stood at the site", "40 storage tanks", 40, Exact, nil, "storage tanks", "storage tanks", explosion),
		fig(article, "about 50 fire engines", "about 50 fire engines", 50, About, nil, "fire engines", "fire engines", explosion),
		fig(article, "more than 400 rescuers", "more than 400 rescuers", 400, MoreThan, nil, "rescuers", "rescuers", explosion),
		fig(article, "handles about 35% of Zarovia's fuel imports", "about 35%", 35, About, nil, "%", "share of fuel imports", explosion),
		fig(article, "that killed nine miners", "nine miners", 9, Exact, nil, "miners", "deaths", ""),
	}
}

func figures() []Figure {
	var fs []Figure
	fs = append(fs, wireFigures(heraldBlast)...)
	fs = append(fs, wireFigures(ledgerBlast)...)
	fs = append(fs, []Figure{
		fig(coastlineBlast, "At least 12 people were killed", "At least 12 people", 12, AtLeast, nil, "people", "deaths", explosion),
		fig(coastlineBlast, "and over 200 hurt", "over 200", 200, MoreThan, nil, "people", "injured", explosion),
		fig(coastlineBlast, "as far as 30km away", "as far as 30km", 30, UpTo, nil, "km", "distance heard", explosion),
		fig(coastlineBlast, "home to some 400,000 people", "some 400,000 people", 400000, About, nil, "people", "population", explosion),
		fig(coastlineBlast, "There were 40 storage tanks", "40 storage tanks", 40, Exact, nil, "storage tanks", "storage tanks", explosion),
		fig(coastlineBlast, "Some 50 fire engines", "Some 50 fire engines", 50, About, nil, "fire engines", "fire engines", explosion),
		fig(coastlineBlast, "over 400 rescue workers", "over 400 rescue workers", 400, MoreThan, nil, "rescuers", "rescuers", explosion),
		fig(coastlineBlast, "Roughly 35% of the fuel Zarovia imports", "Roughly 35%", 35, About, nil, "%", "share of fuel imports", explosion),
		fig(coastlineBlast, "since nine miners died", "nine miners", 9, Exact, nil, "miners", "deaths", ""),
		fig(coastlineBlast, "said 19 people were still missing", "19 people", 19, Exact, nil, "people", "missing", explosion),
		fig(coastlineBlast, "Nearly 300 homes were damaged", "Nearly 300 homes", 300, Nearly, nil, "homes", "damaged homes", explosion),
		fig(coastlineBlast, "about 5,000 residents spent the night", "about 5,000 residents", 5000, About, nil, "people", "displaced", explosion),
		fig(coastlineBlast, "Marta Olen, 64,", "64", 64, Exact, nil, "years", "age", explosion),
		fig(coastlineBlast, "who lives a kilometre from the depot", "a kilometre", 1, Exact, nil, "km", "distance from the site", explosion),

		fig(northgateBlast, "killed at least twelve people", "at least twelve people", 12, AtLeast, nil, "people", "deaths", explosion),
		fig(northgateBlast, "the terminal's 45 storage tanks", "45 storage tanks", 45, Exact, nil, "storage tanks", "storage tanks", explosion),
		fig(northgateBlast, "nearly 300 homes had been damaged", "nearly 300 homes", 300, Nearly, nil, "homes", "damaged homes", explosion),
		fig(northgateBlast, "roughly 5,000 people had left their homes", "roughly 5,000 people", 5000, About, nil, "people", "displaced", explosion),
		fig(northgateBlast, "they had treated 212 people", "212 people", 212, Exact, nil, "people", "injured", explosion),
		fig(northgateBlast, "38 of whom remained in a serious condition", "38", 38, Exact, nil, "people", "serious condition", explosion),
		fig(northgateBlast, "within 300 metres of a primary school", "within 300 metres", 300, UpTo, nil, "m", "distance of new tanks from a school", ""),

		fig(todayToll15, "rose to 15 on Wednesday", "15", 15, Exact, nil, "people", "deaths", explosion),
		fig(todayToll15, "Kessel said 16 people were still unaccounted for", "16 people", 16, Exact, nil, "people", "missing", explosion),
		fig(todayToll15, "more than 600 rescuers were now working", "more than 600 rescuers", 600, MoreThan, nil, "rescuers", "rescuers", explosion),
		fig(todayToll15, "pay 20,000 crowns to each family", "20,000 crowns", 20000, Exact, nil, "crowns", "compensation per family", explosion),

		fig(todayToll31, "has risen to 31, ZERD said", "31", 31, Exact, nil, "people", "deaths", explosion),
		fig(todayToll31, "No one is now listed as missing", "No one", 0, Exact, nil, "people", "missing", explosion),
		fig(todayToll31, "Sixteen bodies were recovered", "Sixteen bodies", 16, Exact, nil, "bodies", "bodies recovered", explosion),
		fig(todayToll31, "At least 260 people were injured", "At least 260 people", 260, AtLeast, nil, "people", "injured", explosion),
		fig(todayToll31, "41 of them remained in a serious condition", "41", 41, Exact, nil, "people", "serious condition", explosion),
		fig(todayToll31, "22 of the dead were its employees or contractors", "22", 22, Exact, nil, "people", "worker deaths", explosion),
		fig(todayToll31, "at $1.5bn, in what it called a first estimate", "$1.5bn", 1.5e9, Exact, nil, "USD", "damage", explosion),

		fig(todayMarket, "destroying about 60 stalls", "about 60 stalls", 60, About, nil, "stalls", "stalls destroyed", market),
		fig(todayMarket, "Four people were treated for smoke inhalation", "Four people", 4, Exact, nil, "people", "injured", market),
		fig(todayMarket, "Fourteen fire engines were sent", "Fourteen fire engines", 14, Exact, nil, "fire engines", "fire engines", market),

		fig(coastlineMkt, "destroyed about 60 of the covered hall’s stalls", "about 60", 60, About, nil, "stalls", "stalls destroyed", market),
		fig(coastlineMkt, "four people, among them a night watchman", "four people", 4, Exact, nil, "people", "injured", market),
		fig(coastlineMkt, "raised 40,000 crowns by Sunday afternoon", "40,000 crowns", 40000, Exact, nil, "crowns", "money raised for stallholders", market),
		fig(coastlineMkt, "which killed 31 people", "31 people", 31, Exact, nil, "people", "deaths", explosion),

		fig(todayBrief, "Donors from a dozen countries", "a dozen countries", 12, About, nil, "countries", "donor countries", aftermath),
		fig(todayBrief, "killed 31 people this month", "31 people", 31, Exact, nil, "people", "deaths", explosion),
		fig(todayBrief, "hopes to raise about $3bn", "about $3bn", 3e9, About, nil, "USD", "fundraising target", aftermath),

		fig(ledgerInquiry, "where 31 people died this month", "31 people", 31, Exact, nil, "people", "deaths", explosion),
		fig(ledgerInquiry, "reported the leak at least four times", "at least four times", 4, AtLeast, nil, "reports", "leak reports", aftermath),
		fig(ledgerInquiry, "would rise from 600 to 900", "from 600 to 900", 900, Exact, ptr(600), "inspectors", "state inspectors", aftermath),
		fig(ledgerInquiry, "Of the terminal's 40 tanks", "40 tanks", 40, Exact, nil, "storage tanks", "storage tanks", explosion),
		fig(ledgerInquiry, "11 were destroyed", "11", 11, Exact, nil, "storage tanks", "tanks destroyed", explosion),
		fig(ledgerInquiry, "nine were damaged", "nine", 9, Exact, nil, "storage tanks", "tanks damaged", explosion),
		fig(ledgerInquiry, "had suspended three managers", "three managers", 3, Exact, nil, "managers", "managers suspended", aftermath),

		fig(heraldDonors, "pledged up to $4bn on Friday", "up to $4bn", 4e9, UpTo, nil, "USD", "pledged", aftermath),
		fig(heraldDonors, "more than the $3bn the government had hoped for", "$3bn", 3e9, Exact, nil, "USD", "fundraising target", aftermath),
		fig(heraldDonors, "killed 31 people at the Dunavar fuel terminal", "31 people", 31, Exact, nil, "people", "deaths", explosion),
		fig(heraldDonors, "$1.2bn was offered as grants", "$1.2bn", 1.2e9, Exact, nil, "USD", "grants", aftermath),
		fig(heraldDonors, "delegates from 14 countries", "14 countries", 14, Exact, nil, "countries", "donor countries", aftermath),
		fig(heraldDonors, "cover about 60 percent of the cost", "about 60 percent", 60, About, nil, "%", "share of rebuilding cost covered", aftermath),
		fig(heraldDonors, "to $2.1bn, from the $1.5bn", "$2.1bn, from the $1.5bn", 2.1e9, Exact, ptr(1.5e9), "USD", "damage", explosion),
		fig(heraldDonors, `"Thirty-one names.`, "Thirty-one names", 31, Exact, nil, "people", "deaths", explosion),
		fig(heraldDonors, "had added eight tanks to the site", "eight tanks", 8, Exact, nil, "storage tanks", "tanks added by the expansion", ""),

		fig(harbourWatch, "runs to 212 pages", "212 pages", 212, Exact, nil, "pages", "report pages", aftermath),
		fig(harbourWatch, "where 31 people died on the night", "31 people", 31, Exact, nil, "people", "deaths", explosion),
		fig(harbourWatch, "reported the leaking valve four times", "four times", 4, Exact, nil, "reports", "leak reports", aftermath),
		fig(harbourWatch, "Twenty-two of the dead", "Twenty-two", 22, Exact, nil, "people", "worker deaths", explosion),
		fig(harbourWatch, "to grow by half", "by half", 50, Exact, nil, "%", "inspectorate growth", aftermath),
		fig(harbourWatch, "from 600 inspectors to 900", "from 600 inspectors to 900", 900, Exact, ptr(600), "inspectors", "state inspectors", aftermath),
		fig(harbourWatch, "within 500 metres of homes", "within 500 metres", 500, UpTo, nil, "m", "distance of terminals from homes", aftermath),
		fig(harbourWatch, "five coastal fuel terminals", "five coastal fuel terminals", 5, Exact, nil, "terminals", "coastal fuel terminals", aftermath),
		{Article: harbourWatch, Context: "would cost between $2bn and $3bn", Text: "between $2bn and $3bn", Value: 2e9, Bound: Between, Upper: 3e9,
			Unit: "USD", Measure: "cost of moving terminals", Event: aftermath},
	}...)
	return fs
}

// facts lists every measure of every event with the status a correct run
// gives it under the rules of DESIGN.md ("Report JSON").
func facts() []Fact {
	s := func(event, measure string) Fact { return Fact{Event: event, Measure: measure, Status: news.Single} }
	return []Fact{
		{explosion, "deaths", news.Updated, "at least 12 (wire, rewrite, next morning) → 15 on 3 March → 31 from 4 March on, restated in later reports"},
		{explosion, "injured", news.Updated, "more than 200 on 2 March, 212 treated on 3 March, at least 260 on 4 March"},
		{explosion, "missing", news.Updated, "19 → 16 → none"},
		{explosion, "serious condition", news.Updated, "38 → 41"},
		{explosion, "rescuers", news.Updated, "more than 400 → more than 600"},
		{explosion, "storage tanks", news.Differ, "40 in the wire report, its rewrite and the inquiry, 45 in the Northgate Review: a count that does not grow"},
		{explosion, "distance heard", news.Agree, "up to 30 kilometres, as far as 30km"},
		{explosion, "population", news.Agree, "400,000 and some 400,000"},
		{explosion, "fire engines", news.Agree, "about 50, some 50"},
		{explosion, "share of fuel imports", news.Agree, "about 35%, roughly 35%"},
		{explosion, "damaged homes", news.Agree, "nearly 300 twice"},
		{explosion, "displaced", news.Agree, "about 5,000 and roughly 5,000"},
		s(explosion, "age"),
		s(explosion, "distance from the site"),
		s(explosion, "compensation per family"),
		s(explosion, "bodies recovered"),
		{explosion, "damage", news.Updated, "$1.5bn as a first estimate on 4 March, raised to $2.1bn by 27 March (a stated change)"},
		{explosion, "worker deaths", news.Agree, "22, once in words"},
		s(explosion, "tanks destroyed"),
		s(explosion, "tanks damaged"),

		{aftermath, "fundraising target", news.Agree, "about $3bn before the conference, $3bn after"},
		{aftermath, "donor countries", news.Differ, "a dozen expected, 14 attended"},
		{aftermath, "leak reports", news.Agree, "at least four times, four times"},
		{aftermath, "state inspectors", news.Agree, "from 600 to 900 in two outlets"},
		s(aftermath, "managers suspended"),
		s(aftermath, "report pages"),
		s(aftermath, "inspectorate growth"),
		s(aftermath, "distance of terminals from homes"),
		s(aftermath, "coastal fuel terminals"),
		s(aftermath, "cost of moving terminals"),
		s(aftermath, "pledged"),
		s(aftermath, "grants"),
		s(aftermath, "share of rebuilding cost covered"),

		{market, "stalls destroyed", news.Agree, "about 60 in both reports"},
		{market, "injured", news.Agree, "four in both reports"},
		s(market, "fire engines"),
		s(market, "money raised for stallholders"),
	}
}
