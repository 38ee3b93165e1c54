package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"storyline/internal/shareddata"
)

// cli runs storyline in-process and returns its exit code and streams.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

const goodArticle = "Ferries return to Vell\n\nThe ferry service to the island of Vell resumed on Tuesday after a three-day closure, " +
	"the harbour office said. More than 40 crossings had been cancelled.\n\nThe office said the timetable was back to normal.\n"

func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"analyze"},
		{"analyze", "--format", "pdf", "x"},
		{"no-such-command"},
		{"report", "--since", "yesterday"},
		{"analyze", "--no-such-flag", "x"},
		{"eval", "no-such-task"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, _, errs := cli(t, "", args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitUsage, errs)
			}
			if !strings.Contains(errs, "storyline:") {
				t.Errorf("no error message on stderr: %q", errs)
			}
		})
	}
}

// TestBadInputsDoNotStopTheBatch gives one good article among bad inputs:
// every bad one is named with its reason, the good one is reported, and the
// exit code says some failed.
func TestBadInputsDoNotStopTheBatch(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "good.txt"), goodArticle)
	writeFile(t, filepath.Join(dir, "empty.txt"), "")
	writeFile(t, filepath.Join(dir, "latin1.txt"), "Caf\xe9 society meets on Tuesday.\n")
	writeFile(t, filepath.Join(dir, "binary.txt"), "\x00\x01\x02\x03binary\x00\x00")
	writeFile(t, filepath.Join(dir, "feed.rss"), "<rss><channel><item><title>broken")
	writeFile(t, filepath.Join(dir, "lines.jsonl"), "{\"text\": \"A valid line about the harbour reopening on Friday.\"}\n{not json\n")
	writeFile(t, filepath.Join(dir, "huge.txt"), strings.Repeat("word ", 3000))
	missing := filepath.Join(dir, "does-not-exist.txt")

	code, out, errs := cli(t, "", "analyze", "--max-bytes", "10000", "--format", "json", dir, missing)
	if code != exitPartial {
		t.Errorf("exit %d, want %d", code, exitPartial)
	}
	for _, name := range []string{"empty.txt", "latin1.txt", "binary.txt", "feed.rss", "lines.jsonl:2", "huge.txt", "does-not-exist.txt"} {
		if !strings.Contains(errs, name) {
			t.Errorf("stderr does not name %s:\n%s", name, errs)
		}
	}
	var rep struct {
		Articles []struct{ Title *string }
		Failures []struct{ Input, Reason string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("report is not JSON: %v\n%s", err, out)
	}
	if len(rep.Articles) != 2 {
		t.Errorf("%d articles in the report, want the good file and the good JSON line", len(rep.Articles))
	}
	if len(rep.Failures) < 7 {
		t.Errorf("%d failures listed in the report, want at least 7", len(rep.Failures))
	}
}

func TestAddTwiceIsANoOp(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "one.txt"), goodArticle)
	writeFile(t, filepath.Join(dir, "copy", "same.txt"), goodArticle)
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errs := cli(t, "", "add", "--db", db, dir)
	if code != exitOK || strings.Count(out, "stored ") != 1 {
		t.Fatalf("first add: exit %d, out %q, err %q", code, out, errs)
	}
	if !strings.Contains(errs, "same article") {
		t.Errorf("the duplicate inside the batch is not reported: %q", errs)
	}
	code, out, _ = cli(t, "", "add", "--db", db, dir)
	if code != exitOK || strings.Contains(out, "stored ") {
		t.Errorf("second add stored again: exit %d, out %q", code, out)
	}
	code, out, errs = cli(t, "", "report", "--db", db, "--format", "md")
	if code != exitOK || !strings.Contains(out, "Ferries return to Vell") {
		t.Errorf("report from the store: exit %d, err %q\n%s", code, errs, out)
	}
}

func TestStdin(t *testing.T) {
	code, out, errs := cli(t, goodArticle, "analyze", "--format", "json", "-")
	if code != exitOK || !strings.Contains(out, "three-day closure") {
		t.Errorf("exit %d, err %q, out %q", code, errs, out)
	}
}

// TestSeedsCleaning checks the report on the seed reports against the
// cleaning section of their EXPECTED.md, read at test time.
func TestSeedsCleaning(t *testing.T) {
	seeds := shareddata.Require(t, "seeds")
	expected, err := os.ReadFile(filepath.Join(seeds, "EXPECTED.md"))
	if err != nil {
		t.Fatal(err)
	}
	var manifest []struct {
		Path      string
		Title     *string
		Published string
	}
	raw, err := os.ReadFile(filepath.Join(seeds, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &manifest); err != nil {
		t.Fatal(err)
	}

	code, out, errs := cli(t, "", "analyze", "--format", "json", "--quiet", seeds)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Articles []struct {
			Source, Text string
			Title        *string
			Published    *string
			Removed      []string
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Articles) != len(manifest) {
		t.Fatalf("%d articles, want %d", len(rep.Articles), len(manifest))
	}
	bySeed := map[string]int{}
	for i, a := range rep.Articles {
		bySeed[filepath.Base(a.Source)[:3]] = i
	}
	for _, m := range manifest {
		a := rep.Articles[bySeed[m.Path[:3]]]
		if a.Published == nil || *a.Published != m.Published {
			t.Errorf("%s: published %v, want %s", m.Path, a.Published, m.Published)
		}
		if m.Title != nil && (a.Title == nil || *a.Title != strings.TrimSpace(strings.Split(*m.Title, " | ")[0])) {
			t.Errorf("%s: title %v, want %q", m.Path, a.Title, *m.Title)
		}
	}
	for seed, items := range cleaningExpectations(t, string(expected)) {
		i, ok := bySeed[seed]
		if !ok {
			t.Errorf("no article for seed %s", seed)
			continue
		}
		a := rep.Articles[i]
		removed := strings.Join(a.Removed, "\n")
		for _, item := range items {
			if strings.Contains(a.Text, item) {
				t.Errorf("%s: furniture %q left in the text", seed, item)
			}
			if !strings.Contains(removed, item) && !(a.Title != nil && strings.Contains(*a.Title, item)) {
				t.Errorf("%s: furniture %q not listed under removed", seed, item)
			}
		}
	}
}

// cleaningExpectations reads the quoted strings of each seed's line in the
// "Cleaning" section of EXPECTED.md. A quote with an ellipsis stands for the
// part after it ("… (AP PHOTO)" → "(AP PHOTO)").
func cleaningExpectations(t *testing.T, md string) map[string][]string {
	t.Helper()
	start := strings.Index(md, "## Cleaning")
	if start < 0 {
		t.Fatal("EXPECTED.md has no Cleaning section")
	}
	section := md[start+len("## Cleaning"):]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	out := map[string][]string{}
	seedLine := regexp.MustCompile(`(?m)^- (\d{3}):`)
	quoted := regexp.MustCompile(`"([^"]+)"`)
	locs := seedLine.FindAllStringSubmatchIndex(section, -1)
	for i, loc := range locs {
		end := len(section)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		seed := section[loc[2]:loc[3]]
		for _, q := range quoted.FindAllStringSubmatch(section[loc[1]:end], -1) {
			// A quote may wrap onto the next line of the Markdown.
			s := strings.Join(strings.Fields(q[1]), " ")
			if j := strings.LastIndex(s, "…"); j >= 0 {
				s = strings.TrimSpace(s[j+len("…"):])
			}
			if s != "" {
				out[seed] = append(out[seed], s)
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no expectations found in the Cleaning section")
	}
	return out
}
