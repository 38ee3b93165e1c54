package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"syscall"

	"storyline/internal/crossref"
	"storyline/internal/news"
	"storyline/internal/sqlite"
)

// foldStored brings the cross-article pass kept in a SQLite database up to
// date with the docs just stored there, so that 'storyline report' reads
// events, stories and names from it instead of computing them from every
// article. A PostgreSQL store is shared by workers and servers that do not
// keep that pass, so it is left to the report to compute.
func foldStored(ctx context.Context, g *globals, store news.Store, path string, fresh []*news.Doc, errw io.Writer) error {
	return withStoredPass(ctx, store, path, func(s *crossref.Stored) error {
		prog := newProgress(errw, !g.quiet, "cross-referencing")
		rebuilt, err := s.Fold(ctx, fresh, func(done, total int) {
			prog.SetTotal(total)
			prog.Add(1)
		})
		prog.Finish()
		if err != nil {
			return err
		}
		if rebuilt && !g.quiet {
			fmt.Fprintf(errw, "storyline: the cross-article pass was built again from all %d stored articles (articles arrived out of publication order, were stored without it, or were deleted)\n", s.Folded())
		}
		return nil
	})
}

// advanceStored is foldStored for a server: it folds the docs just stored
// when the pass is current, and otherwise leaves it for the next
// 'storyline add' to build again, since a rebuild would hold up the
// request for as long as it takes to go through the whole store.
func advanceStored(ctx context.Context, store news.Store, path string, fresh []*news.Doc) error {
	return withStoredPass(ctx, store, path, func(s *crossref.Stored) error {
		_, err := s.Advance(ctx, fresh, nil)
		return err
	})
}

// withStoredPass runs f on the pass kept in store, a SQLite database at
// path, holding the lock beside it: two processes folding at once would
// each change rows the other has read. A PostgreSQL store is shared by
// workers and servers that do not keep that pass, so f is not run.
func withStoredPass(ctx context.Context, store news.Store, path string, f func(*crossref.Stored) error) error {
	db, ok := store.(*sqlite.DB)
	if !ok {
		return nil
	}
	lock, err := os.OpenFile(path+".lock", os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("lock the cross-article pass: %w", err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return fmt.Errorf("lock the cross-article pass %s: %w", lock.Name(), err)
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
	s, err := crossref.OpenStored(ctx, db.Folding())
	if err != nil {
		return err
	}
	return f(s)
}

// advancer is a storeBackend's advance for store at path: the articles
// are stored whatever happens there, and a pass left behind is built again
// by the next 'storyline add'.
func advancer(store news.Store, path string, log *slog.Logger) func(context.Context, []*news.Doc) {
	return func(ctx context.Context, docs []*news.Doc) {
		if err := advanceStored(ctx, store, path, docs); err != nil {
			log.Warn("the stored cross-article pass was not advanced", "err", err)
		}
	}
}

// currentPass opens the cross-article pass kept in store when there is one
// that covers every stored article, of which there are some; nil
// otherwise.
func currentPass(ctx context.Context, store news.Store) (*crossref.Stored, error) {
	st, ok := store.(crossref.Store)
	if !ok {
		return nil, nil
	}
	s, err := crossref.OpenStored(ctx, st)
	if err != nil || s.Folded() == 0 {
		return nil, err
	}
	if cur, err := s.Current(ctx); err != nil || !cur {
		return nil, err
	}
	return s, nil
}

// storedPass returns the cross-article pass kept in store and its docs,
// when the store keeps one that covers every stored article; ok is false
// otherwise, and the caller computes the pass itself.
func storedPass(ctx context.Context, store news.Store) (res *crossref.Result, docs []*news.Doc, ok bool, err error) {
	s, err := currentPass(ctx, store)
	if s == nil || err != nil {
		return nil, nil, false, err
	}
	res, docs, err = s.Result(ctx)
	if errors.Is(err, crossref.ErrStale) {
		return nil, nil, false, nil
	}
	if err != nil {
		return nil, nil, false, err
	}
	return res, docs, true, nil
}
