package park

import (
	"parksim/sim"
	"parksim/wristband"
)

// Buses is the resort bus service between the hotels and the entrance
// plaza. Buses leave each end on a timetable, every Every from First, while
// anybody waits there; each carries Capacity guests and takes Ride. Resort
// parties (see Bands.Resort) come to the hotel stop a ride and half a
// headway before the time they mean to reach the plaza (their drawn
// arrival), ride in, and ride back to their hotel for a midday break and at
// the end of their day.
type Buses struct {
	Every    sim.Time
	Capacity int // guests a bus carries; a party larger than a bus takes an empty one to itself
	Ride     sim.Time
	First    sim.Time // clock time of the first departure from each end
}

// Bus stops.
const (
	hotelStop = iota
	parkStop
)

// Event kinds of the buses.
const (
	evBusLeaves sim.Kind = iota // a bus leaves a stop; Arg is the stop
	evBusIn                     // a party gets off at the park; Arg is a party index
	evBusHome                   // a party gets off at its hotel
)

// busStop is the running state of one end of the bus line.
type busStop struct {
	line    sim.Queue[busWaiter] // parties waiting, in the order they came
	running bool                 // a departure is scheduled
	last    sim.Time             // the last departure
}

// busWaiter is a party at a stop and when it came.
type busWaiter struct {
	party int32
	since sim.Time
}

// handleBuses is the resort buses' events: a departure, a party getting
// off at either end.
func (p *Park) handleBuses(e *sim.Engine, ev sim.Event) {
	switch ev.Kind {
	case evBusLeaves:
		p.busLeaves(e, int(ev.Arg))
	case evBusIn:
		p.arrive(e, int(ev.Arg))
	case evBusHome:
		p.atHotel(e, int(ev.Arg))
	default:
		unknown("buses", ev)
	}
}

// busRider reports whether party i stays at a resort hotel and rides the
// buses.
func (p *Park) busRider(i int) bool {
	return p.cfg.Buses != nil && p.bands != nil && p.bands.doorOf[i] >= 0
}

// toBus puts party i in the line at a stop and makes sure a bus will come.
// Nobody sets off for a park that has closed.
func (p *Park) toBus(e *sim.Engine, i, stop int) {
	if stop == hotelStop && p.closed {
		p.stayHome(e, i, e.Now())
		return
	}
	s := &p.stops[stop]
	p.record(Happening{At: e.Now(), What: Arrived, Party: int32(i), Place: Place{AtBusStop, int32(stop)}, N: p.parties[i].size})
	p.setActivity(i, OnBus, Place{AtBusStop, int32(stop)}, 0)
	s.line.Push(busWaiter{party: int32(i), since: e.Now()})
	if !s.running {
		s.running = true
		e.Schedule(p.nextBus(e.Now(), s.last), p.on.buses, sim.Event{Kind: evBusLeaves, Arg: int64(stop)})
	}
}

// nextBus is the first departure on the timetable at or after now, and
// after the stop's last one: a bus that has just left is not followed by
// another at the same instant.
func (p *Park) nextBus(now, last sim.Time) sim.Time {
	if now <= last {
		now = last + 1
	}
	return p.timetabled(now)
}

// timetabled is the first departure on the timetable at or after now, the
// bus a party reaching a stop at now can take if it has a seat.
func (p *Park) timetabled(now sim.Time) sim.Time {
	b := p.cfg.Buses
	if now <= b.First {
		return b.First
	}
	return b.First + (now-b.First+b.Every-1)/b.Every*b.Every
}

// closeStops is the park closing: parties still waiting at the hotel stop
// stay at their hotel.
func (p *Park) closeStops(e *sim.Engine) {
	s := &p.stops[hotelStop]
	for s.line.Len() > 0 {
		w, _, _ := s.line.Pop()
		p.stayHome(e, int(w.party), w.since)
	}
}

// stayHome ends the day of party i at its hotel, the park being closed: a
// party back from a break answers the survey; one that never got in is
// turned away, as at the gates. It has been at the hotel's stop since
// since.
func (p *Park) stayHome(e *sim.Engine, i int, since sim.Time) {
	if p.shutOut(i, Place{AtBusStop, hotelStop}, e.Now(), since); p.parties[i].left == leftClosed {
		p.survey(i, e.Now())
	}
	p.setActivity(i, Gone, Place{AtBusStop, hotelStop}, 0)
}

