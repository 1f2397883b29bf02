//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// setFileLimit caps the size of any file the process writes: a write past
// it fails with EFBIG (Go ignores the SIGXFSZ that comes with it).
func setFileLimit(n uint64) error {
	return syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n})
}

// peakRSS is a finished child's peak resident memory, in bytes.
func peakRSS(ps *os.ProcessState) (int64, bool) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, false
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return int64(ru.Maxrss), true // bytes there, kilobytes elsewhere
	}
	return int64(ru.Maxrss) * 1024, true
}
