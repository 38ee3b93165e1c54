package quotes

import (
	"sort"
	"strings"

	"storyline/internal/news"
)

// resolver turns speaker phrases into names, using the article's entity
// mentions: a name in the phrase, a pronoun's nearest fitting person, or a
// role whose holder the article names with that title.
type resolver struct {
	d     *doc
	ms    []news.Mention // by start
	sents []news.Span
	// quoted holds the direct quotes' spans: names inside a quote are not
	// candidates for a pronoun outside it.
	quoted []news.Span
	gender map[string]gender
	titles map[string]string // name → its titles, lower case, space separated
	// surnames maps the last word of a name to the name: a person's (the
	// last one in the text) before another entity's (the first one).
	surnames map[string]string
	// said holds the speakers resolved so far, in text order, each at its
	// phrase: "he" in one sentence is a candidate for "he" in the next.
	said []spoken
}

// spoken is a resolved speaker phrase.
type spoken struct {
	pos  int
	name string
	g    gender
}

// resolveAll resolves the speaker phrases of items in text order and
// returns the name of each phrase.
func (r *resolver) resolveAll(items []item) map[[2]int]string {
	var phrases [][2]int
	seen := map[[2]int]bool{}
	for _, it := range items {
		if it.att.ok() && it.att.sp[0] >= 0 && !seen[it.att.sp] {
			seen[it.att.sp] = true
			phrases = append(phrases, it.att.sp)
		}
	}
	sort.Slice(phrases, func(i, j int) bool { return phrases[i][0] < phrases[j][0] })
	out := make(map[[2]int]string, len(phrases))
	for _, p := range phrases {
		name := r.resolve(p[0], p[1])
		out[p] = name
		g := r.gender[name]
		if pg, ok := pronouns[r.d.toks[p[0]].w]; ok && p[0] == p[1] {
			g = pg
		} else if name == "" {
			// an unnamed speaker ("her spokesman") is who a "he" in the
			// next sentence most likely is
			g = genderWords[r.d.toks[r.headOf(p[0], p[1])].w]
		}
		if name == "" && !r.d.subjectAt(p[0]) {
			continue // an unnamed speaker stands for a later "he" only as a subject
		}
		r.said = append(r.said, spoken{pos: r.d.toks[p[0]].start, name: name, g: g})
	}
	return out
}

func newResolver(d *doc, ms []news.Mention, sents []news.Span, quoted []news.Span) *resolver {
	r := &resolver{d: d, sents: sents, quoted: quoted, gender: map[string]gender{}, titles: map[string]string{}, surnames: map[string]string{}}
	r.ms = make([]news.Mention, 0, len(ms))
	for _, m := range ms {
		if m.Start >= 0 && m.End <= len(d.text) && m.Start < m.End {
			r.ms = append(r.ms, m)
		}
	}
	sort.SliceStable(r.ms, func(i, j int) bool { return r.ms[i].Start < r.ms[j].Start })
	people := map[string]bool{}
	for _, m := range r.ms {
		if m.Name == "" {
			continue
		}
		last := m.Name[strings.LastIndexByte(m.Name, ' ')+1:]
		switch {
		case m.Kind == news.Person:
			r.surnames[last], people[last] = m.Name, true
		case !people[last]:
			if _, ok := r.surnames[last]; !ok {
				r.surnames[last] = m.Name
			}
		}
	}
	votes := map[string][3]int{}
	for _, m := range r.ms {
		if m.Kind != news.Person || m.Name == "" {
			continue
		}
		v := votes[m.Name]
		if g := r.genderOf(m); g == male || g == female {
			v[g]++
		}
		votes[m.Name] = v
		if m.Title != "" {
			r.titles[m.Name] += " " + strings.ToLower(m.Title)
		}
	}
	for name, v := range votes {
		switch {
		case v[male] > v[female]:
			r.gender[name] = male
		case v[female] > v[male]:
			r.gender[name] = female
		}
	}
	return r
}

