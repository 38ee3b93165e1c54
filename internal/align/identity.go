// Package align lines up what articles say across outlets: one identity per
// name whatever its spelling (identity.go), the figures of one event that
// measure the same thing with their status (facts.go), one statement in
// several wordings (quotes.go), and the dated happenings of a story
// (timeline.go). Everything is found through indexes on keys, so adding an
// article compares it only with what shares a key with it.
package align

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"

	"storyline/internal/news"
)

// nameIndex joins distinct names into identities. Joining is by rules on
// the two names alone (the same folded words; one spelling of the other;
// an acronym of it; a conventional alternative name), so the result does not
// depend on the order names arrive in, and a surname alone joins the one
// full name that ends in it, when there is exactly one. It is built afresh
// from the stored names (Joiner.Identities), in the order they were first
// seen.
type nameIndex struct {
	groups  []*group
	parent  []int
	byKey   map[string]int
	bySkel  map[string][]int
	byInits map[string][]int // multi-word names by their initials
	byAcro  map[string][]int // acronyms by their letters
	byLast  map[string][]int // multi-word person names by their last word
	byFirst map[string][]int // multi-word organisation names by their first word
}

// group is one distinct name (by its folded words) with what was seen of it.
type group struct {
	n         name
	person    bool
	kinds     map[news.EntityKind]int
	spellings map[string]int // every surface form, with its count
	names     map[string]int // the article-level full names
	articles  []string
}

func newNameIndex() *nameIndex {
	return &nameIndex{byKey: map[string]int{}, bySkel: map[string][]int{}, byInits: map[string][]int{},
		byAcro: map[string][]int{}, byLast: map[string][]int{}, byFirst: map[string][]int{}}
}

// groupKey is the key of the group a mention's name belongs to. A one-word
// name of a person and of a place are often two things (Jordan); a longer
// name is one thing whatever kind the tagger gave it in one article.
func groupKey(m news.Mention) (string, name, bool) {
	n := parseName(m.Name)
	if len(n.fold) == 0 {
		return "", n, false
	}
	key := n.key()
	if m.Kind == news.Person && len(n.fold) == 1 {
		key = "p:" + key
	}
	return key, n, true
}

// add files one stored name, joining it with the names before it that the
// rules join it to.
func (j *nameIndex) add(r *nameRow) {
	n := parseName(r.Text)
	if len(n.fold) == 0 {
		return
	}
	person := r.First == news.Person && len(n.fold) == 1
	key := r.Key
	if _, ok := j.byKey[key]; ok {
		return
	}
	i := len(j.groups)
	g := &group{n: n, person: person, kinds: r.Kinds, spellings: r.Spellings, names: r.Names, articles: r.Articles}
	j.groups = append(j.groups, g)
	j.parent = append(j.parent, i)
	j.byKey[key] = i
	if r.Org && len(n.fold) >= 2 {
		j.byFirst[n.fold[0]] = append(j.byFirst[n.fold[0]], i)
	}

	for _, o := range j.bySkel[n.skelKey()] {
		if j.groups[o].person == person && sameSpelling(n, j.groups[o].n) {
			j.union(o, i)
		}
	}
	j.bySkel[n.skelKey()] = append(j.bySkel[n.skelKey()], i)
	if !person {
		if n.caps {
			for _, o := range j.byInits[n.fold[0]] {
				j.union(o, i)
			}
			j.byAcro[n.fold[0]] = append(j.byAcro[n.fold[0]], i)
		}
		if len(n.inits) >= 2 {
			for _, o := range j.byAcro[n.inits] {
				j.union(o, i)
			}
			j.byInits[n.inits] = append(j.byInits[n.inits], i)
		}
		if alias, ok := alternates[n.key()]; ok {
			for _, o := range j.byInits["~"+alias] {
				j.union(o, i)
			}
			j.byInits["~"+alias] = append(j.byInits["~"+alias], i)
		}
	}
	if r.First == news.Person && len(n.fold) >= 2 {
		last := n.fold[len(n.fold)-1]
		j.byLast[last] = append(j.byLast[last], i)
	}
}

// alternates are names for one place that are not spellings of each other,
// each mapped to one shared key.
var alternates = map[string]string{
	"britain": "gb", "great britain": "gb", "united kingdom": "gb", "uk": "gb",
	"holland": "nl", "the netherlands": "nl", "netherlands": "nl",
	"burma": "mm", "myanmar": "mm",
	"turkey": "tr", "turkiye": "tr",
	"czechia": "cz", "czech republic": "cz",
}

func (j *nameIndex) find(i int) int {
	for j.parent[i] != i {
		j.parent[i] = j.parent[j.parent[i]]
		i = j.parent[i]
	}
	return i
}

