// Package sim is the discrete-event engine: simulated time, the event loop,
// cancellable timers, named random streams, FIFO queues and multi-server
// resources, and statistics collectors.
//
// The one rule it keeps: a single loop owns time. Events fire in (time,
// sequence) order, handlers are state machines stepped synchronously (no
// goroutines, no closures per event, no wall clock), and every random number
// comes from a stream derived from one master seed, so a run is a pure
// function of its inputs and its seed.
package sim
