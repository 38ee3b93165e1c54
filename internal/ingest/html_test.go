package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"

	"storyline/internal/news"
)

// The pages below are invented for these tests; any likeness to a real
// outlet is chance.

// htmlTestBody is an article of six paragraphs about a made-up town.
var htmlTestBody = []string{
	"The town council of Lower Brindle voted on Tuesday evening to rebuild the footbridge over the Marrow river, which has been closed since the spring floods washed away two of its supports.",
	"Work is due to begin in March and should take about nine months, the council's engineer, Petra Olsen, told the meeting. The bridge will be raised by forty centimetres so that future floods pass beneath it.",
	"The new deck will be wider, with room for bicycles and prams, and lit at night by lamps powered from a small solar array on the eastern bank.",
	"Shopkeepers on the northern side said trade had fallen by a third since the closure, because walkers from the caravan park no longer cross into the village centre.",
	"\u201cWe have waited long enough,\u201d said Tomas Reyes, who runs the bakery on Mill Lane. \u201cEvery week without the bridge costs us customers we may never win back.\u201d",
	"The project is expected to cost 2.4 million euros, of which the regional government will pay sixty per cent. The rest will come from the town's reserves and a loan.",
}

// htmlTestPage wraps body paragraphs in the furniture of a typical news
// page: head metadata, navigation, cookie banner, share buttons, related
// links and a footer.
func htmlTestPage(head, body string) string {
	return `<!DOCTYPE html><html lang="en"><head>` + head + `</head><body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience. By continuing to browse you accept our cookie policy.</p><button>Accept all</button></div>
<header class="site-header"><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/local">Local news</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li><li><a href="/contact">Contact us</a></li></ul></nav></header>
<main><article class="story">` + body + `
<div class="share"><a href="#">Share on social media</a> <a href="#">Email this story</a></div>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Ferry timetable changes announced for the winter season</a></li>
<li><a href="/b">School roof repairs finished ahead of the autumn term</a></li>
<li><a href="/c">Library opening hours extended on Saturdays from next month</a></li></ul></aside></main>
<footer class="site-footer"><p>Copyright 2031 The Brindle Courier. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body></html>`
}

const htmlTestHead = `<meta charset="utf-8"><title>Council votes to rebuild the Marrow footbridge | The Brindle Courier</title>
<meta property="og:title" content="Council votes to rebuild the Marrow footbridge">
<meta property="og:site_name" content="The Brindle Courier">
<meta name="author" content="Ines Calloway">
<meta property="article:published_time" content="2025-03-04T18:30:00Z">
<link rel="canonical" href="https://courier.example/local/marrow-footbridge">`

func htmlTestArticle() string {
	var b strings.Builder
	b.WriteString(`<h1>Council votes to rebuild the Marrow footbridge</h1><p class="byline">By Ines Calloway</p>`)
	for _, p := range htmlTestBody {
		b.WriteString("<p>" + p + "</p>\n")
	}
	return htmlTestPage(htmlTestHead, b.String())
}

