package park

import (
	"math"
	"math/rand/v2"

	"parksim/sim"
	"parksim/wristband"
)

// Event kinds of the attractions.
const (
	evDispatch sim.Kind = iota // a vehicle leaves; Arg is an attraction index
	evRideEnd                  // the party steps off a ride; Arg is a party index
	evServed                   // a party is done at a station
	evRenege                   // a party gives up on its standby line
)

// rideVisit is a party's visit to the attraction whose line it is in: the
// rides' own record of it, one per party, in use from joining a line to
// stepping off.
type rideVisit struct {
	joined    sim.Time   // joined the line
	ticket    sim.Ticket // its place in the standby line
	renege    sim.Timer  // when it gives up on that line
	riding    int32      // members riding (a height limit may leave some out)
	unboarded int32      // of them still in the line
	priority  bool       // the line is the reservation line
	tapped    bool       // its members tapped at the boarding gate of this line
}

// groupLookahead is how far past the head of the line the loader looks for a
// party that fits the seats left in a vehicle, as ride operators do.
const groupLookahead = 8

// ride is the running state of one attraction.
type ride struct {
	cfg          *Attraction
	queue        sim.Queue[int32] // party indices
	queued       int              // riders waiting in the standby line
	priority     sim.Queue[int32] // the reservation line
	prioQueued   int              // riders waiting in it
	prioCredit   float64          // seats the reservation line has earned and not used
	prioRate     float64          // riders a millisecond joining the reservation line, as of prioRateAt (see reservationRate)
	prioRateAt   sim.Time
	ticking      bool             // a dispatch is scheduled
	nextDispatch sim.Time         // earliest time the next vehicle can leave
	downs        int              // outages under way (breakdown, rain, too few crew); it runs when 0
	broken       int              // of them breakdowns
	busy         int              // a station's servers serving
	inService    sim.TimeWeighted // busy over the day, for its servers' utilisation
	servers      int              // a station's servers on duty now (see SetStaff); busy can exceed it while those leaving finish
	crew         int              // staff working it now
	boarded      int64            // riders its crew has boarded today: the count staff report without bands
	breakRng     *rand.Rand       // draws its random breakdowns and repairs
	serviceRng   *rand.Rand       // a station's service times
}

// reservationRateSpan is the time over which the park averages the riders
// joining a reservation line to foresee the seats that line will take.
const reservationRateSpan = 15 * sim.Minute

// maxStationReservationLoad bounds the share of a station's servers the
// reservation line is foreseen to keep busy: at or beyond it standby is
// starved, and the posted wait stops growing at what that share implies.
const maxStationReservationLoad = 0.8

// posted is the wait on attraction a's boards now: worked out when what the
// park knows of its lines last changed (see boardWait).
func (p *Park) posted(a int) sim.Time { return p.view.lines[a].Wait }

// boardWait is the wait the park posts at time now for a guest joining
// attraction a's standby line, from the sensed view's reading of its lines
// (see Sensed). It adds the time until the next vehicle and one dispatch
// interval for every vehicle-load of standby riders ahead, over-posts by
// Config.Overpost, and rounds up to five minutes as parks post it. Standby
// gets every seat the reservation line leaves, as dispatch gives them: that
// line (counted exactly from its reservation and boarding taps, and taken
// out of the reading, which counts both lines) takes its share of each
// vehicle only while it has riders, those waiting now and those joining at
// the rate it has been joining (see vehiclesAhead). At a station the
// reservation line is served first, all of it, and a guest who finds every
// server busy waits for one more service than there are parties ahead.
func (p *Park) boardWait(a int, now sim.Time) sim.Time {
	r := &p.rides[a]
	seen := &p.view.lines[a]
	line := max(seen.Guests-float64(r.prioQueued), 0)
	prio, rate := float64(r.prioQueued), r.reservationRate(now)
	var w float64
	if r.cfg.Servers > 0 && r.servers == 0 {
		return noStaffWait // nobody serves there (it is closed until somebody is back)
	}
	if r.cfg.Servers > 0 {
		// A station: the parties ahead, shared among its servers, reservation
		// line first; parties joining the reservation line while the guest
		// waits are served first too. A server takes a whole party.
		perServer := r.cfg.Service.Mean() / float64(r.servers)
		line = min(max(seen.Parties-float64(r.priority.Len()), 0), line)
		load := min(rate*perServer, maxStationReservationLoad)
		ahead := line + float64(r.priority.Len())
		if r.busy >= r.servers {
			// Every server busy: the guest also waits for the first of them
			// to finish before the parties ahead are all taken, so n ahead
			// is n+1 services, as in the Erlang C wait.
			ahead++
		}
		w = ahead * perServer / (1 - load)
	} else {
		// The next vehicle is the one dispatch would send: on a timetable,
		// the next show, even when the last one left with nobody waiting.
		w = float64(p.dispatchAt(a, now)-now) + float64(p.vehiclesAhead(a, line, prio, rate))*float64(r.headway())
	}
	w *= max(p.cfg.Overpost, 1)
	return (sim.Millis(w) + 5*sim.Minute - 1) / (5 * sim.Minute) * (5 * sim.Minute)
}

