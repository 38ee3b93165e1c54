package quotes

// The word lists below are ours, written for news English.

// cues are the verbs that report speech or writing. The value says whether
// the verb may come before its speaker ("…," said Smith).
var cues = map[string]bool{
	"said": true, "says": true, "say": false, "saying": false, "added": true, "adds": true, "adding": false,
	"told": false, "tells": false, "telling": false, "wrote": true, "writes": true, "writing": false,
	"asked": true, "asks": true, "asking": false, "stated": true, "states": true, "explained": true,
	"explains": true, "explaining": false, "noted": true, "notes": true, "noting": false, "argued": true,
	"argues": true, "arguing": false, "insisted": true, "insists": true, "insisting": false, "warned": true,
	"warns": true, "warning": false, "declared": true, "declares": true, "declaring": false, "announced": false,
	"tweeted": true, "tweets": true, "tweeting": false, "posted": true, "continued": true, "continues": true,
	"concluded": true, "concludes": true, "replied": true, "replies": true, "replying": false, "responded": true,
	"responds": true, "responding": false, "recalled": true, "recalls": true, "recalling": false,
	"acknowledged": true, "acknowledges": true, "acknowledging": false, "admitted": true, "admits": true,
	"admitting": false, "claimed": true, "claims": true, "claiming": false, "suggested": true, "suggests": true,
	"suggesting": false, "observed": true, "observes": true, "remarked": true, "remarks": true, "stressed": true,
	"stresses": true, "stressing": false, "emphasized": true, "emphasised": true, "emphasizing": false,
	"emphasising": false, "quipped": true, "quips": true, "joked": true, "jokes": true, "cautioned": true,
	"urged": true, "urges": true, "urging": false, "predicted": true, "predicts": true, "complained": true,
	"complains": true, "conceded": true, "concedes": true, "confirmed": true, "confirms": true, "countered": true,
	"counters": true, "shouted": true, "yelled": true, "chanted": true, "echoed": true, "reiterated": true,
	"testified": true, "boasted": true, "boasts": true, "vowed": true, "vows": true, "promised": true,
	"promises": true, "lamented": true, "laments": true, "mused": true, "muses": true, "recounted": true,
	"agreed": true, "agrees": true, "announces": false, "maintained": true, "maintains": true, "pointed": false,
	"reported": true, "reports": false, "read": true, "reads": true, "wondered": true, "wonders": true,
	"exclaimed": true, "demanded": true, "demands": false, "charged": true, "contended": true, "contends": true,
	"alleged": true, "alleges": true, "denied": false, "answered": true, "answers": true,
	"offered": false, "elaborated": true, "opined": true, "sniped": true, "scoffed": true, "retorted": true,
	"proclaimed": true, "assured": true, "assures": true, "advised": false, "explain": false, "tweet": false,
	"calling": false, "called": false, "describing": false, "described": false, "telegraphed": false,
	"whispered": true, "screamed": true, "cried": true, "sighed": true, "laughed": true, "pleaded": true,
	"interjected": true, "interrupted": true, "continuing": false, "concluding": false, "texted": true,
	"emailed": true, "messaged": true, "blogged": true, "posts": false,
	"demurred": true, "barked": true, "snapped": true, "fumed": true, "groused": true, "gushed": true,
	"marveled": true, "marvelled": true, "cracked": true, "deadpanned": true, "bragged": true, "asserted": true,
	"asserts": true, "pledged": true, "threatened": true, "implored": true, "begged": true, "teased": true,
	"remembered": true, "reflected": true, "reasoned": true, "speculated": true, "summarized": true,
	"clarified": true, "rebutted": true, "objected": true, "protested": true, "grumbled": true, "griped": true,
	"confided": true, "confessed": true, "revealed": true, "disclosed": true, "swore": true, "underscored": true,
	"commented": true, "comments": true, "mocked": true, "mocks": true, "chided": true, "scolded": true,
	"thundered": true, "roared": true, "bellowed": true, "murmured": true, "muttered": true, "mumbled": true,
	"observing": false, "asserting": false, "proclaiming": false, "exclaiming": false,
	"write": false, "tell": false, "ask": false, "add": false, "note": false, "argue": false, "claim": false,
	"insist": false, "warn": false, "predict": false, "suggest": false, "agree": false, "admit": false,
	"recall": false, "wonder": false, "quoted": false,
}

