package park

import (
	"fmt"

	"parksim/sim"
)

// Event kinds of incidents.
const (
	evBreak       sim.Kind = iota // a random breakdown; Arg: attraction
	evRepaired                    // its repair is done; Arg: attraction
	evIncident                    // a scripted incident starts; Arg: index into Config.Incidents
	evIncidentEnd                 // and ends
	evReleased                    // a party sent away from a line that stopped; Arg: party
	evMisuse                      // a clone or a finder tries a band at a till; Arg: index into the band system's planned misuse
)

// scheduleIncidents puts the day's scripted incidents and every
// attraction's first random breakdown on the engine.
func (p *Park) scheduleIncidents(e *sim.Engine) {
	for k, in := range p.cfg.Incidents {
		e.Schedule(max(in.From, 0), p.on.incidents, sim.Event{Kind: evIncident, Arg: int64(k)})
		e.Schedule(max(in.To, in.From), p.on.incidents, sim.Event{Kind: evIncidentEnd, Arg: int64(k)})
	}
	for a := range p.rides {
		r := &p.rides[a]
		if r.cfg.MTBF > 0 {
			r.breakRng = e.Seed().StreamFor(streamBreakdown, a)
			p.nextBreak(e, a, p.cfg.Open)
		}
	}
}

// nextBreak schedules attraction a's next random breakdown after running
// from from: exponential running time with mean MTBF, while the park is open.
func (p *Park) nextBreak(e *sim.Engine, a int, from sim.Time) {
	r := &p.rides[a]
	at := from + sim.Duration(sim.Exp{M: float64(r.cfg.MTBF)}, r.breakRng)
	if at < p.cfg.Close {
		e.Schedule(at, p.on.incidents, sim.Event{Kind: evBreak, Arg: int64(a)})
	}
}

func (p *Park) handleIncident(e *sim.Engine, ev sim.Event) {
	now := e.Now()
	switch ev.Kind {
	case evBreak:
		a := int(ev.Arg)
		p.rideDown(e, a, true)
		e.After(sim.Duration(p.rides[a].cfg.Repair, p.rides[a].breakRng), p.on.incidents, sim.Event{Kind: evRepaired, Arg: ev.Arg})
	case evRepaired:
		a := int(ev.Arg)
		p.rideUp(e, a, true)
		p.nextBreak(e, a, now)
	case evIncident:
		in := &p.cfg.Incidents[ev.Arg]
		switch in.Kind {
		case Breakdown:
			p.rideDown(e, in.Attraction, true)
		case Rain:
			p.shelter += in.Shelter
			for a := range p.rides {
				if p.rides[a].cfg.Outdoor {
					p.rideDown(e, a, false)
				}
			}
			// Some parties give up on the day: they head home at their next choice.
			// Each storm draws afresh for each party still in the park.
			name := fmt.Sprintf(streamRain, ev.Arg)
			for i := range p.parties {
				pt := &p.parties[i]
				if pt.entered == 0 || pt.leftAt != 0 || pt.returning {
					continue
				}
				e.Seed().Reset(p.scratchPCG, name, i)
				if p.scratchRng.Float64() < in.LeaveShare && now < pt.leaveAt {
					// Its stay not yet over: the rain is why it goes.
					pt.leaveAt, pt.left = now, leftRain
				}
			}
		}
	case evIncidentEnd:
		in := &p.cfg.Incidents[ev.Arg]
		switch in.Kind {
		case Breakdown:
			p.rideUp(e, in.Attraction, true)
		case Rain:
			p.shelter -= in.Shelter
			for a := range p.rides {
				if p.rides[a].cfg.Outdoor {
					p.rideUp(e, a, false)
				}
			}
		}
	case evReleased:
		p.choose(e, int(ev.Arg))
	case evMisuse:
		p.misuseTry(e, int(ev.Arg))
	default:
		unknown("incidents", ev)
	}
}

