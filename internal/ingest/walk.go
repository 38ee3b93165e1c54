package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"

	"storyline/internal/news"
)

// root reads one path named by the caller.
func (r *reader) root(p string) error {
	st, err := r.t.Stat(p)
	if err != nil {
		return r.fail(p, statError(err))
	}
	if st.IsDir() {
		return r.dir(p, governed{}, []fs.FileInfo{st})
	}
	// A file named directly takes its metadata from its folder's manifest
	// when that lists it, but is read even when it does not: the caller
	// asked for it by name.
	dir := r.t.Dir(p)
	sc, seen := r.dirs[dir]
	if !seen {
		sc, err = r.loadScope(dir)
		if err != nil {
			return err
		}
		r.dirs[dir] = sc
	}
	if r.t.Base(p) == manifestName && sc != nil {
		return r.skip(p, "a manifest, not an article (name its folder to read the articles it lists)")
	}
	var e *entry
	if sc != nil {
		e = sc.byPath[r.t.Base(p)]
	}
	return r.file(p, e)
}

// statError words a failed stat.
func statError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("no such file or folder: %w", news.ErrNotFound)
	}
	return fmt.Errorf("cannot read: %w", err)
}

// governed says which manifest, if any, holds a folder's articles.
type governed struct {
	sc  *scope
	rel string // the folder's path within sc's folder
	// loose is set below a manifest that could not be read: every file
	// is read, with an enclosing manifest's metadata where it lists one.
	loose bool
}

// dir walks one folder; ancestors are the folders above it, for the loop
// check.
func (r *reader) dir(dir string, g governed, ancestors []fs.FileInfo) error {
	entries, err := r.t.ReadDir(dir)
	if err != nil {
		return r.fail(dir, fmt.Errorf("cannot list folder: %w", unwrapPath(err)))
	}
	own := false
	for _, de := range entries {
		if de.Name() == manifestName && !de.IsDir() {
			loaded, err := r.loadScope(dir)
			if err != nil {
				return err
			}
			if loaded == nil {
				// Nothing is skipped on the word of a manifest that could
				// not be read.
				g.loose = true
				break
			}
			loaded.parent, loaded.prefix = g.sc, g.rel
			g, own = governed{sc: loaded}, true
			break
		}
	}
	var articles map[string]bool // built when the first sidecar is met
	for _, de := range entries {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		name := de.Name()
		if strings.HasPrefix(name, ".") || name == manifestName {
			continue
		}
		full := r.t.Join(dir, name)
		relName := path.Join(g.rel, name)
		if strings.HasSuffix(name, sidecarSuffix) && !de.IsDir() {
			if articles == nil {
				names := make([]string, len(entries))
				for i, de := range entries {
					names[i] = de.Name()
				}
				articles = articleNames(names)
			}
			if !hasArticleFor(name, articles) {
				if err := r.skip(full, "metadata sidecar with no article beside it"); err != nil {
					return err
				}
			}
			continue
		}
		st, err := r.t.Stat(full) // follows symbolic links
		if err != nil {
			if de.Type()&fs.ModeSymlink != 0 && errors.Is(err, fs.ErrNotExist) {
				err = r.fail(full, fmt.Errorf("broken symbolic link: %w", news.ErrNotFound))
			} else {
				err = r.fail(full, statError(err))
			}
			if err != nil {
				return err
			}
			continue
		}
		switch {
		case st.IsDir():
			err = r.subdir(full, st, governed{g.sc, relName, g.loose}, ancestors)
		case !st.Mode().IsRegular():
			err = r.skip(full, "not a regular file")
		default:
			e := g.sc.lookup(relName)
			if e == nil && g.sc != nil && !g.loose {
				err = r.skip(full, "not listed in "+g.sc.manifest)
			} else {
				err = r.file(full, e)
			}
		}
		if err != nil {
			return err
		}
	}
	if own {
		return r.missing(g.sc)
	}
	return nil
}

// subdir descends into a folder unless that would loop.
func (r *reader) subdir(full string, st fs.FileInfo, g governed, ancestors []fs.FileInfo) error {
	for _, a := range ancestors {
		if os.SameFile(a, st) {
			return r.fail(full, fmt.Errorf("folder loop: leads back to %s, not followed: %w", a.Name(), news.ErrInvalid))
		}
	}
	if len(ancestors) >= maxDepth {
		return r.fail(full, fmt.Errorf("folders nested more than %d deep, not followed: %w", maxDepth, news.ErrInvalid))
	}
	return r.dir(full, g, append(ancestors[:len(ancestors):len(ancestors)], st))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
