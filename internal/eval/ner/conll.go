// Package ner scores named-entity recognition on CoNLL-2003 with
// conlleval's rules: a chunk counts when its span and its type are both
// right, and precision, recall and F1 are micro-averaged over chunks.
package ner

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"
)

// Limits keep a malformed or hostile file from exhausting memory.
const (
	MaxFileBytes = 64 << 20 // the largest split is ~3 MiB
	MaxLineBytes = 4 << 10
)

// Token is one line of a CoNLL file: the word and its gold NER tag.
type Token struct {
	Word string
	Tag  string
}

// Sentence is a run of tokens between blank lines.
type Sentence []Token

// Document is what lies between two -DOCSTART- lines. Documents matter
// because the tagger uses what a document said elsewhere.
type Document []Sentence

// ReadFile reads a CoNLL file from disk.
func ReadFile(path string) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read conll %s: %w", path, err)
	}
	defer f.Close()
	return Read(f, path)
}

// Read parses CoNLL columns (word first, NER tag last); name is used in
// errors. Lines with a single column are rejected: a tag is required.
func Read(r io.Reader, name string) ([]Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read conll %s: %w", name, err)
	}
	if len(data) > MaxFileBytes {
		return nil, fmt.Errorf("read conll %s: larger than %d bytes", name, MaxFileBytes)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Errorf("read conll %s: binary data (NUL byte)", name)
	}
	var (
		docs []Document
		doc  Document
		sent Sentence
	)
	flushSent := func() {
		if len(sent) > 0 {
			doc = append(doc, sent)
			sent = nil
		}
	}
	flushDoc := func() {
		flushSent()
		if len(doc) > 0 {
			docs = append(docs, doc)
			doc = nil
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, MaxLineBytes), MaxLineBytes)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if !utf8.ValidString(text) {
			return nil, fmt.Errorf("read conll %s:%d: invalid UTF-8", name, line)
		}
		fields := strings.Fields(text)
		switch {
		case len(fields) == 0:
			flushSent()
			continue
		case fields[0] == "-DOCSTART-":
			flushDoc()
			continue
		case len(fields) < 2:
			return nil, fmt.Errorf("read conll %s:%d: want word and tag columns, got %q", name, line, text)
		}
		tag := fields[len(fields)-1]
		if !validTag(tag) {
			return nil, fmt.Errorf("read conll %s:%d: bad tag %q", name, line, tag)
		}
		sent = append(sent, Token{Word: fields[0], Tag: tag})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read conll %s:%d: %w", name, line+1, err)
	}
	flushDoc()
	return docs, nil
}

// validTag accepts O and prefix-TYPE tags in the IOB, IOBES and BILOU
// schemes.
func validTag(t string) bool {
	if t == "O" {
		return true
	}
	if len(t) < 3 || t[1] != '-' {
		return false
	}
	return strings.IndexByte("BIESLU", t[0]) >= 0
}
