package webtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPaths are where Debian and others put the browser.
var chromiumPaths = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}

// Chromium returns the browser binary, or "" when there is none.
func Chromium() string {
	if p := os.Getenv("STORYLINE_CHROMIUM"); p != "" {
		return p
	}
	for _, p := range chromiumPaths {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Browser starts headless Chromium for one test and returns a context
// whose actions drive one tab. It skips the test, saying why, when no
// browser is installed (scripts/install-chromium installs it).
func Browser(t testing.TB) context.Context {
	t.Helper()
	bin := Chromium()
	if bin == "" {
		t.Skip("no chromium binary (run scripts/install-chromium, or set STORYLINE_CHROMIUM): browser test skipped")
	}
	// The flags keep the browser off the network: here, chromium's own
	// connections (updates, sync, QUIC probes) are refused and slow it.
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() {
		cancelTime()
		cancelTab()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium %s: %v", bin, err)
	}
	return ctx
}

// Artifacts is the folder screenshots go to: $STORYLINE_ARTIFACTS, or a
// new temporary folder whose name the test logs. It is never inside the
// repository unless someone points it there.
func Artifacts(t testing.TB) string {
	t.Helper()
	artifactsOnce.Do(func() {
		artifactsDir = os.Getenv("STORYLINE_ARTIFACTS")
		if artifactsDir == "" {
			artifactsDir, artifactsErr = os.MkdirTemp("", "storyline-screens-")
			return
		}
		artifactsErr = os.MkdirAll(artifactsDir, 0o755)
	})
	if artifactsErr != nil {
		t.Fatal(artifactsErr)
	}
	return artifactsDir
}

// One folder per test process, so a run's screenshots are together.
var (
	artifactsOnce sync.Once
	artifactsDir  string
	artifactsErr  error
)

// Screenshot saves the whole page as NAME.png in dir.
func Screenshot(ctx context.Context, dir, name string) error {
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return fmt.Errorf("screenshot %s: %w", name, err)
	}
	name = strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ' ' {
			return '-'
		}
		return r
	}, name)
	return os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}
