package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
 <title>Coast &amp; Country</title>
 <link>https://coast.example/</link>
 <language>en-gb</language>
 <item>
  <title>Storm closes the pier</title>
  <link>https://coast.example/news/pier</link>
  <dc:creator>Kari Holm</dc:creator>
  <pubDate>Tue, 05 Mar 2024 08:00:00 +0000</pubDate>
  <description>Short teaser.</description>
  <content:encoded><![CDATA[<p>The pier closed at dawn.</p><p>Waves reached<br>the promenade.</p><script>track()</script>]]></content:encoded>
 </item>
 <item>
  <title>Market moves indoors</title>
  <link>/news/market</link>
  <description>Traders packed up &amp; moved into the hall.</description>
 </item>
 <item>
  <title>Photo of the day</title>
  <link>https://coast.example/photo</link>
 </item>
</channel>
</rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>Upland Wire</title>
 <link href="https://upland.example/"/>
 <updated>2024-04-01T10:00:00Z</updated>
 <entry>
  <title type="html">Road &lt;em&gt;reopens&lt;/em&gt;</title>
  <link href="https://upland.example/road"/>
  <id>tag:upland.example,2024:road</id>
  <updated>2024-04-01T10:00:00Z</updated>
  <author><name>Per Berg</name></author>
  <content type="html">&lt;h2&gt;Update&lt;/h2&gt;&lt;p&gt;The pass is open again.&lt;/p&gt;</content>
 </entry>
</feed>`

const jsonFeed = `{"version": "https://jsonfeed.org/version/1.1", "title": "Lake Notes",
 "items": [{"id": "1", "url": "https://lake.example/ice", "title": "Ice thins",
   "content_html": "<p>Skaters were warned off the lake.</p>", "date_published": "2024-01-20T07:00:00Z",
   "authors": [{"name": "Liv Sand"}]}]}`

func TestFeeds(t *testing.T) {
	t.Run("rss", func(t *testing.T) {
		byName, _ := readTree(t, map[string]string{"coast.rss": rssFeed})
		first := one(t, byName, "coast.rss#1")
		a := first.Article
		if a == nil {
			t.Fatalf("item 1: %+v", first)
		}
		if want := "The pier closed at dawn.\n\nWaves reached\nthe promenade."; a.Text != want {
			t.Errorf("text %q, want %q (content over description, paragraphs kept, script dropped)", a.Text, want)
		}
		if !first.Clean || a.Format != "feed" {
			t.Errorf("clean %v format %q, want clean feed text", first.Clean, a.Format)
		}
		if a.Title != "Storm closes the pier" || a.URL != "https://coast.example/news/pier" || a.Source != a.URL ||
			a.Site != "coast.example" || a.Outlet != "Coast & Country" || a.Byline != "Kari Holm" || a.Language != "en-gb" {
			t.Errorf("metadata %+v", *a)
		}
		if !a.Published.Equal(time.Date(2024, 3, 5, 8, 0, 0, 0, time.UTC)) {
			t.Errorf("published %v", a.Published)
		}
		b := one(t, byName, "coast.rss#2").Article
		if b == nil || b.Text != "Traders packed up & moved into the hall." || b.URL != "https://coast.example/news/market" {
			t.Errorf("item 2: %+v, want the description and the link made absolute", b)
		}
		if it := one(t, byName, "coast.rss#3"); !errors.Is(it.Err, news.ErrInvalid) || !strings.Contains(it.Err.Error(), "no text") {
			t.Errorf("item 3: %+v, want an error for an item without text", it)
		}
	})
	t.Run("atom", func(t *testing.T) {
		byName, _ := readTree(t, map[string]string{"upland.atom": atomFeed})
		a := one(t, byName, "upland.atom#1").Article
		if a == nil {
			t.Fatal("no article")
		}
		if a.Text != "Update\n\nThe pass is open again." || a.Title != "Road reopens" || a.Byline != "Per Berg" || a.Outlet != "Upland Wire" {
			t.Errorf("got %+v", *a)
		}
		if a.Published.IsZero() {
			t.Errorf("no date, want the entry's updated time")
		}
	})
	t.Run("json feed sniffed from an unknown name", func(t *testing.T) {
		byName, _ := readTree(t, map[string]string{"lake.json": jsonFeed})
		a := one(t, byName, "lake.json#1").Article
		if a == nil || a.Text != "Skaters were warned off the lake." || a.Byline != "Liv Sand" || a.Site != "lake.example" {
			t.Errorf("got %+v", a)
		}
	})
	t.Run("rss sniffed from an unknown name", func(t *testing.T) {
		byName, _ := readTree(t, map[string]string{"feed.php": rssFeed})
		if len(byName["feed.php#1"]) != 1 || byName["feed.php#1"][0].Article == nil {
			t.Errorf("got %v, want the feed's items", keys(byName))
		}
	})
	t.Run("feed without items is skipped", func(t *testing.T) {
		byName, _ := readTree(t, map[string]string{"quiet.rss": `<rss version="2.0"><channel><title>Quiet</title></channel></rss>`})
		if it := one(t, byName, "quiet.rss"); it.Skip == "" {
			t.Errorf("got %+v, want a skip", it)
		}
	})
	t.Run("manifest speaks for the whole feed", func(t *testing.T) {
		byName, _ := readTree(t, map[string]string{
			"manifest.json": `[{"path": "coast.rss", "outlet": "Coastal Press", "title": "Not an item title"}]`,
			"coast.rss":     rssFeed,
		})
		a := one(t, byName, "coast.rss#1").Article
		if a == nil || a.Outlet != "Coastal Press" || a.Title != "Storm closes the pier" {
			t.Errorf("got %+v, want the manifest's outlet and the item's own title", a)
		}
	})
	t.Run("feed over the limit", func(t *testing.T) {
		it := readOne(t, "big.rss", []byte(rssFeed), Options{MaxBytes: 500})
		if !errors.Is(it.Err, news.ErrTooLarge) {
			t.Errorf("got %+v, want one too-large error", it)
		}
	})
	t.Run("markup-only content gives way to the description", func(t *testing.T) {
		feed := strings.Replace(rssFeed, "<p>The pier closed at dawn.</p><p>Waves reached<br>the promenade.</p>", `<img src="pier.jpg">`, 1)
		byName, _ := readTree(t, map[string]string{"coast.rss": feed})
		if a := one(t, byName, "coast.rss#1").Article; a == nil || a.Text != "Short teaser." {
			t.Errorf("got %+v, want the description", a)
		}
	})
	t.Run("json feed with invalid UTF-8", func(t *testing.T) {
		it := readOne(t, "lake.json", []byte(strings.Replace(jsonFeed, "Skaters", "Sk\xe4ters", 1)), Options{})
		if !errors.Is(it.Err, news.ErrInvalid) || !strings.Contains(it.Err.Error(), "invalid UTF-8 at byte") {
			t.Errorf("got %+v, want invalid UTF-8 refused, not repaired", it)
		}
	})
}