// vehiclesAhead is how many of attraction a's vehicles leave full before one
// has a seat for a guest joining behind line standby riders, with prio riders
// in the reservation line now and more joining at rate riders a millisecond.
// Each vehicle keeps up to its share of seats for the reservation line while
// that line has riders (the rest, and whatever it leaves, go to standby), so
// over n vehicles the reservation line takes min(n·kept, prio + n·joining),
// and standby gets the rest: max(n·(cap−kept), n·(cap−joining) − prio).
// The guest boards the first vehicle that brings standby past line.
func (p *Park) vehiclesAhead(a int, line, prio, rate float64) float64 {
	r := &p.rides[a]
	capacity := float64(r.cfg.VehicleCapacity)
	if p.cfg.Bands == nil || (prio == 0 && rate == 0) {
		return math.Floor(line / capacity)
	}
	kept := min(p.cfg.Bands.PriorityShare*capacity, capacity-1) // standby always gets a seat a vehicle
	joining := min(rate*float64(r.headway()), kept)
	return min(math.Floor(line/max(capacity-kept, 1)), math.Floor((line+prio)/max(capacity-joining, 1)))
}

// reservationRate is riders (at a station, parties) a millisecond joining
// attraction r's reservation line, averaged exponentially over
// reservationRateSpan up to now.
func (r *ride) reservationRate(now sim.Time) float64 {
	if r.prioRate == 0 {
		return 0
	}
	return r.prioRate * math.Exp(-float64(now-r.prioRateAt)/float64(reservationRateSpan))
}

// reservationJoined adds n riders (at a station, parties) joining attraction
// r's reservation line at now to its averaged rate.
func (r *ride) reservationJoined(now sim.Time, n int32) {
	r.prioRate = r.reservationRate(now) + float64(n)/float64(reservationRateSpan)
	r.prioRateAt = now
}

// handleRides is the attractions' events: vehicles leaving, riders stepping
// off, a station's service done, a party giving up on a standby line.
func (p *Park) handleRides(e *sim.Engine, ev sim.Event) {
	switch ev.Kind {
	case evDispatch:
		p.dispatch(e, int(ev.Arg))
	case evRideEnd:
		p.rideEnd(e, int(ev.Arg))
	case evServed:
		p.served(e, int(ev.Arg))
	case evRenege:
		p.renege(e, int(ev.Arg))
	default:
		unknown("rides", ev)
	}
}

// join puts party i at the back of attraction a's standby line, or of its
// reservation line, and makes sure a vehicle will come for it.
func (p *Park) join(e *sim.Engine, a, i int, priority bool) {
	r := &p.rides[a]
	pt := &p.parties[i]
	p.rideVisit[i].joined = e.Now()
	p.rideVisit[i].riding = p.tallEnough(a, i)
	p.rideVisit[i].unboarded = p.rideVisit[i].riding
	p.rideVisit[i].priority = priority
	p.rideVisit[i].tapped = false
	p.setActivity(i, InLine, Place{AtRide, int32(a)}, 0)
	if priority {
		p.record(Happening{At: e.Now(), What: Joined, Priority: true, Party: int32(i), Place: Place{AtRide, int32(a)}, N: p.rideVisit[i].riding})
		r.priority.Push(int32(i))
		r.prioQueued += int(p.rideVisit[i].riding)
		n := p.rideVisit[i].riding
		if r.cfg.Servers > 0 {
			n = 1 // a station serves parties
		}
		r.reservationJoined(e.Now(), n)
	} else {
		p.record(Happening{At: e.Now(), What: Joined, Party: int32(i), Place: Place{AtRide, int32(a)}, N: p.rideVisit[i].riding,
			Wait: p.posted(a)}) // as posted before it joined
		p.rideVisit[i].ticket = r.queue.Push(int32(i))
		r.queued += int(p.rideVisit[i].riding)
		if pt.giveUp != neverGiveUp {
			p.rideVisit[i].renege = e.ScheduleTimer(e.Now()+pt.giveUp, p.on.rides, sim.Event{Kind: evRenege, Arg: int64(i)})
		}
	}
	if r.cfg.Servers > 0 {
		p.serve(e, a)
		return
	}
	if !r.ticking {
		r.ticking = true
		e.Schedule(p.dispatchAt(a, e.Now()), p.on.rides, sim.Event{Kind: evDispatch, Arg: int64(a)})
	}
}

