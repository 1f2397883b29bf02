package sim

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestQueueFIFOWithWithdraw(t *testing.T) {
	var q Queue[string]
	a := q.Push("a")
	b := q.Push("b")
	c := q.Push("c")
	require.Equal(t, 3, q.Len())
	v, ok := q.Withdraw(b)
	require.True(t, ok)
	require.Equal(t, "b", v)
	_, ok = q.Withdraw(b)
	require.False(t, ok, "twice")
	_, ok = q.Withdraw(99)
	require.False(t, ok, "unknown ticket")
	v, tk, ok := q.Pop()
	require.True(t, ok)
	require.Equal(t, "a", v)
	require.Equal(t, a, tk)
	_, ok = q.Withdraw(a)
	require.False(t, ok, "already popped")
	v, tk, ok = q.Peek()
	require.True(t, ok)
	require.Equal(t, "c", v)
	require.Equal(t, c, tk)
	require.Equal(t, 1, q.Len())
	q.Pop()
	_, _, ok = q.Pop()
	require.False(t, ok)
}

// TestQueueAgainstSlice drives a Queue and a plain slice with the same random
// operations (wrapping the ring many times) and compares them after each.
func TestQueueAgainstSlice(t *testing.T) {
	const seed = 3
	t.Logf("seed %d", seed)
	rng := Seed(seed).Stream("queue")
	var q Queue[int]
	type item struct {
		t Ticket
		v int
	}
	var ref []item
	for i := range 20000 {
		switch op := rng.IntN(10); {
		case op < 5:
			ref = append(ref, item{q.Push(i), i})
		case op < 8:
			v, tk, ok := q.Pop()
			require.Equal(t, len(ref) > 0, ok)
			if ok {
				require.Equal(t, ref[0], item{tk, v})
				ref = ref[1:]
			}
		default:
			if len(ref) == 0 {
				continue
			}
			k := rng.IntN(len(ref))
			v, ok := q.Withdraw(ref[k].t)
			require.True(t, ok)
			require.Equal(t, ref[k].v, v)
			ref = append(ref[:k], ref[k+1:]...)
		}
		require.Equal(t, len(ref), q.Len())
	}
	var got []item
	q.Each(func(tk Ticket, v int) bool { got = append(got, item{tk, v}); return true })
	if len(ref) == 0 {
		ref = nil
	}
	require.Equal(t, ref, got)
}

func TestResourceServesFIFOAndFollowsCapacity(t *testing.T) {
	e := New(1)
	r := NewResource("till", 1)
	rec := &recorder{}
	_, ok := r.Request(e, rec, Event{Kind: 1, Arg: 1})
	require.True(t, ok, "free server")
	t2, ok := r.Request(e, rec, Event{Kind: 1, Arg: 2})
	require.False(t, ok)
	_, ok = r.Request(e, rec, Event{Kind: 1, Arg: 3})
	require.False(t, ok)
	_, ok = r.Request(e, rec, Event{Kind: 1, Arg: 4})
	require.False(t, ok)
	require.Equal(t, 3, r.Waiting())

	e.RunUntil(10)
	require.True(t, r.Withdraw(e, t2), "2 reneges")
	require.False(t, r.Withdraw(e, t2))

	e.RunUntil(20)
	r.SetCapacity(e, 2) // a second cashier arrives: 3 is served now
	e.RunUntil(30)
	r.Release(e) // 1 leaves: 4 is served
	e.RunUntil(40)
	r.SetCapacity(e, 0) // both leave after their current customers
	require.Equal(t, 2, r.Busy())
	r.Release(e)
	r.Release(e)
	require.Panics(t, func() { r.Release(e) })
	e.Run()
	require.Equal(t, []string{"00:00:00.020 1/3", "00:00:00.030 1/4"}, rec.log)

	st := r.Stats(40)
	require.Equal(t, int64(3), st.Granted)
	require.Equal(t, int64(1), st.Withdrawn)
	require.Equal(t, Time(17), st.MeanWait, "(0+20+30)/3 rounded")
	require.Equal(t, Time(30), st.MaxWait)
	// Waiting: 3 from 0–10, 2 until 20, 1 until 30, then 0 → (30+20+10)/40.
	require.InDelta(t, 60.0/40, st.MeanQueue, 1e-12)
	// Busy: 1 until 20, 2 until 30, 2 until 40 → (20+20+20)/40.
	require.InDelta(t, 60.0/40, st.MeanBusy, 1e-12)
}
