package timex

import (
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"storyline/internal/news"
)

// tue is the anchor of most cases: Tuesday 25 November 2025, ISO week 48.
var tue = time.Date(2025, 11, 25, 10, 0, 0, 0, time.UTC)

type want struct {
	text  string // the words the expression must cover exactly
	typ   news.DateType
	value string
	prec  news.Precision
}

// check finds want.text in the results of Find(s, anchor).
func check(t *testing.T, s string, anchor time.Time, ws ...want) {
	t.Helper()
	refs := Find(s, anchor)
	for _, w := range ws {
		found := false
		for _, r := range refs {
			if r.In(s) != w.text {
				continue
			}
			found = true
			if r.Type != w.typ || r.Value != w.value || r.Precision != w.prec {
				t.Errorf("%q in %q: got %s %s %s, want %s %s %s", w.text, s, r.Type, r.Value, r.Precision, w.typ, w.value, w.prec)
			}
		}
		if !found {
			var got []string
			for _, r := range refs {
				got = append(got, r.In(s)+"="+r.Value)
			}
			t.Errorf("%q not found in %q; found %v", w.text, s, got)
		}
	}
}

// none asserts that no expression overlaps any of the words.
func none(t *testing.T, s string, anchor time.Time, words ...string) {
	t.Helper()
	refs := Find(s, anchor)
	for _, w := range words {
		i := strings.Index(s, w)
		if i < 0 {
			t.Fatalf("bad case: %q not in %q", w, s)
		}
		sp := news.Span{Start: i, End: i + len(w)}
		for _, r := range refs {
			if r.Overlaps(sp) {
				t.Errorf("%q in %q read as %q = %s", w, s, r.In(s), r.Value)
			}
		}
	}
}

const (
	D  = news.DateDate
	T  = news.DateTime
	DU = news.DateDuration
	S  = news.DateSet
)

func TestAbsolute(t *testing.T) {
	cases := []struct {
		name, s string
		w       want
	}{
		{"month day ahead", "The vote is set for February 1 in the capital.", want{"February 1", D, "2026-02-01", news.PrecDay}},
		{"month day behind", "The ferry sank on November 19 near the coast.", want{"November 19", D, "2025-11-19", news.PrecDay}},
		{"abbreviated with year", "The lease ends Jan. 24, 2026, the clerk wrote.", want{"Jan. 24, 2026", D, "2026-01-24", news.PrecDay}},
		{"day first", "The bridge opened on 24 November 2025 after repairs.", want{"24 November 2025", D, "2025-11-24", news.PrecDay}},
		{"ordinal day", "Tickets go on sale on the 3rd of December.", want{"3rd of December", D, "2025-12-03", news.PrecDay}},
		{"year", "The mill closed in 2025 for good.", want{"2025", D, "2025", news.PrecYear}},
		{"month year", "Prices peaked in August 2024 and fell.", want{"August 2024", D, "2024-08", news.PrecMonth}},
		{"month alone", "The leaders met in August to talk.", want{"August", D, "2025-08", news.PrecMonth}},
		{"month at sentence end", "Shares fell on Sept. 30.", want{"Sept. 30", D, "2025-09-30", news.PrecDay}},
		{"month with this year", "The school shut in June last year.", want{"June last year", D, "2024-06", news.PrecMonth}},
		{"iso", "The filing is dated 2025-11-03 in the record.", want{"2025-11-03", D, "2025-11-03", news.PrecDay}},
		{"slashes", "The form was signed 11/03/2025 by both.", want{"11/03/2025", D, "2025-11-03", news.PrecDay}},
		{"decade", "Cars of the 1990s were heavier.", want{"the 1990s", D, "199", ""}},
		{"mid month", "Harvest starts in mid-October most years.", want{"mid-October", D, "2025-10", news.PrecMonth}},
		{"weekday and date", "The fair closes Monday, Nov. 24, at dusk.", want{"Monday, Nov. 24", D, "2025-11-24", news.PrecDay}},
		{"wrapped line", "The report came out on Jan.\n14 and was read.", want{"Jan.\n14", D, "2026-01-14", news.PrecDay}},
		{"season with year", "Building began in the summer of 2023.", want{"the summer of 2023", D, "2023-SU", news.PrecSeason}},
		{"quarter", "Sales rose in the third quarter of 2024.", want{"the third quarter of 2024", D, "2024-Q3", news.PrecSeason}},
		{"quarter no year", "Third-quarter profit doubled.", want{"Third-quarter", D, "2025-Q3", news.PrecSeason}},
		{"year-earlier", "Sales beat the year-earlier quarter.", want{"the year-earlier quarter", D, "2024-Q3", news.PrecSeason}},
		{"the quarter", "Profit in the quarter fell.", want{"the quarter", D, "2025-Q3", news.PrecSeason}},
		{"century", "Mills of the 19th century still stand.", want{"the 19th century", D, "18", ""}},
		{"year-end", "The deal should close by year-end.", want{"year-end", D, "2025", news.PrecYear}},
		{"mid year", "Rates rose in mid-2024 and stayed.", want{"mid-2024", D, "2024", news.PrecYear}},
		{"election day", "Turnout on Election Day was high.", want{"Election Day", D, "2025-11-04", news.PrecDay}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, c.s, tue, c.w) })
	}
}

