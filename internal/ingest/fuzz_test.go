package ingest

import (
	"bytes"
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// fuzzMax keeps fuzzed inputs small enough that every limit is reached.
const fuzzMax = 4096

// readFuzz reads fsys and checks every item against the contract and every
// article's text against the normal form.
func readFuzz(t *testing.T, fsys fstest.MapFS) []Item {
	t.Helper()
	var items []Item
	err := ReadFS(context.Background(), fsys, ".", Options{MaxBytes: fuzzMax}, func(it Item) error {
		checkItem(t, it)
		if a := it.Article; a != nil {
			checkText(t, it.Input, a.Text)
		}
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("ReadFS returned %v", err)
	}
	return items
}

func checkText(t *testing.T, input, text string) {
	t.Helper()
	switch {
	case text == "":
		t.Errorf("%s: empty article text", input)
	case !utf8.ValidString(text):
		t.Errorf("%s: article text is not valid UTF-8", input)
	case strings.Contains(text, "\r"):
		t.Errorf("%s: carriage return in text", input)
	case strings.TrimSpace(text) != strings.TrimLeft(text, " \t"):
		t.Errorf("%s: text ends in blanks", input)
	}
	for line := range strings.Lines(text) {
		if l := strings.TrimSuffix(line, "\n"); strings.TrimRight(l, " \t") != l {
			t.Errorf("%s: line with trailing blanks %q", input, l)
			return
		}
	}
}

// Whatever the manifest holds, the folder's files are all accounted for:
// each is an article, an error or a skip, never silently dropped.
func FuzzManifest(f *testing.F) {
	f.Fuzz(func(t *testing.T, manifest []byte) {
		items := readFuzz(t, fstest.MapFS{
			"manifest.json": {Data: manifest},
			"a.txt":         {Data: []byte("The kiln cooled overnight.")},
			"b.md":          {Data: []byte("Notes on the kiln.")},
		})
		for _, name := range []string{"a.txt", "b.md"} {
			found := false
			for _, it := range items {
				found = found || it.Input == name
			}
			if !found {
				t.Errorf("%s not accounted for", name)
			}
		}
		entries, problems, err := parseManifest(manifest)
		if err != nil && (entries != nil || problems != nil) {
			t.Errorf("a failed parse returned entries or problems")
		}
		seen := map[string]bool{}
		for _, e := range entries {
			if seen[e.path] || !fs.ValidPath(e.path) || e.path == "." {
				t.Errorf("bad or repeated entry path %q", e.path)
			}
			seen[e.path] = true
		}
	})
}

func FuzzJSONLines(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		items := readFuzz(t, fstest.MapFS{"x.jsonl": {Data: data}})
		lines := strings.Count(string(data), "\n") + 1
		last := 0
		for _, it := range items {
			n := 0
			num, ok := strings.CutPrefix(it.Input, "x.jsonl:")
			if !ok {
				t.Fatalf("input %q does not name a line", it.Input)
			}
			for _, c := range num {
				n = n*10 + int(c-'0')
			}
			if n < last || n < 1 || n > lines {
				t.Errorf("line %d after %d of %d lines", n, last, lines)
			}
			last = n
			if it.Article != nil && it.Article.Format != "jsonl" {
				t.Errorf("%s: format %q", it.Input, it.Article.Format)
			}
		}
	})
}

func FuzzFeed(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		items := readFuzz(t, fstest.MapFS{"f.rss": {Data: data}})
		for _, it := range items {
			if it.Article != nil && (it.Article.Format != "feed" || !it.Clean || !strings.HasPrefix(it.Input, "f.rss#")) {
				t.Errorf("%s: %+v", it.Input, it)
			}
			if it.Err != nil && !strings.HasPrefix(it.Input, "f.rss") {
				t.Errorf("error for %q", it.Input)
			}
		}
	})
}

func FuzzFragmentText(f *testing.F) {
	f.Fuzz(func(t *testing.T, fragment string) {
		out := fragmentText(fragment)
		if utf8.ValidString(fragment) && !utf8.ValidString(out) {
			t.Errorf("valid input gave invalid UTF-8")
		}
		if strings.Contains(out, "\n\n\n") {
			t.Errorf("more than one blank line in a row: %q", out)
		}
		if out != "" {
			// Invalid input bytes pass through, so check the rest of the
			// form on a repaired copy.
			checkText(t, "fragment", strings.ToValidUTF8(out, "?"))
		}
		if !strings.ContainsAny(fragment, "<&") && utf8.ValidString(fragment) {
			// Text without markup keeps its words.
			if got, want := strings.Fields(out), strings.Fields(fragment); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("plain text changed: %q → %q", fragment, out)
			}
		}
	})
}

// Standard input is told apart by its content alone, so any bytes reach
// any reader: every item must still keep the contract.
func FuzzStdin(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Read(context.Background(), []string{"-"}, Options{MaxBytes: fuzzMax, Stdin: bytes.NewReader(data)}, func(it Item) error {
			checkItem(t, it)
			if !strings.HasPrefix(it.Input, "-") {
				t.Errorf("input %q for standard input", it.Input)
			}
			if a := it.Article; a != nil {
				checkText(t, it.Input, a.Text)
				if a.URL == "" && !strings.HasPrefix(a.Source, "stdin") {
					t.Errorf("source %q without a URL, want stdin", a.Source)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("Read returned %v", err)
		}
	})
}
