package web

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// textAndTags parses rendered markup and returns its text and the set of
// element names and attribute names it holds.
func textAndTags(t testing.TB, markup string) (string, map[string]bool) {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(markup), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	seen := map[string]bool{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			seen["<"+n.Data] = true
			for _, a := range n.Attr {
				seen["@"+a.Key] = true
			}
		default:
			seen["node"] = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return b.String(), seen
}

var allowed = map[string]bool{"<span": true, "<a": true, "@id": true, "@class": true, "@href": true, "@title": true}

func TestHighlight(t *testing.T) {
	text := `He said "we <b>will</b> stay" & left. Then 12 people.`
	for _, c := range []struct {
		name  string
		marks []mark
		want  string
	}{
		{"none", nil, `He said &#34;we &lt;b&gt;will&lt;/b&gt; stay&#34; &amp; left. Then 12 people.`},
		{"nested", []mark{{start: 0, end: 38, layer: layerSentence, tag: "span", id: "s-1", class: "s"},
			{start: 9, end: 28, layer: layerQuote, tag: "span", class: "q"}},
			`<span id="s-1" class="s">He said &#34;<span class="q">we &lt;b&gt;will&lt;/b&gt; stay</span>&#34; &amp; left. </span>Then 12 people.`},
		{"crossing", []mark{{start: 0, end: 10, layer: layerSentence, tag: "span", class: "s"},
			{start: 5, end: 15, layer: layerQuote, tag: "span", id: "q", class: "q"}},
			`<span class="s">He sa<span id="q" class="q">id &#34;w</span></span><span class="q cont">e &lt;b&gt;</span>will&lt;/b&gt; stay&#34; &amp; left. Then 12 people.`},
		{"overlap in a layer is dropped", []mark{{start: 43, end: 52, layer: layerFigure, tag: "span", class: "f"},
			{start: 46, end: 52, layer: layerFigure, tag: "span", class: "g"}},
			`He said &#34;we &lt;b&gt;will&lt;/b&gt; stay&#34; &amp; left. Then <span class="f">12 people</span>.`},
		{"out of range and empty", []mark{{start: -5, end: 2, layer: layerName, tag: "span", class: "x"},
			{start: 3, end: 3, layer: layerName, tag: "span"}, {start: 50, end: 999, layer: layerDate, tag: "script"}},
			`<span class="x">He</span> said &#34;we &lt;b&gt;will&lt;/b&gt; stay&#34; &amp; left. Then 12 people.`},
		{"attributes escaped", []mark{{start: 0, end: 2, layer: layerName, tag: "a", href: `/e/"><script>`, title: `"x" <y>`, class: "k"}},
			`<a class="k" href="/e/&#34;&gt;&lt;script&gt;" title="&#34;x&#34; &lt;y&gt;">He</a> said &#34;we &lt;b&gt;will&lt;/b&gt; stay&#34; &amp; left. Then 12 people.`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := string(highlight(text, c.marks))
			if got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
			back, _ := textAndTags(t, got)
			if back != text {
				t.Errorf("text changed: %q", back)
			}
		})
	}
}

// FuzzHighlight renders arbitrary text with arbitrary marks and checks
// that the text comes back unchanged from the parsed markup, and that
// only our elements and attributes appear: whatever an article holds, it
// cannot add markup to the page.
func FuzzHighlight(f *testing.F) {
	f.Add(`<script>alert(1)</script> said "x"`, 0, 8, 3, 20, 5, 30)
	f.Add("Ünïcode — “quoted” text\u00a0here", 1, 4, 2, 9, 0, 40)
	f.Add(`"><img src=x onerror=alert(1)>`, 0, 30, 0, 5, 10, 12)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		if len(text) > 4096 || !utf8Valid(text) {
			return
		}
		n := len(text) + 1
		pos := func(x int) int {
			if x < 0 {
				x = -x
			}
			return x % n
		}
		marks := []mark{
			{start: pos(a), end: pos(b), layer: layerSentence, tag: "span", id: "s-1", class: "s"},
			{start: pos(c), end: pos(d), layer: layerQuote, tag: "span", id: text, class: "q", title: text},
			{start: pos(e), end: pos(g), layer: layerName, tag: "a", href: "/entities/" + text, class: "m-ent"},
			{start: pos(a + c), end: pos(d + g), layer: layerFigure, tag: "span", class: "f"},
		}
		out := string(highlight(text, marks))
		back, tags := textAndTags(t, out)
		// The parser drops NUL from text and turns CR LF into LF, as any
		// browser does; neither is markup.
		want := strings.ReplaceAll(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\x00", "")
		if back != want {
			t.Fatalf("text changed:\n%q\n%q\nmarkup %s", want, back, out)
		}
		for tag := range tags {
			if !allowed[tag] {
				t.Fatalf("unexpected %s in %s", tag, out)
			}
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }

func TestWordDiff(t *testing.T) {
	for _, c := range []struct{ a, b, want string }{
		{"We will rebuild every single home,", "We will rebuild every home,", "We will rebuild every [single ]home,"},
		{"We shall rebuild every home in this valley.", "We will rebuild every home,", "We [shall ]rebuild every home [in ][this ][valley.]"},
		{"Same words, other CASE!", "same words other case", "Same words, other CASE!"},
		{"", "anything", ""},
	} {
		var b strings.Builder
		for _, tok := range wordDiff(c.a, c.b) {
			if tok.Changed {
				b.WriteString("[" + tok.Text + "]")
			} else {
				b.WriteString(tok.Text)
			}
		}
		if got := strings.ReplaceAll(b.String(), "][", "]["); got != c.want {
			t.Errorf("wordDiff(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}

func TestTimexRange(t *testing.T) {
	for _, c := range []struct{ v, from, to string }{
		{"2031-05-10", "2031-05-10", "2031-05-11"},
		{"2031-05", "2031-05-01", "2031-06-01"},
		{"1987", "1987-01-01", "1988-01-01"},
		{"2031-W19", "2031-05-05", "2031-05-12"},
		{"2031-SU", "2031-06-01", "2031-09-01"},
		{"P2D", "0001-01-01", "0001-01-01"},
		{"2031-W99", "0001-01-01", "0001-01-01"},
	} {
		f, to := timexRange(c.v)
		if f.Format("2006-01-02") != c.from || to.Format("2006-01-02") != c.to {
			t.Errorf("timexRange(%q) = %s, %s; want %s, %s", c.v, f.Format("2006-01-02"), to.Format("2006-01-02"), c.from, c.to)
		}
	}
}

func TestLocalPath(t *testing.T) {
	for in, want := range map[string]string{"/add": "/add", "//evil.example": "/", "https://evil.example": "/", `/\evil`: "/", "": "/", "/a\r\nb": "/"} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}
