// Package gen writes synthetic multi-outlet news of any size, the same for
// the same seed: invented events (floods, earthquakes, ferry disasters …)
// in invented countries, each reported by a wire agency and by several
// outlets — rewrites of the wire copy and reports of their own — with names
// spelled by each outlet's romanisation, death tolls that rise over the days,
// quotes worded differently, relative dates and page furniture. Every word
// comes from this package's own vocabulary and templates.
//
// Articles come as news.Article values (All) or as files that storyline
// reads: text with a manifest, HTML pages, RSS feeds and JSON lines (Write).
// Each article carries its ground truth (event, the wire story it rewrites),
// so benchmarks and tests of the cross-article stages can score against it.
package gen

import (
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"storyline/internal/news"
)

// Defaults and bounds of a Config.
const (
	DefaultTextBytes = 3000
	MaxTextBytes     = 1 << 20
	MaxArticles      = 100_000_000
)

// DefaultStart is the day the first event happens when Config.Start is zero:
// a Monday. (A date in the future would not do: HTML date extraction
// rejects dates after today as implausible.)
var DefaultStart = time.Date(2022, time.March, 7, 5, 0, 0, 0, time.UTC)

// Config says what to generate.
type Config struct {
	Seed     uint64
	Articles int // how many articles in all
	// TextBytes is the length an article's text grows to (about: paragraphs
	// are added until it is reached). 0 = DefaultTextBytes.
	TextBytes int
	// Start is when the first event happens; zero = DefaultStart. An event
	// begins about every half hour, so a million articles span about three
	// years from it.
	Start time.Time
}

// Item is one generated article with its ground truth.
type Item struct {
	// Article is the report as its outlet published it: Text is the body
	// (paragraphs separated by a blank line) without headline or furniture;
	// ID and Hash are set as storyline's intake would set them.
	Article news.Article
	Index   int    // position in the corpus, from 0
	Event   string // the event it reports
	Kind    string // flood, quake, fire, ferry, mine, rail, storm, blast
	Wire    bool   // the wire agency's story, which others rewrite
	// RewriteOf is the ID of the wire article this one rewrites; "" for a
	// report of the outlet's own.
	RewriteOf string
	Deaths    int // the toll the article reports (the number behind its wording)

	paras   []string
	plan    []para   // the paragraphs written, for rewrites to copy
	related []string // headlines for the page's "read more" furniture
	photo   string   // photo credit
	outlet  *outlet
}

// Copied is the article as text copied from its web page: section label,
// headline, byline and date lines, the body with page furniture between the
// paragraphs, and the footer. It is what the .txt files hold, for the
// cleaner to take apart.
func (it *Item) Copied() string { return copied(it) }

// Generator makes a corpus. It is not safe for concurrent use; make one per
// goroutine (two with the same Config make the same articles).
type Generator struct {
	cfg Config
	w   *world
}

// New checks cfg and builds the world of its seed.
func New(cfg Config) (*Generator, error) {
	if cfg.Articles < 0 || cfg.Articles > MaxArticles {
		return nil, fmt.Errorf("generate %d articles: %w: want 0 to %d", cfg.Articles, news.ErrInvalid, MaxArticles)
	}
	if cfg.TextBytes == 0 {
		cfg.TextBytes = DefaultTextBytes
	}
	if cfg.TextBytes < 0 || cfg.TextBytes > MaxTextBytes {
		return nil, fmt.Errorf("generate articles of %d bytes: %w: want 1 to %d", cfg.TextBytes, news.ErrInvalid, MaxTextBytes)
	}
	if cfg.Start.IsZero() {
		cfg.Start = DefaultStart
	}
	cfg.Start = cfg.Start.UTC()
	return &Generator{cfg: cfg, w: buildWorld(cfg.Seed, 12)}, nil
}

// All yields the corpus's articles in order: event by event, each event's
// wire story first, then the others by publication time. Items are made as
// they are asked for, so a corpus of any size takes little memory.
func (g *Generator) All() iter.Seq[*Item] {
	return func(yield func(*Item) bool) {
		n := 0
		for e := 0; n < g.cfg.Articles; e++ {
			for _, it := range g.eventItems(e) {
				if n == g.cfg.Articles {
					return
				}
				it.Index = n
				n++
				if !yield(it) {
					return
				}
			}
		}
	}
}

