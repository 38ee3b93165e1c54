package scaletest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"storyline/internal/gen"
	"storyline/internal/postgres/pgtest"
	"storyline/internal/queue"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const token = "scaletest-token-0123456789"

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds storyline once for the test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "storyline-scaletest-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "storyline")
		out, err := exec.Command("go", "build", "-o", binPath, "storyline/cmd/storyline").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("build storyline: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// proc is one storyline process with its output kept.
type proc struct {
	t      *testing.T
	name   string
	cmd    *exec.Cmd
	stored atomic.Int64 // "stored ID INPUT" lines on stdout
	mu     sync.Mutex
	errs   bytes.Buffer // stderr
	lines  chan string  // stderr lines, for waiting on one
	done   chan struct{}
}

// start runs the binary with args; its stderr is shown if the test fails.
func start(t *testing.T, name string, args ...string) *proc {
	t.Helper()
	p := &proc{t: t, name: name, lines: make(chan string, 1000), done: make(chan struct{})}
	p.cmd = exec.Command(binary(t), args...)
	p.cmd.Env = append(os.Environ(), "STORYLINE_TOKEN="+token)
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "stored ") {
				p.stored.Add(1)
			}
		}
	}()
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.mu.Lock()
			p.errs.WriteString(sc.Text() + "\n")
			p.mu.Unlock()
			select {
			case p.lines <- sc.Text():
			default:
			}
		}
	}()
	go func() {
		wg.Wait()
		_ = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		p.stop()
		if t.Failed() {
			t.Logf("--- stderr of %s:\n%s", p.name, p.stderr())
		}
	})
	return p
}

func (p *proc) stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.errs.String()
}

// waitLine waits for a stderr line matching re and returns its groups.
func (p *proc) waitLine(re *regexp.Regexp, within time.Duration) []string {
	p.t.Helper()
	deadline := time.After(within)
	for {
		select {
		case l := <-p.lines:
			if m := re.FindStringSubmatch(l); m != nil {
				return m
			}
		case <-p.done:
			p.t.Fatalf("%s exited before saying %q:\n%s", p.name, re, p.stderr())
		case <-deadline:
			p.t.Fatalf("%s did not say %q within %v:\n%s", p.name, re, within, p.stderr())
		}
	}
}

// stop sends SIGTERM and waits (a minute at most, then SIGKILL).
func (p *proc) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	_ = p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(time.Minute):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

func (p *proc) kill() {
	_ = p.cmd.Process.Kill()
	<-p.done
}

var servingRE = regexp.MustCompile(`serving http://([^/]+)/`)

// serve starts an API server and returns it with its base URL.
func serve(t *testing.T, name string, args ...string) (*proc, string) {
	t.Helper()
	p := start(t, name, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	m := p.waitLine(servingRE, 2*time.Minute)
	return p, "http://" + m[1]
}

var workingRE = regexp.MustCompile(`worker taking jobs`)

func worker(t *testing.T, name string, args ...string) *proc {
	t.Helper()
	p := start(t, name, append([]string{"worker"}, args...)...)
	p.waitLine(workingRE, 2*time.Minute)
	return p
}

// natsServer runs NATS with JetStream in the test process on a loopback
// port; restart stops it and starts it again on the same port and data.
type natsServer struct {
	t    *testing.T
	dir  string
	addr string
	mu   sync.Mutex
	s    *server.Server
}

func startNATS(t *testing.T) *natsServer {
	t.Helper()
	n := &natsServer{t: t, dir: t.TempDir(), addr: "127.0.0.1:0"}
	n.start()
	n.addr = n.s.Addr().(*net.TCPAddr).String()
	t.Cleanup(n.shutdown)
	return n
}

func (n *natsServer) url() string { return "nats://" + n.addr }

func (n *natsServer) start() {
	n.t.Helper()
	s, err := queue.StartServer(queue.ServerConfig{Dir: n.dir, Listen: n.addr})
	if err != nil {
		n.t.Fatal(err)
	}
	n.mu.Lock()
	n.s = s
	n.mu.Unlock()
}

func (n *natsServer) shutdown() {
	n.mu.Lock()
	s := n.s
	n.s = nil
	n.mu.Unlock()
	if s != nil {
		s.Shutdown()
		s.WaitForShutdown()
	}
}

// corpus is generated news, as HTML pages with their URLs.
type page struct {
	URL  string
	HTML []byte
}

func corpus(t *testing.T, seed uint64, n int) []page {
	t.Helper()
	items, err := gen.Articles(gen.Config{Seed: seed, Articles: n, TextBytes: 1200})
	if err != nil {
		t.Fatal(err)
	}
	out := make([]page, len(items))
	for i, it := range items {
		out[i] = page{URL: it.Article.URL, HTML: it.HTML()}
	}
	return out
}

// writePages writes the pages as files, for 'storyline add'.
func writePages(t *testing.T, pages []page) string {
	t.Helper()
	dir := t.TempDir()
	for i, p := range pages {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d.html", i)), p.HTML, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// client posts to the API.
var client = &http.Client{Timeout: 5 * time.Minute}

// addPage posts one page; it returns the HTTP status and the body.
func addPage(ctx context.Context, base string, p page) (int, []byte, error) {
	body, _ := json.Marshal(map[string]string{"html": string(p.HTML), "url": p.URL})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/articles", bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, b, err
}

// addAll posts every page, conc at a time; a post that fails for the
// network or with a 5xx is tried again (adds are idempotent), up to
// tries times. It returns the pages that never got a 200 or 201.
func addAll(ctx context.Context, t *testing.T, base string, pages []page, conc, tries int) []string {
	var mu sync.Mutex
	var failed []string
	next := make(chan page)
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				var last string
				ok := false
				for try := 0; try < tries && ctx.Err() == nil; try++ {
					status, body, err := addPage(ctx, base, p)
					if err == nil && (status == http.StatusCreated || status == http.StatusOK) {
						ok = true
						break
					}
					last = fmt.Sprintf("status %d, %v: %.300s", status, err, body)
					if err == nil && status < 500 {
						break // the input was refused: another try would be too
					}
					time.Sleep(time.Duration(try+1) * 500 * time.Millisecond)
				}
				if !ok {
					mu.Lock()
					failed = append(failed, p.URL+": "+last)
					mu.Unlock()
				}
			}
		}()
	}
	for _, p := range pages {
		select {
		case next <- p:
		case <-ctx.Done():
		}
	}
	close(next)
	wg.Wait()
	return failed
}

// report runs 'storyline report --format json' on db.
func report(t *testing.T, db string) reportJSON {
	t.Helper()
	cmd := exec.Command(binary(t), "report", "--format", "json", "--db", db)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("report on %s: %v\n%s", db, err, stderr.String())
	}
	var r reportJSON
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("report JSON: %v", err)
	}
	return r
}

type reportJSON struct {
	Articles []struct {
		ID     string `json:"id"`
		Source string `json:"source"`
	} `json:"articles"`
	Events  []json.RawMessage `json:"events"`
	Stories []json.RawMessage `json:"stories"`
}

func needsProcesses(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("runs storyline as several processes (-short skips it)")
	}
}

func raw[T ~[]byte](l []T) [][]byte {
	out := make([][]byte, len(l))
	for i, x := range l {
		out[i] = []byte(x)
	}
	return out
}
