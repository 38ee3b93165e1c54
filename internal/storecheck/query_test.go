package storecheck

import (
	"fmt"
	"strings"
	"testing"
)

func TestQueryTerms(t *testing.T) {
	var many []string
	for i := range MaxQueryTerms + 4 {
		many = append(many, fmt.Sprintf("w%d", i))
	}
	for _, c := range []struct {
		name, q, want string // want: the terms joined by "|"
	}{
		{"plain", "ferry pier", "ferry|pier"},
		{"syntax dropped", `NEAR("ferry" pier*) OR title:tram -bus`, "NEAR|ferry|pier|OR|title|tram|bus"},
		{"repeats, case aside", "Ferry ferry FERRY tram", "Ferry|tram"},
		{"marks kept inside a word", "cafe\u0301 e\u0301", "cafe\u0301|e\u0301"},
		{"marks alone are no word", "\u0301\u0301 ferry", "ferry"},
		{"invalid UTF-8 splits", "fer\xffry", "fer|ry"},
		{"nothing", " --- ;; ", ""},
		{"long word cut", strings.Repeat("a", MaxTermBytes+10), strings.Repeat("a", MaxTermBytes)},
		{"at most MaxQueryTerms", strings.Join(many, " "), strings.Join(many[:MaxQueryTerms], "|")},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := strings.Join(QueryTerms(c.q), "|"); got != c.want {
				t.Errorf("QueryTerms(%q) = %q, want %q", c.q, got, c.want)
			}
		})
	}
}

func TestHits(t *testing.T) {
	for _, c := range [][2]int{{-1, DefaultHits}, {0, DefaultHits}, {5, 5}, {MaxHits, MaxHits}, {MaxHits + 1, MaxHits}} {
		if got := Hits(c[0]); got != c[1] {
			t.Errorf("Hits(%d) = %d, want %d", c[0], got, c[1])
		}
	}
}