func TestWeekdays(t *testing.T) {
	wed := time.Date(2025, 11, 26, 8, 0, 0, 0, time.UTC)
	cases := []struct {
		name, s string
		anchor  time.Time
		w       want
	}{
		{"on Friday is past", "She spoke on Friday to the press.", wed, want{"Friday", D, "2025-11-21", news.PrecDay}},
		{"same day", "Talks went on through Tuesday.", tue, want{"Tuesday", D, "2025-11-25", news.PrecDay}},
		{"future clause", "The envoy will fly home on Friday.", tue, want{"Friday", D, "2025-11-28", news.PrecDay}},
		{"reporting breaks the clause", "He will stay, the aide said on Friday.", tue, want{"Friday", D, "2025-11-21", news.PrecDay}},
		{"any reporting verb", "Rivals will object, the minister warned Sunday.", tue, want{"Sunday", D, "2025-11-23", news.PrecDay}},
		{"next", "The court sits again next Tuesday.", tue, want{"next Tuesday", D, "2025-12-02", news.PrecDay}},
		{"last", "The fire began last Tuesday at noon.", tue, want{"last Tuesday", D, "2025-11-18", news.PrecDay}},
		{"late", "Late Monday the crew reached the summit.", tue, want{"Late Monday", D, "2025-11-24", news.PrecDay}},
		{"night", "On Monday night the lights went out.", tue, want{"Monday night", D, "2025-11-24", news.PrecDay}},
		{"early morning", "The storm hit early Sunday morning.", tue, want{"early Sunday morning", D, "2025-11-23", news.PrecDay}},
		{"sunday from wednesday", "The deal discussed on Sunday holds.", wed, want{"Sunday", D, "2025-11-23", news.PrecDay}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, c.s, c.anchor, c.w) })
	}
}

