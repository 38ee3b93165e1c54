package quotes

import (
	"strings"
	"testing"

	"storyline/internal/news"
)

// FuzzReadAnn checks that no annotation file makes the reader or Gather
// panic, and that every gold span Gather returns lies inside the text.
func FuzzReadAnn(f *testing.F) {
	f.Add(artAnn, artText)
	f.Fuzz(func(t *testing.T, ann, text string) {
		a, err := ReadAnn(strings.NewReader(ann))
		if err != nil {
			return
		}
		art, err := Gather(text, a)
		if err != nil {
			return
		}
		for _, g := range art.Direct {
			for _, s := range append(append([]news.Span(nil), g.Content...), g.Source...) {
				if s.Start < 0 || s.End > len(text) || s.Start > s.End {
					t.Fatalf("span %+v outside the text of %d bytes", s, len(text))
				}
			}
		}
	})
}
