package gen

import (
	"fmt"
	"time"
)

// kind is a type of disaster with the words the news uses for it. Templates
// hold {placeholders} that an article's context fills (see fill).
type kind struct {
	key   string
	head  string   // headline noun: "flood", "earthquake"
	the   string   // "the floods"
	what  []string // what happened, with {place}
	cause []string // the paragraph on how it happened
	scene []string // what pictures showed
	wit   []string // witness words, each one wording of the same memory
	past  string   // a similar disaster, for history paragraphs
	trap  string   // "trapped", "missing" … the word for those not found
}

var kinds = []kind{
	{key: "flood", head: "floods", the: "the floods",
		what:  []string{"floodwaters swept through {place}", "flash floods tore through {place}", "the {river} river burst its banks and flooded {place}"},
		cause: []string{"The flooding followed {days} days of heavy rain, with {mm} millimetres falling in {hours} hours, according to the {org:weather}.", "The {org:weather} said {mm} millimetres of rain had fallen in {hours} hours, more than the area usually sees in a month."},
		scene: []string{"cars carried along streets and residents wading through waist-deep water", "rooftops poking out of brown water and boats moving between houses"},
		wit:   []string{"The water came up to the windows in minutes", "In a few minutes the water was at the windows", "It took minutes for the water to reach our windows"},
		past:  "floods", trap: "missing"},
	{key: "quake", head: "earthquake", the: "the earthquake",
		what:  []string{"a magnitude {mag} earthquake struck {place}", "a strong earthquake of magnitude {mag} shook {place}"},
		cause: []string{"The quake struck at a depth of {depth} kilometres, about {dist} kilometres from {town}, and was followed by {after} aftershocks, the {org:weather} said.", "The {org:weather} recorded {after} aftershocks after the main quake, which hit {dist} kilometres from {town} at a depth of {depth} kilometres."},
		scene: []string{"collapsed apartment blocks and rescuers digging through rubble with their hands", "cracked roads and families sleeping in the open for fear of aftershocks"},
		wit:   []string{"The whole building shook and then the ceiling came down", "Everything shook, and then the ceiling fell in", "First the shaking, then the ceiling was on top of us"},
		past:  "earthquake", trap: "trapped"},
	{key: "fire", head: "wildfire", the: "the wildfire",
		what:  []string{"a wildfire tore through forests near {place}", "a fast-moving wildfire swept into {place}"},
		cause: []string{"Strong winds and temperatures of up to {temp} degrees fanned the flames, which have burned more than {hectares} hectares, the {org:agency} said.", "The fire has burned more than {hectares} hectares, driven by winds and temperatures of up to {temp} degrees."},
		scene: []string{"columns of smoke over the hills and burnt-out cars along the main road", "hillsides glowing at night and residents fleeing with what they could carry"},
		wit:   []string{"The sky turned orange and we ran with nothing but our papers", "We ran with only our papers as the sky went orange", "When the sky went orange we took our papers and ran"},
		past:  "fires", trap: "missing"},
	{key: "ferry", head: "ferry disaster", the: "the ferry disaster",
		what:  []string{"a passenger ferry capsized off {place}", "a ferry carrying {passengers} passengers sank near {place}"},
		cause: []string{"The vessel was carrying {passengers} passengers and {crew} crew when it overturned in rough seas, the {org:agency} said.", "According to the {org:agency}, {passengers} passengers and {crew} crew were on board when the ferry overturned."},
		scene: []string{"coastguard boats searching the water under floodlights", "relatives waiting at the harbour for news"},
		wit:   []string{"The boat tipped over so fast there was no time to find a life jacket", "It tipped so fast that nobody had time to find a life jacket", "There was no time for life jackets, it went over so fast"},
		past:  "ferry sinking", trap: "missing"},
	{key: "mine", head: "mine collapse", the: "the mine collapse",
		what:  []string{"a tunnel collapsed at a coal mine near {place}", "an underground blast trapped miners at a pit near {place}"},
		cause: []string{"{miners} miners were underground when part of a tunnel gave way about {depthm} metres below the surface, the {org:agency} said.", "The collapse happened {depthm} metres below ground while {miners} miners were on shift, according to the {org:agency}."},
		scene: []string{"rescue teams in helmets queuing at the pit head", "families gathered at the mine gates late into the night"},
		wit:   []string{"We felt the ground jump under our feet", "The ground jumped under our feet", "It felt as if the ground jumped beneath us"},
		past:  "mining accident", trap: "trapped"},
	{key: "rail", head: "train crash", the: "the train crash",
		what:  []string{"two trains collided near {place}", "a passenger train derailed outside {place}"},
		cause: []string{"The train was travelling at about {speed} km/h when {cars} carriages left the tracks, the {org:agency} said.", "{cars} carriages came off the rails at a speed of about {speed} km/h, according to the {org:agency}."},
		scene: []string{"overturned carriages in a field and cranes lifting wreckage", "passengers climbing out of broken windows"},
		wit:   []string{"There was a bang and the carriage rolled over", "We heard a bang, then the carriage rolled", "After the bang the whole carriage turned over"},
		past:  "rail accident", trap: "missing"},
	{key: "storm", head: "storm", the: "the storm",
		what:  []string{"a storm with winds of up to {wind} km/h battered {place}", "a powerful storm lashed {place}"},
		cause: []string{"Winds of up to {wind} km/h brought down trees and power lines, leaving more than {outages} homes without electricity, the {org:weather} said.", "More than {outages} homes lost power as winds reached {wind} km/h, according to the {org:weather}."},
		scene: []string{"roofs torn off houses and trees lying across roads", "waves breaking over the sea wall and flooded basements"},
		wit:   []string{"The roof lifted off while we were hiding in the cellar", "We were in the cellar when the roof came off", "While we hid in the cellar the roof was torn away"},
		past:  "storm", trap: "missing"},
	{key: "blast", head: "explosion", the: "the explosion",
		what:  []string{"an explosion ripped through a chemical plant in {place}", "a blast at a fuel depot shook {place}"},
		cause: []string{"Residents within {km} kilometres were told to stay indoors and keep windows closed, the {org:agency} said.", "The {org:agency} told people living within {km} kilometres to keep their windows shut and stay inside."},
		scene: []string{"a black cloud over the town and shattered windows streets away", "fire crews spraying foam on burning tanks"},
		wit:   []string{"Every window in our street blew in", "The blast blew in every window in the street", "All the windows on our street were blown in"},
		past:  "industrial accident", trap: "missing"},
}