// genderOf reads a mention's gender from its given name, an honorific
// before it (Mr., Mrs.) or a gendered word in its title.
func (r *resolver) genderOf(m news.Mention) gender {
	first := m.Name
	if i := strings.IndexByte(first, ' '); i >= 0 {
		first = first[:i]
	}
	first = strings.ToLower(strings.TrimSuffix(first, "."))
	if g, ok := genderWords[first]; ok {
		return g
	}
	if maleNames[first] {
		return male
	}
	if femaleNames[first] {
		return female
	}
	// an honorific just before the mention
	before := r.d.text[max(0, m.Start-6):m.Start]
	before = strings.ToLower(strings.TrimRight(before, " ."))
	for _, h := range []string{"mrs", "ms", "miss", "mr"} {
		if strings.HasSuffix(before, h) && (len(before) == len(h) || !isLetter(before[len(before)-len(h)-1])) {
			return genderWords[h]
		}
	}
	for _, w := range strings.Fields(strings.ToLower(m.Title)) {
		if g, ok := genderWords[w]; ok {
			return g
		}
	}
	return unknown
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// mentionsIn returns the mentions inside [start, end).
func (r *resolver) mentionsIn(start, end int) []news.Mention {
	i := sort.Search(len(r.ms), func(i int) bool { return r.ms[i].Start >= start })
	j := i
	for j < len(r.ms) && r.ms[j].End <= end {
		j++
	}
	return r.ms[i:j]
}

func (r *resolver) inQuote(pos int) bool {
	i := sort.Search(len(r.quoted), func(i int) bool { return r.quoted[i].End > pos })
	return i < len(r.quoted) && r.quoted[i].Start <= pos
}

// tokenAt returns the index of the token that starts at byte pos, or -1.
func (d *doc) tokenAt(pos int) int {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].start >= pos })
	if i < len(d.toks) && d.toks[i].start == pos {
		return i
	}
	return -1
}

func (d *doc) tokenEndingAt(pos int) int {
	i := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].end >= pos })
	if i < len(d.toks) && d.toks[i].end == pos {
		return i
	}
	return -1
}

// resolve names the speaker of the phrase of tokens [a,b]; at is where the
// quote begins, for pronouns. It returns "" for an unnamed speaker.
func (r *resolver) resolve(a, b int) string {
	d := r.d
	if a < 0 || b < a {
		return ""
	}
	if a == b {
		if g, ok := pronouns[d.toks[a].w]; ok && d.pronounAt(a) {
			return r.pronoun(g, d.toks[a].start)
		}
	}
	start, end := d.toks[a].start, d.toks[b].end
	ms := r.mentionsIn(start, end)
	// the head: a name not owned by another (Putin's spokesman) nor the
	// complement of a role (a spokesperson for Driscoll), and not modifying
	// a following word (Trump campaign manager Kellyanne Conway).
	var org string
	orgEnd := -1
	for _, m := range ms {
		i, j := d.tokenAt(m.Start), d.tokenEndingAt(m.End)
		if i < 0 || j < 0 {
			continue
		}
		if j+1 <= b && (d.toks[j+1].kind == tPoss || d.toks[j+1].kind == tWord) {
			continue
		}
		if i-1 >= a && d.toks[i-1].kind == tWord && softPreps[d.toks[i-1].w] {
			continue
		}
		switch m.Kind {
		case news.Person:
			if m.Name != "" {
				return m.Name
			}
		case news.Organization:
			if org == "" {
				org, orgEnd = m.Name, m.End
			}
		}
	}
	// an organisation speaks unless a role follows it (the Kremlin spokesman)
	if org != "" && (orgEnd == end || !r.hasRoleHead(a, b)) {
		return org
	}
	if name := r.bareName(a, b); name != "" {
		return name
	}
	return r.role(a, b)
}

// hasRoleHead reports whether the phrase ends in a role noun (the Kremlin
// spokesman): then an organisation in it is no speaker.
func (r *resolver) hasRoleHead(a, b int) bool {
	t := r.d.toks[b]
	return !t.upper && roles[t.w]
}

