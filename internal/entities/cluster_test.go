package entities

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"
)

// classText generates sentences from a known class bigram model: classes
// follow each other in a fixed cycle and each class has its own words, so
// a clustering into that many classes should find them again.
func classText(classes, words, sentences int, seed uint64) ([][]string, map[string]int) {
	rng := rand.New(rand.NewPCG(seed, 7))
	truth := map[string]int{}
	name := func(c, w int) string { return fmt.Sprintf("w%c%d", 'a'+c, w) }
	for c := range classes {
		for w := range words {
			truth[name(c, w)] = c
		}
	}
	var out [][]string
	for range sentences {
		c := rng.IntN(classes)
		var s []string
		for range 6 + rng.IntN(6) {
			s = append(s, name(c, rng.IntN(words)))
			// Mostly the next class in the cycle, sometimes two on.
			c = (c + 1 + rng.IntN(10)/9) % classes
		}
		out = append(out, s)
	}
	return out, truth
}

func TestLearnClusters(t *testing.T) {
	for _, tc := range []struct {
		name            string
		classes, sents  int
		minPurity       float64
		wantMinClassesN int
	}{
		{"four classes", 4, 400, 1, 4},
		{"eight classes", 8, 800, 0.95, 8},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text, truth := classText(tc.classes, 6, tc.sents, 1)
			// One class more than the truth: the boundary keeps one.
			got := LearnClusters(text, ClusterOptions{Classes: []int{tc.classes + 1}, MinCount: 1})
			if len(got) != len(truth) {
				t.Fatalf("%d words clustered, want %d", len(got), len(truth))
			}
			// Purity: each learnt class counted as its most common true class.
			byClass := map[uint32]map[int]int{}
			for w, c := range got {
				if byClass[c] == nil {
					byClass[c] = map[int]int{}
				}
				byClass[c][truth[w]]++
			}
			pure := 0
			for _, m := range byClass {
				best := 0
				for _, n := range m {
					best = max(best, n)
				}
				pure += best
			}
			if p := float64(pure) / float64(len(got)); p < tc.minPurity {
				t.Errorf("purity %.2f below %.2f (%d classes used)", p, tc.minPurity, len(byClass))
			}
			if len(byClass) < tc.wantMinClassesN {
				t.Errorf("%d classes used, want at least %d", len(byClass), tc.wantMinClassesN)
			}
		})
	}
}

func TestLearnClustersDeterministicAndPacked(t *testing.T) {
	text, _ := classText(6, 5, 300, 2)
	text = append(text, []string{"once"}) // rarer than MinCount
	o := ClusterOptions{Classes: []int{3, 7, 20}, MinCount: 2}
	a := LearnClusters(text, o)
	b := LearnClusters(text, o)
	if !maps.Equal(a, b) {
		t.Fatal("two runs on the same text differ")
	}
	if _, ok := a["once"]; ok {
		t.Error("a word seen once was clustered with MinCount 2")
	}
	for w, v := range a {
		for k, n := range o.Classes {
			if c := int(v>>(clusterBits*k)) & (1<<clusterBits - 1); c < 1 || c >= n {
				t.Fatalf("%s: class %d of level %d outside [1,%d)", w, c, k, n)
			}
		}
	}
}

// BenchmarkLearnClusters times the exchange algorithm on generated text.
func BenchmarkLearnClusters(b *testing.B) {
	text, _ := classText(40, 50, 5000, 3)
	for b.Loop() {
		LearnClusters(text, ClusterOptions{Classes: []int{64}, MinCount: 1, Iterations: 3})
	}
}