func TestExtractHTMLArticle(t *testing.T) {
	a, err := ExtractHTML([]byte(htmlTestArticle()), "https://courier.example/story?id=12&utm=feed")
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Join(htmlTestBody, "\n\n"); !strings.Contains(a.Text, want) {
		t.Errorf("text lacks the body as paragraphs:\n%s", a.Text)
	}
	for _, furniture := range []string{"cookie", "Home", "Related stories", "Ferry timetable", "Copyright", "Privacy policy", "Share on social"} {
		if strings.Contains(a.Text, furniture) {
			t.Errorf("text keeps page furniture %q:\n%s", furniture, a.Text)
		}
	}
	if strings.HasPrefix(a.Text, "Council votes") {
		t.Errorf("text begins with the headline:\n%s", a.Text)
	}
	want := news.Article{
		Title:     "Council votes to rebuild the Marrow footbridge",
		Byline:    "Ines Calloway",
		Outlet:    "The Brindle Courier",
		Site:      "courier.example",
		URL:       "https://courier.example/local/marrow-footbridge",
		Language:  "en",
		Published: time.Date(2025, 3, 4, 18, 30, 0, 0, time.UTC),
		Format:    "html",
	}
	for _, c := range []struct{ field, got, want string }{
		{"title", a.Title, want.Title},
		{"byline", a.Byline, want.Byline},
		{"outlet", a.Outlet, want.Outlet},
		{"site", a.Site, want.Site},
		{"url", a.URL, want.URL},
		{"language", a.Language, want.Language},
		{"format", a.Format, want.Format},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if !a.Published.Equal(want.Published) {
		t.Errorf("published = %v, want %v", a.Published, want.Published)
	}
}

func TestExtractHTMLErrors(t *testing.T) {
	nav := htmlTestPage(`<title>Index</title>`, `<ul><li><a href="/1">One</a></li><li><a href="/2">Two</a></li></ul>`)
	for _, tc := range []struct {
		name string
		page string
		kind error
	}{
		{"empty", "", news.ErrInvalid},
		{"blank", " \n\t ", news.ErrInvalid},
		{"no article", nav, news.ErrInvalid},
		{"title only", `<html><head><title>Just a title</title></head><body></body></html>`, news.ErrInvalid},
		{"binary", "\x00\x01\x02\xff\xfe\x00\x89PNG\r\n", news.ErrInvalid},
		{"too large", "<p>" + strings.Repeat("a", htmlMaxBytes) + "</p>", news.ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ExtractHTML([]byte(tc.page), "")
			if !errors.Is(err, tc.kind) {
				t.Fatalf("err = %v (article %+v), want one wrapping %v", err, a, tc.kind)
			}
		})
	}
}

func TestExtractHTMLMarkup(t *testing.T) {
	body := strings.Join(htmlTestBody[1:], "</p><p>")
	for _, tc := range []struct {
		name, para, want string
	}{
		{"inline tags", "The <b>mayor</b> of <a href='/x'>Lower Brindle</a> <i>opened</i> the fair.", "The mayor of Lower Brindle opened the fair."},
		{"line break", "Opening hours:<br>Monday to Friday<br/>Saturday mornings", "Opening hours:\nMonday to Friday\nSaturday mornings"},
		{"drop capital", "<span class='dropcap'>T</span>he river rose by a metre overnight.", "The river rose by a metre overnight."},
		{"words at a dropped break", "<strong>Route A</strong>: north bank<strong>Route B</strong>: south bank", "Route A: north bank Route B: south bank"},
		{"unspaced script", "新しい橋は<a href='/a'>来年</a>完成する予定です。", "新しい橋は来年完成する予定です。"},
		{"entities and spaces", "Fish &amp; chips\u00a0cost   &pound;4 &#8212; a  bargain.", "Fish & chips cost £4 — a bargain."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			page := htmlTestPage(`<meta charset="utf-8"><title>Notes</title>`, "<p>"+tc.para+"</p><p>"+body+"</p>")
			a, err := ExtractHTML([]byte(page), "")
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(a.Text, "\n\n")
			if first != tc.want {
				t.Errorf("first paragraph %q, want %q", first, tc.want)
			}
		})
	}
}

func TestExtractHTMLHeadline(t *testing.T) {
	var b strings.Builder
	b.WriteString("<h1>Council votes to rebuild the Marrow footbridge</h1><h2>The crossing has been shut since the spring floods</h2>")
	for _, p := range htmlTestBody {
		b.WriteString("<p>" + p + "</p>")
	}
	b.WriteString("<h2>What happens next</h2><p>" + htmlTestBody[0] + "</p><p>Council votes to rebuild the Marrow footbridge</p>")
	a, err := ExtractHTML([]byte(htmlTestPage(htmlTestHead, b.String())), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.Text, htmlTestBody[0]) {
		t.Errorf("text does not begin with the first paragraph:\n%s", a.Text)
	}
	if !strings.Contains(a.Text, "\n\nWhat happens next\n\n") {
		t.Errorf("a heading inside the body was lost:\n%s", a.Text)
	}
	if len(a.Removed) != 3 || a.Removed[0].Text != a.Title || a.Removed[2].Text != a.Title {
		t.Errorf("removed = %+v, want the title, the standfirst and the title again", a.Removed)
	}
}

