package entities

import (
	"fmt"
	"math"
	"sync"
	"testing"
)

// The packed scorer must agree with the plain one on real feature lists.
func TestPackedScores(t *testing.T) {
	m := model(t)
	words := []string{"Inspector", "Mara", "Quist", "of", "the", "Harbour", "Police", "said", "on", "Friday", "."}
	info := m.sentInfo(words)
	di := newDocInfo([][]tokInfo{info})
	fast := make([]float32, len(m.tags))
	slow := make([]float32, len(m.tags))
	for i := range info {
		feats := staticFeatures(nil, info, i, false, &di)
		feats = dynamicFeatures(feats, info, i, 0, len(m.tags), 1, 2)
		m.score17(feats, fast)
		m.scoreSlow(feats, slow)
		for k := range fast {
			if math.Abs(float64(fast[k]-slow[k])) > 1e-4 {
				t.Fatalf("word %d tag %s: packed %v, plain %v", i, m.tags[k], fast[k], slow[k])
			}
		}
	}
}

func TestBILOUConstraints(t *testing.T) {
	m := model(t)
	tags := m.Tag([][]string{{"Mara", "Quist", "met", "Olaf", "Berg", "in", "New", "Amsterdam"}, {"Berg"}})
	for _, s := range tags {
		open := ""
		for i, tag := range s {
			p, ty := tag[0], ""
			if len(tag) > 2 {
				ty = tag[2:]
			}
			switch p {
			case 'I', 'L':
				if open != ty {
					t.Fatalf("%v: %s at %d without an open %s chunk", s, tag, i, ty)
				}
			default:
				if open != "" {
					t.Fatalf("%v: chunk %s left open at %d", s, open, i)
				}
			}
			open = ""
			if p == 'B' || p == 'I' {
				open = ty
			}
		}
		if open != "" {
			t.Fatalf("%v: chunk left open at the end", s)
		}
	}
}

// The pipeline runs one model on many articles at once.
func TestConcurrentUse(t *testing.T) {
	m := model(t)
	text := benchArticle()
	want, err := m.Mentions(text, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := m.Mentions(text, nil)
			if err == nil && fmt.Sprint(got) != fmt.Sprint(want) {
				err = fmt.Errorf("concurrent run found %d mentions, alone %d", len(got), len(want))
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
