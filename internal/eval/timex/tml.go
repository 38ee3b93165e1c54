// Package timex scores temporal-expression finding and normalisation on the
// TempEval-3 TimeML corpora with the task's entity rules: strict (exact
// span) and relaxed (any overlap, one-to-one) matching, value accuracy of
// relaxed matches, and type accuracy. The document creation time anchors
// the system and is not a target.
package timex

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxFileBytes bounds one TimeML file; the largest in the corpora is ~60 KB.
const MaxFileBytes = 8 << 20

// Timex is one gold TIMEX3: a byte span of the document's plain text.
type Timex struct {
	Start, End int
	Type       string // DATE, TIME, DURATION, SET as in the file
	Value      string
}

// Document is one TimeML file with its markup taken out of TEXT.
type Document struct {
	Name   string
	DCT    time.Time // zero when the file states none
	Text   string    // the content of TEXT, tags removed, entities decoded
	Timexs []Timex
}

// ReadFile reads a TimeML file from disk.
func ReadFile(path string) (*Document, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read timeml %s: %w", path, err)
	}
	if st.Size() > MaxFileBytes {
		return nil, fmt.Errorf("read timeml %s: %d bytes exceeds %d", path, st.Size(), MaxFileBytes)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read timeml %s: %w", path, err)
	}
	return Parse(path, b)
}

// Parse reads a TimeML document. It needs only what scoring needs: the DCT
// value and the TIMEX3 elements inside TEXT; other markup is dropped.
func Parse(name string, b []byte) (*Document, error) {
	if len(b) > MaxFileBytes {
		return nil, fmt.Errorf("parse timeml %s: %d bytes exceeds %d", name, len(b), MaxFileBytes)
	}
	if !utf8.Valid(b) {
		return nil, fmt.Errorf("parse timeml %s: not valid UTF-8", name)
	}
	d := &Document{Name: name}
	if i := bytes.Index(b, []byte("<DCT>")); i >= 0 {
		if j := bytes.Index(b[i:], []byte("</DCT>")); j >= 0 {
			if v, ok := attr(string(b[i:i+j]), "value"); ok {
				d.DCT = parseDCT(v)
			}
		}
	}
	start := bytes.Index(b, []byte("<TEXT>"))
	end := bytes.Index(b, []byte("</TEXT>"))
	if start < 0 || end < start {
		return nil, fmt.Errorf("parse timeml %s: no <TEXT> element", name)
	}
	body := string(b[start+len("<TEXT>") : end])
	var out strings.Builder
	var open *Timex
	for i := 0; i < len(body); {
		switch c := body[i]; c {
		case '<':
			j := strings.IndexByte(body[i:], '>')
			if j < 0 {
				return nil, fmt.Errorf("parse timeml %s: unclosed tag at byte %d of TEXT", name, i)
			}
			tag := body[i+1 : i+j]
			i += j + 1
			switch {
			case strings.HasPrefix(tag, "TIMEX3"):
				if open != nil {
					return nil, fmt.Errorf("parse timeml %s: nested TIMEX3 at byte %d of TEXT", name, i)
				}
				t := &Timex{Start: out.Len()}
				t.Type, _ = attr(tag, "type")
				t.Value, _ = attr(tag, "value")
				if strings.HasSuffix(tag, "/") {
					continue // an empty timex marks no text
				}
				open = t
			case tag == "/TIMEX3":
				if open == nil {
					return nil, fmt.Errorf("parse timeml %s: </TIMEX3> without <TIMEX3> at byte %d of TEXT", name, i)
				}
				open.End = out.Len()
				d.Timexs = append(d.Timexs, *open)
				open = nil
			}
		case '&':
			j := strings.IndexByte(body[i:], ';')
			if j < 0 || j > 10 {
				out.WriteByte(c)
				i++
				continue
			}
			out.WriteString(entity(body[i+1 : i+j]))
			i += j + 1
		default:
			out.WriteByte(c)
			i++
		}
	}
	if open != nil {
		return nil, fmt.Errorf("parse timeml %s: TIMEX3 not closed", name)
	}
	d.Text = out.String()
	return d, nil
}

// attr returns the value of attribute key in a tag's text.
func attr(tag, key string) (string, bool) {
	for off := 0; off < len(tag); {
		i := strings.Index(tag[off:], key+`="`)
		if i < 0 {
			return "", false
		}
		i += off
		if i > 0 && tag[i-1] != ' ' && tag[i-1] != '\t' && tag[i-1] != '\n' {
			off = i + len(key)
			continue
		}
		v := tag[i+len(key)+2:]
		j := strings.IndexByte(v, '"')
		if j < 0 {
			return "", false
		}
		return entityDecode(v[:j]), true
	}
	return "", false
}

func entityDecode(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if j := strings.IndexByte(s[i:], ';'); j > 0 && j <= 10 {
				b.WriteString(entity(s[i+1 : i+j]))
				i += j + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// entity decodes one XML character reference or predefined entity; an
// unknown one is kept as written.
func entity(name string) string {
	switch name {
	case "amp":
		return "&"
	case "lt":
		return "<"
	case "gt":
		return ">"
	case "quot":
		return `"`
	case "apos":
		return "'"
	}
	if strings.HasPrefix(name, "#") {
		base, digits := 10, name[1:]
		if strings.HasPrefix(digits, "x") || strings.HasPrefix(digits, "X") {
			base, digits = 16, digits[1:]
		}
		if n, err := strconv.ParseInt(digits, base, 32); err == nil && utf8.ValidRune(rune(n)) {
			return string(rune(n))
		}
	}
	return "&" + name + ";"
}

// parseDCT reads the date part of a DCT value ("1998-08-07", "2013-03-22T…").
func parseDCT(v string) time.Time {
	if len(v) >= 10 {
		if t, err := time.Parse("2006-01-02", v[:10]); err == nil {
			return t
		}
	}
	if len(v) == 8 {
		if t, err := time.Parse("20060102", v); err == nil {
			return t
		}
	}
	return time.Time{}
}
