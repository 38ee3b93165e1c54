package gen

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

func mustArticles(t *testing.T, cfg Config) []*Item {
	t.Helper()
	items, err := Articles(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func TestSameSeedSameCorpus(t *testing.T) {
	cfg := Config{Seed: 7, Articles: 60, TextBytes: 2000}
	a, b := mustArticles(t, cfg), mustArticles(t, cfg)
	for i := range a {
		if !reflect.DeepEqual(a[i].Article, b[i].Article) || a[i].Copied() != b[i].Copied() || !bytes.Equal(a[i].HTML(), b[i].HTML()) {
			t.Fatalf("article %d differs between two runs of the same config", i)
		}
	}
	c := mustArticles(t, Config{Seed: 8, Articles: 60, TextBytes: 2000})
	same := 0
	for i := range a {
		if a[i].Article.Text == c[i].Article.Text {
			same++
		}
	}
	if same > 0 {
		t.Errorf("%d of 60 articles are the same under seeds 7 and 8", same)
	}
}

// TestPrefix: a smaller corpus is the start of a larger one, so a benchmark
// at 10k and one at 1M share their first 10k articles.
func TestPrefix(t *testing.T) {
	small := mustArticles(t, Config{Seed: 3, Articles: 25})
	large := mustArticles(t, Config{Seed: 3, Articles: 80})
	for i := range small {
		if !reflect.DeepEqual(small[i].Article, large[i].Article) {
			t.Fatalf("article %d of the 25 is not article %d of the 80", i, i)
		}
	}
}

func TestSizes(t *testing.T) {
	for _, tc := range []struct{ n, bytes int }{{0, 0}, {1, 0}, {7, 1500}, {300, 3000}, {200, 5000}, {20, 20000}} {
		t.Run("", func(t *testing.T) {
			items := mustArticles(t, Config{Seed: 1, Articles: tc.n, TextBytes: tc.bytes})
			if len(items) != tc.n {
				t.Fatalf("%d articles, want %d", len(items), tc.n)
			}
			want := tc.bytes
			if want == 0 {
				want = DefaultTextBytes
			}
			total := 0
			for i, it := range items {
				if it.Index != i {
					t.Errorf("item %d has index %d", i, it.Index)
				}
				total += len(it.Article.Text)
			}
			if tc.n >= 7 {
				mean := total / tc.n
				if mean < want*9/10 || mean > want*13/10 {
					t.Errorf("mean text of %d bytes, want about %d", mean, want)
				}
			}
		})
	}
}

func TestBadConfig(t *testing.T) {
	for _, cfg := range []Config{{Articles: -1}, {Articles: 1, TextBytes: -5}, {Articles: 1, TextBytes: MaxTextBytes + 1}} {
		if _, err := New(cfg); err == nil {
			t.Errorf("New(%+v) accepted", cfg)
		}
	}
}

// TestTemplatesFilled: no placeholder is left and no text is empty.
func TestTemplatesFilled(t *testing.T) {
	for _, it := range mustArticles(t, Config{Seed: 11, Articles: 400, TextBytes: 4000}) {
		for _, s := range []string{it.Article.Title, it.Article.Text, it.Copied()} {
			if strings.ContainsAny(s, "{}") {
				i := strings.IndexAny(s, "{}")
				t.Fatalf("article %d: placeholder left: %q", it.Index, s[max(0, i-40):min(len(s), i+40)])
			}
		}
		if it.Article.Title == "" || it.Article.Byline == "" || it.Article.Published.IsZero() || it.Article.URL == "" {
			t.Fatalf("article %d lacks metadata: %+v", it.Index, it.Article)
		}
	}
}

// TestNewsTraits checks that the corpus has what it is for: several outlets
// per event, rewrites of the wire, names spelled more than one way, tolls
// that rise, and relative dates.
func TestNewsTraits(t *testing.T) {
	items := mustArticles(t, Config{Seed: 5, Articles: 1500, TextBytes: 3000})
	byEvent := map[string][]*Item{}
	var events []string
	for _, it := range items {
		if byEvent[it.Event] == nil {
			events = append(events, it.Event)
		}
		byEvent[it.Event] = append(byEvent[it.Event], it)
	}
	ids := map[string]bool{}
	urls := map[string]bool{}
	rewrites, risen, spelled, own, copies := 0, 0, 0, 0, 0
	for _, ev := range events[:len(events)-1] { // the last may be cut short
		its := byEvent[ev]
		if len(its) < 3 {
			t.Errorf("event %s has %d reports, want at least 3", ev, len(its))
		}
		if !its[0].Wire {
			t.Errorf("event %s does not start with its wire story", ev)
		}
		outlets := map[string]bool{}
		for _, it := range its {
			if outlets[it.Article.Outlet] {
				t.Errorf("event %s reported twice by %s", ev, it.Article.Outlet)
			}
			outlets[it.Article.Outlet] = true
			if it.RewriteOf != "" {
				rewrites++
				if it.RewriteOf != its[0].Article.ID {
					t.Errorf("article %d rewrites %s, not its event's wire story", it.Index, it.RewriteOf)
				}
				if s := shared(its[0].Article.Text, it.Article.Text); s < 0.5 {
					t.Errorf("rewrite %d shares only %.2f of its word trigrams with the wire", it.Index, s)
				}
			} else if !it.Wire {
				own++
				if s := shared(its[0].Article.Text, it.Article.Text); s > 0.5 {
					copies++
				}
			}
			if it.Deaths > its[0].Deaths {
				risen++
				break
			}
		}
	}
	for _, it := range items {
		if ids[it.Article.ID] || urls[it.Article.URL] {
			t.Errorf("article %d repeats an ID or URL", it.Index)
		}
		ids[it.Article.ID], urls[it.Article.URL] = true, true
	}
	w := buildWorld(5, 12)
	for _, c := range w.countries {
		for _, g := range c.regions {
			for _, tw := range g.towns {
				if len(tw.mayor.family.spellings()) > 1 || len(tw.mayor.given.spellings()) > 1 {
					spelled++
				}
			}
		}
	}
	n := len(events) - 1
	// Own reports draw on the same sentence templates, so they share some
	// wording with the wire, but far less than a rewrite.
	if copies > own/10 {
		t.Errorf("%d of %d reports of an outlet's own share more than half their trigrams with the wire", copies, own)
	}
	if rewrites < n/2 || risen < n/4 || spelled < 20 {
		t.Errorf("over %d events: %d rewrites, %d rising tolls, %d mayors with two spellings", n, rewrites, risen, spelled)
	}
	all := ""
	for _, it := range items[:300] {
		all += it.Article.Text
	}
	for _, want := range []string{"yesterday", "late on", "next ", "at least ", "more than ", `," said `, "according to", " told "} {
		if !strings.Contains(all, want) {
			t.Errorf("no %q in 300 articles", want)
		}
	}
}

// shared is the share of b's word trigrams that a also has, over the
// words that are not capitalised (names are respelled by some rewrites).
func shared(a, b string) float64 {
	grams := func(s string) []string {
		var ws, out []string
		for _, w := range strings.Fields(s) {
			if w[0] < 'A' || w[0] > 'Z' {
				ws = append(ws, w)
			}
		}
		for i := 2; i < len(ws); i++ {
			out = append(out, ws[i-2]+" "+ws[i-1]+" "+ws[i])
		}
		return out
	}
	have := map[string]bool{}
	for _, g := range grams(a) {
		have[g] = true
	}
	n, k := 0, 0
	for _, g := range grams(b) {
		n++
		if have[g] {
			k++
		}
	}
	return float64(k) / float64(max(n, 1))
}

func TestTollNeverFalls(t *testing.T) {
	w := buildWorld(9, 12)
	for i := range 500 {
		e := newEvent(w, 9, i, DefaultStart)
		for k := 1; k < len(e.toll); k++ {
			if e.toll[k].deaths < e.toll[k-1].deaths || !e.toll[k].at.After(e.toll[k-1].at) {
				t.Fatalf("event %d: toll %+v", i, e.toll)
			}
		}
		if got := e.at(e.start.Add(100 * time.Hour)); got != e.toll[len(e.toll)-1] {
			t.Errorf("event %d: at the end the toll is %+v", i, got)
		}
	}
}

func TestCountWording(t *testing.T) {
	o := &outlet{words: true}
	w := &writer{o: o}
	for _, tc := range []struct {
		n, bound int
		want     string
	}{{7, 0, "seven"}, {7, 1, "at least seven"}, {47, 2, "more than 40"}, {40, 2, "more than 30"}, {47, 3, "about 50"}, {12, 3, "12"}, {12345, 0, "12,345"}, {1234567, 0, "1,234,567"}} {
		if got := w.count(tc.n, tc.bound); got != tc.want {
			t.Errorf("count(%d, %d) = %q, want %q", tc.n, tc.bound, got, tc.want)
		}
	}
}
