package clean

import (
	"compress/gzip"
	"encoding/json"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"storyline/internal/eval/extraction"
	"storyline/internal/shareddata"
)

// The trafilatura evaluation set lists, per web page, snippets of the main
// text ("with") and of its furniture ("without"). Flattening each page to
// plain text, every block on its own line, gives the kind of text this
// package cleans: text copied from a page. Scored as the set defines it
// (a "with" snippet found is a true positive, missing a false negative; a
// "without" snippet found a false positive) by internal/eval/extraction,
// it shows what Clean takes out and what it wrongly takes with it.

type evalPage struct {
	File    string   `json:"file"`
	With    []string `json:"with"`
	Without []string `json:"without"`
}

// devSplit puts about half the pages, chosen by a hash of the URL, in the
// split rules may be tuned on; the other half is held out.
func devSplit(url string) bool {
	h := fnv.New32a()
	h.Write([]byte(url))
	return h.Sum32()%2 == 0
}

func TestTrafilaturaEval(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped in -short mode")
	}
	dir := shareddata.Require(t, "eval", "trafilatura-eval")
	raw, err := os.ReadFile(filepath.Join(dir, "tests", "evaldata.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pages map[string]evalPage
	if err := json.Unmarshal(raw, &pages); err != nil {
		t.Fatalf("evaldata.json: %v", err)
	}
	var before, after [2]extraction.SnippetCounts // [0] dev, [1] held out
	n := 0
	for url, pg := range pages {
		text, err := pageText(dir, pg.File)
		if err != nil {
			t.Logf("skip %s: %v", pg.File, err)
			continue
		}
		n++
		split := 1
		if devSplit(url) {
			split = 0
		}
		before[split].Add(extraction.ScoreSnippets(text, pg.With, pg.Without))
		// The headline moves to the title: it is not lost.
		r := Clean(text, Options{})
		after[split].Add(extraction.ScoreSnippets(r.Title+"\n"+r.Text, pg.With, pg.Without))
	}
	for i, name := range []string{"dev", "held-out"} {
		bp, br, bf := before[i].Scores()
		ap, ar, af := after[i].Scores()
		t.Logf("%s: page text P %.3f R %.3f F1 %.3f; cleaned P %.3f R %.3f F1 %.3f (%d pages in all)", name, bp, br, bf, ap, ar, af, n)
		// Cleaning must pay for itself: better F1, and recall kept.
		if af <= bf || br-ar > 0.05 {
			t.Errorf("%s: cleaning does not help: F1 %.3f → %.3f, recall %.3f → %.3f", name, bf, af, br, ar)
		}
	}
}

// pageText reads a gzipped page of the trafilatura set and flattens it.
func pageText(dir, file string) (string, error) {
	for _, sub := range []string{"eval", "cache"} {
		p := filepath.Join(dir, "html", "tests", sub, file+".gz")
		if _, err := os.Stat(p); err == nil {
			return gzPageText(p)
		}
	}
	return "", os.ErrNotExist
}

// gzPageText reads a gzipped HTML page and flattens it to text.
func gzPageText(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", err
	}
	doc, err := html.Parse(io.LimitReader(zr, 20<<20))
	if err != nil {
		return "", err
	}
	var b strings.Builder
	flatten(doc, &b)
	return b.String(), nil
}

// flatten writes the visible text of n, one line per block element and a
// blank line after paragraphs and headings, as a copy from a browser would.
func flatten(n *html.Node, b *strings.Builder) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(strings.Join(strings.Fields(n.Data), " "))
		if strings.TrimRight(n.Data, " \t\n") != n.Data {
			b.WriteByte(' ')
		}
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Svg, atom.Head, atom.Iframe:
			return
		}
	}
	block := false
	para := false
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Blockquote, atom.Table, atom.Figure, atom.Section, atom.Article:
			block, para = true, true
		case atom.Div, atom.Li, atom.Ul, atom.Ol, atom.Tr, atom.Td, atom.Th, atom.Header, atom.Footer, atom.Nav, atom.Aside,
			atom.Figcaption, atom.Pre, atom.Form, atom.Dd, atom.Dt, atom.Dl, atom.Br, atom.Main, atom.Title, atom.Option, atom.Button:
			block = true
		}
	}
	if block {
		b.WriteByte('\n')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		flatten(c, b)
	}
	if para {
		b.WriteString("\n\n")
	} else if block {
		b.WriteByte('\n')
	}
}

// TestExtractionBenchmarkEval scores the news pages of the article
// extraction benchmark, flattened to text, against their article bodies
// with the benchmark's shingle F1, before and after cleaning. Text pasted
// from a news page is what this package is for; an HTML extractor sees the
// page's structure and should do better.
func TestExtractionBenchmarkEval(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation skipped in -short mode")
	}
	dir := shareddata.Require(t, "eval", "article-extraction-benchmark")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold map[string]struct {
		Body string `json:"articleBody"`
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatalf("ground-truth.json: %v", err)
	}
	var before, after [2][]extraction.Counts
	for id, g := range gold {
		text, err := gzPageText(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			t.Logf("skip %s: %v", id, err)
			continue
		}
		split := 1
		if devSplit(id) {
			split = 0
		}
		before[split] = append(before[split], extraction.ScorePage(g.Body, text))
		after[split] = append(after[split], extraction.ScorePage(g.Body, Clean(text, Options{}).Text))
	}
	for i, name := range []string{"dev", "held-out"} {
		bp, br, bf := extraction.Macro(before[i])
		ap, ar, af := extraction.Macro(after[i])
		t.Logf("%s (%d pages): page text P %.3f R %.3f F1 %.3f; cleaned P %.3f R %.3f F1 %.3f", name, len(before[i]), bp, br, bf, ap, ar, af)
		if af <= bf || br-ar > 0.05 {
			t.Errorf("%s: cleaning does not help: F1 %.3f → %.3f, recall %.3f → %.3f", name, bf, af, br, ar)
		}
	}
}
