package clean

import (
	"html"
	"regexp"
	"strings"
	"unicode"

	"storyline/internal/news"
)

// htmlNames are the element names whose tags count as markup residue. A
// closed set keeps "<" in ordinary prose ("fewer than <10 left") untouched.
const htmlNames = `a|abbr|article|aside|audio|b|blockquote|body|br|button|caption|cite|code|dd|del|div|dl|dt|em|embed|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|label|li|link|main|meta|nav|noscript|ol|p|picture|pre|q|s|script|section|small|source|span|strong|style|sub|sup|svg|table|tbody|td|th|thead|time|tr|u|ul|video`

var (
	// A whole tag, a comment, or a tag cut off by the end of the line (the
	// lone "<a href" a copy-paste leaves behind).
	tagRe = regexp.MustCompile(`(?i)<!--.*?-->|</?(?:` + htmlNames + `)(?:\s[^<>]*)?/?>|</?(?:` + htmlNames + `)(?:\s[^<>]*)?$`)
	// Word-press style shortcodes and markdown images.
	codeRe   = regexp.MustCompile(`(?i)\[/?(?:caption|embed|gallery|video|audio|tweet|instagram|youtube|ad)(?:\s[^\]]*)?\]|!\[[^\]]*\]\([^)]*\)`)
	entityRe = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});`)
	urlRe    = regexp.MustCompile(`^(?:https?://|www\.)\S+$`)
)

// stripMarkup removes tags and shortcodes from a line and decodes its
// character entities, returning the line and each piece it took out, in
// order. A line with no markup comes back unchanged.
func stripMarkup(s string) (string, []news.Removal) {
	if strings.IndexAny(s, "<&[!") < 0 {
		return s, nil
	}
	type hit struct {
		start, end int
		reason     string
	}
	var hits []hit
	for _, re := range []*regexp.Regexp{tagRe, codeRe} {
		for _, m := range re.FindAllStringIndex(s, -1) {
			hits = append(hits, hit{m[0], m[1], "markup"})
		}
	}
	for _, m := range entityRe.FindAllStringIndex(s, -1) {
		if html.UnescapeString(s[m[0]:m[1]]) != s[m[0]:m[1]] {
			hits = append(hits, hit{m[0], m[1], "html entity"})
		}
	}
	if len(hits) == 0 {
		return s, nil
	}
	// Order by position and drop overlaps (an entity inside a tag's
	// attributes goes with the tag).
	for i := 1; i < len(hits); i++ {
		for j := i; j > 0 && hits[j].start < hits[j-1].start; j-- {
			hits[j], hits[j-1] = hits[j-1], hits[j]
		}
	}
	var b strings.Builder
	var removed []news.Removal
	last := 0
	for _, h := range hits {
		if h.start < last {
			continue
		}
		b.WriteString(s[last:h.start])
		piece := s[h.start:h.end]
		removed = append(removed, news.Removal{Text: piece, Reason: h.reason})
		if h.reason == "html entity" {
			b.WriteString(html.UnescapeString(piece))
		} else if h.start > 0 && h.end < len(s) && s[h.start-1] == ' ' && s[h.end] == ' ' {
			// "word <br> word": keep one space, not two.
			last = h.end + 1
			continue
		}
		last = h.end
	}
	b.WriteString(s[last:])
	return strings.TrimSpace(b.String()), removed
}

// hasWordChars reports whether s holds a letter or digit.
func hasWordChars(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}
