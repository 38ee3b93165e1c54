package figures

// The word lists below are general English, not taken from any article: the
// number words, the phrases that bound a number, the verbs and nouns that say
// what a count measures, and the words that end a noun phrase.

var smallNumbers = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tens = map[string]float64{
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

// scales multiply the number before them ("1.5 million", "two hundred").
var scales = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}

// suffixScales are written straight after digits ("$4.2bn", "£3m").
var suffixScales = map[string]float64{
	"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}

// vague amounts give a range and no value; the widths are documented in the
// gold README: the plural of a scale means at least two of it and fewer than
// ten times it.
var vague = map[string][2]float64{
	"dozens":    {24, 99},
	"hundreds":  {200, 999},
	"thousands": {2000, 9999},
	"millions":  {2e6, 999999999},
	"billions":  {2e9, 999999999999},
}

// attachedUnits are units written onto the digits ("30km", "5kg"), and the
// unit a figure then counts.
var attachedUnits = map[string]string{
	"km": "km", "kg": "kg", "cm": "centimetres", "mm": "millimetres", "ft": "feet", "mph": "mph",
	"kmh": "km/h", "kph": "km/h", "lb": "pounds", "lbs": "pounds", "sqkm": "km2", "km2": "km2", "ha": "hectares",
}

// unitAliases spell one unit one way, so that figures in different styles
// line up: "kilometers", "kilometres" and "30km" all count km.
var unitAliases = map[string]string{
	"kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "meters": "metres",
	"liters": "litres", "centimeters": "centimetres", "millimeters": "millimetres", "tons": "tonnes",
	"kilograms": "kg", "kilos": "kg", "persons": "people", "folks": "people",
}

var currencies = map[string]string{"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"}

var currencyNouns = map[string]string{
	"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "yen": "JPY",
}

// bound is how a phrase before a number bounds it.
type bound uint8

const (
	exact   bound = iota
	atLeast       // at least N: min N
	above         // more than N: min N+1 for counts
	below         // fewer than N: max N-1 for counts
	upTo          // up to N: max N
	nearly        // nearly N: max N, min 0.9 N
	approx        // about N: N ± 10 %
)

// modifiers are the bounding phrases, longest first within each first word.
var modifiers = []struct {
	words []string
	b     bound
}{
	{[]string{"at", "least"}, atLeast},
	{[]string{"a", "minimum", "of"}, atLeast},
	{[]string{"no", "fewer", "than"}, atLeast},
	{[]string{"no", "less", "than"}, atLeast},
	{[]string{"no", "more", "than"}, upTo},
	{[]string{"not", "more", "than"}, upTo},
	{[]string{"at", "most"}, upTo},
	{[]string{"up", "to"}, upTo},
	{[]string{"as", "far", "as"}, upTo},
	{[]string{"within"}, upTo},
	{[]string{"as", "many", "as"}, upTo},
	{[]string{"as", "much", "as"}, upTo},
	{[]string{"a", "maximum", "of"}, upTo},
	{[]string{"well", "over"}, above},
	{[]string{"well", "above"}, above},
	{[]string{"just", "over"}, above},
	{[]string{"just", "above"}, above},
	{[]string{"more", "than"}, above},
	{[]string{"in", "excess", "of"}, above},
	{[]string{"upwards", "of"}, above},
	{[]string{"over"}, above},
	{[]string{"fewer", "than"}, below},
	{[]string{"less", "than"}, below},
	{[]string{"just", "under"}, below},
	{[]string{"just", "below"}, below},
	{[]string{"under"}, below},
	{[]string{"close", "to"}, nearly},
	{[]string{"nearly"}, nearly},
	{[]string{"almost"}, nearly},
	{[]string{"an", "estimated"}, approx},
	{[]string{"estimated"}, approx},
	{[]string{"about"}, approx},
	{[]string{"around"}, approx},
	{[]string{"some"}, approx},
	{[]string{"roughly"}, approx},
	{[]string{"approximately"}, approx},
	{[]string{"approx"}, approx},
	{[]string{"circa"}, approx},
}

// measures maps a word near a number to what the number measures.
var measures = map[string]string{
	"killed": "deaths", "kill": "deaths", "kills": "deaths", "killing": "deaths", "died": "deaths",
	"die": "deaths", "dies": "deaths", "dying": "deaths", "dead": "deaths", "death": "deaths",
	"deaths": "deaths", "fatalities": "deaths", "fatality": "deaths", "perished": "deaths", "lives": "deaths",
	"bodies":  "deaths",
	"wounded": "injured", "wounding": "injured", "injured": "injured", "injuring": "injured",
	"injuries": "injured", "injury": "injured", "hurt": "injured", "wounds": "injured",
	"missing": "missing", "unaccounted": "missing", "trapped": "missing", "buried": "missing",
	"arrested": "arrested", "arrest": "arrested", "arrests": "arrested", "arresting": "arrested",
	"detained": "arrested", "detaining": "arrested", "detention": "arrested", "jailed": "arrested",
	"custody":  "arrested",
	"launched": "launched", "launch": "launched", "launches": "launched", "launching": "launched",
	"fired": "launched", "firing": "launched",
	"intercepted": "intercepted", "intercepting": "intercepted", "interception": "intercepted",
	"downed":    "intercepted",
	"displaced": "displaced", "evacuated": "displaced", "evacuation": "displaced", "evacuate": "displaced",
	"fled": "displaced", "flee": "displaced", "fleeing": "displaced", "homeless": "displaced",
	"dismissed": "dismissed", "dismissal": "dismissed", "dismissals": "dismissed", "sacked": "dismissed",
	"sacking": "dismissed", "ousted": "dismissed",
	"crossed": "crossed", "crossing": "crossed", "cross": "crossed", "crosses": "crossed",
	"cap": "cap", "caps": "cap", "capped": "cap", "limit": "cap", "limits": "cap", "limited": "cap",
	"ceiling": "cap",
	"damage":  "damage", "damages": "damage",
}

// humanMeasures count people; a count of weapons cannot be one of them, and
// a number with no noun of its own that measures one counts people.
var humanMeasures = map[string]bool{
	"deaths": true, "injured": true, "missing": true, "arrested": true, "displaced": true, "dismissed": true,
}

// measureNouns are nouns that are themselves the measure: "9 deaths" counts
// people who died.
var measureNouns = map[string]bool{
	"deaths": true, "fatalities": true, "injuries": true, "arrests": true, "lives": true, "casualties": true,
}

// weapons are things that are launched or shot down; with no verb near, a
// count of them is taken to be a launch count, the usual sense in reports.
var weapons = map[string]bool{
	"missiles": true, "drones": true, "rockets": true, "shells": true, "bombs": true, "projectiles": true,
	"warheads": true, "munitions": true, "interceptors": true,
}

// roles are the people one can dismiss; "fired" with them is a dismissal.
var roles = map[string]bool{
	"ministers": true, "officials": true, "employees": true, "staff": true, "workers": true, "generals": true,
	"officers": true, "commanders": true, "executives": true, "managers": true, "aides": true, "judges": true,
	"prosecutors": true, "people": true, "teachers": true,
}

// durations are counted time: "two days", "a four-year conflict". They
// belong to the dates stage, not here.
var durations = map[string]bool{
	"second": true, "seconds": true, "minute": true, "minutes": true, "hour": true, "hours": true,
	"day": true, "days": true, "night": true, "nights": true, "week": true, "weeks": true,
	"fortnight": true, "fortnights": true, "month": true, "months": true, "year": true, "years": true,
	"decade": true, "decades": true, "century": true, "centuries": true, "weekend": true, "weekends": true,
	"yr": true, "yrs": true, "hrs": true, "mins": true,
	// decades: "the nineteen sixties"
	"twenties": true, "thirties": true, "forties": true, "fifties": true, "sixties": true, "seventies": true,
	"eighties": true, "nineties": true,
}

// sizes are units of measurement: a distance or a weight is never a count
// of the dead or of missiles.
var sizes = setOf(`metres meters miles kilometres kilometers km yards feet inches centimetres centimeters
millimetres tonnes tons kilograms kilos kg pounds litres liters gallons barrels acres hectares degrees
% USD GBP EUR JPY`)

var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true,
}

