package park

import (
	"parksim/sim"
	"parksim/wristband"
)

// tally is the recorder the summary's figures come from: it counts what
// the park records as it happens and keeps nothing the park's choices
// read. The park calls it before any other recorder. Per-party figures
// read the parties' static attributes (size, persona) from the park.
type tally struct {
	p      *Park
	closed bool // the park has closed: seats offered from now on are late

	staffMoves int         // staff changes at posts during the day (Staffed happenings)
	staff      *staffTally // the roster's figures; nil without a roster

	rides   []rideTally
	diners  []dinerTally
	shops   []shopTally
	stops   [2]stopTally
	riding  []int32    // per party: its riders as it last joined a ride's line
	arrived []sim.Time // per party: when it last arrived somewhere (Arrived, Visited): what happens to it there counts by that hour
	persona []int64    // per persona: rides its guests took

	riders     int64
	waits      sim.Sample // ms per standby rider from joining a line to boarding
	balks      int64      // lines turned down for their posted wait, from the board or at the line
	lineBalks  int64      // of them at the line, after walking over
	reneges    int64
	gateWaits  sim.Sample // ms per party from plaza to turnstile
	bagWaits   sim.Sample // ms per party from plaza to a screener
	turnedAway int        // guests who reached the turnstiles only after closing
	peak       int        // the most in the park at once
	peakAt     sim.Time   // when there were first that many
	otherWay   [nLines]wristband.Cents

	// By the hour, for the summary's by_hour lists (see hourRange):
	inPark    occupancy           // guests in the park
	entered   [dayHours]int64     // guests through the turnstiles, by the hour they entered
	ridden    [dayHours]int64     // riders, standby and reservation, by the hour they joined the line
	rideWaits [dayHours]sim.Tally // ms per standby rider, by the hour it joined the line
	balked    [dayHours]int64     // ride balks, by the hour of the balk
	revenue   [dayHours]int64     // cents: guests' sales by the hour of the sale
	entry     flowByHour          // parties at the entrance plaza, by the hour they reached it
	desk      flowByHour          // parties at guest relations, by the hour they joined its line

	csat       sim.Tally
	byPersona  []sim.Tally // CSAT answers per persona
	returns    sim.Tally
	promoters  int
	detractors int

	// With the band system on:
	affected      []bool       // per party: had a band trouble or a denial
	bandCSAT      [2]sim.Tally // CSAT answers of guests without band trouble [0] and with it [1]
	replaced      int
	forgotten     int
	lost          int
	refunded      wristband.Cents
	clonesTried   int
	photosSold    int
	windowsBooked int
	windowsUsed   int
	relations     sim.Sample // ms per party at guest relations, queue and desk
	prioWaits     sim.Sample // ms per rider in reservation lines
}

// rideTally is one attraction's figures.
type rideTally struct {
	riders      int64
	balks       int64
	dispatches  int64
	lateSeats   int64 // seats offered after closing, while the lines still board: see AttractionSummary.SeatsOffered
	emptySeats  int64
	waits       sim.Sample // ms per standby rider
	waited      int64      // standby riders who waited at all
	gaveUp      sim.Tally  // ms each party that gave up had stood in the standby line
	postedSum   float64    // posted wait (ms) each standby rider saw on joining, added up
	postedN     int64
	byHour      [dayHours]sim.Tally // by the hour riders joined
	sinceSample sim.Tally           // waits of standby riders boarded since the last time-series sample

	down       bool     // out of service: an outage under way
	downSince  sim.Time // when it last stopped running
	upSince    sim.Time // when it last started running (0: from the start of the day)
	outages    int64    // ended outages that took time while the park was open
	downtime   sim.Time // their time between opening and closing
	upOpen     sim.Time // time it ran while the park was open, over ended spells of running
	vehiclesUp int64    // vehicles it could have sent while open, over those spells
}

// dinerTally is one restaurant's figures.
type dinerTally struct {
	meals        int64
	mobile       int64
	balks        int64    // times a hungry party turned it down for its expected wait: when choosing (the one it liked best), or on arriving without a booking
	reneges      int64    // times a party gave up on its register line or its table line
	lastServed   sim.Time // the last time it took an order or seated a party
	booked       int64    // meals on a booking
	bookings     int64    // bookings made ahead for the day
	registerWait sim.Sample
	mealWait     sim.Sample
	bookedWait   sim.Sample
	byHour       flowByHour // parties by the hour they arrived: see RestaurantSummary.ByHour
}

