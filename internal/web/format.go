package web

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold lower-cases s and drops its accents and punctuation, so that
// "Müller", "muller" and "MULLER." compare equal.
func fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}

func num(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

// amountOf says a figure's value and bounds as a reader expects them.
func amountOf(value, lo, hi, from *float64) string {
	switch {
	case from != nil && value != nil:
		return num(from) + " → " + num(value)
	case value != nil && lo != nil && hi != nil && *lo == *value && *hi == *value:
		return num(value)
	case lo != nil && hi != nil:
		return num(lo) + "–" + num(hi)
	case lo != nil:
		return "≥ " + num(lo)
	case hi != nil:
		return "≤ " + num(hi)
	}
	if value == nil {
		return "(vague)"
	}
	return num(value)
}

// showWhen writes a report time (a day or RFC 3339) for people.
func showWhen(s *string) string {
	if s == nil || *s == "" {
		return "date unknown"
	}
	if t, err := time.Parse(time.RFC3339, *s); err == nil {
		return t.Format("2 Jan 2006 15:04 MST")
	}
	if t, err := time.Parse("2006-01-02", *s); err == nil {
		return t.Format("2 Jan 2006")
	}
	return *s
}

// clip cuts s to n runes, marking the cut.
func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
