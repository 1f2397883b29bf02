package sim

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// recorder logs every event it receives as "time kind/arg".
type recorder struct{ log []string }

func (r *recorder) Handle(e *Engine, ev Event) {
	r.log = append(r.log, fmt.Sprintf("%v %d/%d", e.Now(), ev.Kind, ev.Arg))
}

func TestTimeString(t *testing.T) {
	for _, tc := range []struct {
		t    Time
		want string
	}{
		{0, "00:00:00.000"},
		{9*Hour + 41*Minute + 7*Second + 250, "09:41:07.250"},
		{23*Hour + 59*Minute + 59*Second + 999, "23:59:59.999"},
		{25 * Hour, "25:00:00.000"},
		{-1500, "-00:00:01.500"},
		{7*Second + 5, "00:00:07.005"},
		{50, "00:00:00.050"},
		{100 * Hour, "100:00:00.000"},
	} {
		require.Equal(t, tc.want, tc.t.String())
	}
	require.Equal(t, "09:41", (9*Hour + 41*Minute + 7*Second).Clock())
}

func TestMillisRoundsOnce(t *testing.T) {
	require.Equal(t, Time(2), Millis(1.5))
	require.Equal(t, Time(1), Millis(1.49))
	require.Equal(t, Time(-2), Millis(-1.5))
	require.Equal(t, Time(0), Millis(0.2))
}

func TestEventsFireInTimeThenSequenceOrder(t *testing.T) {
	e := New(1)
	r := &recorder{}
	e.Schedule(30, r, Event{Kind: 1, Arg: 1})
	e.Schedule(10, r, Event{Kind: 1, Arg: 2})
	e.Schedule(30, r, Event{Kind: 1, Arg: 3}) // same time as arg 1: after it
	e.Schedule(20, r, Event{Kind: 1, Arg: 4})
	e.Schedule(10, r, Event{Kind: 1, Arg: 5}) // same time as arg 2: after it
	e.Run()
	require.Equal(t, []string{
		"00:00:00.010 1/2",
		"00:00:00.010 1/5",
		"00:00:00.020 1/4",
		"00:00:00.030 1/1",
		"00:00:00.030 1/3",
	}, r.log)
	require.Equal(t, uint64(5), e.Processed())
}

func TestSameTimeEventsScheduledByAHandlerGoLast(t *testing.T) {
	e := New(1)
	r := &recorder{}
	chain := HandlerFunc(func(e *Engine, ev Event) {
		r.Handle(e, ev)
		if ev.Arg == 1 {
			e.After(0, r, Event{Kind: 2, Arg: 9}) // same time, but after the already queued one
		}
	})
	e.Schedule(5, chain, Event{Kind: 1, Arg: 1})
	e.Schedule(5, r, Event{Kind: 1, Arg: 2})
	e.Run()
	require.Equal(t, []string{
		"00:00:00.005 1/1",
		"00:00:00.005 1/2",
		"00:00:00.005 2/9",
	}, r.log)
}

func TestCancel(t *testing.T) {
	e := New(1)
	r := &recorder{}
	a := e.ScheduleTimer(10, r, Event{Kind: 1, Arg: 1})
	b := e.ScheduleTimer(20, r, Event{Kind: 1, Arg: 2})
	c := e.ScheduleTimer(30, r, Event{Kind: 1, Arg: 3})
	require.True(t, e.Cancel(b))
	require.False(t, e.Cancel(b), "second cancel")
	require.False(t, e.Cancel(Timer{}), "zero timer")
	e.RunUntil(10)
	require.False(t, e.Cancel(a), "a fired")
	// a's slot is free again; a new timer reuses it and a's stale handle must not cancel it.
	d := e.ScheduleTimer(25, r, Event{Kind: 1, Arg: 4})
	require.False(t, e.Cancel(a), "stale handle after reuse")
	e.Run()
	require.False(t, e.Cancel(c))
	require.False(t, e.Cancel(d))
	require.Equal(t, []string{
		"00:00:00.010 1/1",
		"00:00:00.025 1/4",
		"00:00:00.030 1/3",
	}, r.log)
	require.Equal(t, uint64(3), e.Processed(), "cancelled timers are not processed")
}

func TestRunUntilBoundaries(t *testing.T) {
	e := New(1)
	r := &recorder{}
	atBoundary := HandlerFunc(func(e *Engine, ev Event) {
		r.Handle(e, ev)
		e.After(0, r, Event{Kind: 2, Arg: ev.Arg}) // scheduled at the boundary itself
		e.After(1, r, Event{Kind: 3, Arg: ev.Arg}) // just past it
	})
	e.Schedule(100, atBoundary, Event{Kind: 1, Arg: 1})
	e.RunUntil(99)
	require.Empty(t, r.log)
	require.Equal(t, Time(99), e.Now())
	e.RunUntil(100)
	require.Equal(t, []string{"00:00:00.100 1/1", "00:00:00.100 2/1"}, r.log)
	require.Equal(t, Time(100), e.Now())
	e.RunUntil(50) // never moves time backwards
	require.Equal(t, Time(100), e.Now())
	e.RunUntil(1000)
	require.Equal(t, Time(1000), e.Now(), "idle time still advances")
	require.Len(t, r.log, 3)
	require.False(t, e.Step())
}