// dispatchAt is when attraction a's next vehicle can leave for a guest
// arriving at now: at once if the last one left long enough ago, or at the
// next show on its timetable.
func (p *Park) dispatchAt(a int, now sim.Time) sim.Time {
	r := &p.rides[a]
	at := max(now, r.nextDispatch)
	if r.cfg.Timetable && at > r.nextDispatch {
		every := r.cfg.DispatchEvery
		at = p.cfg.Open + (at-p.cfg.Open+every-1)/every*every // the next grid time, or now if on it
	}
	return at
}

// busyTime is a station's busy servers × ms from the day's start to now.
func (r *ride) busyTime(now sim.Time) float64 { return r.inService.Mean(now) * float64(now) }

// serve starts service for as many waiting parties as station a has free
// servers, reservation line first.
func (p *Park) serve(e *sim.Engine, a int) {
	r := &p.rides[a]
	for r.busy < r.servers && r.downs == 0 {
		q, waiting := &r.priority, &r.prioQueued
		if q.Len() == 0 {
			q, waiting = &r.queue, &r.queued
		}
		i, _, ok := q.Pop()
		if !ok {
			return
		}
		*waiting -= int(p.rideVisit[i].unboarded)
		if !p.boardingTap(e, a, int(i)) {
			continue
		}
		r.busy++
		r.inService.Set(e.Now(), float64(r.busy))
		p.record(Happening{At: e.Now(), What: Dispatched, Party: i, Place: Place{AtRide, int32(a)}, N: p.rideVisit[i].unboarded, Seats: p.rideVisit[i].unboarded})
		p.board(e.Now(), r, a, int(i), p.rideVisit[i].unboarded)
		e.After(sim.Duration(r.cfg.Service, r.serviceRng), p.on.rides, sim.Event{Kind: evServed, Arg: int64(i)})
	}
}

// served is party i done at a station: its server takes the next party.
func (p *Park) served(e *sim.Engine, i int) {
	a := int(p.parties[i].dest.Index)
	p.rides[a].busy--
	p.rides[a].inService.Set(e.Now(), float64(p.rides[a].busy))
	p.serve(e, a)
	p.rideEnd(e, i)
}

// dispatch fills one vehicle and sends it: the reservation line gets its
// share of the seats first, standby the rest, and seats standby leaves free
// go back to the reservation line.
func (p *Park) dispatch(e *sim.Engine, a int) {
	r := &p.rides[a]
	now := e.Now()
	if r.downs > 0 {
		r.ticking = false // rideUp starts the vehicles again
		return
	}
	capacity := int32(r.cfg.VehicleCapacity)
	seats := capacity
	if r.prioQueued > 0 {
		// Each vehicle earns the reservation line its share of seats; the
		// credit carries over, so a party larger than one vehicle's share
		// still boards after a few.
		share := p.cfg.Bands.PriorityShare * float64(capacity)
		r.prioCredit = min(r.prioCredit+share, share+MaxPartySize) // enough for any party, never whole vehicles
		kept := min(int32(r.prioCredit), capacity)
		used := kept - p.load(e, a, true, kept, capacity)
		r.prioCredit -= float64(used)
		seats -= used
	} else {
		r.prioCredit = 0 // no banking seats while nobody holds a window
	}
	seats = p.load(e, a, false, seats, capacity)
	if seats > 0 && r.prioQueued > 0 {
		seats = p.load(e, a, true, seats, capacity)
	}
	empty := int32(0)
	if seats > 0 && r.inLine() > 0 {
		empty = seats // nobody waiting fitted the seats left
	}
	p.record(Happening{At: now, What: Dispatched, Party: -1, Place: Place{AtRide, int32(a)}, N: capacity - seats, Seats: capacity, Empty: empty})
	r.nextDispatch = now + r.interval()
	if r.cfg.Timetable {
		r.nextDispatch = p.nextShow(a, now)
	}
	if r.inLine() > 0 {
		e.Schedule(r.nextDispatch, p.on.rides, sim.Event{Kind: evDispatch, Arg: int64(a)})
	} else {
		r.ticking = false
	}
}

