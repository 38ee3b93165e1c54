package clean

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Reasons a piece of furniture was removed. They are shown to readers.
const (
	reasonSubscription = "subscription prompt"
	reasonSignIn       = "sign-in prompt"
	reasonNewsletter   = "newsletter promotion"
	reasonLicence      = "licence line"
	reasonShare        = "share links"
	reasonAdvert       = "advertisement"
	reasonCookie       = "cookie notice"
	reasonRelated      = "related stories"
	reasonComments     = "comments widget"
	reasonNavigation   = "navigation"
	reasonCredit       = "credit"
	reasonCaption      = "photo caption"
	reasonSection      = "section label"
	reasonTagline      = "tagline"
	reasonDate         = "date line"
	reasonHeader       = "page header"
	reasonFooter       = "page footer"
	reasonLink         = "link"
	reasonMarkup       = "markup"
	reasonRepeated     = "repeated on site"
	reasonHeadline     = "headline"
	reasonByline       = "byline"
)

// cue is a run of words typical of page furniture. Weight says how sure
// the words alone make us: 1 for words that ordinary news prose also uses
// ("comments", "licence"), 3 for phrases it hardly ever does ("skip past").
type cue struct {
	words  []string
	weight int
	reason string
	// list marks headings that introduce a list of links ("Related",
	// "Top stories"): the short lines after them go with them.
	list bool
}

func c(phrase string, weight int, reason string) cue {
	return cue{words: strings.Fields(phrase), weight: weight, reason: reason}
}

func l(phrase string, weight int, reason string) cue {
	cu := c(phrase, weight, reason)
	cu.list = true
	return cu
}

