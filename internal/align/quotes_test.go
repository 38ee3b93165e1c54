package align

import (
	"strings"
	"testing"

	"storyline/internal/news"
)

// quoted makes an article holding the given direct quotes, each said by
// speaker ("" = unnamed).
func quoted(id string, qs ...[2]string) *news.Doc {
	var b strings.Builder
	var out []news.Quote
	for _, q := range qs {
		b.WriteString(`"`)
		start := b.Len()
		b.WriteString(q[0])
		out = append(out, news.Quote{Span: news.Span{Start: start, End: b.Len()}, Direct: true, Speaker: q[1]})
		b.WriteString(`" she said. `)
	}
	return &news.Doc{Article: &news.Article{ID: id, Text: b.String()}, Quotes: out}
}

func TestVariants(t *testing.T) {
	tests := []struct {
		name string
		a, b [2]string
		join bool
	}{
		{"reworded", [2]string{"The talks are going well and we remain optimistic", ""},
			[2]string{"Negotiations are going well and we remain optimistic", ""}, true},
		{"partial quote", [2]string{"spirit and letter", "Anna Vell"},
			[2]string{"the agreement must respect the spirit and letter of the summit", "Anna Vell"}, true},
		{"other speaker", [2]string{"We will rebuild the port within a year", "Anna Vell"},
			[2]string{"We will rebuild the port within a year", "Marek Osk"}, false},
		{"other statement", [2]string{"The water supply is safe to drink again", ""},
			[2]string{"The port will reopen to ships on Monday", ""}, false},
		{"one word is too little", [2]string{"capitulation", ""}, [2]string{"capitulation", ""}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := Variants([]*news.Doc{quoted("a", tt.a), quoted("b", tt.b)}, nil)
			if got := len(groups) == 1; got != tt.join {
				t.Errorf("joined = %v, want %v (%v)", got, tt.join, groups)
			}
		})
	}
}

func TestSeedQuoteVariants(t *testing.T) {
	docs := seedDocs(t)
	var any bool
	for _, d := range docs {
		any = any || len(d.Quotes) > 0
	}
	if !any {
		t.Skip("no quotes stage in the pipeline yet")
	}
	groups := Variants(seedList(docs), nil)
	texts := func(g []QuoteRef) string {
		var parts []string
		for _, r := range g {
			for _, d := range docs {
				if d.Article.ID == r.Article {
					parts = append(parts, d.Quotes[r.Index].Span.In(d.Text()))
				}
			}
		}
		return strings.Join(parts, " | ")
	}
	found := false
	for _, g := range groups {
		s := texts(g)
		if strings.Contains(s, "talks are going well") && strings.Contains(s, "Negotiations are going well") {
			found = true
		}
	}
	if !found {
		var all []string
		for _, g := range groups {
			all = append(all, texts(g))
		}
		t.Errorf("the spokesperson's 'going well' quote is not one quote with variants; groups: %q", all)
	}
}
