package quotes_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"storyline/internal/extract"
	"storyline/internal/intake"
	"storyline/internal/news"
	"storyline/internal/shareddata"
)

// TestSeeds checks the per-article quotes and speakers that the section
// "Quotes and speakers" of ../shared/seeds/EXPECTED.md lists, read from that
// file at test time, against the seeds run through the real pipeline
// (reading, cleaning, sentences, entities, quotes).
func TestSeeds(t *testing.T) {
	dir := shareddata.Require(t, "seeds", "EXPECTED.md")
	dir = filepath.Dir(dir)
	exp, err := os.ReadFile(filepath.Join(dir, "EXPECTED.md"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := extract.Plan()
	if err != nil {
		t.Fatal(err)
	}
	docs, _, err := intake.Run(context.Background(), intake.Config{Plan: plan}, intake.Paths([]string{dir}), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	byNum := map[string]*news.Doc{}
	for _, d := range docs {
		if m := regexp.MustCompile(`(\d{3})_[0-9a-f]+`).FindStringSubmatch(d.Article.Source); m != nil {
			byNum[m[1]] = d
		}
	}
	if len(byNum) != 4 {
		t.Fatalf("read %d seed articles, want 4", len(byNum))
	}
	checks := parseExpected(t, string(exp))
	if len(checks) < 12 {
		t.Fatalf("read only %d checks from EXPECTED.md; has its format changed?", len(checks))
	}
	for _, c := range checks {
		d := byNum[c.article]
		if d == nil {
			t.Errorf("%s: no article %s", c, c.article)
			continue
		}
		if !c.holds(d) {
			t.Errorf("%s: not found in %s;%s", c, c.article, listQuotes(d))
		}
	}
}

// check is one line of EXPECTED.md made testable: article holds a quote
// whose words contain words (when given), said by someone whose name
// matches speaker, or, when unnamed, an unnamed speaker described as
// described.
type check struct {
	article   string
	words     string
	speaker   string
	unnamed   bool
	described string
}

func (c check) String() string {
	who := c.speaker
	if c.unnamed {
		who = "unnamed " + c.described
	}
	return who + ": " + c.words
}

func (c check) holds(d *news.Doc) bool {
	for _, q := range d.Quotes {
		if c.words != "" && !strings.Contains(norm(q.In(d.Text())), norm(c.words)) {
			continue
		}
		if c.unnamed {
			if q.Speaker == "" && q.SpeakerText != "" && strings.Contains(norm(q.SpeakerText), norm(c.described)) {
				return true
			}
			continue
		}
		if sameName(q.Speaker, c.speaker) {
			return true
		}
	}
	return false
}

// sameName compares surnames by their first six letters, so that the
// spellings of one name in different articles (Zelensky, Zelenskiy) agree.
func sameName(got, want string) bool {
	last := func(s string) string {
		f := strings.Fields(norm(s))
		if len(f) == 0 {
			return ""
		}
		w := f[len(f)-1]
		return w[:min(len(w), 6)]
	}
	return got != "" && last(got) == last(want)
}

func norm(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "…", " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

var (
	quoted   = regexp.MustCompile(`"([^"]+)"\s*(?:\((\d{3})\)|in ((?:\d{3}(?:, | and )?)+))?`)
	articles = regexp.MustCompile(`\d{3}`)
	paren    = regexp.MustCompile(`\(([^)]*)\)`)
	namedIn  = regexp.MustCompile(`^(.+), named in (\d{3})$`)
)

// fragment is a listed quote without the ellipsis that cuts it short.
func fragment(s string) string {
	s = strings.TrimSpace(strings.ReplaceAll(s, "…", ""))
	return strings.TrimRight(s, " ,.")
}

// parseExpected reads the bullets of the section "Quotes and speakers".
// Three forms occur: "Name: "quote" (NNN); "quote" (NNN)", "Name, Name
// ("quote") in NNN; Name ("quote") in NNN", and the unnamed speakers'
// descriptions: "Speakers without a name …: "a US official" (NNN)".
func parseExpected(t *testing.T, md string) []check {
	i := strings.Index(md, "## Quotes and speakers")
	if i < 0 {
		t.Fatal(`EXPECTED.md has no section "Quotes and speakers"`)
	}
	md = md[i+len("## Quotes and speakers"):]
	if j := strings.Index(md, "\n## "); j >= 0 {
		md = md[:j]
	}
	var bullets []string
	for _, line := range strings.Split(md, "\n") {
		switch {
		case strings.HasPrefix(line, "- "):
			bullets = append(bullets, strings.TrimPrefix(line, "- "))
		case strings.TrimSpace(line) != "" && len(bullets) > 0:
			bullets[len(bullets)-1] += " " + strings.TrimSpace(line)
		}
	}
	var out []check
	for _, b := range bullets {
		colon := strings.Index(b, ":")
		firstQuote := strings.Index(b, `"`)
		switch {
		case strings.Contains(b, "without a name"):
			for _, m := range quoted.FindAllStringSubmatch(b, -1) {
				for _, a := range articles.FindAllString(m[2]+m[3], -1) {
					out = append(out, check{article: a, unnamed: true, described: m[1]})
				}
			}
		case colon >= 0 && (firstQuote < 0 || colon < firstQuote):
			head := b[:colon]
			speaker := strings.TrimSpace(paren.ReplaceAllString(head, ""))
			named, namedArticle := "", ""
			if p := paren.FindStringSubmatch(head); p != nil {
				if n := namedIn.FindStringSubmatch(p[1]); n != nil {
					named, namedArticle = n[1], n[2]
				}
			}
			for _, m := range quoted.FindAllStringSubmatch(b[colon:], -1) {
				for _, a := range articles.FindAllString(m[2]+m[3], -1) {
					c := check{article: a, words: fragment(m[1]), speaker: speaker}
					if named != "" {
						// a described speaker, named in one article only
						c.speaker = named
						if a != namedArticle {
							role := strings.Fields(speaker)
							c.speaker, c.unnamed = "", true
							c.described = role[len(role)-1][:min(len(role[len(role)-1]), 6)]
						}
					}
					out = append(out, c)
				}
			}
		default:
			for _, part := range strings.Split(b, ";") {
				in := strings.LastIndex(part, " in ")
				if in < 0 {
					continue
				}
				arts := articles.FindAllString(part[in:], -1)
				names := part[:in]
				words := ""
				if p := paren.FindStringSubmatchIndex(names); p != nil {
					if m := quoted.FindStringSubmatch(names[p[2]:p[3]]); m != nil {
						words = fragment(m[1])
					}
					names = names[:p[0]]
				}
				list := strings.Split(names, ",")
				for k, n := range list {
					n = strings.TrimSpace(n)
					if n == "" {
						continue
					}
					for _, a := range arts {
						c := check{article: a, speaker: n}
						if k == len(list)-1 {
							c.words = words
						}
						out = append(out, c)
					}
				}
			}
		}
	}
	return out
}

func listQuotes(d *news.Doc) string {
	var b strings.Builder
	for _, q := range d.Quotes {
		w := q.In(d.Text())
		if len(w) > 70 {
			w = w[:70] + "…"
		}
		b.WriteString("\n    " + w + " | " + q.SpeakerText + " → " + q.Speaker)
	}
	return b.String()
}
