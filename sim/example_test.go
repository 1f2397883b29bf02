package sim_test

import (
	"fmt"

	"parksim/sim"
)

func ExampleTime_String() {
	t := 9*sim.Hour + 41*sim.Minute + 7*sim.Second + 250*sim.Millisecond
	fmt.Println(t)
	fmt.Println(t.Clock())
	// Output:
	// 09:41:07.250
	// 09:41
}

// A ticket booth with one clerk: three customers arrive a minute apart and
// each takes 90 seconds. The booth is a state machine with two event kinds.
type booth struct {
	clerk *sim.Resource
}

const (
	arrive sim.Kind = iota
	served          // the clerk turns to the customer
	leave
)

func (b *booth) Handle(e *sim.Engine, ev sim.Event) {
	switch ev.Kind {
	case arrive:
		fmt.Printf("%v customer %d arrives\n", e.Now(), ev.Arg)
		if _, ok := b.clerk.Request(e, b, sim.Event{Kind: served, Arg: ev.Arg}); ok {
			b.Handle(e, sim.Event{Kind: served, Arg: ev.Arg})
		}
	case served:
		fmt.Printf("%v customer %d at the window\n", e.Now(), ev.Arg)
		e.After(90*sim.Second, b, sim.Event{Kind: leave, Arg: ev.Arg})
	case leave:
		fmt.Printf("%v customer %d leaves\n", e.Now(), ev.Arg)
		b.clerk.Release(e)
	}
}

func ExampleEngine() {
	e := sim.New(1)
	b := &booth{clerk: sim.NewResource("clerk", 1)}
	for i := range 3 {
		e.Schedule(9*sim.Hour+sim.Time(i)*sim.Minute, b, sim.Event{Kind: arrive, Arg: int64(i)})
	}
	e.Run()
	fmt.Println("mean wait", b.clerk.Stats(e.Now()).MeanWait)
	// Output:
	// 09:00:00.000 customer 0 arrives
	// 09:00:00.000 customer 0 at the window
	// 09:01:00.000 customer 1 arrives
	// 09:01:30.000 customer 0 leaves
	// 09:01:30.000 customer 1 at the window
	// 09:02:00.000 customer 2 arrives
	// 09:03:00.000 customer 1 leaves
	// 09:03:00.000 customer 2 at the window
	// 09:04:30.000 customer 2 leaves
	// mean wait 00:00:30.000
}

func ExampleQueue() {
	var q sim.Queue[string]
	q.Push("ana")
	bo := q.Push("bo")
	q.Push("cy")
	q.Withdraw(bo) // bo's patience ran out
	for q.Len() > 0 {
		name, _, _ := q.Pop()
		fmt.Println(name)
	}
	// Output:
	// ana
	// cy
}

func ExampleSeed_StreamFor() {
	seed := sim.Seed(7)
	// Party 812 draws the same numbers whatever other streams exist.
	a := seed.StreamFor("party", 812).IntN(100)
	b := seed.StreamFor("party", 812).IntN(100)
	fmt.Println(a == b)
	// Output: true
}
