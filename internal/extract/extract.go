// Package extract assembles the per-article stages — sentences, entities,
// quotes, figures and dates — into the plan every way in runs.
package extract

import (
	"storyline/internal/entities"
	"storyline/internal/figures"
	"storyline/internal/pipeline"
	"storyline/internal/quotes"
	"storyline/internal/text"
	"storyline/internal/timex"
)

// Stages lists every per-article stage.
func Stages() []pipeline.Stage {
	return []pipeline.Stage{
		text.Stage(),
		entities.Stage(),
		quotes.Stage(),
		figures.Stage(),
		timex.Stage(),
	}
}

// Plan orders Stages.
func Plan() (*pipeline.Plan, error) {
	return pipeline.NewPlan(Stages()...)
}