// shutOut ends the day of party i, kept out of the closed park at place
// (the turnstiles, or its hotel's stop), where it has been since since:
// one back from a break left at closing, one that never got in was turned
// away.
func (p *Park) shutOut(i int, place Place, now, since sim.Time) {
	pt := &p.parties[i]
	if pt.returning {
		p.record(Happening{At: now, What: Withdrew, Party: int32(i), Place: place, N: pt.size, Wait: now - since})
		pt.returning, pt.leftAt, pt.left = false, now, leftClosed
		return
	}
	p.record(Happening{At: now, What: TurnedAway, Party: int32(i), Place: place, N: pt.size, Wait: now - since})
	pt.entered, pt.leftAt, pt.left = now, now, leftTurnedAway
}

// busLoad is a bus to the park: when it arrives and how many it brings.
type busLoad struct {
	arrive sim.Time
	guests int32
}

// busLeaves fills a bus at a stop from the head of its line (a party that
// does not fit waits for the next, and so do those behind it) and sends it.
func (p *Park) busLeaves(e *sim.Engine, stop int) {
	s := &p.stops[stop]
	now := e.Now()
	if s.line.Len() == 0 {
		s.running = false // its riders stayed home at closing
		return
	}
	s.last = now
	seats := int32(p.cfg.Buses.Capacity)
	carried := int32(0)
	for {
		w, _, ok := s.line.Peek()
		if !ok {
			break
		}
		i := w.party
		pt := &p.parties[i]
		if pt.size > seats && seats < int32(p.cfg.Buses.Capacity) {
			p.record(Happening{At: now, What: LeftBehind, Party: i, Place: Place{AtBusStop, int32(stop)}, N: pt.size})
			break
		}
		s.line.Pop()
		seats -= pt.size
		carried += pt.size
		p.record(Happening{At: now, What: Boarded, Last: true, Party: i, Place: Place{AtBusStop, int32(stop)}, N: pt.size, Wait: now - w.since})
		pt.exp.busWait += now - w.since
		if b := p.bands; b != nil {
			p.tapParty(int(i), b.bus, now)
		}
		kind := evBusIn
		if stop == parkStop {
			kind = evBusHome
		}
		p.setActivity(int(i), OnBus, Place{AtBusStop, int32(1 - stop)}, now+p.cfg.Buses.Ride) // riding to the other end
		e.After(p.cfg.Buses.Ride, p.on.buses, sim.Event{Kind: kind, Arg: int64(i)})
		if seats <= 0 {
			break
		}
	}
	p.record(Happening{At: now, What: BusLeft, Party: -1, Place: Place{AtBusStop, int32(stop)}, N: carried})
	if stop == hotelStop && carried > 0 {
		p.busLoads = append(p.busLoads, busLoad{arrive: now + p.cfg.Buses.Ride, guests: carried})
	}
	if s.line.Len() > 0 {
		e.Schedule(now+p.cfg.Buses.Every, p.on.buses, sim.Event{Kind: evBusLeaves, Arg: int64(stop)})
	} else {
		s.running = false
	}
}

// atHotel is party i home from the park: it opens its room with its band,
// then either comes back after its break or ends its day.
func (p *Park) atHotel(e *sim.Engine, i int) {
	pt := &p.parties[i]
	if b := p.bands; b != nil {
		b.tap(e.Now(), b.sys.BandOf(wristband.GuestID(pt.first)), b.doorOf[i], 0, wristband.NoPIN)
	}
	switch {
	case pt.returning:
		p.setActivity(i, Away, Place{AtBusStop, hotelStop}, e.Now()+pt.breakFor)
		e.After(pt.breakFor, p.on.entry, sim.Event{Kind: evArrive, Arg: int64(i)})
		return
	case pt.left == leftTurnedAway:
		// Never got in: no survey.
	default:
		// Its day in the park ended at the gate; the wait for the bus home
		// counts in the survey all the same.
		p.survey(i, pt.leftAt)
	}
	p.setActivity(i, Gone, Place{AtBusStop, hotelStop}, 0)
}