func TestExtractHTMLBrokenMarkup(t *testing.T) {
	page := `<html><head><title>Broken</title><body><div><p>` + htmlTestBody[0] +
		`<p>` + htmlTestBody[1] + `</span></div></div></td><p>` + htmlTestBody[2] +
		`<p><b><i>` + htmlTestBody[3] + `</b></i><p>` + htmlTestBody[4] + `<!-- unclosed comment`
	a, err := ExtractHTML([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range htmlTestBody[:4] {
		if !strings.Contains(a.Text, p) {
			t.Errorf("text lacks %q:\n%s", p[:30], a.Text)
		}
	}
}

func TestExtractHTMLDeepNesting(t *testing.T) {
	const depth = 5000
	page := "<html><body>" + strings.Repeat("<div>", depth) + "<p>" + strings.Join(htmlTestBody, "</p><p>") +
		"</p>" + strings.Repeat("</div>", depth) + "</body></html>"
	a, err := ExtractHTML([]byte(page), "")
	if err != nil {
		t.Fatalf("deeply nested page: %v", err)
	}
	if !strings.Contains(a.Text, htmlTestBody[2]) {
		t.Errorf("text lacks the body:\n%.300s", a.Text)
	}
}

func TestExtractHTMLManyElements(t *testing.T) {
	page := "<html><body><p>" + strings.Join(htmlTestBody, "</p><p>") + "</p>" +
		strings.Repeat("<i></i>", htmlMaxElements) + "</body></html>"
	if _, err := ExtractHTML([]byte(page), ""); !errors.Is(err, news.ErrTooLarge) {
		t.Errorf("page of %d elements: err = %v, want ErrTooLarge", htmlMaxElements, err)
	}
}

func TestExtractHTMLCharsets(t *testing.T) {
	latin := "Der Bürgermeister sagte, die Brücke über die Maas werde größer und schöner. " +
		"Die Arbeiten beginnen im März; der Bäcker am Mühlweg freut sich über die Nachricht."
	japaneseText := "町議会は火曜日、洪水で流された歩道橋を再建することを決めた。工事は三月に始まり、九か月ほどかかる見込みだ。"
	for _, tc := range []struct {
		name, head, want string
		encode           func(string) ([]byte, error)
	}{
		{"windows-1252 meta charset", `<meta charset="windows-1252">`, latin, htmlEncodeWith(charmap.Windows1252)},
		{"iso-8859-1 http-equiv", `<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">`, latin, htmlEncodeWith(charmap.ISO8859_1)},
		{"shift_jis", `<meta charset="shift_jis">`, japaneseText, htmlEncodeWith(japanese.ShiftJIS)},
		// A page that says latin-1 but is valid UTF-8 is read as UTF-8.
		{"utf-8 declared latin-1", `<meta charset="iso-8859-1">`, latin, func(s string) ([]byte, error) { return []byte(s), nil }},
		{"no declaration, latin-1 bytes", ``, latin, htmlEncodeWith(charmap.Windows1252)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var body strings.Builder
			for range 4 {
				body.WriteString("<p>" + tc.want + "</p>")
			}
			page := "<html><head>" + tc.head + "<title>Seite</title></head><body><article>" + body.String() + "</article></body></html>"
			raw, err := tc.encode(page)
			if err != nil {
				t.Fatal(err)
			}
			a, err := ExtractHTML(raw, "")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(a.Text, tc.want) {
				t.Errorf("text not decoded:\n%.200s", a.Text)
			}
		})
	}
}

func htmlEncodeWith(e encoding.Encoding) func(string) ([]byte, error) {
	return func(s string) ([]byte, error) { return e.NewEncoder().Bytes([]byte(s)) }
}

func TestHTMLDecode(t *testing.T) {
	for _, tc := range []struct {
		name string
		raw  []byte
		want string
	}{
		{"utf-8 bom", []byte("\xef\xbb\xbf<p>caf\xc3\xa9</p>"), "<p>café</p>"},
		{"utf-16le bom", []byte("\xff\xfe<\x00p\x00>\x00\xe9\x00"), "<p>é"},
		{"soft hyphen and decomposed accent", []byte("Gro\u00adsse cafe\u0301"), "Grosse café"},
		{"invalid bytes undeclared", []byte("caf\xe9 \x80"), "café €"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := htmlDecode(tc.raw)
			if got != tc.want {
				t.Errorf("htmlDecode = %q, want %q", got, tc.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("htmlDecode gave invalid UTF-8 %q", got)
			}
		})
	}
}

func TestHTMLFlatten(t *testing.T) {
	in := strings.Repeat("<div>", 10) + "text<br><img src=x>" + strings.Repeat("</div>", 10) + "<p>after</p>"
	out := htmlFlatten(in, 4)
	if got := strings.Count(out, "<div>"); got != 4 {
		t.Errorf("%d <div> kept, want 4: %s", got, out)
	}
	if got := strings.Count(out, "</div>"); got != 4 {
		t.Errorf("%d </div> kept, want 4: %s", got, out)
	}
	for _, keep := range []string{"text", "<br>", "<img src=x>", "<p>after</p>"} {
		if !strings.Contains(out, keep) {
			t.Errorf("flattened page lost %q: %s", keep, out)
		}
	}
}

func BenchmarkExtractHTML(b *testing.B) {
	page := []byte(htmlTestArticle())
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := ExtractHTML(page, "https://courier.example/x"); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzExtractHTML(f *testing.F) {
	f.Add([]byte(htmlTestArticle()))
	f.Add([]byte("<p>" + htmlTestBody[0] + "<br>" + htmlTestBody[1] + "</p>"))
	f.Add([]byte(strings.Repeat("<div>", 600) + htmlTestBody[2]))
	f.Fuzz(func(t *testing.T, raw []byte) {
		a, err := ExtractHTML(raw, "https://courier.example/story")
		if err != nil {
			if !errors.Is(err, news.ErrInvalid) && !errors.Is(err, news.ErrTooLarge) {
				t.Fatalf("error %v wraps neither ErrInvalid nor ErrTooLarge", err)
			}
			return
		}
		for field, s := range map[string]string{"text": a.Text, "title": a.Title, "byline": a.Byline, "outlet": a.Outlet, "url": a.URL, "site": a.Site} {
			if !utf8.ValidString(s) {
				t.Errorf("%s is not valid UTF-8: %q", field, s)
			}
		}
		if strings.TrimSpace(a.Text) == "" {
			t.Error("an article with no text")
		}
	})
}

func TestHTMLDate(t *testing.T) {
	day := time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)
	stated := time.Date(2024, 5, 6, 7, 8, 9, 0, time.FixedZone("", 2*3600))
	for _, tc := range []struct {
		name        string
		day, stated time.Time
		want        time.Time
	}{
		{"nothing", time.Time{}, time.Time{}, time.Time{}},
		{"day only", day, time.Time{}, day},
		{"stated time on that day", day, stated, stated},
		{"stated time alone", time.Time{}, stated, stated},
		{"stated time on another day", day.AddDate(0, 0, 3), stated, day.AddDate(0, 0, 3)},
		{"copyright year", time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}, time.Time{}},
		{"far future", time.Now().AddDate(3, 0, 0), time.Time{}, time.Time{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := htmlDate(tc.day, tc.stated); !got.Equal(tc.want) {
				t.Errorf("htmlDate = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestHTMLStatedTime(t *testing.T) {
	body := "<body><article><p>" + strings.Join(htmlTestBody, "</p><p>") + "</p></article></body>"
	want := time.Date(2024, 5, 6, 7, 8, 9, 0, time.FixedZone("", 2*3600))
	for _, tc := range []struct{ name, head string }{
		{"json-ld", `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-06T07:08:09+02:00"}</script>`},
		{"itemprop", `<meta itemprop="datePublished" content="2024-05-06T07:08:09+02:00">`},
		{"open graph", `<meta property="article:published_time" content=" 2024-05-06T07:08:09+02:00 ">`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := ExtractHTML([]byte("<html><head><title>Pier</title>"+tc.head+"</head>"+body+"</html>"), "")
			if err != nil {
				t.Fatal(err)
			}
			if !a.Published.Equal(want) {
				t.Errorf("published = %v, want %v", a.Published, want)
			}
		})
	}
}

func TestHTMLWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"--- * ---", 0},
		{"The bridge reopens in March.", 5},
		{"co-op's 2.4m", 5},
		{"歩道橋を再建", 3},
		{"Kindleの使い方", 1 + 2},
	} {
		if got := htmlWords(tc.in); got != tc.want {
			t.Errorf("htmlWords(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestHTMLDropFurniture(t *testing.T) {
	long := htmlTestBody[1]
	for _, tc := range []struct {
		name   string
		paras  []string
		second string
		want   []string
	}{
		{"prose kept", []string{htmlTestBody[0], long}, "", []string{htmlTestBody[0], long}},
		{"bare address", []string{long, "https://courier.example/a/b?c=d"}, "", []string{long}},
		{"separator", []string{"* * *", long}, "", []string{long}},
		{"call to action", []string{long, "Sign up for our morning newsletter."}, "", []string{long}},
		{"long paragraph naming a newsletter kept", []string{long + " The newsletter of the rowing club first reported the closure, and the club asked members to sign up for lifts across the weir while the bridge is shut."}, "",
			[]string{long + " The newsletter of the rowing club first reported the closure, and the club asked members to sign up for lifts across the weir while the bridge is shut."}},
		{"teaser", []string{long, "Related: Ferry fares rise"}, "", []string{long}},
		{"time stamp", []string{"Updated 14:05", long}, "", []string{long}},
		{"posted-by line", []string{long, "05/10/2031 - Posted by: Ines Calloway - Section: Local - Tags: bridge river"}, "", []string{long}},
		{"date in prose kept", []string{"The vote on 03/04/2025 passed by nine votes to two.", long}, "",
			[]string{"The vote on 03/04/2025 passed by nine votes to two.", long}},
		{"teaser in German", []string{"Lesen Sie auch: Neue Fähre ab Mai", long}, "", []string{long}},
		{"call to action in French", []string{long, "Abonnez-vous à notre lettre du matin"}, "", []string{long}},
		{"label without a colon is prose", []string{"Related work on the weir begins in June, the council said.", long}, "",
			[]string{"Related work on the weir begins in June, the council said.", long}},
		// The second extraction has the long paragraph and the short quote
		// but not the caption: the caption goes.
		{"second opinion", []string{long, "Photo: the closed bridge in April", "\u201cWe waited long enough,\u201d he said."},
			htmlKey(long + " We waited long enough he said"), []string{long, "\u201cWe waited long enough,\u201d he said."}},
		// A sentence of ten words or more is prose, whatever the second says.
		{"second opinion spares prose", []string{long, "Photo: the closed bridge in April", "The ferry will run every hour until the bridge reopens next year."},
			htmlKey(long), []string{long, "The ferry will run every hour until the bridge reopens next year."}},
		// A second extraction that shares almost nothing is no guide.
		{"second opinion disagrees", []string{"Short line one here", "Short line two here", "Short line three"},
			htmlKey("something else entirely"), []string{"Short line one here", "Short line two here", "Short line three"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var in []htmlPara
			for _, p := range tc.paras {
				in = append(in, htmlPara{text: p})
			}
			out, removed := htmlDropFurniture(in, tc.second)
			var got []string
			for _, p := range out {
				got = append(got, p.text)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("kept %q, want %q", got, tc.want)
			}
			if len(removed) != len(tc.paras)-len(out) {
				t.Errorf("%d removals recorded for %d paragraphs dropped", len(removed), len(tc.paras)-len(out))
			}
		})
	}
}

func TestHTMLHasSentence(t *testing.T) {
	for _, tc := range []struct {
		para string
		want bool
	}{
		{"Home News Sport Weather Contact", false},
		{"Accept all", false},
		{"The bridge reopens in March.", true},
		{"\u201cIt is about time,\u201d she said.\u201d", true},
		{"Is the bridge safe now?", true},
		{"Done.", false},
		{"町議会は火曜日、歩道橋を再建することを決めた。", true},
	} {
		if got := htmlHasSentence([]htmlPara{{text: tc.para}}); got != tc.want {
			t.Errorf("htmlHasSentence(%q) = %v, want %v", tc.para, got, tc.want)
		}
	}
}