// twoWordCues take two tokens: Trump went on, Hillary shot back.
var twoWordCues = map[string]string{"went": "on", "goes": "on", "shot": "back", "fired": "back",
	"wrote": "back", "chimed": "in", "pointed": "out", "summed": "up", "spoke": "up"}

// partialOnly are cues that take a partial quote but never stand alone
// after one: called it "a disaster", describing it as "…".
var partialOnly = set("calling", "called", "describing", "described", "offered", "announced", "posts",
	"denied", "advised", "telegraphed", "demands", "pointed", "quoted")

// adverbs may stand between a speaker and the cue (he also said, she later
// wrote, Smith has said).
var adverbs = set("also", "later", "then", "previously", "once", "again", "repeatedly", "recently", "separately",
	"earlier", "simply", "quickly", "flatly", "publicly", "privately", "angrily", "bluntly", "frankly",
	"has", "have", "had", "had", "would", "will", "just", "further", "last", "first", "long", "often", "still",
	"reportedly", "allegedly", "subsequently", "immediately", "finally", "famously", "even", "only",
	"directly", "never", "always", "initially", "originally", "since")

// pronouns that can be a speaker.
var pronouns = map[string]gender{"he": male, "she": female, "they": plural, "it": neuter, "we": plural, "i": unknown}

// determiners open a descriptive speaker ("a US official", "his spokesman").
var determiners = set("a", "an", "the", "one", "another", "his", "her", "their", "its", "our", "this", "that", "some",
	"several", "two", "three", "four", "many", "most", "other", "each", "both", "these", "those", "any", "no",
	"every", "all", "few")

// softPreps may sit inside a speaker description (a spokesperson for X, the
// governor of Y, a source familiar with the talks).
var softPreps = set("of", "for", "at", "with", "from", "in", "close", "familiar", "to", "on", "within", "inside",
	"behind")

// openers begin a sentence with an adverbial set off by a comma before its
// subject: In Moscow, …; Speaking to the BBC, …; However, …
var openers = set("in", "on", "at", "after", "before", "during", "speaking", "asked", "meanwhile", "however",
	"earlier", "later", "still", "instead", "separately", "also", "but", "and", "yet", "so", "now", "then",
	"writing", "addressing", "responding", "since", "while", "when", "as", "for", "from", "with", "under",
	"despite", "although", "though", "amid", "following", "according", "by", "last", "this", "today",
	"yesterday", "overnight", "elsewhere", "indeed", "instead", "moreover", "similarly", "likewise")

// stop words end a speaker phrase: no speaker runs across them.
var stops = set("that", "which", "who", "whom", "whose", "but", "while", "as", "when", "after", "before", "because",
	"if", "is", "was", "are", "were", "be", "been", "being", "could", "should", "can", "may", "might", "must",
	"not", "so", "than", "though", "although", "where", "why", "how", "what", "there", "here", "by", "into",
	"about", "against", "during", "under", "over", "since", "until", "or", "nor", "yet", "do", "does", "did",
	"said", "says", "say", "told", "tells", "also", "has", "have", "had", "would", "will", "this", "these", "those",
	"such", "like", "unlike", "despite", "without", "through", "then", "now", "even", "just", "very", "too", "and",
	"it", "he", "she", "they", "we", "you", "i", "him", "them", "me", "us", "because", "according", "per")

