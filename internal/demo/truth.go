package demo

import (
	"storyline/internal/news"
)

// Truth is the ground truth of the demo corpus, written by hand beside the
// text. Every string it quotes (figures, quotes, dates, furniture, spellings)
// occurs verbatim in the file it names; the package's tests hold it to that,
// so the gold cannot drift from the corpus.
//
// Articles are named by short keys (Article.Key) throughout. A key maps to the
// store's ID through Article.ID, which derives it from the URL as ingest does.
type Truth struct {
	Articles []Article
	Events   []Event
	Stories  []Story
	// Identities are the named things a correct run joins across articles
	// and spellings.
	Identities []Identity
	// Distinct are pairs of names that must not be joined into one identity.
	Distinct []Distinct
	// NotEntities are strings in the corpus that are no entity mention (page
	// furniture, a title word alone).
	NotEntities []string
	// Rewrites align a rewrite's passages with its original's, in order.
	Rewrites []RewritePair
	Figures  []Figure
	Facts    []Fact
	Quotes   []Quote
	Dates    []Date
	Timeline []Moment
}

// Article is one article of the corpus. A text or HTML file is one article;
// the feed and the JSON lines file hold several, told apart by Item.
type Article struct {
	Key  string
	Path string // file in the corpus
	// Item tells an article apart within a file that holds several: a feed
	// item's GUID, or a JSON lines file's line number from "1". It is ""
	// for a file that is one article.
	Item   string
	Format string // "html", "text", "feed" or "jsonl"
	URL    string
	Site   string
	Outlet string
	Byline string // "" when the source names no author
	Title  string // the headline, without a section suffix
	// Published is the publication time in RFC 3339, or a day (YYYY-MM-DD)
	// when the metadata gives no time.
	Published string
	Event     string // key of the event the article reports
	// RewriteOf is the key of the article this one rewrites passage by
	// passage (same facts, same order, new words, added material).
	RewriteOf string
	// CopyOf is the key of the article this one republishes word for word
	// with other page furniture: a near duplicate.
	CopyOf string
	// Brief marks an item with only a description, far shorter than an
	// article.
	Brief bool
	// Furniture lists page furniture in the file that cleaning must take out
	// of the text (section labels, prompts, captions, byline and title
	// lines, stray markup). For HTML it lists what an extractor must not
	// keep in the body.
	Furniture []string
}

// ID is the article's stable ID as storyline derives it from the URL.
func (a Article) ID() string { return news.ArticleID(a.URL, "") }

// Event is one happening and the articles that report it. Start and End are
// days (YYYY-MM-DD).
type Event struct {
	Key        string
	Title      string
	Start, End string
	Story      string
	Articles   []string
}

// Story is a thread of related events.
type Story struct {
	Key    string
	Title  string
	Events []string
}

// Identity is one person, organisation or place with every spelling of its
// name that the corpus uses and the titles attached to it.
type Identity struct {
	Name    string
	Kind    news.EntityKind
	Aliases []string // every spelling seen, Name included
	Titles  []string // roles written before the name: "Interior Minister"
}

// Distinct is a pair of names that look alike but name different things.
type Distinct struct {
	A, B string
	Why  string
}

// RewritePair aligns a passage of an original with its rewritten passage.
// Pairs are listed in the order of both texts.
type RewritePair struct {
	Original, Rewrite string // article keys
	From, To          string // the passages, verbatim
}

// Article returns the article with the given key.
func (t *Truth) Article(key string) (Article, bool) {
	for _, a := range t.Articles {
		if a.Key == key {
			return a, true
		}
	}
	return Article{}, false
}

// KeyOf returns the key of the article with the given store ID.
func (t *Truth) KeyOf(id string) (string, bool) {
	for _, a := range t.Articles {
		if a.ID() == id {
			return a.Key, true
		}
	}
	return "", false
}

// Identity returns the identity with the given canonical name.
func (t *Truth) Identity(name string) (Identity, bool) {
	for _, id := range t.Identities {
		if id.Name == name {
			return id, true
		}
	}
	return Identity{}, false
}

// Gold returns the corpus's ground truth. Each call builds a fresh copy, so
// callers may change what they get.
func Gold() *Truth {
	t := &Truth{
		Articles:    articles(),
		Events:      events(),
		Stories:     stories(),
		Identities:  identities(),
		Distinct:    distinct(),
		NotEntities: notEntities(),
		Rewrites:    rewrites(),
		Figures:     figures(),
		Facts:       facts(),
		Quotes:      quotes(),
		Dates:       dates(),
		Timeline:    timeline(),
	}
	return t
}