// A cancelled timer at the head of the queue must not let RunUntil deliver
// the live event behind it when that one is due later.
func TestRunUntilStopsAtCancelledTimer(t *testing.T) {
	e := New(1)
	r := &recorder{}
	tm := e.ScheduleTimer(5, r, Event{Kind: 1, Arg: 1})
	e.Schedule(10, r, Event{Kind: 1, Arg: 2})
	e.Cancel(tm)
	e.RunUntil(7)
	require.Empty(t, r.log)
	require.Equal(t, Time(7), e.Now())
	e.RunUntil(10)
	require.Equal(t, []string{"00:00:00.010 1/2"}, r.log)
}

func TestMisusePanics(t *testing.T) {
	e := New(1)
	e.RunUntil(10)
	r := &recorder{}
	require.PanicsWithValue(t, "sim: event scheduled at 00:00:00.009, before now 00:00:00.010", func() {
		e.Schedule(9, r, Event{})
	})
	require.Panics(t, func() { e.Schedule(11, nil, Event{}) })
	require.Panics(t, func() { e.After(-1, r, Event{}) })
}

// TestHeapOrderMatchesSort schedules many events at random times from a
// seeded stream and checks they fire sorted by (time, schedule order).
func TestHeapOrderMatchesSort(t *testing.T) {
	const seed = 42
	t.Logf("seed %d", seed)
	rng := Seed(seed).Stream("heap")
	e := New(seed)
	var fired []int64
	h := HandlerFunc(func(e *Engine, ev Event) { fired = append(fired, ev.Arg) })
	type want struct {
		at  Time
		idx int64
	}
	var all []want
	for i := range int64(5000) {
		at := Time(rng.IntN(300))
		e.Schedule(at, h, Event{Arg: i})
		all = append(all, want{at, i})
	}
	var cancelled = map[int64]bool{}
	for i := range int64(500) {
		at := Time(rng.IntN(300))
		tm := e.ScheduleTimer(at, h, Event{Arg: 10000 + i})
		if i%2 == 0 {
			e.Cancel(tm)
			cancelled[10000+i] = true
		} else {
			all = append(all, want{at, 10000 + i})
		}
	}
	e.Run()
	// Stable sort by time keeps scheduling order among equals: plain events
	// were scheduled before timers, so order by (at, schedule index).
	order := make([]int64, 0, len(all))
	for at := Time(0); at < 300; at++ {
		for _, w := range all {
			if w.at == at {
				order = append(order, w.idx)
			}
		}
	}
	require.Equal(t, order, fired)
}

func TestResetDrawsWhatStreamForDraws(t *testing.T) {
	pcg := rand.NewPCG(0, 0)
	r := rand.New(pcg)
	for _, id := range []int{0, 1, 812} {
		want := Seed(7).StreamFor("arrival", id)
		Seed(7).Reset(pcg, "arrival", id)
		for range 5 {
			require.Equal(t, want.Uint64(), r.Uint64(), "id %d", id)
		}
	}
}

func TestStreamsDrawWhatStreamForDraws(t *testing.T) {
	all := Seed(7).Streams("party", 50)
	for _, id := range []int{0, 1, 49} {
		want := Seed(7).StreamFor("party", id)
		for range 5 {
			require.Equal(t, want.Uint64(), all[id].Uint64(), "id %d", id)
		}
	}
}

func TestStreamsAreDeterministicAndIndependent(t *testing.T) {
	draw := func(s Seed, name string, id int) string {
		r := s.StreamFor(name, id)
		var b strings.Builder
		for range 4 {
			fmt.Fprintf(&b, "%d ", r.Uint64()%1000)
		}
		return b.String()
	}
	require.Equal(t, draw(7, "arrivals", 0), draw(7, "arrivals", 0))
	require.Equal(t, draw(7, "arrivals", 0), func() string {
		r := Seed(7).Stream("arrivals")
		var b strings.Builder
		for range 4 {
			fmt.Fprintf(&b, "%d ", r.Uint64()%1000)
		}
		return b.String()
	}())
	require.NotEqual(t, draw(7, "arrivals", 0), draw(8, "arrivals", 0), "seed")
	require.NotEqual(t, draw(7, "arrivals", 0), draw(7, "arrival", 0), "name")
	require.NotEqual(t, draw(7, "party", 1), draw(7, "party", 2), "id")
	require.NotEqual(t, draw(7, "party", 1), draw(7, "guest", 1), "family")
}
