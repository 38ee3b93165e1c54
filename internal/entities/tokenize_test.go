package entities

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The harbour master’s boat sank.", "The|harbour|master|'s|boat|sank|."},
		{"“We will wait,” said Ana Ferro.", `"|We|will|wait|,|"|said|Ana|Ferro|.`},
		{"A pro-government rally in the U.S. capital", "A|pro-government|rally|in|the|U.S.|capital"},
		{"They don't (yet) agree: Gen. Ruiz said so…", "They|do|n't|(|yet|)|agree|:|Gen.|Ruiz|said|so|…"},
		{"Lisbon—Porto trains", "Lisbon|--|Porto|trains"},
		{"J. R. Tolkien's", "J.|R.|Tolkien|'s"},
		{"Photo: Ana Lima/Agency Press", "Photo|:|Ana|Lima|/|Agency|Press"},
		{"and/or 1/2", "and|/|or|1|/|2"},
		{"", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			toks := Tokenize(tc.in, 0, len(tc.in))
			var got []string
			for _, tok := range toks {
				got = append(got, tok.Text)
				if tok.Start < 0 || tok.End > len(tc.in) || tok.Start >= tok.End {
					t.Fatalf("bad span %+v", tok)
				}
				if normWord(tc.in[tok.Start:tok.End]) != tok.Text {
					t.Errorf("token %q does not match its span %q", tok.Text, tc.in[tok.Start:tok.End])
				}
			}
			if g := strings.Join(got, "|"); g != tc.want {
				t.Errorf("got  %s\nwant %s", g, tc.want)
			}
		})
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("The minister’s aide, “Ana”, left — quietly.")
	f.Add("U.S.-led talks don't end\x00\xff")
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, tok := range Tokenize(s, 0, len(s)) {
			if tok.Start < last || tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("token %+v out of order or outside %d bytes", tok, len(s))
			}
			last = tok.End
		}
	})
}