var cues = []cue{
	c("subscribe", 2, reasonSubscription), c("subscribers", 2, reasonSubscription),
	c("subscription", 2, reasonSubscription), c("subscriptions", 2, reasonSubscription),
	c("unlimited access", 2, reasonSubscription), c("free trial", 2, reasonSubscription),
	c("paywall", 2, reasonSubscription), c("become a member", 2, reasonSubscription),
	c("support us", 2, reasonSubscription), c("donate", 1, reasonSubscription),
	c("sign in", 2, reasonSignIn), c("sign up", 2, reasonSignIn), c("signup", 2, reasonSignIn),
	c("log in", 2, reasonSignIn), c("login", 2, reasonSignIn), c("log out", 2, reasonSignIn),
	c("already a member", 2, reasonSignIn), c("already have an account", 2, reasonSignIn),
	c("create an account", 2, reasonSignIn), c("create a free account", 2, reasonSignIn),
	c("register now", 2, reasonSignIn), c("register for free", 2, reasonSignIn),
	c("newsletter", 2, reasonNewsletter), c("newsletters", 2, reasonNewsletter), c("inbox", 1, reasonNewsletter),
	c("license this", 3, reasonLicence), c("licence this", 3, reasonLicence),
	c("license", 1, reasonLicence), c("licence", 1, reasonLicence), c("licensing", 1, reasonLicence),
	c("all rights reserved", 3, reasonLicence), c("copyright", 2, reasonLicence),
	c("reprints", 2, reasonLicence), c("republish", 2, reasonLicence),
	// Share headings are not list headings: what follows a share bar is
	// often the next story's text, and the bar's own items are caught
	// as share bars.
	c("share this", 2, reasonShare), c("share on", 2, reasonShare), c("share", 1, reasonShare),
	c("copy link", 2, reasonShare), c("follow us", 2, reasonShare),
	c("advertisement", 3, reasonAdvert), c("advertising", 1, reasonAdvert), c("sponsored", 2, reasonAdvert),
	c("paid content", 2, reasonAdvert), c("story continues below", 3, reasonAdvert),
	c("cookie", 1, reasonCookie), c("cookies", 1, reasonCookie), c("cookie policy", 3, reasonCookie),
	c("cookie settings", 3, reasonCookie), c("accept cookies", 3, reasonCookie),
	c("privacy policy", 2, reasonCookie), c("terms of use", 2, reasonCookie),
	l("read more", 2, reasonRelated), l("read next", 2, reasonRelated), l("related", 1, reasonRelated),
	l("related stories", 3, reasonRelated), l("related articles", 3, reasonRelated),
	l("more stories", 2, reasonRelated), l("top stories", 2, reasonRelated), l("latest stories", 2, reasonRelated),
	l("most read", 2, reasonRelated), l("most popular", 2, reasonRelated), l("recommended", 1, reasonRelated),
	l("trending", 1, reasonRelated), l("you may also like", 3, reasonRelated), l("more from", 1, reasonRelated),
	l("more on this story", 3, reasonRelated), l("see also", 2, reasonRelated),
	c("continue reading", 2, reasonNavigation), c("start reading", 2, reasonNavigation),
	c("keep reading", 2, reasonNavigation), c("listen to this article", 3, reasonNavigation),
	c("min read", 2, reasonNavigation), c("reading time", 2, reasonNavigation),
	c("skip to", 2, reasonNavigation), c("skip past", 3, reasonNavigation), c("jump to", 1, reasonNavigation),
	c("back to top", 3, reasonNavigation), c("click here", 2, reasonNavigation), c("tap here", 2, reasonNavigation),
	c("download the app", 2, reasonNavigation), c("get the app", 2, reasonNavigation),
	c("leave a comment", 3, reasonComments), c("add a comment", 3, reasonComments),
	c("view comments", 3, reasonComments), c("show comments", 3, reasonComments),
	c("comments", 1, reasonComments), c("comment", 1, reasonComments), c("join the conversation", 2, reasonComments),
	c("reporting by", 3, reasonCredit), c("editing by", 3, reasonCredit), c("writing by", 2, reasonCredit),
	c("additional reporting", 2, reasonCredit),
	c("your email address will not be published", 3, reasonComments), c("required fields are marked", 3, reasonComments),
	c("registered trademark", 2, reasonLicence), c("terms of service", 2, reasonCookie),
	c("opt in", 2, reasonNewsletter), c("thanks for signing up", 3, reasonNewsletter),
	c("creative commons", 2, reasonLicence), c("is licensed under", 2, reasonLicence),
	c("terms and conditions", 1, reasonCookie), c("terms conditions", 2, reasonCookie),
	// Furniture words of the other languages pages come in: the same
	// kinds of prompt, never a word news prose uses often.
	c("teilen", 1, reasonShare), c("partager", 1, reasonShare), c("compartir", 1, reasonShare),
	c("kommentar", 1, reasonComments), c("kommentare", 1, reasonComments), c("commentaires", 1, reasonComments),
	c("comentarios", 1, reasonComments), c("schreibe einen kommentar", 3, reasonComments),
	c("einloggen", 2, reasonSignIn), c("anmelden", 1, reasonSignIn), c("se connecter", 2, reasonSignIn),
	c("iniciar sesión", 2, reasonSignIn), c("abonnieren", 2, reasonSubscription), c("abonnenten", 2, reasonSubscription),
	c("abonnez vous", 2, reasonSubscription), c("suscríbete", 2, reasonSubscription),
	c("werbung", 2, reasonAdvert), c("anzeige", 2, reasonAdvert), c("publicité", 2, reasonAdvert), c("publicidad", 2, reasonAdvert),
	c("impressum", 2, reasonNavigation), c("datenschutz", 2, reasonCookie), c("datenschutzerklärung", 2, reasonCookie),
	c("weiterlesen", 2, reasonNavigation), c("lire la suite", 2, reasonNavigation), c("leer más", 2, reasonNavigation),
	l("lesen sie auch", 3, reasonRelated), l("das könnte sie auch interessieren", 3, reasonRelated),
	l("mehr zum thema", 3, reasonRelated), l("meistgelesen", 2, reasonRelated), l("meist gelesen", 2, reasonRelated),
	l("à lire aussi", 3, reasonRelated), l("lire aussi", 2, reasonRelated), l("te puede interesar", 3, reasonRelated),
	l("le puede interesar", 3, reasonRelated),
	c("image source", 3, reasonCaption), c("image caption", 3, reasonCaption), c("media caption", 3, reasonCaption),
	c("originally published", 2, reasonCredit), c("first published", 1, reasonCredit),
	c("photo", 1, reasonCaption), c("photos", 1, reasonCaption), c("photograph", 1, reasonCaption),
	c("file photo", 2, reasonCaption), c("pictured", 2, reasonCaption), c("picture", 1, reasonCaption),
	c("image", 1, reasonCaption), c("video", 1, reasonCaption), c("gallery", 1, reasonCaption),
}

