package entities

import (
	"sort"
	"strings"
	"unicode"

	"storyline/internal/news"
)

// joinShortForms gives every mention the fullest form of its name within
// the article: a surname takes the full name it ends ("Driscoll" → "Dan
// Driscoll"), an acronym the name whose initials it spells ("UAE" → "United
// Arab Emirates").
func joinShortForms(cs []*cand) {
	for i, c := range cs {
		if full := fullPerson(cs, i); full != nil {
			c.name, c.kind = full.name, news.Person
			continue
		}
		if full := expansion(cs, c); full != nil {
			c.name, c.kind = full.name, full.kind
		}
	}
}

// fullPerson finds the longest person mention whose last words are c's
// words, preferring the nearest one before c.
func fullPerson(cs []*cand, i int) *cand {
	c := cs[i]
	if c.kind != news.Person && len(c.words) != 1 {
		return nil
	}
	var best *cand
	bestAt := -1
	for j, f := range cs {
		if f.kind != news.Person || len(f.words) <= len(c.words) || !endsWith(f.words, c.words) {
			continue
		}
		better := best == nil || len(f.words) > len(best.words) ||
			len(f.words) == len(best.words) && (j < i && (bestAt > i || j > bestAt))
		if better {
			best, bestAt = f, j
		}
	}
	if best == nil {
		return nil
	}
	if c.kind != news.Person && !capitalised(c.words[0]) {
		return nil
	}
	return best
}

func endsWith(long, short []string) bool {
	off := len(long) - len(short)
	for i, w := range short {
		if !strings.EqualFold(long[off+i], w) {
			return false
		}
	}
	return true
}

// expansion finds a longer non-person mention whose capitalised words'
// initials spell c, when c is one upper-case word.
func expansion(cs []*cand, c *cand) *cand {
	if len(c.words) != 1 || c.kind == news.Person {
		return nil
	}
	acr := strings.ReplaceAll(c.words[0], ".", "")
	if len(acr) < 2 || len(acr) > 8 || strings.IndexFunc(acr, func(r rune) bool { return !unicode.IsUpper(r) }) >= 0 {
		return nil
	}
	for _, f := range cs {
		if f == c || f.kind == news.Person || len(f.words) < 2 {
			continue
		}
		var ini []rune
		for _, w := range f.words {
			r := []rune(w)
			if unicode.IsUpper(r[0]) {
				ini = append(ini, r[0])
			}
		}
		if string(ini) == acr {
			return f
		}
	}
	return nil
}

// recover adds the short forms the tagger missed: a capitalised word that
// is the surname of a person named in full elsewhere in the article, and
// an upper-case word spelling the initials of a longer name there.
func (m *Model) recover(text string, sents [][]Token, cs []*cand) []*cand {
	surnames := map[string]bool{}
	for _, c := range cs {
		if c.kind == news.Person && len(c.words) >= 2 {
			surnames[c.words[len(c.words)-1]] = true
		}
	}
	inside := make([][]bool, len(sents))
	for i, s := range sents {
		inside[i] = make([]bool, len(s))
	}
	for _, c := range cs {
		for i := c.a; i < c.b; i++ {
			inside[c.s][i] = true
		}
	}
	var added []*cand
	// A run of unknown capitalised words after a title is a person's name
	// ("Chancellor Friedrich Merz").
	for si, s := range sents {
		for i := 0; i+1 < len(s); i++ {
			if !isRole(s[i].Text) || !capitalised(s[i].Text) || inside[si][i+1] {
				continue
			}
			b := i + 1
			for b < len(s) && b-i <= 3 && !inside[si][b] && m.givenName(s, b) {
				b++
			}
			if b == i+1 || b < len(s) && capitalised(s[b].Text) && !inside[si][b] {
				continue
			}
			c := &cand{s: si, a: i + 1, b: b, titleStart: -1, kind: news.Person, typ: "PER", name: spaced(text[s[i+1].Start:s[b-1].End])}
			for k := i + 1; k < b; k++ {
				c.words = append(c.words, s[k].Text)
				inside[si][k] = true
			}
			added = append(added, c)
			if len(c.words) >= 2 {
				surnames[c.words[len(c.words)-1]] = true
			}
		}
	}
	for si, s := range sents {
		for i, t := range s {
			if inside[si][i] || !capitalised(t.Text) || sentenceStart(s, i) && m.common(t.Text) {
				continue
			}
			// Skip a word that is part of a longer capitalised run the
			// tagger chose not to call a name.
			nameLike := func(j int) bool {
				return j >= 0 && j < len(s) && capitalised(s[j].Text) && !m.common(s[j].Text) && !isRole(s[j].Text)
			}
			if nameLike(i-1) || nameLike(i+1) {
				continue
			}
			c := &cand{s: si, a: i, b: i + 1, titleStart: -1, words: []string{t.Text}, name: t.Text}
			switch {
			case surnames[t.Text]:
				c.kind, c.typ = news.Person, "PER"
			default:
				c.kind = news.Organization
				full := expansion(cs, c)
				if full == nil {
					continue
				}
				c.kind, c.typ = full.kind, full.typ
			}
			added = append(added, c)
		}
	}
	if len(added) == 0 {
		return cs
	}
	cs = append(cs, added...)
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].s != cs[j].s {
			return cs[i].s < cs[j].s
		}
		return cs[i].a < cs[j].a
	})
	return cs
}
