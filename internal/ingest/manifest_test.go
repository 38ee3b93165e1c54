package ingest

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
)

// readTree writes files into a temporary folder, reads the folder and
// returns the items keyed by their input relative to it.
func readTree(t *testing.T, files map[string]string) (map[string][]Item, []Item) {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	items := collect(t, func(emit func(Item) error) error {
		return Read(context.Background(), []string{dir}, Options{}, emit)
	})
	byName := map[string][]Item{}
	for _, it := range items {
		rel := strings.TrimPrefix(filepath.ToSlash(strings.TrimPrefix(it.Input, dir)), "/")
		byName[rel] = append(byName[rel], it)
	}
	return byName, items
}

func one(t *testing.T, byName map[string][]Item, name string) Item {
	t.Helper()
	its := byName[name]
	if len(its) != 1 {
		t.Fatalf("%s: got %d items, want 1 (all: %v)", name, len(its), keys(byName))
	}
	return its[0]
}

func keys(m map[string][]Item) []string {
	var ks []string
	for k, v := range m {
		for _, it := range v {
			state := "article"
			if it.Err != nil {
				state = "err: " + it.Err.Error()
			} else if it.Skip != "" {
				state = "skip: " + it.Skip
			}
			ks = append(ks, k+" ("+state+")")
		}
	}
	return ks
}

func TestManifest(t *testing.T) {
	byName, _ := readTree(t, map[string]string{
		"manifest.json": `[
 {"path": "a.txt", "url": "https://www.harbour-news.example/ferries", "site": null, "outlet": "Harbour News",
  "byline": "Ola Nordmann", "title": "Ferries halted", "published": "2024-03-05", "language": "en"},
 {"path": "b.txt", "outlet": "Valley Post", "title": "Old title", "published": "2024-03-06T09:30:00+02:00"},
 {"path": "./sub/c.txt", "title": "Nested"},
 {"path": "gone.txt", "title": "Never written"},
 {"path": ".hidden.txt"},
 {"path": "story.report", "title": "Odd extension"}
]`,
		"a.txt":            "The ferries stopped running on Tuesday.",
		"b.txt":            "Snow closed the valley road.",
		"b.txt.meta.json":  `{"title": "New title", "published": null, "byline": "A. Writer"}`,
		"notes.md":         "Things to check later.",
		"sub/c.txt":        "A nested report about the mill.",
		"sub/d.txt":        "Not listed anywhere.",
		".hidden.txt":      "Listed although hidden.",
		".draft.txt":       "Not listed and hidden.",
		"story.report":     "A report in a file with an odd name.",
		"orphan.meta.json": `{"title": "Nobody"}`,
	})

	t.Run("metadata from the manifest", func(t *testing.T) {
		a := one(t, byName, "a.txt").Article
		if a == nil {
			t.Fatal("no article")
		}
		want := news.Article{URL: "https://www.harbour-news.example/ferries", Source: "https://www.harbour-news.example/ferries",
			Site: "harbour-news.example", Outlet: "Harbour News", Byline: "Ola Nordmann", Title: "Ferries halted", Language: "en"}
		if a.URL != want.URL || a.Source != want.Source || a.Site != want.Site || a.Outlet != want.Outlet ||
			a.Byline != want.Byline || a.Title != want.Title || a.Language != want.Language {
			t.Errorf("got %+v, want %+v", *a, want)
		}
		if !a.Published.Equal(time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("published %v, want 2024-03-05", a.Published)
		}
	})
	t.Run("sidecar overrides per field", func(t *testing.T) {
		a := one(t, byName, "b.txt").Article
		if a == nil {
			t.Fatal("no article")
		}
		if a.Title != "New title" || a.Byline != "A. Writer" || a.Outlet != "Valley Post" {
			t.Errorf("title %q byline %q outlet %q, want the sidecar's title and byline, the manifest's outlet", a.Title, a.Byline, a.Outlet)
		}
		want := time.Date(2024, 3, 6, 7, 30, 0, 0, time.UTC)
		if !a.Published.Equal(want) {
			t.Errorf("published %v, want the manifest's %v (a null in the sidecar states nothing)", a.Published, want)
		}
		if a.URL != "" || a.Site != "" || !strings.HasSuffix(a.Source, "b.txt") {
			t.Errorf("url %q site %q source %q, want no URL, no site, the path as source", a.URL, a.Site, a.Source)
		}
	})
	t.Run("subfolder belongs to the manifest", func(t *testing.T) {
		if a := one(t, byName, "sub/c.txt").Article; a == nil || a.Title != "Nested" {
			t.Errorf("sub/c.txt: %+v, want the listed title", a)
		}
		if it := one(t, byName, "sub/d.txt"); !strings.Contains(it.Skip, "not listed") {
			t.Errorf("sub/d.txt: %+v, want skipped as not listed", it)
		}
	})
	t.Run("unlisted files are skipped, not failed", func(t *testing.T) {
		if it := one(t, byName, "notes.md"); !strings.Contains(it.Skip, "not listed in") {
			t.Errorf("notes.md: %+v, want a skip", it)
		}
	})
	t.Run("listed but missing", func(t *testing.T) {
		it := one(t, byName, "gone.txt")
		if !errors.Is(it.Err, news.ErrNotFound) || !strings.Contains(it.Err.Error(), "manifest.json") {
			t.Errorf("gone.txt: %+v, want not found naming the manifest", it)
		}
	})
	t.Run("listed hidden file is read, unlisted one ignored", func(t *testing.T) {
		if it := one(t, byName, ".hidden.txt"); it.Article == nil {
			t.Errorf(".hidden.txt: %+v, want an article", it)
		}
		if len(byName[".draft.txt"]) != 0 {
			t.Errorf(".draft.txt: %+v, want nothing", byName[".draft.txt"])
		}
	})
	t.Run("listed file of unknown type is read as text", func(t *testing.T) {
		if it := one(t, byName, "story.report"); it.Article == nil || it.Article.Format != "text" {
			t.Errorf("story.report: %+v, want a text article", it)
		}
	})
	t.Run("sidecars", func(t *testing.T) {
		if len(byName["b.txt.meta.json"]) != 0 {
			t.Errorf("a used sidecar was reported: %+v", byName["b.txt.meta.json"])
		}
		if it := one(t, byName, "orphan.meta.json"); !strings.Contains(it.Skip, "sidecar") {
			t.Errorf("orphan sidecar: %+v, want a skip", it)
		}
		if len(byName["manifest.json"]) != 0 {
			t.Errorf("a good manifest was reported: %+v", byName["manifest.json"])
		}
	})
}

