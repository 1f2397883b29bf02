package park

import "parksim/sim"

// Event kinds of the day's operations.
const (
	evOpen       sim.Kind = iota // gates and attractions open
	evClose                      // attractions stop taking guests
	evSample                     // time to record the time series
	evPing                       // a tick of the zone readers
	evCount                      // without the band system: staff count the lines
	evCountKnown                 // the count reaches the sensed view
)

// handleOps is the day's own events: opening, closing, the time series'
// samples and the zone readers' ticks.
func (p *Park) handleOps(e *sim.Engine, ev sim.Event) {
	now := e.Now()
	switch ev.Kind {
	case evOpen:
		p.openEntry(e)
		p.refresh(now) // the boards from the opening's clock
	case evClose:
		p.closed = true
		p.record(Happening{At: now, What: Closing, Party: -1})
		if p.cfg.Buses != nil {
			p.closeStops(e)
		}
		for a := range p.rides {
			// A line held for a ride still down will not be served tonight.
			if p.rides[a].downs > 0 {
				p.releaseLines(e, a)
			}
		}
	case evSample:
		p.sample(now)
		if next := now + SampleEvery; next <= p.cfg.Close || p.inPark.Level() > 0 && next <= DayEnd {
			e.Schedule(next, p.on.ops, ev)
		}
	case evPing:
		p.ping(e)
	case evCount:
		p.count(now)
		e.Schedule(now+CountDelay, p.on.ops, sim.Event{Kind: evCountKnown})
		if next := now + CountEvery; next <= p.cfg.Close || p.inPark.Level() > 0 && next <= DayEnd {
			e.Schedule(next, p.on.ops, ev)
		}
	case evCountKnown:
		p.countKnown(now)
	default:
		unknown("operations", ev)
	}
}

// sample records one row of the time series.
func (p *Park) sample(now sim.Time) {
	s := Snapshot{At: now, InPark: int(p.inPark.Level()), Rides: make([]RideSnapshot, len(p.rides))}
	for a := range p.rides {
		r := &p.rides[a]
		s.InQueues += r.inLine()
		s.Rides[a] = RideSnapshot{Queue: r.queued, Status: p.status(a), Boarded: p.tally.boardedSince(a)}
		if s.Rides[a].Status == RideOpen {
			s.Rides[a].Posted = p.posted(a)
		}
	}
	p.series = append(p.series, s)
}

// ping is one tick of the zone and line readers: ground truth goes to the
// sensor, which only samples it, and what it has published fills the
// sensed view.
func (p *Park) ping(e *sim.Engine) {
	b := p.bands
	for k, z := range b.zoneArea {
		b.truth[k] = b.zoneCount[z]
	}
	n := len(b.zoneArea)
	for l := range p.view.lines {
		b.truth[n+l], _ = p.trueLine(l)
	}
	b.sensor.Ping(e.Now(), b.truth)
	p.observed(e.Now())
	if next := e.Now() + b.cfg.Sensing.Every; next <= p.cfg.Close || p.inPark.Level() > 0 && next <= DayEnd {
		e.Schedule(next, p.on.ops, sim.Event{Kind: evPing})
	}
}

// SampleEvery is the step of the time series a day records.
const SampleEvery = 5 * sim.Minute

// DayEnd is when a day's clock stops at the latest: nothing the park does
// for itself (its time series, staff staying on for guests still about)
// goes on after it, so that a day in which some guests could never finish
// (a bug, or a roster that leaves a line without anyone to serve it) ends
// with them counted as still inside (see LeftBecause) rather than running
// for ever. Guests leave long before it on any day that works.
const DayEnd = 48 * sim.Hour