// cueIndex maps a first word to the cues starting with it.
var cueIndex = func() map[string][]cue {
	m := map[string][]cue{}
	for _, cu := range cues {
		m[cu.words[0]] = append(m[cu.words[0]], cu)
	}
	return m
}()

// socialWords make up share bars ("Facebook Twitter Email").
var socialWords = wordSet("facebook twitter x whatsapp linkedin telegram reddit pinterest email e mail print messenger copy link share flipboard bluesky threads instagram tiktok youtube sms")

var speechWords = wordSet("said says say told tells asked wrote writes added according urged warned")

var dateWords = wordSet("jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september october november december monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat sun am pm gmt utc bst cet cest est edt pst pdt aest aedt ist updated published posted last modified ago hour hours minute minutes mins min read at on st nd rd th")

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// maxTokens bounds the words kept per line: the rules look no further,
// since a line that long is prose.
const maxTokens = 64

// tokens splits s into lower-cased runs of letters and digits, keeping the
// first maxTokens, and counts them all.
func tokens(s string) ([]string, int) {
	out := make([]string, 0, min(maxTokens, len(s)/5+1))
	n, start := 0, -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		if n < maxTokens {
			w := s[start:end]
			if hasUpperOrMulti(w) {
				w = strings.ToLower(w)
			}
			out = append(out, w)
		}
		n++
		start = -1
	}
	for i, r := range s {
		if r >= 0x2E80 && isIdeograph(r) {
			// Chinese and Japanese write no spaces: count each character
			// as a word, so that their sentences weigh as sentences.
			flush(i)
			start = i
			flush(i + utf8.RuneLen(r))
			continue
		}
		if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out, n
}

