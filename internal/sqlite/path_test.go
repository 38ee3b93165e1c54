package sqlite

import (
	"errors"
	"path/filepath"
	"runtime"
	"testing"
)

func TestDefaultPath(t *testing.T) {
	home := func() (string, error) { return "/home/ada", nil }
	noHome := func() (string, error) { return "", errors.New("$HOME is not defined") }
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	j := filepath.Join
	for _, c := range []struct {
		name, goos string
		getenv     func(string) string
		home       func() (string, error)
		want       string // "" = error
	}{
		{"linux XDG", "linux", env("XDG_DATA_HOME", "/data/ada"), home, j("/data/ada", "storyline", "storyline.db")},
		{"linux default", "linux", env(), home, j("/home/ada", ".local", "share", "storyline", "storyline.db")},
		{"linux relative XDG ignored", "linux", env("XDG_DATA_HOME", "rel/dir"), home, j("/home/ada", ".local", "share", "storyline", "storyline.db")},
		{"linux XDG without home", "linux", env("XDG_DATA_HOME", "/data/ada"), noHome, j("/data/ada", "storyline", "storyline.db")},
		{"linux no home", "linux", env(), noHome, ""},
		{"freebsd", "freebsd", env(), home, j("/home/ada", ".local", "share", "storyline", "storyline.db")},
		{"darwin", "darwin", env(), home, j("/home/ada", "Library", "Application Support", "storyline", "storyline.db")},
		{"darwin XDG", "darwin", env("XDG_DATA_HOME", "/data/ada"), home, j("/data/ada", "storyline", "storyline.db")},
		{"windows", "windows", env("LocalAppData", "/c/Users/ada/AppData/Local"), home, j("/c/Users/ada/AppData/Local", "storyline", "storyline.db")},
		{"windows without LocalAppData", "windows", env(), home, ""},
		{"plan9", "plan9", env("XDG_DATA_HOME", "/ignored"), home, j("/home/ada", "lib", "storyline", "storyline.db")},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := defaultPath(c.goos, c.getenv, c.home)
			if c.want == "" {
				if err == nil {
					t.Errorf("got %q, want an error", got)
				}
				return
			}
			if err != nil || got != c.want {
				t.Errorf("got %q, %v; want %q", got, err, c.want)
			}
		})
	}
}

func TestDefaultPathUsesEnvironment(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("XDG_DATA_HOME is not read on " + runtime.GOOS)
	}
	dir := t.TempDir()
	t.Setenv("XDG_DATA_HOME", dir)
	got, err := DefaultPath()
	if want := filepath.Join(dir, "storyline", "storyline.db"); err != nil || got != want {
		t.Errorf("DefaultPath = %s, %v; want %s", got, err, want)
	}
}
