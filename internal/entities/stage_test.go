package entities

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"storyline/internal/news"
	"storyline/internal/pipeline"
	"storyline/internal/shareddata"
	textpkg "storyline/internal/text"
)

func model(t testing.TB) *Model {
	t.Helper()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// find returns the mention whose text is exactly s, if any.
func find(text string, ms []news.Mention, s string) (news.Mention, bool) {
	for _, m := range ms {
		if m.In(text) == s {
			return m, true
		}
	}
	return news.Mention{}, false
}

func mentions(t *testing.T, text string) []news.Mention {
	t.Helper()
	sents, err := textpkg.Sentences(text)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := model(t).Mentions(text, sents)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
			t.Fatalf("mention %+v outside the text", m)
		}
	}
	return ms
}

// The sentences below are invented for these tests.
func TestRules(t *testing.T) {
	type want struct {
		text  string
		kind  news.EntityKind
		name  string
		title string
	}
	tests := []struct {
		name   string
		text   string
		want   []want
		absent []string
	}{
		{
			name: "short form takes the full name",
			text: "Finance Minister Marta Oliveira arrived in Lisbon on Friday. Oliveira said the budget was fair.",
			want: []want{
				{"Marta Oliveira", news.Person, "Marta Oliveira", "Finance Minister"},
				{"Oliveira", news.Person, "Marta Oliveira", ""},
				{"Lisbon", news.Place, "Lisbon", ""},
			},
			absent: []string{"Friday", "Finance Minister"},
		},
		{
			name: "title before the name, with an organisation in it",
			text: "The talks were led by Kremlin foreign policy aide Pavel Orlov, who spoke briefly.",
			want: []want{{"Pavel Orlov", news.Person, "Pavel Orlov", "Kremlin foreign policy aide"}},
		},
		{
			name: "apposed title after the name",
			text: "Henrik Dahl, Norway's foreign minister, met reporters in Oslo.",
			want: []want{{"Henrik Dahl", news.Person, "Henrik Dahl", "Norway's foreign minister"}},
		},
		{
			name: "apposed title before the name",
			text: "Reporters questioned Norway's foreign minister, Henrik Dahl, about the visit.",
			want: []want{{"Henrik Dahl", news.Person, "Henrik Dahl", "Norway's foreign minister"}},
		},
		{
			name:   "a title word alone is not an entity",
			text:   "The Secretary did not reply. Secretary Hale later said the plan was ready, and Secretary Tom Hale left.",
			want:   []want{{"Hale", news.Person, "Tom Hale", "Secretary"}},
			absent: []string{"Secretary"},
		},
		{
			name:   "weekdays, months and sentence-initial words are not names",
			text:   "Late Monday the ministers met again. However, nothing changed in March. Meanwhile talks resumed before Thanksgiving.",
			absent: []string{"Late Monday", "Monday", "March", "However", "Meanwhile", "Thanksgiving"},
		},
		{
			name:   "page furniture lines are not names",
			text:   "Trusted. Fearless. Local.\nSubscribe to the Valley Courier for free\nShare this story\n\nThe ferry to Skarholm sank on Sunday.",
			want:   []want{{"Skarholm", news.Place, "Skarholm", ""}},
			absent: []string{"Trusted", "Fearless", "Local", "Subscribe", "Share", "Sunday"},
		},
		{
			name: "a seat of power stands for its institution",
			text: "The Kremlin said the offer was serious, and the White House agreed.",
			want: []want{
				{"Kremlin", news.Organization, "Kremlin", ""},
				{"White House", news.Organization, "White House", ""},
			},
		},
		{
			name: "administrative areas are places",
			text: "Flooding hit the Tambovka Oblast and the nearby Lesnoy Krai overnight, officials said.",
			want: []want{
				{"Tambovka Oblast", news.Place, "Tambovka Oblast", ""},
				{"Lesnoy Krai", news.Place, "Lesnoy Krai", ""},
			},
		},
		{
			name: "adjectives of nationality are other, not places",
			text: "Two drones entered Moldovan and Romanian airspace, officials in Moldova said.",
			want: []want{
				{"Moldovan", news.OtherEntity, "Moldovan", ""},
				{"Romanian", news.OtherEntity, "Romanian", ""},
				{"Moldova", news.Place, "Moldova", ""},
			},
		},
		{
			name: "an acronym takes the name it abbreviates",
			text: "The European Investment Bank approved the loan. The EIB will pay in June.",
			want: []want{{"EIB", news.Organization, "European Investment Bank", ""}},
		},
		{
			name: "possessive and curly apostrophe stay out of the span",
			text: "Lena Vogt’s new book was praised by Vogt’s publisher in Berlin.",
			want: []want{
				{"Lena Vogt", news.Person, "Lena Vogt", ""},
				{"Vogt", news.Person, "Lena Vogt", ""},
			},
		},
		{
			name: "unknown capitalised words after a title are a person",
			text: "The decree was signed by Governor Okwudili Nnamdi-Ezeh on the same day.",
			want: []want{{"Okwudili Nnamdi-Ezeh", news.Person, "Okwudili Nnamdi-Ezeh", "Governor"}},
		},
		{
			name: "title inside a name chunk is split off",
			text: "Spokesman for the mission, Army Lieutenant Colonel Rita Sousa, declined to comment.",
			want: []want{{"Rita Sousa", news.Person, "Rita Sousa", "Army Lieutenant Colonel"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms := mentions(t, tc.text)
			for _, w := range tc.want {
				m, ok := find(tc.text, ms, w.text)
				if !ok {
					t.Errorf("%q not found in %v", w.text, show(tc.text, ms))
					continue
				}
				if m.Kind != w.kind || m.Name != w.name || m.Title != w.title {
					t.Errorf("%q = kind %s name %q title %q, want %s %q %q", w.text, m.Kind, m.Name, m.Title, w.kind, w.name, w.title)
				}
			}
			for _, a := range tc.absent {
				if _, ok := find(tc.text, ms, a); ok {
					t.Errorf("%q must not be an entity: %v", a, show(tc.text, ms))
				}
			}
		})
	}
}

func show(text string, ms []news.Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, string(m.Kind)+":"+m.In(text))
	}
	return out
}

