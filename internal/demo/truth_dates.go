package demo

import "storyline/internal/news"

// Date is a temporal expression in an article, resolved against the
// article's publication day. Value is TIMEX3: 2027-03-02, 2027-03-02TAF (a
// part of the day, whose precision stays "day"), 2027-W13-WE, 2027-01,
// 2026-SU, 2019, P3D. A weekday in a sentence about the future ("will meet on
// Friday") resolves forward; in the past tense, to the most recent such day.
// A bare "overnight" resolves, as in the seeds' timeline, to the day the
// night ended; a night named by its evening ("the night of March 1") keeps
// that day with TNI.
type Date struct {
	Article   string
	Context   string // a verbatim passage holding Text once in the article
	Text      string
	Type      news.DateType
	Value     string
	Precision news.Precision // "" for durations
}

// wireDates are the dates of the wire report, which two outlets carry word
// for word; it was published on Tuesday 2 March 2027.
func wireDates(a string) []Date {
	return []Date{
		{a, "city of Kharzin late Monday, killing", "late Monday", news.DateDate, "2027-03-01", news.PrecDay},
		{a, "directorate said on Tuesday.", "on Tuesday", news.DateDate, "2027-03-02", news.PrecDay},
		{a, "still burning on Tuesday afternoon", "Tuesday afternoon", news.DateDate, "2027-03-02TAF", news.PrecDay},
		{a, "sent to the terminal overnight", "overnight", news.DateDate, "2027-03-02", news.PrecDay},
		{a, "declared three days of national mourning", "three days", news.DateDuration, "P3D", ""},
		{a, "beginning on March 3", "March 3", news.DateDate, "2027-03-03", news.PrecDay},
		{a, "in a video posted late on Monday", "late on Monday", news.DateDate, "2027-03-01", news.PrecDay},
		{a, "Its expansion, approved last summer", "last summer", news.DateDate, "2026-SU", news.PrecSeason},
		{a, "a mine collapse in 2019", "2019", news.DateDate, "2019", news.PrecYear},
	}
}

