package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"storyline/internal/news"
)

func inputs(items []Item, prefix string) []string {
	var out []string
	for _, it := range items {
		out = append(out, filepath.ToSlash(strings.TrimPrefix(strings.TrimPrefix(it.Input, prefix), string(filepath.Separator))))
	}
	return out
}

func TestWalkOrder(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"c.txt":             "Third by name.",
		"a.txt":             "First by name.",
		"b/z.txt":           "Inside b, last.",
		"b/m.txt":           "Inside b, first.",
		"B.txt":             "Capitals sort first.",
		".git/config":       "[core]",
		".hidden/x.txt":     "Never read.",
		".notes.txt":        "Never read.",
		"page.php":          "<!DOCTYPE html><html><body><article><p>A page with an odd name, long enough to count as an article body for the extractor to keep.</p></article></body></html>",
		"photo.png":         "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"feeds/one.rss":     rssFeed,
		"data/lines.ndjson": `{"text": "A line."}` + "\n" + `{"text": "Another line."}`,
	})
	read := func() []Item {
		return collect(t, func(emit func(Item) error) error {
			return Read(context.Background(), []string{dir}, Options{}, emit)
		})
	}
	items := read()
	want := []string{"B.txt", "a.txt", "b/m.txt", "b/z.txt", "c.txt", "data/lines.ndjson:1", "data/lines.ndjson:2",
		"feeds/one.rss#1", "feeds/one.rss#2", "feeds/one.rss#3", "page.php", "photo.png"}
	if got := inputs(items, dir); !reflect.DeepEqual(got, want) {
		t.Errorf("order\n got %q\nwant %q", got, want)
	}
	if again := read(); !reflect.DeepEqual(inputs(again, dir), inputs(items, dir)) {
		t.Errorf("a second read gave another order")
	}
	for _, it := range items {
		switch filepath.Base(it.Input) {
		case "page.php":
			if it.Article == nil || it.Article.Format != "html" {
				t.Errorf("page.php: %+v, want an html article by its content", it)
			}
		case "photo.png":
			if it.Skip != "unsupported file type" {
				t.Errorf("photo.png: %+v, want skipped as unsupported", it)
			}
		}
	}
}

// A file of an unsupported type is skipped even when it is over the limit:
// the type is told from its head before its size counts.
func TestLargeUnsupported(t *testing.T) {
	it := readOne(t, "film.bin", append([]byte("\x00\x01binary"), make([]byte, 3000)...), Options{MaxBytes: 1000})
	if it.Skip != "unsupported file type" {
		t.Errorf("got %+v, want skipped", it)
	}
	it = readOne(t, "huge.txt", make([]byte, 3000), Options{MaxBytes: 1000})
	if !errors.Is(it.Err, news.ErrTooLarge) {
		t.Errorf("got %+v, want too large", it)
	}
}

func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"docs/a.txt": "A report on the tides."})
	for _, l := range []struct{ target, link string }{
		{dir, "docs/loop"}, // back to an ancestor
		{filepath.Join(dir, "docs/a.txt"), "docs/b.txt"},  // a file: followed
		{filepath.Join(dir, "nowhere.txt"), "docs/c.txt"}, // broken
	} {
		if err := os.Symlink(l.target, filepath.Join(dir, l.link)); err != nil {
			t.Skipf("skipping: cannot make symbolic links here: %v", err)
		}
	}
	items := collect(t, func(emit func(Item) error) error {
		return Read(context.Background(), []string{dir}, Options{}, emit)
	})
	got := map[string]Item{}
	for _, it := range items {
		got[filepath.ToSlash(strings.TrimPrefix(it.Input, dir+string(filepath.Separator)))] = it
	}
	if len(items) != 4 {
		t.Fatalf("got %d items, want 4: %v", len(items), inputs(items, dir))
	}
	if it := got["docs/loop"]; !errors.Is(it.Err, news.ErrInvalid) || !strings.Contains(it.Err.Error(), "loop") {
		t.Errorf("loop: %+v, want a loop error", it)
	}
	if it := got["docs/b.txt"]; it.Article == nil || it.Article.Text != "A report on the tides." {
		t.Errorf("file link: %+v, want the article", it)
	}
	if it := got["docs/c.txt"]; !errors.Is(it.Err, news.ErrNotFound) || !strings.Contains(it.Err.Error(), "broken") {
		t.Errorf("broken link: %+v, want a not-found error", it)
	}
}

