package dedup

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"storyline/internal/extract"
	"storyline/internal/intake"
	"storyline/internal/news"
	"storyline/internal/shareddata"
	"storyline/internal/text"
)

func doc(t *testing.T, id, day, body string) *news.Doc {
	t.Helper()
	pub, _ := time.Parse("2006-01-02", day)
	d := &news.Doc{Article: &news.Article{ID: id, Text: body, Published: pub}}
	spans, err := text.Sentences(body)
	if err != nil {
		t.Fatal(err)
	}
	d.Sentences = spans
	return d
}

// An invented wire story, a copy of it with other furniture, a rewrite that
// retells it in order in new words and adds a paragraph, and an independent
// report of the same event.
const (
	wire = `Floodwater breached the eastern levee at Port Anselm early on Monday, forcing 3,000 residents from their homes.
The harbour authority said the breach opened shortly after midnight as the river peaked at 6.2 metres.
Emergency crews from three provinces worked through the night to close the gap with sandbags and gravel.
Mayor Ilse Varga said no deaths had been reported but that at least 14 people were treated for hypothermia.
"We have never seen the river rise this fast," Varga told reporters at the city hall.
The national weather office warned that more rain was expected across the valley on Wednesday.
Schools in the lower town will stay closed until the water recedes, the education board said.
The levee was last repaired in 2019 after a smaller flood damaged its northern section.`
	copyOfWire = "Subscribe for full access\n\n" + wire + "\n\nShare this article\nMore from World"
	rewrite    = `Residents of Port Anselm were forced from their homes early on Monday when floodwater broke through the eastern levee, with about 3,000 people leaving.
The breach happened soon after midnight as the river reached its peak of 6.2 metres, according to the harbour authority.
Crews drawn from three provinces spent the night plugging the gap with gravel and sandbags.
No deaths were reported, Mayor Ilse Varga said, though 14 or more people needed treatment for hypothermia.
"The river has never risen this quickly," she said at city hall.
More rain is forecast for the valley on Wednesday, the national weather office said.
The education board said schools in the lower town would remain shut until the water goes down.
Engineers said the pumping station on the western bank had failed twice during the night.
Local businesses said they expected losses running into millions.`
	independent = `Farmers upstream of Port Anselm say the levee failure on Monday was a disaster foretold.
For years the valley growers' union warned the provincial government that the eastern embankment was too low.
"We wrote letters every spring," said Tomas Brandt, who grows barley near the river.
The province spent 2 million on repairs in 2019, but the union says the money went to the wrong section.
On Tuesday the provincial minister for water, Agnes Holm, promised an independent inquiry.
Opposition members called for her resignation and demanded the full engineering reports be published.
Insurers have not yet estimated the damage, though early reports suggested hundreds of farms were affected.`
)

func TestDetector(t *testing.T) {
	x := NewDetector()
	if r := x.Add(doc(t, "wire", "2031-04-07", wire)); r != nil {
		t.Fatalf("first article has a relation: %+v", r)
	}
	r := x.Add(doc(t, "copy", "2031-04-07", copyOfWire))
	if r == nil || r.Kind != Duplicate || r.Of != "wire" || r.Article != "copy" {
		t.Errorf("copy: %+v", r)
	}
	r = x.Add(doc(t, "rw", "2031-04-07", rewrite))
	if r == nil || r.Kind != Rewrite || r.Article != "rw" {
		t.Fatalf("rewrite: %+v", r)
	}
	if len(r.Added) < 2 {
		t.Errorf("the rewrite's added sentences not found: %v", r.Added)
	}
	if r := x.Add(doc(t, "ind", "2031-04-08", independent)); r != nil {
		t.Errorf("independent report taken as %s of %s", r.Kind, r.Of)
	}
}

func TestOriginalIsTheEarlier(t *testing.T) {
	x := NewDetector()
	// The rewrite arrives first but was published a day later.
	x.Add(doc(t, "rw", "2031-04-08", rewrite))
	r := x.Add(doc(t, "wire", "2031-04-07", wire))
	if r == nil || r.Article != "rw" || r.Of != "wire" {
		t.Errorf("got %+v, want rw rewrite of wire", r)
	}
}

func TestOriginalTieBreaks(t *testing.T) {
	a := Side{ID: "b", Text: "The council met.", Added: 0}
	b := Side{ID: "a", Text: "The council met, reported Reuters.", Added: 0}
	if o, _ := Original(a, b); o.ID != "b" {
		t.Errorf("the side crediting an agency should be the rewrite")
	}
	a.Text, b.Text = "x", "y"
	a.Added, b.Added = 4, 1
	if o, _ := Original(a, b); o.ID != "a" {
		t.Errorf("the side adding more should be the rewrite")
	}
}

func TestSimilarityEstimates(t *testing.T) {
	s1, s2, s3 := Sign(wire), Sign(copyOfWire), Sign(independent)
	if s := s1.Similarity(&s2); s < 0.7 {
		t.Errorf("copy similarity %.2f", s)
	}
	if s := s1.Similarity(&s3); s > 0.1 {
		t.Errorf("independent similarity %.2f", s)
	}
}

// TestSeedRewrites checks the seeds' relations (EXPECTED.md: 001 rewrites
// 000; 002 and 003 rewrite nothing), on the seeds as storyline reads them:
// cleaned, with their manifest, split into sentences by the pipeline.
func TestSeedRewrites(t *testing.T) {
	dir := shareddata.Require(t, "seeds")
	plan, err := extract.Plan()
	if err != nil {
		t.Fatal(err)
	}
	docs, _, err := intake.Run(context.Background(), intake.Config{Plan: plan}, intake.Paths([]string{dir}), nil, nil)
	if err != nil || len(docs) != 4 {
		t.Fatalf("seeds: %d docs, %v", len(docs), err)
	}
	seed := map[string]string{}
	for _, d := range docs {
		seed[d.Article.ID] = filepath.Base(d.Article.Source)[:3]
	}
	x := NewDetector()
	got := map[string]string{}
	for _, d := range docs {
		if r := x.Add(d); r != nil {
			got[seed[r.Article]] = r.Kind + " of " + seed[r.Of]
		}
	}
	want := map[string]string{"001": "rewrite of 000"}
	if len(got) != len(want) || got["001"] != want["001"] {
		t.Errorf("relations %v, want %v", got, want)
	}
}

// BenchmarkAddNearDuplicates is the worst case: every article is a candidate
// of every other.
func BenchmarkAddNearDuplicates(b *testing.B) {
	body := strings.Repeat(wire+"\n\n", 3)
	spans, _ := text.Sentences(body)
	x := NewDetector()
	i := 0
	for b.Loop() {
		i++
		d := &news.Doc{Article: &news.Article{ID: string(rune(i)), Text: body + string(rune('a'+i%26))}, Sentences: spans}
		x.Add(d)
	}
}
