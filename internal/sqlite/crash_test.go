package sqlite

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"storyline/internal/news"
)

// The crash test re-runs this test binary as a child that adds articles
// until it is killed; these variables tell the child what to do.
const (
	crashDBEnv   = "STORYLINE_SQLITE_CRASH_DB"
	crashBaseEnv = "STORYLINE_SQLITE_CRASH_BASE"
	crashWorkers = 3
)

// crashDoc is article i of the crash test: a few kilobytes, so that each
// commit writes several pages and a kill is likely to land inside one.
func crashDoc(i int) *news.Doc {
	var b strings.Builder
	fmt.Fprintf(&b, "Dispatch %d from the river office. ", i)
	for j := range 40 {
		fmt.Fprintf(&b, "Gauge %d at bend %d read %d centimetres and the ferry ran to timetable. ", j, i%17, (i*31+j*7)%400)
	}
	text := b.String()
	url := ""
	if i%2 == 0 { // half by URL, half by content hash
		url = fmt.Sprintf("https://example.org/river/%d", i)
	}
	return &news.Doc{
		Article:   &news.Article{URL: url, Source: fmt.Sprintf("river/%d.txt", i), Title: fmt.Sprintf("River dispatch %d", i), Text: text},
		Sentences: []news.Span{{Start: 0, End: strings.Index(text, ".") + 1}},
	}
}

// TestCrashHelper is the child: it adds articles from several goroutines and
// prints "index id" for each Add that returned, until it is killed.
func TestCrashHelper(t *testing.T) {
	path := os.Getenv(crashDBEnv)
	if path == "" {
		t.Skip("child process of TestCrashMidBatch; runs only when it sets " + crashDBEnv)
	}
	base, _ := strconv.Atoi(os.Getenv(crashBaseEnv))
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var (
		next atomic.Int64
		mu   sync.Mutex
		wg   sync.WaitGroup
	)
	next.Store(int64(base))
	for range crashWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				res, err := db.Add(ctx, crashDoc(i))
				if err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(2)
				}
				mu.Lock()
				fmt.Fprintf(os.Stdout, "%d %s\n", i, res.ID) // unbuffered: one write per line
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
}

// TestCrashMidBatch kills a child mid-batch, several times over one file,
// and checks that the database opens, passes the integrity checks and holds
// every article whose Add had returned; then that re-adding adds nothing.
func TestCrashMidBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	switch runtime.GOOS {
	case "js", "wasip1", "ios", "android":
		t.Skipf("cannot re-run the test binary on %s", runtime.GOOS)
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "crash.db")
	total := 0
	for round := range 3 {
		base := round * 100000
		printed := runAndKill(t, path, base, 60+rand.IntN(200))
		if len(printed) == 0 {
			t.Fatalf("round %d: the child printed nothing", round)
		}
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("round %d: reopen after kill: %v", round, err)
		}
		if err := db.IntegrityCheck(ctx); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		last := base
		for i, id := range printed {
			last = max(last, i)
			a, err := db.Article(ctx, id)
			if err != nil {
				t.Fatalf("round %d: article %d (%s), whose Add returned, is gone: %v", round, i, id, err)
			}
			if want := crashDoc(i).Article.Text; a.Text != want {
				t.Fatalf("round %d: article %d holds another text", round, i)
			}
		}
		// Every index the child may have started lies at or below the last
		// printed one plus those in flight when it died.
		attempted := last + crashWorkers
		for i := base; i <= attempted; i++ {
			res, err := db.Add(ctx, crashDoc(i))
			if err != nil {
				t.Fatalf("round %d: re-add %d: %v", round, i, err)
			}
			if id, ok := printed[i]; ok && (res.Added || res.ID != id) {
				t.Fatalf("round %d: re-adding stored article %d gave %+v, want a no-op returning %s", round, i, res, id)
			}
		}
		n, err := db.Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		total += attempted - base + 1 // rounds use disjoint index ranges
		if n != total {
			t.Fatalf("round %d: %d articles after re-adding, want %d (duplicates or losses)", round, n, total)
		}
		t.Logf("round %d: child printed %d ids before SIGKILL; %d articles after re-adding", round, len(printed), n)
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// runAndKill starts the child on path, lets it report `after` stored
// articles, kills it with SIGKILL and returns every index → ID it printed.
func runAndKill(t *testing.T, path string, base, after int) map[int]string {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDBEnv+"="+path, crashBaseEnv+"="+strconv.Itoa(base))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	printed := map[int]string{}
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		line := sc.Text()
		is, id, ok := strings.Cut(line, " ")
		i, err := strconv.Atoi(is)
		if !ok || err != nil {
			continue // the test framework's own lines
		}
		printed[i] = id
		if !killed && len(printed) >= after {
			// Process.Kill is SIGKILL: no deferred code, no clean close.
			if err := cmd.Process.Kill(); err != nil {
				t.Fatal(err)
			}
			killed = true
		}
	}
	err = cmd.Wait()
	if !killed {
		t.Fatalf("child ended by itself (%v): %s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Logf("child stderr: %s", stderr.String())
	}
	return printed
}
