package figures

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"storyline/internal/demo"
	"storyline/internal/news"
)

// DemoScore scores find on the figures of the demo corpus (internal/demo, a
// fictional story our colleagues wrote, with its truth as Go data). Each gold
// figure names a verbatim passage of its file; find reads the whole
// paragraph around it, and every figure found in such a paragraph that the
// truth does not list is an extra. The demo truth names facts rather than
// our normalised measures ("storage tanks", "distance heard") and counts
// ages and "a dozen" its own way, so only detection, value and bounds are
// compared; units are reported for reading, not as a score.
func DemoScore(find func(string) []news.Figure) (Score, error) {
	truth := demo.Gold()
	fsys := demo.FS()
	files := map[string]string{}
	type para struct {
		path, text string
		gold       []GoldFigure
	}
	paras := map[string]*para{}
	var order []string
	for _, g := range truth.Figures {
		art, ok := truth.Article(g.Article)
		if !ok {
			return Score{}, fmt.Errorf("demo figure %q: no article %q", g.Text, g.Article)
		}
		raw, ok := files[art.Path]
		if !ok {
			b, err := fs.ReadFile(fsys, art.Path)
			if err != nil {
				return Score{}, fmt.Errorf("demo figures: read %s: %w", art.Path, err)
			}
			raw = string(b)
			files[art.Path] = raw
		}
		at := strings.Index(raw, g.Context)
		if at < 0 {
			return Score{}, fmt.Errorf("demo figures: %s: passage %q not found", art.Path, g.Context)
		}
		lo, hi := paragraph(raw, at, at+len(g.Context))
		key := fmt.Sprintf("%s:%d", art.Path, lo)
		p, seen := paras[key]
		if !seen {
			p = &para{path: art.Path, text: raw[lo:hi]}
			paras[key] = p
			order = append(order, key)
		}
		if !strings.Contains(g.Context, g.Text) {
			return Score{}, fmt.Errorf("demo figures: %q not in its passage %q", g.Text, g.Context)
		}
		gf := GoldFigure{Text: g.Text, Value: &g.Value, Min: g.Min(), Max: g.Max(), From: g.From, Unit: g.Unit, Measure: g.Measure}
		p.gold = append(p.gold, gf)
	}
	sort.Strings(order)
	var items []Item
	for _, k := range order {
		p := paras[k]
		items = append(items, Item{ID: k, Split: "demo", Text: p.text, Figures: p.gold})
	}
	s := Evaluate(items, find)
	return s, nil
}

// paragraph widens [lo, hi) to the paragraph around it: a line of a text
// file, or the text between two tags of an HTML page or a feed, whose
// markup may be escaped.
func paragraph(raw string, lo, hi int) (int, int) {
	for lo > 0 {
		c := raw[lo-1]
		if c == '\n' || c == '>' && !strings.HasSuffix(raw[:lo], "&gt;") || strings.HasSuffix(raw[:lo], "&gt;") {
			break
		}
		lo--
	}
	for hi < len(raw) {
		c := raw[hi]
		if c == '\n' || c == '<' || strings.HasPrefix(raw[hi:], "&lt;") {
			break
		}
		hi++
	}
	return lo, hi
}
