package gen

import "strings"

// Paragraph kinds, in the order a report usually gives them.
const (
	pLede = iota
	pCause
	pQuote1
	pFigures
	pQuote2
	pWitness
	pResponse
	pDiffer
	pUpdate
	pHistory
	pFuture
	pCredit
	pFiller // context: two or three filler sentences
)

// para is one paragraph of a plan: what it says and the seed of its
// wording. A rewrite copies the wire's plan, so it keeps the wire's
// wording except where it draws a new seed.
type para struct {
	kind int
	seed uint64
	s    [3]int8 // for pFiller: the filler sentences, -1 for none
}

var ledes = []string{
	"{deaths} people were killed and {injured} injured when {what} {when}, {source} said.",
	"{what} {when}, killing {deaths} people and injuring {injured}, according to {source}.",
	"{what} {when}, leaving {deaths} people dead{missing_clause}, {source} said.",
}

// updateLede is used by reports that come after the first toll.
const updateLede = "The death toll from {the} in {town} has risen to {deaths}, {source} said {reported}{missing_clause}."

var figureParas = []string{
	"More than {evac_lo} people have been evacuated and {homes} homes damaged, the {org:agency} said.",
	"The {org:agency} said {evac} people had been moved to safety and {homes} homes were damaged.",
	"About {evac_lo} residents left their homes {when}, and officials said {homes} houses would need to be rebuilt.",
}

var responseParas = []string{
	"The {org:agency} sent {rescuers} rescue workers, {vehicles} vehicles and {helis} helicopters to the area, and the army deployed {soldiers} soldiers.",
	"{soldiers} soldiers joined {rescuers} rescue workers in {town} {reported}, backed by {helis} helicopters, the {org:agency} said.",
	"{P:minister} said {soldiers} troops and {helis} helicopters had been sent to help the {rescuers} emergency workers already in {town}.",
}

var differParas = []string{
	"The {org:relief} put the number of dead at {relief_deaths}, higher than the official count.",
	"Figures from the {org:relief} were higher: it said {relief_deaths} people had died.",
}

var updateParas = []string{
	"The toll rose from {first_deaths} {first_day} to {deaths_exact} as rescuers recovered more bodies.",
	"Officials had given a toll of {first_deaths} {first_day}; the {org:agency} said {reported} that {deaths_exact} people were now confirmed dead.",
}

var historyParas = []string{
	"It was the deadliest {past} in the {region} {rkind} since {pastyear}, when {pastdeaths} people died.",
	"In {pastyear}, {pastdeaths} people were killed in a {past} in the same {rkind}, and officials promised better warning systems.",
}

var futureParas = []string{
	"The government declared a day of national mourning for {future_bare}.",
	"{P:minister} said an inquiry would report {future_month}.",
	"Schools in {town} will stay closed until {future_bare}, the education office said.",
	"The {org:weather} warned of more bad weather {future_week}.",
}

var creditParas = []string{
	"{wire} contributed to this report.",
	"With reporting by {wire}.",
	"This article includes reporting from {wire}.",
}

// fillers give a report its length: context every outlet may add, two or
// three sentences to a paragraph.
var fillers = []string{
	"{town}, a {size} of about {pop} people on the {river} river, lies some {dist} kilometres from the {adj} capital.",
	"Roads into {town} remained closed {reported}, and {schools} schools in the {region} {rkind} were shut until further notice.",
	"Volunteers set up {shelters} temporary shelters in schools and sports halls, where families spent the night on camp beds.",
	"Opposition politicians criticised the government's response, saying warnings had come too late for many residents of {town}.",
	"The {org:relief} appealed for blankets, drinking water and medicine, saying supplies in the area would last only {stock} days.",
	"Power was back in about {pct}% of homes by {pubweekday} evening, the regional grid operator said.",
	"Neighbouring countries offered help, and a team of {team} specialists from {country2} was expected to arrive {future_day}.",
	"Insurers estimated the damage at {money}, though officials said the final figure could be far higher.",
	"{P:governor} said the {rkind} would ask the national government for emergency funds to repair roads and bridges.",
	"Local television showed {scene}.",
	"{P:mayor} said the town hall had opened a hotline for relatives and asked people not to travel to {town} unless they had to.",
	"Hospitals in {town} and nearby {town2} said they were treating {injured} people, {serious} of them in a serious condition.",
	"Residents who returned {reported} found streets covered in debris and mud, and many said they had received no warning.",
	"Leaders of neighbouring states sent messages of condolence, and the {org:relief} said it had received offers of help from abroad.",
	"The {org:agency} said it was too early to say what had caused {the}, and that investigators would begin work once the rescue was over.",
	"Trains between {town} and the capital were suspended, and the main airport in the {region} {rkind} closed for {hours} hours.",
	"{P:police} said officers had closed the streets around the worst-hit area and were helping families look for relatives.",
	"Church bells rang in {town2} {reported} in memory of the victims, and hundreds of people laid flowers outside the town hall of {town}.",
	"Many of the older buildings in {town} date from the nineteenth century and were not built to modern standards.",
	"Mobile phone networks were down across much of the {region} {rkind} for several hours, making it hard for families to reach relatives.",
	"The {org:agency} set up a crisis centre in the sports stadium of {town}, where it briefed journalists twice a day.",
	"Shops in the centre of {town} stayed shut, and queues formed outside the few bakeries that opened.",
	"The local football club offered its ground as a collection point for donations of food and clothes.",
	"Farmers in the surrounding villages said they had lost livestock and that their fields would take months to recover.",
	"Engineers were checking {bridges} bridges and dams in the area for damage, the transport ministry said.",
	"Aid workers said the greatest need was for clean water, as the pumping station of {town} had stopped working.",
	"Blood donors queued outside the main hospital in {town} after an appeal on local radio.",
	"{P:minister} cut short a visit abroad and was expected in {town} {future_day}.",
	"The {adj} parliament held a minute's silence for the victims at the start of its session.",
	"Several families said they were still waiting for news of relatives who had been in the worst-hit streets.",
	"Officials urged residents to boil drinking water and not to cook with tap water until tests were complete.",
	"Local radio stations stayed on air through the night, reading out the names of people looking for relatives.",
	"Rescuers used dogs and thermal cameras to search for survivors, working in shifts through the night.",
	"The national rail operator laid on extra trains to carry people out of the area and offered free tickets to those who had lost their homes.",
	"Students from the university in {town2} travelled to {town} to help clear debris from the streets.",
	"Religious leaders in the {rkind} called for calm and asked people to help their neighbours.",
	"Police said {looters} people had been arrested for looting empty shops and homes.",
	"Prices of bread, fuel and bottled water rose sharply in the days after {the}, residents said.",
}