// tollPoint is what was known at one moment.
type tollPoint struct {
	at                       time.Time
	deaths, injured, missing int
}

// event is one thing that happened, with the facts every report of it
// draws on.
type event struct {
	index  int
	id     string
	kind   *kind
	where  place
	start  time.Time
	toll   []tollPoint // rising over the days after
	extra  int         // how many more dead the relief society counts
	facts  map[string]int
	people eventPeople
	// statements are which meanings each speaker conveys (see statements).
	official, second, witness int
}

type eventPeople struct {
	lead    *person // the official who speaks first
	other   *person // a second official
	witness *person
}

func newEvent(w *world, seed uint64, i int, start time.Time) *event {
	r := newRNG(seed, 0xe7, uint64(i))
	c := w.countries[r.intn(len(w.countries))]
	g := c.regions[r.intn(len(c.regions))]
	t := g.towns[r.intn(len(g.towns))]
	e := &event{index: i, id: fmt.Sprintf("e%07d", i), kind: &kinds[r.intn(len(kinds))], where: place{c, g, t}}
	// An event begins about every half hour, at any hour of the day, so
	// that the reports of neighbouring events overlap in time as they do
	// in a real news stream.
	e.start = start.Add(time.Duration(i)*30*time.Minute + time.Duration(r.intn(25))*time.Minute)
	d := r.between(2, 40)
	inj := r.between(d, 5*d+10)
	miss := r.between(0, 25)
	e.toll = append(e.toll, tollPoint{e.start.Add(time.Hour), d, inj, miss})
	for day := 1; day <= 3; day++ {
		grow := 0
		if r.chance(0.7) {
			grow = r.intn(d/2 + 3)
		}
		d += grow
		inj += r.intn(inj/5 + 2)
		miss = max(0, miss-grow-r.intn(3))
		e.toll = append(e.toll, tollPoint{e.start.Add(time.Duration(day)*24*time.Hour + time.Hour), d, inj, miss})
	}
	e.extra = r.between(1, 6)
	e.facts = map[string]int{
		"evacuated": r.between(2, 90) * 100, "homes": r.between(20, 900), "rescuers": r.between(8, 60) * 10,
		"vehicles": r.between(12, 140), "helis": r.between(2, 16), "shelters": r.between(3, 30), "soldiers": r.between(1, 12) * 100,
		"days": r.between(2, 6), "mm": r.between(80, 320), "hours": r.between(6, 48), "mag10": r.between(54, 78),
		"depth": r.between(5, 40), "dist": r.between(6, 60), "after": r.between(3, 90), "temp": r.between(36, 46),
		"hectares": r.between(5, 120) * 100, "passengers": r.between(60, 400), "crew": r.between(6, 30),
		"miners": r.between(12, 90), "depthm": r.between(3, 14) * 50, "speed": r.between(60, 160), "cars": r.between(2, 7),
		"wind": r.between(110, 190), "outages": r.between(10, 300) * 1000, "km": r.between(2, 10),
		"money": r.between(5, 400), "pct": r.between(40, 95), "schools": r.between(4, 60), "team": r.between(12, 80),
		"year": r.between(3, 30), "pastdeaths": r.between(5, 90), "stock": r.between(2, 9),
		"bridges": r.between(5, 80), "looters": r.between(2, 40),
	}
	e.people.lead = pick(r, g.governor, t.mayor, c.minister)
	e.people.other = pick(r, c.agency.speaker, c.relief.speaker, t.police)
	if e.people.other == e.people.lead {
		e.people.other = c.pmOffice
	}
	e.people.witness = invent(r)
	e.people.witness.age = r.between(19, 84)
	e.official, e.second, e.witness = r.intn(len(statements)), r.intn(len(statements)), r.intn(3)
	if e.second == e.official {
		e.second = (e.second + 1) % len(statements)
	}
	return e
}

// at returns what was known about the toll at t: the latest point not after
// it (the first point for earlier times).
func (e *event) at(t time.Time) tollPoint {
	p := e.toll[0]
	for _, q := range e.toll {
		if !q.at.After(t) {
			p = q
		}
	}
	return p
}