// roles are nouns that name a speaker by what they do.
var roles = set("official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen",
	"source", "sources", "aide", "aides", "adviser", "advisers", "advisor", "advisors", "minister", "ministers",
	"secretary", "president", "governor", "mayor", "senator", "lawmaker", "lawmakers", "legislator", "diplomat",
	"diplomats", "analyst", "analysts", "expert", "experts", "official's", "chief", "head", "director", "leader",
	"leaders", "chairman", "chairwoman", "chair", "executive", "officer", "commander", "general", "ambassador",
	"envoy", "negotiator", "negotiators", "representative", "representatives", "congressman", "congresswoman",
	"candidate", "nominee", "strategist", "strategists", "pollster", "pollsters", "consultant", "professor",
	"researcher", "researchers", "economist", "economists", "lawyer", "lawyers", "attorney", "attorneys", "judge",
	"prosecutor", "prosecutors", "witness", "witnesses", "resident", "residents", "people", "person", "man", "woman",
	"men", "women", "voter", "voters", "supporter", "supporters", "critic", "critics", "observer", "observers",
	"protester", "protesters", "activist", "activists", "worker", "workers", "employee", "employees", "member",
	"members", "staffer", "staffers", "manager", "founder", "owner", "statement", "report", "email", "letter",
	"memo", "newspaper", "paper", "daily", "agency", "ministry", "department", "campaign", "committee", "group",
	"organization", "organisation", "government", "administration", "police", "authorities", "military", "army",
	"army's", "army", "attendee", "attendees", "delegate", "delegates", "insider", "insiders", "veteran",
	"author", "authors", "editor", "columnist", "journalist", "reporter", "host", "anchor", "commentator",
	"surrogate", "surrogates", "operative", "operatives", "donor", "donors", "official", "chancellor", "premier",
	"king", "queen", "prince", "pope", "cardinal", "bishop", "pastor", "rabbi", "imam", "doctor", "doctors",
	"nurse", "teacher", "student", "students", "father", "mother", "son", "daughter", "wife", "husband", "brother",
	"sister", "friend", "friends", "colleague", "colleagues", "partner", "partners", "counsel", "deputy", "whip",
	"speaker", "prime", "vice", "treasurer", "clerk", "sheriff", "officer", "trooper", "soldier", "soldiers",
	"publication", "outlet", "network", "magazine", "journal", "website", "site", "post", "tweet", "release",
	"filing", "complaint", "lawsuit", "document", "documents", "poll", "survey", "study", "ruling", "order",
	"transcript", "message", "note", "notice", "announcement", "platform", "account", "union", "council",
	"board", "court", "party", "office", "team", "firm", "company", "bank", "fund", "foundation", "institute",
	"center", "centre", "association", "coalition", "alliance", "movement", "side", "delegation", "kremlin",
	"opinion", "decision", "editorial", "column", "article", "book", "ad", "advertisement", "video", "sign",
	"banner", "headline", "caption", "footnote", "brief", "motion", "indictment", "verdict", "speech", "memoir",
	"tycoon", "businessman", "businesswoman", "billionaire", "candidate", "host", "moderator", "anchorman",
	"anchorwoman", "pastor", "priest", "chairman", "owner", "president-elect", "senator-elect", "mogul")

// personRoles are the roles of one person, which a definite description
// ("the president", "Britain's prime minister") can resolve to by title.
var personRoles = set("minister", "secretary", "president", "governor", "mayor", "senator", "chancellor", "premier",
	"spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "chief", "chairman", "chairwoman", "director",
	"leader", "commander", "general", "congressman", "congresswoman", "representative", "nominee", "candidate",
	"king", "queen", "prince", "pope", "aide", "adviser", "advisor", "speaker", "judge", "prosecutor", "attorney",
	"founder", "owner", "manager", "executive", "host", "head")

// gender is what a pronoun or a name tells of a person.
type gender uint8

const (
	unknown gender = iota
	male
	female
	plural
	neuter
)

// honorifics and gendered words that tell a person's gender.
var genderWords = map[string]gender{
	"mr": male, "mrs": female, "ms": female, "miss": female, "sir": male, "lord": male, "lady": female,
	"dame": female, "king": male, "queen": female, "prince": male, "princess": female, "spokesman": male,
	"spokeswoman": female, "chairman": male, "chairwoman": female, "congressman": male,
	"congresswoman": female, "businessman": male, "businesswoman": female, "father": male, "mother": female,
	"husband": male, "wife": female, "son": male, "daughter": female, "brother": male, "sister": female,
	"grandmother": female, "grandfather": male, "uncle": male, "aunt": female, "widow": female,
	"actress": female, "actor": male, "mme": female, "madam": female, "councilman": male,
	"councilwoman": female, "assemblyman": male, "assemblywoman": female, "anchorwoman": female,
	"anchorman": male, "sportsman": male, "sportswoman": female, "pope": male,
}
