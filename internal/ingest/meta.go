package ingest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"storyline/internal/news"
)

// meta is the metadata a manifest entry, a sidecar or a JSON line states
// about one article. A nil field was absent, null or empty: it leaves
// whatever the article already has.
type meta struct {
	Path      *string
	URL       *string
	Site      *string
	Outlet    *string
	Byline    *string
	Title     *string
	Language  *string
	Published *time.Time
	// source names the input in Source when no URL is known; "" means
	// the input's name. It never comes from JSON.
	source string
}

// metaFields are the string fields every metadata source shares; the
// decoder looks them up by name so one bad field spoils only itself.
var metaFields = []string{"path", "url", "site", "outlet", "byline", "title", "language", "published"}

func (m *meta) field(name string) **string {
	switch name {
	case "path":
		return &m.Path
	case "url":
		return &m.URL
	case "site":
		return &m.Site
	case "outlet":
		return &m.Outlet
	case "byline":
		return &m.Byline
	case "title":
		return &m.Title
	case "language":
		return &m.Language
	}
	return nil
}

// decodeObject parses one JSON object. It fails only when raw is not an
// object; problems with single fields come back as problems, and the good
// fields are kept, so a typo in one date does not lose an article.
func decodeObject(raw []byte) (map[string]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, fmt.Errorf("want a JSON object, got %s", describeJSON(raw))
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, fmt.Errorf("malformed JSON: %v", err)
	}
	return obj, nil
}

// decodeMeta takes the metadata fields out of a decoded object.
func decodeMeta(obj map[string]json.RawMessage) (meta, []string) {
	var m meta
	var problems []string
	for _, name := range metaFields {
		raw, ok := obj[name]
		if !ok {
			continue
		}
		s, err := optString(raw)
		if err != nil {
			problems = append(problems, fmt.Sprintf("field %q: %v", name, err))
			continue
		}
		if s == nil {
			continue
		}
		if name == "published" {
			t, err := parseDate(*s)
			if err != nil {
				problems = append(problems, fmt.Sprintf("field %q: %v", name, err))
				continue
			}
			m.Published = &t
			continue
		}
		*m.field(name) = s
	}
	return m, problems
}

// optString decodes a JSON string or null. An empty or blank string counts
// as null: it states nothing.
func optString(raw json.RawMessage) (*string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	if raw[0] != '"' {
		return nil, fmt.Errorf("want a string or null, got %s", describeJSON(raw))
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("malformed string: %v", err)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	return &s, nil
}

// describeJSON names the kind of a JSON value for error messages.
func describeJSON(raw []byte) string {
	if len(raw) == 0 {
		return "nothing"
	}
	switch raw[0] {
	case '{':
		return "an object"
	case '[':
		return "a list"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	if raw[0] == '-' || (raw[0] >= '0' && raw[0] <= '9') {
		return "a number"
	}
	return fmt.Sprintf("%q", clip(string(raw), 20))
}

// over returns m with every field that o states replaced by o's: a sidecar
// over a manifest entry.
func (m meta) over(o meta) meta {
	for _, name := range metaFields {
		if name == "published" {
			continue
		}
		if v := *o.field(name); v != nil {
			*m.field(name) = v
		}
	}
	if o.Published != nil {
		m.Published = o.Published
	}
	if o.source != "" {
		m.source = o.source
	}
	return m
}

// apply writes the stated fields into a, then fills what can be derived:
// the site from the URL, the source from the URL or else the input name.
func (m meta) apply(a *news.Article, input string) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&a.URL, m.URL)
	set(&a.Site, m.Site)
	set(&a.Outlet, m.Outlet)
	set(&a.Byline, m.Byline)
	set(&a.Title, m.Title)
	set(&a.Language, m.Language)
	if m.Published != nil {
		a.Published = *m.Published
	}
	if m.source != "" {
		input = m.source
	}
	finish(a, input)
}

// finish fills the fields derived from others.
func finish(a *news.Article, input string) {
	if a.Site == "" {
		a.Site = hostOf(a.URL)
	}
	a.Source = a.URL
	if a.Source == "" {
		a.Source = input
	}
}

// hostOf returns the host of an absolute URL without a "www." prefix, or
// "" when raw is not one.
func hostOf(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// dateLayouts are the publication date forms metadata uses: calendar days
// as manifests write them, RFC 3339 as machines do, and the RFC 1123 forms
// feeds and HTTP headers carry.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 Jan 2006",
	"January 2, 2006",
}

// parseDate reads a stated publication date. A date without a zone is
// taken as UTC, the only choice that does not depend on this machine.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q (want e.g. 2025-11-25 or 2025-11-25T08:30:00Z): %w", clip(s, 40), news.ErrInvalid)
}

// clip shortens s for an error message, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
