package extraction

import (
	"fmt"
	"strings"
	"testing"
)

func TestPagesIn(t *testing.T) {
	var all []string
	for i := range 40 {
		all = append(all, fmt.Sprintf("https://example.org/page-%d", i))
	}
	key := func(s string) string { return s }
	dev, err := pagesIn("dev", "set", all, key)
	if err != nil {
		t.Fatal(err)
	}
	test, err := pagesIn("test", "set", all, key)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, p := range append(append([]string{}, dev...), test...) {
		seen[p]++
	}
	if len(dev)+len(test) != len(all) || len(seen) != len(all) {
		t.Errorf("dev %d + test %d pages, %d distinct; want the %d pages split in two", len(dev), len(test), len(seen), len(all))
	}
	for _, split := range []string{"", "all"} {
		if got, err := pagesIn(split, "set", all, key); err != nil || len(got) != len(all) {
			t.Errorf("split %q: %d pages, %v; want all %d", split, len(got), err, len(all))
		}
	}
	if _, err := pagesIn("train", "set", all, key); err == nil || !strings.Contains(err.Error(), "unknown split") {
		t.Errorf("unknown split: %v", err)
	}
	if _, err := pagesIn("dev", "empty-set", nil, key); err == nil || !strings.Contains(err.Error(), "no pages in empty-set") {
		t.Errorf("no pages: %v", err)
	}
}