// shopTally is one merchant's figures.
type shopTally struct {
	visits     int64 // parties that came to buy or to pose (walked away included)
	sales      int64 // sales made (paid by band or another way)
	skipped    int64 // parties that wanted to buy but had spent their budget
	walkedAway int64 // parties that found the line for staff too long
	waits      sim.Sample
	byHour     flowByHour // parties by the hour they came: see ShopSummary.ByHour
}

// stopTally is one bus stop's figures.
type stopTally struct {
	departures int64
	riders     int64 // guests carried
	leftBehind int64 // times a waiting party did not fit on the bus that left
	waits      sim.Sample
	byHour     flowByHour // by the hour parties reached the stop: see BusWay.ByHour
}

// init sizes t for park p, whose parties are drawn.
func (t *tally) init(p *Park) {
	cfg := p.cfg
	*t = tally{
		p:         p,
		rides:     make([]rideTally, len(cfg.Attractions)),
		diners:    make([]dinerTally, len(cfg.Restaurants)),
		shops:     make([]shopTally, len(cfg.Merchants)),
		riding:    make([]int32, len(p.parties)),
		arrived:   make([]sim.Time, len(p.parties)),
		persona:   make([]int64, len(cfg.Guests.Personas)),
		byPersona: make([]sim.Tally, len(cfg.Guests.Personas)),
	}
	if cfg.Bands != nil {
		t.affected = make([]bool, len(p.parties))
	}
	for a := range p.rides {
		if p.rides[a].downs > 0 {
			t.rides[a].down, t.rides[a].downSince = true, cfg.Open // too few crew from the start
		}
	}
}

// grow makes room for party i's figures: a park built by hand may add
// parties after its tally was sized.
func (t *tally) grow(i int32) {
	if n := int(i) + 1 - len(t.riding); n > 0 {
		t.riding = append(t.riding, make([]int32, n)...)
	}
	if n := int(i) + 1 - len(t.arrived); n > 0 {
		t.arrived = append(t.arrived, make([]sim.Time, n)...)
	}
	if n := int(i) + 1 - len(t.affected); n > 0 {
		t.affected = append(t.affected, make([]bool, n)...)
	}
}

// arrive notes that party i arrived somewhere at at (see Arrived,
// Visited): what happens to it there counts by that hour.
func (t *tally) arrive(i int32, at sim.Time) {
	if i < 0 {
		return
	}
	if int(i) >= len(t.arrived) {
		t.grow(i)
	}
	t.arrived[i] = at
}

// arrival is when party i last arrived somewhere (0 for a party never
// seen arriving, as in a tally fed by hand).
func (t *tally) arrival(i int32) sim.Time {
	if i < 0 || int(i) >= len(t.arrived) {
		return 0
	}
	return t.arrived[i]
}

func (t *tally) size(i int32) int      { return int(t.p.parties[i].size) }
func (t *tally) personaOf(i int32) int { return int(t.p.parties[i].persona) } // -1 for none