// Event keys.
const (
	explosion = "terminal-explosion"
	aftermath = "inquiry-and-donors"
	market    = "old-market-fire"
)

// Article keys.
const (
	heraldBlast    = "herald-blast"
	ledgerBlast    = "ledger-blast"
	coastlineBlast = "coastline-blast"
	northgateBlast = "northgate-blast"
	todayToll15    = "today-toll-15"
	todayToll31    = "today-toll-31"
	todayMarket    = "today-market"
	coastlineMkt   = "coastline-market"
	todayBrief     = "today-donors-brief"
	ledgerInquiry  = "ledger-inquiry"
	heraldDonors   = "herald-donors"
	harbourWatch   = "harbourwatch-inquiry"
)

const feedFile = "zaroviatoday-feed.xml"

func articles() []Article {
	ledgerTop := []string{
		"Independent news for the whole country since 1958",
		"Become a Ledger member from 2 crowns a month",
		"Members read every story in full",
		"Become a member or continue with a free account",
		"Continue reading",
		"Already a member? Sign in here",
		"Most read on the Ledger right now",
	}
	// The wire's credit line names its reporters and editor: page
	// furniture, not text to analyse.
	wireCredit := "(Reporting by Aleksy Marten in Kharzin; additional reporting by Dora Venn in Velgrad; editing by Piet Alder)"
	heraldFurniture := []string{
		`We use cookies to remember your preferences and to measure how our pages are read.`,
		"Subscribe to keep reading the Herald without limits.",
		"Share this story:",
		"More on this story",
	}
	return []Article{
		{
			Key: heraldBlast, Path: "herald-kharzin-blast.html", Format: "html",
			URL:  "https://www.velgradherald.example/world/2027/03/02/kharzin-terminal-blast",
			Site: "velgradherald.example", Outlet: "The Velgrad Herald",
			Byline: "Aleksy Marten and Dora Venn", Title: "Blast at Kharzin fuel terminal kills at least 12",
			Published: "2027-03-02T11:40:00+02:00", Event: explosion,
			Furniture: append([]string{
				"Black smoke rises over the Dunavar terminal on the northern shore of the estuary. Photo: Ivo Strand/Meridian Wire",
				wireCredit,
			}, heraldFurniture...),
		},
		{
			Key: ledgerBlast, Path: "ledger-kharzin-blast.txt", Format: "text",
			URL:  "https://dailyledger.test/nation/2027/03/02/explosion-at-kharzin-terminal",
			Site: "dailyledger.test", Outlet: "Daily Ledger",
			Byline: "Aleksy Marten and Dora Venn", Title: "Explosion at Kharzin terminal kills at least 12, injures more than 200",
			Published: "2027-03-02T13:05:00+02:00", Event: explosion, CopyOf: heraldBlast,
			Furniture: append([]string{
				"Nation",
				"Aleksy Marten and Dora Venn",
				"Explosion at Kharzin terminal kills at least 12, injures more than 200",
				"Firefighters spray water on a burning storage tank at the Dunavar terminal. (MERIDIAN WIRE PHOTO/IVO STRAND)",
				"A rescue worker walks past the damaged gate of the terminal",
				"Rescue workers carried the injured past the terminal gate through the night. (MERIDIAN WIRE PHOTO)",
				"Republish this story",
				wireCredit,
			}, ledgerTop...),
		},
		{
			Key: coastlineBlast, Path: "coastline-kharzin-depot.txt", Format: "text",
			URL:  "https://coastlinepost.example/disasters/twelve-dead-kharzin-depot",
			Site: "coastlinepost.example", Outlet: "Coastline Post",
			Title:     "Twelve dead as blast rips through Kharzin fuel depot",
			Published: "2027-03-02T16:45:00+02:00", Event: explosion, RewriteOf: heraldBlast,
			Furniture: []string{
				"Twelve dead as blast rips through Kharzin fuel depot | Disasters",
				"Skip the newsletter sign-up",
				"Firefighters rest beside a fire engine outside the depot on Tuesday morning. Photograph: Mila Tarn/Coastline Post",
				"<a href",
				"Leave a Comment",
			},
		},
		{
			Key: northgateBlast, Path: "northgate-harzin-fire.html", Format: "html",
			URL:  "https://northgatereview.test/news/harzin-counts-its-dead",
			Site: "northgatereview.test", Outlet: "Northgate Review", Byline: "Sofia Drayne",
			Title:     "Harzin counts its dead as terminal fire burns into a second day",
			Published: "2027-03-03T06:30:00+02:00", Event: explosion,
			Furniture: []string{
				"Soot covers parked cars in the eastern districts of Harzin. Photo: Kasper Lind/Northgate Review",
				"Get the Northgate morning briefing in your inbox.",
				"Northgate Review and its partners store small files on your device",
				"Support independent reporting.",
			},
		},
		{
			Key: todayToll15, Path: feedFile, Item: "zt-2027-0303-toll", Format: "feed",
			URL:  "https://www.zaroviatoday.example/news/2027/03/03/kharzin-toll-rises-to-15",
			Site: "zaroviatoday.example", Outlet: "Zarovia Today", Byline: "Emil Hasko",
			Title:     "Kharzin death toll rises to 15 as crews reach collapsed warehouse",
			Published: "2027-03-03T18:10:00+02:00", Event: explosion,
		},
		{
			Key: todayToll31, Path: feedFile, Item: "zt-2027-0304-toll", Format: "feed",
			URL:  "https://www.zaroviatoday.example/news/2027/03/04/kharzin-toll-31",
			Site: "zaroviatoday.example", Outlet: "Zarovia Today", Byline: "Emil Hasko",
			Title:     "Kharzin toll reaches 31 as search of collapsed warehouse ends",
			Published: "2027-03-04T20:05:00+02:00", Event: explosion,
		},
		{
			Key: todayMarket, Path: feedFile, Item: "zt-2027-0306-market", Format: "feed",
			URL:  "https://www.zaroviatoday.example/news/2027/03/06/old-market-fire",
			Site: "zaroviatoday.example", Outlet: "Zarovia Today", Byline: "Lia Marsh",
			Title:     "Fire destroys dozens of stalls at Kharzin's Old Market",
			Published: "2027-03-06T14:20:00+02:00", Event: market,
		},
		{
			Key: coastlineMkt, Path: "coastline-old-market-fire.txt", Format: "text",
			URL:  "https://coastlinepost.example/local/old-market-stallholders-count-cost",
			Site: "coastlinepost.example", Outlet: "Coastline Post", Byline: "Rina Osk",
			Title:     "Old Market stallholders count the cost after night fire",
			Published: "2027-03-07", Event: market,
			Furniture: []string{
				"Old Market stallholders count the cost after night fire | Local",
				"Burnt bolts of cloth lie in the aisle of the Old Market on Sunday. Photograph: Mila Tarn/Coastline Post",
				"<a href",
				"Leave a Comment",
			},
		},
		{
			Key: todayBrief, Path: feedFile, Item: "zt-2027-0322-donors", Format: "feed",
			URL:  "https://www.zaroviatoday.example/news/2027/03/22/donors-to-meet-on-kharzin",
			Site: "zaroviatoday.example", Outlet: "Zarovia Today", Byline: "Emil Hasko",
			Title:     "Donors to meet in Velgrad on Friday over Kharzin rebuilding",
			Published: "2027-03-22T09:00:00+02:00", Event: aftermath, Brief: true,
		},
		{
			Key: ledgerInquiry, Path: "ledger-kharzin-inquiry.txt", Format: "text",
			URL:  "https://dailyledger.test/nation/2027/03/24/kharzin-inquiry-safety-checks",
			Site: "dailyledger.test", Outlet: "Daily Ledger", Byline: "Dora Venn",
			Title:     "Kharzin inquiry finds safety checks were skipped for two years",
			Published: "2027-03-24", Event: aftermath,
			Furniture: append([]string{
				"Nation",
				"Dora Venn",
				"Kharzin inquiry finds safety checks were skipped for two years | Nation",
				"Judge Hanna Virta presents the interim report to reporters in Velgrad. (LEDGER PHOTO/ANNA KOVAR)",
				"A police officer stands guard at the closed gate of the Dunavar terminal",
				"The remains of the terminal are still under police guard. (LEDGER PHOTO/TOMAS REINER)",
				"Leave a Comment",
			}, ledgerTop...),
		},
		{
			// A blog post exported as JSON lines: no outlet, no byline.
			Key: harbourWatch, Path: "harbourwatch-export.jsonl", Item: "1", Format: "jsonl",
			URL:       "https://harbourwatch.test/2027/03/25/what-the-inquiry-found",
			Site:      "harbourwatch.test",
			Title:     "What the Harzin inquiry found, and what it did not",
			Published: "2027-03-25T08:00:00+02:00", Event: aftermath,
			Furniture: []string{
				"Harbour Watch — notes on the port, from the people who live beside it",
				"Share this post",
				"Comments are closed.",
			},
		},
		{
			Key: heraldDonors, Path: "herald-kharzin-donors.html", Format: "html",
			URL:  "https://www.velgradherald.example/nation/2027/03/27/kharzin-donors-pledge",
			Site: "velgradherald.example", Outlet: "The Velgrad Herald", Byline: "Dora Venn",
			Title:     "Donors pledge up to $4bn to rebuild Kharzin port",
			Published: "2027-03-27T10:15:00+02:00", Event: aftermath,
			Furniture: append([]string{
				"Delegates listen to the prime minister at the opening of the conference in Velgrad. Photo: Ivo Strand/The Velgrad Herald",
			}, heraldFurniture...),
		},
	}
}

