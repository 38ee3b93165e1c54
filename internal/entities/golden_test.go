package entities

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	textpkg "storyline/internal/text"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// TestGolden pins the mentions found in an invented article, so that a new
// model or rule shows its effect as a diff (go test -run Golden -update).
func TestGolden(t *testing.T) {
	text := benchArticle()
	sents, err := textpkg.Sentences(text)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := model(t).Mentions(text, sents)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Text  string `json:"text"`
		Kind  string `json:"kind"`
		Name  string `json:"name"`
		Title string `json:"title,omitempty"`
		Start int    `json:"start"`
	}
	var rows []row
	for _, m := range ms {
		rows = append(rows, row{m.In(text), string(m.Kind), m.Name, m.Title, m.Start})
	}
	got, err := json.MarshalIndent(rows, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "article.golden.json")
	if *update {
		if err := os.WriteFile(path, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != string(got)+"\n" {
		t.Errorf("mentions differ from %s; run with -update if the change is intended:\n%s", path, got)
	}
}
