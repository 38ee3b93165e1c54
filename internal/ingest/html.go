package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/go-shiori/go-readability"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/unicode/norm"

	"storyline/internal/news"
)

// Bounds on what one page may cost. The caller already refuses files over
// 10 MiB; these guard direct callers and pathological markup.
const (
	htmlMaxBytes    = 16 << 20
	htmlMaxElements = 400_000
	// htmlMaxDepth is below the tree builder's own limit of 512 open
	// elements, beyond which it refuses the whole page.
	htmlMaxDepth = 400
)

// htmlOptions are the extraction settings, chosen by measurement on the
// dev half of the public benchmarks (internal/eval/extraction): the
// readability and DOM-distiller fallbacks lift F1 from 0.960 to 0.972 on
// the news benchmark and from 0.902 to 0.916 on trafilatura's set, for
// about a third more time; the recall and precision focuses and
// deduplication all scored lower. Comments are not the article.
var htmlOptions = trafilatura.Options{
	EnableFallback:  true,
	ExcludeComments: true,
	Focus:           trafilatura.Balanced,
	// Fast date search reads metadata, JSON-LD and the URL; the extensive
	// one scans the text with a date parser and costs more than the rest
	// of the extraction together.
	HtmlDateMode: trafilatura.Fast,
}

// ExtractHTML takes an article's main text and metadata out of an HTML page.
// pageURL may be empty. The returned article has Text, Title, Byline, Site,
// Outlet, URL, Language and Published set as far as the page tells them; ID
// and Hash are left to the caller. Text keeps the page's paragraphs,
// separated by blank lines, and its line breaks. A page with no article
// text is an error wrapping news.ErrInvalid.
func ExtractHTML(raw []byte, pageURL string) (a *news.Article, err error) {
	switch {
	case len(bytes.TrimSpace(raw)) == 0:
		return nil, fmt.Errorf("empty page: %w", news.ErrInvalid)
	case len(raw) > htmlMaxBytes:
		return nil, fmt.Errorf("page of %d bytes exceeds the %d-byte limit: %w", len(raw), htmlMaxBytes, news.ErrTooLarge)
	}
	defer func() {
		// The extraction libraries are large; a bug in them on one odd page
		// must cost that page, not the run.
		if p := recover(); p != nil {
			a, err = nil, fmt.Errorf("html extraction failed: %v: %w", p, news.ErrInvalid)
		}
	}()
	doc, err := htmlParse(raw)
	if err != nil {
		return nil, err
	}
	opts := htmlOptions
	if pageURL != "" {
		if u, err := url.Parse(pageURL); err == nil && u.IsAbs() {
			opts.OriginalURL = u
		}
	}
	// Readability is one of the extractor's fallbacks; running it here
	// costs nothing more and gives a second opinion on short paragraphs.
	var second string
	if opts.EnableFallback {
		if r, err := readability.FromDocument(doc, opts.OriginalURL); err == nil && r.Node != nil {
			opts.FallbackCandidates = &trafilatura.FallbackCandidates{Readability: r.Node}
			second = htmlKey(r.TextContent)
		}
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return nil, fmt.Errorf("no article text found in the page (%v): %w", err, news.ErrInvalid)
	}
	m := res.Metadata
	paras := htmlParagraphs(res.ContentNode)
	paras, removed := htmlDropHeadline(paras, m.Title)
	paras, furniture := htmlDropFurniture(paras, second)
	removed = append(removed, furniture...)
	text := htmlJoin(paras)
	if !htmlHasSentence(paras) && htmlWords(text) < 40 {
		return nil, fmt.Errorf("no article text found in the page (a few words and no sentence): %w", news.ErrInvalid)
	}
	a = &news.Article{
		Text:      text,
		Title:     htmlOneLine(m.Title),
		Byline:    htmlOneLine(m.Author),
		Site:      strings.TrimPrefix(strings.ToLower(m.Hostname), "www."),
		Outlet:    htmlOneLine(m.Sitename),
		URL:       htmlPageURL(m.URL, pageURL),
		Language:  m.Language,
		Published: htmlDate(m.Date, htmlStatedTime(doc)),
		Format:    "html",
		Removed:   removed,
	}
	if a.Site == "" {
		if u, err := url.Parse(a.URL); err == nil {
			a.Site = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	return a, nil
}

// htmlParse decodes the page to UTF-8 and builds its tree, flattening
// nesting too deep for the tree builder and refusing trees too large to
// process in bounded time.
func htmlParse(raw []byte) (*html.Node, error) {
	text := htmlDecode(raw)
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		// The builder gives up on more than 512 open elements; such pages
		// still have text worth reading, so cap the depth and try again.
		text = htmlFlatten(text, htmlMaxDepth)
		if doc, err = html.Parse(strings.NewReader(text)); err != nil {
			return nil, fmt.Errorf("parse html: %v: %w", err, news.ErrInvalid)
		}
	}
	if n := htmlCountElements(doc, htmlMaxElements); n > htmlMaxElements {
		return nil, fmt.Errorf("page has more than %d elements: %w", htmlMaxElements, news.ErrTooLarge)
	}
	return doc, nil
}

// htmlCountElements counts element nodes, stopping past limit.
func htmlCountElements(n *html.Node, limit int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count <= limit; c = c.NextSibling {
			if c.Type == html.ElementNode {
				count++
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// htmlPageURL prefers the page's own canonical address, when it is an
// absolute http(s) URL, over the address it was fetched from.
func htmlPageURL(canonical, fetched string) string {
	if u, err := url.Parse(strings.TrimSpace(canonical)); err == nil && u.IsAbs() && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return u.String()
	}
	return fetched
}

// htmlDate keeps a found date only when it is plausible for a news page:
// the date search can pick up copyright years and far-future placeholders.
// The search keeps the day only; the time the page states, when it falls
// on that day, is kept too, since the order of reports within a day matters.
func htmlDate(day, stated time.Time) time.Time {
	plausible := func(t time.Time) bool {
		return !t.IsZero() && t.Year() >= 1990 && t.Before(time.Now().AddDate(0, 0, 2))
	}
	if !plausible(day) {
		day = time.Time{}
	}
	if plausible(stated) {
		y, m, d := stated.Date()
		if day.IsZero() || day.Equal(time.Date(y, m, d, 0, 0, 0, 0, day.Location())) {
			return stated
		}
	}
	return day
}

// htmlPublishedNames are the <meta> names and properties pages state
// their publication time in.
var htmlPublishedNames = map[string]bool{
	"article:published_time": true, "og:published_time": true, "datepublished": true,
	"pubdate": true, "publishdate": true, "publish-date": true, "dc.date.issued": true,
	"dcterms.issued": true, "sailthru.date": true, "parsely-pub-date": true,
}

// htmlLDPublished finds datePublished in JSON-LD without decoding it all.
var htmlLDPublished = regexp.MustCompile(`"datePublished"\s*:\s*"([^"]{10,40})"`)

// htmlStatedTime returns the first publication time the page states in
// its metadata with a time of day, or zero.
func htmlStatedTime(doc *html.Node) time.Time {
	var found time.Time
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && found.IsZero(); c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.Data {
			case "meta":
				var key, content string
				for _, a := range c.Attr {
					switch a.Key {
					case "name", "property", "itemprop":
						key = strings.ToLower(strings.TrimSpace(a.Val))
					case "content":
						content = a.Val
					}
				}
				if htmlPublishedNames[key] {
					found = htmlParseTime(content)
				}
			case "script":
				if c.FirstChild != nil && strings.Contains(c.FirstChild.Data, "datePublished") {
					if m := htmlLDPublished.FindStringSubmatch(c.FirstChild.Data); m != nil {
						found = htmlParseTime(m[1])
					}
				}
			}
			walk(c)
		}
	}
	walk(doc)
	return found
}

// htmlParseTime reads a timestamp with a time of day; a date alone gives
// nothing, since the day comes from the date search anyway.
func htmlParseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

func htmlOneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// htmlDecode returns the page as UTF-8 in composed form. A byte-order mark
// decides; then valid UTF-8 is taken as such, whatever the page declares,
// since a page in a legacy encoding is almost never valid UTF-8 by chance;
// then the encoding the page declares, and windows-1252 (what browsers
// assume) when it declares none. Undecodable bytes become U+FFFD.
func htmlDecode(raw []byte) string {
	enc, _, certain := charset.DetermineEncoding(raw, "")
	var s string
	switch {
	case !certain && utf8.Valid(raw):
		s = string(raw)
	default:
		out, err := enc.NewDecoder().Bytes(raw)
		if err != nil {
			out = bytes.ToValidUTF8(raw, []byte("\uFFFD"))
		}
		s = strings.ToValidUTF8(string(out), "\uFFFD")
	}
	s = strings.TrimPrefix(s, "\uFEFF")
	// Soft hyphens are invisible break hints inside words; NFC makes
	// "e" + combining accent and "é" the same word.
	s = strings.ReplaceAll(s, "\u00AD", "")
	return norm.NFC.String(s)
}

// htmlFlatten drops the tags nested deeper than maxDepth, keeping all the
// text, so that the tree builder accepts the page.
func htmlFlatten(page string, maxDepth int) string {
	z := html.NewTokenizer(strings.NewReader(page))
	var b strings.Builder
	depth := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			if htmlVoid[atom.Lookup(name)] {
				b.Write(z.Raw())
				continue
			}
			depth++
			if depth <= maxDepth {
				b.Write(z.Raw())
			}
		case html.EndTagToken:
			if depth <= maxDepth {
				b.Write(z.Raw())
			}
			if depth > 0 {
				depth--
			}
		default:
			b.Write(z.Raw())
		}
	}
}