func dates() []Date {
	var ds []Date
	ds = append(ds, wireDates(heraldBlast)...)
	ds = append(ds, wireDates(ledgerBlast)...)
	d, dur := news.DateDate, news.DateDuration
	day, week, month, season, year := news.PrecDay, news.PrecWeek, news.PrecMonth, news.PrecSeason, news.PrecYear
	ds = append(ds, []Date{
		{coastlineBlast, "Kharzin late on Monday, Zarovia’s", "late on Monday", d, "2027-03-01", day},
		{coastlineBlast, "emergency service said on Tuesday.", "on Tuesday", d, "2027-03-02", day},
		{coastlineBlast, "at the depot on Tuesday afternoon", "Tuesday afternoon", d, "2027-03-02TAF", day},
		{coastlineBlast, "sent to the depot during the night", "during the night", d, "2027-03-02", day},
		{coastlineBlast, "announced three days of national mourning", "three days", dur, "P3D", ""},
		{coastlineBlast, "to start on March 3", "March 3", d, "2027-03-03", day},
		{coastlineBlast, "in a video late on Monday", "late on Monday", d, "2027-03-01", day},
		{coastlineBlast, "its expansion, approved last summer", "last summer", d, "2026-SU", season},
		{coastlineBlast, "a mine collapsed in 2019", "2019", d, "2019", year},
		{coastlineBlast, "said on Tuesday evening that", "Tuesday evening", d, "2027-03-02TEV", day},

		{northgateBlast, "in Harzin this morning", "this morning", d, "2027-03-03TMO", day},
		{northgateBlast, "more than a day after an explosion", "more than a day", dur, "P1D", ""},
		{northgateBlast, "shortly before midnight on Monday", "shortly before midnight on Monday", d, "2027-03-01TNI", day},
		{northgateBlast, "flew to the port yesterday", "yesterday", d, "2027-03-02", day},
		{northgateBlast, "in the city yesterday evening", "yesterday evening", d, "2027-03-02TEV", day},
		{northgateBlast, "parliament within two weeks", "two weeks", dur, "P2W", ""},
		{northgateBlast, "had expired in January", "in January", d, "2027-01", month},
		{northgateBlast, "stay closed until Thursday", "Thursday", d, "2027-03-04", day},
		{northgateBlast, "has run the site since 2011", "2011", d, "2011", year},
		{northgateBlast, "on the port's expansion last month", "last month", d, "2027-02", month},
		{northgateBlast, "Natalia Orsha begins today", "today", d, "2027-03-03", day},

		{todayToll15, "rose to 15 on Wednesday", "on Wednesday", d, "2027-03-03", day},
		{todayToll15, "end of the site burned overnight", "overnight", d, "2027-03-03", day},
		{todayToll15, "gate since Tuesday morning", "Tuesday morning", d, "2027-03-02TMO", day},
		{todayToll15, "could take two more days", "two more days", dur, "P2D", ""},
		{todayToll15, "at the regional hospital on Wednesday", "on Wednesday", d, "2027-03-03", day},
		{todayToll15, "centre reopened on Wednesday", "on Wednesday", d, "2027-03-03", day},
		{todayToll15, "near the port on Wednesday afternoon", "Wednesday afternoon", d, "2027-03-03TAF", day},
		{todayToll15, "Wednesday was the first of three days", "Wednesday", d, "2027-03-03", day},
		{todayToll15, "the first of three days of national mourning", "three days", dur, "P3D", ""},

		{todayToll31, "ZERD said on Thursday", "on Thursday", d, "2027-03-04", day},
		{todayToll31, "roof after Wednesday evening", "Wednesday evening", d, "2027-03-03TEV", day},
		{todayToll31, "who visited Kharzin on Thursday", "on Thursday", d, "2027-03-04", day},
		{todayToll31, "report within three weeks", "three weeks", dur, "P3W", ""},
		{todayToll31, "are expected at the weekend", "at the weekend", d, "2027-W09-WE", week},
		{todayToll31, "national mourning end on Friday", "on Friday", d, "2027-03-05", day},
		{todayToll31, "The three days of national mourning", "three days", dur, "P3D", ""},

		{todayMarket, "central Kharzin early on Saturday", "early on Saturday", d, "2027-03-06", day},
		{todayMarket, "under control by 7 a.m.", "7 a.m.", news.DateTime, "2027-03-06T07:00", news.PrecTime},
		{todayMarket, "not connected to Monday's explosion", "Monday's", d, "2027-03-01", day},
		{todayMarket, "at the market for 25 years", "25 years", dur, "P25Y", ""},
		{todayMarket, "waive their rents until the summer", "the summer", d, "2027-SU", season},
		{todayMarket, "The market, built in 1894", "1894", d, "1894", year},
		{todayMarket, "closed for at least a month", "at least a month", dur, "P1M", ""},

		{coastlineMkt, "twisted metal on Sunday", "on Sunday", d, "2027-03-07", day},
		{coastlineMkt, "shortly after 4 a.m. on Saturday", "4 a.m. on Saturday", news.DateTime, "2027-03-06T04:00", news.PrecTime},
		{coastlineMkt, "put out about three hours later", "about three hours", dur, "PT3H", ""},
		{coastlineMkt, "due to open in three weeks", "three weeks", dur, "P3W", ""},
		{coastlineMkt, "I paid the weavers in January", "in January", d, "2027-01", month},
		{coastlineMkt, "to waive rents until the summer", "the summer", d, "2027-SU", season},
		{coastlineMkt, "by Sunday afternoon", "Sunday afternoon", d, "2027-03-07TAF", day},
		{coastlineMkt, "the floods of 1931", "1931", d, "1931", year},
		{coastlineMkt, "will decide by Friday", "Friday", d, "2027-03-12", day},
		{coastlineMkt, "came less than a week after", "less than a week", dur, "P1W", ""},

		{todayBrief, "will meet in Velgrad on Friday", "on Friday", d, "2027-03-26", day},
		{todayBrief, "killed 31 people this month", "this month", d, "2027-03", month},
		{todayBrief, "its first findings on Tuesday", "on Tuesday", d, "2027-03-23", day},

		{ledgerInquiry, "where 31 people died this month", "this month", d, "2027-03", month},
		{ledgerInquiry, "inspected for more than two years", "more than two years", dur, "P2Y", ""},
		{ledgerInquiry, "renewed on Feb. 14, 2027", "Feb. 14, 2027", d, "2027-02-14", day},
		{ledgerInquiry, "inquiry found on Tuesday", "on Tuesday", d, "2027-03-23", day},
		{ledgerInquiry, "certificate had lapsed in January", "in January", d, "2027-01", month},
		{ledgerInquiry, "Interior Ministry said on Wednesday", "on Wednesday", d, "2027-03-24", day},
		{ledgerInquiry, "offered his resignation last week", "last week", d, "2027-W11", week},
		{ledgerInquiry, "by the end of the year", "the end of the year", d, "2027", year},
		{ledgerInquiry, "inspected within 90 days", "90 days", dur, "P90D", ""},
		{ledgerInquiry, "as early as 2025", "2025", d, "2025", year},
		{ledgerInquiry, "its final report in June", "in June", d, "2027-06", month},

		{harbourWatch, "died on the night of March 1", "the night of March 1", d, "2027-03-01TNI", day},
		{harbourWatch, "inspection for more than two years", "more than two years", dur, "P2Y", ""},
		{harbourWatch, "renewed on Feb. 14, 2027", "Feb. 14, 2027", d, "2027-02-14", day},
		{harbourWatch, "four times between December and February", "December", d, "2026-12", month},
		{harbourWatch, "between December and February;", "February", d, "2027-02", month},
		{harbourWatch, "told deputies on Tuesday", "on Tuesday", d, "2027-03-23", day},
		{harbourWatch, "moved or closed within ten years", "ten years", dur, "P10Y", ""},
		{harbourWatch, "meeting in Velgrad on Friday", "on Friday", d, "2027-03-26", day},
		{harbourWatch, "went through last summer", "last summer", d, "2026-SU", season},
		{harbourWatch, "The final report is due in June", "in June", d, "2027-06", month},

		{heraldDonors, "pledged up to $4bn on Friday", "on Friday", d, "2027-03-26", day},
		{heraldDonors, "held three weeks after the explosion", "three weeks", dur, "P3W", ""},
		{heraldDonors, "interim report on Tuesday", "on Tuesday", d, "2027-03-23", day},
		{heraldDonors, "at the port next weekend", "next weekend", d, "2027-W13-WE", week},
		{heraldDonors, "The terminal's expansion, approved last summer", "last summer", d, "2026-SU", season},
		{heraldDonors, "released in stages over five years", "five years", dur, "P5Y", ""},
	}...)
	return ds
}

