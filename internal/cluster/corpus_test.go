package cluster_test

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"storyline/internal/cluster"
	"storyline/internal/extract"
	"storyline/internal/news"
	"storyline/internal/pipeline"
)

// corpus is an invented news stream: two fires in one city three weeks
// apart, two rounds of talks in one city four weeks apart, and a flood
// elsewhere. Its places, people and outlets do not exist.
var corpus = []struct {
	id, event, title, published, text string
}{
	{"c01", "fire1", "Blaze guts Kelmar textile mill in Dovrin", "2025-03-02T18:00:00Z",
		"A fire tore through the Kelmar textile mill in Dovrin on Sunday, sending smoke over the river district.\n" +
			"Fire chief Anja Rostova said 60 firefighters fought the blaze for five hours and two workers were taken to hospital.\n" +
			"The mill employs 300 people. The cause of the fire is not yet known."},
	{"c02", "talks1", "Ostavia and Kaldar open talks in Varesh", "2025-04-10T09:00:00Z",
		"Foreign Minister Miren Tal of Ostavia and Kaldar's envoy Jonas Brek met in Varesh on Thursday for the first direct talks in a decade.\n" +
			"The two sides discussed the disputed Lenna border crossing and the release of prisoners.\n" +
			"Tal said the meeting was frank and that a second round would follow."},
	{"c03", "fire1", "Two hurt as fire destroys Dovrin mill", "2025-03-02T20:30:00Z",
		"Two workers were hurt when fire destroyed the Kelmar textile mill in Dovrin on Sunday afternoon.\n" +
			"Anja Rostova, the city's fire chief, said the roof collapsed after the flames spread from the dye shed.\n" +
			"About 60 firefighters were at the scene; investigators will look for the cause on Monday."},
	{"c04", "flood", "Pellin river bursts its banks", "2025-04-11T07:00:00Z",
		"The Pellin river burst its banks overnight, flooding some 400 homes in the villages of Aster and Moor.\n" +
			"Emergency crews used boats to reach families trapped on upper floors, regional governor Petra Lind said.\n" +
			"More rain is forecast for the weekend."},
	{"c05", "talks1", "Varesh talks: Ostavia, Kaldar agree to meet again", "2025-04-11T12:00:00Z",
		"Ostavia's Miren Tal and Kaldar's Jonas Brek agreed in Varesh to hold a second round of talks next month.\n" +
			"The first round, on Thursday, covered prisoners and the Lenna border crossing, Brek told reporters.\n" +
			"Neither side gave details of a possible deal."},
	{"c06", "fire1", "Kelmar mill fire: owners promise to rebuild", "2025-03-03T10:00:00Z",
		"The owners of the Kelmar textile mill in Dovrin said on Monday they would rebuild after Sunday's fire.\n" +
			"Fire chief Anja Rostova said the blaze started in the dye shed; two injured workers are recovering.\n" +
			"The 300 staff will be paid while the mill is closed."},
	{"c07", "flood", "Boats rescue families as Pellin floods villages", "2025-04-11T15:00:00Z",
		"Rescuers in boats took dozens of families from flooded homes in Aster and Moor after the Pellin burst its banks.\n" +
			"Governor Petra Lind said about 400 homes were under water and schools would stay shut.\n" +
			"Forecasters expect more rain."},
	{"c08", "fire2", "Fire at Ostra grain warehouse in Dovrin", "2025-03-24T21:00:00Z",
		"Fire broke out at the Ostra grain warehouse in Dovrin's port on Monday evening.\n" +
			"Anja Rostova, the fire chief, said 40 firefighters kept the flames from spreading to the fuel depot next door.\n" +
			"No one was hurt, but 2,000 tonnes of grain were lost."},
	{"c09", "talks2", "Second round of Ostavia-Kaldar talks opens in Varesh", "2025-05-08T09:30:00Z",
		"Miren Tal and Jonas Brek met again in Varesh on Thursday for a second round of talks between Ostavia and Kaldar.\n" +
			"This time the envoys signed a deal to reopen the Lenna border crossing to trucks from June.\n" +
			"A prisoner exchange of 120 people will follow within two weeks, Tal said."},
	{"c10", "fire2", "Dovrin port warehouse blaze destroys grain", "2025-03-25T08:00:00Z",
		"A blaze at the Ostra warehouse in Dovrin port destroyed 2,000 tonnes of grain overnight, the port authority said.\n" +
			"Forty firefighters stopped the fire before it reached a fuel depot, fire chief Anja Rostova said.\n" +
			"The cause is being investigated."},
	{"c11", "talks2", "Ostavia and Kaldar sign border deal in Varesh", "2025-05-08T17:00:00Z",
		"Ostavia and Kaldar signed a deal in Varesh on Thursday to reopen the Lenna border crossing, ending a ten-year closure.\n" +
			"Foreign Minister Miren Tal said 120 prisoners would be exchanged within two weeks.\n" +
			"Kaldar's envoy Jonas Brek called the second round of talks a breakthrough."},
	{"c12", "fire1", "Dovrin mill fire started in dye shed, chief says", "2025-03-04T09:00:00Z",
		"The fire that destroyed the Kelmar textile mill in Dovrin on Sunday started in its dye shed, fire chief Anja Rostova said on Tuesday.\n" +
			"Investigators found no sign of arson. The two workers hurt in the blaze have left hospital."},
}

