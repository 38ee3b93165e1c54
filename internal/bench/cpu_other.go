//go:build !linux

package bench

import "time"

// threadCPU, processCPU and loadAvg are measured on Linux only; elsewhere
// the CPU figures come out zero and the wall-time ones still hold.
func threadCPU() time.Duration  { return 0 }
func processCPU() time.Duration { return 0 }
func loadAvg() float64          { return 0 }
