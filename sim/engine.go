package sim

import (
	"fmt"
	"math"
)

// Kind names what an event means to the handler that receives it. Each
// handler defines its own kinds; the engine never looks at them.
type Kind int32

// Event is what the engine delivers to a handler: a kind and one argument
// (typically the dense index of the entity the event is about). It is a small
// value, never a closure, so scheduling allocates nothing.
type Event struct {
	Kind Kind
	Arg  int64
}

// Handler is a state machine stepped by the engine. Handle is called once per
// event addressed to it, at the event's time, never concurrently and never
// from inside another handler: a handler that wants another to act schedules
// an event for it.
type Handler interface {
	Handle(e *Engine, ev Event)
}

// HandlerFunc adapts a function to a Handler.
type HandlerFunc func(e *Engine, ev Event)

// Handle calls f(e, ev).
func (f HandlerFunc) Handle(e *Engine, ev Event) { f(e, ev) }

// Timer identifies a scheduled event that may be cancelled. The zero Timer
// names no event.
type Timer struct {
	slot uint32 // index+1 into Engine.timers; 0 means none
	gen  uint32
}

// entry is one scheduled event. It is kept flat (48 bytes) because the heap
// moves entries by value on every push and pop.
type entry struct {
	at    Time
	seq   uint64
	h     Handler
	arg   int64
	kind  Kind
	timer uint32 // slot+1 of a cancellable timer, 0 for plain events
}

func (a *entry) before(b *entry) bool {
	return a.at < b.at || (a.at == b.at && a.seq < b.seq)
}

type timerSlot struct {
	gen       uint32
	cancelled bool
}

// Engine owns simulated time and the queue of future events. Events fire in
// (time, sequence) order, where the sequence grows with every scheduling
// call, so events scheduled for the same time fire first-in first-out.
//
// An Engine is not safe for concurrent use; parallelism belongs across runs,
// one engine each.
type Engine struct {
	now       Time
	seq       uint64
	heap      []entry
	timers    []timerSlot
	free      []uint32 // reusable timer slots
	processed uint64
	seed      Seed
}

// New returns an engine at time 0 whose random streams derive from seed.
func New(seed uint64) *Engine {
	return &Engine{seed: Seed(seed)}
}

// Now is the current simulated time: the time of the event being handled, or
// the time RunUntil stopped at.
func (e *Engine) Now() Time { return e.now }

// Seed is the master seed every random stream of this run derives from.
func (e *Engine) Seed() Seed { return e.seed }

// Processed counts the events delivered to handlers so far (cancelled timers
// are not counted).
func (e *Engine) Processed() uint64 { return e.processed }

// Schedule arranges for h to receive ev at time at. Scheduling in the past is
// a bug and panics.
func (e *Engine) Schedule(at Time, h Handler, ev Event) {
	e.push(at, h, ev, 0)
}

// After is Schedule at Now()+d; d must not be negative.
func (e *Engine) After(d Time, h Handler, ev Event) {
	e.push(e.now+d, h, ev, 0)
}

// ScheduleTimer is Schedule for an event that may later be cancelled.
func (e *Engine) ScheduleTimer(at Time, h Handler, ev Event) Timer {
	var slot uint32
	if n := len(e.free); n > 0 {
		slot = e.free[n-1]
		e.free = e.free[:n-1]
	} else {
		e.timers = append(e.timers, timerSlot{})
		slot = uint32(len(e.timers) - 1)
	}
	s := &e.timers[slot]
	s.gen++
	s.cancelled = false
	e.push(at, h, ev, slot+1)
	return Timer{slot: slot + 1, gen: s.gen}
}

// Cancel stops a timer from firing. It reports whether the timer was still
// pending; cancelling a timer that fired, was cancelled, or is the zero Timer
// is a no-op that returns false.
func (e *Engine) Cancel(t Timer) bool {
	if t.slot == 0 || int(t.slot) > len(e.timers) {
		return false
	}
	s := &e.timers[t.slot-1]
	if s.gen != t.gen || s.cancelled {
		return false
	}
	s.cancelled = true
	return true
}

// Step delivers the next event, advancing Now to its time. It reports false
// when no event is left.
func (e *Engine) Step() bool { return e.step(math.MaxInt64) }

// step delivers the next event due at or before limit, discarding cancelled
// timers on the way; it reports false when there is none.
func (e *Engine) step(limit Time) bool {
	for len(e.heap) > 0 && e.heap[0].at <= limit {
		top := e.pop()
		if top.timer != 0 && e.retire(top.timer) {
			continue
		}
		e.now = top.at
		e.processed++
		top.h.Handle(e, Event{Kind: top.kind, Arg: top.arg})
		return true
	}
	return false
}

// RunUntil delivers every event due at or before t, then leaves Now at t (or
// where it was, if that is later). Events scheduled for exactly t by those
// handlers fire too.
func (e *Engine) RunUntil(t Time) {
	for e.step(t) {
	}
	if t > e.now {
		e.now = t
	}
}

// Run delivers events until none is left.
func (e *Engine) Run() {
	for e.Step() {
	}
}

// Next reports the time of the next pending entry, which may be a cancelled
// timer; ok is false when the queue is empty.
func (e *Engine) Next() (at Time, ok bool) {
	if len(e.heap) == 0 {
		return 0, false
	}
	return e.heap[0].at, true
}

// retire frees a timer slot whose entry left the heap and reports whether
// that timer had been cancelled.
func (e *Engine) retire(slot uint32) (cancelled bool) {
	s := &e.timers[slot-1]
	cancelled = s.cancelled
	s.cancelled = true // a fired timer can no longer be cancelled
	e.free = append(e.free, slot-1)
	return cancelled
}

func (e *Engine) push(at Time, h Handler, ev Event, timer uint32) {
	if at < e.now {
		panic(fmt.Sprintf("sim: event scheduled at %v, before now %v", at, e.now))
	}
	if h == nil {
		panic("sim: event scheduled with a nil handler")
	}
	e.seq++
	e.heap = append(e.heap, entry{at: at, seq: e.seq, h: h, arg: ev.Arg, kind: ev.Kind, timer: timer})
	// Sift up.
	h0 := e.heap
	i := len(h0) - 1
	x := h0[i]
	for i > 0 {
		p := (i - 1) / 2
		if !x.before(&h0[p]) {
			break
		}
		h0[i] = h0[p]
		i = p
	}
	h0[i] = x
}

func (e *Engine) pop() entry {
	h0 := e.heap
	top := h0[0]
	n := len(h0) - 1
	x := h0[n]
	h0[n] = entry{} // drop the handler reference
	h0 = h0[:n]
	e.heap = h0
	if n == 0 {
		return top
	}
	// Sift down.
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if r := c + 1; r < n && h0[r].before(&h0[c]) {
			c = r
		}
		if !h0[c].before(&x) {
			break
		}
		h0[i] = h0[c]
		i = c
	}
	h0[i] = x
	return top
}