// Articles makes a whole corpus in memory.
func Articles(cfg Config) ([]*Item, error) {
	g, err := New(cfg)
	if err != nil {
		return nil, err
	}
	out := make([]*Item, 0, cfg.Articles)
	for it := range g.All() {
		out = append(out, it)
	}
	return out, nil
}

// eventItems writes every report of event i.
func (g *Generator) eventItems(i int) []*Item {
	e := newEvent(g.w, g.cfg.Seed, i, g.cfg.Start)
	r := newRNG(g.cfg.Seed, 0xa7, uint64(i))
	n := r.between(3, 9)
	wire := g.w.outlets[i%len(wires)]
	wirePub := e.start.Add(time.Duration(r.between(40, 180)) * time.Minute)
	wireBound := r.intn(4)
	first := g.write(e, wire, wire.scheme, wirePub, e.at(wirePub), wireBound, g.plan(r.fork(1), e), r.fork(2))
	first.Wire = true
	items := []*Item{first}

	others := g.w.outlets[len(wires):]
	order := make([]int, len(others))
	for k := range order {
		order[k] = k
	}
	for k := len(order) - 1; k > 0; k-- { // Fisher–Yates, our own stream
		j := r.intn(k + 1)
		order[k], order[j] = order[j], order[k]
	}
	for j := 1; j < n; j++ {
		o := others[order[(j-1)%len(order)]]
		var it *Item
		if r.chance(0.45) {
			pub := wirePub.Add(time.Duration(r.between(20, 600)) * time.Minute)
			ps := rewrite(r.fork(3), first.plan)
			// A rewrite that came out shorter is padded with context of
			// its own, as outlets do.
			for _, p := range g.plan(r.fork(7), e) {
				if p.kind >= pFiller && !slices.Contains(ps, p) {
					ps = append(ps, p)
				}
			}
			// Half the outlets respell the wire's names in their house
			// style; the others keep the wire's spellings.
			scheme := o.scheme
			if r.chance(0.5) {
				scheme = wire.scheme
			}
			it = g.write(e, o, scheme, pub, first.snapshot(e), wireBound, ps, r.fork(4))
			it.RewriteOf = first.Article.ID
		} else {
			day := pick(r, 0, 0, 1, 1, 2, 3)
			pub := e.start.Add(time.Duration(day*24+r.between(2, 20))*time.Hour + time.Duration(r.intn(60))*time.Minute)
			if !pub.After(wirePub) {
				pub = wirePub.Add(time.Duration(r.between(30, 240)) * time.Minute)
			}
			// An outlet may go by a toll a few hours old.
			lag := time.Duration(r.intn(3)) * time.Hour
			it = g.write(e, o, o.scheme, pub, e.at(pub.Add(-lag)), r.intn(4), g.plan(r.fork(5), e), r.fork(6))
		}
		items = append(items, it)
	}
	slices.SortStableFunc(items[1:], func(a, b *Item) int { return a.Article.Published.Compare(b.Article.Published) })
	return items
}

// snapshot is the toll the wire story reported, which its rewrites repeat.
func (it *Item) snapshot(e *event) tollPoint { return e.at(it.Article.Published) }

