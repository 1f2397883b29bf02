package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// handleSignals makes SIGINT and SIGTERM stop the program cleanly: the
// output directory being written is removed (the previous one stays), a
// line on stderr says what happened, and the exit code follows the shell's
// convention of 128 plus the signal's number: 130 for SIGINT, 143 for
// SIGTERM. A command that stops its own work cleanly (a batch, which
// finishes writing the units it has) takes the first signal through
// stopHook instead; a second one exits at once.
func handleSignals(stderr io.Writer) {
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		for {
			sig := <-ch
			name, code := "SIGINT", 128+2
			if sig == syscall.SIGTERM {
				name, code = "SIGTERM", 128+15
			}
			stopHook.Lock()
			fn := stopHook.fn
			stopHook.fn = nil
			stopHook.Unlock()
			if fn != nil {
				fn(name, code)
				continue
			}
			fmt.Fprintf(stderr, "parksim: stopped by %s%s\n", name, stopForSignal())
			os.Exit(code)
		}
	}()
}

// stopHook, while a command sets it, receives the next signal's name and
// exit code instead of the program exiting.
var stopHook struct {
	sync.Mutex
	fn func(name string, code int)
}

// onStop sets the stop hook; nil clears it.
func onStop(fn func(name string, code int)) {
	stopHook.Lock()
	stopHook.fn = fn
	stopHook.Unlock()
}

// waitForSignalExit is where a command goes once a signal has stopped its
// outputs: the signal's goroutine reports and exits, and nothing else may
// print or exit first.
func waitForSignalExit() { select {} }