// htmlVoid elements have no end tag and so no depth.
var htmlVoid = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Source: true, atom.Track: true, atom.Wbr: true,
}

// htmlPara is one paragraph of the extracted text.
type htmlPara struct {
	text    string
	heading bool
	h1      bool // the page's top heading
}

// htmlBlocks start and end a paragraph.
var htmlBlocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Body: true, atom.Caption: true, atom.Dd: true, atom.Details: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Fieldset: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true,
	atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true, atom.Tr: true,
	atom.Ul: true, atom.Html: true,
}

var htmlHeadings = map[atom.Atom]bool{
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

// htmlSkipped hold no text a reader sees.
var htmlSkipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Head: true, atom.Svg: true, atom.Math: true, atom.Select: true, atom.Button: true,
}

// htmlWriter turns the extracted tree into paragraphs.
type htmlWriter struct {
	paras   []htmlPara
	cur     strings.Builder
	heading bool
	h1      bool
	last    rune // last rune of the current paragraph
	space   bool // whitespace seen since last
	line    bool // line break seen since last
	// soft is an inline element boundary since last. The extractor drops
	// some <br>s and block tags between inline runs, so two words meeting
	// at a boundary are kept apart, except in scripts written without
	// spaces.
	soft bool
}

func (w *htmlWriter) char(r rune) {
	if w.cur.Len() > 0 {
		switch {
		case w.line:
			w.cur.WriteByte('\n')
		case w.space:
			w.cur.WriteByte(' ')
		case w.soft && htmlWordRune(w.last) && htmlWordRune(r) && !htmlUnspaced(w.last) && !htmlUnspaced(r):
			w.cur.WriteByte(' ')
		}
	}
	w.line, w.space, w.soft = false, false, false
	w.cur.WriteRune(r)
	w.last = r
}