// plan lays out an independent report: the core paragraphs in a usual
// order, some optional, then filler paragraphs in an order of its own.
func (g *Generator) plan(r *rng, e *event) []para {
	ps := []para{{kind: pLede, seed: r.next()}, {kind: pCause, seed: r.next()}, {kind: pQuote1, seed: r.next()}, {kind: pFigures, seed: r.next()}}
	opt := []int{pQuote2, pWitness, pResponse, pUpdate, pDiffer, pHistory, pFuture}
	for _, k := range opt {
		if k == pDiffer && !r.chance(0.5) || k == pHistory && !r.chance(0.6) {
			continue
		}
		ps = append(ps, para{kind: k, seed: r.next()})
	}
	// Enough fillers for any TextBytes: write stops once the text is long
	// enough, and goes through the sentences again for very long texts.
	rounds := g.cfg.TextBytes/(len(fillers)*110) + 1
	perm := make([]int, len(fillers))
	for range rounds {
		for k := range perm {
			perm[k] = k
		}
		for k := len(perm) - 1; k > 0; k-- {
			j := r.intn(k + 1)
			perm[k], perm[j] = perm[j], perm[k]
		}
		for k := 0; k < len(perm); {
			p := para{kind: pFiller, seed: r.next(), s: [3]int8{-1, -1, -1}}
			for m := range r.between(2, 3) {
				if k < len(perm) {
					p.s[m] = int8(perm[k])
					k++
				}
			}
			ps = append(ps, p)
		}
	}
	return ps
}

// rewrite is what an outlet does to wire copy: keeps most paragraphs and
// their wording, rewords a few, drops one, swaps two, and credits the wire.
func rewrite(r *rng, wire []para) []para {
	ps := slices.Clone(wire)
	for range r.between(1, 3) {
		k := r.between(1, len(ps)-1)
		ps[k].seed = r.next()
	}
	if len(ps) > 6 && r.chance(0.6) {
		k := r.between(4, len(ps)-1)
		ps = slices.Delete(ps, k, k+1)
	}
	if len(ps) > 6 && r.chance(0.4) {
		k := r.between(3, len(ps)-2)
		ps[k], ps[k+1] = ps[k+1], ps[k]
	}
	if r.chance(0.6) {
		ps = append(ps, para{kind: pCredit, seed: r.next()})
	}
	return ps
}

// isCore says whether a paragraph is written whatever the length.
func isCore(p para) bool { return p.kind < pFiller }

// write renders one article from its plan, stopping once the text reaches
// the configured length. The paragraphs actually used become the item's
// plan, for rewrites to copy.
func (g *Generator) write(e *event, o *outlet, scheme uint8, pub time.Time, snap tollPoint, bound int, plan []para, r *rng) *Item {
	w := newWriter(g.w, e, o, pub, snap, bound)
	w.scheme = scheme
	title := w.headline(r.fork(7))
	var paras []string
	size := 0
	var used []para
	var credits []para
	for _, p := range plan {
		if p.kind == pCredit {
			credits = append(credits, p) // a credit line ends the story
			continue
		}
		if p.kind == pUpdate && !snap.at.After(e.toll[0].at) {
			continue // nothing has changed yet
		}
		if size >= g.cfg.TextBytes && !isCore(p) {
			continue
		}
		s := w.render(p)
		paras = append(paras, s)
		used = append(used, p)
		size += len(s) + 2
	}
	for _, p := range credits {
		paras = append(paras, w.render(p))
		used = append(used, p)
	}
	text := strings.Join(paras, "\n\n")
	// An outlet reports an event once, so site and event make the URL unique.
	url := "https://" + o.site + "/" + slug(o.section) + "/" + pub.Format("2006/01/02") + "/" + urlSlug(title) + "-" + e.id[1:]
	a := news.Article{
		Source: url, URL: url, Site: o.site, Outlet: o.name, Byline: o.bylines[r.intn(len(o.bylines))],
		Title: title, Published: pub, Language: "en", Format: "text", Text: text,
	}
	a.Hash = news.ContentHash(text)
	a.ID = news.ArticleID(url, a.Hash)
	it := &Item{Article: a, Event: e.id, Kind: e.kind.key, Deaths: snap.deaths, paras: paras, outlet: o, plan: used}
	it.related = relatedHeadlines(r.fork(8), g.w, o)
	it.photo = invent(r).full(o.scheme) + "/" + pick(r, wires...)
	return it
}

func urlSlug(s string) string {
	var sb strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			sb.WriteRune(c)
			dash = false
		} else if !dash && sb.Len() > 0 {
			sb.WriteByte('-')
			dash = true
		}
		if sb.Len() > 60 {
			break
		}
	}
	return strings.TrimSuffix(sb.String(), "-")
}
