package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"storyline/internal/news"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// checkBinary refuses content that is not text at all: NUL bytes, UTF-16
// (which this tool does not decode), or mostly control characters. HTML and
// feeds pass only this check, since they declare their own encodings.
func checkBinary(raw []byte) error {
	if len(raw) == 0 {
		return fmt.Errorf("empty file: %w", news.ErrInvalid)
	}
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return fmt.Errorf("UTF-16 text is not supported (convert it to UTF-8): %w", news.ErrInvalid)
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return fmt.Errorf("binary content (NUL byte at byte %d): %w", i, news.ErrInvalid)
	}
	// Sample the head: a text with a few stray control bytes is still text,
	// a file made mostly of them is not.
	head := raw[:min(len(raw), 8192)]
	ctrl := 0
	for _, b := range head {
		if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != '\v') || b == 0x7F {
			ctrl++
		}
	}
	if ctrl*10 > len(head) {
		return fmt.Errorf("binary content (%d of the first %d bytes are control characters): %w", ctrl, len(head), news.ErrInvalid)
	}
	return nil
}

// plainText checks raw as UTF-8 text and returns it normalised. Invalid
// UTF-8 is refused with its offset rather than repaired: a wrong guess at
// the encoding would change the words silently.
func plainText(raw []byte) (string, error) {
	if err := checkBinary(raw); err != nil {
		return "", err
	}
	if i := invalidUTF8(raw); i >= 0 {
		return "", fmt.Errorf("invalid UTF-8 at byte %d (convert the text to UTF-8 first): %w", i, news.ErrInvalid)
	}
	raw = bytes.TrimPrefix(raw, utf8BOM)
	text := normalize(string(raw))
	if text == "" {
		return "", fmt.Errorf("no text (only whitespace): %w", news.ErrInvalid)
	}
	return text, nil
}

// invalidUTF8 returns the offset of the first byte that is not valid UTF-8,
// or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// normalize makes line ends LF, drops trailing blanks on every line and
// blank lines at both ends. It changes nothing else: furniture and spacing
// inside lines are the cleaner's business.
func normalize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.Lines(s) {
		b.WriteString(strings.TrimRight(line, " \t\n\v\f\u00a0"))
		b.WriteByte('\n')
	}
	return strings.Trim(b.String(), "\n")
}
