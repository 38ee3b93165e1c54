package entities

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"storyline/internal/news"
)

// cand is a mention being built: words [a, b) of sentence s.
type cand struct {
	s, a, b    int
	typ        string
	titleStart int // first word of the title, or -1
	titleEnd   int
	kind       news.EntityKind
	name       string
	words      []string
	// start, end narrow the mention to part of its one word ("US" in
	// "US-brokered"); both 0 when the mention is whole words.
	start, end int
}

// span returns the mention's bytes in the text.
func (c *cand) span(s []Token) news.Span {
	if c.end > 0 {
		return news.Span{Start: c.start, End: c.end}
	}
	return news.Span{Start: s[c.a].Start, End: s[c.b-1].End}
}

var kinds = map[string]news.EntityKind{
	"PER": news.Person, "ORG": news.Organization, "LOC": news.Place, "MISC": news.OtherEntity,
}

// resolve turns tagged sentences into mentions: it reads the chunks, trims
// and drops what is not a name, attaches titles and joins short forms.
func (m *Model) resolve(text string, sents [][]Token, tags [][]string) []news.Mention {
	var cs []*cand
	for si, s := range sents {
		for _, c := range chunks(tags[si]) {
			if k := m.trim(s, si, c); k != nil {
				cs = append(cs, k)
			}
		}
	}
	for _, c := range cs {
		c.kind = kinds[c.typ]
		for _, t := range sents[c.s][c.a:c.b] {
			c.words = append(c.words, t.Text)
		}
		c.name = spaced(text[sents[c.s][c.a].Start:sents[c.s][c.b-1].End])
	}
	cs = splitHyphenated(text, sents, cs)
	cs = m.recover(text, sents, cs)
	for _, c := range cs {
		c.kind = adjustKind(sents[c.s], c)
	}
	joinShortForms(cs)
	harmonise(sents, cs)
	out := make([]news.Mention, 0, len(cs))
	for _, c := range cs {
		s := sents[c.s]
		mn := news.Mention{
			Span: c.span(s),
			Kind: c.kind,
			Name: c.name,
		}
		m.title(text, s, c, cs)
		if c.titleStart >= 0 && c.kind != news.Person && len(c.words) >= 2 && tailIsName(s[c.a:c.b]) {
			// "Henrik Dahl, Norway's foreign minister": a role makes a person.
			c.kind, mn.Kind = news.Person, news.Person
		}
		if c.kind == news.Person && c.titleStart >= 0 {
			mn.Title = spaced(text[s[c.titleStart].Start:s[c.titleEnd-1].End])
		}
		out = append(out, mn)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// splitHyphenated keeps, of a compound such as "US-brokered", "anti-NATO"
// or "US-Ukraine" that the tagger called other, the names inside it. A
// person's or place's hyphenated name (Emilia-Romagna) stays whole.
func splitHyphenated(text string, sents [][]Token, cs []*cand) []*cand {
	var out []*cand
	for _, c := range cs {
		t := sents[c.s][c.a]
		w := text[t.Start:t.End]
		if c.b-c.a != 1 || !strings.Contains(w, "-") {
			out = append(out, c)
			continue
		}
		var parts []*cand
		lower := false
		off := t.Start
		for part := range strings.SplitSeq(w, "-") {
			switch {
			case capitalised(part) && utf8.RuneCountInString(part) >= 2:
				parts = append(parts, &cand{s: c.s, a: c.a, b: c.b, typ: c.typ, titleStart: -1,
					kind: news.OtherEntity, name: part, words: []string{part}, start: off, end: off + len(part)})
			case isLowerWord(part):
				lower = true
			}
			off += len(part) + 1
		}
		if len(parts) == 0 || c.kind != news.OtherEntity && !lower {
			out = append(out, c)
			continue
		}
		out = append(out, parts...)
	}
	return out
}

type span struct {
	a, b int
	typ  string
}

// chunks reads BILOU tags.
func chunks(tags []string) []span {
	var out []span
	start := -1
	for i, t := range tags {
		if len(t) < 3 {
			start = -1
			continue
		}
		switch t[0] {
		case 'U':
			out = append(out, span{i, i + 1, t[2:]})
			start = -1
		case 'B':
			start = i
		case 'L':
			if start >= 0 {
				out = append(out, span{start, i + 1, t[2:]})
			}
			start = -1
		}
	}
	return out
}

// spaced folds the whitespace inside a name (line breaks) to single spaces.
func spaced(s string) string {
	if !strings.ContainsAny(s, "\n\r\t  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// sentenceStart reports whether word i opens its sentence, allowing for
// opening quotes and brackets before it.
func sentenceStart(s []Token, i int) bool {
	for j := 0; j < i; j++ {
		if !isOpenWord(s[j].Text) {
			return false
		}
	}
	return true
}

func isOpenWord(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && (isOpen(r) || isDash(r)) || w == "--"
}

// common reports whether the training text mostly writes w in lower case:
// then a capital at a sentence start says nothing about a name.
func (m *Model) common(w string) bool {
	if allUpper(w) {
		return false // US, not us
	}
	c := m.lexClass(strings.ToLower(w))
	return strings.HasSuffix(c, "low") || strings.HasSuffix(c, "mostlow")
}

// trim drops the words of a chunk that are not part of the name and the
// chunks that are not names at all.
func (m *Model) trim(s []Token, si int, c span) *cand {
	a, b := c.a, c.b
	typ := c.typ
	// A title inside the chunk ("US Army Lieutenant Colonel Jeff Tolbert"):
	// the name is what follows the last title word.
	for k := b - 2; k >= a; k-- {
		if isRole(s[k].Text) && capitalised(s[k].Text) {
			if tailIsName(s[k+1 : b]) {
				a, typ = k+1, "PER"
			}
			break
		}
	}
	// A title after a non-person name is not part of it ("US President").
	for typ != "PER" && b-a > 1 && isRole(s[b-1].Text) {
		b--
	}
	if typ != "PER" && b < len(s) && isRole(s[b].Text) && capitalised(s[b].Text) {
		for b-a > 1 && titleAdjectives[strings.ToLower(s[b-1].Text)] {
			b-- // "US Vice" before "President"
		}
	}
	// A name right after a title is a person's ("President Ana Ferro").
	r := a - 1
	if r > 0 && s[r].Text == "," {
		r--
	}
	if typ != "PER" && r >= 0 && isRole(s[r].Text) && capitalised(s[r].Text) && tailIsName(s[a:b]) {
		typ = "PER"
	}
	for a < b {
		w := s[a].Text
		switch {
		case isRole(w) && capitalised(w) && b-a > 1:
			a++ // "Secretary Driscoll": the title is attached later
			continue
		case sentenceStart(s, a) && b-a > 1 && m.common(w):
			a++ // a capitalised sentence start glued to a name
			continue
		}
		break
	}
	for typ != "PER" && b > a+1 && dayNames[strings.ToLower(s[b-1].Text)] {
		b-- // "US Thanksgiving": the day is not part of the name
	}
	for b > a+1 && isLowerWord(s[b-1].Text) {
		b-- // "US officials": a name ends with a capitalised word
	}
	for b > a && (s[b-1].Text == "'s" || s[b-1].Text == "'" || isClose(lastRune(s[b-1].Text))) {
		b--
	}
	if a >= b {
		return nil
	}
	allCal, allRole := true, true
	for _, t := range s[a:b] {
		lw := strings.ToLower(t.Text)
		allCal = allCal && (calendar[lw] || timeModifier[lw])
		allRole = allRole && isRole(t.Text)
	}
	if allCal || allRole {
		return nil
	}
	if b-a == 1 && sentenceStart(s, a) && m.common(s[a].Text) && !allUpper(s[a].Text) {
		return nil
	}
	if !hasLetter(s[a:b]) {
		return nil
	}
	// A given name the tagger left out before a surname it found
	// ("Chancellor Friedrich Merz" tagged from Merz only).
	for typ == "PER" && a > 0 && a > c.a-2 && m.givenName(s, a-1) {
		a--
	}
	if b-a == 1 && sentenceStart(s, a) && onlyPunct(s[b:]) && !allUpper(s[a].Text) && m.lexClass(strings.ToLower(s[a].Text)) == "unk" {
		return nil // a one-word line such as a slogan, not a name
	}
	return &cand{s: si, a: a, b: b, typ: typ, titleStart: -1}
}

// givenName reports whether word i may open a person's name: capitalised,
// not a title, not a common word, not a sentence's first word, and not
// something the training text knows as other than a name.
func (m *Model) givenName(s []Token, i int) bool {
	w := s[i].Text
	if !capitalised(w) || allUpper(w) || isRole(w) || sentenceStart(s, i) || calendar[strings.ToLower(w)] {
		return false
	}
	c := m.lexClass(strings.ToLower(w))
	return c == "unk" || strings.HasSuffix(c, "cap") && !strings.HasSuffix(c, "mostcap")
}

func tailIsName(ts []Token) bool {
	for i, t := range ts {
		inner := i > 0 && i < len(ts)-1 && nameParticles[t.Text]
		if !inner && (!capitalised(t.Text) || isRole(t.Text)) {
			return false
		}
	}
	return len(ts) > 0
}

// nameParticles stand in lower case inside personal names.
var nameParticles = wordSet(`de da di do dos das del della van von der den du la le al bin ibn ter`)

func onlyPunct(ts []Token) bool {
	for _, t := range ts {
		if hasLetter([]Token{t}) {
			return false
		}
	}
	return true
}

func lastRune(w string) rune {
	r, _ := utf8.DecodeLastRuneInString(w)
	return r
}

func allUpper(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n > 1
}

func hasLetter(ts []Token) bool {
	for _, t := range ts {
		for _, r := range t.Text {
			if unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}

var calendar = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`monday tuesday wednesday thursday friday saturday sunday
		mon tue tues wed thu thur thurs fri sat sun
		january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec
		today tonight yesterday tomorrow christmas easter thanksgiving ramadan hanukkah diwali passover`) {
		m[w] = true
	}
	return m
}()

// dayNames are weekdays and holidays: a name does not end with one. (Months
// are left out: they end names such as "Theresa May".)
var dayNames = wordSet(`monday tuesday wednesday thursday friday saturday sunday christmas easter
	thanksgiving ramadan hanukkah diwali passover`)

var timeModifier = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`late early mid last next this on by since until from
		morning afternoon evening night overnight weekend midday midnight`) {
		m[w] = true
	}
	return m
}()
