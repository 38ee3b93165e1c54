package news

import "errors"

// Error kinds. Wrap them with fmt.Errorf("…: %w", ErrX) where the failure
// happens; the edges (CLI exit codes, HTTP status) map them in one place.
var (
	ErrNotFound = errors.New("not found")
	ErrInvalid  = errors.New("invalid input")
	ErrConflict = errors.New("conflict")
	ErrTooLarge = errors.New("too large")
)