func TestManifestProblems(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		says     []string // each an error item naming the manifest
		plain    bool     // the folder is read without metadata
	}{
		{"not JSON", `[{"path": "a.txt",`, []string{"malformed manifest"}, true},
		{"an object, not a list", `{"path": "a.txt"}`, []string{"want a JSON list"}, true},
		{"binary", "[\x00\x00]", []string{"binary"}, true},
		{"bad date keeps the article", `[{"path": "a.txt", "title": "Kept", "published": "last Tuesday"}]`,
			[]string{`entry 1 (a.txt): field "published": unrecognised date`}, false},
		{"number where a string belongs", `[{"path": "a.txt", "title": 7}]`, []string{`field "title": want a string or null, got a number`}, false},
		{"entry without a path", `[{"title": "Lost"}, {"path": "a.txt"}]`, []string{`entry 1: no "path"`}, false},
		{"entry that is not an object", `["a.txt", {"path": "a.txt"}]`, []string{"entry 1: want a JSON object, got a string"}, false},
		{"path outside the folder", `[{"path": "../a.txt"}, {"path": "a.txt"}]`, []string{"must name a file inside the folder"}, false},
		{"path listed twice", `[{"path": "a.txt"}, {"path": "a.txt", "title": "Second"}]`, []string{"entry 2: a.txt is listed again"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			byName, _ := readTree(t, map[string]string{
				"manifest.json": tc.manifest,
				"a.txt":         "The library opened a new wing.",
				"b.txt":         "The orchard lost its pears to frost.",
			})
			errs := byName["manifest.json"]
			if len(errs) != len(tc.says) {
				t.Fatalf("got %d manifest items, want %d: %v", len(errs), len(tc.says), keys(byName))
			}
			for i, it := range errs {
				if it.Err == nil || !errors.Is(it.Err, news.ErrInvalid) || !strings.Contains(it.Err.Error(), tc.says[i]) {
					t.Errorf("manifest item %+v, want an invalid-input error saying %q", it, tc.says[i])
				}
			}
			a := one(t, byName, "a.txt")
			if a.Article == nil {
				t.Fatalf("a.txt: %+v, want an article", a)
			}
			b := one(t, byName, "b.txt")
			if tc.plain {
				if b.Article == nil {
					t.Errorf("b.txt: %+v, want read as a plain file", b)
				}
				if a.Article.Title != "" {
					t.Errorf("a.txt title %q from a manifest that could not be read", a.Article.Title)
				}
			} else {
				if b.Skip == "" {
					t.Errorf("b.txt: %+v, want skipped as unlisted", b)
				}
				if a.Article.Title == "Second" {
					t.Errorf("a duplicate entry replaced the first")
				}
			}
		})
	}
}

