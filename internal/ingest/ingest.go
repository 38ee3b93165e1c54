// Package ingest reads the inputs storyline accepts — plain text with
// manifest or sidecar metadata, HTML pages, RSS/Atom/JSON feeds and JSON
// lines — and turns each into a news.Article, or into an item that says
// clearly why it could not. One bad input never stops the batch.
package ingest

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"

	"storyline/internal/news"
)

// DefaultMaxBytes bounds one input when Options.MaxBytes is zero.
const DefaultMaxBytes = 10 << 20

// maxDepth bounds folder nesting, a backstop to the symlink loop check for
// file systems that cannot tell two folders apart.
const maxDepth = 64

// Options tune Read and ReadFS.
type Options struct {
	MaxBytes int64     // per input (file, feed item, JSON line, decompressed .gz); 0 = DefaultMaxBytes
	Stdin    io.Reader // read for the path "-"; nil = os.Stdin
}

// Item is what Read reports for one input: an article, an error, or a
// reason the input was passed over.
type Item struct {
	// Input names the input for messages: a path, "path:12" for a JSON
	// line, "path#3" for a feed item, "-" for standard input.
	Input   string
	Article *news.Article // nil when Err != nil or Skip != ""
	// Err is wrapped, names the input and the reason, and wraps one of
	// news.ErrInvalid, news.ErrNotFound or news.ErrTooLarge where one fits.
	Err error
	// Skip is non-empty for an input that is neither an article nor a
	// failure (a README beside a manifest), with the reason.
	Skip string
	// Clean is true when the text did not come through HTML extraction and
	// the caller should run internal/clean on it.
	Clean bool
}

// Read walks paths — files, folders (recursively, in sorted order) and "-"
// for standard input — and calls emit for every input in a deterministic
// order, streaming. It returns early only if ctx is cancelled or emit
// returns an error, and then returns that error.
func Read(ctx context.Context, paths []string, o Options, emit func(Item) error) error {
	r := newReader(ctx, osTree{}, o, emit)
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		if p == "-" {
			err = r.stdin()
		} else {
			err = r.root(p)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// ReadFS does what Read does over fsys, starting at root ("." for all of
// it). Inputs are named by their paths within fsys.
func ReadFS(ctx context.Context, fsys fs.FS, root string, o Options, emit func(Item) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r := newReader(ctx, fsTree{fsys}, o, emit)
	if root == "" {
		root = "."
	}
	if strings.HasSuffix(root, "/") && len(root) > 1 {
		root = path.Clean(root)
	}
	if !fs.ValidPath(root) {
		return r.fail(root, fmt.Errorf("not a valid path within the file system (want slash-separated, no leading / or ..): %w", news.ErrInvalid))
	}
	return r.root(root)
}

// reader carries one Read call's state.
type reader struct {
	ctx   context.Context
	t     tree
	max   int64
	stdIn io.Reader
	emit  func(Item) error
	// dirs caches the manifests of the folders of files named directly,
	// so that a manifest is read and its problems reported once.
	dirs map[string]*scope
}

func newReader(ctx context.Context, t tree, o Options, emit func(Item) error) *reader {
	max := o.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	in := o.Stdin
	if in == nil {
		in = os.Stdin
	}
	return &reader{ctx: ctx, t: t, max: max, stdIn: in, emit: emit, dirs: map[string]*scope{}}
}

// fail emits an error item for input. Its return is emit's.
func (r *reader) fail(input string, err error) error {
	return r.emit(Item{Input: input, Err: fmt.Errorf("%s: %w", input, err)})
}

func (r *reader) skip(input, reason string) error {
	return r.emit(Item{Input: input, Skip: reason})
}

func (r *reader) article(input string, a *news.Article, clean bool) error {
	return r.emit(Item{Input: input, Article: a, Clean: clean})
}

// file reads one file with the metadata of its manifest entry e (nil for
// none) and of its sidecar.
func (r *reader) file(name string, e *entry) error {
	var m meta
	if e != nil {
		m = e.meta
	}
	sm, smName, err := r.sidecar(name)
	if err != nil {
		if err := r.fail(smName, err); err != nil {
			return err
		}
	}
	m = m.over(sm)

	f, err := r.t.Open(name)
	if err != nil {
		return r.fail(name, statError(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return r.fail(name, statError(err))
	}
	if st.IsDir() {
		return r.fail(name, fmt.Errorf("is a folder: %w", news.ErrInvalid))
	}
	base, gz := strings.CutSuffix(strings.ToLower(r.t.Base(name)), ".gz")
	k := kindOf(base)
	var src io.Reader = f
	if gz {
		zr, err := gzip.NewReader(bufio.NewReader(f))
		if err != nil {
			return r.fail(name, fmt.Errorf("not valid gzip data: %v: %w", err, news.ErrInvalid))
		}
		defer zr.Close()
		src = gzipErrors{zr}
	}
	if k == kindUnknown {
		br := bufio.NewReaderSize(src, sniffLen)
		head, _ := br.Peek(sniffLen)
		src = br
		k = sniff(head)
		if k == kindJSONL || k == kindUnknown {
			if e == nil {
				return r.skip(name, "unsupported file type")
			}
			// The manifest says this is an article: read it as text.
			k = kindText
		}
	}
	// JSON lines stream one bounded line at a time, so only their lines
	// are bounded; every other input is bounded as a whole, a compressed
	// one before and after decompression. The type is told first, so that
	// a large file of another kind is skipped, not failed.
	if st.Mode().IsRegular() && st.Size() > r.max && k != kindJSONL {
		return r.fail(name, fmt.Errorf("%d bytes, more than the limit of %d: %w", st.Size(), r.max, news.ErrTooLarge))
	}
	if k == kindJSONL {
		return r.jsonLines(name, src, m)
	}
	raw, err := readBounded(src, r.max)
	if err != nil {
		if gz {
			err = fmt.Errorf("decompressed: %w", err)
		}
		return r.fail(name, err)
	}
	return r.content(name, k, raw, m)
}

// content reads one whole input of a known kind.
func (r *reader) content(name string, k kind, raw []byte, m meta) error {
	switch k {
	case kindHTML:
		a, err := htmlArticle(raw, m)
		if err != nil {
			return r.fail(name, err)
		}
		m.apply(a, name)
		return r.article(name, a, false)
	case kindFeed:
		return r.feed(name, raw, m)
	}
	text, err := plainText(raw)
	if err != nil {
		return r.fail(name, err)
	}
	a := &news.Article{Text: text, Format: "text"}
	m.apply(a, name)
	return r.article(name, a, true)
}

// stdin reads standard input, whose kind is told by its content alone.
func (r *reader) stdin() error {
	br := bufio.NewReaderSize(r.stdIn, sniffLen)
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) {
		return r.fail("-", fmt.Errorf("read: %w", err))
	}
	k := sniff(head)
	if k == kindUnknown {
		k = kindText
	}
	if k == kindJSONL {
		return r.jsonLines("-", br, meta{source: "stdin"})
	}
	raw, err := readBounded(br, r.max)
	if err != nil {
		return r.fail("-", err)
	}
	return r.content("-", k, raw, meta{source: "stdin"})
}

// gzipErrors marks a failure inside compressed data as bad input rather
// than a failed read: a truncated or corrupt .gz is the file's fault.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("not valid gzip data: %w: %w", err, news.ErrInvalid)
	}
	return n, err
}
