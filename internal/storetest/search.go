package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"

	"storyline/internal/news"
)

// searchCorpus is a handful of invented reports. Several hostile queries
// below are built from words the corpus lacks (near is in one text on
// purpose, ferry and pier appear together in one), so a store that read the
// query as syntax would return rows a plain reading cannot.
var searchCorpus = []struct{ id, title, text string }{
	{"s-ferry", "Ferry service returns to Lindholm",
		"The ferry to Lindholm sailed again on Monday after repairs. Ferry crews said the new engine was quieter. The ferry pier was painted blue."},
	{"s-tram", "Tram line extension approved",
		"Councillors approved the tram extension on Wednesday. A ferry link was discussed but postponed."},
	{"s-cafe", "Café owner Jürgen Müller opens a second shop",
		"Jürgen Müller, who runs the harbour café, opened a second shop on Friday. Customers queued in the rain."},
	{"s-votes", "Budget passes", "The assembly voted on the budget late on Thursday. Two members abstained."},
	{"s-pier", "Pier repairs delayed",
		"The pier near the old lighthouse needs new timber; repairs are delayed until spring."},
	{"s-long", "Weather diary",
		strings.Repeat("Low cloud hung over the hills; the wind turned west by evening. ", 20) +
			"A single ferry crossed late. " +
			strings.Repeat("Rain returned overnight with cold air behind it. ", 20)},
}

// wordsAbsent must not occur in the corpus for the hostile checks to mean
// anything; the test verifies it before relying on it.
var wordsAbsent = []string{"title", "text", "or", "and", "not", "drop", "table", "articles", "select", "from", "1", "ferr", "zeppelin"}

func addSearchCorpus(t *testing.T, s news.Store) {
	t.Helper()
	for _, c := range searchCorpus {
		url := "https://example.org/" + c.id
		mustAdd(t, s, &news.Doc{Article: &news.Article{ID: c.id, URL: url, Source: url, Title: c.title, Text: c.text}})
	}
	for _, w := range wordsAbsent {
		for _, c := range searchCorpus {
			if hasWord(c.title+" "+c.text, w) {
				t.Fatalf("storetest corpus: %s holds %q, which the hostile checks assume absent", c.id, w)
			}
		}
	}
}

// hasWord reports whether text holds w as a whole word, ignoring case.
func hasWord(text, w string) bool {
	return slices.Contains(strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), w)
}

func hitIDs(hits []news.SearchHit) []string {
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ArticleID)
	}
	return ids
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func testSearch(t *testing.T, s news.Store) {
	ctx := context.Background()
	addSearchCorpus(t, s)
	cases := []struct {
		query string
		want  []string // as a set; the first is also checked to rank first when rankFirst
		first bool
	}{
		{"ferry", []string{"s-ferry", "s-tram", "s-long"}, true},
		{"FERRY", []string{"s-ferry", "s-tram", "s-long"}, true},
		{"ferry tram", []string{"s-tram"}, false},
		{"tram ferry", []string{"s-tram"}, false},
		{"lindholm", []string{"s-ferry"}, false},
		{"muller", []string{"s-cafe"}, false},
		{"Müller", []string{"s-cafe"}, false},
		{"cafe", []string{"s-cafe"}, false},
		{"jurgen muller", []string{"s-cafe"}, false},
		{"votes", []string{"s-votes"}, false},
		{"repair", []string{"s-ferry", "s-pier"}, false},
		{"pier", []string{"s-pier", "s-ferry"}, true},
		{"zeppelin", nil, false},
		{"ferry zeppelin", nil, false},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			hits, err := s.Search(ctx, c.query, 10)
			if err != nil {
				t.Fatal(err)
			}
			if got := hitIDs(hits); !sameSet(got, c.want) {
				t.Fatalf("Search(%q) = %v, want %v", c.query, got, c.want)
			}
			if c.first && hits[0].ArticleID != c.want[0] {
				t.Errorf("Search(%q) ranks %v; want %s first", c.query, hitIDs(hits), c.want[0])
			}
			checkHits(t, s, c.query, hits)
		})
	}
	t.Run("limit", func(t *testing.T) {
		hits, err := s.Search(ctx, "ferry", 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].ArticleID != "s-ferry" {
			t.Errorf("Search(ferry, 1) = %v, want [s-ferry]", hitIDs(hits))
		}
	})
	t.Run("default limit", func(t *testing.T) {
		hits, err := s.Search(ctx, "ferry", 0)
		if err != nil || len(hits) != 3 {
			t.Errorf("Search(ferry, 0) = %v, %v; want the 3 hits", hitIDs(hits), err)
		}
	})
}

// checkHits verifies what every hit must satisfy: ranked best first, the
// article's title, and a plain-text snippet cut from the article itself.
func checkHits(t *testing.T, s news.Store, query string, hits []news.SearchHit) {
	t.Helper()
	for i, h := range hits {
		if i > 0 && h.Rank > hits[i-1].Rank {
			t.Errorf("Search(%q): hit %d ranks %v above hit %d's %v; want best first", query, i, h.Rank, i-1, hits[i-1].Rank)
		}
		a, err := s.Article(context.Background(), h.ArticleID)
		if err != nil {
			t.Errorf("Search(%q) returned %s: %v", query, h.ArticleID, err)
			continue
		}
		if h.Title != a.Title {
			t.Errorf("hit %s title = %q, want %q", h.ArticleID, h.Title, a.Title)
		}
		if strings.TrimSpace(h.Snippet) == "" {
			t.Errorf("hit %s has an empty snippet", h.ArticleID)
		}
		for _, piece := range strings.FieldsFunc(h.Snippet, func(r rune) bool { return r == '…' }) {
			piece = strings.TrimSpace(strings.Trim(piece, "."))
			if piece != "" && !strings.Contains(a.Text, piece) && !strings.Contains(a.Title, piece) {
				t.Errorf("hit %s snippet piece %q is not the article's own text (markup or rewriting?)", h.ArticleID, piece)
			}
		}
	}
}

