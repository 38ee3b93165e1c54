package timex

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"storyline/internal/shareddata"
)

// seedWants are the timeline values ../shared/seeds/EXPECTED.md lists per
// article (by the file's three-digit prefix), resolved against the
// manifest's publication day. "Over the weekend" before a Tuesday is the ISO
// week's weekend, which holds the Sunday the list names.
var seedWants = map[string][]string{
	"000": {"2025-08", "2025-W47", "2025-11-24", "2025-11-25", "2025-W47-WE"},
	"001": {"2025-08", "2025-W47", "2025-11-19", "2025-11-25"},
	"002": {"2025-08", "2025-11-21", "2025-11-23", "2025-11-24", "2025-11-25", "2025-11-27"},
	"003": {"2025-SU", "2026-02-01", "2026-W05-WE", "P2D", "P4Y"},
}

func TestSeeds(t *testing.T) {
	dir := shareddata.Require(t, "seeds")
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var manifest []struct {
		Path      string  `json:"path"`
		Published *string `json:"published"`
	}
	if err := json.Unmarshal(b, &manifest); err != nil {
		t.Fatalf("seeds manifest: %v", err)
	}
	seen := 0
	for _, m := range manifest {
		wants, ok := seedWants[m.Path[:3]]
		if !ok || m.Published == nil {
			continue
		}
		seen++
		t.Run(m.Path[:3], func(t *testing.T) {
			pub, err := time.Parse("2006-01-02", *m.Published)
			if err != nil {
				t.Fatalf("publication day %q: %v", *m.Published, err)
			}
			text, err := os.ReadFile(filepath.Join(dir, m.Path))
			if err != nil {
				t.Fatal(err)
			}
			refs := Find(string(text), pub)
			got := map[string]bool{}
			var all []string
			for _, r := range refs {
				got[r.Value] = true
				all = append(all, r.Value)
			}
			for _, w := range wants {
				if !got[w] {
					t.Errorf("no expression resolves to %s; values found: %s", w, strings.Join(all, " "))
				}
			}
		})
	}
	if seen != len(seedWants) {
		t.Errorf("manifest listed %d of the %d seed articles with a publication day", seen, len(seedWants))
	}
}
