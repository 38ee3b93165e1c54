// Package quotes finds what the people in an article said: direct quotes
// in straight or curly marks (over several paragraphs, or a few words inside
// a sentence), reported speech ("said that …", "according to …"), the cue
// verb and the speaker — named, a pronoun or role resolved to a person the
// article names, or an unnamed description ("a US official") kept as
// written. It works with rules over the words around each quote and the
// entity mentions of the article, not with a parser: tokens.go cuts the
// text, marks.go pairs the quotation marks, attrib.go finds cues and
// phrase.go speaker phrases, speaker.go resolves them to names and
// reported.go finds reported speech; the word lists are in lexicon.go and
// names.go.
package quotes

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"storyline/internal/news"
	"storyline/internal/pipeline"
)

// MaxTextBytes bounds the text of one article.
const MaxTextBytes = 8 << 20

// Stage returns the pipeline stage that fills doc.Quotes.
func Stage() pipeline.Stage {
	return pipeline.Stage{
		Name:     "quotes",
		Version:  "1",
		Requires: []string{pipeline.Sentences, pipeline.Entities},
		Provides: []string{pipeline.Quotes},
		Run: func(_ context.Context, d *news.Doc) error {
			if len(d.Text()) > MaxTextBytes {
				return fmt.Errorf("quotes: article %s of %d bytes over %d: %w", d.Article.ID, len(d.Text()), MaxTextBytes, news.ErrTooLarge)
			}
			d.Quotes = Find(d.Text(), d.Sentences, d.Entities)
			return nil
		},
	}
}

// minUnattributed is the fewest words a quote with no cue near it must have
// to count as a quote; shorter ones, and those inside a sentence, are scare
// quotes and titles.
const minUnattributed = 4

// item is a quote found but not yet resolved.
type item struct {
	span   news.Span
	direct bool
	att    attribution
}

