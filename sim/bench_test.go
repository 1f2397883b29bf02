package sim

import (
	"math/rand/v2"
	"testing"
)

// holdSize is the number of pending events in the hold model: about the
// number of timers a busy park day keeps in flight.
const holdSize = 10000

// holder is the classic hold-model process: every event schedules its
// successor an exponential time later, so the queue size stays constant.
type holder struct{ r *rand.Rand }

func (h *holder) Handle(e *Engine, ev Event) {
	e.After(Time(h.r.ExpFloat64()*1000), h, ev)
}

// BenchmarkHold measures the engine's cost per event (pop, dispatch, push)
// with holdSize events pending. Target: 0 allocations per event.
func BenchmarkHold(b *testing.B) {
	e := New(1)
	h := &holder{r: Seed(1).Stream("hold")}
	for i := range holdSize {
		e.Schedule(Time(h.r.ExpFloat64()*1000), h, Event{Arg: int64(i)})
	}
	b.ReportAllocs()
	for b.Loop() {
		e.Step()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// bareEntry carries what an engine entry carries minus the handler: time,
// sequence and an argument.
type bareEntry struct {
	at  Time
	seq uint64
	arg int64
}

// bareHeap is the floor: a typed binary heap with no dispatch, no timers.
type bareHeap []bareEntry

func (h bareHeap) less(i, j int) bool {
	return h[i].at < h[j].at || (h[i].at == h[j].at && h[i].seq < h[j].seq)
}

func (h *bareHeap) push(x bareEntry) {
	*h = append(*h, x)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !s.less(i, p) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *bareHeap) pop() bareEntry {
	s := *h
	top := s[0]
	n := len(s) - 1
	s[0] = s[n]
	s = s[:n]
	*h = s
	i := 0
	for {
		c := 2*i + 1
		if c >= n {
			break
		}
		if r := c + 1; r < n && s.less(r, c) {
			c = r
		}
		if !s.less(c, i) {
			break
		}
		s[i], s[c] = s[c], s[i]
		i = c
	}
	return top
}

// BenchmarkBareHeap does the hold model's pushes and pops on bareHeap.
func BenchmarkBareHeap(b *testing.B) {
	r := Seed(1).Stream("hold")
	h := make(bareHeap, 0, holdSize+1)
	var seq uint64
	for i := range holdSize {
		seq++
		h.push(bareEntry{at: Time(r.ExpFloat64() * 1000), seq: seq, arg: int64(i)})
	}
	b.ReportAllocs()
	for b.Loop() {
		x := h.pop()
		seq++
		h.push(bareEntry{at: x.at + Time(r.ExpFloat64()*1000), seq: seq, arg: x.arg})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkTimerCancel measures scheduling a cancellable timer and cancelling
// half of them (a reneging patience timer is usually cancelled).
func BenchmarkTimerCancel(b *testing.B) {
	e := New(1)
	h := &holder{r: Seed(1).Stream("hold")}
	for i := range holdSize {
		e.Schedule(Time(h.r.ExpFloat64()*1000), h, Event{Arg: int64(i)})
	}
	// Timers that fire do nothing, so the queue settles at a steady size.
	noop := HandlerFunc(func(*Engine, Event) {})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		t := e.ScheduleTimer(e.Now()+Time(h.r.ExpFloat64()*1000), noop, Event{})
		if i%2 == 0 {
			e.Cancel(t)
		}
		i++
		e.Step()
	}
}