func (w *htmlWriter) text(s string, pre bool) {
	for _, r := range s {
		switch {
		case r == '\n' && pre:
			w.line = true
		case unicode.IsSpace(r):
			w.space = true
		case unicode.IsControl(r) || r == utf8.RuneError:
			// Stray control bytes and undecodable input are not text.
		default:
			w.char(r)
		}
	}
}

// end closes the current paragraph.
func (w *htmlWriter) end() {
	if t := strings.TrimSpace(w.cur.String()); t != "" {
		w.paras = append(w.paras, htmlPara{text: t, heading: w.heading, h1: w.h1})
	}
	w.cur.Reset()
	w.heading, w.h1, w.line, w.space, w.soft = false, false, false, false, false
}

func (w *htmlWriter) walk(n *html.Node, pre bool) {
	// The extractor renames elements without updating DataAtom, so the
	// name is the truth.
	var tag atom.Atom
	if n.Type == html.ElementNode {
		tag = atom.Lookup([]byte(n.Data))
	}
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, pre)
		return
	case html.ElementNode:
		switch {
		case htmlSkipped[tag]:
			return
		case tag == atom.Br:
			w.line = true
			return
		case tag == atom.Td || tag == atom.Th:
			w.space = true
		}
	}
	block := n.Type == html.ElementNode && htmlBlocks[tag]
	if block {
		w.end()
		w.heading = htmlHeadings[tag]
		w.h1 = tag == atom.H1
	} else {
		w.soft = true
	}
	start := w.cur.Len()
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, pre || tag == atom.Pre)
	}
	switch {
	case block:
		w.end()
	case start == 0 && w.cur.Len() == utf8.RuneLen(w.last) && unicode.IsUpper(w.last):
		// A drop capital styled apart begins the word that follows it.
	default:
		w.soft = true
	}
}

