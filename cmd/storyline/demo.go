package main

import (
	"github.com/spf13/cobra"

	"storyline/internal/demo"
	"storyline/internal/intake"
)

func newDemo(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Analyse the bundled demo story and print its report",
		Long: `Analyse the demo corpus built into storyline — a fictional story written by the storyline
authors, reported by invented outlets in HTML pages, an RSS feed and plain text — and print
the report. Nothing is stored.`,
		Example: `  storyline demo
  storyline demo --format md`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := g.checkFormat(); err != nil {
				return err
			}
			return analyzeAndReport(cmd.Context(), g, intake.FS(demo.FS(), "."), nil, cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
}
