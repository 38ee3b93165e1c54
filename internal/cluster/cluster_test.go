package cluster

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
)

// doc builds an analysed doc by hand: every occurrence of each name is a
// mention of that kind; dates are given resolved.
func doc(id, title, text string, pub time.Time, names map[string]news.EntityKind, dates ...string) *news.Doc {
	d := &news.Doc{Article: &news.Article{ID: id, Title: title, Text: text, Published: pub}}
	start := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		if strings.TrimSpace(line) != "" {
			d.Sentences = append(d.Sentences, news.Span{Start: start, End: start + len(strings.TrimRight(line, "\n"))})
		}
		start += len(line)
	}
	for name, kind := range names {
		for off := 0; ; {
			i := strings.Index(text[off:], name)
			if i < 0 {
				break
			}
			s := off + i
			d.Entities = append(d.Entities, news.Mention{Span: news.Span{Start: s, End: s + len(name)}, Kind: kind, Name: name})
			off = s + len(name)
		}
	}
	for _, v := range dates {
		prec := news.PrecDay
		if len(v) == 7 {
			prec = news.PrecMonth
		}
		d.Dates = append(d.Dates, news.DateRef{Type: news.DateDate, Value: v, Precision: prec, Resolved: true})
	}
	return d
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestVec(t *testing.T) {
	a := vecOf(map[string]float64{"b": 2, "a": 1, "z": 0})
	b := vecOf(map[string]float64{"b": 3, "c": 4})
	if len(a) != 2 || a[0].Key != "a" || a[1].Key != "b" {
		t.Fatalf("vecOf = %v, want a, b sorted and no zero weights", a)
	}
	if got := dot(a, b); got != 6 {
		t.Errorf("dot = %v, want 6", got)
	}
	sum := add(a, b)
	if len(sum) != 3 || sum[1] != (Feature{"b", 5}) {
		t.Errorf("add = %v", sum)
	}
	if n := b.unit().norm(); math.Abs(n-1) > 1e-12 {
		t.Errorf("unit norm = %v", n)
	}
	if top := sum.top(2); len(top) != 2 || top[0].Key != "b" || top[1].Key != "c" {
		t.Errorf("top(2) = %v, want b, c in key order", top)
	}
	if Vec(nil).unit() != nil {
		t.Error("unit of empty is not empty")
	}
}

func TestMemIndex(t *testing.T) {
	ctx := context.Background()
	x := NewMemIndex()
	for _, put := range []struct {
		id   string
		keys []string
	}{{"e1", []string{"k1", "k2"}}, {"e2", []string{"k1"}}, {"e3", []string{"k2", "k1"}}, {"e3", []string{"k1"}}} {
		if err := x.Put(ctx, put.id, put.keys); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		keys   []string
		perKey int
		want   string
	}{
		{[]string{"k1"}, 10, "e3 e2 e1"},
		{[]string{"k1"}, 2, "e3 e2"},
		{[]string{"k2", "k1"}, 1, "e3"},
		{[]string{"k2", "k1"}, 2, "e3 e1 e2"},
		{[]string{"none"}, 5, ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, "+"), func(t *testing.T) {
			got, err := x.Candidates(ctx, tt.keys, tt.perKey)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("Candidates(%v, %d) = %v, want %s", tt.keys, tt.perKey, got, tt.want)
			}
		})
	}
}

// TestScoreIsMeanOfPairs checks the identity the clusterer rests on: the
// score of an article with an event is the mean of its scores with the
// event's articles.
func TestScoreIsMeanOfPairs(t *testing.T) {
	p := DefaultParams()
	kyiv := map[string]news.EntityKind{"Kyiv": news.Place, "Olena Marchuk": news.Person}
	docs := []*news.Doc{
		doc("a1", "Blast hits depot in Kyiv", "A blast hit a fuel depot in Kyiv on Monday.\nOlena Marchuk said two workers were hurt.", day("2025-06-03"), kyiv, "2025-06-02"),
		doc("a2", "Kyiv depot fire put out", "Firefighters put out the depot fire in Kyiv.\nThe blast hurt two workers, Olena Marchuk said.", day("2025-06-03"), kyiv),
		doc("a3", "Depot blast: two hurt", "Two workers were hurt in the Kyiv depot blast.", day("2025-06-04"), kyiv, "2025-06-02", "2025-06"),
	}
	x := NewPairs(docs, p)
	e := &EventState{N: 0}
	for _, i := range []int{0, 1} {
		pr := x.prs[i]
		for s, v := range pr {
			if len(v) > 0 {
				e.Sums[s] = add(e.Sums[s], v)
				e.Counts[s]++
			}
		}
		e.N++
	}
	got := score(x.prs[2].group(), e.group(), p.Weights)
	want := (x.Score(2, 0, p.Weights) + x.Score(2, 1, p.Weights)) / 2
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("score with event = %v, mean of pair scores = %v", got, want)
	}
	// And the features reproduce the score.
	w := p.Weights
	coef := []float64{w.Bias}
	coef = append(coef, w.Cos[:]...)
	coef = append(coef, w.Both[:]...)
	coef = append(coef, w.OneDated)
	back, err := WeightsFrom(coef)
	if err != nil || back != w {
		t.Fatalf("WeightsFrom round trip = %v, %v", back, err)
	}
	f := x.Features(0, 2)
	z := 0.0
	for i := range f {
		z += f[i] * coef[i]
	}
	if s := x.Score(0, 2, w); math.Abs(z-s) > 1e-9 {
		t.Errorf("features · weights = %v, Score = %v", z, s)
	}
	if _, err := WeightsFrom(coef[1:]); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("WeightsFrom(short) err = %v, want ErrInvalid", err)
	}
}

