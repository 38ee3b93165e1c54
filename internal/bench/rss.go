package bench

import (
	"bufio"
	"os"
	"strconv"
	"strings"
)

// peakRSS returns the process's peak resident set size in MiB, from VmHWM
// in /proc/self/status (Linux). ok is false where there is no such file.
func peakRSS() (mb float64, ok bool) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rest, found := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !found {
			continue
		}
		fields := strings.Fields(rest) // "123456 kB"
		if len(fields) == 2 && fields[1] == "kB" {
			if kb, err := strconv.ParseFloat(fields[0], 64); err == nil {
				return kb / 1024, true
			}
		}
	}
	return 0, false
}

// resetPeakRSS sets VmHWM back to the current RSS (writing 5 to
// /proc/self/clear_refs), so that each phase's peak can be read on its own.
// It reports whether the kernel allowed it.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}
