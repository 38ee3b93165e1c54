// Package eval reads public evaluation sets from ../shared/eval and scores
// storyline on them with scorers of our own, beside the best published
// figures. Each task registers itself; `storyline eval NAME` runs one.
package eval

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

// Anchor is a published figure to compare with.
type Anchor struct {
	System string  `json:"system"`
	F1     float64 `json:"f1"`
	Note   string  `json:"note,omitempty"`
}

// Result is one task's score. Extra holds task-specific figures; they are
// written beside the common fields in the JSON object.
type Result struct {
	Task      string
	Dataset   string
	N         int
	Precision float64
	Recall    float64
	F1        float64
	Extra     map[string]any
	Anchors   []Anchor
}

// MarshalJSON writes the contract's flat object:
// {"task","dataset","n","precision","recall","f1", extras…, "anchors"}.
func (r Result) MarshalJSON() ([]byte, error) {
	m := map[string]any{}
	for k, v := range r.Extra {
		m[k] = v
	}
	m["task"], m["dataset"], m["n"] = r.Task, r.Dataset, r.N
	m["precision"], m["recall"], m["f1"] = r.Precision, r.Recall, r.F1
	anchors := r.Anchors
	if anchors == nil {
		anchors = []Anchor{}
	}
	m["anchors"] = anchors
	return json.Marshal(m)
}

// Options are what a task run is given.
type Options struct {
	Data  string // the dataset folder
	Split string // "" = the task's test split
	// Progress, when set, is told how far the run is.
	Progress func(done, total int)
}

// Task is one evaluation.
type Task struct {
	Name    string
	Summary string
	// DefaultData is the dataset folder under ../shared/eval.
	DefaultData string
	// Must is the score the task must reach; it is also a test threshold.
	Must float64
	// Goal is what we aim for.
	Goal float64
	// Fast tasks run in CI on every run.
	Fast bool
	Run  func(ctx context.Context, o Options) (*Result, error)
}

var (
	mu    sync.Mutex
	tasks = map[string]Task{}
)

// Register adds a task; each task file calls it from init.
func Register(t Task) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := tasks[t.Name]; dup {
		panic(fmt.Sprintf("eval task %q registered twice", t.Name))
	}
	tasks[t.Name] = t
}

// Tasks lists the registered tasks by name.
func Tasks() []Task {
	mu.Lock()
	defer mu.Unlock()
	var out []Task
	for _, t := range tasks {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup finds a task by name.
func Lookup(name string) (Task, bool) {
	mu.Lock()
	defer mu.Unlock()
	t, ok := tasks[name]
	return t, ok
}
