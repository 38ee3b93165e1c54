package extraction

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/eval"
)

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.Bytes()
}

// fakeExtractor returns the text between <p> and </p>, fails on pages
// saying "fail" and panics on pages saying "panic".
func fakeExtractor(raw []byte, _ string) (string, error) {
	s := string(raw)
	switch {
	case strings.Contains(s, "panic"):
		panic("page made the extractor panic")
	case strings.Contains(s, "fail"):
		return "", errors.New("no article")
	}
	i, j := strings.Index(s, "<p>"), strings.Index(s, "</p>")
	if i < 0 || j < i {
		return "", nil
	}
	return s[i+3 : j], nil
}

func TestRunBenchmarkLayout(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "ground-truth.json"), []byte(`{
		"a": {"articleBody": "the new library opens on the east side", "url": "https://example.org/a"},
		"b": {"articleBody": "council votes to repair the old bridge", "url": "https://example.org/b"},
		"c": {"articleBody": "storm closes schools across the valley", "url": "https://example.org/c"},
		"d": {"articleBody": "a page that makes the extractor panic", "url": "https://example.org/d"}}`))
	writeFile(t, filepath.Join(dir, "html", "a.html.gz"), gz(t, "<p>the new library opens on the east side</p>"))
	writeFile(t, filepath.Join(dir, "html", "b.html.gz"), gz(t, "<p>council votes to repair the old bridge</p> Menu home"))
	writeFile(t, filepath.Join(dir, "html", "c.html.gz"), gz(t, "fail"))
	writeFile(t, filepath.Join(dir, "html", "d.html.gz"), gz(t, "panic"))
	writeFile(t, filepath.Join(dir, "output", "wrapped.json"), []byte(`{"version": "1.0", "output": {
		"a": {"articleBody": "the new library opens on the east side"}, "b": {"articleBody": ""},
		"c": {"articleBody": "storm closes schools across the valley"}, "d": {"articleBody": ""}}}`))
	writeFile(t, filepath.Join(dir, "output", "plain.json"), []byte(`{
		"a": {"articleBody": "the new library opens on the east side"}}`))
	writeFile(t, filepath.Join(dir, "README.rst"), []byte("Results::\n\n"+
		"                 version  F1             precision      recall\n"+
		"    wrapped      1.0      0.500 ± 0.010  0.500 ± 0.010  0.500 ± 0.010\n"+
		"    plainer      2.0      0.250 ± 0.020  0.250 ± 0.020  0.250 ± 0.020\n"+
		"    plain_old    0.1      0.100 ± 0.020  0.100 ± 0.020  0.100 ± 0.020\n"+
		"    best_one     3.0      0.990 ± 0.001  0.990 ± 0.001  0.990 ± 0.001\n"))

	var calls int
	res, err := Run(context.Background(), eval.Options{Data: dir, Progress: func(done, total int) {
		calls++
		if total != 4 || done < 1 || done > 4 {
			t.Errorf("progress %d/%d", done, total)
		}
	}}, fakeExtractor)
	if err != nil {
		t.Fatal(err)
	}
	if res.N != 4 || calls != 4 {
		t.Errorf("N = %d, progress calls %d; want 4, 4", res.N, calls)
	}
	if got := res.Extra["failures"]; got != 2 {
		t.Errorf("failures = %v, want 2 (one error, one panic)", got)
	}
	// a and b are right (b's extra words are outside <p>); c and d predict
	// nothing: precision 1 over 2 pages, recall 2/4.
	if !near(res.Precision, 1) || !near(res.Recall, 0.5) || !near(res.F1, 2.0/3) {
		t.Errorf("P/R/F1 = %.3f %.3f %.3f, want 1 0.5 0.667", res.Precision, res.Recall, res.F1)
	}
	byName := map[string]eval.Anchor{}
	for _, a := range res.Anchors {
		byName[a.System] = a
	}
	if a := byName["wrapped"]; !near(a.F1, 2.0/3) || !strings.Contains(a.Note, "0.500") {
		t.Errorf("wrapped anchor %+v: want F1 0.667 with the published 0.500 noted", a)
	}
	if a := byName["plain"]; !near(a.F1, 0.4) || !strings.Contains(a.Note, "plainer") {
		t.Errorf("plain anchor %+v: want F1 0.4 (P 1, R 0.25) matched to plainer", a)
	}
	if a, ok := byName["best_one"]; !ok || a.F1 != 0.99 {
		t.Errorf("published-only anchor missing or wrong: %+v", a)
	}
	for _, s := range []string{"dev", "test"} {
		half, err := Run(context.Background(), eval.Options{Data: dir, Split: s}, fakeExtractor)
		if err != nil && !strings.Contains(err.Error(), "no pages") {
			t.Fatalf("split %s: %v", s, err)
		}
		if err == nil && half.N >= 4 {
			t.Errorf("split %s kept %d of 4 pages", s, half.N)
		}
	}
	if _, err := Run(context.Background(), eval.Options{Data: dir, Split: "train"}, fakeExtractor); err == nil {
		t.Error("unknown split accepted")
	}
}

