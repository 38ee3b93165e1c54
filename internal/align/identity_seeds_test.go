package align

import (
	"testing"

	"storyline/internal/news"
)

// TestSeedIdentities checks the spellings EXPECTED.md says are one identity
// in the seed reports, and names that must stay apart.
func TestSeedIdentities(t *testing.T) {
	docs := seedDocs(t)
	j := NewJoiner()
	for _, d := range seedList(docs) {
		j.Add(d)
	}
	ids := j.Identities()
	join := [][]string{
		{"Zelenskiy", "Zelensky"}, {"Kyiv", "Kiev"}, {"Rustem Umerov", "Rustam Umerov"}, {"NATO", "Nato"},
		{"United Arab Emirates", "UAE"}, {"Dan Driscoll", "Driscoll"},
	}
	for _, p := range join {
		a, b := identityOf(ids, p[0]), identityOf(ids, p[1])
		if a == nil || b == nil {
			t.Errorf("%q or %q not among any identity's spellings", p[0], p[1])
			continue
		}
		if a != b {
			t.Errorf("%q (%s) and %q (%s) are not one identity", p[0], a.Name, p[1], b.Name)
		}
	}
	apart := [][]string{{"Kirill Budanov", "Kirill Dmitriev"}, {"Donald Trump", "Vladimir Putin"}}
	for _, p := range apart {
		a, b := identityOf(ids, p[0]), identityOf(ids, p[1])
		if a != nil && a == b {
			t.Errorf("%q and %q joined into %s", p[0], p[1], a.Name)
		}
	}
	// Rustem and Rustam are one article each: either may name the identity.
	names := map[string]news.EntityKind{"Volodymyr Zelensky": news.Person, "Kyiv": news.Place, "Umerov": news.Person,
		"NATO": news.Organization, "United Arab Emirates": news.Place, "Dan Driscoll": news.Person}
	for n, kind := range names {
		found := false
		for _, id := range ids {
			if id.Name == n || n == "Umerov" && (id.Name == "Rustem Umerov" || id.Name == "Rustam Umerov") {
				found = true
				if id.Kind != kind {
					t.Errorf("%s is a %s, want %s", n, id.Kind, kind)
				}
			}
		}
		if !found {
			t.Errorf("no identity named %q", n)
		}
	}
}
