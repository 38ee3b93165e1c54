package figures

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"storyline/internal/golden"
	"storyline/internal/news"
)

// want is one expected figure; nil pointers mean "open" and are checked.
type want struct {
	text            string
	value, min, max *float64
	from            *float64
	unit, measure   string
}

func n(v float64) *float64 { return &v }

// The sentences are invented for these tests; each case checks one rule.
func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"words and at least", "At least eight sailors drowned when the trawler sank.",
			[]want{{"At least eight sailors", n(8), n(8), nil, nil, "sailors", ""}}},
		{"more than is one above", "The strike killed more than 70 people in the valley.",
			[]want{{"more than 70 people", n(70), n(71), nil, nil, "people", "deaths"}}},
		{"fewer than is one below", "Fewer than 20 guests stayed for dinner.",
			[]want{{"Fewer than 20 guests", n(20), nil, n(19), nil, "guests", ""}}},
		{"nearly", "Nearly 500 homes were evacuated along the river.",
			[]want{{"Nearly 500 homes", n(500), n(450), n(500), nil, "homes", "displaced"}}},
		{"about is ten percent", "About 60 climbers were stranded on the ridge.",
			[]want{{"About 60 climbers", n(60), n(54), n(66), nil, "climbers", ""}}},
		{"up to money", "The insurer may pay up to $9bn in claims.",
			[]want{{"up to $9bn", n(9e9), nil, n(9e9), nil, "USD", ""}}},
		{"hundreds", "Hundreds of rockets were fired at the airfield.",
			[]want{{"Hundreds of rockets", nil, n(200), n(999), nil, "rockets", "launched"}}},
		{"range between", "Between 12 and 15 barges ran aground.",
			[]want{{"Between 12 and 15 barges", nil, n(12), n(15), nil, "barges", ""}}},
		{"range dash", "The storm felled 40-50 trees in the park.",
			[]want{{"40-50 trees", nil, n(40), n(50), nil, "trees", ""}}},
		{"change", "The quota was raised from 1,200 to 1,800 tonnes.",
			[]want{{"from 1,200 to 1,800 tonnes", n(1800), n(1800), n(1800), n(1200), "tonnes", ""}}},
		{"two objects", "Rebels fired 14 rockets and 9 mortar shells overnight.",
			[]want{{"14 rockets", n(14), n(14), n(14), nil, "rockets", "launched"},
				{"9 mortar shells", n(9), n(9), n(9), nil, "shells", "launched"}}},
		{"shared verb after", "Six drones and two missiles were shot down over the bay.",
			[]want{{"Six drones", n(6), n(6), n(6), nil, "drones", "intercepted"},
				{"two missiles", n(2), n(2), n(2), nil, "missiles", "intercepted"}}},
		{"hyphenated count", "The union tabled a 15-point charter.",
			[]want{{"15-point", n(15), n(15), n(15), nil, "points", "points"}}},
		{"percent share", "Turnout was 71.5% in the north.",
			[]want{{"71.5%", n(71.5), n(71.5), n(71.5), nil, "%", "share"}}},
		{"per cent words", "Prices rose by nine per cent.",
			[]want{{"nine per cent", n(9), n(9), n(9), nil, "%", "share"}}},
		{"scale words", "Some 2.5 million voters stayed home.",
			[]want{{"Some 2.5 million voters", n(2.5e6), n(2.25e6), n(2.75e6), nil, "voters", ""}}},
		{"a dozen", "A dozen guards were arrested.",
			[]want{{"A dozen guards", n(12), n(12), n(12), nil, "guards", "arrested"}}},
		{"compound words", "Forty-three miners were rescued.",
			[]want{{"Forty-three miners", n(43), n(43), n(43), nil, "miners", ""}}},
		{"one person counts", "One person died in the crush.",
			[]want{{"One person", n(1), n(1), n(1), nil, "people", "deaths"}}},
		{"noun is the measure", "The crash caused 5 deaths.",
			[]want{{"5 deaths", n(5), n(5), n(5), nil, "people", "deaths"}}},
		{"inherited noun", "The raid killed 3 guards and wounded 8.",
			[]want{{"3 guards", n(3), n(3), n(3), nil, "guards", "deaths"},
				{"8", n(8), n(8), n(8), nil, "guards", "injured"}}},
		{"fired ministers", "The president fired four ministers on Monday.",
			[]want{{"four ministers", n(4), n(4), n(4), nil, "ministers", "dismissed"}}},
		{"cap from number of", "The rule caps the number of visitors at 3,000 a day.",
			[]want{{"3,000", n(3000), n(3000), n(3000), nil, "visitors", "cap"}}},
		{"well over", "Well over 90 ships used the canal.",
			[]want{{"Well over 90 ships", n(90), n(91), nil, nil, "ships", ""}}},
		{"half a dozen", "Half a dozen ferries were cancelled.",
			[]want{{"Half a dozen ferries", n(6), n(6), n(6), nil, "ferries", ""}}},
		{"hyphenated dozen", "Roughly two-dozen towns voted early.",
			[]want{{"Roughly two-dozen towns", n(24), n(21.6), n(26.4), nil, "towns", ""}}},
		{"change after the value", "The bill for repairs rose to $6m, from $4m in spring.",
			[]want{{"$6m", n(6e6), n(6e6), n(6e6), n(4e6), "USD", ""}}},
		{"change with the unit first", "The plan takes the fleet from 30 buses to 45.",
			[]want{{"from 30 buses to 45", n(45), n(45), n(45), n(30), "buses", ""}}},
		{"toll named before", "The toll from the storm in the hills rose to 17 on Friday.",
			[]want{{"17", n(17), n(17), n(17), nil, "people", "deaths"}}},
		{"number of", "The number of people who have died in the floods has risen to 40.",
			[]want{{"40", n(40), n(40), n(40), nil, "people", "deaths"}}},
		{"title case", "Storm Kills 11 at Hill Festival",
			[]want{{"11", n(11), n(11), n(11), nil, "people", "deaths"}}},
		{"part of a group", "Some 80 miners were rescued; 12 of them were hurt.",
			[]want{{"Some 80 miners", n(80), n(72), n(88), nil, "miners", ""},
				{"12", n(12), n(12), n(12), nil, "miners", "injured"}}},
		{"of the dead", "Five of the dead were volunteers.",
			[]want{{"Five", n(5), n(5), n(5), nil, "people", "deaths"}}},
		{"unit on the digits", "The ash cloud was seen within 40km of the crater.",
			[]want{{"within 40km", n(40), nil, n(40), nil, "km", ""}}},
		{"relative clause", "Mourners named the eleven climbers who died on the peak.",
			[]want{{"eleven climbers", n(11), n(11), n(11), nil, "climbers", "deaths"}}},
		{"damage", "The hail caused about $3m in damage to the vineyards.",
			[]want{{"about $3m", n(3e6), n(2.7e6), n(3.3e6), nil, "USD", "damage"}}},
		{"ranged from", "Bids ranged from $2m to $3.5m.",
			[]want{{"from $2m to $3.5m", nil, n(2e6), n(3.5e6), nil, "USD", ""}}},
		{"adjective before the noun", "Inspectors found 14 separate leaks.",
			[]want{{"14 separate leaks", n(14), n(14), n(14), nil, "leaks", ""}}},
		{"fraction", "About three-quarters of the staff left.", nil},
		{"ratio", "Nine in ten drivers obeyed the limit.", nil},
		{"percentage points", "Her lead grew by 4.5 percentage points.",
			[]want{{"4.5 percentage points", n(4.5), n(4.5), n(4.5), nil, "percentage points", ""}}},
		{"listed as", "Two crew are still listed as missing.",
			[]want{{"Two crew", n(2), n(2), n(2), nil, "crew", "missing"}}},
		{"none", "No one was hurt, and no deaths were reported; nobody knows why.",
			[]want{{"No one", n(0), n(0), n(0), nil, "people", "injured"},
				{"no deaths", n(0), n(0), n(0), nil, "people", "deaths"}}},
		{"date", "The vote is on March 3 and the count on 5 April, with results by Jan. 9.", nil},
		{"year before a plural", "Critics of the 2012 reforms met in 2015.", nil},
		{"describing compound", "It is now a three-way race.", nil},
		{"year", "The bridge opened in 1998 and closed in 2021.", nil},
		{"time", "The train left at 07:15 and arrived at 9 pm.", nil},
		{"age", "A 52-year-old farmer, aged 52, was hurt.", nil},
		{"duration", "The siege lasted three weeks after a two-month truce.", nil},
		{"ordinal", "The 3rd Battalion and the 101st Division moved north.", nil},
		{"list number", "2. Close the lid.", nil},
		{"phone", "Call 0161 496 0000 today.", nil},
		{"version", "Release 4.1.2 fixed the crash.", nil},
		{"name", "Talks with the G20 and Apollo 13 fans ended.", nil},
		{"pronoun one", "One of the most famous bridges is here, and no-one knows why.", nil},
		{"reference two", "The two sides met again.", nil},
		{"multiplier", "The fine is three times the usual sum.", nil},
		{"score", "The hosts won 3-2 at home.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Find(tc.text)
			if len(got) != len(tc.want) {
				t.Fatalf("Find(%q) found %d figures %v, want %d", tc.text, len(got), texts(tc.text, got), len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				if s := g.Span.In(tc.text); s != w.text {
					t.Errorf("figure %d text %q, want %q", i, s, w.text)
				}
				checkNum(t, "value", g.Value, w.value)
				checkNum(t, "min", g.Min, w.min)
				checkNum(t, "max", g.Max, w.max)
				checkNum(t, "from", g.From, w.from)
				if g.Unit != w.unit || g.Measure != w.measure {
					t.Errorf("figure %q unit/measure %q/%q, want %q/%q", w.text, g.Unit, g.Measure, w.unit, w.measure)
				}
			}
		})
	}
}

