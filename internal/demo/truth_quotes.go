package demo

// Quote is something someone said, as one article reports it: directly, in
// quotation marks, or in reported speech ("said that …", "according to …").
type Quote struct {
	Article string
	// Text is the reported words verbatim, without the quotation marks and
	// without a closing full stop.
	Text   string
	Direct bool
	Cue    string // the verb or phrase as written: said, told, according to
	// SpeakerText is the speaker as written next to the quote ("he", "her
	// spokesman", "a senior official at the Interior Ministry"); "" when a
	// paragraph goes on with the previous paragraph's quote and names no one.
	SpeakerText string
	// Speaker is the identity's canonical name, or "" for a speaker the
	// corpus does not name.
	Speaker string
	// Utterance is shared by the reports of one utterance in several
	// articles, word for word or reworded: they are variants of one quote.
	Utterance string
	// Continues marks words that carry on the speaker's previous quote: the
	// next paragraph of a multi-paragraph quote, or a second quoted part
	// after the attribution.
	Continues bool
	// For is whom a speaker named only by role speaks for: the mayor for
	// "her spokesman".
	For string
	// Partial marks quoted words inside the writer's own sentence (called
	// it "a chain of small surrenders") rather than a whole quoted sentence.
	Partial bool
}

// partial marks a quote as a partial one.
func partial(q Quote) Quote {
	q.Partial = true
	return q
}

// q builds a quote; For is set by onBehalf where it applies.
func q(article, text string, direct bool, cue, speakerText, speaker, utterance string, continues bool) Quote {
	return Quote{Article: article, Text: text, Direct: direct, Cue: cue, SpeakerText: speakerText, Speaker: speaker, Utterance: utterance, Continues: continues}
}

// onBehalf sets whom a role speaker speaks for.
func onBehalf(q Quote, of string) Quote {
	q.For = of
	return q
}

const (
	sadovskiy = "Mirko Sadovskiy"
	zerd      = "Zarovian Emergency Response Directorate"
	dunavar   = "Dunavar Terminals"
	brask     = "Ilona Brask"
	arvid     = "Arvid Kessel"
	lena      = "Lena Kessel"
	orsha     = "Natalia Orsha"
)

// wireQuotes are the quotes of the wire report, which two outlets carry word
// for word.
func wireQuotes(a string) []Quote {
	return []Quote{
		q(a, "An explosion tore through a fuel and fertiliser terminal in the Zarovian port city of Kharzin late Monday, killing at least 12 people and injuring more than 200", false, "said", "the country's emergency directorate", zerd, "zerd-toll-12", false),
		q(a, "40 storage tanks stood at the site, which is run by Dunavar Terminals, and that crews were trying to keep the flames away from tanks that were still intact", false, "said", "The Zarovian Emergency Response Directorate (ZERD)", zerd, "zerd-tanks", false),
		q(a, "We will find out who allowed this to happen, and they will answer for it", true, "told", "Interior Minister Mirko Sadovskiy", sadovskiy, "sadovskiy-answer", false),
		partial(q(a, "the gravest industrial accident our country has known", true, "calling", "Interior Minister Mirko Sadovskiy", sadovskiy, "sadovskiy-gravest", false)),
		q(a, "the cause was not yet known and that investigators had sealed off the terminal's control building", false, "said", "Sadovskiy", sadovskiy, "sadovskiy-cause", false),
		q(a, "it was cooperating fully with investigators and that several of its own workers were among the dead", false, "said in a statement", "Dunavar Terminals", dunavar, "dunavar-statement", false),
		q(a, "about 50 fire engines and more than 400 rescuers were sent to the terminal overnight, some of them from the capital, Velgrad", false, "According to", "ZERD", zerd, "zerd-engines", false),
		q(a, "people in the eastern districts to keep their windows closed because of thick smoke from the burning tanks", false, "urged", "Kharzin's mayor, Ilona Brask", brask, "brask-windows", false),
		q(a, "Kharzin has lost sons and daughters tonight, and we will carry them with us", true, "said", "Brask", brask, "brask-lost", false),
	}
}

