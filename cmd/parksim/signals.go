package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// handleSignals makes SIGINT and SIGTERM stop the program cleanly: the
// output directory being written is removed (the previous one stays), a
// line on stderr says what happened, and the exit code follows the shell's
// convention of 128 plus the signal's number: 130 for SIGINT, 143 for
// SIGTERM.
func handleSignals(stderr io.Writer) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-ch
		name, code := "SIGINT", 128+2
		if sig == syscall.SIGTERM {
			name, code = "SIGTERM", 128+15
		}
		fmt.Fprintf(stderr, "parksim: stopped by %s%s\n", name, stopForSignal())
		os.Exit(code)
	}()
}

// waitForSignalExit is where a command goes once a signal has stopped its
// outputs: the signal's goroutine reports and exits, and nothing else may
// print or exit first.
func waitForSignalExit() { select {} }