func TestAddRejectsAndRepeats(t *testing.T) {
	ctx := context.Background()
	c := New(DefaultParams(), NewMemIndex())
	for _, d := range []*news.Doc{nil, {}, {Article: &news.Article{Text: "no id"}}} {
		if _, err := c.Add(ctx, d); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("Add(%v) err = %v, want ErrInvalid", d, err)
		}
	}
	d := doc("a1", "Dam opens", "The Orlen dam opened its gates.", day("2025-02-01"), nil)
	e1, err := c.Add(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	e2, _ := c.Add(ctx, d)
	if e1 != e2 || e1 != "e-a1" {
		t.Errorf("events %q, %q; want e-a1 twice", e1, e2)
	}
	if evs := c.Events(); len(evs) != 1 || len(evs[0].Articles) != 1 {
		t.Errorf("events after adding one article twice: %+v", evs)
	}
}

// flaky is an index that fails while broken is set.
type flaky struct {
	*MemIndex
	broken bool
}

var errDown = errors.New("index down")

func (f *flaky) Put(ctx context.Context, id string, keys []string) error {
	if f.broken {
		return errDown
	}
	return f.MemIndex.Put(ctx, id, keys)
}

func (f *flaky) Candidates(ctx context.Context, keys []string, perKey int) ([]string, error) {
	if f.broken {
		return nil, errDown
	}
	return f.MemIndex.Candidates(ctx, keys, perKey)
}

// TestIndexFailureChangesNothing checks that an article the index could not
// take leaves no trace, so that adding it again later gives what an
// uninterrupted run gives.
func TestIndexFailureChangesNothing(t *testing.T) {
	ctx := context.Background()
	names := map[string]news.EntityKind{"Orlen": news.Place}
	docs := []*news.Doc{
		doc("a1", "Orlen dam opens gates", "The Orlen dam opened its gates after heavy rain.", day("2025-02-01"), names),
		doc("a2", "Gates open at Orlen dam", "Heavy rain made the Orlen dam open its gates.", day("2025-02-01"), names),
	}
	x := &flaky{MemIndex: NewMemIndex()}
	c := New(DefaultParams(), x)
	if _, err := c.Add(ctx, docs[0]); err != nil {
		t.Fatal(err)
	}
	x.broken = true
	if _, err := c.Add(ctx, docs[1]); !errors.Is(err, errDown) {
		t.Fatalf("Add with a broken index: err = %v", err)
	}
	if st := c.State(); st.N != 1 || len(st.Articles) != 1 {
		t.Fatalf("state after a failed add: N %d, %d articles", st.N, len(st.Articles))
	}
	x.broken = false
	if _, err := c.Add(ctx, docs[1]); err != nil {
		t.Fatal(err)
	}
	ref := New(DefaultParams(), NewMemIndex())
	if err := ref.AddAll(ctx, docs); err != nil {
		t.Fatal(err)
	}
	got, want := c.Events(), ref.Events()
	if len(got) != len(want) || got[0].ID != want[0].ID || len(got[0].Articles) != len(want[0].Articles) {
		t.Errorf("after recovery %+v, uninterrupted %+v", got, want)
	}
}

// FuzzAdd adds arbitrary texts, with arbitrary spans for their annotations,
// and checks that nothing panics and every article lands in one event.
func FuzzAdd(f *testing.F) {
	f.Add("Blast in Kyiv\nTwo hurt.", "Kyiv", "2025-06-02", 3, 9)
	f.Add("\xff\xfe", "", "2025-13-99", -4, 1<<30)
	f.Add("", "\n", "P2D", 0, 0)
	f.Fuzz(func(t *testing.T, text, name, date string, start, end int) {
		c := New(DefaultParams(), NewMemIndex())
		for i := range 3 {
			d := doc(fmt.Sprintf("f%d", i), name, text, day("2025-06-03").AddDate(0, 0, i*10), map[string]news.EntityKind{}, date)
			if name != "" {
				d.Entities = append(d.Entities, news.Mention{Span: news.Span{Start: start, End: end}, Name: name, Kind: news.Person})
			}
			d.Figures = append(d.Figures, news.Figure{Span: news.Span{Start: end, End: start}})
			d.Sentences = append(d.Sentences, news.Span{Start: start, End: end})
			if _, err := c.Add(context.Background(), d); err != nil {
				t.Fatal(err)
			}
		}
		n := 0
		for _, e := range c.Events() {
			n += len(e.Articles)
		}
		if n != 3 {
			t.Fatalf("%d articles in events, want 3", n)
		}
	})
}
