package park

import (
	"parksim/sim"
	"parksim/wristband"
)

// Event kinds of guest relations. Arg is a party index.
const (
	evDesk     sim.Kind = iota // the party reaches a guest-relations desk
	evDeskDone                 // the party leaves guest relations with what it needed
)

// What a party does after guest relations.
const (
	afterDeskGate = iota // queue for the turnstiles
	afterDeskPark        // carry on in the park
)

// deskVisit is a party's visit to guest relations: the desk's own record
// of it, one per party.
type deskVisit struct {
	joined sim.Time // reached the desk's line
	after  int8     // what it does next: afterDeskGate or afterDeskPark
}

// handleDesk is guest relations' events: a party reaching a desk, and
// leaving it.
func (p *Park) handleDesk(e *sim.Engine, ev sim.Event) {
	switch ev.Kind {
	case evDesk:
		p.deskServe(e, int(ev.Arg))
	case evDeskDone:
		p.deskDone(e, int(ev.Arg))
	default:
		unknown("desk", ev)
	}
}

// toDesk sends party i to guest relations at the entry zone.
func (p *Park) toDesk(e *sim.Engine, i int, after int) {
	p.deskVisit[i].after = int8(after)
	p.walkTo(e, i, Place{Kind: AtDeskPlace}, p.cfg.Entry.Zone)
}

// atDesk queues party i at guest relations.
func (p *Park) atDesk(e *sim.Engine, i int) {
	p.deskVisit[i].joined = e.Now()
	p.record(Happening{At: e.Now(), What: Arrived, Party: int32(i), Place: Place{Kind: AtDeskPlace}, N: p.parties[i].size})
	p.setActivity(i, InLine, Place{Kind: AtDeskPlace}, 0)
	if _, ok := p.bands.desk.Request(e, p.on.desk, sim.Event{Kind: evDesk, Arg: int64(i)}); ok {
		p.deskServe(e, i)
	}
}

// deskServe replaces every missing or refused band of party i and sorts
// out tickets not valid today.
func (p *Park) deskServe(e *sim.Engine, i int) {
	b := p.bands
	pt := &p.parties[i]
	now := e.Now()
	p.record(Happening{At: now, What: Served, Party: int32(i), Place: Place{Kind: AtDeskPlace}, N: pt.size, Wait: now - p.deskVisit[i].joined})
	var d sim.Time
	for k := range pt.size {
		g := pt.first + k
		band := b.sys.BandOf(wristband.GuestID(g))
		st := b.sys.State(band)
		missing := b.missing(g, now)
		if !missing && st == wristband.Active && b.sys.TicketValid(wristband.GuestID(g)) {
			continue
		}
		d += sim.Duration(b.cfg.RelationsTime, &pt.bandRng)
		switch {
		case b.lostAt[g] == forgotAtHome:
			p.record(Happening{At: now, What: BandForgotten, Party: int32(i), N: g})
			b.lostAt[g] = -1
		case missing:
			b.reportLost(i, g, now)
		}
		if !b.sys.TicketValid(wristband.GuestID(g)) {
			b.sys.SellTicket(wristband.GuestID(g))
		}
		if missing || st != wristband.Active {
			b.refundFraud(band, now) // whatever others did with it; a no-op after reportLost
			b.sys.Issue(wristband.GuestID(g))
			p.record(Happening{At: now, What: BandReplaced, Party: int32(i), N: g})
		}
	}
	p.updateGone(i)
	p.setActivity(i, AtDesk, Place{Kind: AtDeskPlace}, now+max(d, sim.Minute))
	e.After(max(d, sim.Minute), p.on.desk, sim.Event{Kind: evDeskDone, Arg: int64(i)})
}

func (p *Park) deskDone(e *sim.Engine, i int) {
	p.bands.desk.Release(e)
	pt := &p.parties[i]
	p.record(Happening{At: e.Now(), What: Done, Party: int32(i), Place: Place{Kind: AtDeskPlace}, N: pt.size, Wait: e.Now() - p.deskVisit[i].joined})
	if p.deskVisit[i].after == afterDeskGate {
		p.toGates(e, i)
		return
	}
	p.enterZone(pt)
	p.choose(e, i)
}