func quotes() []Quote {
	var qs []Quote
	qs = append(qs, wireQuotes(heraldBlast)...)
	qs = append(qs, wireQuotes(ledgerBlast)...)
	qs = append(qs, []Quote{
		// The rewrite: the wire's quotes reworded around, its own added after.
		q(coastlineBlast, "At least 12 people were killed and over 200 hurt when a blast ripped through a fuel and fertiliser depot in the port city of Kharzin late on Monday", false, "said", "Zarovia’s emergency service", zerd, "zerd-toll-12", false),
		q(coastlineBlast, "There were 40 storage tanks at the Dunavar Terminals site", false, "according to", "the emergency directorate", zerd, "zerd-tanks", false),
		partial(q(coastlineBlast, "the gravest industrial accident our country has known", true, "described the blast as", "Interior Minister Mirko Sadovskiy", sadovskiy, "sadovskiy-gravest", false)),
		q(coastlineBlast, "We will find out who allowed this to happen, and they will answer for it", true, "made a promise", "Interior Minister Mirko Sadovskiy", sadovskiy, "sadovskiy-answer", false),
		q(coastlineBlast, "Investigators have sealed the terminal’s control building", false, "said", "Sadovskiy", sadovskiy, "sadovskiy-cause", false),
		q(coastlineBlast, "the cause was still unclear and that negligence had not been ruled out", false, "adding", "Sadovskiy", sadovskiy, "sadovskiy-cause", true),
		q(coastlineBlast, "it was giving investigators its full cooperation and that some of its own employees had died", false, "said", "Dunavar Terminals", dunavar, "dunavar-statement", false),
		q(coastlineBlast, "Some 50 fire engines and over 400 rescue workers were sent to the depot during the night", false, "said", "the directorate", zerd, "zerd-engines", false),
		q(coastlineBlast, "people living in the eastern districts to keep their windows shut against the smoke", false, "told", "Mayor Ilona Brask", brask, "brask-windows", false),
		q(coastlineBlast, "Kharzin has lost sons and daughters tonight, and we will carry them with us", true, "said", "she", brask, "brask-lost", false),
		q(coastlineBlast, "the fire in the northern part of the site had been contained", false, "said", "Colonel Arvid Kessel", arvid, "", false),
		q(coastlineBlast, "The northern tanks are under control, but the southern section is still burning and we cannot send crews closer until more foam arrives", true, "said", "Kessel", arvid, "", false),
		q(coastlineBlast, "Our first job is the people who may still be under the warehouse roof. Everything else can wait. We will not stop until every one of them is found", true, "", "", arvid, "", true),
		q(coastlineBlast, "19 people were still missing", false, "said", "The directorate", zerd, "", false),
		q(coastlineBlast, "Nearly 300 homes were damaged by the blast wave", false, "said", "city officials", "", "", false),
		q(coastlineBlast, "the explosion threw her out of bed", false, "said", "Marta Olen", "Marta Olen", "", false),
		q(coastlineBlast, "I thought the sky itself had fallen in", true, "said", "she", "Marta Olen", "", false),
		q(coastlineBlast, "Then the windows came in on top of me", true, "", "", "Marta Olen", "", true),

		// The independent report.
		q(northgateBlast, "investigators were looking at whether a faulty valve on one of the terminal's 45 storage tanks had let fuel vapour build up around the site", false, "said", "Interior Minister Mirko Sadovsky", sadovskiy, "", false),
		q(northgateBlast, "We will establish who let this happen, and those people will be held to account", true, "told", "Minister Sadovsky", sadovskiy, "sadovskiy-answer", false),
		q(northgateBlast, "he would report to parliament within two weeks", false, "said", "He", sadovskiy, "", false),
		q(northgateBlast, "the terminal's fire-safety certificate had expired in January and had not been renewed", false, "said", "A senior official at the Interior Ministry", "", "", false),
		q(northgateBlast, "The inquiry will look at every document, and I will not get ahead of it", true, "said", "he", sadovskiy, "", false),
		q(northgateBlast, "nearly 300 homes had been damaged and roughly 5,000 people had left their homes for shelters run by the city", false, "said", "The Zarovian Emergency Response Directorate", zerd, "", false),
		q(northgateBlast, "they had treated 212 people, 38 of whom remained in a serious condition", false, "said", "The city's main hospitals", "", "", false),
		onBehalf(q(northgateBlast, "Mayor Ilona Brask spent the night at the city's crisis centre", false, "said", "her spokesman", "", "", false), brask),
		onBehalf(q(northgateBlast, "The mayor has asked every school in the eastern districts to stay closed until Thursday", true, "told", "her spokesman", "", "", false), brask),
		q(northgateBlast, "its chief executive, Pavel Lemsky, had returned early from a business trip abroad", false, "said", "Dunavar Terminals", dunavar, "", false),
		q(northgateBlast, "We asked and asked", true, "said", "Dana Petrik", "Dana Petrik", "", false),
		q(northgateBlast, "Nobody in Velgrad was listening", true, "", "", "Dana Petrik", "", true),

		q(todayToll15, "The death toll from the explosion at the Dunavar fuel terminal in Kharzin rose to 15 on Wednesday after rescuers reached the collapsed warehouse where night-shift workers had been sheltering", false, "said", "ZERD", zerd, "", false),
		q(todayToll15, "We found them together near the loading door. They had tried to get out", true, "told", "Colonel Arvid Kessel", arvid, "", false),
		q(todayToll15, "16 people were still unaccounted for", false, "said", "Kessel", arvid, "", false),
		q(todayToll15, "the work under the roof would go on through the night and could take two more days", false, "said", "He", arvid, "", false),
		q(todayToll15, "more than 600 rescuers were now working at the terminal, including specialist teams sent from Velgrad and from the northern provinces", false, "said", "ZERD", zerd, "", false),
		q(todayToll15, "Prosecutors have opened a criminal investigation into possible breaches of safety rules", false, "said", "his ministry", "Interior Ministry", "", false),
		q(todayToll15, "the government would pay 20,000 crowns to each family that had lost a relative, and would cover the cost of repairing homes damaged by the blast", false, "said", "Sadovskiy", sadovskiy, "", false),

		q(todayToll31, "The number of people killed in the explosion at Kharzin's Dunavar fuel terminal has risen to 31", false, "said", "ZERD", zerd, "", false),
		q(todayToll31, "Sixteen bodies were recovered from under the warehouse roof after Wednesday evening", false, "said", "Colonel Arvid Kessel", arvid, "", false),
		q(todayToll31, "At least 260 people were injured", false, "said", "the directorate", zerd, "", false),
		q(todayToll31, "41 of them remained in a serious condition", false, "said", "hospitals", "", "", false),
		q(todayToll31, "Every family now knows, and that is the only mercy in this", true, "told", "he", arvid, "", false),
		q(todayToll31, "the government would set up an independent inquiry led by a judge and had asked it to report within three weeks", false, "said", "Prime Minister Natalia Orsha", orsha, "", false),
		q(todayToll31, "I want the full truth, not a convenient one", true, "said", "Orsha", orsha, "", false),
		q(todayToll31, "the company would pay for the funerals of all its workers who died", false, "said", "Dunavar Terminals' chief executive Pavel Lemsky", "Pavel Lemsky", "", false),
		q(todayToll31, "22 of the dead were its employees or contractors", false, "According to", "the company", dunavar, "", false),
		q(todayToll31, "The city's main cemetery has set aside a plot near its chapel so that the dead from the terminal can be buried side by side", false, "said", "a council official", "", "", false),
		onBehalf(q(todayToll31, "he was preparing his report to parliament", false, "said", "His office", "", "", false), sadovskiy),

		// The decoy fire.
		q(todayMarket, "A fire tore through the covered Old Market in central Kharzin early on Saturday, destroying about 60 stalls and sending smoke across the river", false, "said", "the city fire brigade", "", "", false),
		q(todayMarket, "Four people were treated for smoke inhalation and later released", false, "said", "the brigade", "", "", false),
		q(todayMarket, "the blaze had started in the wiring of a fabric stall and spread along the canvas roofs between the rows", false, "said", "Captain Lena Kessel", lena, "", false),
		q(todayMarket, "It began at a single stall and the canvas carried it along the whole row in minutes", true, "said", "she", lena, "", false),
		q(todayMarket, "By the time the first engine arrived, half the hall was alight", true, "", "", lena, "", true),
		q(todayMarket, "The fire was not connected to Monday's explosion at the Dunavar terminal on the other side of the city", false, "said", "Captain Kessel", lena, "", false),
		q(todayMarket, "they had found no sign that the market fire had been started deliberately", false, "said", "Police", "", "", false),
		q(todayMarket, "Everything I had was in there", true, "said", "Jonas Ferro", "Jonas Ferro", "", false),
		q(todayMarket, "Insurance? For a market stall? Nobody can afford it", true, "", "", "Jonas Ferro", "", true),
		q(todayMarket, "stallholders would be offered space in a car park beside the river while the hall is repaired", false, "said", "The city council", "", "", false),
		q(todayMarket, "The market, built in 1894, will stay closed for at least a month while engineers check its iron roof", false, "said", "a council spokeswoman", "", "", false),

		q(coastlineMkt, "faulty wiring at a stall selling fabric was the most likely cause", false, "said", "The city fire brigade", "", "", false),
		q(coastlineMkt, "the canvas awnings that stallholders hang between the rows had let the flames spread", false, "said", "Captain Lena Kessel", lena, "", false),
		q(coastlineMkt, "Those awnings are like a fuse laid along the whole hall", true, "said", "she", lena, "", false),
		q(coastlineMkt, "I had my whole stock for the fair in there", true, "said", "Irena Vasko", "Irena Vasko", "", false),
		q(coastlineMkt, "I paid the weavers in January. Now I have the receipts and nothing else", true, "", "", "Irena Vasko", "", true),
		q(coastlineMkt, "the fires had nothing in common", false, "said", "Fire officials", "", "", false),

		// The aftermath.
		q(todayBrief, "The government hopes to raise about $3bn", false, "said", "a finance ministry official", "", "", false),

		q(ledgerInquiry, "The fuel terminal in Kharzin where 31 people died this month had not been fully inspected for more than two years, and its operating permit was renewed on Feb. 14, 2027, without an inspector setting foot on the site", false, "found", "a judge-led inquiry", "", "", false),
		partial(q(ledgerInquiry, "a chain of small surrenders", true, "said", "Judge Hanna Virta", "Hanna Virta", "virta-chain", false)),
		q(ledgerInquiry, "a valve on one of the southern tanks had been leaking for weeks before the blast and that staff had reported the leak at least four times", false, "found", "The report", "", "", false),
		q(ledgerInquiry, "Nobody wanted to be the one who closed the port", true, "said", "a senior official at the Interior Ministry", "", "", false),
		q(ledgerInquiry, "Every inspector knew what that terminal meant for the budget", true, "", "", "", "", true),
		partial(q(ledgerInquiry, "hard to read and impossible to dispute", true, "told parliament", "Minister Sadovskiy", sadovskiy, "sadovskiy-findings", false)),
		q(ledgerInquiry, "the number of state inspectors responsible for chemical and fuel sites would rise from 600 to 900 by the end of the year", false, "said", "Sadovskiy", sadovskiy, "", false),
		q(ledgerInquiry, "I asked to go, and the prime minister asked me to stay and fix it. I intend to do that", true, "said", "he", sadovskiy, "", false),
		q(ledgerInquiry, "the inspectorate had warned the ministry about the terminal as early as 2025", false, "According to", "Lukas Brenner", "Lukas Brenner", "", false),
		partial(q(ledgerInquiry, "in full", true, "said in a statement", "Dunavar Terminals", dunavar, "", false)),
		q(ledgerInquiry, "Of the terminal's 40 tanks, 11 were destroyed and nine were damaged", false, "said", "the report", "", "", false),

		partial(q(harbourWatch, "a chain of small surrenders", true, "described what happened as", "Judge Hanna Virta", "Hanna Virta", "virta-chain", false)),
		partial(q(harbourWatch, "difficult to read and impossible to argue with", true, "told deputies", "Minister Sadovsky", sadovskiy, "sadovskiy-findings", false)),
		q(harbourWatch, "that is a matter for prosecutors, who have charged nobody so far", false, "say", "Its authors", "", "", false),
		q(harbourWatch, "the families will ask the inquiry to publish the names of the officials who signed the permit", false, "According to", "a lawyer for several of the families, Elin Marsk", "Elin Marsk", "", false),
		q(harbourWatch, "the first terminal to move will be the one in Harzin, which is not being rebuilt", false, "has said", "Sadovsky", sadovskiy, "", false),
		q(harbourWatch, "We start where it hurt most", true, "told", "he", sadovskiy, "", false),
		partial(q(harbourWatch, "names, not recommendations", true, "said", "the families’ lawyer", "Elin Marsk", "", false)),

		q(heraldDonors, "Of the total, $1.2bn was offered as grants and the rest as low-interest loans", false, "said", "the finance ministry", "", "", false),
		q(heraldDonors, "Kharzin will be rebuilt, and it will be rebuilt safer than before", true, "told", "Prime Minister Natalia Orsha", orsha, "", false),
		q(heraldDonors, "We owe that to the people who went to work that night and did not come home", true, "", "", orsha, "", true),
		q(heraldDonors, "the new terminal would be built further from homes and that the old site on the northern shore of the estuary would become a park", false, "said", "Orsha", orsha, "", false),
		q(heraldDonors, "The pledges will cover about 60 percent of the cost of rebuilding the port", false, "according to", "the city council", "", "", false),
		q(heraldDonors, "the city would hold a memorial ceremony at the port next weekend", false, "said", "Mayor Ilona Brask", brask, "", false),
		q(heraldDonors, "We will read every name aloud", true, "said", "she", brask, "", false),
		q(heraldDonors, "Thirty-one names. It will take a long time, and it should", true, "", "", brask, "", true),
		q(heraldDonors, "They will not be rebuilt", false, "said", "Orsha", orsha, "", false),
		q(heraldDonors, "the money would be released in stages over five years and tied to independent safety audits", false, "said", "Ruth Amsel", "Ruth Amsel", "", false),
		q(heraldDonors, "Nobody here is writing a blank cheque", true, "said", "Amsel", "Ruth Amsel", "", false),
		q(heraldDonors, "But nobody here is walking away either", true, "", "", "Ruth Amsel", "", true),
	}...)
	return qs
}
