package figures

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/figures"
	"storyline/internal/news"
	"storyline/internal/shareddata"
	"storyline/internal/text"
)

// seedWant is one figure of the seeds' EXPECTED.md table, described by its
// numbers, unit and measure only: the rules must find it without knowing
// its words. nil bounds must be open.
type seedWant struct {
	file          string // first three digits of the seed file
	value         *float64
	min, max      *float64
	from          *float64
	unit, measure string
}

func v(x float64) *float64 { return &x }

var seedWants = []seedWant{
	{"000", v(6), v(6), nil, nil, "people", "deaths"},
	{"001", v(6), v(6), nil, nil, "people", "deaths"},
	{"002", v(7), v(7), v(7), nil, "people", "deaths"},
	{"001", v(22), v(22), v(22), nil, "missiles", "launched"},
	{"002", v(22), v(22), v(22), nil, "missiles", "launched"},
	{"001", v(460), v(461), nil, nil, "drones", "launched"},
	{"002", v(464), v(464), v(464), nil, "drones", "launched"},
	{"000", nil, v(200), v(999), nil, "drones", "launched"},
	{"001", nil, v(200), v(999), nil, "drones", "launched"},
	{"001", v(4), v(4), v(4), nil, "drones", "crossed"},
	{"000", v(28), v(28), v(28), nil, "points", "points"},
	{"001", v(28), v(28), v(28), nil, "points", "points"},
	{"002", v(28), v(28), v(28), nil, "points", "points"},
	{"000", v(2), v(2), v(2), nil, "ministers", "dismissed"},
	{"001", v(2), v(2), v(2), nil, "ministers", "dismissed"},
	{"002", v(800000), v(800000), v(800000), v(600000), "", "cap"},
	{"002", v(30), v(30), v(30), nil, "%", "share"},
	{"002", v(40), v(40), v(40), nil, "allies", ""},
}

// TestSeeds runs the figures stage, after the sentence stage, on the four
// seed reports read from ../shared at test time, and checks the figures
// EXPECTED.md lists. The unit of the cap is not checked: the report names
// the forces only in a phrase before the numbers.
func TestSeeds(t *testing.T) {
	dir := shareddata.Require(t, "seeds")
	docs := map[string]*news.Doc{}
	for _, prefix := range []string{"000", "001", "002", "003"} {
		paths, _ := filepath.Glob(filepath.Join(dir, prefix+"_*.txt"))
		if len(paths) != 1 {
			t.Fatalf("seed %s: %d files", prefix, len(paths))
		}
		data, err := os.ReadFile(paths[0])
		if err != nil {
			t.Fatal(err)
		}
		d := &news.Doc{Article: &news.Article{ID: prefix, Text: string(data)}}
		if d.Sentences, err = text.Sentences(d.Text()); err != nil {
			t.Fatal(err)
		}
		if err := figures.Stage().Run(context.Background(), d); err != nil {
			t.Fatalf("seed %s: %v", prefix, err)
		}
		docs[prefix] = d
	}
	for _, w := range seedWants {
		name := fmt.Sprintf("%s %s %s %s", w.file, show(w.value), w.unit, w.measure)
		t.Run(name, func(t *testing.T) {
			d := docs[w.file]
			var seen []string
			for _, f := range d.Figures {
				if same(f.Value, w.value) && same(f.Min, w.min) && same(f.Max, w.max) && same(f.From, w.from) &&
					(w.unit == "" || f.Unit == w.unit) && f.Measure == w.measure {
					return
				}
				seen = append(seen, fmt.Sprintf("%q %s %s..%s %s/%s", f.Span.In(d.Text()), show(f.Value), show(f.Min), show(f.Max), f.Unit, f.Measure))
			}
			t.Errorf("not found; the stage found:\n%s", strings.Join(seen, "\n"))
		})
	}
	// 003 has dates ("February 1"), durations ("two days", "four-year") and
	// no figure of EXPECTED.md's table: nothing there counts time.
	for _, f := range docs["003"].Figures {
		if durationUnits[f.Unit] || f.Value != nil && (*f.Value == 1 || *f.Value >= 1900 && *f.Value <= 2100) {
			t.Errorf("003: %q is a date or a duration, not a figure", f.Span.In(docs["003"].Text()))
		}
	}
}

var durationUnits = map[string]bool{"days": true, "years": true, "weeks": true, "months": true}
