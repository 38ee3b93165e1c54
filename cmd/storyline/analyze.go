package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"storyline/internal/extract"
	"storyline/internal/intake"
	"storyline/internal/news"
	"storyline/internal/report"
)

const inputsHelp = `Inputs are files, folders (read recursively, in name order) or "-" for standard input:
  .txt .text .md        plain text; metadata from manifest.json in the folder or NAME.meta.json
  .html .htm .html.gz   web pages: main text, title, byline, site and date are taken from the page
  .rss .atom .xml       RSS, Atom or JSON feeds: one article per item
  .jsonl .ndjson        one JSON object per line with "text" or "html" and metadata fields
A folder with a manifest.json holds exactly the files its manifest lists; other files there are
skipped with a note. Inputs that cannot be read are named on stderr with the reason, and the
rest go on: the exit code is 1 when any input failed, 2 for a usage error.`

func newAnalyze(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "analyze PATH...",
		Short: "Analyse reports and print a report (stores nothing unless --db is given)",
		Long: `Analyse news reports and print the report on standard output.

Nothing is stored unless --db is given, in which case the articles are also added to that
database (as 'storyline add' does).

` + inputsHelp,
		Example: `  storyline analyze ../shared/seeds
  storyline analyze --format json page.html feed.xml > report.json
  curl -s https://example.org/feed.xml | storyline analyze -`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, paths []string) error {
			if err := g.checkFormat(); err != nil {
				return err
			}
			var store news.Store
			var path string
			if cmd.Flags().Changed("db") {
				db, name, err := openStore(cmd.Context(), g)
				if err != nil {
					return err
				}
				defer db.Close()
				store, path = db, name
			}
			return analyzeAndReport(cmd.Context(), g, intake.Paths(paths), store, path, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
}

// analyzeAndReport runs intake and prints the report of what was read.
// With a store (at path), what it stored also advances the cross-article
// pass kept there, when that needs no rebuild (advanceStored).
func analyzeAndReport(ctx context.Context, g *globals, src intake.Source, store news.Store, path string, stdin io.Reader, out, errw io.Writer) error {
	var fresh []*news.Doc
	docs, sum, err := runIntake(ctx, g, src, store, stdin, errw, func(o intake.Outcome) { fresh = append(fresh, o.Doc) })
	if err != nil {
		return err
	}
	if store != nil && len(fresh) > 0 {
		if err := advanceStored(ctx, store, path, fresh); err != nil {
			fmt.Fprintf(errw, "storyline: the stored cross-article pass is not up to date (the next add builds it again): %v\n", err)
		}
	}
	rep, err := buildReport(ctx, docs, sum.failures)
	if err != nil {
		return err
	}
	if err := report.Write(out, rep, g.format); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return sum.err()
}

// outcomes keeps what the user must hear about a run.
type outcomes struct {
	intake.Summary
	failures []report.Failure
}

func (o outcomes) err() error {
	if o.Failed > 0 {
		return partialError{failed: o.Failed, total: o.Failed + o.Analysed + o.Duplicates}
	}
	return nil
}

// runIntake reads, analyses (and stores) with progress on a terminal and one
// line per problem on errw. stored, when set, is called for each article
// durably stored.
func runIntake(ctx context.Context, g *globals, src intake.Source, store news.Store, stdin io.Reader, errw io.Writer, stored func(intake.Outcome)) ([]*news.Doc, outcomes, error) {
	plan, err := extract.Plan()
	if err != nil {
		return nil, outcomes{}, err
	}
	cfg := intake.Config{Plan: plan, Store: store, Workers: g.workers, Ingest: g.ingestOptions(stdin)}
	prog := newProgress(errw, !g.quiet, "analysing")
	var res outcomes
	say := func(format string, a ...any) {
		prog.Clear()
		fmt.Fprintf(errw, format, a...)
	}
	docs, sum, err := intake.Run(ctx, cfg, src, func(o intake.Outcome) {
		switch o.Kind {
		case intake.Failed:
			res.failures = append(res.failures, report.Failure{Input: o.Input, Reason: o.Err.Error()})
			say("storyline: %v\n", o.Err)
		case intake.Skipped:
			if !g.quiet {
				say("storyline: skipped %s: %s\n", o.Input, o.Reason)
			}
		case intake.Duplicate:
			if !g.quiet {
				say("storyline: skipped %s: %s\n", o.Input, o.Reason)
			}
		case intake.Analysed:
			if o.Stored && stored != nil {
				stored(o)
			}
		}
		if o.Kind == intake.Analysed || o.Kind == intake.Duplicate {
			prog.Add(1)
		}
	}, prog.SetTotal)
	prog.Finish()
	res.Summary = sum
	if err != nil {
		return docs, res, err
	}
	if len(docs) == 0 && sum.Failed == 0 && sum.Duplicates == 0 {
		return docs, res, fmt.Errorf("no articles found in the inputs")
	}
	return docs, res, nil
}
