package demo_test

import (
	"fmt"
	"io/fs"

	"storyline/internal/demo"
)

func ExampleFS() {
	files, _ := fs.Glob(demo.FS(), "*")
	for _, f := range files {
		fmt.Println(f)
	}
	// Output:
	// README.md
	// coastline-kharzin-depot.txt
	// coastline-old-market-fire.txt
	// harbourwatch-export.jsonl
	// herald-kharzin-blast.html
	// herald-kharzin-donors.html
	// ledger-kharzin-blast.txt
	// ledger-kharzin-inquiry.txt
	// manifest.json
	// northgate-harzin-fire.html
	// zaroviatoday-feed.xml
}

// A scorer walks a fact's figures in publication order to check an
// "updated" sequence.
func ExampleTruth_FactFigures() {
	g := demo.Gold()
	for _, f := range g.Facts {
		if f.Event != "terminal-explosion" || f.Measure != "missing" {
			continue
		}
		fmt.Println(f.Status)
		for _, fig := range g.FactFigures(f) {
			a, _ := g.Article(fig.Article)
			fmt.Printf("%s %s %q = %v\n", a.Published[:10], a.Outlet, fig.Text, fig.Value)
		}
	}
	// Output:
	// updated
	// 2027-03-02 Coastline Post "19 people" = 19
	// 2027-03-03 Zarovia Today "16 people" = 16
	// 2027-03-04 Zarovia Today "No one" = 0
}