func TestStage(t *testing.T) {
	s := Stage()
	if s.Name != "entities" || len(s.Requires) != 1 || s.Requires[0] != pipeline.Sentences || s.Provides[0] != pipeline.Entities {
		t.Fatalf("stage = %+v", s)
	}
	text := "Ana Ferro flew to Madrid. She met Luis Prado there."
	d := &news.Doc{Article: &news.Article{ID: "a1", Text: text}, Sentences: []news.Span{{Start: 0, End: 25}, {Start: 26, End: len(text)}}}
	if err := s.Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Ana Ferro", "Madrid", "Luis Prado"} {
		if _, ok := find(text, d.Entities, w); !ok {
			t.Errorf("%q not found: %v", w, show(text, d.Entities))
		}
	}
	if err := d.Validate(); err != nil {
		t.Error(err)
	}
	d.Sentences = []news.Span{{Start: 0, End: len(text) + 5}}
	if err := s.Run(context.Background(), d); err == nil {
		t.Error("a sentence outside the text was accepted")
	}
}

func TestBadInput(t *testing.T) {
	m := model(t)
	for name, text := range map[string]string{
		"empty":        "",
		"invalid utf8": "Caf\xe9 \xff\xfe owner Ana Ferro left.",
		"binary":       string([]byte{0, 1, 2, 0xff, 'A', 'b', 0}),
		"long word":    strings.Repeat("Ab", 5000),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := m.Mentions(text, nil); err != nil {
				t.Errorf("err = %v", err)
			}
		})
	}
	if _, err := m.Mentions(strings.Repeat("a", MaxTextBytes+1), nil); err == nil {
		t.Error("oversized text accepted")
	}
}

