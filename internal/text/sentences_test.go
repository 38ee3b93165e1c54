package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"two sentences", "The council met on Monday. It voted to close the bridge.",
			[]string{"The council met on Monday.", "It voted to close the bridge."}},
		{"abbreviations", "Gen. Orlov spoke to Mr. Vance in Washington. Both left early.",
			[]string{"Gen. Orlov spoke to Mr. Vance in Washington.", "Both left early."}},
		{"decimal", "Output fell 3.5 percent. Prices rose.",
			[]string{"Output fell 3.5 percent.", "Prices rose."}},
		{"closing quote stays", "“We will rebuild,” she said. “Every house.” Then she left.",
			[]string{"“We will rebuild,” she said.", "“Every house.”", "Then she left."}},
		{"headline line without stop", "Floods hit the valley\n\nWater rose overnight.",
			[]string{"Floods hit the valley", "Water rose overnight."}},
		{"caption line then paragraph", "A ferry at the dock (Photo: Staff)\nThe ferry sank at noon.",
			[]string{"A ferry at the dock (Photo: Staff)", "The ferry sank at noon."}},
		{"wrapped line joined", "The mayor said the road would\nreopen next week.",
			[]string{"The mayor said the road would\nreopen next week."}},
		{"empty", "", nil},
		{"blank lines only", "\n\n \n", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spans, err := Sentences(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range spans {
				got = append(got, tc.in[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("One. Two! Three?\n\nFour “five.” Six")
	f.Add("\xff\xfe broken \x00 bytes. More.")
	f.Fuzz(func(t *testing.T, s string) {
		spans, err := Sentences(s)
		if err != nil {
			t.Fatal(err)
		}
		prev := 0
		for _, sp := range spans {
			if sp.Start < prev || sp.End > len(s) || sp.Start >= sp.End {
				t.Fatalf("bad span %v after %d in %d bytes", sp, prev, len(s))
			}
			if utf8.ValidString(s) && !utf8.ValidString(s[sp.Start:sp.End]) {
				t.Fatalf("span %v splits a rune", sp)
			}
			prev = sp.End
		}
	})
}

func BenchmarkSentences(b *testing.B) {
	para := "The storm reached the coast late on Tuesday, the agency said. More than 200 homes lost power. " +
		"“We are doing everything we can,” Mayor Ilse Varga told reporters in Port Anselm. Crews worked overnight.\n\n"
	text := strings.Repeat(para, 5000/len(para)+1)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := Sentences(text); err != nil {
			b.Fatal(err)
		}
	}
}
