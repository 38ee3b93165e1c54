package cluster

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
)

// synth generates an endless stream of invented articles: events of about
// four reports each, overlapping in time, each event with its own place,
// people and topic words drawn from fixed pools, and filler words shared by
// all. The pools are large enough that keys recur across many events, as
// names and words do in real news, so the index's bounds are exercised.
type synth struct {
	r      *rand.Rand
	words  []string
	people []string
	places []string
	n      int
	events map[int]synthEvent
}

type synthEvent struct {
	topic  []string
	people []string
	place  string
	day    time.Time
}

func newSynth(seed uint64) *synth {
	r := rand.New(rand.NewPCG(seed, 7))
	syl := []string{"ka", "lo", "ver", "min", "ta", "sor", "el", "dun", "bri", "ma", "qu", "zen", "ost", "ar", "li", "pe"}
	word := func(parts int) string {
		var b strings.Builder
		for range parts {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		return b.String()
	}
	s := &synth{r: r, events: map[int]synthEvent{}}
	seen := map[string]bool{}
	for len(s.words) < 6000 {
		if w := word(4); !seen[w] { // 16⁴ spellings, room for 6000
			seen[w] = true
			s.words = append(s.words, w)
		}
	}
	for len(s.people) < 4000 {
		s.people = append(s.people, capital(word(2))+" "+capital(word(3)))
	}
	for len(s.places) < 1500 {
		s.places = append(s.places, capital(word(3)))
	}
	return s
}

func capital(w string) string { return strings.ToUpper(w[:1]) + w[1:] }

func (s *synth) event(k int) synthEvent {
	if e, ok := s.events[k]; ok {
		return e
	}
	r := rand.New(rand.NewPCG(uint64(k), 11))
	e := synthEvent{place: s.places[r.IntN(len(s.places))],
		day: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, k/25)}
	for range 6 {
		e.topic = append(e.topic, s.words[r.IntN(len(s.words))])
	}
	for range 2 {
		e.people = append(e.people, s.people[r.IntN(len(s.people))])
	}
	s.events[k] = e
	if len(s.events) > 1000 {
		delete(s.events, k-1000)
	}
	return e
}

// next returns the next article: of one of the last few events begun.
func (s *synth) next() *news.Doc {
	i := s.n
	s.n++
	k := max(0, i/4-s.r.IntN(8))
	e := s.event(k)
	var text strings.Builder
	var ents []news.Mention
	mention := func(name string, kind news.EntityKind) {
		start := text.Len()
		text.WriteString(name)
		ents = append(ents, news.Mention{Span: news.Span{Start: start, End: text.Len()}, Kind: kind, Name: name})
	}
	var sents []news.Span
	for j := range 6 {
		start := text.Len()
		if j%2 == 0 {
			mention(e.people[j/2%2], news.Person)
			text.WriteString(" said in ")
			mention(e.place, news.Place)
		} else {
			text.WriteString("The")
		}
		for range 3 {
			text.WriteString(" " + e.topic[s.r.IntN(len(e.topic))])
		}
		for range 6 {
			text.WriteString(" " + s.words[s.r.IntN(len(s.words))])
		}
		text.WriteString(".")
		sents = append(sents, news.Span{Start: start, End: text.Len()})
		text.WriteString("\n")
	}
	title := capital(e.topic[0]) + " " + e.topic[1] + " in " + e.place
	pub := e.day.Add(time.Duration(s.r.IntN(36)) * time.Hour)
	return &news.Doc{
		Article:   &news.Article{ID: fmt.Sprintf("s%07d", i), Title: title, Text: text.String(), Published: pub},
		Sentences: sents, Entities: ents,
		Dates: []news.DateRef{{Type: news.DateDate, Value: e.day.Format("2006-01-02"), Precision: news.PrecDay, Resolved: true}},
	}
}

// filled holds a clusterer grown to a size, reused across the runs of one
// benchmark until the articles the runs add reach a tenth of that size.
type filled struct {
	c     *Clusterer
	g     *synth
	size  int
	added int
}

var fills = map[int]*filled{}

func fillTo(b *testing.B, n int) *filled {
	if f := fills[n]; f != nil && f.added < n/10 {
		return f
	}
	f := &filled{c: New(DefaultParams(), NewMemIndex()), g: newSynth(1), size: n}
	ctx := context.Background()
	for range n {
		if _, err := f.c.Add(ctx, f.g.next()); err != nil {
			b.Fatal(err)
		}
	}
	fills[n] = f
	return f
}

// BenchmarkAdd measures adding one article to a clusterer that holds 1k,
// 10k and 100k articles: the cost should stay nearly flat, since an
// article meets only the events its keys find, a bounded number of them.
// Run with a fixed count so that the sizes stay what they say:
//
//	go test -run - -bench BenchmarkAdd -benchtime 2000x ./internal/cluster
func BenchmarkAdd(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("indexed=%d", n), func(b *testing.B) {
			f := fillTo(b, n)
			docs := make([]*news.Doc, b.N)
			for i := range docs {
				docs[i] = f.g.next()
			}
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for _, d := range docs {
				if _, err := f.c.Add(ctx, d); err != nil {
					b.Fatal(err)
				}
			}
			cpu = cpuTime() - cpu
			b.StopTimer()
			f.added += b.N
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(len(f.c.st.Events)), "events")
		})
	}
}

// TestSynthClusters checks that the benchmark's stream makes events as it
// is generated, so that the benchmark measures real work.
func TestSynthClusters(t *testing.T) {
	g := newSynth(1)
	c := New(DefaultParams(), NewMemIndex())
	const n = 400
	for range n {
		if _, err := c.Add(context.Background(), g.next()); err != nil {
			t.Fatal(err)
		}
	}
	evs := c.Events()
	if len(evs) < n/8 || len(evs) > n/2 {
		t.Errorf("%d events for %d articles of about %d generated events", len(evs), n, n/4)
	}
}
