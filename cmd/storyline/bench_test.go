package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestBenchJSON runs 'storyline bench' at a tiny size (nothing is timed
// against a limit) and checks the JSON object scripts rely on.
func TestBenchJSON(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bench.db")
	code, out, errs := cli(t, "", "bench", "--quick", "--format", "json", "--quiet", "--db", db,
		"--text-articles", "4", "--html-pages", "2", "--adds", "2", "--sizes", "40")
	if code != exitOK {
		t.Fatalf("exit %d; stderr: %s", code, errs)
	}
	var obj map[string]any
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(&obj); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	if dec.More() {
		t.Errorf("more than one JSON value on stdout")
	}
	for _, k := range []string{"text_articles_per_s", "html_pages_per_s", "add_ms_at_10k", "peak_rss_mb"} {
		if _, ok := obj[k]; !ok {
			t.Errorf("no %q", k)
		}
	}
	if v, _ := obj["text_articles_per_s"].(float64); v <= 0 {
		t.Errorf("text_articles_per_s = %v", obj["text_articles_per_s"])
	}
	if adds, _ := obj["add"].([]any); len(adds) != 1 {
		t.Errorf("add = %v, want one size", obj["add"])
	}
}

// TestBenchWriteCorpus writes a small corpus and analyses its text folder.
func TestBenchWriteCorpus(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "news")
	if code, _, errs := cli(t, "", "bench", "--write-corpus", dir, "--corpus-articles", "12", "--article-bytes", "1500"); code != exitOK {
		t.Fatalf("exit %d; stderr: %s", code, errs)
	}
	code, out, errs := cli(t, "", "analyze", "--quiet", "--format", "json", filepath.Join(dir, "text"))
	if code != exitOK {
		t.Fatalf("analyze: exit %d; stderr: %s", code, errs)
	}
	var rep struct {
		Articles []struct{ Outlet string } `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Articles) != 12 || rep.Articles[0].Outlet == "" {
		t.Errorf("analyze read %d articles (%+v), want 12 with outlets", len(rep.Articles), rep.Articles)
	}
	if code, _, _ := cli(t, "", "bench", "--write-corpus", dir, "--corpus-articles", "2"); code == exitOK {
		t.Error("wrote a corpus into a folder that is not empty")
	}
}

func TestBenchUsage(t *testing.T) {
	existing := filepath.Join(t.TempDir(), "there.db")
	writeFile(t, existing, "x")
	for _, args := range [][]string{
		{"bench", "--sizes", "10x"},
		{"bench", "--sizes", "100k,10k"},
		{"bench", "--db", existing},
		{"bench", "--adds", "-1"},
		{"bench", "extra"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			if code, _, errs := cli(t, "", args...); code != exitUsage {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitUsage, errs)
			}
		})
	}
}

func TestParseSizes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int // nil: an error
	}{
		{"10k,100k,1M", []int{10_000, 100_000, 1_000_000}},
		{"500, 2K", []int{500, 2000}},
		{"1M,10k", nil},
		{"k", nil},
		{"0", nil},
		{"-5", nil},
		{"101M", nil},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := parseSizes("--sizes", tc.in)
			if tc.want == nil {
				if err == nil {
					t.Errorf("accepted: %v", got)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("= %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// TestBenchStorySizesNone checks that a full run told --story-sizes none
// times adds and folds nothing: on a big store a fold takes hours.
func TestBenchStorySizesNone(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bench.db")
	code, out, errs := cli(t, "", "bench", "--format", "json", "--quiet", "--db", db,
		"--text-articles", "4", "--html-pages", "2", "--adds", "2", "--sizes", "40", "--story-sizes", "none")
	if code != exitOK {
		t.Fatalf("exit %d; stderr: %s", code, errs)
	}
	var obj struct {
		Add      []any `json:"add"`
		StoryAPI []any `json:"story_api"`
	}
	if err := json.Unmarshal([]byte(out), &obj); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(obj.Add) != 1 || len(obj.StoryAPI) != 0 {
		t.Errorf("add %v, story_api %v; want one add size and no story API", obj.Add, obj.StoryAPI)
	}
}
