package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"storyline/internal/crossref"
	"storyline/internal/news"
	"storyline/internal/report"
)

func newReport(g *globals) *cobra.Command {
	var outlet, since, until string
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Print the report of the articles in the database",
		Long: `Print the report of the articles stored in the database (--db, or storyline.db in the user's
data directory), optionally only those of one outlet or a range of publication days.`,
		Example: `  storyline report --format md > story.md
  storyline report --since 2025-11-24 --until 2025-11-26 --format json`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := g.checkFormat(); err != nil {
				return err
			}
			f := news.ArticleFilter{Outlet: outlet}
			var err error
			if f.Since, err = parseDay("--since", since); err != nil {
				return err
			}
			if f.Until, err = parseDay("--until", until); err != nil {
				return err
			}
			if !f.Until.IsZero() {
				f.Until = f.Until.Add(24*time.Hour - time.Nanosecond)
			}
			db, path, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer db.Close()
			if f == (news.ArticleFilter{}) {
				// 'storyline add' keeps the pass in the store: read it.
				res, docs, ok, err := storedPass(cmd.Context(), db)
				if err != nil {
					return err
				}
				if ok {
					return report.Write(cmd.OutOrStdout(), report.Build(res.Input(docs, nil)), g.format)
				}
			}
			docs, err := crossref.StoredDocs(cmd.Context(), db, f)
			if err != nil {
				return err
			}
			if len(docs) == 0 {
				return fmt.Errorf("no articles in %s match; add some with 'storyline add PATH'", path)
			}
			rep, err := buildReport(cmd.Context(), docs, nil)
			if err != nil {
				return err
			}
			return report.Write(cmd.OutOrStdout(), rep, g.format)
		},
	}
	cmd.Flags().StringVar(&outlet, "outlet", "", "only articles of this outlet")
	cmd.Flags().StringVar(&since, "since", "", "only articles published on or after this day (YYYY-MM-DD)")
	cmd.Flags().StringVar(&until, "until", "", "only articles published on or before this day (YYYY-MM-DD)")
	return cmd
}

func parseDay(flag, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, usageError{fmt.Errorf("%s %q: want a day as YYYY-MM-DD", flag, s)}
	}
	return t, nil
}
