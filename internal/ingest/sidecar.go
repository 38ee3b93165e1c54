package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"storyline/internal/news"
)

// sidecarSuffix ends a per-file metadata sidecar: story.txt.meta.json or
// story.meta.json for story.txt.
const sidecarSuffix = ".meta.json"

// sidecarNames returns the sidecar names tried for a file, in order.
func sidecarNames(base string) []string {
	names := []string{base + sidecarSuffix}
	if stem := stemOf(base); stem != base {
		names = append(names, stem+sidecarSuffix)
	}
	return names
}

// stemOf drops a file name's extension, and a ".gz" before it.
func stemOf(base string) string {
	s := strings.TrimSuffix(base, ".gz")
	if i := strings.LastIndexByte(s, '.'); i > 0 {
		return s[:i]
	}
	return s
}

// articleNames indexes a folder's names for hasArticleFor: each name that
// is not a sidecar, under itself and under its stem.
func articleNames(names []string) map[string]bool {
	idx := make(map[string]bool, 2*len(names))
	for _, n := range names {
		if !strings.HasSuffix(n, sidecarSuffix) {
			idx[n], idx[stemOf(n)] = true, true
		}
	}
	return idx
}

// hasArticleFor reports whether a sidecar's article is in the folder.
func hasArticleFor(sidecar string, articles map[string]bool) bool {
	return articles[strings.TrimSuffix(sidecar, sidecarSuffix)]
}

// sidecar reads the metadata of the sidecar beside name, if any, and
// returns it with the sidecar's name. Bad fields are reported and the good
// ones kept.
func (r *reader) sidecar(name string) (meta, string, error) {
	dir, base := r.t.Dir(name), r.t.Base(name)
	for _, n := range sidecarNames(base) {
		sc := r.t.Join(dir, n)
		m, err := r.readSidecar(sc)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		return m, sc, err
	}
	return meta{}, "", nil
}

func (r *reader) readSidecar(name string) (meta, error) {
	f, err := r.t.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return meta{}, err
	}
	if err != nil {
		return meta{}, fmt.Errorf("cannot read sidecar: %w", unwrapPath(err))
	}
	raw, err := readFile(f, r.max)
	f.Close()
	if err != nil {
		return meta{}, fmt.Errorf("sidecar: %w", err)
	}
	if i := invalidUTF8(raw); i >= 0 {
		return meta{}, fmt.Errorf("malformed sidecar: invalid UTF-8 at byte %d: %w", i, news.ErrInvalid)
	}
	obj, err := decodeObject(raw)
	if err != nil {
		return meta{}, fmt.Errorf("malformed sidecar: %v: %w", err, news.ErrInvalid)
	}
	m, problems := decodeMeta(obj)
	m.Path = nil
	if len(problems) > 0 {
		return m, fmt.Errorf("sidecar %s: %w", strings.Join(problems, "; "), news.ErrInvalid)
	}
	return m, nil
}