func TestLoadErrors(t *testing.T) {
	var good bytes.Buffer
	if _, err := model(t).WriteTo(&good); err != nil {
		t.Fatal(err)
	}
	m, err := Load(bytes.NewReader(good.Bytes()), "roundtrip")
	if err != nil {
		t.Fatalf("model does not reload: %v", err)
	}
	if got, want := m.Tag([][]string{{"Ana", "Ferro", "visited", "Madrid", "."}}), model(t).Tag([][]string{{"Ana", "Ferro", "visited", "Madrid", "."}}); strings.Join(got[0], " ") != strings.Join(want[0], " ") {
		t.Errorf("reloaded model tags %v, original %v", got, want)
	}
	for name, data := range map[string][]byte{
		"empty":     nil,
		"not gzip":  []byte("plain text"),
		"truncated": good.Bytes()[:len(good.Bytes())/2],
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Load(bytes.NewReader(data), "bad.bin.gz")
			if err == nil || !strings.Contains(err.Error(), "bad.bin.gz") {
				t.Errorf("err = %v, want one naming the file", err)
			}
		})
	}
}

// TestSeeds checks a sample of what ../shared/seeds/EXPECTED.md lists. The
// names are read from that file at test time; only their kinds are ours.
func TestSeeds(t *testing.T) {
	dir := shareddata.Require(t, "seeds")
	exp, err := os.ReadFile(filepath.Join(dir, "EXPECTED.md"))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "0*.txt"))
	if len(files) == 0 {
		t.Skip("no seed texts")
	}
	found := map[string]map[news.EntityKind]bool{}
	texts := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sents, err := textpkg.Sentences(string(b))
		if err != nil {
			t.Fatal(err)
		}
		ms, err := model(t).Mentions(string(b), sents)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			for _, s := range []string{m.Name, m.In(string(b))} {
				if found[s] == nil {
					found[s] = map[news.EntityKind]bool{}
				}
				found[s][m.Kind] = true
				texts[m.In(string(b))] = true
			}
		}
	}
	section := func(after, until string) string {
		s := string(exp)
		i := strings.Index(s, after)
		if i < 0 {
			t.Fatalf("EXPECTED.md has no %q", after)
		}
		s = s[i+len(after):]
		if j := strings.Index(s, until); j >= 0 {
			s = s[:j]
		}
		return s
	}
	names := func(list string) []string {
		list = regexp.MustCompile(`\([^)]*\)`).ReplaceAllString(list, "")
		list = strings.Join(strings.Fields(list), " ")
		var out []string
		for _, n := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == '·' }) {
			n = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(n), "the "))
			if i := strings.IndexAny(n, "(."); i >= 0 {
				n = strings.TrimSpace(n[:i])
			}
			if n != "" {
				out = append(out, n)
			}
		}
		return out
	}
	people := names(section("## One identity, every spelling", "Places include"))
	places := names(section("Places include", "Organisations include"))
	orgs := names(section("Organisations include", "Not entities"))
	miss := 0
	check := func(n string, k news.EntityKind) {
		if !found[n][k] {
			miss++
			t.Logf("missing %s %q (found as %v)", k, n, found[n])
		}
	}
	for _, n := range people {
		if strings.Contains(n, " ") && !strings.Contains(n, "United") && !strings.HasPrefix(n, "Dan") || n == "Dan Driscoll" {
			check(n, news.Person)
		}
	}
	for _, n := range places {
		check(n, news.Place)
	}
	for _, n := range orgs {
		check(n, news.Organization)
	}
	total := len(people) + len(places) + len(orgs)
	t.Logf("%d of about %d listed names missing or of another kind", miss, total)
	if miss*5 > total {
		t.Errorf("%d of %d listed names missing", miss, total)
	}
	for _, bad := range []string{"Late Monday", "Secretary", "Support AAP", "License"} {
		if texts[bad] {
			t.Errorf("%q is listed as not an entity but was found", bad)
		}
	}
}

