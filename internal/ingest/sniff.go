package ingest

import (
	"bytes"
	"path"
	"strings"

	"github.com/mmcdole/gofeed"
)

// kind is an input format.
type kind int

const (
	kindUnknown kind = iota
	kindText
	kindHTML
	kindFeed
	kindJSONL
)

// sniffLen is how much of an input's head the sniffer sees; a feed's or a
// page's root element comes well within it.
const sniffLen = 4096

// kindOf tells the format from a lower-cased file name (without ".gz").
func kindOf(name string) kind {
	switch path.Ext(name) {
	case ".txt", ".text", ".md":
		return kindText
	case ".html", ".htm", ".xhtml":
		return kindHTML
	case ".rss", ".atom", ".xml", ".feed":
		return kindFeed
	case ".jsonl", ".ndjson":
		return kindJSONL
	}
	return kindUnknown
}

// sniff tells the format from an input's first bytes: an HTML page, an
// RSS/Atom feed, a JSON Feed, a JSON object (taken as JSON lines), or
// unknown.
func sniff(head []byte) kind {
	head = bytes.TrimPrefix(head, utf8BOM)
	head = bytes.TrimLeft(head, " \t\r\n\f")
	if len(head) == 0 {
		return kindUnknown
	}
	switch head[0] {
	case '<':
		if t := gofeed.DetectFeedType(bytes.NewReader(head)); t == gofeed.FeedTypeRSS || t == gofeed.FeedTypeAtom {
			return kindFeed
		}
		low := strings.ToLower(string(head[:min(len(head), 1024)]))
		for _, mark := range []string{"<!doctype html", "<html", "<head", "<body"} {
			if strings.Contains(low, mark) {
				return kindHTML
			}
		}
	case '{':
		if bytes.Contains(head, []byte("jsonfeed.org/version")) {
			return kindFeed
		}
		return kindJSONL
	}
	return kindUnknown
}
