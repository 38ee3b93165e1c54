package ingest

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"storyline/internal/news"
)

func TestJSONLines(t *testing.T) {
	long := `{"text": "` + strings.Repeat("x", 3000) + `"}`
	lines := []string{
		`{"text": "The dam held through the night.\r\nEngineers stayed on site.", "url": "https://river.example/dam", "outlet": "River Daily", "title": "Dam holds", "published": "2024-05-02"}`,
		``,
		`{"text": "Broken line", `,
		`["a list", "not an object"]`,
		`{"title": "No body"}`,
		`{"text": 42}`,
		long,
		`{"html": "<html><body><article><h1>Bells</h1><p>The bells rang for an hour at the old church on the hill.</p><p>Neighbours came out to listen in the cold.</p></article></body></html>", "url": "https://bells.example/ring"}`,
		`{"text": "Dated oddly.", "published": "next spring"}`,
		"{\"text\": \"Caf\xe9\"}",
		`{"text": "   "}`,
		`{"html": "<p>A short <b>fragment</b>.</p><p>Two paragraphs.</p>"}`,
		`{"html": "<!DOCTYPE html><html><body><script>var x;</script></body></html>"}`,
		`{"text": "Last line without a newline."}`,
	}
	input := strings.Join(lines, "\n")
	byName, items := readTree(t, map[string]string{"batch.jsonl": input})
	wantErr := map[string]string{
		"batch.jsonl:3":  "malformed JSON",
		"batch.jsonl:4":  "want a JSON object, got a list",
		"batch.jsonl:5":  `no "text" or "html" field (fields: title)`,
		"batch.jsonl:6":  `field "text": want a string or null, got a number`,
		"batch.jsonl:10": "invalid UTF-8 at byte 13 of the line",
		"batch.jsonl:11": `"text" and "html" are empty or null`,
		"batch.jsonl:13": `field "html": no article text`,
	}
	for in, says := range wantErr {
		t.Run(in, func(t *testing.T) {
			it := one(t, byName, in)
			if it.Err == nil || !errors.Is(it.Err, news.ErrInvalid) || !strings.Contains(it.Err.Error(), says) {
				t.Errorf("got %+v, want an error saying %q", it, says)
			}
		})
	}
	t.Run("text line", func(t *testing.T) {
		it := one(t, byName, "batch.jsonl:1")
		a := it.Article
		if a == nil || !it.Clean {
			t.Fatalf("got %+v", it)
		}
		if a.Text != "The dam held through the night.\nEngineers stayed on site." || a.Format != "jsonl" ||
			a.Source != "https://river.example/dam" || a.Site != "river.example" || a.Outlet != "River Daily" ||
			a.Title != "Dam holds" || a.Published.Format("2006-01-02") != "2024-05-02" {
			t.Errorf("got %+v", *a)
		}
	})
	t.Run("blank line is passed over", func(t *testing.T) {
		if len(byName["batch.jsonl:2"]) != 0 {
			t.Errorf("got %+v", byName["batch.jsonl:2"])
		}
	})
	t.Run("long line within the default limit", func(t *testing.T) {
		if a := one(t, byName, "batch.jsonl:7").Article; a == nil || len(a.Text) != 3000 {
			t.Errorf("a 3000-byte line was not read whole")
		}
	})
	t.Run("html line", func(t *testing.T) {
		it := one(t, byName, "batch.jsonl:8")
		if it.Article == nil || it.Clean || !strings.Contains(it.Article.Text, "bells rang") || it.Article.Format != "jsonl" {
			t.Errorf("got %+v, want extracted html, not for cleaning", it)
		}
	})
	t.Run("bad date keeps the article", func(t *testing.T) {
		its := byName["batch.jsonl:9"]
		if len(its) != 2 || its[0].Err == nil || its[1].Article == nil || !its[1].Article.Published.IsZero() {
			t.Errorf("got %v, want an error then the article without a date", keys(map[string][]Item{"9": its}))
		}
	})
	t.Run("html fragment is kept for the cleaner", func(t *testing.T) {
		it := one(t, byName, "batch.jsonl:12")
		if it.Article == nil || !it.Clean || it.Article.Text != "A short fragment.\n\nTwo paragraphs." {
			t.Errorf("got %+v", it)
		}
	})
	t.Run("last line without newline", func(t *testing.T) {
		if a := one(t, byName, "batch.jsonl:14").Article; a == nil {
			t.Errorf("last line lost")
		}
	})
	t.Run("order follows the lines", func(t *testing.T) {
		last := 0
		for _, it := range items {
			var n int
			for _, c := range it.Input[strings.LastIndexByte(it.Input, ':')+1:] {
				n = n*10 + int(c-'0')
			}
			if n < last {
				t.Errorf("line %d after line %d", n, last)
			}
			last = n
		}
	})
}

// A line longer than the limit is an error for that line only, and the
// reader never holds more than the limit of it.
func TestJSONLineTooLong(t *testing.T) {
	body := `{"text": "short one"}` + "\n" + `{"text": "` + strings.Repeat("y", 5000) + `"}` + "\n" + `{"text": "short two"}` + "\n"
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"x.ndjson": body})
	items := collect(t, func(emit func(Item) error) error {
		return ReadFS(t.Context(), os.DirFS(dir), ".", Options{MaxBytes: 1000}, emit)
	})
	if len(items) != 3 {
		t.Fatalf("got %d items, want 3", len(items))
	}
	if items[0].Article == nil || items[2].Article == nil {
		t.Errorf("short lines lost: %+v", items)
	}
	if !errors.Is(items[1].Err, news.ErrTooLarge) || items[1].Input != "x.ndjson:2" {
		t.Errorf("got %+v, want line 2 too large", items[1])
	}
}

func TestReadLine(t *testing.T) {
	tests := []struct {
		name, in string
		max      int64
		want     []string
		long     []bool
	}{
		{"plain", "ab\ncd\n", 10, []string{"ab", "cd", ""}, []bool{false, false, false}},
		{"crlf", "ab\r\ncd", 10, []string{"ab", "cd"}, []bool{false, false}},
		{"exactly the limit", "abcd\nef", 4, []string{"abcd", "ef"}, []bool{false, false}},
		{"one over", "abcde\nef", 4, []string{"", "ef"}, []bool{true, false}},
		{"longer than the buffer", strings.Repeat("z", 100) + "\nok", 50, []string{"", "ok"}, []bool{true, false}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			br := bufio.NewReaderSize(strings.NewReader(tc.in), 16)
			for i := range tc.want {
				line, long, err := readLine(br, tc.max)
				if string(line) != tc.want[i] || long != tc.long[i] {
					t.Errorf("line %d: %q long %v, want %q long %v", i+1, line, long, tc.want[i], tc.long[i])
				}
				if i == len(tc.want)-1 && !errors.Is(err, io.EOF) {
					t.Errorf("last line: err %v, want EOF", err)
				}
			}
		})
	}
}
