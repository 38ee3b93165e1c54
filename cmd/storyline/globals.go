package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"storyline/internal/ingest"
	"storyline/internal/report"
	"storyline/internal/sqlite"
)

// globals are the flags every command shares; they are read here and passed
// down as plain values, never looked up deeper in the code.
type globals struct {
	db       string
	format   string
	quiet    bool
	workers  int
	maxBytes int64
}

func (g *globals) register(root *cobra.Command) {
	f := root.PersistentFlags()
	f.StringVar(&g.db, "db", "", "database: a file, or a postgres:// URL (default: storyline.db in the user's data directory)")
	f.StringVar(&g.format, "format", "text", "report format: "+strings.Join(report.Formats, ", "))
	f.BoolVarP(&g.quiet, "quiet", "q", false, "no progress bar and no per-input lines, only errors")
	f.IntVar(&g.workers, "workers", 0, "articles analysed at once (default: one per core)")
	f.Int64Var(&g.maxBytes, "max-bytes", ingest.DefaultMaxBytes, "largest input accepted, in bytes (files, feed items, JSON lines)")
}

func (g *globals) checkFormat() error {
	if !slices.Contains(report.Formats, g.format) && g.format != "markdown" {
		return usageError{fmt.Errorf("unknown --format %q: want one of %s", g.format, strings.Join(report.Formats, ", "))}
	}
	if g.maxBytes <= 0 {
		return usageError{fmt.Errorf("--max-bytes must be positive, got %d", g.maxBytes)}
	}
	return nil
}

// dbPath is --db, or the default database in the user's data directory.
func (g *globals) dbPath() (string, error) {
	if g.db != "" {
		return g.db, nil
	}
	return sqlite.DefaultPath()
}

func (g *globals) ingestOptions(stdin io.Reader) ingest.Options {
	return ingest.Options{MaxBytes: g.maxBytes, Stdin: stdin}
}

// interactive reports whether w is a terminal a person watches, so progress
// is drawn there and nowhere else.
func interactive(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