// Record counts h.
func (t *tally) Record(h Happening) {
	if t.staff != nil && (h.What == Boarded || h.What == Served || h.What == Withdrew) {
		t.staff.waited(&h)
	}
	switch h.What {
	case Joined:
		if h.Place.Kind != AtRide {
			return
		}
		if int(h.Party) >= len(t.riding) {
			t.grow(h.Party)
		}
		t.riding[h.Party] = h.N
		if h.Priority {
			t.windowsUsed += t.size(h.Party) // a reservation line is joined only on a return window
			return
		}
		r := &t.rides[h.Place.Index]
		r.postedSum += float64(h.Wait) * float64(h.N)
		r.postedN += int64(h.N)
	case Boarded:
		switch h.Place.Kind {
		case AtRide:
			t.boarded(&h)
		case AtBusStop:
			s := &t.stops[h.Place.Index]
			s.riders += int64(h.N)
			s.waits.Add(float64(h.Wait))
			s.byHour[hourOf(h.At-h.Wait)].served += int64(h.N)
			s.byHour.wait(h.At-h.Wait, h.Wait)
		}
	case Withdrew:
		if !h.GaveUp {
			if h.Place.Kind == AtGates {
				t.entry[hourOf(h.At-h.Wait)].walkedAway++ // back from its hotel after closing
			}
			return
		}
		switch h.Place.Kind {
		case AtRide:
			t.rides[h.Place.Index].gaveUp.Add(float64(h.Wait)) // one a give-up: its count is the reneges
			t.reneges++
		case AtRegisters:
			d := &t.diners[h.Place.Index]
			d.reneges++
			// The waits of those who gave up are the longest: leaving them
			// out would make a restaurant too small for its crowd look
			// better than one that serves everybody slowly.
			d.registerWait.Add(float64(h.Wait))
			d.mealWait.Add(float64(h.Wait))
			arrived := t.arrival(h.Party)
			d.byHour[hourOf(arrived)].walkedAway++
			d.byHour.wait(arrived, h.Wait)
		case AtMeal:
			d := &t.diners[h.Place.Index]
			d.reneges++
			d.mealWait.Add(float64(h.Wait))
			arrived := t.arrival(h.Party)
			if t.p.cfg.Restaurants[h.Place.Index].TableService {
				d.byHour[hourOf(arrived)].walkedAway++ // at counter service it eats its food elsewhere: served, when Dined
			}
			d.byHour.wait(arrived, h.Wait)
		}
	case Balked:
		switch h.Place.Kind {
		case AtRide:
			t.rides[h.Place.Index].balks++
			t.balks++
			t.balked[hourOf(h.At)]++
			if h.AtLine {
				t.lineBalks++
			}
		case AtMeal:
			d := &t.diners[h.Place.Index]
			d.balks++
			if h.AtLine {
				d.byHour[hourOf(t.arrival(h.Party))].walkedAway++
			}
		case AtMerchant:
			sh := &t.shops[h.Place.Index]
			sh.walkedAway++
			sh.byHour[hourOf(t.arrival(h.Party))].walkedAway++
		}
	case Dispatched:
		r := &t.rides[h.Place.Index]
		if t.p.cfg.Attractions[h.Place.Index].Servers > 0 {
			if t.closed {
				r.lateSeats += int64(h.N)
			}
			return
		}
		r.dispatches++
		if t.closed {
			r.lateSeats += int64(h.Seats)
		}
		r.emptySeats += int64(h.Empty)
	case Staffed:
		if h.N == 0 { // a roster's own changes count as their moves, below
			t.staffMoves++
		}
		if t.staff != nil {
			t.staff.staffed(t.p, &h)
		}
	case DutyChanged:
		if t.staff != nil {
			t.staff.dutyChanged(&h)
		}
	case MoveRefused:
		if t.staff != nil {
			t.staff.refused++
		}
	case StaffMoved:
		t.staffMoves++
		if t.staff != nil && int(h.N) < len(t.staff.members) {
			t.staff.moves++
			t.staff.members[h.N].moves++
		}
	case Status:
		t.status(&h)
	case Served:
		switch h.Place.Kind {
		case AtGates:
			t.gateWaits.Add(float64(h.Wait))
			t.entry[hourOf(h.At-h.Wait)].served++
			t.entry.wait(h.At-h.Wait, h.Wait)
		case AtBagCheck:
			t.bagWaits.Add(float64(h.Wait))
		case AtRegisters:
			d := &t.diners[h.Place.Index]
			d.registerWait.Add(float64(h.Wait))
			d.lastServed = max(d.lastServed, h.At)
		case AtMeal:
			d := &t.diners[h.Place.Index]
			d.lastServed = max(d.lastServed, h.At)
			d.mealWait.Add(float64(h.Wait))
			if h.Priority {
				d.bookedWait.Add(float64(h.Wait))
			}
			d.byHour.wait(t.arrival(h.Party), h.Wait)
		case AtMerchant:
			sh := &t.shops[h.Place.Index]
			sh.waits.Add(float64(h.Wait))
			arrived := t.arrival(h.Party)
			sh.byHour[hourOf(arrived)].served++
			sh.byHour.wait(arrived, h.Wait)
		}
	case Sold:
		if !h.ByBand && (t.p.cfg.Bands != nil || h.Amount > 0) {
			t.otherWay[lineOf(h.Line)] += h.Amount
		}
		t.revenue[hourOf(h.At)] += int64(h.Amount)
		switch h.Place.Kind {
		case AtMerchant:
			sh := &t.shops[h.Place.Index]
			sh.sales++
			if t.p.cfg.Merchants[h.Place.Index].Staff == 0 {
				sh.byHour[hourOf(t.arrival(h.Party))].served++ // a till nobody staffs serves as it sells
			}
		case AtRide:
			if t.p.cfg.Bands != nil {
				t.photosSold++
			}
		}
	case Surveyed:
		csat := float64(h.Answer.CSAT)
		t.csat.Add(csat)
		if t.p.cfg.Bands != nil {
			k := 0
			if int(h.Party) < len(t.affected) && t.affected[h.Party] {
				k = 1
			}
			t.bandCSAT[k].Add(csat)
		}
		if k := t.personaOf(h.Party); k >= 0 && k < len(t.byPersona) {
			t.byPersona[k].Add(csat)
		}
		t.returns.Add(h.Answer.Return)
		switch {
		case h.Answer.Recommend >= 9:
			t.promoters++
		case h.Answer.Recommend <= 6:
			t.detractors++
		}
	case Entered:
		t.inPark.change(h.At, int(h.N))
		t.entered[hourOf(h.At)] += int64(h.N)
		if t.inPark.level > t.peak {
			t.peak, t.peakAt = t.inPark.level, h.At
		}
	case Left:
		t.inPark.change(h.At, -int(h.N))
	case TurnedAway:
		t.turnedAway += int(h.N)
		if h.Place.Kind == AtGates {
			t.entry[hourOf(h.At-h.Wait)].walkedAway++
		}
	case Closing:
		t.closed = true
	case Done:
		t.relations.Add(float64(h.Wait))
		t.desk[hourOf(h.At-h.Wait)].served++
		t.desk.wait(h.At-h.Wait, h.Wait)
	case Dined:
		d := &t.diners[h.Place.Index]
		d.meals++
		d.byHour[hourOf(t.arrival(h.Party))].served++
		if h.Priority {
			d.booked++
		}
	case OrderedAhead:
		t.diners[h.Place.Index].mobile++
	case BookedTable:
		t.diners[h.Place.Index].bookings++
	case BookedWindow:
		t.windowsBooked += int(h.N)
	case Visited:
		sh := &t.shops[h.Place.Index]
		sh.visits++
		sh.byHour[hourOf(h.At)].arrivals++
		t.arrive(h.Party, h.At)
	case Arrived:
		t.arrive(h.Party, h.At)
		hour := hourOf(h.At)
		switch h.Place.Kind {
		case AtGates:
			t.entry[hour].arrivals++
		case AtDeskPlace:
			t.desk[hour].arrivals++
		case AtMeal:
			t.diners[h.Place.Index].byHour[hour].arrivals++
		case AtBusStop:
			t.stops[h.Place.Index].byHour[hour].arrivals += int64(h.N)
		}
	case OverBudget:
		t.shops[h.Place.Index].skipped++
	case BusLeft:
		t.stops[h.Place.Index].departures++
	case LeftBehind:
		s := &t.stops[h.Place.Index]
		s.leftBehind++
		s.byHour[hourOf(t.arrival(h.Party))].walkedAway++
	case Troubled:
		if int(h.Party) >= len(t.affected) {
			t.grow(h.Party)
		}
		t.affected[h.Party] = true
	case BandForgotten:
		t.forgotten++
	case BandLost:
		t.lost++
	case BandReplaced:
		t.replaced++
	case Refunded:
		t.refunded += h.Amount
	case CloneTried:
		t.clonesTried++
	}
}