// load boards parties from one of attraction a's lines into seats of a
// vehicle of the given capacity, from the head, looking behind a head that
// does not fit; it returns the seats left.
func (p *Park) load(e *sim.Engine, a int, priority bool, seats, capacity int32) int32 {
	r := &p.rides[a]
	q, waiting := &r.queue, &r.queued
	if priority {
		q, waiting = &r.priority, &r.prioQueued
	}
	now := e.Now()
	for seats > 0 {
		i, t, ok := q.Peek()
		if !ok {
			break
		}
		if !p.boardingTap(e, a, int(i)) {
			q.Withdraw(t)
			*waiting -= int(p.rideVisit[i].unboarded)
			continue
		}
		switch {
		case p.rideVisit[i].unboarded <= seats:
			q.Pop()
		case seats == capacity:
			// A party larger than a whole vehicle boards across several.
			p.board(now, r, a, int(i), seats)
			*waiting -= int(seats)
			seats = 0
			continue
		default:
			// Look behind the head for a party that fits the seats left.
			found := sim.Ticket(0)
			k := 0
			q.Each(func(tk sim.Ticket, j int32) bool {
				if tk == t {
					return true // the head, which did not fit
				}
				if p.rideVisit[j].unboarded <= seats {
					found, i = tk, j
					return false
				}
				k++
				return k < groupLookahead
			})
			if found == 0 {
				return seats
			}
			q.Withdraw(found)
			if !p.boardingTap(e, a, int(i)) {
				*waiting -= int(p.rideVisit[i].unboarded)
				continue
			}
		}
		seats -= p.rideVisit[i].unboarded
		*waiting -= int(p.rideVisit[i].unboarded)
		p.board(now, r, a, int(i), p.rideVisit[i].unboarded)
		e.After(r.cfg.RideTime, p.on.rides, sim.Event{Kind: evRideEnd, Arg: int64(i)})
	}
	return seats
}

// boardingTap has every member of party i tap at attraction a's boarding
// gate, once per line, before the party's first member boards (staff check
// by hand when the reader is down, without slowing the loading). A missing or refused
// band sends the party to guest relations instead: it reports false, and the
// caller takes the party out of the line.
func (p *Park) boardingTap(e *sim.Engine, a, i int) bool {
	b := p.bands
	pt := &p.parties[i]
	if b == nil || p.rideVisit[i].tapped {
		return true
	}
	p.rideVisit[i].tapped = true // once per line, however many vehicles it waits for at the head
	if remedy, _ := p.tapParty(i, b.boarding[a], e.Now()); remedy == wristband.GuestRelations {
		e.Cancel(p.rideVisit[i].renege) // it leaves the line: no giving up on it later
		p.stoodInLine(pt, p.rideVisit[i].joined, e.Now())
		p.record(Happening{At: e.Now(), What: Withdrew, Priority: p.rideVisit[i].priority, Party: int32(i), Place: Place{AtRide, int32(a)}, N: p.rideVisit[i].unboarded, Wait: e.Now() - p.rideVisit[i].joined})
		p.toDesk(e, i, afterDeskPark)
		return false
	}
	return true
}

// board seats n members of party i and records their wait.
func (p *Park) board(now sim.Time, r *ride, a, i int, n int32) {
	pt := &p.parties[i]
	if !p.rideVisit[i].priority && p.rideVisit[i].unboarded == p.rideVisit[i].riding {
		pt.exp.waited += now - p.rideVisit[i].joined // the party's wait, once
	}
	if p.rideVisit[i].unboarded == p.rideVisit[i].riding {
		p.eng.Cancel(p.rideVisit[i].renege) // boarding: it will not give up now
		p.stoodInLine(pt, p.rideVisit[i].joined, now)
	}
	p.rideVisit[i].unboarded -= n
	r.boarded += int64(n)
	p.record(Happening{At: now, What: Boarded, Priority: p.rideVisit[i].priority, Last: p.rideVisit[i].unboarded == 0, Party: int32(i),
		Place: Place{AtRide, int32(a)}, N: n, Wait: now - p.rideVisit[i].joined})
	if p.rideVisit[i].unboarded == 0 {
		until := sim.Time(0) // a station's service time is drawn once it has begun
		if r.cfg.Servers == 0 {
			until = now + r.cfg.RideTime
		}
		p.setActivity(i, Riding, Place{AtRide, int32(a)}, until)
		pt.exp.rode(a)
		pt.rides += p.rideVisit[i].riding
		if v := &p.visits[i*len(p.rides)+a]; *v < 255 {
			*v++
		}
	}
}