func TestRelative(t *testing.T) {
	sat := time.Date(2026, 1, 24, 18, 0, 0, 0, time.UTC)
	cases := []struct {
		name, s string
		anchor  time.Time
		w       want
	}{
		{"last week", "A new draft appeared last week.", tue, want{"last week", D, "2025-W47", news.PrecWeek}},
		{"this week", "Crews return this week.", tue, want{"this week", D, "2025-W48", news.PrecWeek}},
		{"next week", "Voting opens next week.", tue, want{"next week", D, "2025-W49", news.PrecWeek}},
		{"yesterday", "The bank cut rates yesterday.", tue, want{"yesterday", D, "2025-11-24", news.PrecDay}},
		{"today", "The museum reopens today.", tue, want{"today", D, "2025-11-25", news.PrecDay}},
		{"tomorrow", "Snow is forecast for tomorrow.", tue, want{"tomorrow", D, "2025-11-26", news.PrecDay}},
		{"next weekend from saturday", "A second round is planned for next weekend.", sat, want{"next weekend", D, "2026-W05-WE", news.PrecWeek}},
		{"the weekend gone", "Fans queued over the weekend in the rain.", tue, want{"the weekend", D, "2025-W47-WE", news.PrecWeek}},
		{"earlier this month", "Earlier this month the dam failed.", tue, want{"this month", D, "2025-11", news.PrecMonth}},
		{"last month", "Exports slipped last month.", tue, want{"last month", D, "2025-10", news.PrecMonth}},
		{"last year", "The plant was sold last year.", tue, want{"last year", D, "2024", news.PrecYear}},
		{"weeks ago", "The strike ended two weeks ago.", tue, want{"two weeks ago", D, "2025-W46", news.PrecWeek}},
		{"days ago", "The rover landed three days ago.", tue, want{"three days ago", D, "2025-11-22", news.PrecDay}},
		{"years ago", "The tower fell a decade ago.", tue, want{"a decade ago", D, "2015", news.PrecYear}},
		{"overnight", "Shelling went on overnight across the city.", tue, want{"overnight", D, "2025-11-25", news.PrecDay}},
		{"this morning", "The minister resigned this morning.", tue, want{"this morning", D, "2025-11-25", news.PrecDay}},
		{"last night", "Two shops burned last night.", tue, want{"last night", D, "2025-11-24", news.PrecDay}},
		{"last summer in january", "Talks last summer went nowhere.", sat, want{"last summer", D, "2025-SU", news.PrecSeason}},
		{"last summer in november", "The drought last summer was severe.", tue, want{"last summer", D, "2025-SU", news.PrecSeason}},
		{"last summer in july", "The floods last summer cost millions.", time.Date(2025, 7, 10, 0, 0, 0, 0, time.UTC), want{"last summer", D, "2024-SU", news.PrecSeason}},
		{"now", "Prices are now lower.", tue, want{"now", D, "PRESENT_REF", ""}},
		{"the past", "That was common in the past.", tue, want{"the past", D, "PAST_REF", ""}},
		{"near term", "Rates will stay flat in the near term.", tue, want{"the near term", D, "FUTURE_REF", ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, c.s, c.anchor, c.w) })
	}
}

func TestHolidays(t *testing.T) {
	wed := time.Date(2025, 11, 26, 8, 0, 0, 0, time.UTC)
	cases := []struct {
		name, s string
		anchor  time.Time
		w       want
	}{
		{"thanksgiving ahead", "Families gather for Thanksgiving this week.", wed, want{"Thanksgiving", D, "2025-11-27", news.PrecDay}},
		{"thanksgiving other year", "Thanksgiving fell early that year.", time.Date(2024, 12, 2, 0, 0, 0, 0, time.UTC), want{"Thanksgiving", D, "2024-11-28", news.PrecDay}},
		{"christmas", "Shops expect a busy Christmas.", wed, want{"Christmas", D, "2025-12-25", news.PrecDay}},
		{"christmas eve", "Bells ring on Christmas Eve.", wed, want{"Christmas Eve", D, "2025-12-24", news.PrecDay}},
		{"new year's day", "The law applies from New Year's Day.", wed, want{"New Year's Day", D, "2026-01-01", news.PrecDay}},
		{"easter", "The parade returns at Easter 2026.", wed, want{"Easter 2026", D, "2026-04-05", news.PrecDay}},
		{"last christmas", "Sales slumped last Christmas.", wed, want{"last Christmas", D, "2024-12-25", news.PrecDay}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, c.s, c.anchor, c.w) })
	}
}

