// Package migration reads a store's schema migrations, the embedded files
// migrations/NNNN_name.sql, in version order. Each store applies them its
// own way (its transactions, locks and schema_migrations table); what they
// share is how the files are named, numbered and checked, and the refusal
// of a database newer than the program.
package migration

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// ErrSchemaTooNew means the database was written by a newer storyline whose
// schema this binary does not know; opening it, let alone writing to it,
// could corrupt it.
var ErrSchemaTooNew = errors.New("database schema is newer than this program")

// File is one migration.
type File struct {
	Version int
	Name    string // the file name, NNNN_what.sql
	SQL     string
}

// Read reads the NNNN_name.sql files of the folder migrations in fsys in
// version order and checks that the versions run 1, 2, 3… without gaps or
// repeats, so a misnamed file fails every test rather than skipping a step
// in the field. Files not ending in .sql are passed over.
func Read(fsys fs.FS) ([]File, error) {
	entries, err := fs.ReadDir(fsys, "migrations")
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var ms []File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_what.sql", name)
		}
		body, err := fs.ReadFile(fsys, path.Join("migrations", name))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		ms = append(ms, File{Version: v, Name: name, SQL: string(body)})
	}
	// ReadDir sorts by name; zero-padded numbers make that version order.
	for i, m := range ms {
		if m.Version != i+1 {
			return nil, fmt.Errorf("migration %s: expected version %d", m.Name, i+1)
		}
	}
	return ms, nil
}

// Latest is the newest version in fsys, 0 when its migrations cannot be
// read.
func Latest(fsys fs.FS) int {
	ms, err := Read(fsys)
	if err != nil {
		return 0
	}
	return len(ms)
}

// CheckNotNewer refuses a database at schema version current when the
// program knows versions up to latest only.
func CheckNotNewer(current, latest int) error {
	if current > latest {
		return fmt.Errorf("%w: database has schema version %d, this storyline knows up to %d; use a newer storyline", ErrSchemaTooNew, current, latest)
	}
	return nil
}
