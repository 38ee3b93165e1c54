package ingest

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// tree is what the walk needs of a file system, so that one walk serves
// both the operating system's paths (Read) and an fs.FS (ReadFS).
type tree interface {
	// Stat follows symbolic links.
	Stat(name string) (fs.FileInfo, error)
	// ReadDir lists a directory sorted by name.
	ReadDir(name string) ([]fs.DirEntry, error)
	Open(name string) (fs.File, error)
	Join(dir, name string) string
	Dir(name string) string
	Base(name string) string
	// FromSlash turns a manifest's slash-separated path into a tree path.
	FromSlash(p string) string
}

type osTree struct{}

func (osTree) Stat(name string) (fs.FileInfo, error)      { return os.Stat(name) }
func (osTree) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (osTree) Open(name string) (fs.File, error)          { return os.Open(name) }
func (osTree) Join(dir, name string) string               { return filepath.Join(dir, name) }
func (osTree) Dir(name string) string                     { return filepath.Dir(name) }
func (osTree) Base(name string) string                    { return filepath.Base(name) }
func (osTree) FromSlash(p string) string                  { return filepath.FromSlash(p) }

type fsTree struct{ fsys fs.FS }

func (t fsTree) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(t.fsys, name) }
func (t fsTree) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(t.fsys, name) }
func (t fsTree) Open(name string) (fs.File, error)          { return t.fsys.Open(name) }
func (fsTree) Join(dir, name string) string                 { return path.Join(dir, name) }
func (fsTree) Dir(name string) string                       { return path.Dir(name) }
func (fsTree) Base(name string) string                      { return path.Base(name) }
func (fsTree) FromSlash(p string) string                    { return p }