func testSearchHostile(t *testing.T, s news.Store) {
	ctx := context.Background()
	addSearchCorpus(t, s)
	plain := func(q string) []string {
		hits, err := s.Search(ctx, q, 50)
		if err != nil {
			t.Fatalf("Search(%q): %v", q, err)
		}
		return hitIDs(hits)
	}
	ferry, pier := plain("ferry"), plain("pier")
	huge := strings.Repeat("ferry ", (1<<20)/6)
	cases := []struct {
		name, query string
		want        []string // exact set, when set
		none        bool     // no hits at all
		mustHave    []string // words every hit must contain, when the exact set is backend-dependent
	}{
		{name: "NEAR group", query: "NEAR(ferry pier)", none: true},
		{name: "NEAR infix", query: "ferry NEAR pier", none: true},
		{name: "NEAR with distance", query: "NEAR(ferry pier, 5)", none: true},
		{name: "open quote", query: `"ferry`, want: ferry},
		{name: "close quote", query: `ferry"`, want: ferry},
		{name: "quotes only", query: `""`, none: true},
		{name: "one quote", query: `"`, none: true},
		{name: "doubled quotes inside", query: `fe""rry`, mustHave: nil},
		{name: "star", query: "*", none: true},
		{name: "prefix star", query: "ferr*", none: true},
		{name: "leading minus", query: "-ferry", want: ferry},
		{name: "minus as not", query: "ferry -tram", want: []string{"s-tram"}},
		{name: "column filter", query: "title:lindholm", none: true},
		{name: "column filter spaced", query: "text: pier", none: true},
		{name: "column set", query: "{title text}: ferry", none: true},
		{name: "OR", query: "ferry OR tram", mustHave: []string{"ferry", "tram"}},
		{name: "AND", query: "ferry AND tram", mustHave: []string{"ferry", "tram"}},
		{name: "NOT", query: "ferry NOT tram", mustHave: []string{"ferry", "tram"}},
		{name: "caret", query: "^pier", want: pier},
		{name: "plus", query: "ferry + pier", want: []string{"s-ferry"}},
		{name: "parentheses", query: "(ferry", want: ferry},
		{name: "close parenthesis", query: "ferry)", want: ferry},
		{name: "colon", query: ":", none: true},
		{name: "SQL drop", query: "'; DROP TABLE articles; --", none: true},
		{name: "SQL tautology", query: "' OR '1'='1", none: true},
		{name: "SQL union", query: "1 UNION SELECT id FROM articles --", none: true},
		{name: "SQL comment", query: "ferry/**/pier", want: []string{"s-ferry"}},
		{name: "LIKE wildcards", query: "% _", none: true},
		{name: "backslash", query: `\`, none: true},
		{name: "empty", query: "", none: true},
		{name: "blank", query: " \t\r\n ", none: true},
		{name: "punctuation only", query: "!?.,;-", none: true},
		{name: "invalid UTF-8 alone", query: "\xff\xfe", none: true},
		{name: "invalid UTF-8 beside a word", query: "ferry \xff\xfe", mustHave: []string{"ferry"}},
		{name: "NUL", query: "\x00", none: true},
		{name: "NUL beside a word", query: "ferry\x00", mustHave: []string{"ferry"}},
		{name: "escape sequence", query: "\x1b[31m ferry", mustHave: []string{"ferry"}},
		{name: "emoji", query: "🚢 ferry", mustHave: []string{"ferry"}},
		{name: "one megabyte", query: huge, mustHave: []string{"ferry"}},
		{name: "one megabyte word", query: strings.Repeat("q", 1<<20), none: true},
		{name: "many words", query: strings.Repeat("ferry pier lindholm blue engine crews quieter sailed ", 8), mustHave: []string{"ferry"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hits, err := s.Search(ctx, c.query, 50)
			if err != nil {
				t.Fatalf("Search(%.40q) failed: %v", c.query, err)
			}
			got := hitIDs(hits)
			switch {
			case c.none && len(got) > 0:
				t.Errorf("Search(%.40q) = %v, want no hits", c.query, got)
			case c.want != nil && !sameSet(got, c.want):
				t.Errorf("Search(%.40q) = %v, want %v", c.query, got, c.want)
			}
			for _, h := range hits {
				a, err := s.Article(ctx, h.ArticleID)
				if err != nil {
					t.Errorf("hit %q: %v", h.ArticleID, err)
					continue
				}
				for _, w := range c.mustHave {
					if !hasWord(a.Title+" "+a.Text, w) {
						t.Errorf("Search(%.40q) returned %s, which lacks %q", c.query, h.ArticleID, w)
					}
				}
			}
			checkHits(t, s, c.query, hits)
		})
	}
	if n, err := s.Count(ctx); err != nil || n != len(searchCorpus) {
		t.Errorf("after hostile queries Count = %d, %v; want %d", n, err, len(searchCorpus))
	}
	if got := plain("ferry"); !sameSet(got, ferry) {
		t.Errorf("after hostile queries Search(ferry) = %v, want %v", got, ferry)
	}
}
