package entities

import (
	"storyline/internal/news"
	"strings"
)

// roleHeads are the nouns a title ends with: "foreign minister", "aide".
var roleHeads = wordSet(`secretary minister president chancellor premier aide adviser advisor
	spokesman spokeswoman spokesperson envoy ambassador general colonel lieutenant major captain
	sergeant commander chief director head leader governor mayor senator congressman congresswoman
	lawmaker legislator judge officer official negotiator deputy chairman chairwoman chair ceo
	founder executive king queen prince princess pope sheikh emir coach manager correspondent
	reporter analyst economist professor attorney prosecutor mp mep mr mrs ms dr sir lord lady dame
	rev gen col lt sgt capt maj gov sen rep prof admiral marshal commissioner inspector detective
	superintendent cardinal bishop archbishop rabbi imam patriarch president-elect representative
	counsellor councillor counselor diplomat spokesmen speaker whip treasurer mp's`)

// roleMods are lower-case words that may stand inside a title before its
// head: "foreign policy aide", "deputy prime minister".
var roleMods = wordSet(`foreign defence defense interior home finance economy economic trade justice
	health energy policy army navy naval air force special senior top state national security
	intelligence deputy vice prime former acting first chief executive presidential military press
	assistant associate general attorney permanent under cabinet opposition party peace affairs
	regional local federal provincial district city county junior principal lead head communications
	public relations political sports environment environmental culture education transport
	agriculture labour labor development european international global interim de-facto then
	longtime long-time veteran ruling council government committee parliamentary company team club
	campaign group agency ministry`)

// titleAdjectives may end an organisation's chunk when they belong to the
// title after it ("US Vice" + "President").
var titleAdjectives = wordSet(`vice deputy acting former prime foreign special senior top chief first`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// isRole reports whether w is a title noun such as "Secretary" or "aide".
func isRole(w string) bool {
	return roleHeads[strings.TrimSuffix(strings.ToLower(w), ".")]
}

// inTitle reports whether word i of s may be part of a title: a role word,
// a modifier, the possessive 's, or a capitalised word that is not a
// common word opening the sentence.
func (m *Model) inTitle(s []Token, i int, taken []bool) bool {
	w := s[i].Text
	lw := strings.ToLower(w)
	switch {
	case taken[i]:
		return false
	case isRole(w) || roleMods[lw] || w == "'s":
		return true
	case w == "of":
		// "mayor of Ravenna"
		return i > 0 && isRole(s[i-1].Text) && i+1 < len(s) && capitalised(s[i+1].Text)
	case capitalised(w):
		return !(sentenceStart(s, i) && m.common(w)) && !calendar[lw]
	}
	return false
}

// title attaches the role written next to a person's name: before it
// ("US Army Secretary Dan Driscoll", "Kremlin aide Yuri Ushakov"), or
// apposed with commas ("Russia's foreign minister, Sergei Lavrov" and
// "Sergei Lavrov, Russia's foreign minister,").
func (m *Model) title(text string, s []Token, c *cand, all []*cand) {
	taken := make([]bool, len(s))
	for _, o := range all {
		if o.s == c.s && o.kind == news.Person && o != c {
			for i := o.a; i < o.b; i++ {
				taken[i] = true // another person's name is not this one's title
			}
		}
	}
	// Before the name, directly or across one comma.
	end := c.a
	if end >= 2 && s[end-1].Text == "," {
		end--
	}
	if end > 0 && (end == c.a || !taken[end-1]) {
		a := end
		for a > 0 && m.inTitle(s, a-1, taken) {
			a--
			// "the European Union's crisis commissioner": plain nouns
			// between a possessive and the head belong to the title.
			if a > 0 && !m.inTitle(s, a-1, taken) {
				j := a - 1
				for j >= 0 && a-j <= 2 && s[j].Text != "'s" && isLowerWord(s[j].Text) && !functionWords[s[j].Text] {
					j--
				}
				if j >= 0 && j < a-1 && s[j].Text == "'s" {
					a = j + 1
				}
			}
		}
		for a < end && (s[a].Text == "'s" || s[a].Text == "of") {
			a++
		}
		if a < end && roleEnds(s, a, end) {
			c.titleStart, c.titleEnd = a, end
			return
		}
	}
	// After the name: ", [the] … head" closed by a comma, a stop or the end.
	if c.b+1 < len(s) && s[c.b].Text == "," {
		a := c.b + 1
		if d := strings.ToLower(s[a].Text); d == "the" || d == "a" || d == "an" {
			a++
		}
		b := a
		for b < len(s) && m.inTitle(s, b, taken) {
			b++
		}
		closed := b == len(s) || s[b].Text == "," || s[b].Text == "." || s[b].Text == ";"
		if b > a && closed && roleEnds(s, a, b) {
			c.titleStart, c.titleEnd = a, b
		}
	}
}

// roleEnds reports whether words [a, b) form a title: they end with a role
// ("foreign minister") or with a role of a place or body ("mayor of Ravenna").
func roleEnds(s []Token, a, b int) bool {
	if isRole(s[b-1].Text) {
		return true
	}
	for k := a; k+2 < b; k++ {
		if isRole(s[k].Text) && s[k+1].Text == "of" {
			for _, t := range s[k+2 : b] {
				if !capitalised(t.Text) {
					return false
				}
			}
			return true
		}
	}
	return false
}