func events() []Event {
	return []Event{
		{
			Key: explosion, Title: "Explosion at the Dunavar fuel terminal in Kharzin",
			Start: "2027-03-01", End: "2027-03-04", Story: "kharzin-terminal",
			Articles: []string{heraldBlast, ledgerBlast, coastlineBlast, northgateBlast, todayToll15, todayToll31},
		},
		{
			Key: aftermath, Title: "Inquiry's interim report and donors' conference for Kharzin",
			Start: "2027-03-23", End: "2027-03-26", Story: "kharzin-terminal",
			Articles: []string{todayBrief, ledgerInquiry, harbourWatch, heraldDonors},
		},
		{
			// The decoy: same city, also a fire, a different happening.
			Key: market, Title: "Fire at Kharzin's Old Market",
			Start: "2027-03-06", End: "2027-03-06", Story: "kharzin-old-market",
			Articles: []string{todayMarket, coastlineMkt},
		},
	}
}

func stories() []Story {
	return []Story{
		{Key: "kharzin-terminal", Title: "The Kharzin terminal explosion and its aftermath", Events: []string{explosion, aftermath}},
		{Key: "kharzin-old-market", Title: "The Old Market fire in Kharzin", Events: []string{market}},
	}
}

func identities() []Identity {
	person, org, place := news.Person, news.Organization, news.Place
	return []Identity{
		{Name: "Mirko Sadovskiy", Kind: person, Aliases: []string{"Mirko Sadovskiy", "Sadovskiy", "Mirko Sadovsky", "Sadovsky"}, Titles: []string{"Interior Minister", "Minister"}},
		{Name: "Kharzin", Kind: place, Aliases: []string{"Kharzin", "Harzin"}},
		{Name: "Zarovian Emergency Response Directorate", Kind: org, Aliases: []string{"Zarovian Emergency Response Directorate", "ZERD"}},
		{Name: "Zarovia", Kind: place, Aliases: []string{"Zarovia"}},
		{Name: "Velgrad", Kind: place, Aliases: []string{"Velgrad"}},
		{Name: "Dunavar Terminals", Kind: org, Aliases: []string{"Dunavar Terminals", "Dunavar"}},
		{Name: "Natalia Orsha", Kind: person, Aliases: []string{"Natalia Orsha", "Orsha"}, Titles: []string{"Prime Minister"}},
		{Name: "Ilona Brask", Kind: person, Aliases: []string{"Ilona Brask", "Brask"}, Titles: []string{"Mayor"}},
		{Name: "Arvid Kessel", Kind: person, Aliases: []string{"Arvid Kessel", "Kessel"}, Titles: []string{"Colonel"}},
		{Name: "Lena Kessel", Kind: person, Aliases: []string{"Lena Kessel", "Kessel"}, Titles: []string{"Captain"}},
		{Name: "Pavel Lemsky", Kind: person, Aliases: []string{"Pavel Lemsky", "Lemsky"}, Titles: []string{"chief executive"}},
		{Name: "Hanna Virta", Kind: person, Aliases: []string{"Hanna Virta", "Virta"}, Titles: []string{"Judge"}},
		{Name: "Lukas Brenner", Kind: person, Aliases: []string{"Lukas Brenner"}},
		{Name: "Ruth Amsel", Kind: person, Aliases: []string{"Ruth Amsel", "Amsel"}, Titles: []string{"secretary-general"}},
		{Name: "Elin Marsk", Kind: person, Aliases: []string{"Elin Marsk"}},
		{Name: "Marta Olen", Kind: person, Aliases: []string{"Marta Olen"}},
		{Name: "Dana Petrik", Kind: person, Aliases: []string{"Dana Petrik"}},
		{Name: "Jonas Ferro", Kind: person, Aliases: []string{"Jonas Ferro"}},
		{Name: "Irena Vasko", Kind: person, Aliases: []string{"Irena Vasko"}},
		{Name: "Meridian Wire", Kind: org, Aliases: []string{"Meridian Wire"}},
		{Name: "Interior Ministry", Kind: org, Aliases: []string{"Interior Ministry"}},
		{Name: "Northern Seas Council", Kind: org, Aliases: []string{"Northern Seas Council"}},
		{Name: "Civic Union", Kind: org, Aliases: []string{"Civic Union"}},
		{Name: "Northgate Review", Kind: org, Aliases: []string{"Northgate Review"}},
		{Name: "Coastline Post", Kind: org, Aliases: []string{"Coastline Post"}},
		{Name: "Old Market", Kind: place, Aliases: []string{"Old Market"}},
	}
}

