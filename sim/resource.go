package sim

import "fmt"

// Resource is a multi-server first-come first-served station (turnstiles,
// cashiers, a crew) whose number of servers can change while it runs, and
// from whose queue a waiter can withdraw.
//
// A request either gets a server at once (Request reports true and nothing is
// scheduled) or waits; when a server frees up, the head waiter's event is
// scheduled at the current time, so no handler runs inside another.
type Resource struct {
	name     string
	capacity int
	busy     int
	waiting  Queue[waiter]

	waits    Tally        // ms from request to grant, over all granted requests
	queueLen TimeWeighted // waiters
	inUse    TimeWeighted // busy servers
	granted  int64
	withdraw int64
}

type waiter struct {
	since Time
	h     Handler
	ev    Event
}

// NewResource returns a resource with the given number of servers (≥ 0).
func NewResource(name string, capacity int) *Resource {
	if capacity < 0 {
		panic(fmt.Sprintf("sim: resource %q with capacity %d", name, capacity))
	}
	return &Resource{name: name, capacity: capacity}
}

// Name is the name the resource was created with.
func (r *Resource) Name() string { return r.name }

// Capacity is the number of servers now.
func (r *Resource) Capacity() int { return r.capacity }

// Busy is the number of servers serving now; it can exceed Capacity for a
// while after the capacity was lowered.
func (r *Resource) Busy() int { return r.busy }

// Waiting is the number of requests in the queue.
func (r *Resource) Waiting() int { return r.waiting.Len() }

// Request asks for a server. If one is free it is taken at once and granted
// is true. Otherwise the request queues and, when it reaches a server, ev is
// delivered to h; the ticket lets the requester Withdraw before then.
func (r *Resource) Request(e *Engine, h Handler, ev Event) (t Ticket, granted bool) {
	if r.busy < r.capacity && r.waiting.Len() == 0 {
		r.take(e, 0)
		return 0, true
	}
	r.queueLen.Set(e.now, float64(r.waiting.Len()+1))
	return r.waiting.Push(waiter{since: e.now, h: h, ev: ev}), false
}

// Withdraw takes a waiting request out of the queue (the waiter gave up). It
// reports false if the request was already granted or withdrawn.
func (r *Resource) Withdraw(e *Engine, t Ticket) bool {
	if _, ok := r.waiting.Withdraw(t); !ok {
		return false
	}
	r.withdraw++
	r.queueLen.Set(e.now, float64(r.waiting.Len()))
	return true
}

// Release frees one server and hands it to the head waiter, if any. Releasing
// more servers than were taken is a bug and panics.
func (r *Resource) Release(e *Engine) {
	if r.busy == 0 {
		panic(fmt.Sprintf("sim: resource %q released with no server busy", r.name))
	}
	r.busy--
	r.inUse.Set(e.now, float64(r.busy))
	r.serveWaiting(e)
}

// SetCapacity changes the number of servers at the current time. Raising it
// serves waiters at once; lowering it never interrupts a service in progress,
// the surplus servers leave as they finish.
func (r *Resource) SetCapacity(e *Engine, capacity int) {
	if capacity < 0 {
		panic(fmt.Sprintf("sim: resource %q set to capacity %d", r.name, capacity))
	}
	r.capacity = capacity
	r.serveWaiting(e)
}

func (r *Resource) serveWaiting(e *Engine) {
	for r.busy < r.capacity {
		w, _, ok := r.waiting.Pop()
		if !ok {
			return
		}
		r.queueLen.Set(e.now, float64(r.waiting.Len()))
		r.take(e, e.now-w.since)
		e.Schedule(e.now, w.h, w.ev)
	}
}

func (r *Resource) take(e *Engine, waited Time) {
	r.busy++
	r.granted++
	r.waits.Add(float64(waited))
	r.inUse.Set(e.now, float64(r.busy))
}

// ResourceStats is what a resource measured from its creation (or its last
// ResetStats) to a given time.
type ResourceStats struct {
	Granted   int64   // requests that reached a server
	Withdrawn int64   // requests withdrawn from the queue
	MeanWait  Time    // mean time from request to grant over granted requests
	MaxWait   Time    // longest such time
	MeanQueue float64 // time-average number waiting
	MeanBusy  float64 // time-average number of busy servers
}

// Stats reports the resource's statistics up to now.
func (r *Resource) Stats(now Time) ResourceStats {
	return ResourceStats{
		Granted:   r.granted,
		Withdrawn: r.withdraw,
		MeanWait:  Millis(r.waits.Mean()),
		MaxWait:   Millis(r.waits.Max()),
		MeanQueue: r.queueLen.Mean(now),
		MeanBusy:  r.inUse.Mean(now),
	}
}

// WaitTally exposes the per-request waits (in ms) for finer statistics.
func (r *Resource) WaitTally() *Tally { return &r.waits }

// ResetStats discards the statistics gathered so far (a warm-up period)
// without touching servers or waiters.
func (r *Resource) ResetStats(now Time) {
	r.waits = Tally{}
	r.granted, r.withdraw = 0, 0
	r.queueLen.Reset(now, float64(r.waiting.Len()))
	r.inUse.Reset(now, float64(r.busy))
}
