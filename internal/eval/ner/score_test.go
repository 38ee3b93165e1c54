package ner

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestChunks(t *testing.T) {
	tests := []struct {
		name string
		tags string
		want []Chunk
	}{
		{"empty", "", nil},
		{"all outside", "O O O", nil},
		{"IOB1 I after O starts a chunk", "O I-PER I-PER O", []Chunk{{1, 3, "PER"}}},
		{"IOB1 sentence start", "I-LOC O", []Chunk{{0, 1, "LOC"}}},
		{"IOB1 B splits same type", "I-PER B-PER I-PER", []Chunk{{0, 1, "PER"}, {1, 3, "PER"}}},
		{"type change splits", "I-ORG I-LOC", []Chunk{{0, 1, "ORG"}, {1, 2, "LOC"}}},
		{"IOB2", "B-ORG I-ORG O B-MISC", []Chunk{{0, 2, "ORG"}, {3, 4, "MISC"}}},
		{"chunk at end", "O B-PER I-PER", []Chunk{{1, 3, "PER"}}},
		{"BILOU", "B-PER L-PER U-LOC O U-ORG", []Chunk{{0, 2, "PER"}, {2, 3, "LOC"}, {4, 5, "ORG"}}},
		{"IOBES", "B-ORG I-ORG E-ORG S-PER", []Chunk{{0, 3, "ORG"}, {3, 4, "PER"}}},
		{"I after U starts anew", "U-PER I-PER", []Chunk{{0, 1, "PER"}, {1, 2, "PER"}}},
		{"B after I", "B-LOC I-LOC B-LOC", []Chunk{{0, 2, "LOC"}, {2, 3, "LOC"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Chunks(strings.Fields(tc.tags))
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Chunks(%q) = %v, want %v", tc.tags, got, tc.want)
			}
		})
	}
}

func TestScorer(t *testing.T) {
	var s Scorer
	// Gold: PER [0,2), LOC [3,4). Predicted: PER [0,2) right, LOC as ORG wrong,
	// and a spurious MISC.
	if err := s.Add(strings.Fields("I-PER I-PER O I-LOC O"), strings.Fields("B-PER I-PER O B-ORG B-MISC")); err != nil {
		t.Fatal(err)
	}
	// Gold ORG of two words; predicted only its first word: a miss, not half.
	if err := s.Add(strings.Fields("I-ORG I-ORG"), strings.Fields("I-ORG O")); err != nil {
		t.Fatal(err)
	}
	if s.All != (Counts{Gold: 3, Pred: 4, Correct: 1}) {
		t.Fatalf("counts = %+v", s.All)
	}
	p, r, f := s.All.PRF()
	if !approx(p, 0.25) || !approx(r, 1.0/3) || !approx(f, 2*0.25*(1.0/3)/(0.25+1.0/3)) {
		t.Errorf("P R F = %v %v %v", p, r, f)
	}
	if got := s.ByType["PER"]; *got != (Counts{1, 1, 1}) {
		t.Errorf("PER = %+v", *got)
	}
	if got := s.ByType["LOC"]; *got != (Counts{1, 0, 0}) {
		t.Errorf("LOC = %+v", *got)
	}
	if got := strings.Join(s.Types(), ","); got != "LOC,MISC,ORG,PER" {
		t.Errorf("types = %s", got)
	}
	if err := s.Add([]string{"O"}, nil); err == nil {
		t.Error("length mismatch accepted")
	}
}

func TestPRFEmpty(t *testing.T) {
	p, r, f := Counts{}.PRF()
	if p != 0 || r != 0 || f != 0 {
		t.Errorf("empty counts give %v %v %v", p, r, f)
	}
}

func approx(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestRead(t *testing.T) {
	in := "-DOCSTART- -X- O O\n\nThe DT B-NP O\nRiver NNP I-NP I-LOC\n\nIt PRP B-NP O\n\n-DOCSTART- -X- O O\n\nHe PRP B-NP O\n"
	docs, err := Read(strings.NewReader(in), "mem")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0]) != 2 || len(docs[1]) != 1 {
		t.Fatalf("shape = %d docs %v", len(docs), docs)
	}
	if docs[0][0][1] != (Token{"River", "I-LOC"}) {
		t.Errorf("token = %+v", docs[0][0][1])
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"one column", "Word\n", "want word and tag"},
		{"bad tag", "Word NN X-FOO\n", "bad tag"},
		{"binary", "a\x00b O\n", "binary"},
		{"invalid utf8", "caf\xe9 O\n", "invalid UTF-8"},
		{"long line", strings.Repeat("x", MaxLineBytes+10) + " O\n", "too long"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.in), "input.conll")
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "input.conll") {
				t.Errorf("err = %v, want one naming the input and %q", err, tc.want)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add("-DOCSTART- -X- O O\n\nA DT O\nB NNP I-PER\n")
	f.Add("x O\n\n\ny B-LOC\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := Read(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		var s Scorer
		for _, d := range docs {
			for _, sent := range d {
				if len(sent) == 0 {
					t.Fatal("empty sentence returned")
				}
				_, tags := Split(sent)
				if err := s.Add(tags, tags); err != nil {
					t.Fatal(err)
				}
			}
		}
		if s.All.Correct != s.All.Gold || s.All.Gold != s.All.Pred {
			t.Fatalf("self-score not perfect: %+v", s.All)
		}
	})
}