func texts(s string, fs []news.Figure) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Span.In(s))
	}
	return out
}

func checkNum(t *testing.T, what string, got, want *float64) {
	t.Helper()
	switch {
	case got == nil && want == nil:
	case got == nil || want == nil:
		t.Errorf("%s %v, want %v", what, show(got), show(want))
	case *got-*want > 1e-6 || *want-*got > 1e-6:
		t.Errorf("%s %v, want %v", what, *got, *want)
	}
}

func show(v *float64) any {
	if v == nil {
		return "nil"
	}
	return *v
}

func TestStage(t *testing.T) {
	text := "Police detained 31 people. Later 4 drones were intercepted."
	d := &news.Doc{Article: &news.Article{ID: "a1", Text: text},
		Sentences: []news.Span{{Start: 0, End: 26}, {Start: 27, End: len(text)}}}
	st := Stage()
	if st.Name != "figures" || len(st.Requires) != 1 || st.Requires[0] != "sentences" || st.Provides[0] != "figures" {
		t.Fatalf("stage declares %+v", st)
	}
	if err := st.Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	got := texts(text, d.Figures)
	if strings.Join(got, "|") != "31 people|4 drones" {
		t.Fatalf("figures %q", got)
	}
	if d.Figures[1].Measure != "intercepted" {
		t.Errorf("second figure measure %q", d.Figures[1].Measure)
	}
	bad := &news.Doc{Article: &news.Article{ID: "bad", Text: "12 \xff\xfe people"}}
	if err := st.Run(context.Background(), bad); err == nil || !strings.Contains(err.Error(), "bad") {
		t.Errorf("invalid UTF-8: error %v, want one naming the article", err)
	}
}