func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"corpus/manifest.json":  {Data: []byte(`[{"path": "one.txt", "site": "moor.example", "published": "2022-07-14"}]`)},
		"corpus/one.txt":        {Data: []byte("Heather burned on the moor.")},
		"corpus/README.md":      {Data: []byte("About this corpus.")},
		"corpus/two/page.html":  {Data: []byte("<html><head><title>Rescue</title></head><body><article><p>Climbers were brought down from the ridge by a team of volunteers in the early hours.</p><p>All were reported well.</p></article></body></html>")},
		"corpus/two/.cache":     {Data: []byte("junk")},
		"corpus/three/x.jsonl":  {Data: []byte(`{"text": "From a line.", "outlet": "Fell Times"}`)},
		"elsewhere/ignored.txt": {Data: []byte("Outside the root.")},
	}
	items := collect(t, func(emit func(Item) error) error {
		return ReadFS(context.Background(), fsys, "corpus", Options{}, emit)
	})
	want := []string{"corpus/README.md", "corpus/one.txt", "corpus/three/x.jsonl", "corpus/two/page.html"}
	if got := inputs(items, ""); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	if items[0].Skip == "" {
		t.Errorf("README: %+v, want skipped", items[0])
	}
	if a := items[1].Article; a == nil || a.Site != "moor.example" || a.Published.Year() != 2022 || a.Source != "corpus/one.txt" {
		t.Errorf("one.txt: %+v", a)
	}
	// Subfolders belong to the manifest too: they are skipped unless listed.
	if items[2].Skip == "" || items[3].Skip == "" {
		t.Errorf("unlisted subfolder files were not skipped: %+v %+v", items[2], items[3])
	}

	t.Run("whole fs without manifest", func(t *testing.T) {
		sub := fstest.MapFS{"two/page.html": fsys["corpus/two/page.html"], "three/x.jsonl": fsys["corpus/three/x.jsonl"]}
		items := collect(t, func(emit func(Item) error) error { return ReadFS(context.Background(), sub, ".", Options{}, emit) })
		if len(items) != 2 || items[0].Article == nil || items[0].Article.Outlet != "Fell Times" || items[1].Article == nil || items[1].Article.Title != "Rescue" {
			t.Errorf("got %+v", items)
		}
	})
	t.Run("bad roots", func(t *testing.T) {
		for _, root := range []string{"/abs", "../up", "missing", "corpus//two"} {
			items := collect(t, func(emit func(Item) error) error { return ReadFS(context.Background(), fsys, root, Options{}, emit) })
			if len(items) != 1 || items[0].Err == nil {
				t.Errorf("root %q: got %+v, want one error", root, items)
			}
		}
	})
	t.Run("root with a trailing slash", func(t *testing.T) {
		items := collect(t, func(emit func(Item) error) error {
			return ReadFS(context.Background(), fsys, "corpus/two/", Options{}, emit)
		})
		if len(items) != 1 || items[0].Article == nil || items[0].Input != "corpus/two/page.html" {
			t.Errorf("got %+v", items)
		}
	})
	t.Run("root is a file", func(t *testing.T) {
		items := collect(t, func(emit func(Item) error) error {
			return ReadFS(context.Background(), fsys, "corpus/one.txt", Options{}, emit)
		})
		if len(items) != 1 || items[0].Article == nil || items[0].Article.Site != "moor.example" {
			t.Errorf("got %+v, want the article with its manifest metadata", items)
		}
	})
}

func TestStdin(t *testing.T) {
	tests := []struct {
		name, in string
		format   string
		n        int
		fail     bool
	}{
		{"text", "Rain again today.\r\n", "text", 1, false},
		{"html", "<!doctype html><html><body><article><p>The ferry ran late because of fog in the bay this morning.</p><p>Passengers waited an hour.</p></article></body></html>", "html", 1, false},
		{"json lines", "{\"text\": \"one\"}\n{\"text\": \"two\"}\n", "jsonl", 2, false},
		{"feed", rssFeed, "feed", 3, false},
		{"empty", "", "", 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items := collect(t, func(emit func(Item) error) error {
				return Read(context.Background(), []string{"-"}, Options{Stdin: strings.NewReader(tc.in)}, emit)
			})
			if len(items) != tc.n {
				t.Fatalf("got %d items, want %d: %+v", len(items), tc.n, items)
			}
			it := items[0]
			if tc.fail {
				if it.Err == nil || it.Input != "-" {
					t.Errorf("got %+v, want an error for -", it)
				}
				return
			}
			if it.Article == nil || it.Article.Format != tc.format || !strings.HasPrefix(it.Input, "-") {
				t.Fatalf("got %+v, want a %s article", it, tc.format)
			}
			if tc.format == "text" && (it.Article.Source != "stdin" || it.Article.Text != "Rain again today.") {
				t.Errorf("got %+v", *it.Article)
			}
		})
	}
}

func TestStopEarly(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "One.", "b.txt": "Two.", "c.txt": "Three."})
	t.Run("emit error", func(t *testing.T) {
		stop := errors.New("enough")
		n := 0
		err := Read(context.Background(), []string{dir}, Options{}, func(Item) error {
			n++
			return stop
		})
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("err %v after %d items, want the emit error after 1", err, n)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		err := Read(ctx, []string{dir}, Options{}, func(Item) error {
			n++
			cancel()
			return nil
		})
		if !errors.Is(err, context.Canceled) || n != 1 {
			t.Errorf("err %v after %d items, want cancelled after 1", err, n)
		}
	})
}
