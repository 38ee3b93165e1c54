package main

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/postgres/pgtest"
)

// The PostgreSQL tests get a server from pgtest; tests that do not ask for
// one start nothing.
func TestMain(m *testing.M) { pgtest.Main(m) }

// --db with a postgres:// URL stores in PostgreSQL: add, add again (a
// no-op), report; messages name the database without its password.
func TestPostgresDB(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	secret := "s3cret-not-to-print"
	if p, ok := u.User.Password(); ok {
		secret = p // a real one, which must not be printed either
	} else {
		u.User = url.UserPassword(u.User.Username(), secret) // a server that trusts loopback ignores it
	}
	db := u.String()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "vell.txt"), goodArticle)
	writeFile(t, filepath.Join(dir, "lock.txt"), "Lock gates replaced\n\nThe canal trust replaced both lock gates at Hollin over the winter, it said on Monday.\n")

	code, out, errs := cli(t, "", "add", "--db", db, dir)
	if code != 0 || strings.Count(out, "stored ") != 2 {
		t.Fatalf("add: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	code, out, errs = cli(t, "", "add", "--db", db, dir)
	if code != 0 || strings.Contains(out, "stored ") || !strings.Contains(errs, "0 stored, 2 already there") {
		t.Errorf("add again: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	for _, s := range []string{out, errs} {
		if strings.Contains(s, secret) {
			t.Errorf("the password is printed: %s", s)
		}
	}
	code, out, errs = cli(t, "", "report", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("report: exit %d\nstderr: %s", code, errs)
	}
	var rep struct {
		Articles []struct{ Title string }
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("report is not JSON: %v", err)
	}
	if len(rep.Articles) != 2 {
		t.Errorf("report holds %d articles, want 2", len(rep.Articles))
	}
	// The same input through the SQLite store reports the same.
	file := filepath.Join(t.TempDir(), "same.db")
	if code, _, errs := cli(t, "", "add", "-q", "--db", file, dir); code != 0 {
		t.Fatalf("add to SQLite: exit %d: %s", code, errs)
	}
	if _, lite, _ := cli(t, "", "report", "--db", file, "--format", "json"); lite != out {
		t.Errorf("reports differ between the stores:\nPostgreSQL: %.300s\nSQLite:     %.300s", out, lite)
	}
	code, _, errs = cli(t, "", "analyze", "--db", "postgres://nobody:"+secret+"@127.0.0.1:1/none?connect_timeout=5", dir)
	if code == 0 || strings.Contains(errs, secret) {
		t.Errorf("analyze with an unreachable database: exit %d, stderr: %s", code, errs)
	}
}
