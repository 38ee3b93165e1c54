package entities

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// inventedDocs makes training documents of invented names in a few
// patterns: people say things, places are where things happen,
// organisations announce.
func inventedDocs(n int, seed uint64) [][]Sentence {
	rng := rand.New(rand.NewPCG(seed, 11))
	first := []string{"Mara", "Olaf", "Ines", "Tomas", "Ludo", "Greta", "Ivo", "Selma"}
	last := []string{"Quist", "Berg", "Vollan", "Drecht", "Aamot", "Kessel", "Morrow", "Fenn"}
	places := []string{"Vardo", "Ostrel", "Kalmin", "Brisk", "Tarnow", "Lesk"}
	orgs := []string{"Norvia", "Telkas", "Brandt", "Unimar", "Koral"}
	pick := func(s []string) string { return s[rng.IntN(len(s))] }
	var docs [][]Sentence
	for range n {
		var doc []Sentence
		for range 4 {
			switch rng.IntN(3) {
			case 0:
				doc = append(doc, Sentence{
					Words:  []string{pick(first), pick(last), "said", "on", "Monday", "that", "prices", "rose", "."},
					Chunks: []Chunk{{0, 2, "PER"}},
				})
			case 1:
				doc = append(doc, Sentence{
					Words:  []string{"Flooding", "hit", "the", "town", "of", pick(places), "overnight", "."},
					Chunks: []Chunk{{5, 6, "LOC"}},
				})
			default:
				doc = append(doc, Sentence{
					Words:  []string{"Shares", "in", pick(orgs), "Corp", "fell", "after", "the", "results", "."},
					Chunks: []Chunk{{2, 4, "ORG"}},
				})
			}
		}
		docs = append(docs, doc)
	}
	return docs
}

func TestTrainRoundTrip(t *testing.T) {
	docs := inventedDocs(60, 1)
	var text [][]string
	for _, d := range docs {
		for _, s := range d {
			text = append(text, s.Words)
		}
	}
	for _, tc := range []struct {
		name string
		o    TrainOptions
	}{
		{"plain", TrainOptions{Epochs: 4}},
		{"clusters and two passes", TrainOptions{
			Epochs: 4, Members: 2, Dropout: 0.3, HideClusters: true, TwoPass: true,
			Clusters: LearnClusters(text, ClusterOptions{Classes: []int{4, 8}, MinCount: 1}),
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Train(docs, tc.o)
			if err != nil {
				t.Fatal(err)
			}
			// Names the training never saw, in the patterns it did.
			doc := [][]string{
				{"Edda", "Lunn", "said", "on", "Monday", "that", "prices", "rose", "."},
				{"Flooding", "hit", "the", "town", "of", "Perm", "overnight", "."},
				{"Shares", "in", "Zobel", "Corp", "fell", "after", "the", "results", "."},
			}
			want := [][]string{
				{"B-PER", "L-PER", "O", "O", "O", "O", "O", "O", "O"},
				{"O", "O", "O", "O", "O", "U-LOC", "O", "O"},
				{"O", "O", "B-ORG", "L-ORG", "O", "O", "O", "O", "O"},
			}
			got := m.Tag(doc)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("tags\n got %v\nwant %v", got, want)
			}
			var buf bytes.Buffer
			if _, err := m.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			m2, err := Load(&buf, "trained")
			if err != nil {
				t.Fatal(err)
			}
			if m2.twoPass != tc.o.TwoPass || m2.clus.n != m.clus.n {
				t.Errorf("loaded twoPass %v, %d cluster entries; want %v, %d", m2.twoPass, m2.clus.n, tc.o.TwoPass, m.clus.n)
			}
			if got2 := m2.Tag(doc); fmt.Sprint(got2) != fmt.Sprint(got) {
				t.Errorf("loaded model tags %v, trained %v", got2, got)
			}
		})
	}
}