// TestHuge checks that a very long text is read in bounded pieces and that
// figures are still found beyond the first piece.
func TestHuge(t *testing.T) {
	line := "Guards arrested 12 smugglers near the port.\n"
	text := strings.Repeat(line, MaxText/len(line)+50)
	got := Find(text)
	if len(got) != MaxText/len(line)+50 {
		t.Fatalf("found %d figures in %d lines", len(got), MaxText/len(line)+50)
	}
	last := got[len(got)-1]
	if last.Span.In(text) != "12 smugglers" {
		t.Errorf("last figure %q", last.Span.In(text))
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"At least six people died and more than 40 were hurt.",
		"Between 5 and 8 climbers; from 600,000 to 800,000 troops; $4.2bn; 30%.",
		"Hundreds of thousands of refugees, a dozen boats, twenty-two firefighters.",
		"0800 555 0134, 2.4.1, 10:30, 1990s, G7, F-16, 3-1",
		"\xff\xfe 12 \x00 people",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// character starts as Go reads them: an invalid byte is a character
		// of its own, so no span may cut a valid multi-byte one
		starts := map[int]bool{len(s): true}
		for i := range s {
			starts[i] = true
		}
		for _, g := range Find(s) {
			if g.Start < 0 || g.End > len(s) || g.Start >= g.End {
				t.Fatalf("span [%d,%d) outside text of %d bytes", g.Start, g.End, len(s))
			}
			if !starts[g.Start] || !starts[g.End] {
				t.Fatalf("span [%d,%d) splits a character", g.Start, g.End)
			}
			if g.Min != nil && g.Max != nil && *g.Min > *g.Max {
				t.Fatalf("%q: min %v > max %v", g.Span.In(s), *g.Min, *g.Max)
			}
		}
	})
}

// article reads the test article, written for these tests, and splits it
// into sentences at full stops and blank lines as the sentence stage would.
func article(t testing.TB) (string, []news.Span) {
	data, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	var sents []news.Span
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '.' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') ||
			text[i] == '\n' && i+1 < len(text) && text[i+1] == '\n' {
			sents = append(sents, news.Span{Start: start, End: i + 1})
			start = i + 1
		}
	}
	return text, append(sents, news.Span{Start: start, End: len(text)})
}

// TestGolden keeps the figures of the test article in a golden file, so that
// a change to the rules shows as a diff; refresh it with -update.
func TestGolden(t *testing.T) {
	text, sents := article(t)
	d := &news.Doc{Article: &news.Article{ID: "golden", Text: text}, Sentences: sents}
	if err := Stage().Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	for _, f := range d.Figures {
		line, err := json.Marshal(struct {
			Text string `json:"text"`
			news.Figure
		}{f.Span.In(text), f})
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(append(line, '\n'))
	}
	golden.Check(t, "testdata/article.golden.jsonl", buf.Bytes())
}

// BenchmarkStage runs the stage on the 4.5 KB test article.
func BenchmarkStage(b *testing.B) {
	text, sents := article(b)
	st := Stage()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		d := &news.Doc{Article: &news.Article{ID: "bench", Text: text}, Sentences: sents}
		if err := st.Run(context.Background(), d); err != nil {
			b.Fatal(err)
		}
		if len(d.Figures) == 0 {
			b.Fatal("no figures")
		}
	}
}