// htmlParagraphs returns the paragraphs of an extracted tree.
func htmlParagraphs(n *html.Node) []htmlPara {
	if n == nil {
		return nil
	}
	var w htmlWriter
	w.walk(n, false)
	w.end()
	return w.paras
}

func htmlJoin(paras []htmlPara) string {
	var b strings.Builder
	for i, p := range paras {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p.text)
	}
	return b.String()
}

// htmlWordRune is what `\w` matches: letters, numbers, underscore.
func htmlWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// htmlUnspaced reports scripts written without spaces between words.
func htmlUnspaced(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai,
		unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan)
}

// htmlDropHeadline removes the headline from the start of the text: the
// extractor often keeps the page's title (the stated title, or the page's
// h1), and a standfirst heading under it, as the first paragraphs. They
// are the article's title, not its body. Headings before the first
// paragraph are kept when no title precedes them: without a headline
// above, they are as often a lede set in large type (measured: dropping
// them too wins 0.0007 F1 on the news benchmark and loses 0.0017 on
// trafilatura's set).
func htmlDropHeadline(paras []htmlPara, title string) ([]htmlPara, []news.Removal) {
	var removed []news.Removal
	want := htmlKey(title)
	sawTitle := false
	for len(paras) > 1 {
		p := paras[0]
		k := htmlKey(p.text)
		isTitle := k != "" && want != "" && (k == want || len(k) >= 12 && strings.HasPrefix(want, k)) || p.h1
		var reason string
		switch {
		case isTitle:
			reason = "title repeated in the text"
			sawTitle = true
		case p.heading && sawTitle:
			reason = "heading before the first paragraph"
		default:
			return htmlDropTitleRepeats(paras, want, removed)
		}
		removed = append(removed, news.Removal{Text: p.text, Reason: reason})
		paras = paras[1:]
	}
	return htmlDropTitleRepeats(paras, want, removed)
}

// htmlDropTitleRepeats removes the title where it recurs further down, as
// share boxes and footers repeat it (dev: news benchmark +0.0005).
func htmlDropTitleRepeats(paras []htmlPara, want string, removed []news.Removal) ([]htmlPara, []news.Removal) {
	if want == "" || len(paras) < 2 {
		return paras, removed
	}
	kept := paras[:0:0]
	for _, p := range paras {
		if htmlKey(p.text) == want {
			removed = append(removed, news.Removal{Text: p.text, Reason: "title repeated in the text"})
			continue
		}
		kept = append(kept, p)
	}
	return kept, removed
}

