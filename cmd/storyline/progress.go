package main

import (
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// progress draws a bar on a terminal, but only once work has taken more than
// a second: short runs stay quiet, and piped output never sees it.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	enabled bool
	desc    string
	total   int
	done    int
	start   time.Time
	bar     *progressbar.ProgressBar
}

func newProgress(w io.Writer, enabled bool, desc string) *progress {
	return &progress{w: w, enabled: enabled && interactive(w), desc: desc, total: -1, start: time.Now()}
}

// SetTotal is called once the amount of work is known.
func (p *progress) SetTotal(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total = n
}

// Add counts finished work.
func (p *progress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	if !p.enabled || p.total <= 0 {
		return
	}
	if p.bar == nil {
		if time.Since(p.start) < time.Second || p.done >= p.total {
			return
		}
		p.bar = progressbar.NewOptions(p.total, progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(p.desc), progressbar.OptionShowCount(), progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("articles"), progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond))
		_ = p.bar.Set(p.done)
		return
	}
	_ = p.bar.Set(p.done)
}

// Clear removes the bar before other output is written.
func (p *progress) Clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Clear()
	}
}

// Finish ends the bar.
func (p *progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar = nil
	}
}
