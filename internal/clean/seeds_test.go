package clean

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"storyline/internal/shareddata"
)

type seed struct {
	Path   string  `json:"path"`
	Site   *string `json:"site"`
	Byline *string `json:"byline"`
	Title  *string `json:"title"`
	text   string
	// furniture is what EXPECTED.md's "Cleaning" section lists for the
	// file, as quoted there.
	furniture []string
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// loadSeeds reads the seeds, their manifest and the furniture EXPECTED.md
// lists for each, at test time: their text never enters the repository.
func loadSeeds(t *testing.T) []*seed {
	t.Helper()
	dir := shareddata.Require(t, "seeds")
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var seeds []*seed
	if err := json.Unmarshal(raw, &seeds); err != nil {
		t.Fatalf("manifest: %v", err)
	}
	exp, err := os.ReadFile(filepath.Join(dir, "EXPECTED.md"))
	if err != nil {
		t.Fatal(err)
	}
	listed := cleaningSection(string(exp))
	if len(listed) == 0 {
		t.Fatal("EXPECTED.md has no furniture listed under ## Cleaning")
	}
	for _, s := range seeds {
		b, err := os.ReadFile(filepath.Join(dir, s.Path))
		if err != nil {
			t.Fatal(err)
		}
		s.text = string(b)
		s.furniture = listed[s.Path[:3]]
	}
	return seeds
}

var (
	bulletRe = regexp.MustCompile(`^- (\d{3}): (.*)$`)
	quotedRe = regexp.MustCompile(`"([^"]+)"`)
)

// cleaningSection maps a file's three-digit prefix to the quoted strings of
// its bullet under "## Cleaning" (a bullet may run on over indented lines).
func cleaningSection(md string) map[string][]string {
	bullets := map[string]string{}
	in := false
	key := ""
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "## ") {
			in = strings.HasPrefix(l, "## Cleaning")
			continue
		}
		switch m := bulletRe.FindStringSubmatch(l); {
		case !in:
		case m != nil:
			key = m[1]
			bullets[key] = m[2]
		case key != "" && strings.HasPrefix(l, "  "):
			bullets[key] += " " + strings.TrimSpace(l)
		default:
			key = ""
		}
	}
	out := map[string][]string{}
	for k, b := range bullets {
		for _, q := range quotedRe.FindAllStringSubmatch(b, -1) {
			out[k] = append(out[k], q[1])
		}
	}
	return out
}

// fragment is the longest piece of a quoted item around its ellipses.
func fragment(item string) string {
	best := ""
	for p := range strings.SplitSeq(item, "…") {
		if p = strings.TrimSpace(p); len(p) > len(best) {
			best = p
		}
	}
	return best
}

func TestSeedsFurnitureRemoved(t *testing.T) {
	for _, s := range loadSeeds(t) {
		t.Run(s.Path[:3], func(t *testing.T) {
			r := Clean(s.text, Options{Title: str(s.Title), Byline: str(s.Byline), Site: str(s.Site)})
			if msg := accountFor(s.text, r); msg != "" {
				t.Error(msg)
			}
			text := nonBlankLines(r.Text)
			for _, item := range s.furniture {
				if strings.HasPrefix(item, " | ") {
					checkSuffixStripped(t, s, item, r)
					continue
				}
				f := fragment(item)
				found := false
				for _, x := range r.Removed {
					found = found || strings.Contains(x.Text, f)
				}
				if !found {
					t.Errorf("furniture %q is not among the removed pieces", item)
				}
				for _, l := range text {
					left := strings.HasPrefix(item, "…") && strings.HasSuffix(l, f)
					right := strings.HasSuffix(item, "…") && strings.HasPrefix(l, f)
					if l == f || left || right || len(f) >= 12 && strings.Contains(l, f) {
						t.Errorf("furniture %q is still in the text: %q", item, l)
					}
				}
			}
			if len(s.furniture) == 0 && len(r.Removed) > 0 {
				t.Errorf("EXPECTED.md lists no furniture for %s, yet %d pieces were removed, first %+v", s.Path, len(r.Removed), r.Removed[0])
			}
			if want := str(s.Byline); want != "" && r.Byline != want {
				t.Errorf("byline %q, want the manifest's %q", r.Byline, want)
			}
			checkParagraphsKept(t, s.text, r)
		})
	}
}

// checkSuffixStripped checks that a section suffix is neither in the title
// nor left in the text, and that the headline line carrying it was removed.
func checkSuffixStripped(t *testing.T, s *seed, suffix string, r Result) {
	t.Helper()
	if strings.HasSuffix(r.Title, suffix) || r.Title == "" {
		t.Errorf("title %q: want it without the suffix %q", r.Title, suffix)
	}
	for _, l := range nonBlankLines(r.Text) {
		if strings.HasSuffix(l, suffix) {
			t.Errorf("line with the title suffix %q left in the text: %q", suffix, l)
		}
	}
	// Without metadata the suffix is stripped from the headline found.
	bare := Clean(s.text, Options{})
	if bare.Title == "" || strings.HasSuffix(bare.Title, suffix) {
		t.Errorf("without metadata: title %q, want a headline without %q", bare.Title, suffix)
	}
	if want := str(s.Title); want != "" && bare.Title != want {
		t.Errorf("without metadata: title %q, want %q", bare.Title, want)
	}
}

// checkParagraphsKept checks that every input line ending in a full stop
// that has the length of a sentence (six words or more) and no photo credit
// is in the text byte for byte: real paragraphs are never dropped.
func checkParagraphsKept(t *testing.T, input string, r Result) {
	t.Helper()
	kept := map[string]bool{}
	for _, l := range nonBlankLines(r.Text) {
		kept[l] = true
	}
	n := 0
	for _, l := range nonBlankLines(input) {
		if !endsSentence(l) || len(strings.Fields(l)) < 6 || hasCredit(l) {
			continue
		}
		n++
		if !kept[l] {
			t.Errorf("paragraph dropped: %.80q", l)
		}
	}
	if n == 0 {
		t.Error("no sentence paragraphs found in the input")
	}
}

func TestSeedsHeadlineWithoutMetadata(t *testing.T) {
	for _, s := range loadSeeds(t) {
		want := str(s.Title)
		if want == "" {
			continue
		}
		t.Run(s.Path[:3], func(t *testing.T) {
			// The headline is looked for only when it is in the file: a
			// line that, suffix aside, is the manifest's title.
			inText := false
			for _, l := range nonBlankLines(s.text) {
				inText = inText || sameTitle(l, want)
			}
			if !inText {
				t.Skipf("%s does not print its headline", s.Path)
			}
			r := Clean(s.text, Options{})
			if r.Title != want {
				t.Errorf("title %q, want %q", r.Title, want)
			}
			for _, l := range nonBlankLines(r.Text) {
				if sameTitle(l, want) {
					t.Errorf("headline left in the text: %q", l)
				}
			}
		})
	}
}
