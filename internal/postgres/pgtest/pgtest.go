// Package pgtest gives tests a PostgreSQL server: the one named by
// STORYLINE_TEST_POSTGRES, or else a throwaway cluster that
// scripts/postgres-cluster starts for the test binary and stops after it.
// Each test gets a fresh schema in a database of its own test run.
//
//	func TestMain(m *testing.M) { pgtest.Main(m) }
//
//	func TestX(t *testing.T) { db, err := postgres.Open(ctx, pgtest.URL(t)) … }
//
// Tests skip, saying why, only when no server is named and PostgreSQL is not
// installed; a server that is there but fails to start fails them.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// EnvVar names a server tests may create databases on, as a postgres:// URL
// of a role with CREATEDB.
const EnvVar = "STORYLINE_TEST_POSTGRES"

// notInstalled is scripts/postgres-cluster's exit code when the server
// binaries are missing.
const notInstalled = 3

var (
	skip     string // why tests skip; "" when a server is there
	setupErr error  // why tests fail
	dbURL    string // the database of this test run
	schemas  atomic.Int64

	adminOnce sync.Once
	admin     *pgx.Conn
	adminErr  error
	adminMu   sync.Mutex

	setupOnce sync.Once
	stop      = func() {}
)

// Main runs the package's tests, then drops the test run's database and
// stops the cluster it started, if a test asked for one, and exits. The
// server is set up by the first URL call, so tests that need none (and
// fuzzing workers) start nothing.
func Main(m *testing.M) {
	code := m.Run()
	if admin != nil {
		admin.Close(context.Background())
	}
	stop()
	os.Exit(code)
}

func setup() (stop func()) {
	stop = func() {}
	server := os.Getenv(EnvVar)
	if server == "" {
		var err error
		server, stop, err = startCluster()
		if err != nil {
			if errors.Is(err, errNotInstalled) {
				skip = fmt.Sprintf("PostgreSQL is not installed (no initdb and pg_ctl in PATH or /usr/lib/postgresql/*/bin) and %s is unset; install Debian postgresql or name a server", EnvVar)
			} else {
				setupErr = err
			}
			return stop
		}
	}
	name := fmt.Sprintf("storyline_test_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9)
	u, err := url.Parse(server)
	if err != nil {
		setupErr = fmt.Errorf("%s: cannot parse the URL", EnvVar)
		return stop
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		setupErr = fmt.Errorf("connect to the test server %s: %w", u.Redacted(), err)
		return stop
	}
	defer conn.Close(ctx)
	// The name is ours, made of letters, digits and underscores.
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name+" ENCODING 'UTF8' TEMPLATE template0"); err != nil {
		setupErr = fmt.Errorf("create test database on %s: %w", u.Redacted(), err)
		return stop
	}
	u.Path = "/" + name
	dbURL = u.String()
	stopCluster := stop
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if conn, err := pgx.Connect(ctx, server); err == nil {
			if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
				fmt.Fprintf(os.Stderr, "pgtest: drop test database %s: %v\n", name, err)
			}
			conn.Close(ctx)
		}
		stopCluster()
	}
}

var errNotInstalled = errors.New("PostgreSQL is not installed")

// startCluster runs scripts/postgres-cluster in a new temporary folder.
func startCluster() (string, func(), error) {
	script, err := findScript()
	if err != nil {
		return "", func() {}, err
	}
	dir, err := os.MkdirTemp("", "storyline-pg-")
	if err != nil {
		return "", func() {}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var stderr strings.Builder
	cmd := exec.CommandContext(ctx, script, "start", dir)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		os.RemoveAll(dir)
		var ee *exec.ExitError
		if errors.As(err, &ee) && ee.ExitCode() == notInstalled {
			return "", func() {}, errNotInstalled
		}
		return "", func() {}, fmt.Errorf("start a PostgreSQL cluster with %s: %w\n%s", script, err, stderr.String())
	}
	stop := func() {
		cmd := exec.Command(script, "stop", dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "pgtest: stop the cluster in %s: %v\n%s", dir, err, out)
		}
	}
	return strings.TrimSpace(string(out)), stop, nil
}

// findScript looks for scripts/postgres-cluster beside the go.mod above the
// working directory (a package's folder under go test).
func findScript() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			p := filepath.Join(dir, "scripts", "postgres-cluster")
			if _, err := os.Stat(p); err != nil {
				return "", fmt.Errorf("no %s to start a PostgreSQL cluster with: %w", p, err)
			}
			return p, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory, so no scripts/postgres-cluster")
		}
		dir = parent
	}
}

// URL returns the URL of a new, empty schema (first on its search_path) in
// the test run's database. It skips t when there is no server to be had.
func URL(t testing.TB) string {
	t.Helper()
	setupOnce.Do(func() { stop = setup() })
	if skip != "" {
		t.Skip(skip)
	}
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	if dbURL == "" {
		t.Fatal("pgtest: call pgtest.Main from the package's TestMain")
	}
	schema := fmt.Sprintf("t%d", schemas.Add(1))
	if err := exec1(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	u, _ := url.Parse(dbURL)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Exec runs one statement on the test run's database, as the server's
// admin; it is for tests that arrange a schema's state by hand.
func Exec(t testing.TB, sql string, args ...any) {
	t.Helper()
	if err := exec1(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func exec1(ctx context.Context, sql string, args ...any) error {
	adminOnce.Do(func() { admin, adminErr = pgx.Connect(ctx, dbURL) })
	if adminErr != nil {
		return adminErr
	}
	adminMu.Lock() // one connection serves one statement at a time
	defer adminMu.Unlock()
	_, err := admin.Exec(ctx, sql, args...)
	return err
}