func analysedCorpus(t *testing.T) []*news.Doc {
	t.Helper()
	plan, err := extract.Plan()
	if err != nil {
		t.Fatal(err)
	}
	docs := make([]*news.Doc, len(corpus))
	for i, a := range corpus {
		pub, err := time.Parse(time.RFC3339, a.published)
		if err != nil {
			t.Fatal(err)
		}
		docs[i] = &news.Doc{Article: &news.Article{ID: a.id, Title: a.title, Text: a.text, Published: pub,
			Hash: news.ContentHash(a.text)}}
	}
	for _, r := range (&pipeline.Runner{Plan: plan}).Run(context.Background(), docs, nil) {
		if r.Err != nil {
			t.Fatal(r.Err)
		}
	}
	return docs
}

// TestCorpusEvents checks that the invented corpus makes the events it was
// written as: similar happenings weeks apart stay apart.
func TestCorpusEvents(t *testing.T) {
	docs := analysedCorpus(t)
	c := cluster.New(cluster.DefaultParams(), cluster.NewMemIndex())
	if err := c.AddAll(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	byWant := map[string]string{}
	for _, a := range corpus {
		got, _ := c.EventOf(a.id)
		if prev, ok := byWant[a.event]; ok && prev != got {
			t.Errorf("%s (%s) is in %s, the rest of %s in %s", a.id, a.event, got, a.event, prev)
		}
		byWant[a.event] = got
	}
	seen := map[string]string{}
	for want, got := range byWant {
		if other, dup := seen[got]; dup {
			t.Errorf("%s and %s were merged into %s", want, other, got)
		}
		seen[got] = want
	}
	events := c.Events()
	storyOf := map[string]string{}
	for _, e := range events {
		storyOf[e.ID] = e.Story
		t.Logf("%s %q %s–%s story %s %v", e.ID, e.Title, e.Start.Format("01-02"), e.End.Format("01-02"), e.Story, e.Articles)
	}
	if storyOf[byWant["talks1"]] != storyOf[byWant["talks2"]] {
		t.Error("the two rounds of talks are not one story")
	}
	if storyOf[byWant["flood"]] == storyOf[byWant["fire1"]] || storyOf[byWant["flood"]] == storyOf[byWant["talks1"]] {
		t.Error("the flood shares a story with the fires or the talks")
	}
	for _, e := range events {
		if e.ID == byWant["fire1"] {
			if e.ID != "e-c01" || e.Start.Format("2006-01-02") != "2025-03-02" || e.End.Format("2006-01-02") != "2025-03-04" {
				t.Errorf("fire1: ID %s, span %v – %v; want e-c01, 2 to 4 March", e.ID, e.Start, e.End)
			}
			if e.Title == "" || len(e.Articles) != 4 || e.Articles[0] != "c01" {
				t.Errorf("fire1: title %q, articles %v", e.Title, e.Articles)
			}
		}
	}
}

// TestIncrementalEqualsBatch adds the corpus one article at a time (reading
// the events between adds, and saving the state to JSON and restoring it
// half-way) and checks that the result is the batch run's, for several
// orders.
func TestIncrementalEqualsBatch(t *testing.T) {
	docs := analysedCorpus(t)
	ctx := context.Background()
	orders := map[string][]int{"as written": nil, "reversed": nil, "interleaved": nil}
	for i := range docs {
		orders["as written"] = append(orders["as written"], i)
		orders["reversed"] = append(orders["reversed"], len(docs)-1-i)
		orders["interleaved"] = append(orders["interleaved"], (i*5)%len(docs))
	}
	for name, order := range orders {
		t.Run(name, func(t *testing.T) {
			in := make([]*news.Doc, len(order))
			for i, k := range order {
				in[i] = docs[k]
			}
			batch := cluster.New(cluster.DefaultParams(), cluster.NewMemIndex())
			if err := batch.AddAll(ctx, in); err != nil {
				t.Fatal(err)
			}
			idx := cluster.NewMemIndex()
			one := cluster.New(cluster.DefaultParams(), idx)
			for i, d := range in {
				if _, err := one.Add(ctx, d); err != nil {
					t.Fatal(err)
				}
				_ = one.Events()
				if i == len(in)/2 {
					b, err := json.Marshal(one.State())
					if err != nil {
						t.Fatal(err)
					}
					var st cluster.State
					if err := json.Unmarshal(b, &st); err != nil {
						t.Fatal(err)
					}
					if one, err = cluster.Restore(st, idx); err != nil {
						t.Fatal(err)
					}
				}
			}
			if got, want := one.Events(), batch.Events(); !reflect.DeepEqual(got, want) {
				t.Errorf("one at a time:\n%+v\nbatch:\n%+v", got, want)
			}
			if got, want := one.Stories(), batch.Stories(); !reflect.DeepEqual(got, want) {
				t.Errorf("stories one at a time:\n%+v\nbatch:\n%+v", got, want)
			}
			again := cluster.New(cluster.DefaultParams(), cluster.NewMemIndex())
			_ = again.AddAll(ctx, in)
			if !reflect.DeepEqual(again.Events(), batch.Events()) {
				t.Error("two batch runs of one order differ")
			}
		})
	}
}

func TestRestoreRejectsEmptyState(t *testing.T) {
	if _, err := cluster.Restore(cluster.State{}, cluster.NewMemIndex()); err == nil {
		t.Error("Restore accepted a state without tables")
	}
}
