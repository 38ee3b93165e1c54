package gen

import (
	"fmt"
	"strings"
)

// The world of one seed: invented countries with their regions, towns,
// office holders and organisations, and the outlets that report on them.
// It is small and built once; events draw on it, so the same ministers and
// agencies recur across many events, as they do in real news.
type world struct {
	countries []*country
	outlets   []*outlet
}

type country struct {
	name      name
	adjective name // Valdoria → Valdorian
	regions   []*region
	minister  *person // interior minister: speaks for the government
	pmOffice  *person // government spokesperson
	relief    *org    // national relief society
	weather   *org    // national weather office
	agency    *org    // emergency agency
}

type region struct {
	name     name
	kind     string // province, region, county
	governor *person
	towns    []*town
}

type town struct {
	name       name
	river      name
	population int
	mayor      *person
	police     *person // police spokesperson
}

type org struct {
	name    string // as written; organisations keep one spelling
	acronym string // "" when it has none
	speaker *person
}

func buildWorld(seed uint64, countries int) *world {
	r := newRNG(seed, 0x77)
	w := &world{}
	for i := range countries {
		w.countries = append(w.countries, buildCountry(r.fork(uint64(i))))
	}
	w.outlets = buildOutlets(r.fork(0x0a))
	return w
}

func buildCountry(r *rng) *country {
	c := &country{name: inventName(r, r.between(2, 3), false)}
	c.name = append(c.name, pick(r, part{"ia", "ia"}, part{"a", "a"}, part{"and", "and"}, part{"ova", "ova"}))
	c.adjective = adjective(c.name)
	for i := range r.between(3, 5) {
		c.regions = append(c.regions, buildRegion(r.fork(uint64(i))))
	}
	adj := c.adjective.spell(0)
	c.minister = invent(r)
	c.minister.role = "Interior Minister"
	c.pmOffice = invent(r)
	c.pmOffice.role = "government spokesperson"
	c.relief = &org{name: adj + " " + pick(r, "Red Lantern Society", "Relief Federation", "Humanitarian League", "Aid Corps")}
	c.relief.acronym = acronym(c.relief.name)
	c.relief.speaker = invent(r)
	c.relief.speaker.role = "spokesperson"
	c.weather = &org{name: "National " + pick(r, "Weather Office", "Meteorological Service", "Hydrometeorological Centre")}
	c.weather.speaker = invent(r)
	c.weather.speaker.role = "forecaster"
	c.agency = &org{name: pick(r, "Ministry of Emergency Affairs", "Civil Protection Agency", "State Rescue Service", "Disaster Response Authority")}
	c.agency.acronym = acronym(c.agency.name)
	c.agency.speaker = invent(r)
	c.agency.speaker.role = "spokesperson"
	return c
}

// adjective makes a demonym: Valdoria → Valdorian, Estmark → Estmarkish.
func adjective(n name) name {
	s := n.spell(0)
	out := append(name(nil), n...)
	switch {
	case strings.HasSuffix(s, "ia"), strings.HasSuffix(s, "ova"), strings.HasSuffix(s, "a"):
		out = append(out, part{"n", "n"})
	default:
		out = append(out, part{"ish", "ish"})
	}
	return out
}

func acronym(s string) string {
	var sb strings.Builder
	for _, w := range strings.Fields(s) {
		if w == "of" || w == "for" || w == "and" {
			continue
		}
		sb.WriteByte(w[0])
	}
	if sb.Len() < 3 {
		return ""
	}
	return sb.String()
}

func buildRegion(r *rng) *region {
	g := &region{name: inventName(r, r.between(2, 3), false), kind: pick(r, "province", "region", "county")}
	g.governor = invent(r)
	g.governor.role = pick(r, "regional governor", "provincial governor", "governor")
	for range r.between(6, 12) {
		t := &town{name: inventName(r, r.between(2, 3), r.chance(0.2)), river: inventName(r, 2, false)}
		t.population = r.between(8, 900) * 1000
		t.mayor = invent(r)
		t.mayor.role = "mayor"
		t.police = invent(r)
		t.police.role = "police spokesperson"
		g.towns = append(g.towns, t)
	}
	return g
}

// outlet is a publisher with a house style.
type outlet struct {
	name    string
	site    string
	wire    bool
	scheme  uint8 // how it romanises names
	words   bool  // spells out numbers under ten
	section string
	bylines []string
}

// Outlet names are put together from these words; sites are under .example,
// which RFC 2606 reserves, so no generated URL points at a real site.
var (
	outletFirst  = []string{"Harbour", "Northern", "Evening", "Morning", "Coastal", "Capital", "Valley", "Lakeside", "Frontier", "Old Town", "Meridian", "Granite", "Riverside", "Weekly", "Daily", "Central"}
	outletSecond = []string{"Courier", "Herald", "Gazette", "Chronicle", "Ledger", "Observer", "Post", "Bulletin", "Dispatch", "Tribune", "Record", "Sentinel", "Standard", "Review"}
	wires        = []string{"Continental Wire", "Meridian Press Agency", "Northgate News Service"}
)

func buildOutlets(r *rng) []*outlet {
	var out []*outlet
	for i, n := range wires {
		out = append(out, &outlet{name: n, site: slug(n) + ".example", wire: true, scheme: uint8(i) * 3 % 8, section: "World"})
	}
	seen := map[string]bool{}
	for len(out) < 24 {
		n := "The " + pick(r, outletFirst...) + " " + pick(r, outletSecond...)
		if seen[n] {
			continue
		}
		seen[n] = true
		out = append(out, &outlet{name: n, site: slug(strings.TrimPrefix(n, "The ")) + ".example",
			scheme: uint8(r.intn(8)), words: r.chance(0.5), section: pick(r, "World", "News", "International", "Europe", "Latest")})
	}
	for _, o := range out {
		for range 4 {
			p := invent(r)
			o.bylines = append(o.bylines, p.full(o.scheme))
		}
	}
	return out
}

func slug(s string) string {
	var sb strings.Builder
	for _, c := range strings.ToLower(s) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			sb.WriteRune(c)
		}
	}
	return sb.String()
}

// place is where an event happened.
type place struct {
	country *country
	region  *region
	town    *town
}

func (p place) String() string {
	return fmt.Sprintf("%s, %s", p.town.name.spell(0), p.country.name.spell(0))
}