func isIdeograph(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

func hasUpperOrMulti(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

// cueMatch is what the furniture words of one line add up to.
type cueMatch struct {
	weight  int    // summed, capped
	reason  string // of the heaviest cue
	atStart bool   // a cue opens the line: a heading or an imperative
	list    bool   // the line heads a list of links
}

func matchCues(toks []string) cueMatch {
	var m cueMatch
	best := 0
	for i, t := range toks {
		for _, cu := range cueIndex[t] {
			if i+len(cu.words) > len(toks) || !sameWords(toks[i:i+len(cu.words)], cu.words) {
				continue
			}
			m.weight += cu.weight
			// On a tie the later cue names the thing ("Sign up for our
			// newsletter" promotes a newsletter).
			if cu.weight >= best {
				best, m.reason = cu.weight, cu.reason
			}
			// "Already a member? Sign in" and "Please subscribe" open with
			// the cue in all but name.
			if i == 0 || (i == 1 && (toks[0] == "please" || toks[0] == "now")) {
				m.atStart = true
				m.list = m.list || cu.list
			}
		}
	}
	m.weight = min(m.weight, 4)
	return m
}

func sameWords(a, b []string) bool {
	for i := range b {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// furnitureScore weighs a line's furniture words against its shape: short
// lines without a final stop that open with the cue score high; sentences
// of reported speech or with quotation marks score low, so that a paragraph
// about someone urging people to "sign up" stays.
func furnitureScore(ln *line) (int, cueMatch) {
	if ln.words > 40 {
		return 0, cueMatch{}
	}
	m := matchCues(ln.toks)
	if m.weight == 0 {
		if isShareBar(ln.toks) {
			return 5, cueMatch{weight: 4, reason: reasonShare, atStart: true}
		}
		return 0, m
	}
	s := m.weight
	if !ln.endsStop {
		s++
	}
	if ln.words <= 8 {
		s++
	}
	if m.atStart {
		s++
	}
	if ln.endsStop && ln.words >= 8 {
		s -= 2
	}
	if strings.ContainsAny(ln.unit, "\"“”«»") {
		s -= 2
	}
	for _, t := range ln.toks {
		if speechWords[t] {
			s -= 2
			break
		}
	}
	if ln.words > 25 {
		s -= 2
	}
	return s, m
}

func isShareBar(toks []string) bool {
	if len(toks) == 0 || len(toks) > 12 {
		return false
	}
	for _, t := range toks {
		if !socialWords[t] {
			return false
		}
	}
	return true
}

// isDateLine reports a short line made of dates and times ("Updated 25 Nov
// 2025, 10:30am"), as pages print above or below the story.
func isDateLine(toks []string) bool {
	if len(toks) == 0 || len(toks) > 12 {
		return false
	}
	dated, n := false, 0
	for _, t := range toks {
		switch {
		case t[0] >= '0' && t[0] <= '9':
			n++
			dated = dated || len(t) <= 4
		case dateWords[t]:
			n++
			dated = dated || len(t) >= 3 && t != "min" && t != "read" && t != "ago"
		}
	}
	return dated && n*10 >= len(toks)*7
}

var (
	// A credit in brackets closing a caption: "(AP PHOTO)", "(AAP Image/Name)".
	creditParenRe = regexp.MustCompile(`\(([^()]{1,80})\)\s*$`)
	creditWordRe  = regexp.MustCompile(`(?i)\b(?:photo|photos|photograph|image|images|picture|pictures|getty|shutterstock|alamy|pool|file)\b`)
	agencySlashRe = regexp.MustCompile(`^\p{Lu}[\p{L}.&-]*(?:\s\p{Lu}[\p{L}.&-]*)*\s?/\s?\p{Lu}`)
	// "Photograph: Name/Agency" ending a caption.
	creditColonRe = regexp.MustCompile(`(?:^|[\s.])(?:Photograph|Photographs|Photo|Photos|Picture|Pictures|Image|Images|Illustration|Composite|Video|Credit|Photo credit|PHOTO|IMAGE)\s?:\s?[^.!?:]{2,100}$`)
	// A credit on a line of its own: "Getty Images", "AFP via Getty Images".
	creditLineRe = regexp.MustCompile(`^(?:[\p{L}.' -]{2,40}\s?/\s?)?(?:Getty Images|Reuters|AFP|AP|EPA|EPA-EFE|Shutterstock|Alamy|Bloomberg|PA Wire|AAP Image|Pool)(?:\s?via\s[\p{L} ]{2,30})?$`)
	// "Name/Reuters" or "Name | Getty Images" ending a caption.
	creditSlashRe = regexp.MustCompile(`[\p{L}.]\s?[/|]\s?(?:Getty Images|Reuters|AFP|AP|EPA|EPA-EFE|Shutterstock|Alamy|Bloomberg|PA Wire|PA|AAP|Pool)(?:\s?via\s[\p{L} ]{2,30})?\s*$`)
)

// hasCredit reports whether a line ends the way photo captions end: with a
// photographer or agency credit.
func hasCredit(s string) bool {
	// Every credit form sits at the end of the line: look only there, so
	// long paragraphs cost no more than short ones.
	s = tail(strings.TrimRight(s, " "), 160)
	if strings.HasSuffix(s, ")") {
		if m := creditParenRe.FindStringSubmatch(s); m != nil {
			inner := strings.TrimSpace(m[1])
			if creditWordRe.MatchString(inner) || agencySlashRe.MatchString(inner) {
				return true
			}
		}
	}
	if len(s) <= 80 && creditLineRe.MatchString(s) {
		return true
	}
	if strings.IndexByte(s, ':') >= 0 && creditColonRe.MatchString(s) {
		return true
	}
	return strings.IndexAny(s, "/|") >= 0 && creditSlashRe.MatchString(s)
}

// tail returns about the last n bytes of s, cut at a rune boundary.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	// Start after a space, so that a cut word never reads as the start
	// of the line.
	i := len(s) - n
	if j := strings.IndexByte(s[i:], ' '); j >= 0 {
		return s[i+j+1:]
	}
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// isTagline reports a line of very short sentences ("Fast. Fair. Free."),
// the way mastheads print slogans.
func isTagline(ln *line) bool {
	if ln.words < 2 || ln.words > 8 || ln.bullet {
		return false
	}
	n := strings.Count(ln.unit, ".") + strings.Count(ln.unit, "!") + strings.Count(ln.unit, "?")
	return n >= 2 && ln.words <= n*2
}
