// Command storyline follows a news story across outlets: it reads reports,
// cleans them, analyses them and reports who said what, how many and when,
// where the outlets agree and where they differ.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// Exit codes, as the README documents them.
const (
	exitOK      = 0
	exitPartial = 1 // some inputs failed; the others were processed (and stored)
	exitUsage   = 2
)

// usageError marks a mistake in how the command was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// partialError says that some inputs failed after the rest were processed.
type partialError struct{ failed, total int }

func (e partialError) Error() string {
	return fmt.Sprintf("%d of %d inputs failed (see above); the others were processed", e.failed, e.total)
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: tests call it with their own streams.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := newRoot()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "storyline:", err)
	var ue usageError
	var pe partialError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "Run 'storyline --help' for usage.")
		return exitUsage
	case errors.As(err, &pe):
		return exitPartial
	}
	return exitPartial
}

func newRoot() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:   "storyline",
		Short: "Follow a news story across outlets",
		Long: `storyline reads news reports (text files, HTML pages, RSS/Atom feeds, JSON lines), cleans them,
and reports what happened, who said what, the figures each outlet gives and the dates, each
pointing back to the sentence it came from.

Start with 'storyline demo' to see a report on the bundled (fictional) demo story, then
'storyline analyze FOLDER' on your own files.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// With Args set, cobra hands an unknown subcommand to us instead of
		// failing with a plain error, so it can be a usage error (exit 2).
		Args: args(func(_ *cobra.Command, a []string) error {
			if len(a) > 0 {
				return fmt.Errorf("unknown command %q", a[0])
			}
			return nil
		}),
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	g.register(root)
	root.AddCommand(newAnalyze(g), newAdd(g), newReport(g), newDemo(g), newServe(g), newWorker(g), newWatch(g), newEval(g), newBench(g), newVersion())
	return root
}

// args wraps a cobra argument check so a wrong count is a usage error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return usageError{err}
		}
		return nil
	}
}
