package scaletest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// loadDuration is how long the load test drives the API: 20 s, or what
// STORYLINE_LOAD says (STORYLINE_LOAD=5m for the five minutes).
func loadDuration(t *testing.T) time.Duration {
	t.Helper()
	v := os.Getenv("STORYLINE_LOAD")
	if v == "" {
		return 20 * time.Second
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 || d > time.Hour {
		t.Fatalf("STORYLINE_LOAD=%q: want a duration up to 1h, such as 5m", v)
	}
	return d
}

// Bounds of the load test, whatever the duration.
const (
	loadClients     = 8
	loadMaxRequests = 5_000_000
	loadWriteShare  = 0.05 // of requests
)

// TestLoad drives one 'storyline serve' (in-process pipeline, SQLite) on
// loopback with mixed reads and writes from loadClients clients sending
// back to back, for loadDuration. It is not a timed pass/fail test: it
// fails on any error answer and on memory growth, and prints the rate
// sustained. Writes re-add pages already stored — the whole add path
// (HTML extraction, cleaning, analysis, the store's look-up) without
// growing the store, so that memory must stay flat.
func TestLoad(t *testing.T) {
	needsProcesses(t)
	dur := loadDuration(t)
	pages := corpus(t, 21, 300)
	db := t.TempDir() + "/load.db"
	add := start(t, "fill", "add", "--quiet", "--db", db, writePages(t, pages))
	<-add.done
	if code := add.cmd.ProcessState.ExitCode(); code != 0 {
		t.Fatalf("fill exited %d:\n%s", code, add.stderr())
	}
	srv, base := serve(t, "api", "--db", db)

	var stories, articles, words []string
	getJSON(t, base+"/api/stories?limit=100", func(v map[string]json.RawMessage) {
		stories = ids(t, v["stories"])
	})
	getJSON(t, base+"/api/articles?limit=200", func(v map[string]json.RawMessage) {
		articles = ids(t, v["articles"])
	})
	getJSON(t, base+"/api/entities?limit=50", func(v map[string]json.RawMessage) {
		var ents []struct{ Name string }
		if err := json.Unmarshal(v["entities"], &ents); err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			words = append(words, strings.Fields(e.Name)[0])
		}
	})
	if len(stories) == 0 || len(articles) == 0 || len(words) == 0 {
		t.Fatalf("nothing to read: %d stories, %d articles, %d names", len(stories), len(articles), len(words))
	}
	reads := []func(r *rand.Rand) string{
		func(*rand.Rand) string { return "/api/stories?limit=20" },
		func(r *rand.Rand) string { return "/api/stories/" + stories[r.IntN(len(stories))] },
		func(r *rand.Rand) string { return "/api/articles?limit=50&offset=" + strconv.Itoa(r.IntN(200)) },
		func(r *rand.Rand) string { return "/api/articles/" + articles[r.IntN(len(articles))] },
		func(r *rand.Rand) string { return "/api/search?q=" + url.QueryEscape(words[r.IntN(len(words))]) },
		func(*rand.Rand) string { return "/api/entities?limit=20" },
		func(r *rand.Rand) string { return "/stories/" + stories[r.IntN(len(stories))] },
	}

	pid := srv.cmd.Process.Pid
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var rss []int64
	var rssMu sync.Mutex
	go func() {
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				if kb := rssKB(pid); kb > 0 {
					rssMu.Lock()
					rss = append(rss, kb)
					rssMu.Unlock()
				}
			}
		}
	}()

	type tally struct {
		reads, writes int
		lat           []time.Duration
		errs          []string
	}
	results := make([]tally, loadClients)
	var issued sync.WaitGroup
	var count struct {
		sync.Mutex
		n int
	}
	began := time.Now()
	for c := range loadClients {
		issued.Add(1)
		go func() {
			defer issued.Done()
			r := rand.New(rand.NewPCG(uint64(c), 7))
			res := &results[c]
			hc := &http.Client{Timeout: time.Minute}
			for ctx.Err() == nil {
				count.Lock()
				if count.n >= loadMaxRequests {
					count.Unlock()
					return
				}
				count.n++
				count.Unlock()
				t0 := time.Now()
				var status int
				var err error
				var what string
				if r.Float64() < loadWriteShare {
					p := pages[r.IntN(len(pages))]
					what = "POST /api/articles " + p.URL
					status, _, err = addPage(ctx, base, p)
					res.writes++
				} else {
					what = "GET " + reads[r.IntN(len(reads))](r)
					status, err = get(ctx, hc, base+strings.TrimPrefix(what, "GET "))
					res.reads++
				}
				if ctx.Err() != nil {
					break // cut off by the end of the run, not an error
				}
				res.lat = append(res.lat, time.Since(t0))
				if err != nil || (status != http.StatusOK && status != http.StatusCreated) {
					if len(res.errs) < 5 {
						res.errs = append(res.errs, fmt.Sprintf("%s: status %d, %v", what, status, err))
					}
				}
			}
		}()
	}
	issued.Wait()
	elapsed := time.Since(began)

	var all tally
	nerr := 0
	for _, r := range results {
		all.reads += r.reads
		all.writes += r.writes
		all.lat = append(all.lat, r.lat...)
		nerr += len(r.errs)
		all.errs = append(all.errs, r.errs...)
	}
	if nerr > 0 {
		t.Errorf("errors under load (first ones): %s", strings.Join(all.errs, "\n"))
	}
	slices.Sort(all.lat)
	pct := func(p float64) time.Duration {
		if len(all.lat) == 0 {
			return 0
		}
		return all.lat[min(len(all.lat)-1, int(p*float64(len(all.lat))))]
	}
	n := len(all.lat)
	rssMu.Lock()
	samples := slices.Clone(rss)
	rssMu.Unlock()
	if len(samples) < 8 {
		t.Fatalf("only %d memory samples", len(samples))
	}
	// After a warm-up quarter, the last quarter may not sit above the
	// second: a leak shows as steady growth; a garbage collector's swings
	// stay within the margin.
	q := len(samples) / 4
	early, late := median(samples[q:2*q]), median(samples[3*q:])
	fmt.Printf("load: %d requests in %.1fs with %d clients: %.0f req/s (%.0f reads/s, %.1f writes/s); latency p50 %v, p99 %v; server RSS %d MB after warm-up, %d MB at the end\n",
		n, elapsed.Seconds(), loadClients, float64(n)/elapsed.Seconds(), float64(all.reads)/elapsed.Seconds(),
		float64(all.writes)/elapsed.Seconds(), pct(0.5).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), early/1024, late/1024)
	if late > early+early/4+32<<10 {
		t.Errorf("server memory grew from %d MB to %d MB under a steady load", early/1024, late/1024)
	}
	if all.writes == 0 || all.reads == 0 {
		t.Errorf("the mix was not mixed: %d reads, %d writes", all.reads, all.writes)
	}
}

func get(ctx context.Context, hc *http.Client, u string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

func getJSON(t *testing.T, u string, f func(map[string]json.RawMessage)) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]json.RawMessage
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d, %v", u, resp.StatusCode, err)
	}
	f(v)
}

func ids(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	var l []struct{ ID string }
	if err := json.Unmarshal(raw, &l); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, x := range l {
		out = append(out, x.ID)
	}
	return out
}

// rssKB reads a process's resident memory from /proc (0 elsewhere).
func rssKB(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb
		}
	}
	return 0
}

func median(xs []int64) int64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
