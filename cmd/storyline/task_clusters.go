package main

// The event clustering evaluation (storyline eval clusters) registers itself
// when linked in.
import _ "storyline/internal/eval/clusters"