// clockWords after a number make it a time of day.
var clockWords = map[string]bool{
	"am": true, "pm": true, "a.m": true, "p.m": true, "gmt": true, "utc": true, "bst": true, "cet": true,
	"est": true, "edt": true, "pst": true, "o'clock": true, "hrs": true, "h": true,
}

// irregularPlurals count as plural nouns though they do not end in s.
var irregularPlurals = map[string]bool{
	"people": true, "police": true, "personnel": true, "staff": true, "aircraft": true, "cattle": true,
	"children": true, "men": true, "women": true, "livestock": true, "sheep": true, "fish": true,
	"troops": true, "feet": true, "teeth": true, "geese": true, "mice": true, "crew": true, "spacecraft": true, "civilians": true, "militia": true, "youth": true,
}

var pluralOf = map[string]string{
	"person": "people", "man": "men", "woman": "women", "child": "children", "policeman": "policemen",
	"policewoman": "policewomen", "foot": "feet", "tooth": "teeth", "mouse": "mice",
}

// stopWords end a noun phrase after a number: function words, common verbs
// and adverbs, so that "5 remain missing" has no noun and "22 missiles were"
// stops before "were".
var stopWords = setOf(`a an the and or but nor of in on at to for from by with into onto over under after
before during since until till than as that which who whom whose where when while because if though
although so yet about against among between through across per via near off out up down within without
is are was were be been being am have has had having do does did will would shall should can could may
might must ought remain remains remained stay stays stayed say says said tell told go goes went come
comes came get gets got take takes took live lives lived fell fall falls rose rise rises risen hit hits
run ran left leave need needs needed include includes included seem seems look looks make makes made
still now also more less fewer most least only just even already again later earlier overnight today
yesterday tomorrow each every all some any both either neither this these those there here it its
they them their he him his she her we us our you your i me my not no never ever too very such other
others another own same than then thus so mostly mainly nearly almost about around roughly some
apiece respectively altogether total ago old apart alone away back ahead abroad aboard onboard
vs versus behind beyond above below inside outside along toward towards upon amid despite like unlike
past plus minus`)

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	w := ""
	for _, r := range s + " " {
		if r == ' ' || r == '\n' || r == '\t' {
			if w != "" {
				m[w] = true
			}
			w = ""
			continue
		}
		w += string(r)
	}
	return m
}

// sVerbs end in s but are verbs or function words, never a counted noun.
var sVerbs = setOf(`is was has does goes says stays remains lives falls rises hits leaves needs includes
seems looks makes takes comes gets lies dies kills means plans wants stands sits shows tells asks gives
keeps runs turns calls works helps moves pays this thus always perhaps whereas besides unless less its
his hers theirs ours yours towards afterwards news series species`)

// nameExempt are capitalised words that may stand before a number without
// making it part of a name ("Some 40", "About 200", "In 2023").
var nameExempt = setOf(`about around some roughly nearly almost between over under only just another up
to by of in on at with from and but the a an all exactly precisely approximately estimated more less fewer
than least most as many much since after before during for while when where then so if although though
officially reportedly at well close no not those these their his her its our my your also some total
another further its there here later earlier then yesterday today overall altogether meanwhile
now still once finally`)
