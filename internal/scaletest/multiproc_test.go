package scaletest

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"storyline/internal/postgres/pgtest"
)

// TestTwoWorkersOneKilled is the multi-process test: NATS on a
// loopback port, PostgreSQL, two workers and an API server that hands
// adds to them; 2,000 generated articles posted through the API; one
// worker killed with SIGKILL halfway and a replacement started. At the
// end every article is stored exactly once, and the events and stories
// of the report are those of one 'storyline add' of the same pages into
// a fresh store.
func TestTwoWorkersOneKilled(t *testing.T) {
	needsProcesses(t)
	const n = 2000
	pages := corpus(t, 6, n)
	db := pgtest.URL(t)
	nats := startNATS(t)

	// The reference runs first, alone, so the two do not share the cores.
	ref := t.TempDir() + "/ref.db"
	add := start(t, "reference add", "add", "--quiet", "--db", ref, writePages(t, pages))
	<-add.done
	if code := add.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("reference add exited %d:\n%s", code, add.stderr())
	}

	common := []string{"--db", db, "--nats", nats.url(), "--ack-wait", "3s", "--concurrency", "2"}
	w1 := worker(t, "worker 1", common...)
	w2 := worker(t, "worker 2", common...)
	_, api := serve(t, "api", "--db", db, "--queue", nats.url())

	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	posted := make(chan []string, 1)
	go func() { posted <- addAll(ctx, t, api, pages, 8, 3) }()

	// Halfway, kill worker 1 as the machine dying would.
	for w1.stored.Load()+w2.stored.Load() < n/2 {
		select {
		case <-ctx.Done():
			t.Fatalf("only %d stored before the deadline", w1.stored.Load()+w2.stored.Load())
		case <-time.After(50 * time.Millisecond):
		}
	}
	w1.kill()
	killedAt := w1.stored.Load()
	w3 := worker(t, "worker 3 (replacement)", common...)

	failed := <-posted
	if len(failed) > 0 {
		t.Fatalf("%d adds failed, the first: %s", len(failed), failed[0])
	}
	t.Logf("stored by worker 1 (killed at %d), worker 2 and worker 3: %d, %d, %d", killedAt, w1.stored.Load(), w2.stored.Load(), w3.stored.Load())
	if w1.stored.Load() == 0 || w2.stored.Load() == 0 {
		t.Errorf("the work was not shared: %d and %d", w1.stored.Load(), w2.stored.Load())
	}

	// Exactly once, none missing.
	conn, err := pgx.Connect(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, "SELECT url, count(*) FROM articles GROUP BY url")
	if err != nil {
		t.Fatal(err)
	}
	perURL := map[string]int{}
	for rows.Next() {
		var u string
		var c int
		if err := rows.Scan(&u, &c); err != nil {
			t.Fatal(err)
		}
		perURL[u] = c
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	missing, twice := 0, 0
	for _, p := range pages {
		switch perURL[p.URL] {
		case 0:
			missing++
		case 1:
		default:
			twice++
		}
	}
	if missing > 0 || twice > 0 || len(perURL) != n {
		t.Fatalf("%d URLs stored, %d missing, %d more than once; want %d once each", len(perURL), missing, twice, n)
	}

	got, want := report(t, db), report(t, ref)
	compareReports(t, got, want)
}

// compareReports checks that two reports hold the same articles, events
// and stories.
func compareReports(t *testing.T, got, want reportJSON) {
	t.Helper()
	if len(got.Articles) != len(want.Articles) {
		t.Fatalf("%d articles in the report, want %d", len(got.Articles), len(want.Articles))
	}
	for i := range got.Articles {
		if got.Articles[i] != want.Articles[i] {
			t.Fatalf("article %d is %+v, want %+v", i, got.Articles[i], want.Articles[i])
		}
	}
	same := func(what string, g, w [][]byte) {
		t.Helper()
		if len(g) != len(w) {
			t.Errorf("%d %s, want %d", len(g), what, len(w))
			return
		}
		diffs := 0
		for i := range g {
			if !bytes.Equal(g[i], w[i]) {
				if diffs < 3 {
					t.Errorf("%s %d differs:\n got %.400s\nwant %.400s", what, i, g[i], w[i])
				}
				diffs++
			}
		}
		if diffs > 0 {
			t.Errorf("%d of %d %s differ", diffs, len(g), what)
		}
	}
	same("events", raw(got.Events), raw(want.Events))
	same("stories", raw(got.Stories), raw(want.Stories))
	if len(want.Events) == 0 || len(want.Stories) == 0 {
		t.Errorf("the reference report has %d events and %d stories: nothing was compared", len(want.Events), len(want.Stories))
	}
	t.Log(fmt.Sprintf("%d articles, %d events, %d stories alike", len(got.Articles), len(got.Events), len(got.Stories)))
}
