//go:build !unix

package main

import (
	"errors"
	"os"
)

func setFileLimit(n uint64) error { return errors.New("no file size limit on this platform") }

func peakRSS(ps *os.ProcessState) (int64, bool) { return 0, false }
