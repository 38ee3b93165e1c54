package align

import (
	"strings"

	"storyline/internal/words"
)

// name is one way of writing a name, reduced to what spellings of the same
// name share.
type name struct {
	text  string   // as the article's entity stage gave it (the fullest form in that article)
	fold  []string // folded tokens: "Zelenskiy's" → "zelenskiy"
	skel  []string // consonant skeletons of the tokens: zelenskiy → zlnsk
	caps  bool     // written as an acronym: "UAE", "NATO" (not "Nato")
	inits string   // initials of the content words: United Arab Emirates → uae
}

// joiners inside a name that do not separate words ("J.D." = "JD").
var nameDots = strings.NewReplacer(".", "", "’", "'")

func parseName(text string) name {
	n := name{text: text}
	for _, t := range words.Tokens(nameDots.Replace(text)) {
		f := strings.TrimSuffix(t.Fold, "'s")
		f = strings.Trim(f, "'-")
		if f == "" {
			continue
		}
		n.fold = append(n.fold, f)
		n.skel = append(n.skel, skeleton(f))
	}
	if len(n.fold) > 0 && n.fold[0] == "the" {
		n.fold, n.skel = n.fold[1:], n.skel[1:]
	}
	letters := 0
	upper := true
	for _, r := range text {
		switch {
		case r >= 'A' && r <= 'Z':
			letters++
		case r >= 'a' && r <= 'z':
			upper = false
		}
	}
	n.caps = upper && letters >= 2 && len(n.fold) == 1 && len(n.fold[0]) <= 6
	if len(n.fold) >= 2 {
		var b strings.Builder
		for _, f := range n.fold {
			if !nameFiller[f] {
				b.WriteByte(f[0])
			}
		}
		n.inits = b.String()
	}
	return n
}

// nameFiller are the small words an acronym skips: "Organization of the
// Petroleum Exporting Countries" → OPEC.
var nameFiller = map[string]bool{"of": true, "the": true, "and": true, "for": true, "on": true, "in": true, "de": true}

// key is the exact-match key: the folded words.
func (n name) key() string { return strings.Join(n.fold, " ") }

// skelKey indexes names whose every word has the same consonant skeleton,
// the candidates for a transliteration variant.
func (n name) skelKey() string { return strings.Join(n.skel, " ") }

// skeleton drops vowels (and y, which transliterations trade for i) and
// doubled letters: the consonants carry a name across spellings
// (Zelenskiy, Zelensky, Zelenskyy → zlnsk; Kyiv, Kiev → kv; Rustem, Rustam → rstm).
func skeleton(fold string) string {
	fold = initial(fold)
	var b strings.Builder
	var last rune
	for _, r := range fold {
		switch r {
		case 'a', 'e', 'i', 'o', 'u', 'y', '\'', '-':
			last = 0
			continue
		}
		if r == last {
			continue
		}
		b.WriteRune(r)
		last = r
	}
	return b.String()
}

// sameSpelling reports whether a and b are one name spelt two ways: word by
// word, the same first letter, the same consonants and few edits — so
// Zelenskiy/Zelensky, Yury/Yuri and Kiev/Kyiv join, while Budanov and
// Dmitriev, or Ivan and Ivana Petrova (a different person), stay apart.
func sameSpelling(a, b name) bool {
	if len(a.fold) != len(b.fold) || len(a.fold) == 0 {
		return false
	}
	for i := range a.fold {
		x, y := a.fold[i], b.fold[i]
		if x == y {
			continue
		}
		if a.skel[i] != b.skel[i] || a.skel[i] == "" || initial(x)[0] != initial(y)[0] {
			return false
		}
		if len(x) < 4 || len(y) < 4 {
			return false
		}
		// An ending in -a makes another name, often another person
		// (Ivan, Ivana; Alexander, Alexandra; Georgia, Georgie).
		if strings.HasSuffix(x, "a") != strings.HasSuffix(y, "a") {
			return false
		}
		// A longer word that only adds letters is another word (Niger,
		// Nigeria), unless it doubles a final letter (Zelensky, Zelenskyy).
		if (strings.HasPrefix(x, y) || strings.HasPrefix(y, x)) && absDiff(len(x), len(y)) >= 2 {
			return false
		}
		if editDistance(x, y) > 2 {
			return false
		}
	}
	return true
}

// editDistance is the Levenshtein distance between two short words.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// initial drops the k of a leading "kh", which transliterations write as
// h or kh alike (Kharzin, Harzin; Kharkiv, Harkiv).
func initial(fold string) string {
	if strings.HasPrefix(fold, "kh") && len(fold) > 2 {
		return fold[1:]
	}
	return fold
}