func TestSidecarProblems(t *testing.T) {
	byName, _ := readTree(t, map[string]string{
		"a.txt":       "The mill burned down overnight.",
		"a.meta.json": `{"title": "Fire at the mill", "published": "soon"}`,
		"b.txt":       "The school choir won a prize.",
		"b.meta.json": `["not", "an", "object"]`,
	})
	if it := one(t, byName, "a.meta.json"); it.Err == nil || !strings.Contains(it.Err.Error(), "unrecognised date") {
		t.Errorf("a.meta.json: %+v, want the bad date reported", it)
	}
	if a := one(t, byName, "a.txt").Article; a == nil || a.Title != "Fire at the mill" || !a.Published.IsZero() {
		t.Errorf("a.txt: %+v, want the good title kept and no date", a)
	}
	if it := one(t, byName, "b.meta.json"); it.Err == nil || !strings.Contains(it.Err.Error(), "malformed sidecar") {
		t.Errorf("b.meta.json: %+v, want a malformed sidecar", it)
	}
	if a := one(t, byName, "b.txt").Article; a == nil {
		t.Errorf("b.txt lost to its bad sidecar")
	}
}

// A file named directly still takes its metadata from its folder's
// manifest, and is read even when the manifest does not list it.
func TestFileNamedDirectly(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"manifest.json": `[{"path": "a.txt", "outlet": "Hill Gazette", "published": "2023-12-01T18:00:00Z"}]`,
		"a.txt":         "Lanterns lit the square.",
		"b.txt":         "A stray report.",
	})
	items := collect(t, func(emit func(Item) error) error {
		return Read(context.Background(), []string{filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt"), filepath.Join(dir, "manifest.json")}, Options{}, emit)
	})
	if len(items) != 3 {
		t.Fatalf("got %d items, want 3: %+v", len(items), items)
	}
	if a := items[0].Article; a == nil || a.Outlet != "Hill Gazette" || a.Published.Year() != 2023 {
		t.Errorf("a.txt: %+v, want the manifest's outlet and date", a)
	}
	if items[1].Article == nil {
		t.Errorf("b.txt: %+v, want read although unlisted", items[1])
	}
	if items[2].Skip == "" {
		t.Errorf("manifest.json: %+v, want skipped as not an article", items[2])
	}
}

// A subfolder's own manifest takes over from the enclosing one; a broken
// one leaves every file of the subfolder read, none twice.
func TestNestedManifests(t *testing.T) {
	byName, items := readTree(t, map[string]string{
		"manifest.json":      `[{"path": "good/c.txt", "title": "From above"}, {"path": "bad/a.txt", "title": "Listed above"}]`,
		"good/manifest.json": `[{"path": "c.txt", "outlet": "From beside"}]`,
		"good/c.txt":         "The well ran dry.",
		"bad/manifest.json":  `[{"path": "a.txt",`,
		"bad/a.txt":          "The roof was mended.",
		"bad/b.txt":          "The gate was painted.",
	})
	if len(items) != 4 {
		t.Errorf("got %d items, want 4: %v", len(items), keys(byName))
	}
	if a := one(t, byName, "good/c.txt").Article; a == nil || a.Outlet != "From beside" || a.Title != "" {
		t.Errorf("good/c.txt: %+v, want the nearer manifest's metadata only", a)
	}
	if it := one(t, byName, "bad/manifest.json"); it.Err == nil {
		t.Errorf("bad manifest: %+v, want an error", it)
	}
	if a := one(t, byName, "bad/a.txt").Article; a == nil || a.Title != "Listed above" {
		t.Errorf("bad/a.txt: %+v, want read with the enclosing manifest's title", a)
	}
	if a := one(t, byName, "bad/b.txt").Article; a == nil {
		t.Errorf("bad/b.txt lost under a broken manifest")
	}
}
