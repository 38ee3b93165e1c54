// Package demo holds storyline's demo corpus: a fictional news story, written
// by the storyline authors, told by invented outlets in every input format
// storyline reads, with its ground truth as Go data (see Gold). The corpus is
// embedded so that `storyline demo` works from the binary alone, and so that
// tests of later stages can score themselves against a gold of our own that
// no licence restricts.
package demo

import (
	"embed"
	"io/fs"
)

//go:embed corpus
var corpus embed.FS

// FS returns the corpus folder: manifest.json, README.md and the article
// files, at the root ".".
func FS() fs.FS {
	sub, err := fs.Sub(corpus, "corpus")
	if err != nil {
		// fs.Sub fails only on an invalid path name, and "corpus" is valid.
		panic("demo: " + err.Error())
	}
	return sub
}
