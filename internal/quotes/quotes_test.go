package quotes

import (
	"regexp"
	"strings"
	"testing"

	"storyline/internal/news"
	"storyline/internal/text"
)

// person is a name the test marks as a mention wherever it occurs, with
// the full name every occurrence takes.
type person struct {
	surface, name string
	kind          news.EntityKind
	title         string
}

// mark returns the mentions of people in s, as the entity stage would
// give them, so that these tests exercise the quote rules alone.
func mark(s string, people []person) []news.Mention {
	var out []news.Mention
	taken := make([]bool, len(s))
	for _, p := range people {
		re := regexp.MustCompile(`\b` + regexp.QuoteMeta(p.surface) + `\b`)
		for _, m := range re.FindAllStringIndex(s, -1) {
			if taken[m[0]] {
				continue
			}
			for i := m[0]; i < m[1]; i++ {
				taken[i] = true
			}
			k := p.kind
			if k == "" {
				k = news.Person
			}
			out = append(out, news.Mention{Span: news.Span{Start: m[0], End: m[1]}, Kind: k, Name: p.name, Title: p.title})
		}
	}
	return out
}

func find(t *testing.T, s string, people []person) []news.Quote {
	t.Helper()
	sents, err := text.Sentences(s)
	if err != nil {
		t.Fatal(err)
	}
	qs := Find(s, sents, mark(s, people))
	for _, q := range qs {
		checkSpans(t, s, q)
	}
	return qs
}

func checkSpans(t testing.TB, s string, q news.Quote) {
	t.Helper()
	ok := func(sp news.Span) bool { return sp.Start >= 0 && sp.Start <= sp.End && sp.End <= len(s) }
	if !ok(q.Span) || q.CueSpan != nil && !ok(*q.CueSpan) || q.SpeakerSpan != nil && !ok(*q.SpeakerSpan) {
		t.Fatalf("quote %+v has a span outside the text of %d bytes", q, len(s))
	}
	if q.CueSpan != nil && q.CueSpan.In(s) != q.Cue || q.SpeakerSpan != nil && q.SpeakerSpan.In(s) != q.SpeakerText {
		t.Fatalf("quote %+v: cue or speaker text is not its span's", q)
	}
}

// want describes one expected quote: its words, and what must hold of it.
type want struct {
	text    string // the quote's words, exactly
	direct  bool
	cue     string
	speaker string // SpeakerText
	name    string // resolved Speaker
}

var (
	oliveira = person{surface: "Marta Oliveira", name: "Marta Oliveira", title: "Finance Minister"}
	oliv     = person{surface: "Oliveira", name: "Marta Oliveira"}
	nunes    = person{surface: "Pedro Nunes", name: "Pedro Nunes"}
	nun      = person{surface: "Nunes", name: "Pedro Nunes"}
	duarte   = person{surface: "Ana Duarte", name: "Ana Duarte", title: "Prime Minister"}
)