// boarded counts a boarding at a ride: reservation riders apart from
// standby ones, whose waits the summary reports, each rider's wait by the
// hour it joined the line.
func (t *tally) boarded(h *Happening) {
	r := &t.rides[h.Place.Index]
	wait := float64(h.Wait)
	n := h.N
	if h.Priority {
		for range n {
			t.prioWaits.Add(wait)
		}
	} else {
		hour := hourOf(h.At - h.Wait)
		if wait > 0 {
			r.waited += int64(n)
		}
		for range n {
			r.waits.Add(wait)
			t.waits.Add(wait)
			r.byHour[hour].Add(wait)
			t.rideWaits[hour].Add(wait)
			r.sinceSample.Add(wait)
		}
	}
	t.ridden[hourOf(h.At-h.Wait)] += int64(n)
	r.riders += int64(n)
	t.riders += int64(n)
	if h.Last {
		if k := t.personaOf(h.Party); k >= 0 && k < len(t.persona) {
			t.persona[k] += int64(t.riding[h.Party])
		}
	}
}

// status counts a change of a ride's outages: when it stops running,
// the spell it ran; when it runs again, the outage, as far as it took
// time while the park was open (an outage counts for the hours guests
// could have ridden).
func (t *tally) status(h *Happening) {
	a := int(h.Place.Index)
	r := &t.rides[a]
	switch down := h.N > 0; {
	case down && !r.down:
		r.down, r.downSince = true, h.At
		r.upOpen, r.vehiclesUp = t.ranWhileOpen(a, r.upSince, h.At)
	case !down && r.down:
		r.down = false
		if d := t.p.whileOpen(r.downSince, h.At); d > 0 {
			r.outages++
			r.downtime += d
		}
		r.upSince = h.At
	}
}

