package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"storyline/internal/news"
)

// jsonLines emits one article per line of a JSON lines stream: an object
// with "text" or "html" and the metadata fields. A bad line is an error
// item naming "path:LINE" and the other lines go on. Lines are read with a
// bound, so a huge line costs an error, not the machine's memory.
func (r *reader) jsonLines(name string, src io.Reader, fm meta) error {
	br := bufio.NewReaderSize(src, 64<<10)
	source := name
	if fm.source != "" {
		source = fm.source
	}
	for n := 1; ; n++ {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		line, tooLong, err := readLine(br, r.max)
		if err != nil && !errors.Is(err, io.EOF) {
			return r.fail(name, fmt.Errorf("reading line %d: %w", n, err))
		}
		if len(line) == 0 && !tooLong && errors.Is(err, io.EOF) {
			return nil
		}
		in := fmt.Sprintf("%s:%d", name, n)
		var emitErr error
		if tooLong {
			emitErr = r.fail(in, fmt.Errorf("line longer than the limit of %d bytes: %w", r.max, news.ErrTooLarge))
		} else if len(bytes.TrimSpace(line)) > 0 {
			emitErr = r.jsonLine(in, fmt.Sprintf("%s:%d", source, n), line, fm)
		}
		if emitErr != nil {
			return emitErr
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
	}
}

// jsonLine reads one non-blank line.
func (r *reader) jsonLine(in, source string, line []byte, fm meta) error {
	a, clean, problems, err := lineArticle(line)
	if err != nil {
		return r.fail(in, err)
	}
	// A bad metadata field is reported, and the article still goes on
	// with the fields that were good.
	for _, p := range problems {
		if err := r.fail(in, fmt.Errorf("%s (article read without it): %w", p, news.ErrInvalid)); err != nil {
			return err
		}
	}
	if fm.Outlet != nil && a.Outlet == "" {
		a.Outlet = *fm.Outlet
	}
	if fm.Language != nil && a.Language == "" {
		a.Language = *fm.Language
	}
	finish(a, source)
	return r.article(in, a, clean)
}

// lineArticle decodes one JSON line into an article with its metadata set
// (but not Site and Source, which depend on the input's name). clean says
// whether the text bypassed HTML extraction.
func lineArticle(line []byte) (a *news.Article, clean bool, problems []string, err error) {
	if i := invalidUTF8(line); i >= 0 {
		return nil, false, nil, fmt.Errorf("invalid UTF-8 at byte %d of the line: %w", i, news.ErrInvalid)
	}
	obj, err := decodeObject(line)
	if err != nil {
		return nil, false, nil, fmt.Errorf("%v: %w", err, news.ErrInvalid)
	}
	m, problems := decodeMeta(obj)
	text, err := optString(obj["text"])
	if err != nil {
		return nil, false, nil, fmt.Errorf("field \"text\": %v: %w", err, news.ErrInvalid)
	}
	page, err := optString(obj["html"])
	if err != nil {
		return nil, false, nil, fmt.Errorf("field \"html\": %v: %w", err, news.ErrInvalid)
	}
	switch {
	case text != nil:
		body, err := plainText([]byte(*text))
		if err != nil {
			return nil, false, nil, fmt.Errorf("field \"text\": %w", err)
		}
		a, clean = &news.Article{Text: body}, true
	case page != nil && sniff([]byte(*page)) != kindHTML:
		// A fragment (a body's markup without its page) has no page
		// around it for the extractor to tell furniture by: convert it
		// and leave the furniture to the cleaner.
		body := fragmentText(*page)
		if body == "" {
			return nil, false, nil, fmt.Errorf("field \"html\": no text in the fragment: %w", news.ErrInvalid)
		}
		a, clean = &news.Article{Text: body}, true
	case page != nil:
		a, err = htmlArticle([]byte(*page), m)
		if err != nil {
			return nil, false, nil, fmt.Errorf("field \"html\": %w", err)
		}
	case obj["text"] != nil || obj["html"] != nil:
		return nil, false, nil, fmt.Errorf("no text: \"text\" and \"html\" are empty or null: %w", news.ErrInvalid)
	default:
		return nil, false, nil, fmt.Errorf("no \"text\" or \"html\" field (fields: %s): %w", fieldNames(obj), news.ErrInvalid)
	}
	m.apply(a, "")
	a.Format = "jsonl"
	return a, clean, problems, nil
}

// readLine reads one line without its end, holding at most max bytes of
// it: the rest of a longer line is read and dropped, and tooLong is set.
// err is io.EOF with the last line when the stream ends.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if err == nil {
			chunk = chunk[:len(chunk)-1] // the newline
		}
		if !tooLong {
			if int64(len(line)+len(chunk)) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimSuffix(line, []byte("\r")), tooLong, err
	}
}

// fieldNames lists an object's keys for a message, sorted and clipped.
func fieldNames(obj map[string]json.RawMessage) string {
	names := slices.Sorted(maps.Keys(obj))
	if len(names) == 0 {
		return "none"
	}
	if len(names) > 8 {
		names = append(names[:8], "…")
	}
	for i, n := range names {
		names[i] = clip(n, 30)
	}
	return strings.Join(names, ", ")
}
