package gen

import (
	"strconv"
	"strings"
	"time"
)

// writer renders one article's paragraphs: it knows the event, the outlet
// (its spelling scheme and number style), the publication time, the figures
// the article reports, and who has been named already (first mention in
// full with title, later by surname).
type writer struct {
	w     *world
	e     *event
	o     *outlet
	pub   time.Time
	snap  tollPoint // the toll the article reports
	bound int       // how it words the toll: 0 exact, 1 at least, 2 more than, 3 about
	r     *rng      // wording of the paragraph being written
	named map[*person]bool
	orgs  map[*org]bool
	// digits is set while writing a headline, which uses digits always.
	digits bool
	scheme uint8 // how names are spelled: the outlet's, or the wire's in a copy
}

func newWriter(w *world, e *event, o *outlet, pub time.Time, snap tollPoint, bound int) *writer {
	return &writer{w: w, e: e, o: o, pub: pub, snap: snap, bound: bound, named: map[*person]bool{}, orgs: map[*org]bool{}, scheme: o.scheme}
}

// para fills a paragraph's template and capitalises the starts of its
// sentences, since a placeholder may begin one.
func (w *writer) para(tmpl string) string { return sentenceCase(w.fill(tmpl)) }

// fill replaces every {key} in tmpl with w.value(key).
func (w *writer) fill(tmpl string) string {
	var sb strings.Builder // not shared: values fill templates of their own
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			sb.WriteString(tmpl)
			break
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			sb.WriteString(tmpl)
			break
		}
		sb.WriteString(tmpl[:i])
		sb.WriteString(w.value(tmpl[i+1 : i+j]))
		tmpl = tmpl[i+j+1:]
	}
	return sb.String()
}

// sentenceCase capitalises the first letter of the text and of every
// sentence after ". ", "? " or "! ", and of a quotation that opens one.
func sentenceCase(s string) string {
	b := []byte(s)
	up := true
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case up && c >= 'a' && c <= 'z':
			b[i] = c - 'a' + 'A'
			up = false
		case up && (c == '"' || c == ' '):
		case c == '.' || c == '?' || c == '!':
			up = i+1 < len(b) && b[i+1] == ' '
		default:
			up = false
		}
	}
	return string(b)
}

func (w *writer) value(key string) string {
	e, o, f := w.e, w.o, w.e.facts
	switch key {
	case "place":
		return w.fill(pick(w.r, "the town of {town} in the {region} {rkind}", "{town} in the {region} {rkind} of {country}", "the {adj} town of {town}", "{town}, in the {region} {rkind},"))
	case "town":
		return e.where.town.name.spell(w.scheme)
	case "town2":
		ts := e.where.region.towns
		return ts[(e.index+1)%len(ts)].name.spell(w.scheme)
	case "region":
		return e.where.region.name.spell(w.scheme)
	case "rkind":
		return e.where.region.kind
	case "country":
		return e.where.country.name.spell(w.scheme)
	case "country2":
		cs := w.w.countries
		return cs[(e.index+1+w.r.intn(len(cs)-1))%len(cs)].name.spell(w.scheme)
	case "adj":
		return e.where.country.adjective.spell(w.scheme)
	case "river":
		return e.where.town.river.spell(w.scheme)
	case "size":
		if e.where.town.population > 300000 {
			return "city"
		}
		return "town"
	case "pop":
		return num(e.where.town.population)
	case "what":
		return w.fill(pick(w.r, e.kind.what...))
	case "head":
		return e.kind.head
	case "the":
		return e.kind.the
	case "past":
		return e.kind.past
	case "trap":
		return e.kind.trap
	case "scene":
		return pick(w.r, e.kind.scene...)
	case "deaths":
		return w.count(w.snap.deaths, w.bound)
	case "deaths_exact":
		return w.n(w.snap.deaths)
	case "injured":
		return w.n(w.snap.injured)
	case "missing":
		return w.n(w.snap.missing)
	case "serious":
		return w.n(max(1, w.snap.injured/3))
	case "relief_deaths":
		return w.n(w.snap.deaths + e.extra)
	case "first_deaths":
		return w.n(e.toll[0].deaths)
	case "first_day":
		return dayPhrase(w.r, e.toll[0].at, w.pub)
	case "missing_clause":
		if w.snap.missing == 0 {
			return ""
		}
		return w.fill(pick(w.r, ", with {missing} people still {trap}", " and {missing} remain {trap}"))
	case "when":
		return dayPhrase(w.r, e.start, w.pub)
	case "reported":
		return "on " + w.pub.Weekday().String()
	case "pubweekday":
		return w.pub.Weekday().String()
	case "future_day":
		return futurePhrase(w.r, w.pub, 0)
	case "future_bare":
		return futurePhrase(w.r, w.pub, -1)
	case "future_week":
		return futurePhrase(w.r, w.pub, 1)
	case "future_month":
		return futurePhrase(w.r, w.pub, 2)
	case "pastyear":
		return strconv.Itoa(w.pub.Year() - f["year"])
	case "source":
		return w.fill(pick(w.r, "officials", "local authorities", "the {org:agency}", "emergency services"))
	case "mag":
		return strconv.Itoa(f["mag10"]/10) + "." + strconv.Itoa(f["mag10"]%10)
	case "money":
		return "$" + strconv.Itoa(f["money"]) + " million"
	case "evac":
		return num(f["evacuated"])
	case "evac_lo":
		return num(roundDown(f["evacuated"]))
	case "soldiers", "rescuers", "bridges", "looters", "vehicles", "helis", "shelters", "schools", "team", "stock", "pastdeaths", "homes",
		"days", "hours", "cars", "after", "km":
		return w.n(f[key])
	case "mm", "depth", "dist", "temp", "hectares", "passengers", "crew", "miners", "depthm", "speed", "wind", "outages", "pct":
		return num(f[key])
	case "near":
		return pick(w.r, "near the river", "in the old town", "on the main road", "by the station", "at the edge of town")
	case "outlet_or_reporters":
		if w.r.chance(0.5) {
			return "reporters"
		}
		return o.name
	case "wire":
		return wires[e.index%len(wires)]
	}
	if rest, ok := strings.CutPrefix(key, "org:"); ok {
		return w.org(rest)
	}
	if rest, ok := strings.CutPrefix(key, "P:"); ok {
		return w.mention(w.who(rest))
	}
	if rest, ok := strings.CutPrefix(key, "pron:"); ok {
		return w.who(rest).pronoun()
	}
	return "{" + key + "}"
}