// outagesUntil is attraction a's outages and its time out of service, both
// counted while the park is open (from opening to closing), up to now and
// including an outage still under way: a repair that runs on after closing,
// or a storm before opening, takes no ride-time from guests.
func (t *tally) outagesUntil(a int, now sim.Time) (int64, sim.Time) {
	r := &t.rides[a]
	if r.down {
		if d := t.p.whileOpen(r.downSince, now); d > 0 {
			return r.outages + 1, r.downtime + d
		}
	}
	return r.outages, r.downtime
}

// seatsWhileOpen is the seats attraction a offers from opening to closing
// while it runs: a vehicle at every dispatch interval of each spell of
// running (vehicles never leave closer together, however the crew or the
// timetable runs them), nothing while it is down or closed, since a seat
// that cannot be sold is no capacity a planner has. A station offers its
// servers' services at the mean service time over the time it ran, or, if
// more, the riders it served while open: a server takes a whole party, so
// its seats in riders depend on who came.
func (t *tally) seatsWhileOpen(a int) int64 {
	at := &t.p.cfg.Attractions[a]
	r := &t.rides[a]
	up, vehicles := r.upOpen, r.vehiclesUp
	if !r.down {
		up, vehicles = t.ranWhileOpen(a, r.upSince, t.p.cfg.Close)
	}
	if at.Servers > 0 {
		return max(int64(at.HourlyCapacity()*up.Hours()), r.riders-r.lateSeats)
	}
	return int64(at.VehicleCapacity) * vehicles
}

// ranWhileOpen adds attraction a's spell of running from from to to, as
// far as it falls between opening and closing, to the time it ran while
// open and the vehicles it could have sent then, and returns both. A spell
// of length L holds at most ⌈L ÷ DispatchEvery⌉ departures: the first can
// leave as it starts, the others no closer than DispatchEvery apart.
func (t *tally) ranWhileOpen(a int, from, to sim.Time) (sim.Time, int64) {
	r := &t.rides[a]
	d := t.p.whileOpen(from, to)
	every := t.p.cfg.Attractions[a].DispatchEvery
	n := int64(0)
	if every > 0 {
		n = int64((d + every - 1) / every)
	}
	return r.upOpen + d, r.vehiclesUp + n
}

// boardedSince is the waits of attraction a's standby riders boarded since
// the previous call: one time-series sample's.
func (t *tally) boardedSince(a int) sim.Tally {
	r := &t.rides[a]
	s := r.sinceSample
	r.sinceSample = sim.Tally{}
	return s
}

// affectedGuests is the guests of parties that met band trouble or a
// denial.
func (t *tally) affectedGuests() int {
	n := 0
	for i, a := range t.affected {
		if a {
			n += t.size(int32(i))
		}
	}
	return n
}
