package quotes

import (
	"sort"

	"storyline/internal/news"
)

// reportVerbs are the cues that take a reported clause: X said (that) …
var reportVerbs = set("said", "says", "told", "tells", "added", "adds", "warned", "warns", "argued", "argues",
	"claimed", "claims", "insisted", "insists", "noted", "notes", "stressed", "stresses", "explained", "suggested",
	"acknowledged", "admitted", "confirmed", "predicted", "wrote", "writes", "reported", "maintained",
	"maintains", "contended", "alleged", "emphasized", "emphasised", "conceded", "declared", "stated", "recalled",
	"saying", "adding", "telling", "warning", "arguing", "claiming", "insisting", "noting", "stressing",
	"agreed", "vowed", "promised", "cautioned", "countered", "tweeted")

// minReported is the fewest words of reported speech.
const minReported = 3

// reported finds reported speech sentence by sentence: "X said (that) …",
// "…, X said", "according to X, …" and "…, according to X". A sentence whose
// words are mostly a direct quote is left to the direct quote.
func (d *doc) reported(sentences []news.Span, segs []segment, used map[int]bool) []item {
	var out []item
	for _, s := range sentences {
		a := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].start >= s.Start })
		b := a
		for b < len(d.toks) && d.toks[b].end <= s.End {
			b++
		}
		if b-a < 4 {
			continue
		}
		if it, ok := d.reportedIn(a, b, segs, used); ok {
			out = append(out, it)
		}
	}
	return out
}

// quotedShare is the part of [start,end) that direct quotes cover.
func quotedShare(segs []segment, start, end int) float64 {
	if end <= start {
		return 0
	}
	n := 0
	for i := sort.Search(len(segs), func(i int) bool { return segs[i].end > start }); i < len(segs) && segs[i].start < end; i++ {
		lo, hi := max(segs[i].start, start), min(segs[i].end, end)
		if hi > lo {
			n += hi - lo
		}
	}
	return float64(n) / float64(end-start)
}

func (d *doc) insideSeg(segs []segment, tok int) bool {
	pos := d.toks[tok].start
	i := sort.Search(len(segs), func(i int) bool { return segs[i].end > pos })
	return i < len(segs) && segs[i].start <= pos
}

func (d *doc) reportedIn(a, b int, segs []segment, used map[int]bool) (item, bool) {
	// the sentence without its final punctuation
	end := b
	for end > a && d.toks[end-1].kind == tPunct {
		end--
	}
	for c := a; c < end; c++ {
		n := d.cueAt(c)
		if n == 0 || used[c] || d.insideSeg(segs, c) {
			continue
		}
		w := d.toks[c].w
		var att attribution
		var from, to int
		switch {
		case n == 2 && w == "according":
			e := d.fwdPhrase(c+2, end)
			if e < 0 {
				continue
			}
			att = attribution{cue: [2]int{c, c + 1}, sp: [2]int{c + 2, e}}
			if c == a || c == a+1 && d.toks[a].kind != tWord {
				from, to = e+1, end
			} else {
				from, to = a, c
			}
		case reportVerbs[w]:
			att = d.subjectOf(c, n, a)
			if !att.ok() {
				continue
			}
			// "…, X said." and "…, said X."
			if att.sp[0] > a && d.is(att.sp[0]-1, ",") && d.tail(c+n, end) {
				from, to = a, att.sp[0]-1
				break
			}
			if d.is(c-1, ",") && cues[w] {
				if e := d.fwdPhrase(c+1, end); e >= 0 && d.tail(e+1, end) {
					att = attribution{cue: [2]int{c, c}, sp: [2]int{c + 1, e}}
					from, to = a, c-1
					break
				}
			}
			if att.sp[0] < 0 && !(len(w) > 4 && w[len(w)-3:] == "ing") {
				continue
			}
			from, to = d.clauseStart(c+n, end, w), end
			if !plainReport[w] && !d.clauseOpens(from, c+n) {
				continue // warned Russia on …, warned against …: no reported clause
			}
		default:
			continue
		}
		// reported speech ends where its sentence does, even when the
		// splitter ran on (". "If you look …"), and before a colon that
		// introduces a quote
		for k := from; k < to; k++ {
			if d.isEnd(k) && !d.insideSeg(segs, k) || d.is(k, ":") || d.is(k, ";") {
				to = k
				break
			}
		}
		for from < to && d.toks[from].kind == tPunct {
			from++
		}
		for to > from && d.toks[to-1].kind == tPunct {
			to--
		}
		if d.words(from, to) < minReported {
			continue
		}
		sp := news.Span{Start: d.toks[from].start, End: d.toks[to-1].end}
		if quotedShare(segs, sp.Start, sp.End) > 0.6 {
			return item{}, false
		}
		return item{span: sp, att: att}, true
	}
	return item{}, false
}

