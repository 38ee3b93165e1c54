package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"storyline/internal/intake"
	"storyline/internal/news"
)

func newAdd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "add PATH...",
		Short: "Add reports to the database",
		Long: `Analyse news reports and add them to the database (--db, or storyline.db in the user's data
directory). Each article stored is printed on standard output as "stored ID INPUT" as soon as it
is safely on disk; an article already in the database (same URL, or same text) is skipped, so
running add again after an interruption adds only what is missing.

` + inputsHelp,
		Example: `  storyline add ~/news/2025-11
  storyline add --db team.db feed.xml`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, paths []string) error {
			db, path, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer db.Close()
			out := cmd.OutOrStdout()
			var fresh []*news.Doc
			_, sum, err := runIntake(cmd.Context(), g, intake.Paths(paths), db, cmd.InOrStdin(), cmd.ErrOrStderr(), func(o intake.Outcome) {
				fmt.Fprintf(out, "stored %s %s\n", o.Doc.Article.ID, o.Input)
				fresh = append(fresh, o.Doc)
			})
			if err != nil {
				return err
			}
			// The articles are safe in the store whatever happens here: a
			// pass left behind is built again by the next add, and until
			// then the report computes it from the articles.
			if err := foldStored(cmd.Context(), g, db, path, fresh, cmd.ErrOrStderr()); err != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "storyline: the stored cross-article pass is not up to date (the report will compute it from the articles): %v\n", err)
			}
			if !g.quiet {
				fmt.Fprintf(cmd.ErrOrStderr(), "storyline: %d stored, %d already there, %d skipped, %d failed (database %s)\n",
					sum.Stored, sum.Duplicates, sum.Skipped, sum.Failed, path)
			}
			return sum.err()
		},
	}
}
