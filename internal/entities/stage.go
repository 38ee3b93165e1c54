// Package entities finds the named people, organisations, places and other
// names of an article. A tagger trained on CoNLL-2003 labels each
// sentence's words (features.go, decode.go, train.go; the shipped weights
// and how they were made: MODEL.md). Rules of our own then trim the spans
// and drop what is no name (mentions.go), correct kinds from the words and
// the article (kinds.go), attach titles (titles.go) and give every mention
// the fullest form of its name in the article (join.go).
package entities

import (
	"context"
	"fmt"

	"storyline/internal/news"
	"storyline/internal/pipeline"
)

// MaxTextBytes bounds the text one article may bring to the tagger.
const MaxTextBytes = 8 << 20

// maxSentTokens bounds a sentence: longer runs (lists, tables without
// punctuation) are tagged in pieces.
const maxSentTokens = 300

// Stage returns the pipeline stage that fills doc.Entities.
func Stage() pipeline.Stage {
	return pipeline.Stage{
		Name:     "entities",
		Version:  "1",
		Requires: []string{pipeline.Sentences},
		Provides: []string{pipeline.Entities},
		Run: func(ctx context.Context, d *news.Doc) error {
			m, err := Default()
			if err != nil {
				return err
			}
			ms, err := m.Mentions(d.Text(), d.Sentences)
			if err != nil {
				return fmt.Errorf("article %s: %w", d.Article.ID, err)
			}
			d.Entities = ms
			return nil
		},
	}
}

// Mentions finds the entity mentions in text, sentence by sentence. With no
// sentences the whole text is one.
func (m *Model) Mentions(text string, sentences []news.Span) ([]news.Mention, error) {
	if len(text) > MaxTextBytes {
		return nil, fmt.Errorf("entities: text of %d bytes over %d: %w", len(text), MaxTextBytes, news.ErrTooLarge)
	}
	if len(sentences) == 0 {
		sentences = []news.Span{{Start: 0, End: len(text)}}
	}
	var sents [][]Token
	for _, s := range sentences {
		if s.Start < 0 || s.End > len(text) || s.Start > s.End {
			return nil, fmt.Errorf("entities: sentence [%d,%d) outside text of %d bytes: %w", s.Start, s.End, len(text), news.ErrInvalid)
		}
		toks := Tokenize(text, s.Start, s.End)
		for len(toks) > maxSentTokens {
			sents = append(sents, toks[:maxSentTokens])
			toks = toks[maxSentTokens:]
		}
		if len(toks) > 0 {
			sents = append(sents, toks)
		}
	}
	words := make([][]string, len(sents))
	for i, s := range sents {
		words[i] = make([]string, len(s))
		for j, t := range s {
			words[i][j] = t.Text
		}
	}
	tags := m.Tag(words)
	return m.resolve(text, sents, tags), nil
}
