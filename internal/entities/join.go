package entities

import (
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
