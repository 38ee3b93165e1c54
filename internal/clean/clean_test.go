package clean

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"storyline/internal/news"
)

func TestStripTitleSuffix(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Bridge reopens after repairs | Local News", "Bridge reopens after repairs"},
		{"Bridge reopens after repairs - The Daily Lantern", "Bridge reopens after repairs"},
		{"Bridge reopens after repairs | Transport | The Daily Lantern", "Bridge reopens after repairs"},
		{"Bridge reopens after repairs — lantern.example", "Bridge reopens after repairs"},
		{"Markets rise - but for how long?", "Markets rise - but for how long?"},
		{"Bridge reopens - Mayor promises faster repairs next time", "Bridge reopens - Mayor promises faster repairs next time"},
		{"Live | Storm", "Live | Storm"}, // the head is too short to be a headline
		{"  Plain headline with no suffix  ", "Plain headline with no suffix"},
		{"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := StripTitleSuffix(tc.in); got != tc.want {
				t.Errorf("StripTitleSuffix(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestBylineOf(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"By Nadia Orrel", "Nadia Orrel"},
		{"BY NADIA ORREL", "NADIA ORREL"},
		{"By Nadia Orrel | 3 May 2030", "Nadia Orrel"},
		{"Nadia Orrel and Tom de Wint", "Nadia Orrel and Tom de Wint"},
		{"Nadia Orrel, Tom Wint and Ada Pell", "Nadia Orrel, Tom Wint and Ada Pell"},
		{"Nadia Orrel", ""},            // one name alone reads like any label
		{"Ports and Harbours", ""},     // names need first and last parts
		{"By the end of the week", ""}, // lower-case words
		{"Rain and wind batter the coast", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			ln := readLines(tc.in)[0]
			if got := bylineOf(ln); got != tc.want {
				t.Errorf("bylineOf(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// para is a real paragraph for the cases below.
const para = "The river rose by two metres overnight and the footbridge at Pellow Mill was closed to walkers until further notice."

func TestClean(t *testing.T) {
	for _, tc := range []struct {
		name    string
		text    string
		opt     Options
		kept    []string // lines that must be in the text
		removed []string // "reason: line" that must be removed
		title   string
	}{
		{
			name:    "quote about signing up stays",
			text:    para + "\n\n\"Go and sign up for the army,\" her father told her.\n\n" + para,
			kept:    []string{"\"Go and sign up for the army,\" her father told her."},
			removed: nil,
		},
		{
			name:    "reported sign up stays, prompt goes",
			text:    para + "\n\nSign up for our morning newsletter\n\nHe said dozens had signed up to help, and more would sign up today.\n\n" + para,
			kept:    []string{"He said dozens had signed up to help, and more would sign up today."},
			removed: []string{"newsletter promotion: Sign up for our morning newsletter"},
		},
		{
			name: "one-line sentence paragraphs stay",
			text: para + "\n\nNobody was hurt.\n\n" + para + "\n\nThe bridge reopens on Monday.",
			kept: []string{"Nobody was hurt.", "The bridge reopens on Monday."},
		},
		{
			name: "bullet points and a subheading in the body stay",
			text: para + "\n\nWhat happens next\n\nThe council listed its plans:\n- new railings\n- a wider path\n- better lights\n\n" + para,
			kept: []string{"What happens next", "The council listed its plans:", "- new railings", "- a wider path", "- better lights"},
		},
		{
			name: "a closing list stays",
			text: para + "\n\nThe council listed its plans:\n• new railings\n• a wider path",
			kept: []string{"The council listed its plans:", "• new railings", "• a wider path"},
		},
		{
			name:    "advertisement and share bar in the body go",
			text:    para + "\n\nADVERTISEMENT\n\n" + para + "\n\nFacebook Twitter WhatsApp Email\n\n" + para,
			removed: []string{"advertisement: ADVERTISEMENT", "share links: Facebook Twitter WhatsApp Email"},
		},
		{
			name:    "related list in the body goes up to the next paragraph",
			text:    para + "\n\nRelated stories\nFootbridge repairs delayed again\nPellow Mill to get flood barrier\n\nThe council will meet on Friday to discuss the repairs.",
			kept:    []string{"The council will meet on Friday to discuss the repairs."},
			removed: []string{"related stories: Related stories", "related stories: Footbridge repairs delayed again", "related stories: Pellow Mill to get flood barrier"},
		},
		{
			name: "furniture words inside long sentences stay",
			text: para + "\n\nShares in the company fell after it said it would share its subscriber figures only once a year, and comments from analysts were mixed.\n\n" + para,
			kept: []string{"Shares in the company fell after it said it would share its subscriber figures only once a year, and comments from analysts were mixed."},
		},
		{
			name:    "a dateline with an agency stays, a credit caption goes",
			text:    "PELLOW (AP) — " + para + "\n\nWalkers look at the closed footbridge on Tuesday. (AP Photo/Ina Vell)\n\n" + para,
			kept:    []string{"PELLOW (AP) — " + para},
			removed: []string{"photo caption: Walkers look at the closed footbridge on Tuesday. (AP Photo/Ina Vell)"},
		},
		{
			name:    "metadata title with a suffix",
			text:    "Footbridge closed as river rises | Weather\n\n" + para,
			opt:     Options{Title: "Footbridge closed as river rises | Weather"},
			title:   "Footbridge closed as river rises",
			removed: []string{"headline: Footbridge closed as river rises | Weather"},
		},
		{
			name:    "metadata byline found with By",
			text:    "By Lena Troy\n\n" + para,
			opt:     Options{Byline: "Lena Troy"},
			removed: []string{"byline: By Lena Troy"},
		},
		{
			name:  "short lines without a paragraph are all kept",
			text:  "River rises at Pellow\nFootbridge closed to walkers\nMore rain due Friday",
			kept:  []string{"River rises at Pellow", "Footbridge closed to walkers", "More rain due Friday"},
			title: "",
		},
		{
			name:    "markup inside a line and on its own",
			text:    para + "\n\nThe <em>old</em> mill&#39;s wheel was not damaged.\n<p>\n\n" + para,
			kept:    []string{"The old mill's wheel was not damaged."},
			removed: []string{"markup: <em>", "markup: </em>", "html entity: &#39;", "markup: <p>"},
		},
		{
			name:    "licence and copyright at the foot go",
			text:    para + "\n\nLicence this article\n© 2030 Pellow Gazette. All rights reserved.",
			removed: []string{"licence line: Licence this article", "licence line: © 2030 Pellow Gazette. All rights reserved."},
		},
		{
			name:    "a menu between paragraphs goes",
			text:    para + "\n\nHome\nNews\nSport\nWeather\nContact us\n\n" + para,
			removed: []string{"navigation: Home", "navigation: Contact us"},
		},
		{
			name: "a short list after a colon stays",
			text: para + "\n\nThe shop sells:\nBread\nMilk\nEggs\nCheese\nApples\n\n" + para,
			kept: []string{"Bread", "Apples"},
		},
		{
			name:    "sentences without spaces are prose",
			text:    "新桥今天开放。\n\n" + "市政府说，这座桥将缩短两岸居民的通勤时间，并减少旧桥的交通压力。\n\n订阅",
			kept:    []string{"新桥今天开放。", "市政府说，这座桥将缩短两岸居民的通勤时间，并减少旧桥的交通压力。"},
			removed: []string{"page footer: 订阅"},
		},
		{
			name:    "a menu above the headline goes",
			text:    "Home\nNews\nSport\nWeather\n\nBridge at Pellow Mill reopens after repairs\n\n" + para + "\n\n" + para,
			title:   "Bridge at Pellow Mill reopens after repairs",
			removed: []string{"section label: Home", "section label: Weather", "headline: Bridge at Pellow Mill reopens after repairs"},
		},
		{
			name: "teasers between the story and a stray notice go, the notice stays",
			text: strings.Repeat(para+"\n\n", 4) + "Council to vote on new parking rules\nSchool choir wins regional contest\n" +
				"Bakery on the high street changes hands\nRoadworks close the east bridge for a week\nFestival dates announced for the summer\n" +
				"Library opening hours extended from March\n\nThe Pellow Gazette is published every weekday by Valley Media Group.",
			kept:    []string{"The Pellow Gazette is published every weekday by Valley Media Group."},
			removed: []string{"page footer: Council to vote on new parking rules", "page footer: Library opening hours extended from March"},
		},
		{
			name: "a wrapped paragraph is judged whole",
			text: para + "\n\nThe minister, who visited the footbridge on Friday, declined to make any\ncomments on the report until the engineers had finished their work\nand said only that the repairs would be paid for by the county.\n\n" + para,
			kept: []string{"comments on the report until the engineers had finished their work"},
		},
		{
			name:    "one name next to the headline is the byline",
			text:    "Weather\nLena Troy\n\nFootbridge closed as river rises\n\n" + para,
			removed: []string{"section label: Weather", "byline: Lena Troy", "headline: Footbridge closed as river rises"},
		},
		{
			name:    "a long run of teaser headlines in the body goes",
			text:    para + "\n\n" + strings.Repeat("Council votes to widen the footbridge over the river Pell\nHarbour master warns of high tides this weekend in Marrowby\n", 5) + "\n" + para,
			removed: []string{"related stories: Council votes to widen the footbridge over the river Pell"},
		},
		{
			name: "a closing sentence that mentions a photo stays",
			text: para + "\n\n" + para + "\n\nThe photo went viral.",
			kept: []string{"The photo went viral."},
		},
		{
			name:    "a standfirst under the headline stays",
			text:    "Local\n\nFootbridge closed as river rises\n\nWalkers face a long detour while engineers inspect the old crossing\n\nBy Lena Troy\n\n" + para,
			title:   "Footbridge closed as river rises",
			kept:    []string{"Walkers face a long detour while engineers inspect the old crossing"},
			removed: []string{"section label: Local", "headline: Footbridge closed as river rises", "byline: By Lena Troy"},
		},
		{
			name:  "the headline is found under a long page header",
			text:  strings.Repeat("Weather forecast for the valley today\n", 45) + "\nFootbridge closed as river rises\n\n" + para,
			title: "Footbridge closed as river rises",
			kept:  []string{para},
		},
		{
			name: "a closing list of results stays",
			text: para + "\n\nFinal standings\nPellow Rovers: 31 points\nMarrowby Town: 28 points\nHessling United: 22 points\nKestle Athletic: 19 points\nCarrow Wanderers: 15 points",
			kept: []string{"Pellow Rovers: 31 points", "Carrow Wanderers: 15 points"},
		},
		{
			name:    "carriage returns",
			text:    "Footbridge closed as river rises\r\n\r\n" + para + "\r\nSubscribe now\r\n",
			title:   "Footbridge closed as river rises",
			kept:    []string{para},
			removed: []string{"subscription prompt: Subscribe now"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Clean(tc.text, tc.opt)
			if msg := accountFor(tc.text, r); msg != "" {
				t.Error(msg)
			}
			lines := nonBlankLines(r.Text)
			for _, k := range tc.kept {
				if !slices.Contains(lines, k) {
					t.Errorf("line %q not kept; text:\n%s", k, r.Text)
				}
			}
			got := make([]string, len(r.Removed))
			for i, x := range r.Removed {
				got[i] = x.Reason + ": " + x.Text
			}
			for _, want := range tc.removed {
				if !slices.Contains(got, want) {
					t.Errorf("want removed %q; removed %q", want, got)
				}
			}
			if tc.removed == nil && tc.opt.Title == "" && len(got) > 0 && tc.title == "" {
				t.Errorf("nothing should be removed, got %q", got)
			}
			if tc.title != "" && r.Title != tc.title {
				t.Errorf("title %q, want %q", r.Title, tc.title)
			}
			if !strings.Contains(r.Text, para) && strings.Contains(tc.text, para) {
				t.Errorf("a real paragraph was lost; text:\n%s", r.Text)
			}
		})
	}
}

func TestCleanEdgeInput(t *testing.T) {
	for _, tc := range []struct{ name, in string }{
		{"empty", ""},
		{"blank", " \n\t\n\u00a0\n"},
		{"invalid UTF-8", "Headline here\n\n\xff\xfe broken bytes in a line that ends here.\n"},
		{"only markup", "<div>\n</div>\n&nbsp;"},
		{"huge line", strings.Repeat("word ", 20000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Clean(tc.in, Options{})
			if !utf8.ValidString(r.Text) || !utf8.ValidString(r.Title) {
				t.Errorf("output is not valid UTF-8")
			}
			if msg := accountFor(tc.in, r); msg != "" {
				t.Error(msg)
			}
		})
	}
}

func TestRepeatedOnSite(t *testing.T) {
	foot := "Pellow Gazette: your valley, your news"
	shared := "The valley has had three floods in ten years, the council said in its latest report."
	texts := []string{
		para + "\n\n" + shared + "\n\n" + foot,
		"A new bakery opened on the high street on Saturday, the first in the village for twenty years.\n\n" + foot,
		"The school choir will sing at the cathedral in May, its director told parents this week.\n\n" + foot,
		"Work on the bypass is behind schedule, the county council admitted at its meeting on Tuesday.\n\n" + shared,
	}
	common := CommonLines(texts)
	if got := common[NormLine(foot)]; got != 3 {
		t.Fatalf("CommonLines counted the footer %d times, want 3", got)
	}
	r := Clean(texts[0], Options{Common: common, SiteArticles: len(texts)})
	if msg := accountFor(texts[0], r); msg != "" {
		t.Error(msg)
	}
	if strings.Contains(r.Text, foot) || !slices.Contains(r.Removed, newsRemoval(foot, reasonRepeated)) {
		t.Errorf("site footer not removed as repeated: %+v", r.Removed)
	}
	if !strings.Contains(r.Text, shared) {
		t.Errorf("a paragraph two articles share was removed: %+v", r.Removed)
	}
	// Without site counts the footer is judged on its own and stays.
	if r := Clean(texts[1], Options{}); !strings.Contains(r.Text, foot) {
		t.Logf("footer removed without site counts as %+v", r.Removed)
	}
}

func TestCommonLinesCountsEachTextOnce(t *testing.T) {
	c := CommonLines([]string{"Share\nShare\nComments (3)", "Share\n  comments (12) "})
	if c["share"] != 2 || c["comments (0)"] != 2 {
		t.Errorf("counts %v, want share 2 and comments (0) 2", c)
	}
}

// TestAccountingProperty builds random texts from furniture, prose, markup
// and blank lines and checks that every line is kept or removed, never lost.
func TestAccountingProperty(t *testing.T) {
	pool := []string{
		para, "Nobody was hurt.", "Subscribe today", "Sign in", "Advertisement", "World",
		"By Lena Troy", "Lena Troy and Ivo Sand", "Walkers at the bridge. (AP Photo/Ina Vell)",
		"A closed footbridge", "Related", "Footbridge repairs delayed", "- a wider path",
		"<a href", "The <b>old</b> mill &amp; its wheel stood firm through the night.",
		"https://example.org/x", "Share this article", "Facebook", "Comments (2)",
		"Footbridge closed as river rises | Weather", "Updated 3 May 2030, 7:15am",
		"\"Sign up now,\" she said.", "", "", "  ", "\t<p>&nbsp;</p>", "Fast. Fair. Free.",
		"Photo: Ina Vell/Valley Wire", "<br><br>", "&notanentity; stays as it is.",
	}
	rng := rand.New(rand.NewPCG(7, 11))
	random := func() string {
		var b strings.Builder
		for range rng.IntN(25) {
			b.WriteString(pool[rng.IntN(len(pool))])
			b.WriteString([]string{"\n", "\n\n", "\r\n"}[rng.IntN(3)])
		}
		return b.String()
	}
	for i := range 500 {
		text := random()
		o := Options{}
		if rng.IntN(2) == 0 {
			o.Title, o.Byline = "Footbridge closed as river rises", "Lena Troy"
		}
		if rng.IntN(3) == 0 {
			// Lines the "site" repeats: this text among a few others.
			site := []string{text, random(), random(), random()}
			o.Common, o.SiteArticles = CommonLines(site), len(site)
		}
		r := Clean(text, o)
		if msg := accountFor(text, r); msg != "" {
			t.Fatalf("case %d: %s\ninput:\n%s", i, msg, text)
		}
	}
}

func newsRemoval(text, reason string) news.Removal { return news.Removal{Text: text, Reason: reason} }

func ExampleClean() {
	r := Clean("Footbridge closed as river rises | Weather\nBy Lena Troy\n\n"+para+"\n\nSign up for our newsletter", Options{})
	fmt.Println(r.Title)
	fmt.Println(r.Byline)
	for _, x := range r.Removed {
		fmt.Printf("%s: %s\n", x.Reason, x.Text)
	}
	// Output:
	// Footbridge closed as river rises
	// Lena Troy
	// headline: Footbridge closed as river rises | Weather
	// byline: By Lena Troy
	// newsletter promotion: Sign up for our newsletter
}