// renege is party i giving up on its standby line: it leaves the line and
// chooses something else.
func (p *Park) renege(e *sim.Engine, i int) {
	pt := &p.parties[i]
	a := int(pt.dest.Index)
	r := &p.rides[a]
	if _, ok := r.queue.Withdraw(p.rideVisit[i].ticket); !ok {
		return // boarded or sent away already
	}
	r.queued -= int(p.rideVisit[i].unboarded)
	p.stoodInLine(pt, p.rideVisit[i].joined, e.Now())
	p.record(Happening{At: e.Now(), What: Withdrew, GaveUp: true, Party: int32(i), Place: Place{AtRide, int32(a)}, N: p.rideVisit[i].unboarded, Wait: e.Now() - p.rideVisit[i].joined})
	pt.exp.balks++ // walking away from a line, as a balk
	pt.avoid = int32(a)
	p.rideVisit[i].unboarded = 0
	p.choose(e, i)
}

// interval is the time between dispatches with the crew on duty: a short
// crew loads more slowly, in proportion.
func (r *ride) interval() sim.Time {
	if r.cfg.CrewFull <= 0 || r.crew >= r.cfg.CrewFull || r.crew <= 0 {
		return r.cfg.DispatchEvery
	}
	return sim.Millis(float64(r.cfg.DispatchEvery) * float64(r.cfg.CrewFull) / float64(r.crew))
}

// headway is the time between vehicles while guests wait: the crew's
// dispatch interval, or on a timetable the grid, which the crew does not
// change (see nextShow).
func (r *ride) headway() sim.Time {
	if r.cfg.Timetable {
		return r.cfg.DispatchEvery
	}
	return r.interval()
}

// inLine counts the riders waiting in both lines.
func (r *ride) inLine() int { return r.queued + r.prioQueued }

// shortOfCrew reports whether n staff are too few to run attraction a.
func (r *ride) shortOfCrew(n int) bool { return r.cfg.CrewFull > 0 && n < max(r.cfg.CrewMin, 1) }

// nextShow is the first show of attraction a after now: shows start on a
// grid of DispatchEvery from opening.
func (p *Park) nextShow(a int, now sim.Time) sim.Time {
	every := p.rides[a].cfg.DispatchEvery
	return p.cfg.Open + ((now-p.cfg.Open)/every+1)*every
}

// whileOpen is how much of the time from from to to falls between opening
// and closing.
func (p *Park) whileOpen(from, to sim.Time) sim.Time {
	return max(min(to, p.cfg.Close)-max(from, p.cfg.Open), 0)
}

// tallEnough is how many members of party i may ride attraction a: all of
// them, unless it has a height limit, which some children are below. They
// wait at the exit while the others ride (a party split by the limit).
func (p *Park) tallEnough(a, i int) int32 {
	limit := p.cfg.Attractions[a].MinHeight
	pt := &p.parties[i]
	if limit == 0 || len(p.heights) == 0 {
		return pt.size
	}
	n := int32(0)
	for k := range pt.size {
		if p.heights[pt.first+k] >= limit {
			n++
		}
	}
	return n
}

// stoodInLine adds the fatigue of party pt's time in a ride's line, from
// joining to now, when it boards or leaves the line.
func (p *Park) stoodInLine(pt *party, joined, now sim.Time) {
	pt.fatigue += p.cfg.Guests.Fatigue.Queue * (now - joined).Hours()
}

// rideEnd is party i stepping off attraction a's ride: the camera links its
// photo to the album, and the party may buy it at the exit.
func (p *Park) rideEnd(e *sim.Engine, i int) {
	pt := &p.parties[i]
	pt.avoid = -1
	if a := pt.dest.Index; pt.dest.Kind == AtRide && p.cfg.Attractions[a].PhotoPrice > 0 {
		p.ridePhoto(e, i, int(a))
	}
	p.choose(e, i)
}

// reservationPull is the utility of a reservation whose window is open: the
// party came for it, so it outweighs what else the park offers.
const reservationPull = 5.0
