package main

// The evaluation tasks register themselves with internal/eval when linked in.
import (
	_ "storyline/internal/eval/extraction"
	_ "storyline/internal/eval/figures"
	_ "storyline/internal/eval/ner"
	_ "storyline/internal/eval/timex"
)
