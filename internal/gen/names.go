package gen

import "strings"

// A name is built from parts; a part with two spellings is a place where
// romanisations differ (Kh/H, -iy/-y, ou/u …). Each outlet has a spelling
// scheme that picks one side of every such part, so one outlet spells a name
// the same way every time while two outlets may not.
type part struct{ a, b string }

type name []part

// spell renders the name under scheme: bit k%3 of the scheme picks the side
// of the k-th two-spelling part.
func (n name) spell(scheme uint8) string {
	var sb strings.Builder
	k := 0
	for _, p := range n {
		s := p.a
		if p.a != p.b {
			if scheme>>(k%3)&1 == 1 {
				s = p.b
			}
			k++
		}
		sb.WriteString(s)
	}
	return capitalise(sb.String())
}

// spellings lists every distinct spelling under the eight schemes.
func (n name) spellings() []string {
	var out []string
	seen := map[string]bool{}
	for s := range uint8(8) {
		w := n.spell(s)
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Sound inventories of an invented language. They are ours, chosen to read
// as plausible names without being the names of real people or places.
var (
	onsets = []string{"b", "d", "k", "l", "m", "n", "r", "s", "t", "v", "z", "g", "p", "dr", "br", "st", "tr", "gr", "kr", "sv", "vl"}
	vowels = []string{"a", "e", "i", "o", "u", "a", "e", "o"}
	codas  = []string{"", "", "", "n", "r", "l", "s", "m", "k", "rt", "nd", "sk"}
	// Spelling pairs, as transliterations differ between outlets.
	onsetPairs  = []part{{"kh", "h"}, {"j", "y"}, {"q", "k"}, {"ts", "tz"}, {"sh", "sch"}, {"ch", "tch"}, {"v", "w"}}
	vowelPairs  = []part{{"ou", "u"}, {"ei", "ey"}, {"ee", "i"}, {"ai", "ay"}}
	endingPairs = []part{{"iy", "y"}, {"ov", "off"}, {"in", "ine"}, {"ski", "sky"}, {"ev", "yev"}, {"ik", "ich"}, {"ia", "iya"}}
)

// inventName makes a name of syl syllables with about one part in three
// spelled two ways.
func inventName(r *rng, syl int, ending bool) name {
	var n name
	for i := range syl {
		if r.chance(0.25) {
			n = append(n, pick(r, onsetPairs...))
		} else {
			o := pick(r, onsets...)
			n = append(n, part{o, o})
		}
		if r.chance(0.15) {
			n = append(n, pick(r, vowelPairs...))
		} else {
			v := pick(r, vowels...)
			n = append(n, part{v, v})
		}
		if i == syl-1 && !ending {
			c := pick(r, codas...)
			n = append(n, part{c, c})
		}
	}
	if ending {
		n = append(n, pick(r, endingPairs...))
	}
	return n
}

// person is someone the news quotes or names.
type person struct {
	given, family name
	female        bool
	role          string // "Interior Minister", "mayor of Varnholt" …; may be ""
	age           int    // for residents and witnesses; 0 = not given
}

func (p *person) full(scheme uint8) string {
	return p.given.spell(scheme) + " " + p.family.spell(scheme)
}

func (p *person) short(scheme uint8) string { return p.family.spell(scheme) }

func (p *person) pronoun() string {
	if p.female {
		return "she"
	}
	return "he"
}

func (p *person) possessive() string {
	if p.female {
		return "her"
	}
	return "his"
}

func invent(r *rng) *person {
	p := &person{female: r.chance(0.5)}
	p.given = inventName(r, r.between(2, 3), false)
	if p.female {
		// Given names of women end in a vowel in this invented language.
		p.given = append(p.given, part{"a", "a"})
	}
	p.family = inventName(r, r.between(1, 2), r.chance(0.6))
	return p
}
