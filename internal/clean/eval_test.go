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
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"storyline/internal/shareddata"
)

// The trafilatura evaluation set lists, per web page, snippets of the main
// text ("with") and of its furniture ("without"). Flattening each page to
// plain text, every block on its own line, gives the kind of text this
// package cleans: text copied from a page. Scored as the set defines it
// (a "with" snippet found is a true positive, missing a false negative; a
// "without" snippet found a false positive), it shows what Clean takes out
// and what it wrongly takes with it.

type evalPage struct {
	File    string   `json:"file"`
	With    []string `json:"with"`
	Without []string `json:"without"`
}

type counts struct{ tp, fn, fp int }

func (c counts) prf() (p, r, f float64) {
	if c.tp+c.fp > 0 {
		p = float64(c.tp) / float64(c.tp+c.fp)
	}
	if c.tp+c.fn > 0 {
		r = float64(c.tp) / float64(c.tp+c.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func (c *counts) score(text string, pg evalPage) {
	t := fold(text)
	for _, s := range pg.With {
		if strings.Contains(t, fold(s)) {
			c.tp++
		} else {
			c.fn++
		}
	}
	for _, s := range pg.Without {
		if strings.Contains(t, fold(s)) {
			c.fp++
		}
	}
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
	var before, after [2]counts // [0] dev, [1] held out
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
		before[split].score(text, pg)
		// The headline moves to the title: it is not lost.
		r := Clean(text, Options{})
		after[split].score(r.Title+"\n"+r.Text, pg)
	}
	for i, name := range []string{"dev", "held-out"} {
		bp, br, bf := before[i].prf()
		ap, ar, af := after[i].prf()
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
	var before, after [2][]shingleCounts
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
		before[split] = append(before[split], scoreShingles(g.Body, text))
		after[split] = append(after[split], scoreShingles(g.Body, Clean(text, Options{}).Text))
	}
	for i, name := range []string{"dev", "held-out"} {
		bp, br, bf := macroShingles(before[i])
		ap, ar, af := macroShingles(after[i])
		t.Logf("%s (%d pages): page text P %.3f R %.3f F1 %.3f; cleaned P %.3f R %.3f F1 %.3f", name, len(before[i]), bp, br, bf, ap, ar, af)
		if af <= bf || br-ar > 0.05 {
			t.Errorf("%s: cleaning does not help: F1 %.3f → %.3f, recall %.3f → %.3f", name, bf, af, br, ar)
		}
	}
}

// shingleCounts are one page's matches of word 4-grams, as fractions of
// their sum so that every page weighs the same (the benchmark's metric,
// defined in ../shared/eval/README.md).
type shingleCounts struct{ tp, fp, fn float64 }

func shingles(s string) map[string]int {
	toks := strings.FieldsFunc(s, func(r rune) bool { return r != '_' && !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	out := map[string]int{}
	if len(toks) > 0 && len(toks) < 4 {
		out[strings.Join(toks, " ")]++
	}
	for i := 0; i+4 <= len(toks); i++ {
		out[strings.Join(toks[i:i+4], " ")]++
	}
	return out
}

func scoreShingles(gold, pred string) shingleCounts {
	g, p := shingles(gold), shingles(pred)
	var c shingleCounts
	for k, n := range g {
		c.tp += float64(min(n, p[k]))
		c.fn += float64(max(0, n-p[k]))
	}
	for k, n := range p {
		c.fp += float64(max(0, n-g[k]))
	}
	if sum := c.tp + c.fp + c.fn; sum > 0 {
		c.tp, c.fp, c.fn = c.tp/sum, c.fp/sum, c.fn/sum
	}
	return c
}

// macroShingles averages precision over pages that predicted something and
// recall over pages whose gold has something; a page with neither false
// positives nor false negatives scores 1 on both.
func macroShingles(pages []shingleCounts) (p, r, f float64) {
	var np, nr int
	for _, c := range pages {
		if c.tp+c.fp > 0 {
			if c.fp == 0 && c.fn == 0 {
				p++
			} else {
				p += c.tp / (c.tp + c.fp)
			}
			np++
		}
		if c.tp+c.fn > 0 {
			if c.fp == 0 && c.fn == 0 {
				r++
			} else {
				r += c.tp / (c.tp + c.fn)
			}
			nr++
		}
	}
	if np > 0 {
		p /= float64(np)
	}
	if nr > 0 {
		r /= float64(nr)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
