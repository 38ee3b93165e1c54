package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/news"
)

// readOne reads a single file written with body and returns its one item.
func readOne(t *testing.T, name string, body []byte, o Options) Item {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, body, 0o644); err != nil {
		t.Fatal(err)
	}
	items := collect(t, func(emit func(Item) error) error {
		return Read(context.Background(), []string{p}, o, emit)
	})
	if len(items) != 1 {
		t.Fatalf("got %d items, want 1: %+v", len(items), items)
	}
	return items[0]
}

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, file, body, want string
	}{
		{"crlf and trailing blanks", "a.txt", "Ferries stopped at noon.  \r\nThe harbour stayed shut.\t\r\n\r\n", "Ferries stopped at noon.\nThe harbour stayed shut."},
		{"lone carriage returns", "b.text", "One line.\rAnother line.\r", "One line.\nAnother line."},
		{"leading blank lines dropped, indent kept", "c.md", "\n\n  # Heading\n\nBody text.\n", "  # Heading\n\nBody text."},
		{"byte order mark dropped", "d.txt", "\uFEFFThe council met on Monday.", "The council met on Monday."},
		{"furniture is left for the cleaner", "e.txt", "Share this article\nThe bridge reopened.\nAdvertisement", "Share this article\nThe bridge reopened.\nAdvertisement"},
		{"upper-case extension", "F.TXT", "Shout-case names still read.", "Shout-case names still read."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			it := readOne(t, tc.file, []byte(tc.body), Options{})
			if it.Err != nil {
				t.Fatalf("error %v", it.Err)
			}
			a := it.Article
			if a.Text != tc.want {
				t.Errorf("text %q, want %q", a.Text, tc.want)
			}
			if a.Format != "text" || !it.Clean {
				t.Errorf("format %q clean %v, want text and clean", a.Format, it.Clean)
			}
			if a.Source != it.Input || !strings.HasSuffix(it.Input, tc.file) {
				t.Errorf("source %q input %q, want the path", a.Source, it.Input)
			}
			if a.ID != "" || a.Hash != "" || !a.AddedAt.IsZero() {
				t.Errorf("ID, Hash or AddedAt set; the caller sets them")
			}
			if !a.Published.IsZero() {
				t.Errorf("published %v, want unknown", a.Published)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	latin1 := append([]byte("Caf"), 0xE9, ' ', 'o', 'p', 'e', 'n', 's')
	control := bytes.Repeat([]byte{0x01, 0x02, 'a', 0x03}, 50)
	tests := []struct {
		name, file string
		body       []byte
		o          Options
		kind       error
		says       string
	}{
		{"empty file", "a.txt", nil, Options{}, news.ErrInvalid, "empty file"},
		{"whitespace only", "b.txt", []byte(" \n\t\r\n  "), Options{}, news.ErrInvalid, "only whitespace"},
		{"invalid UTF-8 says where", "c.txt", latin1, Options{}, news.ErrInvalid, "invalid UTF-8 at byte 3"},
		{"NUL bytes", "d.txt", []byte("text\x00more"), Options{}, news.ErrInvalid, "binary"},
		{"mostly control characters", "e.txt", control, Options{}, news.ErrInvalid, "binary"},
		{"UTF-16", "f.txt", []byte{0xFF, 0xFE, 'h', 0, 'i', 0}, Options{}, news.ErrInvalid, "UTF-16"},
		{"over the limit", "g.txt", []byte(strings.Repeat("word ", 40)), Options{MaxBytes: 100}, news.ErrTooLarge, "limit of 100"},
		{"html with no article", "h.html", []byte("<!DOCTYPE html><html><head><title>Empty</title></head><body><script>var shown = 0;</script></body></html>"), Options{}, news.ErrInvalid, "no article"},
		{"binary html", "i.html", []byte("<html>\x00\x00\x00"), Options{}, news.ErrInvalid, "binary"},
		{"malformed feed", "j.rss", []byte("<rss><channel><item><title>Half"), Options{}, news.ErrInvalid, "malformed feed"},
		{"feed that is no feed", "k.xml", []byte("<?xml version=\"1.0\"?><inventory><box/></inventory>"), Options{}, news.ErrInvalid, "not an RSS, Atom or JSON feed"},
		{"broken gzip", "l.html.gz", []byte("this was never compressed"), Options{}, news.ErrInvalid, "gzip"},
		{"truncated gzip", "m.txt.gz", []byte(gzipped("A report that was cut short in transit.")[:20]), Options{}, news.ErrInvalid, "not valid gzip data"},
		{"truncated gzip lines", "n.jsonl.gz", []byte(gzipped("{\"text\": \"A line.\"}\n")[:20]), Options{}, news.ErrInvalid, "not valid gzip data"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			it := readOne(t, tc.file, tc.body, tc.o)
			if it.Err == nil {
				t.Fatalf("got %+v, want an error", it)
			}
			if !errors.Is(it.Err, tc.kind) {
				t.Errorf("error %v does not wrap %v", it.Err, tc.kind)
			}
			if !strings.Contains(it.Err.Error(), tc.says) {
				t.Errorf("error %q does not say %q", it.Err, tc.says)
			}
			if !strings.HasPrefix(it.Err.Error(), it.Input+": ") || !strings.HasSuffix(it.Input, tc.file) {
				t.Errorf("error %q does not name input %s", it.Err, tc.file)
			}
		})
	}
}

func TestMissingPath(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"ok.txt": "A short report about rain."})
	missing := filepath.Join(dir, "nowhere.txt")
	items := collect(t, func(emit func(Item) error) error {
		return Read(context.Background(), []string{missing, filepath.Join(dir, "ok.txt")}, Options{}, emit)
	})
	if len(items) != 2 {
		t.Fatalf("got %d items, want 2", len(items))
	}
	if !errors.Is(items[0].Err, news.ErrNotFound) || items[0].Input != missing {
		t.Errorf("first item %+v, want not found for %s", items[0], missing)
	}
	if items[1].Article == nil {
		t.Errorf("the batch did not go on after the missing path: %+v", items[1])
	}
}

func TestUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("skipping: root reads files whatever their mode")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "locked.txt")
	if err := os.WriteFile(p, []byte("Private notes."), 0o000); err != nil {
		t.Fatal(err)
	}
	items := collect(t, func(emit func(Item) error) error {
		return Read(context.Background(), []string{p}, Options{}, emit)
	})
	if len(items) != 1 || items[0].Err == nil || !errors.Is(items[0].Err, os.ErrPermission) {
		t.Errorf("got %+v, want one permission error", items)
	}
}

func TestGzipBomb(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	page := "<html><body><article><p>" + strings.Repeat("Rain fell all week on the hills. ", 2000) + "</p></article></body></html>"
	zw.Write([]byte(page))
	zw.Close()
	if buf.Len() > 4096 {
		t.Fatalf("test data compressed to %d bytes, want a small file that expands", buf.Len())
	}
	it := readOne(t, "bomb.html.gz", buf.Bytes(), Options{MaxBytes: 8192})
	if !errors.Is(it.Err, news.ErrTooLarge) || !strings.Contains(it.Err.Error(), "decompressed") {
		t.Errorf("got %+v, want a too-large error for the decompressed page", it)
	}
	it = readOne(t, "fine.html.gz", buf.Bytes(), Options{})
	if it.Err != nil || it.Article.Format != "html" || it.Clean {
		t.Fatalf("got %+v, want an html article", it)
	}
	if !strings.Contains(it.Article.Text, "Rain fell all week") {
		t.Errorf("text %q lacks the page's words", clip(it.Article.Text, 80))
	}
}

func gzipped(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}
