package entities

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a word of the text with its byte offsets; Text is the form the
// model sees (curly quotes and apostrophes folded to ASCII).
type Token struct {
	Text       string
	Start, End int
}

// maxTokenBytes bounds one token: a longer run of non-space bytes (a URL,
// base64) is cut into pieces rather than fed whole to the model.
const maxTokenBytes = 64

// Tokenize splits text[span] into words the way CoNLL-2003 does: trailing
// punctuation, quotes and brackets apart; possessive 's and n't apart;
// hyphenated words and abbreviations such as U.S. kept whole.
func Tokenize(text string, start, end int) []Token {
	start = max(0, min(start, len(text)))
	end = max(start, min(end, len(text)))
	var out []Token
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) || r == utf8.RuneError && size <= 1 {
			i += max(size, 1)
			continue
		}
		j := i
		for j < end && j-i < maxTokenBytes {
			r, size := utf8.DecodeRuneInString(text[j:end])
			if unicode.IsSpace(r) || r == utf8.RuneError && size <= 1 {
				break
			}
			j += size
		}
		out = splitWord(out, text, i, j)
		i = j
	}
	return out
}

func isOpen(r rune) bool  { return strings.ContainsRune("\"'“‘([{«", r) }
func isClose(r rune) bool { return strings.ContainsRune("\"'”’)]}»,;:!?…", r) }
func isDash(r rune) bool  { return r == '—' || r == '–' }

// isInnerBreak reports whether r splits a word in two where it stands
// between letters: long dashes and slashes ("Kyiv—Moscow", "Name/Agency").
func isInnerBreak(r rune) bool { return isDash(r) || r == '/' }

// splitWord splits one whitespace-free run [i, j) into tokens.
func splitWord(out []Token, text string, i, j int) []Token {
	emit := func(a, b int) {
		if a < b {
			out = append(out, Token{Text: normWord(text[a:b]), Start: a, End: b})
		}
	}
	// Leading quotes and brackets, one token each.
	for i < j {
		r, size := utf8.DecodeRuneInString(text[i:j])
		if !isOpen(r) && !isDash(r) {
			break
		}
		emit(i, i+size)
		i += size
	}
	// Trailing punctuation, collected from the end.
	var tail []Token
	for j > i {
		r, size := utf8.DecodeLastRuneInString(text[i:j])
		if isClose(r) || isDash(r) || (r == '.' && !keepsDot(text[i:j])) {
			tail = append(tail, Token{Text: normWord(text[j-size : j]), Start: j - size, End: j})
			j -= size
			continue
		}
		break
	}
	// A dash or slash inside the word separates two words ("Kyiv—Moscow").
	for k := i; k < j; {
		r, size := utf8.DecodeRuneInString(text[k:j])
		if isInnerBreak(r) && k > i && k+size < j {
			out = splitWord(out, text, i, k)
			emit(k, k+size)
			out = splitWord(out, text, k+size, j)
			j = i // done
			break
		}
		k += size
	}
	if i < j {
		w := text[i:j]
		lw := strings.ToLower(normWord(w))
		switch {
		case len(w) > 2 && (strings.HasSuffix(lw, "'s")) && len(lw) == len(normWord(w)):
			cut := j - len(apostropheS(w))
			emit(i, cut)
			emit(cut, j)
		case len(w) > 3 && strings.HasSuffix(lw, "n't"):
			cut := j - len(suffix(w, 3))
			emit(i, cut)
			emit(cut, j)
		default:
			emit(i, j)
		}
	}
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

// apostropheS returns the trailing "'s" or "’s" of w as written.
func apostropheS(w string) string {
	if strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "’S") {
		return w[len(w)-len("’s"):]
	}
	return w[len(w)-2:]
}

// keepsDot reports whether a word ending in a dot keeps it: initials and
// abbreviations (U.S., J., Jr., St., Gen.) rather than a sentence end.
func keepsDot(w string) bool {
	core := strings.TrimSuffix(w, ".")
	if core == "" {
		return false
	}
	if strings.Contains(core, ".") {
		return true // U.S., a.m.
	}
	if utf8.RuneCountInString(core) == 1 {
		r, _ := utf8.DecodeRuneInString(core)
		return unicode.IsUpper(r)
	}
	return abbreviations[strings.ToLower(core)]
}

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "jr": true, "sr": true, "st": true,
	"gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "maj": true, "gov": true,
	"sen": true, "rep": true, "rev": true, "prof": true, "co": true, "corp": true, "inc": true,
	"ltd": true, "no": true, "vs": true, "mt": true, "ft": true,
}
