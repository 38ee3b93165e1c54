package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleSeps part a headline from the section or site name pages append.
var titleSeps = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » "}

// StripTitleSuffix removes the section or site names a page appends to its
// headline ("Some headline | Section", "Headline - Site Name"), repeatedly,
// and nothing else. A tail is a suffix only when it is short and reads as a
// name (capitalised words or a domain) and the head is a headline of its own,
// so "Markets rise - but for how long?" keeps its tail.
func StripTitleSuffix(title string) string {
	t := strings.TrimSpace(title)
	for range 4 {
		cut := -1
		sepLen := 0
		for _, sep := range titleSeps {
			if i := strings.LastIndex(t, sep); i > cut {
				cut, sepLen = i, len(sep)
			}
		}
		if cut < 0 {
			break
		}
		head, tail := strings.TrimSpace(t[:cut]), strings.TrimSpace(t[cut+sepLen:])
		if !isNameTail(tail) || len(strings.Fields(head)) < 3 || len(head) <= len(tail) {
			break
		}
		t = head
	}
	return t
}

var domainRe = regexp.MustCompile(`^(?i:[a-z0-9-]+\.)+[a-z]{2,}$`)

// isNameTail reports whether s reads as a section or site name: at most
// five words, each capitalised, a short function word or a domain.
func isNameTail(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 5 || len(s) > 40 {
		return false
	}
	if domainRe.MatchString(s) {
		return true
	}
	for i, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r) || unicode.IsDigit(r):
		case i > 0 && len(w) <= 3 && unicode.IsLower(r): // "News of the World", "& Co"
		case w == "&":
		default:
			return false
		}
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r != '?' && r != '!' && r != '.'
}

// normTitle folds the differences a headline picks up between metadata and
// page: case, spacing, curly quotes and dashes, closing punctuation.
func normTitle(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "–", "-", "—", "-").Replace(s)
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimRight(s, ".!?:; ")
}

// sameTitle reports whether line is the headline title, allowing either to
// carry a section suffix.
func sameTitle(line, title string) bool {
	a, b := normTitle(line), normTitle(title)
	if a == "" || b == "" {
		return false
	}
	return a == b || normTitle(StripTitleSuffix(line)) == normTitle(StripTitleSuffix(title))
}

// isHeadline reports a line shaped like a headline: a few words, opening
// with a capital, digit or quote, and no closing full stop.
func isHeadline(ln *line) bool {
	if ln.words < 3 || ln.words > 25 || strings.HasSuffix(ln.unit, ".") || ln.bullet {
		return false
	}
	r, _ := utf8.DecodeRuneInString(ln.unit)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"“‘'`, r)
}

var (
	byPrefixRe = regexp.MustCompile(`^(?i:by|words by|written by|story by|text by)\s+(.+)$`)
	// Particles that may sit inside a name without a capital.
	nameParticles = wordSet("de da di del della der van von bin ibn al el la le du dos das ter ten")
	nameJoins     = wordSet("and &")
)

// bylineOf returns the names of a byline line ("By Jane Roe", "Jane Roe and
// John Doe"), or "" when the line is not one. Without "By", the line must
// join two or more names, since a lone name looks like any other label.
func bylineOf(ln *line) string {
	if ln.words > 14 || ln.endsStop && !strings.HasSuffix(ln.unit, ".") {
		return ""
	}
	s := ln.unit
	// "By Jane Roe | 25 Nov 2025": keep the names.
	for _, sep := range []string{" | ", " - ", " – ", " — ", " · "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	s = strings.TrimRight(strings.TrimSpace(s), ".,;:")
	if m := byPrefixRe.FindStringSubmatch(s); m != nil {
		if ok, _, _ := nameList(m[1]); ok {
			return strings.TrimSpace(m[1])
		}
		return ""
	}
	// Without "By", two or more people of two names each or more:
	// "Ports and Harbours" is a section, not two reporters.
	if ok, n, shortest := nameList(s); ok && n >= 2 && shortest >= 2 {
		return s
	}
	return ""
}

// nameList reports whether s is made of capitalised names joined by commas,
// "and" or "&", how many people it names and the fewest capitalised words
// one of them has. An agency after a comma ("Jane Roe, Reuters") counts as
// a name.
func nameList(s string) (ok bool, people, shortest int) {
	shortest = 1 << 30
	end := func(caps int) {
		if caps > 0 {
			people++
			shortest = min(shortest, caps)
		}
	}
	for part := range strings.SplitSeq(s, ",") {
		caps := 0
		for w := range strings.FieldsSeq(part) {
			lw := strings.ToLower(w)
			if nameJoins[lw] {
				end(caps)
				caps = 0
				continue
			}
			r, _ := utf8.DecodeRuneInString(w)
			switch {
			case unicode.IsUpper(r):
				caps++
			case nameParticles[lw] && caps > 0:
			default:
				return false, 0, 0
			}
			if caps > 4 {
				return false, 0, 0
			}
		}
		end(caps)
	}
	return people >= 1 && people <= 6, people, shortest
}
