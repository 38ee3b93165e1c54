package watch

import (
	"testing"
	"time"
)

// FuzzFeed reads any bytes as a feed: it never panics, and each item it
// finds can be written as a one-item feed that reads back as one item.
func FuzzFeed(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><title>T</title><item><title>A</title><link>http://x.test/a</link><description>Body &amp; more</description></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id><title>A</title><content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>`))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","content_text":"x"}]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		feed, err := parse(raw)
		if err != nil {
			return
		}
		for _, it := range feed.Items {
			if it == nil {
				continue
			}
			_ = itemID(it)
			x, err := oneItemFeed(feed, it)
			if err != nil {
				continue
			}
			back, err := parse(x)
			if err != nil {
				t.Fatalf("one-item feed does not read back: %v\n%s", err, x)
			}
			if len(back.Items) != 1 {
				t.Fatalf("one-item feed has %d items:\n%s", len(back.Items), x)
			}
		}
	})
}

func FuzzParseRetryAfter(f *testing.F) {
	f.Add("120")
	f.Add("Tue, 04 May 2032 09:10:00 GMT")
	f.Fuzz(func(t *testing.T, v string) {
		if d := parseRetryAfter(v, time.Now()); d < 0 {
			t.Fatalf("negative wait %v for %q", d, v)
		}
	})
}
