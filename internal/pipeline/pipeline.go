// Package pipeline runs the per-article stages. Like x/tools' go/analysis,
// each stage names what it requires and what it provides; the runner orders
// them, runs them over many documents at once and caches the results by
// content hash, since a stage sees only one document's text and metadata.
package pipeline

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"storyline/internal/news"
)

// Annotation names what a stage provides and another requires.
const (
	Sentences = "sentences"
	Entities  = "entities"
	Quotes    = "quotes"
	Figures   = "figures"
	Dates     = "dates"
)

// Stage is one per-article analysis. Run must be a pure function of the
// doc's text and metadata and may write only the annotations it provides.
type Stage struct {
	Name     string
	Version  string // bump when the output changes, to invalidate caches
	Requires []string
	Provides []string
	Run      func(ctx context.Context, d *news.Doc) error
}

// Plan is a validated order of stages.
type Plan struct {
	stages  []Stage
	version string
}

// NewPlan orders stages so each runs after those providing what it
// requires. It fails on a missing requirement, a duplicate provider or a cycle.
func NewPlan(stages ...Stage) (*Plan, error) {
	provider := map[string]string{}
	for _, s := range stages {
		if s.Run == nil {
			return nil, fmt.Errorf("stage %s has no Run", s.Name)
		}
		for _, p := range s.Provides {
			if other, ok := provider[p]; ok {
				return nil, fmt.Errorf("%q provided by both %s and %s", p, other, s.Name)
			}
			provider[p] = s.Name
		}
	}
	byName := map[string]Stage{}
	for _, s := range stages {
		byName[s.Name] = s
		for _, r := range s.Requires {
			if _, ok := provider[r]; !ok {
				return nil, fmt.Errorf("stage %s requires %q, which no stage provides", s.Name, r)
			}
		}
	}
	var order []Stage
	state := map[string]int{} // 0 unseen, 1 visiting, 2 done
	var visit func(name string, path []string) error
	visit = func(name string, path []string) error {
		switch state[name] {
		case 1:
			return fmt.Errorf("stages form a cycle: %s", strings.Join(append(path, name), " → "))
		case 2:
			return nil
		}
		state[name] = 1
		s := byName[name]
		reqs := append([]string(nil), s.Requires...)
		sort.Strings(reqs)
		for _, r := range reqs {
			if err := visit(provider[r], append(path, name)); err != nil {
				return err
			}
		}
		state[name] = 2
		order = append(order, s)
		return nil
	}
	for _, s := range stages {
		if err := visit(s.Name, nil); err != nil {
			return nil, err
		}
	}
	var v []string
	for _, s := range order {
		v = append(v, s.Name+"@"+s.Version)
	}
	return &Plan{stages: order, version: strings.Join(v, ",")}, nil
}

// Version identifies the plan's stages and their versions; cached results
// are valid only for the same version.
func (p *Plan) Version() string { return p.version }

// Stages returns the stages in the order they run.
func (p *Plan) Stages() []Stage { return append([]Stage(nil), p.stages...) }

// Run applies every stage to d in order.
func (p *Plan) Run(ctx context.Context, d *news.Doc) (err error) {
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := runStage(ctx, s, d); err != nil {
			return err
		}
	}
	return d.Validate()
}

// runStage turns a stage's panic into an error so one bad text cannot stop
// a batch.
func runStage(ctx context.Context, s Stage, d *news.Doc) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("stage %s: panic: %v", s.Name, r)
		}
	}()
	if err := s.Run(ctx, d); err != nil {
		return fmt.Errorf("stage %s: %w", s.Name, err)
	}
	return nil
}
