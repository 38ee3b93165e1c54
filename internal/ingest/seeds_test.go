package ingest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/shareddata"
)

// The seeds folder holds four text reports listed in its manifest and two
// notes beside them: the reports come with the manifest's metadata, the
// notes are skipped, nothing fails.
func TestSeeds(t *testing.T) {
	dir := shareddata.Require(t, "seeds")
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The manifest is decoded here independently of the reader, so the
	// test compares the reader against the file, not against itself.
	var listed []struct {
		Path, Published     string
		Site, Title, Byline *string
	}
	if err := json.Unmarshal(raw, &listed); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for i, e := range listed {
		want[e.Path] = i
	}
	items := collect(t, func(emit func(Item) error) error {
		return Read(context.Background(), []string{dir}, Options{}, emit)
	})
	// The same folder through an fs.FS gives the same items, named within it.
	fsItems := collect(t, func(emit func(Item) error) error {
		return ReadFS(context.Background(), os.DirFS(dir), ".", Options{}, emit)
	})
	if len(fsItems) != len(items) {
		t.Fatalf("ReadFS gave %d items, Read %d", len(fsItems), len(items))
	}
	for i := range items {
		if filepath.Base(items[i].Input) != fsItems[i].Input || (items[i].Article == nil) != (fsItems[i].Article == nil) {
			t.Errorf("item %d: Read %s, ReadFS %s", i, items[i].Input, fsItems[i].Input)
		}
		if items[i].Article != nil && items[i].Article.Text != fsItems[i].Article.Text {
			t.Errorf("%s: texts differ between Read and ReadFS", fsItems[i].Input)
		}
	}
	var articles, skips int
	for _, it := range items {
		switch {
		case it.Err != nil:
			t.Errorf("unexpected error item: %v", it.Err)
		case it.Skip != "":
			skips++
			base := filepath.Base(it.Input)
			if base != "README.md" && base != "EXPECTED.md" {
				t.Errorf("skipped %s (%s), want only the notes skipped", it.Input, it.Skip)
			}
		default:
			articles++
			a := it.Article
			if a.Format != "text" || !it.Clean {
				t.Errorf("%s: format %q clean %v, want text and clean", it.Input, a.Format, it.Clean)
			}
			i, ok := want[filepath.Base(it.Input)]
			if !ok {
				t.Errorf("article %s is not in the manifest", it.Input)
				continue
			}
			e := listed[i]
			if got := a.Published.Format("2006-01-02"); got != e.Published {
				t.Errorf("%s: published %s, want %s", it.Input, got, e.Published)
			}
			for _, f := range []struct {
				name string
				got  string
				want *string
			}{{"site", a.Site, e.Site}, {"title", a.Title, e.Title}, {"byline", a.Byline, e.Byline}} {
				w := ""
				if f.want != nil {
					w = *f.want
				}
				if f.got != w {
					t.Errorf("%s: %s %q, want %q", it.Input, f.name, f.got, w)
				}
			}
			if a.Language != "en" {
				t.Errorf("%s: language %q, want the manifest's", it.Input, a.Language)
			}
			if a.Source != it.Input {
				t.Errorf("%s: source %q, want the path (no URL is listed)", it.Input, a.Source)
			}
			if strings.Contains(a.Text, "\r") || strings.TrimSpace(a.Text) != a.Text {
				t.Errorf("%s: text not normalised", it.Input)
			}
		}
	}
	if articles != 4 || skips != 2 {
		t.Errorf("got %d articles and %d skips, want 4 and 2", articles, skips)
	}
}