// Moment is one entry of the story's timeline: what happened on a date, with
// the articles that date it. Event is "" for background before the story.
type Moment struct {
	Date      string // YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www or YYYY-SU
	Precision news.Precision
	What      string
	Event     string
	Articles  []string
}

func timeline() []Moment {
	day, week, month, season, year := news.PrecDay, news.PrecWeek, news.PrecMonth, news.PrecSeason, news.PrecYear
	blast := []string{heraldBlast, ledgerBlast, coastlineBlast}
	return []Moment{
		{"2019", year, "a mine collapse kills nine miners, Zarovia's deadliest accident until the explosion", "", blast},
		{"2026-SU", season, "the terminal's expansion is approved", "", []string{heraldBlast, ledgerBlast, coastlineBlast, harbourWatch, heraldDonors}},
		{"2026-12", month, "staff begin reporting the leaking valve (December to February)", "", []string{harbourWatch}},
		{"2027-01", month, "the terminal's fire-safety certificate lapses", "", []string{northgateBlast, ledgerInquiry}},
		{"2027-02", month, "public hearing on the port's expansion", "", []string{northgateBlast}},
		{"2027-02-14", day, "the terminal's operating permit is renewed without an inspection", "", []string{ledgerInquiry, harbourWatch}},
		{"2027-03-01", day, "explosion at the Dunavar terminal late on Monday", explosion, []string{heraldBlast, ledgerBlast, coastlineBlast, northgateBlast, todayMarket, harbourWatch}},
		{"2027-03-02", day, "the fire burns on; the minister at the scene; at least 12 dead", explosion, []string{heraldBlast, ledgerBlast, coastlineBlast, northgateBlast}},
		{"2027-03-03", day, "national mourning begins; the toll rises to 15", explosion, []string{heraldBlast, ledgerBlast, coastlineBlast, northgateBlast, todayToll15}},
		{"2027-03-04", day, "the search of the warehouse ends with 31 dead; the prime minister visits", explosion, []string{todayToll31, northgateBlast}},
		{"2027-03-05", day, "national mourning ends", explosion, []string{todayToll31}},
		{"2027-03-06", day, "fire at the Old Market", market, []string{todayMarket, coastlineMkt}},
		{"2027-W11", week, "the interior minister offers his resignation", aftermath, []string{ledgerInquiry}},
		{"2027-03-23", day, "the inquiry's interim report; the minister answers deputies", aftermath, []string{todayBrief, ledgerInquiry, harbourWatch, heraldDonors}},
		{"2027-03-26", day, "donors pledge up to $4bn in Velgrad", aftermath, []string{todayBrief, harbourWatch, heraldDonors}},
		{"2027-W13", week, "memorial ceremony at the port, the next weekend", aftermath, []string{heraldDonors}},
		{"2027-06", month, "the inquiry's final report is due", aftermath, []string{ledgerInquiry, harbourWatch}},
	}
}
