package main

// The quotes evaluation (PolNeAR) registers itself with internal/eval when
// linked in.
import _ "storyline/internal/eval/quotes"
