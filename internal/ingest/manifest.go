package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"

	"storyline/internal/news"
)

const manifestName = "manifest.json"

// entry is one article a manifest lists.
type entry struct {
	path string // slash-separated, relative to the manifest's folder
	meta meta
	seen bool
}

// scope is a folder governed by a manifest: it holds exactly the articles
// listed, including those in subfolders without a manifest of their own.
type scope struct {
	dir      string // the manifest's folder, as a tree path
	manifest string // the manifest's path, for messages
	entries  []*entry
	byPath   map[string]*entry
	// A subfolder with its own manifest takes over; parent and prefix let
	// it tell the enclosing manifest which of its entries were read.
	parent *scope
	prefix string
}

// lookup returns the entry for a file at rel (slash path relative to the
// scope's folder), marking it and its twins in enclosing scopes as seen.
func (s *scope) lookup(rel string) *entry {
	if s == nil {
		return nil
	}
	e := s.byPath[rel]
	if e == nil {
		return nil
	}
	for sc, r := s, rel; sc != nil; sc, r = sc.parent, path.Join(sc.prefix, r) {
		if pe := sc.byPath[r]; pe != nil {
			pe.seen = true
		}
	}
	return e
}

// parseManifest reads a manifest's JSON. A manifest that is not a JSON list
// is an error; problems within entries (a bad field, an entry with no
// path, a path listed twice) are returned as problems and the rest is kept.
func parseManifest(raw []byte) (entries []*entry, problems []string, err error) {
	if err := checkBinary(raw); err != nil {
		return nil, nil, err
	}
	if i := invalidUTF8(raw); i >= 0 {
		return nil, nil, fmt.Errorf("invalid UTF-8 at byte %d: %w", i, news.ErrInvalid)
	}
	raw = bytes.TrimPrefix(raw, utf8BOM)
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) == 0 || trimmed[0] != '[' {
		return nil, nil, fmt.Errorf("want a JSON list of objects, got %s: %w", describeJSON(trimmed), news.ErrInvalid)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(trimmed, &list); err != nil {
		return nil, nil, fmt.Errorf("malformed JSON: %v: %w", err, news.ErrInvalid)
	}
	first := map[string]int{}
	for i, rawEntry := range list {
		n := i + 1
		obj, err := decodeObject(rawEntry)
		if err != nil {
			problems = append(problems, fmt.Sprintf("entry %d: %v", n, err))
			continue
		}
		m, fieldProblems := decodeMeta(obj)
		if m.Path == nil {
			problems = append(problems, fmt.Sprintf("entry %d: no \"path\"", n))
			continue
		}
		p, err := entryPath(*m.Path)
		if err != nil {
			problems = append(problems, fmt.Sprintf("entry %d: %v", n, err))
			continue
		}
		for _, fp := range fieldProblems {
			problems = append(problems, fmt.Sprintf("entry %d (%s): %s", n, p, fp))
		}
		if j, dup := first[p]; dup {
			problems = append(problems, fmt.Sprintf("entry %d: %s is listed again (first as entry %d, which is used)", n, p, j))
			continue
		}
		first[p] = n
		entries = append(entries, &entry{path: p, meta: m})
	}
	return entries, problems, nil
}

// entryPath checks a manifest path: it must name a file inside the
// manifest's folder, written with forward slashes.
func entryPath(p string) (string, error) {
	clean := path.Clean(strings.TrimPrefix(p, "./"))
	if strings.Contains(p, `\`) || !fs.ValidPath(clean) || clean == "." {
		return "", fmt.Errorf("path %q must name a file inside the folder, with / between folder names", clip(p, 80))
	}
	return clean, nil
}

// loadScope reads dir's manifest when there is one. It returns nil and no
// error when there is none. A manifest that cannot be used is reported as
// an error item and the folder is then read without one, so no article is
// lost to a typo in its metadata.
func (r *reader) loadScope(dir string) (*scope, error) {
	name := r.t.Join(dir, manifestName)
	f, err := r.t.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, r.fail(name, fmt.Errorf("cannot read manifest: %w; reading the folder without it", err))
	}
	defer f.Close()
	sc, problems, err := readManifest(f, r.max)
	if err != nil {
		return nil, r.fail(name, fmt.Errorf("malformed manifest, reading the folder's files without it: %w", err))
	}
	for _, p := range problems {
		if err := r.fail(name, fmt.Errorf("%s: %w", p, news.ErrInvalid)); err != nil {
			return nil, err
		}
	}
	sc.dir, sc.manifest = dir, name
	return sc, nil
}

// readManifest reads and parses an open manifest into a scope.
func readManifest(f fs.File, max int64) (*scope, []string, error) {
	raw, err := readFile(f, max)
	if err != nil {
		return nil, nil, err
	}
	entries, problems, err := parseManifest(raw)
	if err != nil {
		return nil, nil, err
	}
	sc := &scope{entries: entries, byPath: make(map[string]*entry, len(entries))}
	for _, e := range entries {
		sc.byPath[e.path] = e
	}
	return sc, problems, nil
}

// missing reports, or reads, the entries of a scope that the walk did not
// meet: files that are absent, or hidden ones the walk passes over.
func (r *reader) missing(sc *scope) error {
	for _, e := range sc.entries {
		if e.seen {
			continue
		}
		if err := r.ctx.Err(); err != nil {
			return err
		}
		name := r.t.Join(sc.dir, r.t.FromSlash(e.path))
		st, err := r.t.Stat(name)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			err = r.fail(name, fmt.Errorf("listed in %s but missing: %w", sc.manifest, news.ErrNotFound))
		case err != nil:
			err = r.fail(name, fmt.Errorf("listed in %s but cannot be read: %w", sc.manifest, err))
		case st.IsDir():
			err = r.fail(name, fmt.Errorf("listed in %s but is a folder: %w", sc.manifest, news.ErrInvalid))
		default:
			e.seen = true
			err = r.file(name, e)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readFile reads all of f up to max bytes, refusing larger files before
// reading when their size is known and through a limit in any case.
func readFile(f fs.File, max int64) ([]byte, error) {
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > max {
		return nil, fmt.Errorf("%d bytes, more than the limit of %d: %w", st.Size(), max, news.ErrTooLarge)
	}
	return readBounded(f, max)
}

// readBounded reads r to its end, failing once it passes max bytes.
func readBounded(r io.Reader, max int64) ([]byte, error) {
	raw, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if int64(len(raw)) > max {
		return nil, fmt.Errorf("more than the limit of %d bytes: %w", max, news.ErrTooLarge)
	}
	return raw, nil
}