// render writes one paragraph.
func (w *writer) render(p para) string {
	w.r = newRNG(p.seed)
	e := w.e
	switch p.kind {
	case pLede:
		if w.snap.at.After(e.toll[0].at) && w.r.chance(0.6) {
			return w.para(updateLede)
		}
		return w.para(pick(w.r, ledes...))
	case pCause:
		return w.para(pick(w.r, e.kind.cause...))
	case pQuote1:
		return w.quote1()
	case pFigures:
		return w.para(pick(w.r, figureParas...))
	case pQuote2:
		return w.quote2()
	case pWitness:
		return w.witness()
	case pResponse:
		return w.para(pick(w.r, responseParas...))
	case pDiffer:
		return w.para(pick(w.r, differParas...))
	case pUpdate:
		return w.para(pick(w.r, updateParas...))
	case pHistory:
		return w.para(pick(w.r, historyParas...))
	case pFuture:
		return w.para(pick(w.r, futureParas...))
	case pCredit:
		return w.para(pick(w.r, creditParas...))
	}
	var sents []string
	for _, k := range p.s {
		if k >= 0 {
			sents = append(sents, w.para(fillers[int(k)%len(fillers)]))
		}
	}
	return strings.Join(sents, " ")
}

// quote1 is the lead official's direct quote, in one of four shapes.
func (w *writer) quote1() string {
	s := statements[w.e.official]
	q := w.fill(s.direct[w.r.intn(3)])
	switch w.r.intn(4) {
	case 0:
		return sentenceCase(`"` + q + `," ` + w.mention(w.e.people.lead) + " said " + w.value("reported") + ".")
	case 1:
		return sentenceCase(`"` + q + `," said ` + w.mention(w.e.people.lead) + ".")
	case 2:
		return sentenceCase(w.mention(w.e.people.lead) + " told " + w.value("outlet_or_reporters") + `: "` + q + `."`)
	}
	add := addOns[w.r.intn(len(addOns))][w.r.intn(3)]
	return sentenceCase(`"` + q + `," ` + w.mention(w.e.people.lead) + ` said. "` + add + `."`)
}

// quote2 is the second official: reported speech, a partial quote or a
// direct one.
func (w *writer) quote2() string {
	s := statements[w.e.second]
	p := w.e.people.other
	switch w.r.intn(4) {
	case 0:
		return sentenceCase(w.mention(p) + " said that " + w.fill(s.indirect) + ".")
	case 1:
		return sentenceCase("According to " + w.mention(p) + ", " + w.fill(s.indirect) + ".")
	case 2:
		return sentenceCase(strings.Replace(w.fill(s.partial), "{P}", w.mention(p), 1))
	}
	return sentenceCase(`"` + w.fill(s.direct[w.r.intn(3)]) + `," ` + w.mention(p) + " said.")
}

func (w *writer) witness() string {
	p := w.e.people.witness
	words := w.e.kind.wit[w.r.intn(len(w.e.kind.wit))]
	age := num(p.age)
	switch w.r.intn(3) {
	case 0:
		return sentenceCase(`"` + words + `," said ` + w.mention(p) + ", " + age + ", who lives " + w.value("near") + ".")
	case 1:
		return sentenceCase(w.mention(p) + ", " + age + `, said: "` + words + `."`)
	}
	return sentenceCase(`"` + words + `," ` + w.mention(p) + " told " + w.value("outlet_or_reporters") + ".")
}

// headlines for a report; the {deaths} in them use digits, as headlines do.
var headlines = []string{
	"{deaths} dead as {head} hits {town}",
	"{head} in {town} kills {deaths}",
	"{adj} {head} leaves {deaths} dead",
	"Rescuers search for survivors after {head} in {town}",
	"{town} {head}: death toll rises to {deaths}",
}

func (w *writer) headline(r *rng) string {
	w.r = r
	w.digits = true
	defer func() { w.digits = false }()
	n := 4
	if w.snap.at.After(w.e.toll[0].at) {
		n = 5
	}
	return headlineCase(w.fill(headlines[r.intn(n)]))
}

func headlineCase(s string) string { return capitalise(s) }
