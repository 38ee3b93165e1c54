package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"storyline/internal/sqlite"
)

// buildBinary compiles storyline once per test run, so tests drive the real
// program as a user would.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "storyline")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("build storyline: %v", err)
	}
	return bin
}

// writeBatch writes n distinct invented articles as text files.
func writeBatch(t *testing.T, dir string, n int) {
	t.Helper()
	for i := range n {
		body := fmt.Sprintf("Harbour report number %d\n\nThe ferry service between Port Anselm and the island of Vell resumed on day %d "+
			"after a storm closed the crossing, the harbour office said. Crews cleared %d tonnes of debris.\n\n"+
			"Officials said the timetable would return to normal within %d days.\n", i, i%28+1, i*3+7, i%5+2)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAddSurvivesSIGKILL kills `storyline add` in the middle of a large
// batch and checks that the database opens, is intact, holds every article
// reported as stored, and that a re-run adds the rest without duplicates.
func TestAddSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	const n = 1500
	writeBatch(t, dir, n)
	db := filepath.Join(t.TempDir(), "kill.db")

	cmd := exec.Command(bin, "add", "--quiet", "--db", db, dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var stored []string
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "stored" {
			stored = append(stored, f[1])
		}
		if len(stored) == n/3 {
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// Lines already written before the kill were also stored: read them all.
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "stored" {
			stored = append(stored, f[1])
		}
	}
	_ = cmd.Wait()
	if len(stored) < n/3 {
		t.Fatalf("only %d articles reported stored before the kill", len(stored))
	}
	if len(stored) == n {
		t.Fatalf("the whole batch finished before the kill; make it larger")
	}

	checkIntegrity(t, db)
	ctx := context.Background()
	s, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatalf("database does not open after the kill: %v", err)
	}
	for _, id := range stored {
		if _, err := s.Article(ctx, id); err != nil {
			t.Fatalf("article %s was reported stored but is missing: %v", id, err)
		}
	}
	s.Close()

	rerun := exec.Command(bin, "add", "--quiet", "--db", db, dir)
	rerun.Stderr = os.Stderr
	rout, err := rerun.Output()
	if err != nil {
		t.Fatalf("re-run: %v", err)
	}
	added := strings.Count(string(rout), "stored ")
	if added+len(stored) != n {
		t.Errorf("re-run stored %d, before the kill %d: want %d in all", added, len(stored), n)
	}
	s, err = sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if c, err := s.Count(ctx); err != nil || c != n {
		t.Errorf("database holds %d articles (err %v), want %d with no duplicates", c, err, n)
	}
}

func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	conn, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var res string
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := conn.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if res != "ok" {
		t.Fatalf("integrity_check: %s", res)
	}
}