func TestDurationsSetsTimes(t *testing.T) {
	cases := []struct {
		name, s string
		w       want
	}{
		{"two days", "The hearing lasted two days.", want{"two days", DU, "P2D", ""}},
		{"nearly four-year", "The nearly four-year dispute is over.", want{"nearly four-year", DU, "P4Y", ""}},
		{"three weeks", "Repairs will take three weeks.", want{"three weeks", DU, "P3W", ""}},
		{"48 hours", "Police held him for 48 hours.", want{"48 hours", DU, "PT48H", ""}},
		{"more than", "The siege went on for more than six months.", want{"more than six months", DU, "P6M", ""}},
		{"twenty-five", "She served twenty-five years on the bench.", want{"twenty-five years", DU, "P25Y", ""}},
		{"the past", "Rents rose over the past two years.", want{"the past two years", DU, "P2Y", ""}},
		{"a few", "It took a few minutes.", want{"a few minutes", DU, "PTXM", ""}},
		{"half", "The count took two and a half hours.", want{"two and a half hours", DU, "PT2.5H", ""}},
		{"bare plural", "The town waited for years.", want{"years", DU, "PXY", ""}},
		{"months ago", "The plan was drafted months ago.", want{"months ago", D, "PAST_REF", ""}},
		{"coming weeks", "Rain is due in coming weeks.", want{"coming weeks", DU, "PXW", ""}},
		{"every week", "The council meets every week.", want{"every week", S, "P1W", ""}},
		{"every monday", "The market opens every Monday.", want{"every Monday", S, "XXXX-WXX-1", ""}},
		{"daily", "The ferry runs daily.", want{"daily", S, "P1D", ""}},
		{"twice a week", "Trains stop twice a week.", want{"twice a week", S, "P1W", ""}},
		{"3 p.m.", "The count starts at 3 p.m. sharp.", want{"3 p.m.", T, "2025-11-25T15:00", news.PrecTime}},
		{"10:30", "The doors open at 10:30 for guests.", want{"10:30", T, "2025-11-25T10:30", news.PrecTime}},
		{"time and day", "Polls close at 8 p.m. Tuesday.", want{"8 p.m. Tuesday", T, "2025-11-25T20:00", news.PrecTime}},
		{"noon", "The bell rang at noon.", want{"noon", T, "2025-11-25T12:00", news.PrecTime}},
		{"12 a.m.", "The gates shut at 12 a.m.", want{"12 a.m.", T, "2025-11-25T00:00", news.PrecTime}},
		{"wire clock", "The ship docked at 1400 GMT on schedule.", want{"1400 GMT", T, "2025-11-25T14:00", news.PrecTime}},
		{"range", "The work needs two to three weeks more.", want{"two to three weeks", DU, "P2W", ""}},
		{"decades", "The feud has run for decades now.", want{"decades", DU, "PXDE", ""}},
		{"the nine months", "Profit for the nine months rose.", want{"the nine months", DU, "P9M", ""}},
		{"fiscal year", "Sales for the year ended June 30 rose.", want{"the year", DU, "P1Y", ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, c.s, tue, c.w) })
	}
}

func TestNotDates(t *testing.T) {
	cases := []struct{ name, s, words string }{
		{"may verb", "Officials said the bridge may close.", "may"},
		{"May capitalised verb", "May the best team win, he said.", "May"},
		{"protest march", "Thousands joined the march through town.", "march"},
		{"March the walk", "The March for Water drew crowds.", "March"},
		{"age", "A 70-year-old man was hurt.", "70-year-old"},
		{"age words", "The boy, six years old, was found.", "six years old"},
		{"count", "About 2000 people marched.", "2000"},
		{"count opens sentence", "It rained. 2000 people stayed home.", "2000"},
		{"money", "The plot sold for $1999 in cash.", "1999"},
		{"plain number", "Police counted 48 cars.", "48"},
		{"name", "Jan Novak won the race.", "Jan"},
		{"April the name", "April Stone chaired the panel.", "April"},
		{"ordinal", "A second plane landed.", "second"},
		{"fraction", "About three-quarters of voters agreed.", "three-quarters"},
		{"newspaper", "The Daily Planet printed it.", "Daily"},
		{"score", "The game ended 3:1 after extra time.", "3:1"},
		{"big number", "The fund holds 1,2025 units.", "2025"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { none(t, c.s, tue, c.words) })
	}
}

