// Package storecheck is what every store checks and prepares alike before
// it writes or looks something up, so that an article, a cache key or a
// search query one store takes the other takes too: the size bounds, the
// strings a text column can keep faithfully (valid UTF-8, no NUL), the
// storable years, the filling of hash and ID, the annotations as JSON and
// the reading of a typed query into plain words. Each store keeps only its
// conversion to its own columns and any bound of its own.
package storecheck

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"storyline/internal/news"
)

// Size bounds. They are far above any real news article; they exist so that
// a runaway input fails clearly instead of filling the disk.
const (
	MaxTextBytes        = 8 << 20  // an article's text
	MaxFieldBytes       = 64 << 10 // URL, title, byline and the other short fields
	MaxRemovedBytes     = 8 << 20  // the removed page furniture, as JSON
	MaxAnnotationsBytes = 64 << 20 // the annotations, as JSON
)

// String refuses what a text column cannot keep faithfully: invalid UTF-8
// (JSON would rewrite it, PostgreSQL refuses it) and NUL bytes (PostgreSQL
// refuses them, C string functions stop at them), in both cases with an
// error that would not say which field was at fault. The error says where
// in s the fault is; the caller names the field and the kind.
func String(s string) error {
	if !utf8.ValidString(s) {
		i := 0
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			i += n
		}
		return fmt.Errorf("is not valid UTF-8 (byte %d)", i)
	}
	if i := strings.IndexByte(s, 0); i >= 0 {
		return fmt.Errorf("holds a NUL byte (byte %d)", i)
	}
	return nil
}

// Short checks a short string such as a pipeline version: String's checks
// and at most MaxFieldBytes.
func Short(s string) error {
	if err := String(s); err != nil {
		return err
	}
	if len(s) > MaxFieldBytes {
		return fmt.Errorf("of %d bytes exceeds %d", len(s), MaxFieldBytes)
	}
	return nil
}

// CacheKey checks the key and pipeline version annotations are cached
// under: both present and short.
func CacheKey(key, version string) error {
	if key == "" || version == "" {
		return fmt.Errorf("cache annotations: %w: need a key and a version", news.ErrInvalid)
	}
	for _, s := range []string{key, version} {
		if Short(s) != nil {
			return fmt.Errorf("cache annotations: %w: bad key or version %.40q", news.ErrInvalid, s)
		}
	}
	return nil
}

// Year keeps stored times within 0000–9999: the SQLite store keeps times
// as fixed-width strings, whose order is the times' order only within
// those years, and every store takes the same articles.
func Year(t time.Time) error {
	if y := t.UTC().Year(); y < 0 || y > 9999 {
		return fmt.Errorf("time %s: %w: year outside 0–9999", t, news.ErrInvalid)
	}
	return nil
}

// Truncate cuts s to at most n bytes without splitting a rune.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
