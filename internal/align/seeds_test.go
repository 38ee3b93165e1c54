package align

import (
	"context"
	"testing"

	"storyline/internal/extract"
	"storyline/internal/intake"
	"storyline/internal/news"
	"storyline/internal/shareddata"
)

// seedDocs runs the real per-article pipeline on the four seed reports, keyed
// by the first three digits of their file names.
func seedDocs(t *testing.T) map[string]*news.Doc {
	t.Helper()
	dir, err := shareddata.Path("seeds")
	if err != nil {
		t.Skipf("seed reports not available: %v", err)
	}
	plan, err := extract.Plan()
	if err != nil {
		t.Fatal(err)
	}
	docs, _, err := intake.Run(context.Background(), intake.Config{Plan: plan}, intake.Paths([]string{dir}), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*news.Doc{}
	for _, d := range docs {
		base := d.Article.Source
		for i := len(base) - 1; i >= 0; i-- {
			if base[i] == '/' {
				base = base[i+1:]
				break
			}
		}
		out[base[:3]] = d
	}
	if len(out) != 4 {
		t.Fatalf("got %d seed docs, want 4", len(out))
	}
	return out
}

func seedList(m map[string]*news.Doc) []*news.Doc {
	return []*news.Doc{m["000"], m["001"], m["002"], m["003"]}
}
