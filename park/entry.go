package park

import (
	"parksim/sim"
	"parksim/wristband"
)

// Event kinds of the entry. Arg is a party index.
const (
	evArrive    sim.Kind = iota // the party reaches the entrance plaza
	evTurnstile                 // the party reaches a free turnstile
	evEntered                   // the party is through the turnstiles
	evBagCheck                  // a party reaches a free bag screener
	evBagged                    // its bags are checked
)

// handleEntry is parties coming in: the plaza, the bag check, the turnstiles.
func (p *Park) handleEntry(e *sim.Engine, ev sim.Event) {
	now := e.Now()
	switch ev.Kind {
	case evArrive:
		if p.busRider(int(ev.Arg)) {
			p.toBus(e, int(ev.Arg), hotelStop) // it came to its hotel's stop
			break
		}
		p.arrive(e, int(ev.Arg))
	case evTurnstile:
		p.atTurnstile(e, int(ev.Arg))
	case evEntered:
		p.gates.Release(e)
		pt := &p.parties[ev.Arg]
		if !pt.returning {
			pt.entered = now
			pt.leaveAt += now
		} else {
			p.rest(pt, pt.breakFor) // back from its hotel
		}
		pt.returning = false
		p.inPark.Add(now, float64(pt.size))
		p.record(Happening{At: now, What: Entered, Party: int32(ev.Arg), Place: Place{Kind: AtGates}, N: pt.size})
		p.enterZone(pt)
		p.choose(e, int(ev.Arg))
	case evBagCheck:
		p.atScreener(e, int(ev.Arg))
	case evBagged:
		p.bags.Release(e)
		p.parties[ev.Arg].bagged = true
		p.toGates(e, int(ev.Arg))
	default:
		unknown("entry", ev)
	}
}

// arrive is party i reaching the entrance plaza: resort guests step off the
// bus, and a party with a forgotten band goes to guest relations first.
func (p *Park) arrive(e *sim.Engine, i int) {
	pt := &p.parties[i]
	bus := p.busRider(i)
	if pt.returning || bus {
		pt.arrive = e.Now() // its entry wait counts from the bus
	}
	p.record(Happening{At: e.Now(), What: Arrived, Party: int32(i), Place: Place{Kind: AtGates}, N: pt.size})
	if b := p.bands; b != nil {
		if b.doorOf[i] >= 0 && !bus {
			p.tapParty(i, b.bus, e.Now()) // the bus, not modelled, brought it
		}
		if p.needsDesk(i, e.Now()) {
			p.record(Happening{At: e.Now(), What: Troubled, Party: int32(i)})
			p.deskVisit[i].after = afterDeskGate
			p.atDesk(e, i)
			return
		}
	}
	p.toGates(e, i)
}

// toGates queues party i for the turnstiles, through the bag check first.
func (p *Park) toGates(e *sim.Engine, i int) {
	if pt := &p.parties[i]; p.bags != nil && !pt.bagged {
		p.setActivity(i, InLine, Place{Kind: AtBagCheck}, 0)
		if _, ok := p.bags.Request(e, p.on.entry, sim.Event{Kind: evBagCheck, Arg: int64(i)}); ok {
			p.atScreener(e, i)
		}
		return
	}
	p.setActivity(i, InLine, Place{Kind: AtGates}, 0)
	if _, ok := p.gates.Request(e, p.on.entry, sim.Event{Kind: evTurnstile, Arg: int64(i)}); ok {
		p.atTurnstile(e, i)
	}
}

// atTurnstile lets party i through, or after closing turns it away. With
// bands, every member taps in; a failed reader means a slower manual check,
// a refused band or ticket a visit to guest relations.
func (p *Park) atTurnstile(e *sim.Engine, i int) {
	pt := &p.parties[i]
	if p.closed {
		// Too late: the day ends at the gate (a party back from its hotel is
		// surveyed, at its hotel if it came by bus).
		p.gates.Release(e)
		p.shutOut(i, Place{Kind: AtGates}, e.Now(), pt.arrive)
		switch {
		case p.busRider(i):
			p.toBus(e, i, parkStop)
			return
		case pt.left == leftClosed:
			p.survey(i, e.Now())
		}
		p.setActivity(i, Gone, Place{Kind: AtGates}, 0)
		return
	}
	d := pt.gateTime
	if b := p.bands; b != nil {
		remedy, manual := p.tapParty(i, b.gate, e.Now())
		if remedy == wristband.GuestRelations {
			p.gates.Release(e)
			p.deskVisit[i].after = afterDeskGate
			p.atDesk(e, i)
			return
		}
		d += sim.Time(manual) * b.cfg.ManualCheck
	}
	p.record(Happening{At: e.Now(), What: Served, Party: int32(i), Place: Place{Kind: AtGates}, N: pt.size, Wait: e.Now() - pt.arrive, Until: e.Now() + d})
	e.After(d, p.on.entry, sim.Event{Kind: evEntered, Arg: int64(i)})
}

// atScreener checks party i's bags.
func (p *Park) atScreener(e *sim.Engine, i int) {
	pt := &p.parties[i]
	p.record(Happening{At: e.Now(), What: Served, Party: int32(i), Place: Place{Kind: AtBagCheck}, N: pt.size, Wait: e.Now() - pt.arrive, Until: e.Now() + pt.bagTime})
	e.After(pt.bagTime, p.on.entry, sim.Event{Kind: evBagged, Arg: int64(i)})
}