func distinct() []Distinct {
	return []Distinct{
		{A: "Arvid Kessel", B: "Lena Kessel", Why: "a colonel of the emergency directorate and a captain of the city fire brigade who share a surname; \"Kessel\" alone means whichever the article named"},
		{A: "Zarovia", B: "Zarovian Emergency Response Directorate", Why: "a country and one of its agencies"},
		{A: "Interior Ministry", B: "Mirko Sadovskiy", Why: "a ministry and its minister"},
		{A: "Kharzin", B: "Old Market", Why: "a city and a building in it"},
	}
}

func notEntities() []string {
	return []string{"Leave a Comment", "Sign in", "Continue reading", "Republish this story", "Skip the newsletter sign-up", "Colonel", "Captain", "Minister"}
}

// rewrites pairs the wire report's paragraphs with the Coastline Post's
// rewrite of them, which keeps their order and adds material after them.
func rewrites() []RewritePair {
	pairs := [][2]string{
		{"An explosion tore through a fuel and fertiliser terminal in the Zarovian port city of Kharzin late Monday", "At least 12 people were killed and over 200 hurt when a blast ripped through a fuel and fertiliser depot"},
		{"The blast, which witnesses said was heard up to 30 kilometres away", "Witnesses heard the explosion as far as 30km away"},
		{"The Zarovian Emergency Response Directorate (ZERD) said 40 storage tanks stood at the site", "There were 40 storage tanks at the Dunavar Terminals site"},
		{`"We will find out who allowed this to happen, and they will answer for it," Interior Minister Mirko Sadovskiy told reporters at the scene`, "Speaking at the scene, Interior Minister Mirko Sadovskiy described the blast"},
		{"Sadovskiy said the cause was not yet known", "Investigators have sealed the terminal’s control building, Sadovskiy said"},
		{"Dunavar Terminals said in a statement that it was cooperating fully with investigators", "In a statement, Dunavar Terminals said it was giving investigators its full cooperation"},
		{"According to ZERD, about 50 fire engines and more than 400 rescuers were sent to the terminal overnight", "Some 50 fire engines and over 400 rescue workers were sent to the depot during the night"},
		{"Prime Minister Natalia Orsha declared three days of national mourning beginning on March 3.", "Prime Minister Natalia Orsha announced three days of national mourning, to start on March 3."},
		{"Kharzin's mayor, Ilona Brask, urged people in the eastern districts to keep their windows closed", "Mayor Ilona Brask told people living in the eastern districts to keep their windows shut"},
		{`Brask said in a video posted late on Monday.`, `she said in a video late on Monday.`},
		{"The terminal, on the northern shore of the Kharzin estuary, handles about 35% of Zarovia's fuel imports.", "Roughly 35% of the fuel Zarovia imports passes through the terminal"},
		{"Its expansion, approved last summer, had drawn complaints from residents", "Residents had complained about its expansion, approved last summer"},
		{"It was the deadliest accident in Zarovia since a mine collapse in 2019 that killed nine miners.", "No accident in Zarovia had killed more people since nine miners died when a mine collapsed in 2019."},
	}
	out := make([]RewritePair, len(pairs))
	for i, p := range pairs {
		out[i] = RewritePair{Original: heraldBlast, Rewrite: coastlineBlast, From: p[0], To: p[1]}
	}
	return out
}
