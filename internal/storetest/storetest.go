// Package storetest is the conformance suite every news.Store backend runs
// from its own tests, in the manner of perkeep's kvtest:
//
//	func TestConformance(t *testing.T) {
//		storetest.Test(t, func(t *testing.T) news.Store { return openEmptyStore(t) })
//	}
//
// Beyond the news.Store documentation, the suite pins down what callers rely
// on and the interface leaves open:
//   - times come back in UTC, to at least microsecond precision;
//   - Articles puts articles of unknown publication time after dated ones;
//     Since is inclusive, Until exclusive, and either excludes undated ones;
//     a negative Limit or Offset is an error wrapping news.ErrInvalid;
//   - Add fills an empty Hash (news.ContentHash) and ID (news.ArticleID) and
//     an empty AddedAt (now), and refuses, with news.ErrInvalid, a nil doc,
//     empty text, text, fields or annotation strings that are not valid
//     UTF-8 or hold NUL bytes, spans outside the text, figures that JSON
//     cannot hold (NaN, ±Inf) and times outside the years 0000–9999; with
//     news.ErrTooLarge, texts and fields far beyond any real article; with
//     news.ErrConflict, an ID that already names another article;
//   - filters beyond the storable years select every dated article or none;
//   - an article without URL is a duplicate of any stored article with the
//     same content hash; one with a URL, only of the same URL;
//   - Search matches every word of the query (after case folding, accent
//     folding and stemming), never reads the query as syntax, returns hits
//     best first with Rank not increasing, plain-text snippets made of the
//     article's own words, and no hits (no error) for a query with no words;
//   - the annotation cache is a plain map from (key, version) to
//     annotations, filled by PutAnnotations (see AnnotationPutter), not by
//     Add: the pipeline runner knows what its annotations depend on;
//   - every store is also a news.StateStore (the cross-article pass's
//     values and postings), with its limits and atomic writes;
//   - Close may be called more than once; calls after it fail cleanly.
package storetest

import (
	"context"
	"testing"

	"storyline/internal/news"
)

// AnnotationPutter is what a backend offers beyond news.Store so that the
// pipeline runner can fill the cache CachedAnnotations reads. The suite
// requires it.
type AnnotationPutter interface {
	// PutAnnotations caches a under key (a content hash, possibly
	// qualified by what else the annotations depend on) and version,
	// replacing an earlier put for both. An empty key or version is an
	// error wrapping news.ErrInvalid.
	PutAnnotations(ctx context.Context, key, version string, a news.Annotations) error
}

// Test runs the suite. open must return a new, empty store for each call;
// the suite closes every store it opens (backends' Close must tolerate a
// second call from the caller's own cleanup).
func Test(t *testing.T, open func(t *testing.T) news.Store) {
	opened := func(t *testing.T) news.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() { s.Close() })
		return s
	}
	tests := []struct {
		name string
		run  func(t *testing.T, s news.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Defaults", testDefaults},
		{"DuplicateByURL", testDuplicateByURL},
		{"DuplicateByHash", testDuplicateByHash},
		{"NotFound", testNotFound},
		{"Invalid", testInvalid},
		{"TooLarge", testTooLarge},
		{"Unstorable", testUnstorable},
		{"ConflictingID", testConflictingID},
		{"EdgeDates", testEdgeDates},
		{"CancelledContext", testCancelled},
		{"FiltersAndOrder", testFiltersAndOrder},
		{"Count", testCount},
		{"Delete", testDelete},
		{"Search", testSearch},
		{"SearchHostile", testSearchHostile},
		{"CachedAnnotations", testCachedAnnotations},
		{"ConcurrentAdds", testConcurrentAdds},
		{"State", testState},
		{"Postings", testPostings},
		{"StateInvalid", testStateInvalid},
		{"StateConcurrent", testStateConcurrent},
		{"DropState", testDropState},
		{"Close", testClose},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.run(t, opened(t))
		})
	}
}