// rideDown stops attraction a, broken down or closed (rain, too few crew);
// outages may overlap: it runs again when the last one ends. From now it
// takes nobody new (see status); its line waits (a ride that holds its
// line, while the park is open), or is sent away to choose again.
func (p *Park) rideDown(e *sim.Engine, a int, broke bool) {
	r := &p.rides[a]
	r.downs++
	if broke {
		r.broken++
	}
	p.record(Happening{At: e.Now(), What: Status, Party: -1, Place: Place{AtRide, int32(a)}, Status: p.status(a), N: int32(r.downs)})
	if r.downs > 1 {
		return
	}
	// Everyone in its lines is let down, whether the lines wait or not.
	for _, q := range []*sim.Queue[int32]{&r.priority, &r.queue} {
		q.Each(func(_ sim.Ticket, i int32) bool {
			p.parties[i].exp.letDown++
			return true
		})
	}
	// A held line waits for the ride, except after closing: then it will
	// not be served tonight (its crew gone home, say).
	if r.cfg.HoldLine && !p.closed {
		return
	}
	p.releaseLines(e, a)
}

// releaseLines sends everyone in attraction a's lines away to choose again
// (a big party caught half-boarded rides on, and goes on with its members).
func (p *Park) releaseLines(e *sim.Engine, a int) {
	r := &p.rides[a]
	for _, q := range []*sim.Queue[int32]{&r.priority, &r.queue} {
		for q.Len() > 0 {
			i, _, _ := q.Pop()
			pt := &p.parties[i]
			pt.avoid = int32(a)
			e.Cancel(p.rideVisit[i].renege)
			p.record(Happening{At: e.Now(), What: Withdrew, Priority: p.rideVisit[i].priority, Party: i, Place: Place{AtRide, int32(a)}, N: p.rideVisit[i].unboarded, Wait: e.Now() - p.rideVisit[i].joined})
			if p.rideVisit[i].unboarded == p.rideVisit[i].riding {
				p.stoodInLine(pt, p.rideVisit[i].joined, e.Now()) // none of it boarded: it leaves the line now
			}
			if p.rideVisit[i].unboarded < p.rideVisit[i].riding {
				// Part of a big party is already riding: the rest wait for
				// them at the exit, and they go on together.
				p.rideVisit[i].unboarded = 0
				e.After(r.cfg.RideTime, p.on.rides, sim.Event{Kind: evRideEnd, Arg: int64(i)})
				continue
			}
			p.rideVisit[i].unboarded = 0
			e.After(0, p.on.incidents, sim.Event{Kind: evReleased, Arg: int64(i)})
		}
	}
	r.queued, r.prioQueued = 0, 0
}

// rideUp ends one outage of attraction a (a breakdown if broke); when none
// is left, it posts its wait again and vehicles run for whoever waited.
func (p *Park) rideUp(e *sim.Engine, a int, broke bool) {
	r := &p.rides[a]
	r.downs--
	if broke {
		r.broken--
	}
	p.record(Happening{At: e.Now(), What: Status, Party: -1, Place: Place{AtRide, int32(a)}, Status: p.status(a), N: int32(r.downs)})
	if r.downs > 0 {
		return
	}
	if r.cfg.Servers > 0 {
		p.serve(e, a)
		return
	}
	if r.inLine() > 0 && !r.ticking {
		r.ticking = true
		e.Schedule(p.dispatchAt(a, e.Now()), p.on.rides, sim.Event{Kind: evDispatch, Arg: int64(a)})
	}
}

// RideStatus is whether an attraction takes new guests into its lines.
type RideStatus uint8

const (
	RideOpen   RideStatus = iota // running and taking guests: it posts a wait
	RideDown                     // broken down: it posts that it is closed; a held line waits
	RideClosed                   // closed for rain, for want of crew, or because the park has closed (lines still board)
)

// String is the status as the time series writes it.
func (s RideStatus) String() string {
	switch s {
	case RideDown:
		return "down"
	case RideClosed:
		return "closed"
	}
	return "open"
}

// status is whether attraction a takes new guests now. Only an open ride
// posts a wait: a stopped one's line is held or gone, and a number there
// (0 for a released line) would read as a wait a guest could join for.
func (p *Park) status(a int) RideStatus {
	r := &p.rides[a]
	switch {
	case p.closed:
		return RideClosed
	case r.broken > 0:
		return RideDown
	case r.downs > 0:
		return RideClosed
	}
	return RideOpen
}