// TestBoundaries covers year ends and daylight-saving days.
func TestBoundaries(t *testing.T) {
	fri := time.Date(2027, 1, 8, 9, 0, 0, 0, time.UTC)
	check(t, "Stocks fell last December.", fri, want{"last December", D, "2026-12", news.PrecMonth})
	check(t, "Stocks fell in December.", fri, want{"December", D, "2026-12", news.PrecMonth})
	// 1 January 2027 is a Friday, so it belongs to ISO week 53 of 2026.
	check(t, "The office shut last week.", fri, want{"last week", D, "2026-W53", news.PrecWeek})
	check(t, "A law passed on December 30.", fri, want{"December 30", D, "2026-12-30", news.PrecDay})
	check(t, "The office shut on Monday.", time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC), want{"Monday", D, "2025-12-29", news.PrecDay})
	check(t, "It was cold last year.", fri, want{"last year", D, "2026", news.PrecYear})

	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no time zone data: %v", err)
	}
	// 00:30 on the day clocks went back: the local date, not UTC's, anchors.
	dst := time.Date(2025, 11, 2, 0, 30, 0, 0, ny)
	check(t, "The vote was held yesterday.", dst, want{"yesterday", D, "2025-11-01", news.PrecDay})
	check(t, "Markets reopen tomorrow.", dst, want{"tomorrow", D, "2025-11-03", news.PrecDay})
	late := time.Date(2025, 3, 9, 23, 30, 0, 0, ny) // spring forward day, late evening
	check(t, "Markets reopen tomorrow.", late, want{"tomorrow", D, "2025-03-10", news.PrecDay})
	check(t, "The vote was on Saturday.", late, want{"Saturday", D, "2025-03-08", news.PrecDay})
}

// TestAnaphors checks that references to a time set elsewhere in the story
// are found but left unresolved, even with an anchor.
func TestAnaphors(t *testing.T) {
	s := "The flood came in 2019. Later that year the dam was rebuilt, and the next morning crews left."
	got := map[string]news.DateRef{}
	for _, r := range Find(s, tue) {
		got[r.In(s)] = r
	}
	for _, w := range []string{"Later that year", "the next morning"} {
		r, ok := got[w]
		if !ok {
			t.Errorf("%q not found; found %v", w, got)
			continue
		}
		if r.Resolved || r.Value != w {
			t.Errorf("%q: %+v, want unresolved with its words", w, r)
		}
	}
}

func TestNoAnchor(t *testing.T) {
	s := "The panel met last week and will meet again on March 3, 2026, for two days."
	refs := Find(s, time.Time{})
	got := map[string]news.DateRef{}
	for _, r := range refs {
		got[r.In(s)] = r
	}
	if r, ok := got["last week"]; !ok || r.Resolved || r.Value != "last week" {
		t.Errorf("last week without anchor: %+v", r)
	}
	if r, ok := got["March 3, 2026"]; !ok || !r.Resolved || r.Value != "2026-03-03" {
		t.Errorf("absolute date without anchor: %+v", r)
	}
	if r, ok := got["two days"]; !ok || !r.Resolved || r.Value != "P2D" {
		t.Errorf("duration without anchor: %+v", r)
	}
	s = "Prices are now lower."
	if refs := Find(s, tue); len(refs) != 1 || refs[0].Value != "PRESENT_REF" || refs[0].Resolved {
		t.Errorf("now: %+v, want PRESENT_REF not placed on the calendar", refs)
	}
}

func TestStage(t *testing.T) {
	st := Stage()
	if st.Name != "dates" || len(st.Requires) != 1 || st.Requires[0] != "sentences" || len(st.Provides) != 1 || st.Provides[0] != "dates" {
		t.Fatalf("stage declares %+v", st)
	}
	d := &news.Doc{Article: &news.Article{Source: "a.txt", Text: "The mayor spoke on Friday.", Published: tue}}
	if err := st.Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Dates) != 1 || d.Dates[0].Value != "2025-11-21" || !d.Dates[0].Resolved {
		t.Fatalf("dates = %+v", d.Dates)
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := st.Run(context.Background(), &news.Doc{}); err == nil {
		t.Error("a doc without an article gave no error")
	}
	big := &news.Doc{Article: &news.Article{Source: "big.txt", Text: strings.Repeat("a", MaxText+1)}}
	if err := st.Run(context.Background(), big); err == nil || !strings.Contains(err.Error(), "big.txt") {
		t.Errorf("an oversized text gave %v", err)
	}
}

func TestBadInput(t *testing.T) {
	for _, s := range []string{"", "\xff\xfe on Friday \xff", "\x00\x01\x02", strings.Repeat("9", 5000), "Jan. 24, \xf0\x9f"} {
		for _, r := range Find(s, tue) {
			if r.Start < 0 || r.End > len(s) || r.Start >= r.End || !utf8.ValidString(r.In(s)) {
				t.Errorf("bad span %+v in %q", r.Span, s)
			}
		}
	}
}