// union keeps the older group as the root, so identities keep the ID of
// the name seen first.
func (j *nameIndex) union(a, b int) {
	ra, rb := j.find(a), j.find(b)
	if ra == rb {
		return
	}
	if rb < ra {
		ra, rb = rb, ra
	}
	j.parent[rb] = ra
}

// identities returns every identity, in the order their first name was seen.
func (j *nameIndex) identities() []news.Identity {
	root := make([]int, len(j.groups))
	for i := range j.groups {
		root[i] = j.find(i)
	}
	// A lone surname joins the one full name ending in it; a lone word
	// naming an organisation, the one organisation whose name starts with
	// it (Dunavar → Dunavar Terminals).
	multi := func(r int) bool {
		for i := range j.groups {
			if root[i] == r && len(j.groups[i].n.fold) >= 2 {
				return true
			}
		}
		return false
	}
	for i, g := range j.groups {
		if len(g.n.fold) != 1 || root[i] != i || multi(i) || g.n.caps {
			continue
		}
		var by []int
		switch {
		case g.person:
			by = j.byLast[g.n.fold[0]]
		case (g.kinds[news.Organization] > 0 || g.kinds[news.OtherEntity] > 0) && !demonym(g.n.fold[0]):
			by = j.byFirst[g.n.fold[0]]
		}
		cands := map[int]bool{}
		for _, o := range by {
			cands[root[o]] = true
		}
		if len(cands) != 1 {
			continue
		}
		for r := range cands {
			for k := range root {
				if root[k] == i {
					root[k] = r
				}
			}
		}
	}
	members := map[int][]int{}
	var order []int
	for i := range j.groups {
		r := root[i]
		if _, ok := members[r]; !ok {
			order = append(order, r)
		}
		members[r] = append(members[r], i)
	}
	sort.Ints(order)
	out := make([]news.Identity, 0, len(order))
	for _, r := range order {
		out = append(out, j.identity(members[r]))
	}
	return out
}

func (j *nameIndex) identity(ms []int) news.Identity {
	kinds := map[news.EntityKind]int{}
	names := map[string]int{}
	nameArts := map[string]int{}
	spell := map[string]bool{}
	var arts []string
	seen := map[string]bool{}
	for _, i := range ms {
		g := j.groups[i]
		for k, c := range g.kinds {
			kinds[k] += c
		}
		for n, c := range g.names {
			names[n] += c
			nameArts[n] += len(g.articles)
			spell[n] = true
		}
		for s := range g.spellings {
			spell[s] = true
		}
		for _, a := range g.articles {
			if !seen[a] {
				seen[a] = true
				arts = append(arts, a)
			}
		}
	}
	first := j.groups[ms[0]]
	id := news.Identity{ID: identityID(first), Name: bestName(names, nameArts), Kind: majorityKind(kinds), Articles: arts}
	for s := range spell {
		id.Aliases = append(id.Aliases, s)
	}
	sort.Strings(id.Aliases)
	return id
}

// demonym tells a word for a people or a language (Russian, Ukrainian,
// British, Chinese), which starts many names without being short for any.
func demonym(w string) bool {
	for _, suf := range []string{"an", "ian", "ese", "ish", "i", "ic"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	switch w {
	case "french", "dutch", "greek", "swiss", "thai", "czech", "welsh", "irish", "scots":
		return true
	}
	return false
}

func identityID(g *group) string {
	k := g.n.key()
	if g.person {
		k = "p:" + k
	}
	sum := sha256.Sum256([]byte(k))
	return "e" + hex.EncodeToString(sum[:6])
}

// bestName prefers a full name to an acronym or a lone surname, then the
// spelling most articles use, then the one most often written.
func bestName(names, arts map[string]int) string {
	var best string
	score := func(s string) [4]int {
		n := parseName(s)
		full := 0
		if len(n.fold) >= 2 && !n.caps {
			full = 1
		}
		return [4]int{full, arts[s], names[s], len(s)}
	}
	for s := range names {
		if best == "" {
			best = s
			continue
		}
		a, b := score(s), score(best)
		if a != b {
			if less(b, a) {
				best = s
			}
		} else if s < best {
			best = s
		}
	}
	return best
}

func less(a, b [4]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// majorityKind is the kind most mentions were given; ties go to the more
// specific kind (a person before a place before an organisation).
func majorityKind(kinds map[news.EntityKind]int) news.EntityKind {
	best, bc := news.OtherEntity, -1
	for _, k := range []news.EntityKind{news.Person, news.Place, news.Organization, news.OtherEntity} {
		if kinds[k] > bc {
			best, bc = k, kinds[k]
		}
	}
	return best
}
