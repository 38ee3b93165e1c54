package clean

import (
	"fmt"
	"html"
	"strings"
)

// accountFor checks that nothing was lost: walking the input's non-blank
// lines in order, each is either the next line of the text, the next
// removal, or a line of the text once the next markup removals are taken
// out of it (entities decoded). It returns a description of the first line
// it cannot account for, or "".
func accountFor(input string, r Result) string {
	in := nonBlankLines(strings.ToValidUTF8(input, "\uFFFD"))
	out := nonBlankLines(r.Text)
	type state struct{ i, t, r int }
	memo := map[state]bool{}
	var walk func(s state) bool
	walk = func(s state) bool {
		if s.i == len(in) {
			return s.t == len(out) && s.r == len(r.Removed)
		}
		if v, ok := memo[s]; ok {
			return v
		}
		memo[s] = false
		l := in[s.i]
		ok := false
		if s.t < len(out) && out[s.t] == l {
			ok = walk(state{s.i + 1, s.t + 1, s.r})
		}
		if !ok && s.r < len(r.Removed) && r.Removed[s.r].Text == l {
			ok = walk(state{s.i + 1, s.t, s.r + 1})
		}
		if !ok && s.t < len(out) {
			// The line lost markup: take out the next inline removals one
			// by one, trying every count (a whole-line removal that follows
			// may also be markup) and every place each piece occurs.
			want := fold(out[s.t])
			var strip func(done, rest string, ri int) bool
			strip = func(done, rest string, ri int) bool {
				if ri > s.r && fold(done+rest) == want && walk(state{s.i + 1, s.t + 1, ri}) {
					return true
				}
				if ri >= len(r.Removed) || !isInline(r.Removed[ri].Reason) {
					return false
				}
				p := r.Removed[ri].Text
				put := ""
				if r.Removed[ri].Reason == "html entity" {
					put = html.UnescapeString(p)
				}
				for off := 0; ; {
					k := strings.Index(rest[off:], p)
					if k < 0 || p == "" {
						return false
					}
					k += off
					if strip(done+rest[:k]+put, rest[k+len(p):], ri+1) {
						return true
					}
					off = k + 1
				}
			}
			ok = strip("", l, s.r)
		}
		memo[s] = ok
		return ok
	}
	if walk(state{}) {
		return ""
	}
	// Describe the first line a greedy walk cannot place.
	t, ri := 0, 0
	for _, l := range in {
		switch {
		case t < len(out) && (out[t] == l || fold(out[t]) != "" && strings.Contains(l, out[t])):
			t++
		case ri < len(r.Removed) && r.Removed[ri].Text == l:
			ri++
		default:
			return fmt.Sprintf("input line %q is neither in the text nor removed", l)
		}
	}
	return fmt.Sprintf("text has %d lines, %d accounted for; %d removals, %d accounted for", len(out), t, len(r.Removed), ri)
}

func isInline(reason string) bool { return reason == reasonMarkup || reason == "html entity" }

func nonBlankLines(s string) []string {
	var out []string
	for _, l := range splitLines(s) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }
