package watch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/mmcdole/gofeed"

	"storyline/internal/news"
)

// Result says what one poll did.
type Result struct {
	NotModified bool // the server answered 304
	Items       int  // items in the feed
	Added       int  // new items handed to Add
	Deferred    int  // new items left for the next poll (page or Add failed)
	Next        time.Time
}

// Poll fetches one feed now, hands on its new items, and keeps the state.
// Errors are counted in the state and push the next poll back.
func (w *Watcher) Poll(ctx context.Context, f Feed) (Result, error) {
	interval := f.Interval
	if interval <= 0 {
		interval = w.cfg.Interval
	}
	st, err := w.load(ctx, f.URL)
	if err != nil {
		return Result{}, err
	}
	res, err := w.poll(ctx, f.URL, st)
	if ctx.Err() != nil && err != nil {
		return res, err // stopped: keep the state as it was, poll again at start
	}
	now := w.cfg.Now()
	if err != nil {
		st.Errors++
		st.LastError = err.Error()
		st.Next = now.Add(w.backoff(st.Errors, retryAfterOf(err)))
		w.log.Warn("watch: feed failed; backing off", "feed", f.URL, "errors_in_a_row", st.Errors, "next", st.Next.Format(time.RFC3339), "err", err)
	} else {
		if st.Errors > 0 {
			w.log.Info("watch: feed works again", "feed", f.URL, "after_errors", st.Errors)
		}
		st.Errors, st.LastError, st.LastOK = 0, "", now
		st.Next = now.Add(interval)
	}
	res.Next = st.Next
	if serr := w.save(ctx, f.URL, st); serr != nil {
		return res, errors.Join(err, serr)
	}
	return res, err
}

func (w *Watcher) poll(ctx context.Context, feedURL string, st *state) (Result, error) {
	var res Result
	got, err := w.get(ctx, feedURL, w.cfg.MaxFeedBytes, st.ETag, st.LastModified, "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5")
	if err != nil {
		return res, err
	}
	if got.notModified {
		res.NotModified = true
		return res, nil
	}
	feed, err := parse(got.body)
	if err != nil {
		return res, fmt.Errorf("feed %s: %w", feedURL, err)
	}
	res.Items = len(feed.Items)
	seen := make(map[string]bool, len(st.Seen))
	for _, id := range st.Seen {
		seen[id] = true
	}
	if st.PageFailures == nil {
		st.PageFailures = map[string]int{}
	}
	// Oldest first, so that a feed cut short by a stop resumes in order.
	items := slices.Clone(feed.Items)
	slices.Reverse(items)
	for _, it := range items {
		if it == nil {
			continue
		}
		id := itemID(it)
		if id == "" || seen[id] {
			continue
		}
		if ctx.Err() != nil {
			res.Deferred++
			continue
		}
		item := w.item(feedURL, feed, it, id)
		if item.Link != "" {
			page, final, perr := w.page(ctx, item.Link)
			switch {
			case perr == nil:
				item.Page, item.Link = page, final
			case st.PageFailures[id]+1 < pageTries && ctx.Err() == nil:
				st.PageFailures[id]++
				res.Deferred++
				w.log.Warn("watch: article page failed; it is tried again at the next poll", "feed", feedURL, "page", item.Link,
					"try", st.PageFailures[id], "of", pageTries, "err", perr)
				continue
			default:
				w.log.Warn("watch: article page failed again; using the feed's own text of the item", "feed", feedURL, "page", item.Link, "err", perr)
			}
		}
		if item.Page == nil {
			x, err := oneItemFeed(feed, it)
			if err != nil {
				w.log.Warn("watch: item skipped", "feed", feedURL, "item", id, "err", err)
				seen[id] = true
				st.Seen = append(st.Seen, id)
				continue
			}
			item.FeedXML = x
		}
		if err := w.cfg.Add(ctx, item); err != nil {
			res.Deferred++
			w.log.Warn("watch: could not add the item; it is tried again at the next poll", "feed", feedURL, "item", id, "err", err)
			continue
		}
		delete(st.PageFailures, id)
		seen[id] = true
		st.Seen = append(st.Seen, id)
		res.Added++
	}
	// The validators are kept only when every item was handed on: a 304
	// next time would otherwise hide the items left for later.
	if res.Deferred == 0 {
		st.ETag, st.LastModified = got.etag, got.lastModified
	} else {
		st.ETag, st.LastModified = "", ""
	}
	for id := range st.PageFailures {
		if seen[id] {
			delete(st.PageFailures, id)
		}
	}
	return res, nil
}

func (w *Watcher) item(feedURL string, f *gofeed.Feed, it *gofeed.Item, id string) Item {
	item := Item{Feed: feedURL, FeedTitle: oneLine(f.Title), ID: id, Link: it.Link, Title: oneLine(it.Title)}
	if checkURL(item.Link) != nil {
		item.Link = ""
	}
	if t := firstTime(it.PublishedParsed, it.UpdatedParsed); t != nil {
		item.Published = t.UTC().Format(time.RFC3339)
	}
	for _, a := range it.Authors {
		if a != nil && a.Name != "" {
			item.Byline = oneLine(a.Name)
			break
		}
	}
	return item
}

// itemID names an item: its guid, else its link, else a hash of its title
// and text, so the same item is recognised across polls.
func itemID(it *gofeed.Item) string {
	switch {
	case it.GUID != "":
		return clip(it.GUID, 500)
	case it.Link != "":
		return clip(it.Link, 500)
	case it.Title != "" || it.Description != "" || it.Content != "":
		sum := sha256.Sum256([]byte(it.Title + "\x00" + it.Description + "\x00" + it.Content))
		return "sha256:" + hex.EncodeToString(sum[:16])
	}
	return ""
}

// parse runs gofeed on a bounded body, turning any panic inside it into
// an error: a feed from outside must never bring the watcher down.
func parse(raw []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("malformed feed: parser failed: %v: %w", p, news.ErrInvalid)
		}
	}()
	f, err = gofeed.NewParser().Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("malformed feed: %v: %w", err, news.ErrInvalid)
	}
	if f == nil {
		return nil, fmt.Errorf("malformed feed: nothing parsed: %w", news.ErrInvalid)
	}
	return f, nil
}

// oneItemFeed writes the item as an RSS document of its own, so that it is
// read like any feed (internal/ingest) when its page is out of reach.
func oneItemFeed(f *gofeed.Feed, it *gofeed.Item) ([]byte, error) {
	body := it.Content
	if len(body) < len(it.Description) {
		body = it.Description
	}
	if body == "" {
		return nil, fmt.Errorf("no page and no text in the feed: %w", news.ErrInvalid)
	}
	type item struct {
		Title       string `xml:"title,omitempty"`
		Link        string `xml:"link,omitempty"`
		GUID        string `xml:"guid,omitempty"`
		PubDate     string `xml:"pubDate,omitempty"`
		Author      string `xml:"author,omitempty"`
		Description string `xml:"description"`
	}
	type channel struct {
		Title string `xml:"title"`
		Link  string `xml:"link,omitempty"`
		Item  item   `xml:"item"`
	}
	type rss struct {
		XMLName xml.Name `xml:"rss"`
		Version string   `xml:"version,attr"`
		Channel channel  `xml:"channel"`
	}
	doc := rss{Version: "2.0", Channel: channel{Title: oneLine(f.Title), Link: f.Link,
		Item: item{Title: oneLine(it.Title), Link: it.Link, GUID: it.GUID, Description: body}}}
	if t := firstTime(it.PublishedParsed, it.UpdatedParsed); t != nil {
		doc.Channel.Item.PubDate = t.UTC().Format(time.RFC1123Z)
	}
	for _, a := range it.Authors {
		if a != nil && a.Name != "" {
			doc.Channel.Item.Author = oneLine(a.Name)
			break
		}
	}
	out, err := xml.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("write the item as a feed: %v: %w", err, news.ErrInvalid)
	}
	return append([]byte(xml.Header), out...), nil
}

func firstTime(ts ...*time.Time) *time.Time {
	for _, t := range ts {
		if t != nil && !t.IsZero() {
			return t
		}
	}
	return nil
}

func oneLine(s string) string {
	return clip(string(bytes.Join(bytes.Fields([]byte(s)), []byte(" "))), 1000)
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