// Find returns the quotes of text in order, direct and reported. sentences
// and mentions are the article's; without sentences the text is split at
// its own sentence ends, without mentions speakers keep the names written.
func Find(text string, sentences []news.Span, mentions []news.Mention) []news.Quote {
	if len(text) > MaxTextBytes {
		return nil
	}
	d := tokenize(text)
	if sentences == nil {
		sentences = d.sentences()
	}
	segs := d.segments()
	quoted := make([]news.Span, len(segs))
	for i, s := range segs {
		quoted[i] = news.Span{Start: s.start, End: s.end}
	}
	attrs := d.attribute(segs)
	var items []item
	used := map[int]bool{}
	for i, s := range segs {
		a := attrs[i]
		if !a.ok() && (d.words(s.open+1, s.last+1) < minUnattributed || d.midSentence(s.open)) {
			continue
		}
		items = append(items, item{span: news.Span{Start: s.start, End: s.end}, direct: true, att: a})
		if a.ok() && !d.midSentence(s.open) {
			// the quote is what the cue reports; a partial quote
			// leaves the reported clause around it to be found too
			used[a.cue[0]] = true
		}
	}
	items = append(items, d.reported(sentences, segs, used)...)
	names := newResolver(d, mentions, sentences, quoted).resolveAll(items)
	out := make([]news.Quote, len(items))
	for i, it := range items {
		out[i] = d.quote(it, names[it.att.sp])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func (d *doc) quote(it item, name string) news.Quote {
	q := news.Quote{Span: it.span, Direct: it.direct}
	a := it.att
	if !a.ok() {
		return q
	}
	cue := news.Span{Start: d.toks[a.cue[0]].start, End: d.toks[a.cue[1]].end}
	q.Cue, q.CueSpan = cue.In(d.text), &cue
	if a.sp[0] >= 0 {
		s := news.Span{Start: d.toks[a.sp[0]].start, End: d.toks[a.sp[1]].end}
		q.SpeakerText, q.SpeakerSpan = s.In(d.text), &s
		q.Speaker = name
	}
	return q
}

// sentences splits the paragraphs at sentence ends, for a caller that has
// no sentences of its own.
func (d *doc) sentences() []news.Span {
	var out []news.Span
	for p := range d.paras {
		lo, hi := d.paraTok[p], d.paraTok[p+1]
		start := lo
		for k := lo; k < hi; k++ {
			if d.isEnd(k) || k == hi-1 {
				out = append(out, news.Span{Start: d.toks[start].start, End: d.toks[k].end})
				start = k + 1
			}
		}
	}
	return out
}

// midSentence reports whether the mark at token i follows a word of its
// sentence: the quote is a few words of a longer sentence.
func (d *doc) midSentence(i int) bool {
	if i == 0 || d.toks[i-1].para != d.toks[i].para || strings.Contains(d.text[d.toks[i-1].end:d.toks[i].start], "\n") {
		return false
	}
	k := d.toks[i-1].kind
	return k == tWord || k == tPoss
}

// words counts the word tokens in [i, j).
func (d *doc) words(i, j int) int {
	n := 0
	for k := max(i, 0); k < j && k < len(d.toks); k++ {
		if d.toks[k].kind == tWord {
			n++
		}
	}
	return n
}

func (d *doc) paraOf(tok int) int { return d.toks[tok].para }

// attribute finds each segment's attribution: right after it, before it in
// its sentence, later in its sentence, in a paragraph that ends with a colon
// before it, or else the one of the quote before it in its paragraph, or in
// the paragraph before when its own paragraph is nothing but quotes.
func (d *doc) attribute(segs []segment) []attribution {
	out := make([]attribution, len(segs))
	for i, s := range segs {
		p := d.paraOf(s.open)
		lo := d.paraTok[p]
		if i > 0 && d.paraOf(segs[i-1].open) == p || i > 0 && d.paraOf(segs[i-1].last) == p {
			lo = segs[i-1].last + 1
			if segs[i-1].close >= 0 {
				lo = segs[i-1].close + 1
			}
		}
		after := s.last + 1
		if s.close >= 0 {
			after = s.close + 1
		}
		q := d.paraOf(s.last)
		hi := d.paraTok[q+1]
		if i+1 < len(segs) && d.paraOf(segs[i+1].open) == q {
			hi = segs[i+1].open
		}
		a := d.rightAfter(after, hi, d.is(s.last, "."))
		if !a.ok() {
			a = d.before(lo, s.open)
		}
		if !a.ok() {
			a = d.later(after, hi)
		}
		if !a.ok() && s.open == d.paraTok[p] && p > 0 {
			a = d.colon(p - 1)
		}
		if !a.ok() && i > 0 {
			prev := d.paraOf(segs[i-1].last)
			switch {
			case prev == p:
				// reported speech between the two quotes is a new
				// attribution (Greene added that …. "…")
				if b := d.between(lo, s.open); b.ok() && b.cue != out[i-1].cue {
					a = b
				} else {
					a = out[i-1]
				}
			case prev == p-1 && d.onlyQuotes(p, segs, i):
				a = out[i-1]
			}
		}
		out[i] = a
	}
	return out
}

// colon finds the cue of a paragraph that ends with a colon and so
// introduces the quote of the next: He said:
func (d *doc) colon(p int) attribution {
	lo, hi := d.paraTok[p], d.paraTok[p+1]
	if hi <= lo || !d.is(hi-1, ":") {
		return none
	}
	return d.before(lo, hi-1)
}

// onlyQuotes reports whether paragraph p, where segment i opens, holds no
// words outside quotes.
func (d *doc) onlyQuotes(p int, segs []segment, i int) bool {
	lo, hi := d.paraTok[p], d.paraTok[p+1]
	in := make([]bool, hi-lo)
	for j := i; j < len(segs) && segs[j].open < hi; j++ {
		s := segs[j]
		for k := max(s.open, lo); k <= s.last+1 && k < hi; k++ {
			in[k-lo] = true
		}
	}
	for k := lo; k < hi; k++ {
		if !in[k-lo] && d.toks[k].kind == tWord {
			return false
		}
	}
	return true
}
