package gen

import (
	"fmt"
	"html"
	"strings"
)

// navSections are the links of a page's navigation bar and footer.
var navSections = []string{"Home", "News", "World", "Politics", "Business", "Markets", "Technology", "Science", "Health",
	"Sport", "Football", "Culture", "Books", "Travel", "Weather", "Opinion", "Letters", "Obituaries", "Podcasts", "Video",
	"Puzzles", "Crosswords", "Newsletters", "Archive"}

// HTML renders the article as its outlet's web page: head metadata
// (Open Graph, JSON-LD, canonical link), a style sheet and scripts,
// navigation, a cookie banner, the article with a photo and an advert slot,
// "most read" links, a newsletter box and a footer. Pages come to about
// 25 KB, of which the article is a fifth, as on typical news sites.
func (it *Item) HTML() []byte {
	a := &it.Article
	r := newRNG(uint64(it.Index), 0x47)
	esc := html.EscapeString
	var b strings.Builder
	b.Grow(32 << 10)
	pub := a.Published.Format("2006-01-02T15:04:05Z07:00")
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s | %s</title>\n", esc(a.Title), esc(a.Outlet))
	fmt.Fprintf(&b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<link rel=\"canonical\" href=\"%s\">\n", esc(a.URL))
	fmt.Fprintf(&b, "<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"%s\">\n<meta property=\"og:site_name\" content=\"%s\">\n<meta property=\"og:url\" content=\"%s\">\n",
		esc(a.Title), esc(a.Outlet), esc(a.URL))
	fmt.Fprintf(&b, "<meta name=\"author\" content=\"%s\">\n<meta property=\"article:published_time\" content=\"%s\">\n<meta property=\"article:section\" content=\"%s\">\n",
		esc(a.Byline), pub, esc(it.outlet.section))
	fmt.Fprintf(&b, "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":%q,\"datePublished\":%q,\"author\":{\"@type\":\"Person\",\"name\":%q},\"publisher\":{\"@type\":\"Organization\",\"name\":%q}}</script>\n",
		jsonSafe(a.Title), pub, jsonSafe(a.Byline), jsonSafe(a.Outlet))
	b.WriteString("<style>\n")
	writeStyles(&b, r)
	b.WriteString("</style>\n<script>window.dataLayer=window.dataLayer||[];function track(e){window.dataLayer.push(e)}track({page:'article'});</script>\n</head>\n<body class=\"article-page\">\n")
	b.WriteString("<div id=\"cookie-banner\" class=\"banner\"><p>We use cookies to remember your settings and to measure how the site is used. You can change your choice at any time in the privacy settings.</p><button>Accept all</button> <button>Manage choices</button></div>\n")
	fmt.Fprintf(&b, "<header class=\"masthead\"><a class=\"logo\" href=\"https://%s/\">%s</a>\n<nav class=\"primary\"><ul>\n", it.outlet.site, esc(a.Outlet))
	for _, s := range navSections {
		fmt.Fprintf(&b, "<li><a href=\"https://%s/%s/\">%s</a></li>\n", it.outlet.site, slug(s), s)
	}
	b.WriteString("</ul></nav>\n<form class=\"search\" action=\"/search\"><input name=\"q\" placeholder=\"Search\"><button>Go</button></form>\n<a class=\"subscribe\" href=\"/subscribe\">Subscribe</a> <a class=\"signin\" href=\"/signin\">Sign in</a>\n</header>\n")
	fmt.Fprintf(&b, "<main>\n<article class=\"story\">\n<p class=\"kicker\"><a href=\"/%s/\">%s</a></p>\n<h1>%s</h1>\n", slug(it.outlet.section), esc(it.outlet.section), esc(a.Title))
	fmt.Fprintf(&b, "<div class=\"meta\"><span class=\"byline\">By <a rel=\"author\" href=\"/authors/%s\">%s</a></span> <time datetime=\"%s\">%s</time></div>\n",
		urlSlug(a.Byline), esc(a.Byline), pub, a.Published.Format("2 January 2006, 15:04"))
	fmt.Fprintf(&b, "<div class=\"share\"><a href=\"#\">Share</a> <a href=\"#\">Email</a> <a href=\"#\">Copy link</a></div>\n")
	for i, p := range it.paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p))
		switch i {
		case 0:
			fmt.Fprintf(&b, "<figure class=\"lead-image\"><img src=\"https://img.%s/%d.jpg\" alt=\"\" width=\"1200\" height=\"800\"><figcaption>Photo: %s</figcaption></figure>\n", it.outlet.site, it.Index, esc(it.photo))
		case 2:
			b.WriteString("<div class=\"ad-slot\" data-slot=\"mid-article\"><span>Advertisement</span></div>\n")
		case 4:
			fmt.Fprintf(&b, "<aside class=\"inline-related\"><strong>Read more:</strong> <a href=\"/news/%s\">%s</a></aside>\n", urlSlug(it.related[0]), esc(it.related[0]))
		}
	}
	b.WriteString("<div class=\"tags\"><a href=\"/tags/disasters\">Disasters</a> <a href=\"/tags/rescue\">Rescue</a> <a href=\"/tags/weather\">Weather</a></div>\n</article>\n")
	b.WriteString("<aside class=\"most-read\"><h2>Most read</h2><ol>\n")
	for i := range 10 {
		h := it.related[i%len(it.related)]
		if i >= len(it.related) {
			h = fmt.Sprintf("%s (%s)", h, pick(r, "video", "live", "analysis", "opinion", "in pictures"))
		}
		fmt.Fprintf(&b, "<li><a href=\"/news/%s-%d\">%s</a></li>\n", urlSlug(h), i, esc(h))
	}
	b.WriteString("</ol></aside>\n")
	fmt.Fprintf(&b, "<section class=\"newsletter\"><h2>Get the %s newsletter</h2><p>The day's most important stories, every weekday morning.</p><form><input type=\"email\" placeholder=\"Your email address\"><button>Sign up</button></form></section>\n", esc(a.Outlet))
	b.WriteString("<section class=\"comments\"><h2>Comments</h2><p>Comments are closed for this article.</p></section>\n</main>\n")
	b.WriteString("<footer><ul>\n")
	for _, s := range navSections {
		fmt.Fprintf(&b, "<li><a href=\"https://%s/%s/\">%s</a></li>\n", it.outlet.site, slug(s), s)
	}
	for _, s := range []string{"About us", "Contact", "Careers", "Advertise", "Privacy policy", "Cookie settings", "Terms of use", "Accessibility"} {
		fmt.Fprintf(&b, "<li><a href=\"/%s\">%s</a></li>\n", urlSlug(s), s)
	}
	fmt.Fprintf(&b, "</ul><p>&copy; %d %s. All rights reserved.</p></footer>\n", a.Published.Year(), esc(a.Outlet))
	b.WriteString("<script>document.querySelectorAll('.banner button').forEach(function(b){b.onclick=function(){b.parentNode.remove()}});</script>\n</body>\n</html>\n")
	return []byte(b.String())
}

// writeStyles writes a style sheet of the size news sites ship inline.
func writeStyles(b *strings.Builder, r *rng) {
	props := []string{"margin:0 auto", "padding:0.5rem 1rem", "font-family:Georgia,serif", "font-size:1.125rem", "line-height:1.6",
		"color:#1a1a1a", "background:#fff", "display:flex", "gap:1rem", "border-bottom:1px solid #ddd", "max-width:720px", "text-decoration:none"}
	parts := []string{"story", "masthead", "primary", "kicker", "meta", "byline", "share", "lead-image", "ad-slot", "inline-related", "tags", "most-read", "newsletter", "comments", "banner", "logo", "search"}
	for i := range 90 {
		fmt.Fprintf(b, ".%s-%d{%s;%s;%s}\n", parts[i%len(parts)], i, pick(r, props...), pick(r, props...), pick(r, props...))
	}
}

// jsonSafe keeps %q output valid JSON inside a script: Go's quoting of our
// plain text matches JSON's except for "<", which must not close the tag.
func jsonSafe(s string) string { return strings.ReplaceAll(s, "<", "") }