// The sentences below are invented for these tests.
func TestFind(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		people []person
		want   []want
		absent []string // words that must be no quote
	}{
		{
			name: "straight marks, speaker after",
			text: `"We will not raise taxes this year," Oliveira said.`, people: []person{oliv},
			want: []want{{`We will not raise taxes this year,`, true, "said", "Oliveira", "Marta Oliveira"}},
		},
		{
			name: "curly marks, cue first",
			text: `“We will not raise taxes this year,” said Finance Minister Marta Oliveira.`, people: []person{oliveira},
			want: []want{{`We will not raise taxes this year,`, true, "said", "Finance Minister Marta Oliveira", "Marta Oliveira"}},
		},
		{
			name: "two apostrophes as marks",
			text: `''The budget is fair,'' Mr. Nunes said.`, people: []person{nun},
			want: []want{{`The budget is fair,`, true, "said", "Mr. Nunes", "Pedro Nunes"}},
		},
		{
			name: "straight single marks",
			text: `'The budget is fair,' Nunes told the radio station.`, people: []person{nun},
			want: []want{{`The budget is fair,`, true, "told", "Nunes", "Pedro Nunes"}},
		},
		{
			name:   "a spokesperson named after the cue",
			text:   `“The talks are going well,” said Oliveira's spokesperson, Colonel Rui Lima.`,
			people: []person{oliv, {surface: "Rui Lima", name: "Rui Lima"}},
			want:   []want{{`The talks are going well,`, true, "said", "Oliveira's spokesperson, Colonel Rui Lima", "Rui Lima"}},
		},
		{
			name:   "a quote over two paragraphs",
			text:   "“The first thing we will do is fix the roads.\n\n“Then we will build the schools,” Oliveira said.",
			people: []person{oliv},
			want:   []want{{"The first thing we will do is fix the roads.\n\n“Then we will build the schools,", true, "said", "Oliveira", "Marta Oliveira"}},
		},
		{
			name:   "a quote broken by its attribution, and a paragraph of quote after it",
			text:   "“We are ready,” Nunes said. “We have been ready for weeks.”\n\n“Nobody called us back.”",
			people: []person{nun},
			want: []want{
				{"We are ready,", true, "said", "Nunes", "Pedro Nunes"},
				{"We have been ready for weeks.", true, "said", "Nunes", "Pedro Nunes"},
				{"Nobody called us back.", true, "said", "Nunes", "Pedro Nunes"},
			},
		},
		{
			name:   "a paragraph ending in a colon introduces the quote",
			text:   "Asked about the strike, Nunes said:\n\n“We will not give in.”",
			people: []person{nun},
			want:   []want{{"We will not give in.", true, "said", "Nunes", "Pedro Nunes"}},
		},
		{
			name: "a partial quote inside a sentence",
			text: `Oliveira said the deal must keep to the "spirit and letter" of the summit.`, people: []person{oliv},
			want: []want{
				{`spirit and letter`, true, "said", "Oliveira", "Marta Oliveira"},
				{`the deal must keep to the "spirit and letter" of the summit`, false, "said", "Oliveira", "Marta Oliveira"},
			},
		},
		{
			name: "reported speech with that",
			text: `Nunes said on Monday that the port would reopen in March.`, people: []person{nun},
			want: []want{{`the port would reopen in March`, false, "said", "Nunes", "Pedro Nunes"}},
		},
		{
			name: "reported speech to listeners",
			text: `Nunes told reporters the port would reopen in March.`, people: []person{nun},
			want: []want{{`the port would reopen in March`, false, "told", "Nunes", "Pedro Nunes"}},
		},
		{
			name: "according to, after the clause",
			text: `The port will reopen in March, according to a senior harbour official.`,
			want: []want{{`The port will reopen in March`, false, "according to", "a senior harbour official", ""}},
		},
		{
			name: "according to, before the clause",
			text: `According to Nunes, the port will reopen in March.`, people: []person{nun},
			want: []want{{`the port will reopen in March`, false, "According to", "Nunes", "Pedro Nunes"}},
		},
		{
			name: "reported speech with the speaker last",
			text: `The port will reopen in March, Nunes said on Friday.`, people: []person{nun},
			want: []want{{`The port will reopen in March`, false, "said", "Nunes", "Pedro Nunes"}},
		},
		{
			name:   "a participle takes the sentence's subject, which ends at its verb",
			text:   `In Porto, union leader Pedro Nunes rejected the offer, saying it would cost jobs.`,
			people: []person{nunes, {surface: "Porto", name: "Porto", kind: news.Place}},
			want:   []want{{`it would cost jobs`, false, "saying", "union leader Pedro Nunes", "Pedro Nunes"}},
		},
		{
			name:   "a verb with an object reports nothing",
			text:   `The ministry warned Nunes on Friday about the strike.`,
			people: []person{nun},
			absent: []string{"Nunes on Friday about the strike"},
		},
		{
			name:   "a long adverbial before that",
			text:   `Nunes said after a long meeting with the ministry on Friday that the strike would go on.`,
			people: []person{nun},
			want:   []want{{`the strike would go on`, false, "said", "Nunes", "Pedro Nunes"}},
		},
		{
			name:   "he is the nearest man",
			text:   `Marta Oliveira met Pedro Nunes in Lisbon. “We agreed on nothing,” he said.`,
			people: []person{oliveira, nunes},
			want:   []want{{`We agreed on nothing,`, true, "said", "he", "Pedro Nunes"}},
		},
		{
			name:   "she is the nearest woman, and the next she too",
			text:   `Marta Oliveira met Pedro Nunes in Lisbon. She said the talks had failed. She added that she would try again.`,
			people: []person{oliveira, nunes},
			want: []want{
				{`the talks had failed`, false, "said", "She", "Marta Oliveira"},
				{`she would try again`, false, "added", "She", "Marta Oliveira"},
			},
		},
		{
			name:   "an unnamed speaker stays unnamed",
			text:   `“The plan is dead,” a US official said.`,
			want:   []want{{`The plan is dead,`, true, "said", "a US official", ""}},
			absent: []string{"US"},
		},
		{
			name:   "his spokesman keeps the description",
			text:   `Nunes left early. “He is very busy,” his spokesman told reporters.`,
			people: []person{nun},
			want:   []want{{`He is very busy,`, true, "told", "his spokesman", ""}},
		},
		{
			name:   "a spokesperson for someone is not that someone",
			text:   `A spokesperson for Nunes said the minister would not resign.`,
			people: []person{nun},
			want:   []want{{`the minister would not resign`, false, "said", "A spokesperson for Nunes", ""}},
		},
		{
			name:   "a role resolves by title",
			text:   `Prime Minister Ana Duarte visited the port. “It must reopen,” the prime minister said.`,
			people: []person{duarte},
			want:   []want{{`It must reopen,`, true, "said", "the prime minister", "Ana Duarte"}},
		},
		{
			name:   "a role without a title takes the subject of the sentence before",
			text:   `Pedro Nunes invited Ana Duarte to Lisbon. “We will sign this week,” the president said.`,
			people: []person{nunes, {surface: "Ana Duarte", name: "Ana Duarte"}},
			want:   []want{{`We will sign this week,`, true, "said", "the president", "Pedro Nunes"}},
		},
		{
			name:   "a role with a complement is someone new",
			text:   `Ana Duarte visited the port, with the governor of Faro province calling the strike a “reckless” act.`,
			people: []person{{surface: "Ana Duarte", name: "Ana Duarte"}, {surface: "Faro", name: "Faro", kind: news.Place}},
			want:   []want{{`reckless`, true, "calling", "the governor of Faro province", ""}},
		},
		{
			name:   "a name the tagger missed",
			text:   `“We are not moving,” Ribeiro said.`,
			want:   []want{{`We are not moving,`, true, "said", "Ribeiro", "Ribeiro"}},
			absent: nil,
		},
		{
			name:   "an organisation speaks",
			text:   `The ministry said it had no comment on the talks.`,
			people: []person{{surface: "ministry", name: "ministry", kind: news.Organization}},
			want:   []want{{`it had no comment on the talks`, false, "said", "The ministry", "ministry"}},
		},
		{
			name:   "a sentence-final quote does not take the next sentence's cue",
			text:   `Nunes spoke first. “We are ready.” Oliveira added that the port was calm.`,
			people: []person{nun, oliv},
			want:   []want{{`the port was calm`, false, "added", "Oliveira", "Marta Oliveira"}},
			absent: []string{"We are ready."},
		},
		{
			name:   "scare quotes and titles are no quotes",
			text:   `The so-called “peace dividend” never came, and the film “A Long Night in Porto” flopped.`,
			absent: []string{"peace dividend", "A Long Night in Porto"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := find(t, tt.text, tt.people)
			for _, w := range tt.want {
				q, ok := quoteWith(tt.text, qs, w.text)
				if !ok {
					t.Errorf("no quote %q in %s", w.text, dump(tt.text, qs))
					continue
				}
				if q.Direct != w.direct || q.Cue != w.cue || q.SpeakerText != w.speaker || q.Speaker != w.name {
					t.Errorf("quote %q: direct %v cue %q speaker %q (%q); want %v %q %q (%q)",
						w.text, q.Direct, q.Cue, q.SpeakerText, q.Speaker, w.direct, w.cue, w.speaker, w.name)
				}
			}
			for _, a := range tt.absent {
				if _, ok := quoteWith(tt.text, qs, a); ok {
					t.Errorf("%q was taken for a quote", a)
				}
			}
		})
	}
}

