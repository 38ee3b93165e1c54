package demo

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
)

// manifestEntry mirrors DESIGN.md's manifest object; pointers tell null from
// empty.
type manifestEntry struct {
	Path      *string `json:"path"`
	URL       *string `json:"url"`
	Site      *string `json:"site"`
	Outlet    *string `json:"outlet"`
	Byline    *string `json:"byline"`
	Title     *string `json:"title"`
	Published *string `json:"published"`
	Language  *string `json:"language"`
}

func readManifest(t *testing.T) []manifestEntry {
	t.Helper()
	raw, err := fs.ReadFile(FS(), "manifest.json")
	if err != nil {
		t.Fatalf("read manifest: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var m []manifestEntry
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("parse manifest.json: %v", err)
	}
	return m
}

// feedItem is the part of an RSS item the gold refers to.
type feedItem struct {
	GUID        string `xml:"guid"`
	Link        string `xml:"link"`
	PubDate     string `xml:"pubDate"`
	Description string `xml:"description"`
	Content     string `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
}

func feedItems(t *testing.T, path string) map[string]feedItem {
	t.Helper()
	raw, err := fs.ReadFile(FS(), path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var rss struct {
		Items []feedItem `xml:"channel>item"`
	}
	if err := xml.Unmarshal(raw, &rss); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	items := map[string]feedItem{}
	for _, it := range rss.Items {
		if _, dup := items[it.GUID]; dup {
			t.Fatalf("%s: item %q twice", path, it.GUID)
		}
		items[it.GUID] = it
	}
	return items
}

// jsonLines returns the "text" of each line of a JSON lines file.
func jsonLines(t *testing.T, path string) []string {
	t.Helper()
	raw, err := fs.ReadFile(FS(), path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var texts []string
	for i, line := range strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n") {
		var obj struct {
			Text *string `json:"text"`
		}
		if err := json.Unmarshal([]byte(line), &obj); err != nil || obj.Text == nil {
			t.Fatalf("%s:%d: no JSON object with a text: %v", path, i+1, err)
		}
		texts = append(texts, *obj.Text)
	}
	return texts
}

// body returns the part of an article's file the gold may cite: a text file
// whole, an HTML page from <body> on (not its meta tags), a feed item's full
// text, or its description when it has none, a JSON line's text.
func body(t *testing.T, a Article) string {
	t.Helper()
	if a.Format == "jsonl" {
		n, err := strconv.Atoi(a.Item)
		lines := jsonLines(t, a.Path)
		if err != nil || n < 1 || n > len(lines) {
			t.Fatalf("%s: no line %q in %s", a.Key, a.Item, a.Path)
		}
		return lines[n-1]
	}
	if a.Item != "" {
		it, ok := feedItems(t, a.Path)[a.Item]
		if !ok {
			t.Fatalf("%s: no item %q in %s", a.Key, a.Item, a.Path)
		}
		if it.Content != "" {
			return it.Content
		}
		return it.Description
	}
	raw, err := fs.ReadFile(FS(), a.Path)
	if err != nil {
		t.Fatalf("%s: %v", a.Key, err)
	}
	s := string(raw)
	if a.Format == "html" {
		i := strings.Index(s, "<body")
		if i < 0 {
			t.Fatalf("%s: no <body> in %s", a.Key, a.Path)
		}
		s = s[i:]
	}
	return s
}

func TestCorpusFilesAreListedAndValid(t *testing.T) {
	listed := map[string]bool{}
	for _, e := range readManifest(t) {
		if e.Path == nil || *e.Path == "" {
			t.Fatalf("manifest entry without a path: %+v", e)
		}
		listed[*e.Path] = true
	}
	n := 0
	err := fs.WalkDir(FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		raw, err := fs.ReadFile(FS(), path)
		if err != nil {
			return err
		}
		if !utf8.Valid(raw) {
			t.Errorf("%s is not valid UTF-8", path)
		}
		if bytes.ContainsRune(raw, 0) || bytes.Contains(raw, []byte("\r")) {
			t.Errorf("%s holds NUL or CR bytes", path)
		}
		if path != "manifest.json" && path != "README.md" && !listed[path] {
			t.Errorf("%s is in the corpus but not in manifest.json", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 6 {
		t.Errorf("corpus has %d files; want the manifest, the README and at least 4 inputs", n)
	}
}

func TestCorpusHasEnoughArticlesAndFormats(t *testing.T) {
	// Count from the files themselves, not the gold: a page per HTML or
	// text file, an article per feed item.
	byExt := map[string]int{}
	paths, err := fs.Glob(FS(), "*.*")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		switch {
		case strings.HasSuffix(p, ".html"), strings.HasSuffix(p, ".txt"):
			byExt[p[strings.LastIndex(p, "."):]]++
		case strings.HasSuffix(p, ".xml"):
			byExt[".xml"] += len(feedItems(t, p))
		case strings.HasSuffix(p, ".jsonl"):
			byExt[".jsonl"] += len(jsonLines(t, p))
		}
	}
	n := byExt[".html"] + byExt[".txt"] + byExt[".xml"] + byExt[".jsonl"]
	if n < 8 || len(byExt) < 3 {
		t.Errorf("files hold %d articles in %d formats (%v); want at least 8 in 3", n, len(byExt), byExt)
	}

	g := Gold()
	if n != len(g.Articles) {
		t.Errorf("files hold %d articles, the gold describes %d", n, len(g.Articles))
	}
	formats, outlets := map[string]int{}, map[string]bool{}
	for _, a := range g.Articles {
		formats[a.Format]++
		outlets[a.Outlet] = true
	}
	if len(g.Articles) < 8 {
		t.Errorf("%d articles, want at least 8", len(g.Articles))
	}
	if len(formats) < 3 {
		t.Errorf("formats %v, want at least 3", formats)
	}
	if len(outlets) < 4 {
		t.Errorf("%d outlets, want at least 4", len(outlets))
	}
}

func TestManifestMatchesGold(t *testing.T) {
	g := Gold()
	byPath := map[string]Article{}
	for _, a := range g.Articles {
		if a.Item == "" {
			byPath[a.Path] = a
		}
	}
	for _, e := range readManifest(t) {
		path := *e.Path
		if _, err := fs.Stat(FS(), path); err != nil {
			t.Errorf("manifest lists %s: %v", path, err)
			continue
		}
		if e.Published != nil {
			if _, err := parsePublished(*e.Published); err != nil {
				t.Errorf("%s: %v", path, err)
			}
		}
		if e.Language == nil || *e.Language != "en" {
			t.Errorf("%s: language %v, want en", path, e.Language)
		}
		a, ok := byPath[path]
		if !ok {
			continue // the feed: its items carry their own metadata
		}
		delete(byPath, path)
		for _, c := range []struct {
			field string
			got   *string
			want  string
		}{
			{"url", e.URL, a.URL}, {"site", e.Site, a.Site}, {"outlet", e.Outlet, a.Outlet},
			{"byline", e.Byline, a.Byline}, {"title", e.Title, a.Title}, {"published", e.Published, a.Published},
		} {
			got := ""
			if c.got != nil {
				got = *c.got
			}
			if got != c.want {
				t.Errorf("%s: manifest %s %q, gold %q", path, c.field, got, c.want)
			}
		}
	}
	for path := range byPath {
		t.Errorf("gold article file %s is not in the manifest", path)
	}
}

func parsePublished(s string) (time.Time, error) {
	if p, err := time.Parse(time.RFC3339, s); err == nil {
		return p, nil
	}
	p, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("published %q is neither YYYY-MM-DD nor RFC 3339", s)
	}
	return p, nil
}

func TestEveryLinkIsOnAReservedDomain(t *testing.T) {
	link := regexp.MustCompile(`https?://[^\s"'<>)]+`)
	err := fs.WalkDir(FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(FS(), path)
		if err != nil {
			return err
		}
		for _, m := range link.FindAllString(string(raw), -1) {
			u, err := url.Parse(m)
			if err != nil {
				t.Errorf("%s: bad link %q: %v", path, m, err)
				continue
			}
			h := u.Hostname()
			// Namespace URIs of XML formats are identifiers, not links to
			// invented outlets.
			if strings.HasSuffix(h, ".example") || strings.HasSuffix(h, ".test") ||
				h == "purl.org" || h == "www.w3.org" || h == "schema.org" {
				continue
			}
			t.Errorf("%s links to %q: the corpus must only name invented hosts", path, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFeedParsesWithGofeed(t *testing.T) {
	g := Gold()
	raw, err := fs.ReadFile(FS(), feedFile)
	if err != nil {
		t.Fatal(err)
	}
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("parse %s: %v", feedFile, err)
	}
	if feed.FeedType != "rss" || feed.FeedVersion != "2.0" {
		t.Errorf("feed is %s %s, want rss 2.0", feed.FeedType, feed.FeedVersion)
	}
	items := map[string]*gofeed.Item{}
	for _, it := range feed.Items {
		items[it.GUID] = it
	}
	var full, brief int
	for _, a := range g.Articles {
		if a.Path != feedFile {
			continue
		}
		it, ok := items[a.Item]
		if !ok {
			t.Errorf("%s: gofeed found no item %q", a.Key, a.Item)
			continue
		}
		delete(items, a.Item)
		if it.Link != a.URL || it.Title != a.Title {
			t.Errorf("%s: item link %q title %q, gold %q %q", a.Key, it.Link, it.Title, a.URL, a.Title)
		}
		want, _ := time.Parse(time.RFC3339, a.Published)
		if it.PublishedParsed == nil || !it.PublishedParsed.Equal(want) {
			t.Errorf("%s: item published %v, gold %s", a.Key, it.PublishedParsed, a.Published)
		}
		if it.Author == nil || it.Author.Name != a.Byline {
			t.Errorf("%s: item author %v, gold %q", a.Key, it.Author, a.Byline)
		}
		switch {
		case a.Brief && it.Content == "":
			brief++
		case !a.Brief && it.Content != "":
			full++
		default:
			t.Errorf("%s: brief %v but content of %d bytes", a.Key, a.Brief, len(it.Content))
		}
	}
	for guid := range items {
		t.Errorf("feed item %q is not in the gold", guid)
	}
	if full < 2 || brief < 1 {
		t.Errorf("%d items with full text and %d with a description only; want at least 2 and 1", full, brief)
	}
}

var (
	tagRE   = regexp.MustCompile(`<[^>]*>`)
	asideRE = regexp.MustCompile(`(?s)<aside.*?</aside>|<div class="newsletter-signup">.*?</div>`)
)

// story returns the markup of an HTML article's story, from the start of
// its body text to the share buttons or tags after it.
func story(t *testing.T, a Article) string {
	t.Helper()
	s := body(t, a)
	start := regexp.MustCompile(`<div class="(story-body|article-text)">`).FindStringIndex(s)
	if start == nil {
		t.Fatalf("%s: no story body in %s", a.Key, a.Path)
	}
	s = s[start[1]:]
	end := regexp.MustCompile(`<div class="(share|tags)`).FindStringIndex(s)
	if end == nil {
		t.Fatalf("%s: no end of story body in %s", a.Key, a.Path)
	}
	return s[:end[0]]
}

// articleWords counts the words of an article's own text: the story's
// paragraphs for HTML, the file less its furniture for text.
func articleWords(t *testing.T, a Article) int {
	t.Helper()
	s := body(t, a)
	switch a.Format {
	case "html":
		s = asideRE.ReplaceAllString(story(t, a), " ")
	case "text", "jsonl":
		for _, f := range a.Furniture {
			s = strings.Replace(s, f, " ", 1)
		}
	}
	return len(strings.Fields(tagRE.ReplaceAllString(s, " ")))
}

func TestArticleLengths(t *testing.T) {
	for _, a := range Gold().Articles {
		t.Run(a.Key, func(t *testing.T) {
			n := articleWords(t, a)
			lo, hi := 300, 900
			if a.Brief {
				lo, hi = 30, 150
			}
			if n < lo || n > hi {
				t.Errorf("%d words, want %d–%d", n, lo, hi)
			}
		})
	}
}

func TestHTMLMetadataMatchesGold(t *testing.T) {
	for _, a := range Gold().Articles {
		if a.Format != "html" {
			continue
		}
		t.Run(a.Key, func(t *testing.T) {
			raw, err := fs.ReadFile(FS(), a.Path)
			if err != nil {
				t.Fatal(err)
			}
			s := string(raw)
			for _, want := range []string{
				`<meta property="og:title" content="` + a.Title + `">`,
				`<meta property="article:published_time" content="` + a.Published + `">`,
				`<meta name="author" content="` + a.Byline + `">`,
				`<link rel="canonical" href="` + a.URL + `">`,
			} {
				if !strings.Contains(s, want) {
					t.Errorf("page lacks %s", want)
				}
			}
		})
	}
}

// TestCopyIsWordForWord checks the near duplicate: every paragraph of the
// original's story occurs unchanged in its copy.
func TestCopyIsWordForWord(t *testing.T) {
	g := Gold()
	para := regexp.MustCompile(`<p>([^<]+)</p>`)
	copies := 0
	for _, a := range g.Articles {
		if a.CopyOf == "" {
			continue
		}
		copies++
		orig, ok := g.Article(a.CopyOf)
		if !ok {
			t.Fatalf("%s copies unknown %s", a.Key, a.CopyOf)
		}
		src, dst := story(t, orig), body(t, a)
		n := 0
		for _, m := range para.FindAllStringSubmatch(src, -1) {
			if strings.Contains(m[1], "free articles") {
				continue // the original's subscription prompt
			}
			n++
			if !strings.Contains(dst, m[1]) {
				t.Errorf("%s lacks %s's paragraph %q", a.Key, orig.Key, m[1])
			}
		}
		if n < 10 {
			t.Errorf("%s has only %d story paragraphs", orig.Key, n)
		}
	}
	if copies == 0 {
		t.Error("the gold names no near duplicate")
	}
}

func TestJSONLinesMatchGold(t *testing.T) {
	for _, a := range Gold().Articles {
		if a.Format != "jsonl" {
			continue
		}
		raw, err := fs.ReadFile(FS(), a.Path)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := strconv.Atoi(a.Item)
		lines := strings.Split(string(raw), "\n")
		if n < 1 || n > len(lines) {
			t.Fatalf("%s: no line %s", a.Key, a.Item)
		}
		var e manifestEntry
		if err := json.Unmarshal([]byte(lines[n-1]), &e); err != nil {
			t.Fatalf("%s: %v", a.Key, err)
		}
		if e.URL == nil || *e.URL != a.URL || e.Title == nil || *e.Title != a.Title ||
			e.Published == nil || *e.Published != a.Published || e.Outlet != nil || e.Byline != nil {
			t.Errorf("%s: line metadata %+v does not match the gold (and should name no outlet or byline)", a.Key, e)
		}
	}
}
