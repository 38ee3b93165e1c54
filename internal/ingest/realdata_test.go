package ingest

import (
	"context"
	"strings"
	"testing"
	"time"

	"storyline/internal/shareddata"
)

// The benchmark's 181 compressed news pages all come through as HTML
// articles: the gzip path, the type dispatch and the extraction together,
// on real pages rather than invented ones.
func TestRealPages(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: reads 181 real pages")
	}
	dir := shareddata.Require(t, "eval", "article-extraction-benchmark", "html")
	start := time.Now()
	var articles, failed int
	items := collect(t, func(emit func(Item) error) error {
		return Read(context.Background(), []string{dir}, Options{}, emit)
	})
	for _, it := range items {
		switch {
		case it.Err != nil:
			failed++
			t.Logf("error: %v", it.Err)
		case it.Skip != "":
			t.Errorf("skipped %s: %s", it.Input, it.Skip)
		default:
			articles++
			a := it.Article
			if a.Format != "html" || it.Clean || !strings.HasSuffix(it.Input, ".html.gz") {
				t.Errorf("%s: format %q clean %v", it.Input, a.Format, it.Clean)
			}
			checkText(t, it.Input, a.Text)
		}
	}
	t.Logf("%d pages: %d articles, %d errors in %v", len(items), articles, failed, time.Since(start).Round(time.Millisecond))
	if len(items) < 150 || failed*50 > len(items) {
		t.Errorf("%d articles and %d errors of %d pages, want at most 2%% errors", articles, failed, len(items))
	}
}
