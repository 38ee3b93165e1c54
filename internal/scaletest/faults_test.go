package scaletest

import (
	"context"
	"errors"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"storyline/internal/postgres/pgtest"
)

// faultRun posts pages through an API server with --queue to one worker,
// calls fault when half are stored, and checks that every page ends up
// stored exactly once without the test restarting anything but what
// fault touches.
func faultRun(t *testing.T, db string, nats *natsServer, pages []page, fault func()) (api, w *proc, base string) {
	t.Helper()
	w = worker(t, "worker", "--db", db, "--nats", nats.url(), "--ack-wait", "3s", "--concurrency", "2")
	api, base = serve(t, "api", "--db", db, "--queue", nats.url())
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	posted := make(chan []string, 1)
	go func() { posted <- addAll(ctx, t, base, pages, 4, 5) }()
	for w.stored.Load() < int64(len(pages)/2) {
		select {
		case <-ctx.Done():
			t.Fatalf("only %d stored before the deadline", w.stored.Load())
		case <-time.After(20 * time.Millisecond):
		}
	}
	fault()
	if failed := <-posted; len(failed) > 0 {
		t.Fatalf("%d adds failed, the first: %s", len(failed), failed[0])
	}
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var rows, urls int
	if err := conn.QueryRow(ctx, "SELECT count(*), count(DISTINCT url) FROM articles").Scan(&rows, &urls); err != nil {
		t.Fatal(err)
	}
	if rows != len(pages) || urls != len(pages) {
		t.Errorf("%d articles with %d URLs stored, want %d once each", rows, urls, len(pages))
	}
	// The API reads the store again (its report is rebuilt after adds).
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(base + "/api/stories")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the API does not read the store after the fault: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	return api, w, base
}

// TestNATSRestart stops the NATS server while adds are in flight and
// starts it again on the same port and data: the API and the worker
// reconnect by themselves, nothing is lost, and the outage is logged.
func TestNATSRestart(t *testing.T) {
	needsProcesses(t)
	pages := corpus(t, 11, 300)
	nats := startNATS(t)
	api, w, _ := faultRun(t, pgtest.URL(t), nats, pages, func() {
		nats.shutdown()
		time.Sleep(2 * time.Second)
		nats.start()
	})
	for _, p := range []*proc{api, w} {
		if e := p.stderr(); !strings.Contains(e, "lost the connection to NATS") || !strings.Contains(e, "reconnected to NATS") {
			t.Errorf("%s did not log the outage clearly:\n%s", p.name, e)
		}
	}
}

// TestPostgresRestart crashes PostgreSQL (its own cluster, not the one
// other tests share) while adds are in flight and starts it again: the
// worker holds its jobs and retries, the API reads again, nothing is
// lost, and the outage is one log line when it starts and one when it
// ends.
func TestPostgresRestart(t *testing.T) {
	needsProcesses(t)
	script := clusterScript(t)
	dir := filepath.Join(os.TempDir(), "storyline-scaletest-pg-"+strings.ReplaceAll(t.Name(), "/", "_"))
	_ = exec.Command(script, "stop", dir).Run() // a folder a killed run left
	out, err := exec.Command(script, "start", dir).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() == 3 {
			t.Skip("PostgreSQL is not installed (Debian: apt-get install postgresql)")
		}
		t.Fatalf("start a PostgreSQL cluster: %v", err)
	}
	t.Cleanup(func() { _ = exec.Command(script, "stop", dir).Run() })
	db := strings.TrimSpace(string(out))
	pages := corpus(t, 12, 300)
	_, w, _ := faultRun(t, db, startNATS(t), pages, func() {
		if out, err := exec.Command(script, "halt", dir).CombinedOutput(); err != nil {
			t.Fatalf("halt PostgreSQL: %v\n%s", err, out)
		}
		time.Sleep(3 * time.Second)
		if out, err := exec.Command(script, "resume", dir).CombinedOutput(); err != nil {
			t.Fatalf("resume PostgreSQL: %v\n%s", err, out)
		}
	})
	e := w.stderr()
	if strings.Count(e, "store: cannot add articles; retrying") != 1 || !strings.Contains(e, "store: adding works again") {
		t.Errorf("the worker did not log the outage as one line when it started and one when it ended:\n%s", e)
	}
}

// clusterScript finds scripts/postgres-cluster above this package.
func clusterScript(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		p := filepath.Join(dir, "scripts", "postgres-cluster")
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no scripts/postgres-cluster above the package")
		}
		dir = parent
	}
}
