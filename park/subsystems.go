package park

import (
	"fmt"

	"parksim/sim"
)

// A subsystem is one part of the park that handles its own kinds of event
// over the shared world, the Park: the day's operations, entry, the
// parties' own moves, rides, dining, shops, buses, the guest-relations desk
// and incidents. Each event is scheduled on the subsystem that owns its
// kind, and each subsystem's kinds are numbered in its own file: a new kind
// of venue is a file with its state, its kinds and its handler, and one
// line in register.
type subsystem struct {
	p      *Park
	handle func(p *Park, e *sim.Engine, ev sim.Event)
}

// Handle runs one event of the subsystem, noting the span of the day's
// events.
func (s *subsystem) Handle(e *sim.Engine, ev sim.Event) {
	p := s.p
	now := e.Now()
	if p.first < 0 {
		p.first = now
	}
	p.last = now
	s.handle(p, e, ev)
}

// subsystems are the park's event handlers, one per subsystem.
type subsystems struct {
	ops, entry, guests, rides, dining, shops, buses, desk, incidents *subsystem
}

// arrival is what a kind of place does with a party that walked there.
type arrival func(p *Park, e *sim.Engine, i int)

// register makes the park's subsystems.
func (p *Park) register() {
	on := func(h func(*Park, *sim.Engine, sim.Event)) *subsystem { return &subsystem{p, h} }
	p.on = subsystems{
		ops:       on((*Park).handleOps),
		entry:     on((*Park).handleEntry),
		guests:    on((*Park).handleGuests),
		rides:     on((*Park).handleRides),
		dining:    on((*Park).handleMeal),
		shops:     on((*Park).handleShop),
		buses:     on((*Park).handleBuses),
		desk:      on((*Park).handleDesk),
		incidents: on((*Park).handleIncident),
	}
	// The places a party walks to, and what takes it there.
	for k := range p.arrivals {
		p.arrivals[k] = nowhere
	}
	p.arrivals[AtRide] = (*Park).atRide
	p.arrivals[AtMeal] = (*Park).atRestaurant
	p.arrivals[AtDeskPlace] = (*Park).atDesk
	p.arrivals[AtExit] = (*Park).atExit
}

// nowhere is a walk to a kind of place parties do not walk to: a bug.
func nowhere(p *Park, e *sim.Engine, i int) {
	panic(fmt.Sprintf("park: party %d walked to %s, which takes nobody", i, p.PlaceID(p.parties[i].dest)))
}

// unknown is an event kind no case of its subsystem's handler takes: a bug.
func unknown(subsystem string, ev sim.Event) {
	panic(fmt.Sprintf("park: %s: unknown event kind %d", subsystem, ev.Kind))
}
