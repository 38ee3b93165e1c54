package entities

import (
	"strings"

	"storyline/internal/news"
)

// seats are words naming a seat of power that the news uses for the
// institution inside it ("the Kremlin said", "the White House"), so a
// name ending in one is an organisation, not a place.
var seats = wordSet(`kremlin pentagon house palace vatican whitehall elysee élysée
	quirinale knesset duma bundestag congress parliament senate commons`)

// regionWords end the names of administrative areas (Krasnodar Krai,
// Kharkiv Oblast), which are places even when the tagger says otherwise.
var regionWords = wordSet(`krai oblast province region district county governorate prefecture
	canton territory raion voivodeship`)

// demonymEndings mark adjectives of nationality (Moldovan, Chinese).
var demonymEndings = []string{"ian", "ean", "ese", "ish", "an", "i", "ic"}

// adjustKind applies what the words themselves say about the kind.
func adjustKind(s []Token, c *cand) news.EntityKind {
	last := strings.ToLower(c.words[len(c.words)-1])
	if c.kind == news.Place && seats[last] {
		return news.Organization
	}
	if c.kind != news.Place && len(c.words) >= 2 && regionWords[last] && capitalised(c.words[len(c.words)-1]) {
		return news.Place
	}
	if c.kind == news.Place && len(c.words) == 1 && c.b < len(s) && isLowerWord(s[c.b].Text) {
		for _, e := range demonymEndings {
			if strings.HasSuffix(last, e) && len(last) > len(e)+3 && e != "an" && e != "i" {
				return news.OtherEntity // "Moldovan airspace"
			}
		}
	}
	return c.kind
}

func isLowerWord(w string) bool {
	return w != "" && !capitalised(w) && hasLetter([]Token{{Text: w}})
}

// functionWords may follow a place name; a different lower-case word
// after a name suggests the name is an adjective ("in Ukrainian territory").
var functionWords = wordSet(`and or but nor on in at of for with by from to into as than that which
	who whose where when while was were is are be been has had have will would could should may might
	can did does do said says say told after before during since until over under about against
	between through across near around amid despite without within its their his her this these
	those also again too then now`)

// locatives are prepositions after which a single name is a place.
var locatives = wordSet(`in near outside inside into across around at towards toward via over`)

// harmonise gives all mentions of one name in an article one kind, by a
// vote in which a place cue ("in Kyiv") and a demonym counts twice, and
// turns a name into the adjective of a place named in the article
// ("Moldovan" beside "Moldova") into other.
func harmonise(sents [][]Token, cs []*cand) {
	places := map[string]bool{}
	for _, c := range cs {
		if c.kind == news.Place {
			places[strings.ToLower(c.name)] = true
		}
	}
	// "Moldovan and Romanian airspace": a name coordinated with an
	// adjective of nationality before a noun is one too.
	adjective := map[*cand]bool{}
	for i, c := range cs {
		if i+1 < len(cs) && len(c.words) == 1 && c.kind != news.Person {
			d, s := cs[i+1], sents[c.s]
			coord := d.s == c.s && d.a == c.b+1 && (s[c.b].Text == "and" || s[c.b].Text == "or")
			if coord && d.kind == news.OtherEntity && d.b < len(s) && isLowerWord(s[d.b].Text) {
				c.kind = news.OtherEntity
				adjective[c] = true
			}
		}
	}
	votes := map[string]map[news.EntityKind]int{}
	order := map[string][]news.EntityKind{}
	located := map[string]bool{}
	for i, c := range cs {
		if c.kind != news.Person && len(c.words) == 1 && isDemonymOf(strings.ToLower(c.words[0]), places) {
			c.kind = news.OtherEntity
		}
		v := votes[c.name]
		if v == nil {
			v = map[news.EntityKind]int{}
			votes[c.name] = v
		}
		w := 1
		s := sents[c.s]
		possessive := c.b < len(s) && s[c.b].Text == "'s"
		adjectival := c.b < len(s) && isLowerWord(s[c.b].Text) && !functionWords[s[c.b].Text]
		if c.a > 0 && locatives[strings.ToLower(s[c.a-1].Text)] && !adjectival && !possessive && !adjective[c] {
			v[news.Place] += 2
			w = 0
			located[c.name] = true
		}
		// "Washington, Kyiv and Europe": a list is of one kind.
		for _, j := range []int{i - 1, i + 1} {
			if j < 0 || j >= len(cs) || cs[j].s != c.s || adjective[c] {
				continue
			}
			d := cs[j]
			lo, hi := d, c
			if j > i {
				lo, hi = c, d
			}
			if hi.a == lo.b+1 && (s[lo.b].Text == "," || s[lo.b].Text == "and" || s[lo.b].Text == "or") && d.kind == news.Place {
				v[news.Place] += 2
				located[c.name] = true
			}
		}
		v[c.kind] += w
		order[c.name] = append(order[c.name], c.kind)
	}
	for _, c := range cs {
		v := votes[c.name]
		best, bestN := c.kind, -1
		for _, k := range order[c.name] {
			if v[k] > bestN {
				best, bestN = k, v[k]
			}
		}
		if v[news.Place] > bestN {
			best = news.Place
		}
		// A one-word name the model took for a person or an adjective but
		// that the text puts somewhere ("in Kyiv") is a place.
		if located[c.name] && !strings.Contains(c.name, " ") && (best == news.Person || best == news.OtherEntity) {
			best = news.Place
		}
		c.kind = best
	}
}

// isDemonymOf reports whether w is an adjective formed from a place in
// places: Moldova → Moldovan, Romania → Romanian, Ukraine → Ukrainian,
// Italy → Italian.
func isDemonymOf(w string, places map[string]bool) bool {
	for p := range places {
		if len(p) < 3 || !strings.HasPrefix(w, p[:len(p)-1]) || w == p {
			continue
		}
		stem := p
		for _, cut := range []string{"a", "e", "y"} {
			if strings.HasSuffix(p, cut) {
				stem = strings.TrimSuffix(p, cut)
			}
		}
		for _, end := range []string{"n", "an", "ian", "ean", "ese", "ish"} {
			if w == p+end || w == stem+end {
				return true
			}
		}
	}
	return false
}
