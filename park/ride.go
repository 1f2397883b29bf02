package park

import "parksim/sim"

// groupLookahead is how far past the head of the line the loader looks for a
// party that fits the seats left in a vehicle, as ride operators do.
const groupLookahead = 8

// ride is the running state of one attraction.
type ride struct {
	cfg          *Attraction
	queue        sim.Queue[int32] // party indices
	queued       int              // riders waiting
	ticking      bool             // a dispatch is scheduled
	nextDispatch sim.Time         // earliest time the next vehicle can leave

	riders      int64
	balks       int64
	dispatches  int64
	emptySeats  int64
	waits       sim.Sample    // ms per rider
	byHour      [48]sim.Tally // by the hour riders joined; clock times run to 47:59
	sinceSample sim.Tally     // waits of riders boarded since the last time-series sample
}

// posted is the wait the park posts at time now for a guest joining the
// line: the time until the next vehicle, plus one dispatch interval for every
// full vehicle of riders ahead, rounded up to five minutes as parks post it.
func (r *ride) posted(now sim.Time) sim.Time {
	w := max(r.nextDispatch-now, 0) + sim.Time(r.queued/r.cfg.VehicleCapacity)*r.cfg.DispatchEvery
	return (w + 5*sim.Minute - 1) / (5 * sim.Minute) * (5 * sim.Minute)
}

// join puts party i at the back of attraction a's line and makes sure a
// vehicle will come for it.
func (p *Park) join(e *sim.Engine, a, i int) {
	r := &p.rides[a]
	pt := &p.parties[i]
	pt.joined = e.Now()
	pt.unboarded = pt.size
	r.queue.Push(int32(i))
	r.queued += int(pt.size)
	if !r.ticking {
		r.ticking = true
		e.Schedule(max(e.Now(), r.nextDispatch), p, sim.Event{Kind: evDispatch, Arg: int64(a)})
	}
}

// dispatch fills one vehicle from the head of the line and sends it.
func (p *Park) dispatch(e *sim.Engine, a int) {
	r := &p.rides[a]
	now := e.Now()
	seats := int32(r.cfg.VehicleCapacity)
	r.dispatches++
	for seats > 0 {
		i, t, ok := r.queue.Peek()
		if !ok {
			break
		}
		pt := &p.parties[i]
		switch {
		case pt.unboarded <= seats:
			r.queue.Pop()
		case seats == int32(r.cfg.VehicleCapacity):
			// A party larger than a whole vehicle boards across several.
			p.board(now, r, a, int(i), seats)
			seats = 0
			continue
		default:
			// Look behind the head for a party that fits the seats left.
			found := sim.Ticket(0)
			k := 0
			r.queue.Each(func(tk sim.Ticket, j int32) bool {
				if tk == t {
					return true // the head, which did not fit
				}
				if p.parties[j].unboarded <= seats {
					found, i = tk, j
					return false
				}
				k++
				return k < groupLookahead
			})
			if found == 0 {
				r.emptySeats += int64(seats)
				seats = 0
				continue
			}
			r.queue.Withdraw(found)
			pt = &p.parties[i]
		}
		seats -= pt.unboarded
		p.board(now, r, a, int(i), pt.unboarded)
		e.After(r.cfg.RideTime, p, sim.Event{Kind: evRideEnd, Arg: int64(i)})
	}
	r.nextDispatch = now + r.cfg.DispatchEvery
	if r.queued > 0 {
		e.Schedule(r.nextDispatch, p, sim.Event{Kind: evDispatch, Arg: int64(a)})
	} else {
		r.ticking = false
	}
}

// board seats n members of party i and records their wait.
func (p *Park) board(now sim.Time, r *ride, a, i int, n int32) {
	pt := &p.parties[i]
	wait := float64(now - pt.joined)
	hour := min(int(pt.joined/sim.Hour), len(r.byHour)-1)
	for range n {
		r.waits.Add(wait)
		p.waits.Add(wait)
		r.byHour[hour].Add(wait)
		r.sinceSample.Add(wait)
	}
	pt.unboarded -= n
	r.queued -= int(n)
	r.riders += int64(n)
	p.riders += int64(n)
	if pt.unboarded == 0 {
		pt.rides += pt.size
		if v := &p.visits[i*len(p.rides)+a]; *v < 255 {
			*v++
		}
	}
}
