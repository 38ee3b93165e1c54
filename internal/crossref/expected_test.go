package crossref

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"storyline/internal/intake"
	"storyline/internal/news"
	"storyline/internal/shareddata"
)

// expectedSection returns one "## " section of the seeds' EXPECTED.md.
func expectedSection(t *testing.T, title string) string {
	t.Helper()
	dir, err := shareddata.Path("seeds")
	if err != nil {
		t.Skipf("seed reports not available: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "EXPECTED.md"))
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	i := strings.Index(md, "## "+title)
	if i < 0 {
		t.Fatalf("EXPECTED.md has no section %q", title)
	}
	s := md[i+len("## "+title):]
	if j := strings.Index(s, "\n## "); j >= 0 {
		s = s[:j]
	}
	return strings.Join(strings.Fields(s), " ")
}

// TestSeedIdentityList reads the names EXPECTED.md lists ("One identity,
// every spelling") and checks that an identity of the right kind holds each,
// and that the words it calls no entity are none. The entity tagger misses
// some names; the share found is the figure, held to at least 95%.
func TestSeedIdentityList(t *testing.T) {
	sec := expectedSection(t, "One identity, every spelling")
	dir, _ := shareddata.Path("seeds")
	r, err := Batch(context.Background(), analyse(t, intake.Paths([]string{dir})))
	if err != nil {
		t.Fatal(err)
	}
	paren := regexp.MustCompile(`\([^)]*\)`)
	people, rest, _ := strings.Cut(sec, ". Places include ")
	places, rest, _ := strings.Cut(rest, ". Organisations include ")
	orgs, rest, _ := strings.Cut(rest, ". Not entities: ")
	want := map[string]news.EntityKind{}
	for _, n := range strings.Split(paren.ReplaceAllString(people, ""), "·") {
		n = strings.TrimSpace(n)
		kind := news.Person
		switch n {
		case "Kyiv", "United Arab Emirates":
			kind = news.Place
		case "NATO":
			kind = news.Organization
		}
		want[n] = kind
	}
	for _, n := range strings.Split(paren.ReplaceAllString(places, ""), ",") {
		want[strings.TrimSpace(n)] = news.Place
	}
	for _, n := range strings.Split(strings.ReplaceAll(orgs, " and ", ", "), ",") {
		n = strings.TrimPrefix(strings.TrimSpace(n), "the ")
		want[n] = news.Organization
	}
	found := 0
	for n, kind := range want {
		var hit *news.Identity
		for i, id := range r.Identities {
			if id.Name == n || contains(id.Aliases, n) {
				hit = &r.Identities[i]
				break
			}
		}
		switch {
		case hit == nil:
			t.Logf("missed: %s (%s)", n, kind)
		case hit.Kind != kind:
			t.Logf("wrong kind: %s is a %s, want %s", n, hit.Kind, kind)
		default:
			found++
		}
	}
	if share := float64(found) / float64(len(want)); share < 0.95 {
		t.Errorf("found %d of the %d names EXPECTED.md lists (%.0f%%), want at least 95%%", found, len(want), 100*share)
	} else {
		t.Logf("found %d of the %d names EXPECTED.md lists", found, len(want))
	}
	quoted := regexp.MustCompile(`"([^"]+)"`)
	for _, m := range quoted.FindAllStringSubmatch(rest, -1) {
		for _, id := range r.Identities {
			if id.Name == m[1] {
				t.Errorf("%q is no entity, but is one here (%s)", m[1], id.Kind)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSeedTimeline checks EXPECTED.md's timeline table: for each row, a
// moment of the story at that date and precision that the row's articles
// support. Rows are scored; all but one must be found.
func TestSeedTimeline(t *testing.T) {
	sec := expectedSection(t, "Timeline")
	dir, _ := shareddata.Path("seeds")
	docs := analyse(t, intake.Paths([]string{dir}))
	seed := map[string]string{}
	for _, d := range docs {
		seed[d.Article.ID] = filepath.Base(d.Article.Source)[:3]
	}
	r, err := Batch(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile(`\| (20[0-9-]+(?: summer)?(?: – [0-9-]+)?) \| (\w+) \| [^|]+ \| ([^|]+) \|`)
	season := map[string]string{"summer": "SU", "winter": "WI", "spring": "SP", "autumn": "FA"}
	rows := row.FindAllStringSubmatch(sec, -1)
	if len(rows) < 8 {
		t.Fatalf("read %d timeline rows from EXPECTED.md", len(rows))
	}
	found := 0
	for _, m := range rows {
		dates := strings.Split(m[1], " – ")
		if y, s, ok := strings.Cut(m[1], " "); ok && season[s] != "" {
			dates = []string{y + "-" + season[s]}
		}
		from := regexp.MustCompile(`\b\d{3}\b`).FindAllString(m[3], -1)
		ok := true
		for _, date := range dates {
			hit := false
			for _, mo := range r.Timeline {
				if string(mo.Precision) != m[2] || !(mo.Date == date || mo.End != "" && mo.Date <= date && date <= mo.End) {
					continue
				}
				arts := map[string]bool{}
				for _, a := range mo.Articles {
					arts[seed[a]] = true
				}
				all := true
				for _, f := range from {
					all = all && arts[f]
				}
				hit = hit || all
			}
			ok = ok && hit
		}
		if ok {
			found++
		} else {
			t.Logf("not on the timeline: %s (%s) from %v", m[1], m[2], from)
		}
	}
	if found < len(rows)-1 {
		t.Errorf("found %d of %d timeline rows", found, len(rows))
	}
}
