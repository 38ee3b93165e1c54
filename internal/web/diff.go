package web

import (
	"strings"
	"unicode"
)

// token is one word of a quote (with the space and punctuation around
// it) and whether it differs from the text compared with.
type token struct {
	Text    string
	Changed bool
}

// maxDiffWords bounds the quadratic word alignment; longer quotes are
// compared on their first words only, the rest shown unmarked.
const maxDiffWords = 400

// wordDiff marks the words of a that have no counterpart in b, by a
// longest common subsequence of words compared case- and punctuation-
// insensitively: "We will rebuild," and "we will rebuild" are the same
// words, "twelve" and "12" are not.
func wordDiff(a, b string) []token {
	ta, tb := words(a), words(b)
	n, m := min(len(ta), maxDiffWords), min(len(tb), maxDiffWords)
	ka, kb := make([]string, n), make([]string, m)
	for i := range n {
		ka[i] = wordKey(ta[i])
	}
	for j := range m {
		kb[j] = wordKey(tb[j])
	}
	// lcs[i][j] is the LCS length of ka[i:] and kb[j:].
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if ka[i] == kb[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	out := make([]token, 0, len(ta))
	i, j := 0, 0
	for i < n {
		switch {
		case j < m && ka[i] == kb[j]:
			out = append(out, token{Text: ta[i]})
			i++
			j++
		case j < m && lcs[i][j+1] >= lcs[i+1][j]:
			j++
		default:
			out = append(out, token{Text: ta[i], Changed: ka[i] != ""})
			i++
		}
	}
	for _, w := range ta[n:] {
		out = append(out, token{Text: w})
	}
	return out
}

// words cuts s after each run of spaces, so that joining the pieces gives
// s back exactly.
func words(s string) []string {
	var out []string
	start := 0
	inSpace := false
	for i, r := range s {
		sp := unicode.IsSpace(r)
		if !sp && inSpace {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = sp
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func wordKey(w string) string {
	return strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}
