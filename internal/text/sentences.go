// Package text splits an article's text into sentences, each a news.Span of
// byte offsets into the text. It is the first stage of the pipeline.
package text

import (
	"context"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/neurosnap/sentences"
	"github.com/neurosnap/sentences/english"

	"storyline/internal/news"
	"storyline/internal/pipeline"
)

var (
	tokOnce sync.Once
	tok     *sentences.DefaultSentenceTokenizer
	tokErr  error
)

func tokenizer() (*sentences.DefaultSentenceTokenizer, error) {
	tokOnce.Do(func() { tok, tokErr = english.NewSentenceTokenizer(nil) })
	return tok, tokErr
}

// Stage returns the sentence-splitting stage.
func Stage() pipeline.Stage {
	return pipeline.Stage{
		Name:     "sentences",
		Version:  "1",
		Provides: []string{pipeline.Sentences},
		Run: func(_ context.Context, d *news.Doc) error {
			spans, err := Sentences(d.Text())
			if err != nil {
				return err
			}
			d.Sentences = spans
			return nil
		},
	}
}

// Sentences splits text into sentence spans with no leading or trailing
// white space. A sentence never crosses a paragraph break (a blank line) or
// a line break that ends a line with sentence-final punctuation; lines
// wrapped mid-sentence are joined.
func Sentences(text string) ([]news.Span, error) {
	t, err := tokenizer()
	if err != nil {
		return nil, err
	}
	var out []news.Span
	for _, b := range Blocks(text) {
		block := text[b.Start:b.End]
		for _, s := range t.Tokenize(block) {
			sp := trim(text, news.Span{Start: b.Start + s.Start, End: b.Start + s.End})
			if sp.Len() > 0 {
				out = append(out, sp)
			}
		}
	}
	return out, nil
}

// Blocks returns the spans of text that no sentence may cross: paragraphs,
// and lines that end as a sentence or heading ends.
func Blocks(text string) []news.Span {
	var out []news.Span
	start := -1
	pos := 0
	for pos <= len(text) {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		line := strings.TrimSpace(text[pos:end])
		switch {
		case line == "":
			if start >= 0 {
				out = append(out, trim(text, news.Span{Start: start, End: pos}))
				start = -1
			}
		default:
			if start < 0 {
				start = pos
			}
			if end == len(text) || !continues(line, nextLine(text, end)) {
				out = append(out, trim(text, news.Span{Start: start, End: end}))
				start = -1
			}
		}
		pos = end + 1
	}
	return out
}

func nextLine(text string, nl int) string {
	if nl+1 >= len(text) {
		return ""
	}
	rest := text[nl+1:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	return strings.TrimSpace(rest)
}

// continues reports whether line is wrapped text that the next line goes on:
// it does not end like a sentence and the next line starts in lower case.
func continues(line, next string) bool {
	if next == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune(".!?:;\"”’)", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(first) || unicode.IsDigit(first) || last == ',' || unicode.IsLower(last) && len(line) > 60
}

func trim(text string, s news.Span) news.Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}
