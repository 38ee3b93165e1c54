package migration

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

func TestRead(t *testing.T) {
	file := func(body string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(body)} }
	for _, c := range []struct {
		name  string
		files fstest.MapFS
		want  string // "" = valid
	}{
		{"in order", fstest.MapFS{"migrations/0001_a.sql": file("x"), "migrations/0002_b.sql": file("y"), "migrations/README": file("z")}, ""},
		{"gap", fstest.MapFS{"migrations/0001_a.sql": file("x"), "migrations/0003_c.sql": file("y")}, "expected version 2"},
		{"repeat", fstest.MapFS{"migrations/0001_a.sql": file("x"), "migrations/0001_b.sql": file("y")}, "expected version 2"},
		{"no number", fstest.MapFS{"migrations/first.sql": file("x")}, "NNNN_what.sql"},
		{"zero", fstest.MapFS{"migrations/0000_a.sql": file("x")}, "NNNN_what.sql"},
		{"no folder", fstest.MapFS{"other/0001_a.sql": file("x")}, "read migrations"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Read(c.files)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("error = %v, want one saying %q", err, c.want)
			}
		})
	}
}

func TestReadKeepsOrderAndText(t *testing.T) {
	fsys := fstest.MapFS{
		"migrations/0002_index.sql":  {Data: []byte("CREATE INDEX i ON t (a);")},
		"migrations/0001_tables.sql": {Data: []byte("CREATE TABLE t (a int);")},
	}
	ms, err := Read(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 2 || ms[0] != (File{1, "0001_tables.sql", "CREATE TABLE t (a int);"}) || ms[1].Version != 2 || ms[1].SQL != "CREATE INDEX i ON t (a);" {
		t.Errorf("Read = %+v", ms)
	}
	if Latest(fsys) != 2 || Latest(fstest.MapFS{}) != 0 {
		t.Errorf("Latest = %d and %d, want 2 and 0", Latest(fsys), Latest(fstest.MapFS{}))
	}
}

func TestCheckNotNewer(t *testing.T) {
	for _, c := range []struct {
		current, latest int
		ok              bool
	}{{0, 2, true}, {2, 2, true}, {3, 2, false}} {
		err := CheckNotNewer(c.current, c.latest)
		if (err == nil) != c.ok || err != nil && !errors.Is(err, ErrSchemaTooNew) {
			t.Errorf("CheckNotNewer(%d, %d) = %v, want ok %v", c.current, c.latest, err, c.ok)
		}
	}
}