func TestRunSnippetLayout(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "tests", "evaldata.json"), []byte(`{
		"https://example.org/1": {"file": "one.html", "with": ["harbour was dredged", "last spring"], "without": ["Subscribe"]},
		"https://example.org/2": {"file": "two.html", "with": ["the festival returns"], "without": ["Login", "Cookies"]},
		"https://example.org/3": {"file": "gone.html", "with": ["never read"], "without": ["Menu"]}}`))
	writeFile(t, filepath.Join(dir, "html", "tests", "eval", "one.html.gz"), gz(t, "<p>The harbour was  dredged\nlast spring. Subscribe</p>"))
	writeFile(t, filepath.Join(dir, "html", "tests", "cache", "two.html.gz"), gz(t, "<p>So the festival returns.</p> Login"))
	res, err := Run(context.Background(), eval.Options{Data: dir}, fakeExtractor)
	if err != nil {
		t.Fatal(err)
	}
	// TP: 3; FN: 1 (missing page); FP: 1 (Subscribe); TN: 3.
	if got := res.Extra["tp"].(int) + 10*res.Extra["fn"].(int) + 100*res.Extra["fp"].(int) + 1000*res.Extra["tn"].(int); got != 3113 {
		t.Errorf("counts tp/fn/fp/tn = %v/%v/%v/%v", res.Extra["tp"], res.Extra["fn"], res.Extra["fp"], res.Extra["tn"])
	}
	if res.Extra["failures"] != 1 || res.N != 3 {
		t.Errorf("failures %v, N %d; want 1, 3", res.Extra["failures"], res.N)
	}
	if !near(res.Precision, 0.75) || !near(res.Recall, 0.75) {
		t.Errorf("P/R = %.3f %.3f, want 0.75 0.75", res.Precision, res.Recall)
	}
}

func TestRunUnknownLayout(t *testing.T) {
	if _, err := Run(context.Background(), eval.Options{Data: t.TempDir()}, fakeExtractor); err == nil {
		t.Error("an empty folder was scored")
	}
}

func TestReadGzipBounds(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.gz")
	writeFile(t, big, gz(t, strings.Repeat("x", maxPage+1)))
	if _, err := readGzip(big); err == nil || !strings.Contains(err.Error(), "big.gz") {
		t.Errorf("oversized page: err = %v, want one naming the file", err)
	}
	bad := filepath.Join(dir, "bad.gz")
	writeFile(t, bad, []byte("not gzip at all"))
	if _, err := readGzip(bad); err == nil || !strings.Contains(err.Error(), "bad.gz") {
		t.Errorf("corrupt page: err = %v, want one naming the file", err)
	}
}
