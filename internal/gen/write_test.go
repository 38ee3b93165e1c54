package gen

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/ingest"
	"storyline/internal/news"
)

// TestFormatsParse writes a corpus in every format and reads each back with
// internal/ingest: every article is there once, with its metadata.
func TestFormatsParse(t *testing.T) {
	const n = 120 // more than one feed per outlet, fewer than a folder
	g, err := New(Config{Seed: 4, Articles: n, TextBytes: 2500})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "corpus")
	if err := Write(context.Background(), g, dir, AllFormats); err != nil {
		t.Fatal(err)
	}
	items := mustArticles(t, Config{Seed: 4, Articles: n, TextBytes: 2500})
	byURL := map[string]*Item{}
	for _, it := range items {
		byURL[it.Article.URL] = it
	}
	for _, format := range AllFormats {
		t.Run(format, func(t *testing.T) {
			seen := map[string]bool{}
			err := ingest.Read(context.Background(), []string{filepath.Join(dir, format)}, ingest.Options{}, func(in ingest.Item) error {
				if in.Err != nil {
					t.Errorf("%s: %v", in.Input, in.Err)
					return nil
				}
				if in.Article == nil {
					t.Errorf("%s: skipped: %s", in.Input, in.Skip)
					return nil
				}
				a := in.Article
				it := byURL[a.URL]
				if it == nil {
					t.Errorf("%s: URL %q is not in the corpus", in.Input, a.URL)
					return nil
				}
				if seen[a.URL] {
					t.Errorf("%s: %s read twice", in.Input, a.URL)
				}
				seen[a.URL] = true
				if a.Title != it.Article.Title || !a.Published.Equal(it.Article.Published) {
					t.Errorf("%s: title %q published %v, want %q %v", in.Input, a.Title, a.Published, it.Article.Title, it.Article.Published)
				}
				if got := paragraphsKept(it.Article.Text, a.Text); got < 0.95 {
					t.Errorf("%s: %.2f of the article's paragraphs in the text read", in.Input, got)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(seen) != n {
				t.Errorf("read %d articles, want %d", len(seen), n)
			}
		})
	}
	truth, err := os.ReadFile(filepath.Join(dir, "truth.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Count(string(truth), "\n"); lines != n {
		t.Errorf("truth.jsonl has %d lines, want %d", lines, n)
	}
}

func paragraphsKept(want, got string) float64 {
	ps := strings.Split(want, "\n\n")
	k := 0
	for _, p := range ps {
		if strings.Contains(got, p) {
			k++
		}
	}
	return float64(k) / float64(len(ps))
}

func TestWriteRefuses(t *testing.T) {
	g, err := New(Config{Seed: 1, Articles: 2})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(context.Background(), g, dir, []string{FormatText}); !errors.Is(err, news.ErrConflict) {
		t.Errorf("writing into a non-empty folder: %v, want ErrConflict", err)
	}
	if err := Write(context.Background(), g, filepath.Join(dir, "new"), []string{"pdf"}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("unknown format: %v, want ErrInvalid", err)
	}
}