func BenchmarkStage(b *testing.B) {
	text := benchArticle()
	m := model(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := m.Mentions(text, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// benchArticle builds a ~5 KB article of invented news sentences.
func benchArticle() string {
	paras := []string{
		"Port officials in Valmora said on Tuesday that the harbour would reopen next week after a storm damaged two cranes and flooded the customs hall.",
		"Transport Minister Elena Rusu told reporters in the capital that repairs would cost about 12 million euros, more than twice the first estimate.",
		"Rusu said the government had asked the Danube Shipping Company and the regional council to share the bill, a request the council rejected.",
		"\u201cWe cannot ask the people of Valmora to pay for a storm they did not cause,\u201d council leader Mihai Stan said in a statement.",
		"The European Commission has offered technical help, and engineers from Rotterdam arrived on Monday to inspect the damaged quay.",
		"Shipping companies have diverted at least 40 vessels to Constanta and Varna since the storm, according to figures from the port authority.",
		"Prime Minister Ioana Marin, speaking after a cabinet meeting in Bucharest, said the delay showed the need for new flood defences along the coast.",
		"Stan, a former harbour pilot, has called for an inquiry into why warnings issued by the national weather service on Saturday were not acted upon.",
	}
	var b strings.Builder
	for b.Len() < 5000 {
		for _, p := range paras {
			b.WriteString(p)
			b.WriteString("\n\n")
		}
	}
	return b.String()[:5000]
}

func FuzzMentions(f *testing.F) {
	f.Add("Minister Ana Ferro’s aide, Rui Lobo, met the EU in Porto on Monday.", 0, 30)
	f.Add("\xff\xfe\x00 Secretary \u201cX\u201d", 2, 9)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		if len(text) > 1<<16 {
			return
		}
		m := model(t)
		var sents []news.Span
		if a >= 0 && b >= a && b <= len(text) {
			sents = []news.Span{{Start: a, End: b}}
		}
		ms, err := m.Mentions(text, sents)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range ms {
			if x.Start < 0 || x.End > len(text) || x.Start >= x.End || x.Name == "" {
				t.Fatalf("bad mention %+v in %d bytes", x, len(text))
			}
		}
	})
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Both the gzip layer and, behind it, the model's own format.
		if m, err := Load(bytes.NewReader(data), "fuzz"); err == nil {
			m.Tag([][]string{{"A", "b"}})
		}
		if m, err := decode(bufio.NewReader(bytes.NewReader(data)), len(data)); err == nil {
			m.Tag([][]string{{"A", "b", "C"}})
		}
	})
}

// The stage runs in a plan after the lead's sentence splitter.
func TestPlanWithSentences(t *testing.T) {
	plan, err := pipeline.NewPlan(Stage(), textpkg.Stage())
	if err != nil {
		t.Fatal(err)
	}
	text := "Harbour master Ines Calado closed the port of Setubal on Tuesday.\n\nCalado said the storm would pass by Thursday."
	d := &news.Doc{Article: &news.Article{ID: "a2", Text: text}}
	if err := plan.Run(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	if len(d.Sentences) < 2 {
		t.Fatalf("sentences = %v", d.Sentences)
	}
	m, ok := find(text, d.Entities, "Calado")
	if !ok || m.Name != "Ines Calado" || m.Kind != news.Person {
		t.Errorf("Calado = %+v (found %v) in %v", m, ok, show(text, d.Entities))
	}
	for _, bad := range []string{"Tuesday", "Thursday"} {
		if _, ok := find(text, d.Entities, bad); ok {
			t.Errorf("%q is not an entity", bad)
		}
	}
}

func TestHyphenatedNames(t *testing.T) {
	text := "Officials in Canada welcomed the Canada-brokered truce, and an anti-NATO rally followed."
	ms := mentions(t, text)
	n := 0
	for _, m := range ms {
		switch m.In(text) {
		case "Canada":
			n++
			if m.Kind != news.Place || m.Name != "Canada" {
				t.Errorf("Canada = %+v", m)
			}
		case "Canada-brokered", "anti-NATO":
			t.Errorf("compound %q kept whole", m.In(text))
		}
	}
	if n != 2 {
		t.Errorf("found Canada %d times, want 2: %v", n, show(text, ms))
	}
}
