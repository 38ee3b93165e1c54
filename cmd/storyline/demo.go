package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"storyline/internal/demo"
	"storyline/internal/intake"
	"storyline/internal/news"
	"storyline/internal/sqlite"
)

func newDemo(g *globals) *cobra.Command {
	var sf serveFlags
	serve := true
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Analyse the bundled demo story, print its report and serve it on the web",
		Long: `Analyse the demo corpus built into storyline — a fictional story written by the storyline
authors, reported by invented outlets in HTML pages, an RSS feed and plain text — print the
report, then serve it as web pages and a JSON API (as 'storyline serve' does) until
interrupted. The articles go into a temporary database, removed at the end, unless --db
is given. With --serve=false the report is printed and nothing is served or stored.

` + serveHelp,
		Example: `  storyline demo
  storyline demo --addr 127.0.0.1:9000
  storyline demo --serve=false --format md`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := g.checkFormat(); err != nil {
				return err
			}
			src := intake.FS(demo.FS(), ".")
			ctx, stdin, out, errw := cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), cmd.ErrOrStderr()
			if !serve && !cmd.Flags().Changed("db") {
				return analyzeAndReport(ctx, g, src, nil, "", stdin, out, errw)
			}
			store, name, cleanup, err := demoStore(cmd, g)
			if err != nil {
				return err
			}
			defer cleanup()
			if err := analyzeAndReport(ctx, g, src, store, name, stdin, out, errw); err != nil || !serve {
				return err
			}
			return runServer(ctx, g, store, name, sf, errw)
		},
	}
	sf.register(cmd)
	cmd.Flags().BoolVar(&serve, "serve", true, "serve the report on the web after printing it")
	return cmd
}

// demoStore opens --db, or a new database in a temporary folder that
// cleanup removes.
func demoStore(cmd *cobra.Command, g *globals) (news.Store, string, func(), error) {
	if cmd.Flags().Changed("db") {
		store, name, err := openStore(cmd.Context(), g)
		if err != nil {
			return nil, "", nil, err
		}
		return store, name, func() { store.Close() }, nil
	}
	dir, err := os.MkdirTemp("", "storyline-demo-")
	if err != nil {
		return nil, "", nil, fmt.Errorf("demo database: %w", err)
	}
	path := filepath.Join(dir, "demo.db")
	db, err := sqlite.Open(cmd.Context(), path)
	if err != nil {
		os.RemoveAll(dir)
		return nil, "", nil, err
	}
	return db, path, func() {
		db.Close()
		os.RemoveAll(dir)
	}, nil
}
