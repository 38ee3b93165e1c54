package timex

import "time"

// months maps month names and their usual abbreviations to the month.
var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
	"april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
	"august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
	"oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// verbMonths are month names that are also common words ("may", "march"):
// alone they count only with strong context.
var verbMonths = map[string]bool{"may": true, "march": true, "mar": true, "jan": true, "jun": true, "sep": true, "dec": true}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// partsOfDay are the TIMEX3 codes of parts of a day.
var partsOfDay = map[string]string{
	"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
	"overnight": "NI", "midday": "MI", "noon": "MI",
}

// numberWords are spelled-out counts.
var numberWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
	"dozen": 12, "couple": 2, "single": 1,
}

// vagueCounts stand for an unknown number of units (TIMEX3 "X").
var vagueCounts = map[string]bool{"several": true, "many": true, "few": true, "some": true, "numerous": true, "multiple": true}

// ordinals name the n-th of something (quarters, weeks of a month).
var ordinals = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4,
}

// unit is a calendar unit: its TIMEX3 letter, whether it counts clock time,
// and how many of the base letter it holds (a decade is ten years).
type unit struct {
	code  string
	clock bool
	times int
}

var units = map[string]unit{
	"second": {"S", true, 1}, "seconds": {"S", true, 1}, "sec": {"S", true, 1}, "secs": {"S", true, 1},
	"minute": {"M", true, 1}, "minutes": {"M", true, 1}, "min": {"M", true, 1}, "mins": {"M", true, 1},
	"hour": {"H", true, 1}, "hours": {"H", true, 1}, "hr": {"H", true, 1}, "hrs": {"H", true, 1},
	"day": {"D", false, 1}, "days": {"D", false, 1},
	"night": {"D", false, 1}, "nights": {"D", false, 1},
	"week": {"W", false, 1}, "weeks": {"W", false, 1},
	"fortnight": {"W", false, 2}, "fortnights": {"W", false, 2},
	"weekend": {"WE", false, 1}, "weekends": {"WE", false, 1},
	"month": {"M", false, 1}, "months": {"M", false, 1},
	"quarter": {"Q", false, 1}, "quarters": {"Q", false, 1},
	"year": {"Y", false, 1}, "years": {"Y", false, 1}, "yr": {"Y", false, 1}, "yrs": {"Y", false, 1},
	"decade": {"Y", false, 10}, "decades": {"Y", false, 10},
	"century": {"Y", false, 100}, "centuries": {"Y", false, 100},
	"millennium": {"Y", false, 1000},
}

// approxWords soften or bound a quantity and belong to the expression, as
// TimeBank marks them; "about", "over", "within", "only" stay outside.
var approxWords = map[string]bool{
	"nearly": true, "almost": true, "around": true, "roughly": true,
	"approximately": true, "some": true, "another": true,
}

// approxPairs are two-word bounds: "more than", "at least".
var approxPairs = map[[2]string]bool{
	{"more", "than"}: true, {"less", "than"}: true, {"fewer", "than"}: true,
	{"at", "least"}: true, {"at", "most"}: true, {"up", "to"}: true, {"as", "many"}: true,
	{"no", "more"}: true,
}

// timeZones may follow a clock time.
var timeZones = map[string]bool{
	"gmt": true, "utc": true, "bst": true, "cet": true, "cest": true, "est": true, "edt": true,
	"cst": true, "cdt": true, "mst": true, "mdt": true, "pst": true, "pdt": true, "et": true,
	"pt": true, "msk": true, "ist": true, "jst": true, "aest": true, "aedt": true,
}

// futureCues before an expression in the same clause point it forward in
// time ("will meet on Tuesday", "is scheduled for February 1").
var futureCues = map[string]bool{
	"will": true, "shall": true, "ll": true, "scheduled": true, "upcoming": true,
	"slated": true, "awaiting": true, "ahead": true, "tomorrow": true, "coming": true,
	"planned": true, "planning": true, "soon": true,
	"postponed": true,
}

// planCues look ahead only with their particle: "plans to", "expected to",
// "due for", "set to" (a plan is also a noun, a set a thing).
var planCues = map[string]bool{
	"plan": true, "plans": true, "planned": true, "planning": true, "expected": true,
	"expects": true, "expect": true, "due": true, "set": true, "going": true,
	"intends": true, "intend": true, "hopes": true, "hope": true, "aims": true,
}

// clauseBreaks stop the search for a future cue: what a speaker said on a
// weekday is dated by the saying, not by the tense of what was said.
var clauseBreaks = map[string]bool{
	"said": true, "says": true, "told": true, "announced": true, "added": true,
	"reported": true, "stated": true, "wrote": true, "predicted": true, "warned": true,
	"insisted": true, "claimed": true, "confirmed": true, "declared": true, "noted": true,
	"explained": true, "argued": true, "acknowledged": true, "promised": true, "vowed": true,
}

// yearFriends are words after which a bare four-digit number is a year.
var yearFriends = map[string]bool{
	"in": true, "since": true, "of": true, "by": true, "until": true, "till": true,
	"from": true, "to": true, "through": true, "before": true, "after": true,
	"during": true, "early": true, "late": true, "mid": true, "end": true,
	"fiscal": true, "and": true, "or": true, "between": true, "for": true,
	"circa": true, "around": true, "throughout": true, "spring": true, "summer": true,
	"autumn": true, "fall": true, "winter": true, "year": true, "the": true, "s": true,
	"christmas": true, "easter": true, "thanksgiving": true, "season": true,
}
