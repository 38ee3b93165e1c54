package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"

	"storyline/internal/golden"
)

// goldenItem is an Item as the golden file shows it.
type goldenItem struct {
	Input     string `json:"input"`
	Err       string `json:"err,omitempty"`
	Skip      string `json:"skip,omitempty"`
	Clean     bool   `json:"clean,omitempty"`
	Format    string `json:"format,omitempty"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Site      string `json:"site,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Byline    string `json:"byline,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Language  string `json:"language,omitempty"`
	Text      string `json:"text,omitempty"`
}

// TestGolden reads a small corpus with a bit of everything and compares
// all items with testdata/golden/mixed.jsonl; run with -update after a
// deliberate change and review the diff.
func TestGolden(t *testing.T) {
	fsys := fstest.MapFS{
		"news/manifest.json": {Data: []byte(`[
 {"path": "quay.txt", "url": "https://port-herald.example/quay", "outlet": "Port Herald", "title": "Quay repairs begin", "published": "2024-06-10"},
 {"path": "lost.txt", "title": "Listed only"}
]`)},
		"news/quay.txt":           {Data: []byte("Repairs to the old quay began on Monday.\r\nThe work will take a month.  \r\n")},
		"news/quay.txt.meta.json": {Data: []byte(`{"byline": "Ines Vale"}`)},
		"news/todo.md":            {Data: []byte("Check the quay figures.")},
		"feeds/coast.rss":         {Data: []byte(rssFeed)},
		"lines/batch.jsonl":       {Data: []byte("{\"text\": \"Snow fell on the pass.\", \"site\": \"pass.example\", \"published\": \"2024-12-01T06:00:00Z\"}\n{\"text\": \"\"}\n")},
		"loose/plain.txt":         {Data: []byte("A loose report with no metadata.")},
		"loose/bad.txt":           {Data: []byte("Caf\xe9 society")},
		"loose/image.gif":         {Data: []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00")},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := ReadFS(context.Background(), fsys, ".", Options{}, func(it Item) error {
		checkItem(t, it)
		g := goldenItem{Input: it.Input, Skip: it.Skip, Clean: it.Clean}
		if it.Err != nil {
			g.Err = it.Err.Error()
		}
		if a := it.Article; a != nil {
			g.Format, g.Source, g.URL, g.Site, g.Outlet, g.Byline, g.Title, g.Language, g.Text =
				a.Format, a.Source, a.URL, a.Site, a.Outlet, a.Byline, a.Title, a.Language, a.Text
			if !a.Published.IsZero() {
				g.Published = a.Published.UTC().Format(time.RFC3339)
			}
		}
		return enc.Encode(g)
	})
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "golden", "mixed.jsonl"), buf.Bytes())
}
