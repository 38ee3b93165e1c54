// Package quotes scores storyline's quote finder on PolNeAR (Newell et
// al., LREC 2018): brat standoff annotations of attributions (Source, Cue,
// Content) in US political news. The metric is the one ../shared/eval/
// README.md defines: direct quotes are the gold Content spans that begin
// with a quotation mark; a predicted quote matches a gold one, one to one,
// when their overlap is at least 0.3 (and, stricter, 0.8) of the longer;
// speaker accuracy is measured on the matched quotes.
package quotes

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"storyline/internal/news"
)

// Limits on one annotation file.
const (
	maxAnnLine  = 1 << 20
	maxAnnItems = 1 << 17
	maxFrags    = 64
)

// Frag is a half-open range of character (rune) offsets, as brat counts.
type Frag struct{ Start, End int }

// TextBound is a brat "T" line: an ID, a type and one or more fragments.
type TextBound struct {
	ID    string
	Type  string
	Frags []Frag
}

// Event is a brat "E" line: its trigger and its arguments by role.
type Event struct {
	ID   string
	Type string
	Args map[string]string // role → text-bound ID
}

// Ann is one annotation file.
type Ann struct {
	Bounds map[string]TextBound
	Events []Event
}

// ReadAnn parses brat standoff. Lines it does not know (notes, relations,
// attributes, and the continuation lines of a covered text that holds a line
// break) are skipped; a malformed T or E line is an error.
func ReadAnn(r io.Reader) (*Ann, error) {
	a := &Ann{Bounds: map[string]TextBound{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxAnnLine)
	n := 0
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if len(s) < 2 || (s[0] != 'T' && s[0] != 'E') || s[1] < '0' || s[1] > '9' {
			continue
		}
		tab := strings.IndexByte(s, '\t')
		if tab < 0 {
			continue // a covered text's continuation that happens to start like an ID
		}
		if n++; n > maxAnnItems {
			return nil, fmt.Errorf("brat: more than %d annotations: %w", maxAnnItems, news.ErrTooLarge)
		}
		id, rest := s[:tab], s[tab+1:]
		if !isID(id) {
			continue
		}
		if t := strings.IndexByte(rest, '\t'); t >= 0 && s[0] == 'T' {
			rest = rest[:t]
		}
		switch s[0] {
		case 'T':
			tb, err := parseBound(id, rest)
			if err != nil {
				return nil, fmt.Errorf("brat line %d: %w", line, err)
			}
			a.Bounds[id] = tb
		case 'E':
			ev, err := parseEvent(id, rest)
			if err != nil {
				return nil, fmt.Errorf("brat line %d: %w", line, err)
			}
			a.Events = append(a.Events, ev)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("brat: %w", err)
	}
	return a, nil
}

func isID(s string) bool {
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return len(s) > 1
}

func parseBound(id, s string) (TextBound, error) {
	typ, offs, ok := strings.Cut(s, " ")
	if !ok || typ == "" {
		return TextBound{}, fmt.Errorf("text-bound %s: no offsets in %q: %w", id, s, news.ErrInvalid)
	}
	tb := TextBound{ID: id, Type: typ}
	for _, part := range strings.Split(offs, ";") {
		f := strings.Fields(part)
		if len(f) != 2 {
			return TextBound{}, fmt.Errorf("text-bound %s: bad fragment %q: %w", id, part, news.ErrInvalid)
		}
		st, err1 := strconv.Atoi(f[0])
		en, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil || st < 0 || en < st {
			return TextBound{}, fmt.Errorf("text-bound %s: bad fragment %q: %w", id, part, news.ErrInvalid)
		}
		if len(tb.Frags) == maxFrags {
			return TextBound{}, fmt.Errorf("text-bound %s: more than %d fragments: %w", id, maxFrags, news.ErrTooLarge)
		}
		tb.Frags = append(tb.Frags, Frag{st, en})
	}
	return tb, nil
}

func parseEvent(id, s string) (Event, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return Event{}, fmt.Errorf("event %s: empty: %w", id, news.ErrInvalid)
	}
	ev := Event{ID: id, Args: map[string]string{}}
	for i, x := range f {
		role, ref, ok := strings.Cut(x, ":")
		if !ok || ref == "" {
			return Event{}, fmt.Errorf("event %s: bad argument %q: %w", id, x, news.ErrInvalid)
		}
		if i == 0 {
			ev.Type = role
			continue
		}
		ev.Args[role] = ref
	}
	return ev, nil
}