func quoteWith(s string, qs []news.Quote, words string) (news.Quote, bool) {
	for _, q := range qs {
		if q.In(s) == words {
			return q, true
		}
	}
	return news.Quote{}, false
}

func dump(s string, qs []news.Quote) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString("\n  ")
		b.WriteString(strings.Join([]string{q.In(s), q.Cue, q.SpeakerText, q.Speaker}, " | "))
	}
	return b.String()
}

// A quote interrupted by its attribution is two quotes with one cue, so
// that readers (and the PolNeAR adapter) can join them.
func TestInterruptedQuoteSharesCue(t *testing.T) {
	s := `“We are ready,” Nunes said, “and we have been for weeks.”`
	qs := find(t, s, []person{nun})
	var direct []news.Quote
	for _, q := range qs {
		if q.Direct {
			direct = append(direct, q)
		}
	}
	if len(direct) != 2 || direct[0].CueSpan == nil || direct[1].CueSpan == nil || *direct[0].CueSpan != *direct[1].CueSpan {
		t.Fatalf("want two direct quotes sharing one cue, got %s", dump(s, qs))
	}
}

func TestFindBounds(t *testing.T) {
	if qs := Find("", nil, nil); len(qs) != 0 {
		t.Errorf("empty text gave %v", qs)
	}
	// mentions outside the text are ignored, not trusted
	s := `“We are ready,” Nunes said.`
	bad := []news.Mention{{Span: news.Span{Start: 5, End: 500}, Kind: news.Person, Name: "X"}, {Span: news.Span{Start: -3, End: 2}, Kind: news.Person, Name: "Y"}}
	for _, q := range Find(s, nil, bad) {
		checkSpans(t, s, q)
	}
	// without sentences the text is split at its own sentence ends
	s2 := "Nunes said the port would reopen. Oliveira said it would not."
	var n int
	for _, q := range Find(s2, nil, nil) {
		checkSpans(t, s2, q)
		if !q.Direct {
			n++
		}
	}
	if n != 2 {
		t.Errorf("without sentences found %d reported quotes, want 2", n)
	}
	big := strings.Repeat("a", MaxTextBytes+1)
	if qs := Find(big, nil, nil); qs != nil {
		t.Error("a text over MaxTextBytes was searched")
	}
}
