package words

import (
	"strings"
	"testing"
)

func TestTokens(t *testing.T) {
	text := "Zelenskiy’s aide, the well-known Müller, counted 600,000 votes (3.5%) — don't panic."
	var got []string
	for _, tk := range Tokens(text) {
		if text[tk.Start:tk.End] == "" {
			t.Fatalf("empty token %v", tk)
		}
		got = append(got, tk.Fold)
	}
	want := "zelenskiy aide the well-known muller counted 600,000 votes 3.5 don't panic"
	if strings.Join(got, " ") != want {
		t.Errorf("got  %q\nwant %q", strings.Join(got, " "), want)
	}
}

func TestContent(t *testing.T) {
	got := strings.Join(Content("The talks are going well, officials said of the talk."), " ")
	if got != "talk go well offici talk" {
		t.Errorf("got %q", got)
	}
}

func FuzzTokens(f *testing.F) {
	f.Add("Zelenskiy’s aide, 600,000 votes.")
	f.Add("\xff\xfe\x00 a-b-c 1.2.3")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, tk := range Tokens(s) {
			if tk.Start < prev || tk.End > len(s) || tk.Start >= tk.End {
				t.Fatalf("bad token %v", tk)
			}
			prev = tk.End
		}
	})
}
