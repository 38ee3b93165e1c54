package clusters

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScore(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred string
		b3p, b3r   float64
		pwp, pwr   float64
	}{
		{"perfect", "a a b b", "x x y y", 1, 1, 1, 1},
		{"all in one", "a a b b", "x x x x", 0.5, 1, 1.0 / 3, 1},
		{"all apart", "a a b b", "w x y z", 1, 0.5, 1, 0},
		// item 1: pred {1,2,3} gold {1,2}: p 2/3 r 1; item 3: p 1/3 r 1/2;
		// item 4: p 1 r 1/2.
		{"one wrong", "a a b b", "x x x y", (2.0/3 + 2.0/3 + 1.0/3 + 1) / 4, (1 + 1 + 0.5 + 0.5) / 4, 1.0 / 3, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Score(strings.Fields(tt.gold), strings.Fields(tt.pred))
			if err != nil {
				t.Fatal(err)
			}
			if !near(s.BCubed.P, tt.b3p) || !near(s.BCubed.R, tt.b3r) {
				t.Errorf("B-cubed = %.4f/%.4f, want %.4f/%.4f", s.BCubed.P, s.BCubed.R, tt.b3p, tt.b3r)
			}
			if !near(s.Pairwise.P, tt.pwp) || !near(s.Pairwise.R, tt.pwr) {
				t.Errorf("pairwise = %.4f/%.4f, want %.4f/%.4f", s.Pairwise.P, s.Pairwise.R, tt.pwp, tt.pwr)
			}
			if f := s.BCubed.F; !near(f, 2*tt.b3p*tt.b3r/(tt.b3p+tt.b3r)) {
				t.Errorf("B-cubed F1 = %v", f)
			}
		})
	}
	if _, err := Score([]string{"a"}, nil); err == nil {
		t.Error("Score accepted labels of different lengths")
	}
	if _, err := Score(nil, nil); err == nil {
		t.Error("Score accepted no items")
	}
}

func TestBaseline(t *testing.T) {
	texts := []string{
		"The Harlow dam burst after three days of rain, flooding the valley farms.",
		"Rain burst the Harlow dam; valley farms were flooded.",
		"Flooded valley farms below the burst Harlow dam count their losses.",
		"The chess final in Orvik went to a tie break between the two grandmasters.",
		"Grandmasters in the Orvik chess final needed a tie break.",
	}
	b := NewBaseline(texts)
	ts := b.Thresholds()
	if len(ts) == 0 {
		t.Fatal("no thresholds")
	}
	for i := 1; i < len(ts); i++ {
		if ts[i] >= ts[i-1] {
			t.Fatalf("thresholds not decreasing: %v", ts)
		}
	}
	t2, best, err := bestCutOf(b, []string{"dam", "dam", "dam", "chess", "chess"})
	if err != nil {
		t.Fatal(err)
	}
	if best.BCubed.F != 1 {
		t.Errorf("best cut at %.3f scores %.3f, want the two topics apart", t2, best.BCubed.F)
	}
	cut := b.Cut(t2)
	if cut[0] != cut[1] || cut[1] != cut[2] || cut[3] != cut[4] || cut[0] == cut[3] {
		t.Errorf("cut = %v", cut)
	}
	if all := b.Cut(math.Inf(-1)); all[0] != all[4] {
		t.Errorf("cut below every merge = %v, want one cluster", all)
	}
}

func TestAUC(t *testing.T) {
	tests := []struct {
		scores, ys []float64
		want       float64
	}{
		{[]float64{1, 2, 3, 4}, []float64{0, 0, 1, 1}, 1},
		{[]float64{1, 2, 3, 4}, []float64{1, 1, 0, 0}, 0},
		{[]float64{1, 1, 1, 1}, []float64{0, 1, 0, 1}, 0.5},
		{[]float64{1, 3, 2, 4}, []float64{0, 0, 1, 1}, 0.75},
	}
	for _, tt := range tests {
		if got := AUC(tt.scores, tt.ys); !near(got, tt.want) {
			t.Errorf("AUC(%v, %v) = %v, want %v", tt.scores, tt.ys, got, tt.want)
		}
	}
	if !math.IsNaN(AUC([]float64{1}, []float64{1})) {
		t.Error("AUC with no negatives is not NaN")
	}
}

func TestSplits(t *testing.T) {
	for topic, want := range map[int]string{1: "train", 2: "dev", 35: "dev", 33: "train", 36: "test", 45: "test"} {
		if got := SplitOf(topic); got != want {
			t.Errorf("SplitOf(%d) = %s, want %s", topic, got, want)
		}
	}
	docs := []Doc{{Name: "a", Topic: 1}, {Name: "b", Topic: 2}, {Name: "c", Topic: 40}}
	for split, want := range map[string]string{"train": "a", "dev": "b", "test": "c", "traindev": "a b"} {
		got, err := Select(docs, split)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range got {
			names = append(names, d.Name)
		}
		if strings.Join(names, " ") != want {
			t.Errorf("Select(%s) = %v, want %s", split, names, want)
		}
	}
	if _, err := Select(docs, "validation"); err == nil {
		t.Error("Select accepted an unknown split")
	}
}

func TestReadDocs(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, body string
		n          int
		bad        bool
	}{
		{"good", `{"doc":"1_1ecb","topic":1,"subtopic":"1_ecb","url":null,"sentences":["A fire.","Two hurt."]}` + "\n\n", 1, false},
		{"broken", `{"doc":"1_1ecb",`, 0, true},
		{"no subtopic", `{"doc":"1_1ecb","topic":1,"sentences":[]}`, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, tt.name+".jsonl")
			if err := os.WriteFile(p, []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			docs, err := ReadDocs(p)
			if (err != nil) != tt.bad || len(docs) != tt.n {
				t.Fatalf("ReadDocs = %d docs, %v", len(docs), err)
			}
			if tt.n == 1 && docs[0].Text() != "A fire.\nTwo hurt." {
				t.Errorf("text %q", docs[0].Text())
			}
		})
	}
	if _, err := ReadDocs(filepath.Join(dir, "missing.jsonl")); err == nil {
		t.Error("no error for a missing file")
	}
}

// TestArticleHidesLabels checks that nothing the clusterer sees names the
// sub-topic: not the ID, title, URL or publication time (the clusterer
// does not read Source, which keeps the document name for messages).
func TestArticleHidesLabels(t *testing.T) {
	u := "http://example.org/x"
	a := Article(Doc{Name: "7_3ecbplus", Topic: 7, Subtopic: "7_ecbplus", URL: &u, Sentences: []string{"A boxer won."}})
	if strings.Contains(a.ID, "ecb") || a.URL != "" || a.Title != "" || !a.Published.IsZero() {
		t.Errorf("article leaks labels: %+v", a)
	}
}

func FuzzParseDocs(f *testing.F) {
	f.Add([]byte(`{"doc":"1_1ecb","topic":1,"subtopic":"1_ecb","url":null,"sentences":["A fire."]}` + "\n"))
	f.Add([]byte("\n\n{\"doc\":\"x\",\"subtopic\":\"y\",\"sentences\":null}\n{"))
	f.Add([]byte("\xff\xfe{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		docs, err := ParseDocs(bytes.NewReader(b), "fuzz")
		if err != nil && docs != nil {
			t.Fatal("docs returned with an error")
		}
		for _, d := range docs {
			if d.Name == "" || d.Subtopic == "" {
				t.Fatalf("doc without name or subtopic: %+v", d)
			}
			_ = d.Text()
		}
	})
}