func (w *writer) who(role string) *person {
	pl := w.e.where
	switch role {
	case "lead":
		return w.e.people.lead
	case "other":
		return w.e.people.other
	case "witness":
		return w.e.people.witness
	case "minister":
		return pl.country.minister
	case "governor":
		return pl.region.governor
	case "mayor":
		return pl.town.mayor
	case "police":
		return pl.town.police
	}
	return pl.country.pmOffice
}

// mention names p: in full with the title the first time, then by surname.
func (w *writer) mention(p *person) string {
	s := w.scheme
	if w.named[p] {
		return p.short(s)
	}
	w.named[p] = true
	if p.age > 0 {
		return p.full(s)
	}
	return w.title(p) + " " + p.full(s)
}

// title is the role written before a name: "Interior Minister", "Mayor",
// "Civil Protection Agency spokesperson".
func (w *writer) title(p *person) string {
	pl := w.e.where
	c := pl.country
	switch p {
	case c.relief.speaker:
		return c.relief.name + " spokesperson"
	case c.agency.speaker:
		return c.agency.name + " spokesperson"
	case c.weather.speaker:
		return c.weather.name + " forecaster"
	}
	switch p.role {
	case "mayor":
		return "Mayor"
	case "regional governor", "provincial governor", "governor":
		return "Governor"
	}
	return p.role
}

// org names an organisation: in full first, then by its acronym if it has
// one ("the CPA").
func (w *writer) org(which string) string {
	c := w.e.where.country
	o := c.agency
	switch which {
	case "weather":
		o = c.weather
	case "relief":
		o = c.relief
	}
	if w.orgs[o] && o.acronym != "" {
		return o.acronym
	}
	w.orgs[o] = true
	return o.name
}

// n words a number in the outlet's style: small numbers in words for
// outlets that spell them out, except in headlines.
func (w *writer) n(n int) string {
	if w.o.words && !w.digits && n >= 0 && n < 10 {
		return smallWords[n]
	}
	return num(n)
}

var smallWords = [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// count words the toll n with a bound: the bound words stay true of n
// ("more than 40" for 47, "about 50" for 47, never "more than 47").
func (w *writer) count(n, bound int) string {
	switch {
	case bound == 1:
		return "at least " + w.n(n)
	case bound == 2 && n >= 20:
		return "more than " + num((n-1)/10*10)
	case bound == 3 && n >= 30:
		return "about " + num((n+5)/10*10)
	}
	return w.n(n)
}

// num writes n in digits with thousands separators.
func num(n int) string {
	s := strconv.Itoa(n)
	if n < 10000 && n > -10000 {
		if n >= 1000 {
			return s[:len(s)-3] + "," + s[len(s)-3:]
		}
		return s
	}
	var out []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	return string(out)
}

func roundDown(n int) int {
	if n >= 2000 {
		return (n - 1) / 1000 * 1000
	}
	return (n - 1) / 100 * 100
}

// dayPhrase words the day of t as seen from an article published at pub:
// "on Tuesday", "late on Monday", "yesterday", "on March 3".
func dayPhrase(r *rng, t, pub time.Time) string {
	days := int(dayOf(pub).Sub(dayOf(t)).Hours() / 24)
	wd := t.Weekday().String()
	part := "on " + wd
	switch h := t.Hour(); {
	case h < 6:
		part = "early on " + wd
	case h < 12:
		part = "on " + wd + " morning"
	case h < 18:
		part = "on " + wd + " afternoon"
	default:
		part = "late on " + wd
	}
	switch {
	case days == 0:
		return pick(r, "on "+wd, part, part)
	case days == 1:
		return pick(r, "on "+wd, part, "yesterday")
	case days < 7:
		return pick(r, "on "+wd, "on "+t.Month().String()+" "+strconv.Itoa(t.Day()))
	}
	return "on " + t.Month().String() + " " + strconv.Itoa(t.Day())
}

// futurePhrase words a coming day (scale 0; -1 without "on"), week (1) or
// month (2).
func futurePhrase(r *rng, pub time.Time, scale int) string {
	switch scale {
	case -1: // a bare day: "Thursday", "March 6"
		d := pub.AddDate(0, 0, r.between(2, 6))
		return pick(r, d.Weekday().String(), d.Month().String()+" "+strconv.Itoa(d.Day()))
	case 0:
		d := pub.AddDate(0, 0, r.between(2, 6))
		return pick(r, "on "+d.Weekday().String(), "next "+d.Weekday().String(), "on "+d.Month().String()+" "+strconv.Itoa(d.Day()))
	case 1:
		return pick(r, "next week", "over the coming days", "later this week")
	}
	return pick(r, "next month", "by the end of next month", "within three months")
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
