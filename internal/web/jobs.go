package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"sync"
	"time"
)

// job is one add started from the form: it runs in the background so that
// the page can show its progress, and the server waits for it on shutdown.
type job struct {
	ID      string     `json:"id"`
	State   string     `json:"state"` // queued, running, done, failed
	Done    int        `json:"done"`
	Total   int        `json:"total"`
	Result  *AddResult `json:"result,omitempty"`
	Error   string     `json:"error,omitempty"`
	Started time.Time  `json:"started"`
	What    string     `json:"what"`
}

// jobs runs add jobs one or two at a time and keeps the last few results.
type jobs struct {
	mu    sync.Mutex
	byID  map[string]*job
	order []string
	wg    sync.WaitGroup
	slots chan struct{} // running at once
	queue int           // queued or running
	max   int           // queued or running at most
}

// keptJobs bounds the finished jobs remembered for their pages.
const keptJobs = 100

func newJobs(running, max int) *jobs {
	return &jobs{byID: map[string]*job{}, slots: make(chan struct{}, running), max: max}
}

// start queues run and returns the job's ID, or ErrBusy when too many
// jobs wait. The job's context is not the request's: a job outlives the
// request that started it, and shutdown waits for it to finish.
func (js *jobs) start(ctx context.Context, what string, run func(ctx context.Context, progress func(done, total int)) (AddResult, error), onEnd func()) (string, error) {
	b := make([]byte, 12)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("job id: %w", err)
	}
	j := &job{ID: hex.EncodeToString(b), State: "queued", Started: time.Now().UTC(), What: what}
	js.mu.Lock()
	if js.queue >= js.max {
		js.mu.Unlock()
		return "", fmt.Errorf("%d additions are already waiting; try again in a minute: %w", js.queue, ErrBusy)
	}
	js.queue++
	js.byID[j.ID] = j
	js.order = append(js.order, j.ID)
	js.forget()
	js.wg.Add(1)
	js.mu.Unlock()
	ctx = context.WithoutCancel(ctx)
	go func() {
		defer js.wg.Done()
		defer onEnd()
		js.slots <- struct{}{}
		defer func() { <-js.slots }()
		js.update(j, func(j *job) { j.State = "running" })
		res, err := run(ctx, func(done, total int) {
			js.update(j, func(j *job) { j.Done, j.Total = done, total })
		})
		js.update(j, func(j *job) {
			j.Result = &res
			j.State = "done"
			if err != nil {
				j.State, j.Error = "failed", err.Error()
			}
		})
		js.mu.Lock()
		js.queue--
		js.mu.Unlock()
	}()
	return j.ID, nil
}

func (js *jobs) update(j *job, f func(*job)) {
	js.mu.Lock()
	defer js.mu.Unlock()
	f(j)
}

// get returns a copy of a job, safe to read while it runs.
func (js *jobs) get(id string) (job, bool) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j, ok := js.byID[id]
	if !ok {
		return job{}, false
	}
	return *j, true
}

// forget drops the oldest finished jobs beyond keptJobs. Called locked.
func (js *jobs) forget() {
	for len(js.order) > keptJobs {
		id := js.order[0]
		if j := js.byID[id]; j != nil && (j.State == "queued" || j.State == "running") {
			return
		}
		delete(js.byID, id)
		js.order = js.order[1:]
	}
}

// wait blocks until every job has finished or ctx ends.
func (js *jobs) wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		js.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("add jobs still running at shutdown: %w", ctx.Err())
	}
}
