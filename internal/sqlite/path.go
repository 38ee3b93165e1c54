package sqlite

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// DefaultPath is where the database lives when the user names none: in the
// user's data folder, which is not the config folder (a database is data the
// program made, not settings the user wrote).
//
//   - Linux, BSD and other Unix: $XDG_DATA_HOME/storyline/storyline.db, or
//     ~/.local/share/storyline/storyline.db when XDG_DATA_HOME is unset or
//     relative (the XDG spec says to ignore relative values).
//   - macOS: $XDG_DATA_HOME when set (many command-line users set it), else
//     ~/Library/Application Support/storyline/storyline.db.
//   - Windows: %LocalAppData%\storyline\storyline.db (data stays on this
//     machine rather than roaming).
//   - Plan 9: $home/lib/storyline/storyline.db.
func DefaultPath() (string, error) {
	return defaultPath(runtime.GOOS, os.Getenv, os.UserHomeDir)
}

func defaultPath(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	const app, file = "storyline", "storyline.db"
	if goos == "windows" {
		dir := getenv("LocalAppData")
		if dir == "" {
			return "", errors.New("default database path: %LocalAppData% is not set")
		}
		return filepath.Join(dir, app, file), nil
	}
	if goos != "plan9" {
		if x := getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
			return filepath.Join(x, app, file), nil
		}
	}
	h, err := home()
	if err != nil {
		return "", fmt.Errorf("default database path: no home folder: %w", err)
	}
	switch goos {
	case "darwin", "ios":
		return filepath.Join(h, "Library", "Application Support", app, file), nil
	case "plan9":
		return filepath.Join(h, "lib", app, file), nil
	}
	return filepath.Join(h, ".local", "share", app, file), nil
}