// htmlKey folds a line for comparison: word characters only, lower case.
func htmlKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if htmlWordRune(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// htmlCallToAction matches the short lines pages put around an article
// asking the reader to do something other than read it.
var htmlCallToAction = regexp.MustCompile(`(?i)\b(sign(ing)? up|subscribe|subscribers?|subscription|newsletters?|click here|follow us|share this|share on|cookies?|all rights reserved|continue reading|read more|more stories|related (stories|articles)|download (the|our) app|get the .* app|originally published|reprinted|advertisement|was sent to|has been sent to|comments are moderated|leave a comment|` +
	// the same requests in the sets' other languages
	`zu teilen|jetzt teilen|artikel teilen|artikel bewerten|abonnieren|jetzt anmelden|kommentar schreiben|partager|abonnez-vous|inscrivez-vous|suscríbete|compartir|udostępnij|subskrybuj)\b`)

// htmlTeaserLead begins the short lines that point to other articles:
// an English label and a colon, or the common labels of the other
// languages the sets hold (German, French, Spanish, Italian, Portuguese,
// Polish, Dutch).
var htmlTeaserLead = regexp.MustCompile(`(?i)^((more|related|see also|also read|read also|recommended|trending|popular|watch|listen|most read)\b\s*:|` +
	`(auch lesen|lesen sie auch|schon gelesen|weitere artikel|mehr zum thema|mehr themen|auch interessant|das könnte sie auch interessieren|ähnliche artikel|verwandte artikel|` +
	`lire aussi|à lire aussi|voir aussi|sur le même sujet|lee también|te puede interesar|noticias relacionadas|ver también|leggi anche|potrebbe interessarti|` +
	`leia também|veja também|czytaj też|czytaj także|zobacz też|zobacz także|lees ook|meer nieuws)\b)`)

// htmlStamp finds a clock time or a numeric date: a line of up to 14
// words holding one and no sentence is a page's time stamp, a "posted by"
// line or a comment's header, not the article (dev: trafilatura-eval
// +0.0007; news benchmark +0.0010, where 8 words gained nothing and 20 no
// more than 14).
var htmlStamp = regexp.MustCompile(`\b(\d{1,2}:\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})\b`)

// htmlURLLine is a paragraph that is nothing but an address.
var htmlURLLine = regexp.MustCompile(`^\S+://\S+$`)

// The second-opinion rule, tuned on the dev half of both sets: paragraphs
// under 20 words are checked (10: F1 +0.0014 on the news benchmark, 20:
// +0.0042, 30: +0.0036, 50: -0.0015); a sentence of 10 words or more is
// spared, being prose (news -0.0006, trafilatura's set +0.0013: recipes
// and shop pages where readability took another part of the page); and
// the rule stands down when it would remove more than half of the words.
const (
	htmlConsensusWords   = 20
	htmlConsensusSpare   = 10
	htmlConsensusMaxLoss = 0.5
)

// htmlDropFurniture removes paragraphs that are page furniture by their
// shape: bare addresses and separators, and short calls to action. (A
// rule on link density was tried; it needs the extractor to keep links,
// which costs more recall than the rule wins.)
//
// second is the folded text of a second extraction (readability's). A
// short paragraph it does not contain is most often a caption, a teaser
// or a widget that only one of the two took in, and is dropped, unless
// the two disagree on most of the text, when the second is no guide.
func htmlDropFurniture(paras []htmlPara, second string) ([]htmlPara, []news.Removal) {
	var removed []news.Removal
	kept := paras[:0:0]
	for _, p := range paras {
		words := htmlWords(p.text)
		var reason string
		switch {
		case words == 0 || htmlURLLine.MatchString(p.text):
			reason = "bare address or separator"
		case words <= 30 && htmlCallToAction.MatchString(p.text):
			reason = "call to action"
		case words <= 14 && htmlStamp.MatchString(p.text) && !htmlIsSentence(p.text):
			reason = "time stamp"
		case words <= 12 && htmlTeaserLead.MatchString(p.text):
			reason = "teaser"
		}
		if reason != "" {
			removed = append(removed, news.Removal{Text: p.text, Reason: reason})
			continue
		}
		kept = append(kept, p)
	}
	if second == "" {
		return kept, removed
	}
	var out []htmlPara
	var outside []news.Removal
	total, lost := 0, 0
	for _, p := range kept {
		words := htmlWords(p.text)
		total += words
		if words < htmlConsensusWords && !(words >= htmlConsensusSpare && htmlIsSentence(p.text)) && !strings.Contains(second, htmlKey(p.text)) {
			lost += words
			outside = append(outside, news.Removal{Text: p.text, Reason: "short, and not in the second extraction"})
			continue
		}
		out = append(out, p)
	}
	if float64(lost) > htmlConsensusMaxLoss*float64(total) {
		return kept, removed
	}
	return out, append(removed, outside...)
}

// htmlWords counts runs of word characters; in a script written without
// spaces, every htmlCharsPerWord characters count as a word.
func htmlWords(s string) int {
	n, in, unspaced := 0, false, 0
	for _, r := range s {
		switch {
		case htmlUnspaced(r):
			unspaced++
			in = false
		case htmlWordRune(r):
			if !in {
				n++
			}
			in = true
		default:
			in = false
		}
	}
	return n + (unspaced+htmlCharsPerWord-1)/htmlCharsPerWord
}

// htmlCharsPerWord: Chinese and Japanese words run about two characters.
const htmlCharsPerWord = 2

// htmlHasSentence reports whether some paragraph reads as prose: a few
// words ending in a sentence mark. Menus, link lists, cookie buttons and
// bare titles, which is what the extractor's last-resort fallbacks return
// on a page without an article, do not; short pages without one are
// refused.
func htmlHasSentence(paras []htmlPara) bool {
	for _, p := range paras {
		if htmlIsSentence(p.text) {
			return true
		}
	}
	return false
}

// htmlIsSentence reports a paragraph of a few words ending in a sentence
// mark.
func htmlIsSentence(s string) bool {
	t := strings.TrimRight(s, " \"'”’»)]")
	last, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?…。！？:;\u0964\u06d4\u061f", last) && htmlWords(t) >= 4
}
