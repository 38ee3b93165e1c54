package clean

import (
	"strings"
	"unicode"
)

// maxCommonLine bounds the lines CommonLines counts: furniture is short, and
// counting whole paragraphs of every article would only cost memory.
const maxCommonLine = 600

// CommonLines counts, per normalised line, in how many of texts it appears
// (each text counted once per line). Clean reads the counts through
// Options.Common to spot furniture a site repeats on every page.
func CommonLines(texts []string) map[string]int {
	counts := map[string]int{}
	seen := map[string]bool{}
	for _, t := range texts {
		clear(seen)
		for _, l := range splitLines(t) {
			l = strings.TrimSpace(l)
			if l == "" || len(l) > maxCommonLine {
				continue
			}
			k := NormLine(l)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			counts[k]++
		}
	}
	return counts
}

// NormLine is the key under which CommonLines counts a line: lower case,
// whitespace folded and digit runs collapsed, so that "Comments (12)" and
// "Comments (3)" count as one line.
func NormLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space, digit := false, false
	for _, r := range strings.TrimSpace(s) {
		switch {
		case unicode.IsSpace(r):
			space, digit = true, false
			continue
		case unicode.IsDigit(r):
			if digit {
				continue
			}
			digit = true
			r = '0'
		default:
			digit = false
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// splitLines splits on \n, \r\n and lone \r.
func splitLines(s string) []string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.Split(s, "\n")
}