// tail reports whether [i,end) is at most a short adverbial (on Tuesday,
// in a statement, to reporters) that may follow a sentence-final "X said".
func (d *doc) tail(i, end int) bool {
	if i >= end {
		return true
	}
	if end-i > 7 || !tailStarts[d.toks[i].w] && !timeWords[d.toks[i].w] {
		return false
	}
	for k := i; k < end; k++ {
		if d.toks[k].w == "that" || d.toks[k].kind == tMark || d.is(k, ",") || cues[d.toks[k].w] {
			return false
		}
	}
	return true
}

// tailStarts begin the adverbials that may follow an attribution.
var tailStarts = set("in", "on", "at", "during", "after", "before", "to", "from", "via", "over", "through",
	"while", "when", "by", "with", "outside", "inside", "under", "afterward", "afterwards", "later", "recently",
	"earlier", "then", "again", "too", "also", "as", "about", "of", "for")

// clauseStart skips what stands between a cue and the reported clause: the
// listener of "told" (told reporters, told the BBC) and a short adverbial
// before "that" (said on Tuesday that).
func (d *doc) clauseStart(i, end int, cue string) int {
	if cue == "told" || cue == "tells" || cue == "telling" {
		i = d.listenerEnd(i, end)
	}
	// a time before the clause: said on Monday the plan …
	k, timed := i, false
	for k < end && k-i < 4 && d.toks[k].kind == tWord && timeWords[d.toks[k].w] {
		timed = timed || !timeFillers[d.toks[k].w]
		k++
	}
	if timed && k < end && d.toks[k].kind == tWord && d.toks[k].w != "that" && !timeWords[d.toks[k].w] {
		return k
	}
	for k := i; k < end && k-i <= 8; k++ {
		t := d.toks[k]
		if t.w == "that" && t.kind == tWord {
			return k + 1
		}
		if t.kind == tMark || stops[t.w] || cues[t.w] {
			break
		}
	}
	// a longer adverbial before "that": said after speaking by phone
	// with Zelensky on Tuesday that …
	if i < end && (tailStarts[d.toks[i].w] || openers[d.toks[i].w]) {
		for k := i + 1; k < end && k-i <= 20; k++ {
			t := d.toks[k]
			if t.kind == tMark || isCueWord(t.w) || d.isEnd(k) {
				break
			}
			if t.w == "that" && t.kind == tWord {
				return k + 1
			}
		}
	}
	return i
}

// timeFillers join a time adverbial but are none alone: she said this …
var timeFillers = set("on", "last", "this", "late", "early", "earlier", "next")

// plainReport are the verbs that take a reported clause without "that"
// (he said the talks failed); the others need "that" or a clause's subject.
var plainReport = set("said", "says", "told", "tells", "added", "adds", "wrote", "writes", "saying", "adding",
	"telling", "reported", "stated")

// clauseOpens reports whether the reported clause beginning at from looks
// like one: "that" came before it, or it opens with a pronoun or a
// determiner.
func (d *doc) clauseOpens(from, cueEnd int) bool {
	if from > cueEnd && d.is(from-1, "that") {
		return true
	}
	if from >= len(d.toks) {
		return false
	}
	t := d.toks[from]
	return d.pronounAt(from) || t.kind == tWord && determiners[t.w] && !d.allCaps(t)
}

// timeWords make up a short time adverbial.
var timeWords = set("on", "last", "this", "late", "early", "earlier", "next", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday", "week", "month", "year", "night", "morning", "afternoon",
	"evening", "yesterday", "today", "tonight", "overnight", "weekend")

// listenerEnd skips who was told: reporters, the BBC, a news conference.
// It stops where the clause begins: at a second determiner, a pronoun,
// "that" or a stop word.
func (d *doc) listenerEnd(i, end int) int {
	k := i
	for k < end && k-i < 6 {
		t := d.toks[k]
		if t.kind != tWord && t.kind != tPoss || t.w == "that" || d.pronounAt(k) ||
			stops[t.w] && !d.allCaps(t) || k > i && determiners[t.w] && !softPreps[d.word(k-1)] {
			break
		}
		k++
	}
	return k
}