// bareName is the name the tagger missed: a phrase ending in capitalised
// words with no determiner (Ribble, Mr. Rubin). A person mention elsewhere
// ending in the same word gives its full name.
func (r *resolver) bareName(a, b int) string {
	d := r.d
	if !d.toks[b].upper || d.toks[b].kind != tWord {
		return ""
	}
	k := b
	for k > a && (d.toks[k-1].upper && d.toks[k-1].kind == tWord || d.abbrevDot(k-1)) {
		k--
	}
	if k > a && (d.toks[k-1].kind == tPoss || determiners[d.toks[k-1].w]) {
		return "" // the Washington Post's editors, the Kremlin
	}
	for i := a; i <= k && i <= b; i++ {
		if t := d.toks[i]; t.kind == tWord && (softPreps[t.w] && i < k || determiners[t.w]) {
			return "" // a spokesperson for Nunes; The US President
		}
	}
	for k < b && (titleWords[d.toks[k].w] || d.abbrevDot(k)) {
		k++
	}
	if k == b && (titleWords[d.toks[b].w] || roles[d.toks[b].w]) {
		return ""
	}
	last := d.str(d.toks[b])
	if name, ok := r.surnames[last]; ok {
		return name
	}
	return d.text[d.toks[k].start:d.toks[b].end]
}

// titleWords are honorifics and titles that stand before a name.
var titleWords = set("mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "president", "senator",
	"governor", "secretary", "minister", "mayor", "representative", "chancellor", "premier", "judge", "justice",
	"prime", "foreign", "vice", "deputy", "former", "chairman", "chairwoman", "speaker", "leader", "state",
	"attorney", "general", "professor", "prof", "rev", "sir", "lord", "lady", "dame", "king", "queen", "prince",
	"pope", "ambassador", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "chief", "director",
	"army", "us", "u.s.", "uk", "eu", "un", "white", "house", "kremlin", "republican", "democratic", "democrat")

// role resolves a definite description of one person (the president,
// Britain's prime minister) to the nearest person the article gives that
// title, or else to the nearest person of the sentences just before whose
// titles do not contradict it. An indefinite description (a US official,
// his spokesman) and one with a complement (the governor of Krasnodar Krai:
// someone new) stay unnamed.
func (r *resolver) role(a, b int) string {
	d := r.d
	head := d.toks[b].w
	if !personRoles[head] || d.toks[b].upper && d.toks[a].w != "the" {
		return "" // a capitalised head is a title before a name, unless "the US President"
	}
	k := b
	for k > a && d.toks[k-1].kind == tWord && !d.toks[k-1].upper && !determiners[d.toks[k-1].w] {
		k--
	}
	definite := d.toks[a].w == "the" || k > a && d.toks[k-1].kind == tPoss && d.toks[a].upper && k-1 == a+1
	if !definite {
		return ""
	}
	var words []string // the role with its qualifiers: us president, prime minister
	for i := a + 1; i <= b; i++ {
		if t := d.toks[i]; t.kind == tWord && !determiners[t.w] {
			words = append(words, t.w)
		}
	}
	title := strings.Join(words, " ")
	at := d.toks[a].start
	// the nearest person before it with that title, else the first after
	i0 := sort.Search(len(r.ms), func(i int) bool { return r.ms[i].Start >= at })
	for i := i0 - 1; i >= 0 && i0-i <= maxRoleMentions; i-- {
		if m := r.ms[i]; m.Kind == news.Person && m.Name != "" && strings.Contains(r.titles[m.Name], title) {
			return m.Name
		}
	}
	for i := i0; i < len(r.ms) && i-i0 < maxRoleMentions; i++ {
		if m := r.ms[i]; m.Kind == news.Person && m.Name != "" && strings.Contains(r.titles[m.Name], title) {
			return m.Name
		}
	}
	// the first person (the subject comes first) of the nearest of this
	// and the two sentences before whose titles do not contradict the role
	si := sort.Search(len(r.sents), func(i int) bool { return r.sents[i].End > at })
	hi := at
	for back := 0; back < 3; back++ {
		lo := 0
		if s := si - back; s > 0 && s < len(r.sents) {
			lo = r.sents[s].Start
		} else if s < 0 {
			break
		}
		i := sort.Search(len(r.ms), func(i int) bool { return r.ms[i].Start >= lo })
		for ; i < len(r.ms) && r.ms[i].Start < hi; i++ {
			m := r.ms[i]
			if m.Kind != news.Person || m.Name == "" || r.inQuote(m.Start) {
				continue
			}
			if t := r.titles[m.Name]; t == "" || strings.Contains(t, head) {
				return m.Name
			}
		}
		if lo == 0 {
			break
		}
		hi = lo
	}
	return ""
}

// pronoun finds the person a pronoun at pos stands for: going back sentence
// by sentence, the first fitting person named outside quotes (or a speaker
// already resolved) in the nearest sentence — the subject comes first. "it"
// takes an organisation.
func (r *resolver) pronoun(g gender, pos int) string {
	if g == plural || g == unknown {
		return ""
	}
	si := sort.Search(len(r.sents), func(i int) bool { return r.sents[i].End > pos })
	hi := pos
	for back := 0; back < maxPronounSentences; back++ {
		s := si - back
		if s < 0 {
			break
		}
		lo := 0
		if s < len(r.sents) && s > 0 {
			lo = r.sents[s].Start
		}
		if s >= len(r.sents) && len(r.sents) > 0 {
			lo = r.sents[len(r.sents)-1].End
		}
		bestPos, best := -1, ""
		i := sort.Search(len(r.ms), func(i int) bool { return r.ms[i].Start >= lo })
		for ; i < len(r.ms) && r.ms[i].Start < hi; i++ {
			m := r.ms[i]
			if !r.inQuote(m.Start) && r.fits(m, g) {
				bestPos, best = m.Start, m.Name
				break
			}
		}
		for k := sort.Search(len(r.said), func(k int) bool { return r.said[k].pos >= lo }); k < len(r.said) && r.said[k].pos < hi; k++ {
			if sp := r.said[k]; (bestPos < 0 || sp.pos < bestPos) && r.fitsSpoken(sp, g) {
				bestPos, best = sp.pos, sp.name
				break
			}
		}
		if bestPos >= 0 {
			return best // "" when it is an unnamed speaker
		}
		hi = lo
		if lo == 0 {
			break
		}
	}
	return ""
}

// headOf returns the last token of a phrase before any complement or
// apposition: the spokesman of "a spokesman for the ministry".
func (r *resolver) headOf(a, b int) int {
	for k := a; k <= b; k++ {
		if t := r.d.toks[k]; t.w == "," || t.kind == tWord && softPreps[t.w] && k > a {
			return max(a, k-1)
		}
	}
	return b
}

func (r *resolver) fitsSpoken(sp spoken, g gender) bool {
	if g == neuter {
		return sp.g == neuter
	}
	if sp.g == plural || sp.g == neuter {
		return false
	}
	return sp.g == g || sp.g == unknown && (sp.name == "" || r.gender[sp.name] != opposite(g))
}

func opposite(g gender) gender {
	switch g {
	case male:
		return female
	case female:
		return male
	}
	return unknown
}

// maxRoleMentions bounds the mentions a role looks through for its title.
const maxRoleMentions = 400

// maxPronounSentences bounds how far back a pronoun looks.
const maxPronounSentences = 6

func (r *resolver) fits(m news.Mention, g gender) bool {
	if m.Name == "" {
		return false
	}
	if g == neuter {
		return m.Kind == news.Organization
	}
	if m.Kind != news.Person {
		return false
	}
	mg := r.gender[m.Name]
	return mg == unknown || mg == g
}
