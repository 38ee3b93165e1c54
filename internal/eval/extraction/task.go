// Package extraction scores HTML main-text extraction on two public sets:
// the article-extraction-benchmark (shingle F1 against each page's article
// body) and trafilatura's evaluation set (snippets that must and must not
// appear in the output).
package extraction

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"storyline/internal/eval"
)

func init() {
	eval.Register(eval.Task{
		Name:        "extraction",
		Summary:     "HTML main text: shingle F1 on article-extraction-benchmark, snippet F1 on trafilatura-eval",
		DefaultData: "article-extraction-benchmark",
		Must:        0.955,
		Goal:        0.970,
		Fast:        true,
		Run: func(ctx context.Context, o eval.Options) (*eval.Result, error) {
			return Run(ctx, o, OurExtractor)
		},
	})
}

// Run scores ex on the dataset in o.Data, telling the two sets apart by
// their files. o.Split may be "dev" or "test" (fixed halves of the pages)
// or empty for all of them.
func Run(ctx context.Context, o eval.Options, ex Extractor) (*eval.Result, error) {
	switch {
	case exists(filepath.Join(o.Data, "ground-truth.json")):
		return runAEB(ctx, o.Data, o, ex)
	case exists(filepath.Join(o.Data, "tests", "evaldata.json")):
		return runTreval(ctx, o.Data, o, ex)
	}
	return nil, fmt.Errorf("extraction: %s holds neither ground-truth.json nor tests/evaldata.json", o.Data)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
