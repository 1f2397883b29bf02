package park

import (
	"math"
	"math/rand/v2"

	"parksim/sim"
	"parksim/wristband"
)

// Event kinds of a party's own moves. Arg is a party index.
const (
	evWalked sim.Kind = iota // the party reached the zone it walked to
	evBack                   // the party is back from elsewhere
)

// Where a party heads when it leaves by the exit: home, or to its hotel
// for a midday break (the index of its Place{AtExit, …}).
const (
	exitHome  = 0
	exitBreak = 1
)

// Why a party left.
const (
	leftStay = iota + 1 // the zero value: not gone yet
	leftClosed
	leftTurnedAway
	leftTired // worn out: see Fatigue.Exhausted
	leftRain  // gave up on the day for the rain; set when the storm decides it, before the party is gone
)

// neverGiveUp is the give-up patience of a party that never leaves a line
// it has joined.
const neverGiveUp sim.Time = -1

// party is a group that moves, queues and rides together.
type party struct {
	rng   *rand.Rand
	size  int32
	doing Activity // what it is doing: see setActivity
	zone  int32    // where it is, or was last
	dest  Place    // where it walks to, or is at: an attraction, a restaurant, the desk, the exit, or its zone
	// What it does at a venue lives with the venue: see rideVisit,
	// mealVisit, shopVisit and deskVisit.
	avoid     int32 // attraction it just balked at, -1 for none
	arrive    sim.Time
	entered   sim.Time
	leaveAt   sim.Time // heads for the exit at its first choice after this
	leftAt    sim.Time
	speed     float64  // metres per second
	patience  sim.Time // the longest posted wait it joins
	giveUp    sim.Time // how long it waits in a standby line before giving up, or neverGiveUp
	gateTime  sim.Time // turnstile time for the whole party
	rides     int32    // rides taken by its members, added up (a party of 4 riding once: 4)
	at        int32    // zone it is counted in for sensing, -1 while walking or outside
	bandGone  sim.Time // earliest time a member's band goes missing (band system), MaxInt64 if none: checked before any member
	mealsLeft int8     // lunch and dinner, while it stays
	mobile    bool     // orders meals ahead in the app
	hungryAt  sim.Time // it wants its next meal from then
	dinnerAt  sim.Time
	booked    int32    // the table-service restaurant it booked a meal at, -1 none
	bookedAt  sim.Time // and the time of the booking
	breakAt   sim.Time // a resort party heads back to its hotel at its first choice after this; 0: no break
	breakFor  sim.Time
	returning bool      // back from its hotel: the gates let it in again, its stay runs on
	bagged    bool      // through the bag check on this way in
	bagTime   sim.Time  // at a bag screener, each way in
	bandRng   rand.Rand // the band system's draws for the party (tills, camera, guest relations), on bandPCG
	bandPCG   rand.PCG  // kept in the party's own record: a draw touches no other memory
	left      int8      // why it left: leftStay, leftClosed, leftTurnedAway, leftTired, leftRain
	first     int32     // index of its first member among all guests
	persona   int8      // index into Guests.Personas, -1 for none
	exp       experience
	fatigue   float64         // points: see Fatigue
	budget    wristband.Cents // what the party means to spend in the day
	spent     wristband.Cents // what it has spent, by band or another way
}

// handleGuests is a party's own moves: arriving where it walked to, and
// coming back from elsewhere to choose again.
func (p *Park) handleGuests(e *sim.Engine, ev sim.Event) {
	switch ev.Kind {
	case evWalked:
		p.walked(e, int(ev.Arg))
	case evBack:
		p.parties[ev.Arg].avoid = -1
		p.choose(e, int(ev.Arg))
	default:
		unknown("guests", ev)
	}
}

// drawParties creates parties until their sizes reach the expected number of
// guests. Each attribute of party i comes from its own stream (family, i),
// and its choices from ("party", i): changing how one attribute is drawn in
// a scenario variant leaves every other draw of every party as it was, which
// is what paired comparisons between variants rely on.
func (p *Park) drawParties(seed sim.Seed) {
	a := &p.cfg.Arrivals
	g := &p.cfg.Guests
	pcg := rand.NewPCG(0, 0)
	r := rand.New(pcg)
	// from positions r at the start of party i's stream of one attribute.
	from := func(attribute string, i int) *rand.Rand {
		seed.Reset(pcg, attribute, i)
		return r
	}
	for p.guests < a.Guests {
		i := len(p.parties)
		size := int32(min(max(math.Round(a.PartySize.Rand(from(streamPartySize, i))), 1), MaxPartySize))
		persona := p.drawPersona(from(streamPersona, i))
		patience, giveUp, speed, stay := g.Patience, g.GiveUp, g.WalkSpeed, g.Stay
		if persona >= 0 {
			ps := &g.Personas[persona]
			patience, giveUp, speed, stay = or(ps.Patience, patience), or(ps.GiveUp, giveUp), or(ps.WalkSpeed, speed), or(ps.Stay, stay)
		}
		pt := party{
			persona:  int8(persona),
			size:     size,
			zone:     int32(p.cfg.Entry.Zone),
			dest:     Place{Kind: AtExit},
			avoid:    -1,
			at:       -1,
			arrive:   max(0, sim.Duration(a.Time, from(streamArrival, i))),
			speed:    min(max(speed.Rand(from(streamWalkSpeed, i)), MinWalkSpeed), MaxWalkSpeed),
			patience: sim.Duration(patience, from(streamPatience, i)),
			leaveAt:  sim.Duration(stay, from(streamStay, i)), // made absolute on entry
			first:    int32(p.guests),
			booked:   -1,
			budget:   math.MaxInt64,
			giveUp:   neverGiveUp,
		}
		switch {
		case giveUp != nil:
			// Its own stream: a give-up patience shifts no other draw.
			pt.giveUp = max(sim.Duration(giveUp, from(streamGiveUp, i)), 0)
		case g.RenegeAfter > 0:
			pt.giveUp = sim.Millis(g.RenegeAfter * float64(pt.patience))
		}
		if g.Budget != nil {
			br := from(streamBudget, i)
			pt.budget = 0
			for range size {
				pt.budget += wristband.Cents(math.Round(max(g.Budget.Rand(br), 0)))
			}
		}
		drawMustDos(&pt.exp, p.appeal(persona), from(streamMustDo, i))
		if len(p.cfg.Restaurants) > 0 {
			r := from(streamMeals, i)
			pt.hungryAt, pt.dinnerAt = sim.Duration(g.Lunch, r), sim.Duration(g.Dinner, r)
			lunch, dinner := r.Float64() < g.MealShare, r.Float64() < g.MealShare
			pt.mobile = r.Float64() < g.MobileOrder
			switch {
			case lunch && dinner:
				pt.mealsLeft = 2
			case lunch:
				pt.mealsLeft = 1
			case dinner:
				pt.mealsLeft, pt.hungryAt = 1, pt.dinnerAt
			}
			if pt.mealsLeft > 0 {
				p.drawBooking(&pt, from(streamBooking, i))
			}
		}
		if p.cfg.Entry.BagCheck > 0 {
			pt.bagTime = sim.Duration(p.cfg.Entry.BagTime, from(streamBagCheck, i))
		}
		gate := from(streamTurnstile, i)
		for range size {
			pt.gateTime += sim.Duration(p.cfg.Entry.Service, gate)
		}
		if g.ChildHeight != nil {
			hr := from(streamHeights, i)
			for k := range size {
				h := int16(180) // adults ride everything
				if k >= 2 {
					h = int16(min(max(math.Round(g.ChildHeight.Rand(hr)), 50), 250))
				}
				p.heights = append(p.heights, h)
			}
		}
		p.parties = append(p.parties, pt)
		p.guests += int(size)
	}
	// Each party's choices all day come from its own stream ("party", i).
	choices := seed.Streams(streamParty, len(p.parties))
	for i := range p.parties {
		p.parties[i].rng = &choices[i]
	}
}

// choose picks the party's next activity by multinomial logit and sets off.
func (p *Park) choose(e *sim.Engine, i int) {
	pt := &p.parties[i]
	now := e.Now()
	if p.closed || now >= pt.leaveAt {
		if pt.left != leftRain {
			pt.left = leftStay
		}
		if p.closed {
			pt.left = leftClosed
		}
		p.walkTo(e, i, Place{AtExit, exitHome}, p.cfg.Entry.Zone)
		return
	}
	if f := p.cfg.Guests.Fatigue.Exhausted; f > 0 && pt.fatigue >= f {
		pt.left = leftTired
		p.walkTo(e, i, Place{AtExit, exitHome}, p.cfg.Entry.Zone)
		return
	}
	pt.exp.crowdSum += p.inPark.Level()
	pt.exp.crowdN++
	if p.chooseMeal(e, i) {
		return
	}
	if pt.breakAt > 0 && now >= pt.breakAt {
		pt.breakAt = 0
		p.walkTo(e, i, Place{AtExit, exitBreak}, p.cfg.Entry.Zone)
		return
	}
	reserved, window := int32(-1), sim.Time(0)
	if p.bands != nil {
		reserved, window = p.bands.reserved[i], p.bands.window[i]
	}
	g := &p.cfg.Guests
	best := g.ElsewhereAppeal + p.shelter
	n := len(p.rides)
	p.util[n] = best
	row := p.visits[i*n : (i+1)*n]
	taste := p.appeal(int(pt.persona))
	tired := g.Fatigue.Weight * pt.fatigue
	turnedDown, favourite := math.Inf(-1), -1 // the best line ruled out by its posted wait
	for a := range p.rides {
		r := &p.rides[a]
		if r.downs > 0 || (r.cfg.MinHeight > 0 && p.tallEnough(a, i) == 0) {
			p.util[a] = math.Inf(-1) // closed, or nobody in the party is tall enough
			continue
		}
		walkTime := p.walkTime(pt, r.cfg.Zone)
		walk := walkTime.Minutes()
		if int32(a) == reserved && now >= window && now+walkTime < window+p.cfg.Bands.ReservationSpan {
			// The return window is open: the reservation line is short and the
			// party came for it.
			p.util[a] = taste[a] + reservationPull - g.WalkWeight*walk - tired
			best = math.Max(best, p.util[a])
			continue
		}
		if int32(a) == pt.avoid {
			p.util[a] = math.Inf(-1)
			continue
		}
		// Posted waits are on every board and in the app: a party does not
		// set off for a line it already knows it would not join.
		posted := p.posted(a)
		u := taste[a] - g.WaitWeight*posted.Minutes() - g.WalkWeight*walk - g.RepeatPenalty*float64(row[a]) - tired
		if posted > pt.patience {
			p.util[a] = math.Inf(-1)
			if u > turnedDown {
				turnedDown, favourite = u, a
			}
			continue
		}
		p.util[a] = u
		best = math.Max(best, u)
	}
	if favourite >= 0 && turnedDown > best {
		// The line it would have liked best is ruled out by its posted
		// wait: a balk from the boards, counted once a choice, or a park
		// whose waits are all too long would report none.
		p.record(Happening{At: e.Now(), What: Balked, Party: int32(i), Place: Place{AtRide, int32(favourite)}})
	}
	pick := logitPick(p.util, best, pt.rng)
	if pick == n {
		d := max(sim.Duration(g.Elsewhere, pt.rng), MinElsewhere)
		d = min(d, max(min(pt.leaveAt, p.cfg.Close)-now, MinElsewhere))
		p.elsewhere(e, i, d)
		return
	}
	p.walkTo(e, i, Place{AtRide, int32(pick)}, p.rides[pick].cfg.Zone)
}

func (p *Park) walkTime(pt *party, zone int) sim.Time {
	return sim.Millis(p.layout.Metres(int(pt.zone), zone) / pt.speed * float64(sim.Second))
}

// walkTo sets party i off on foot to zone, headed for dest there.
func (p *Park) walkTo(e *sim.Engine, i int, dest Place, zone int) {
	pt := &p.parties[i]
	p.leaveZone(pt)
	pt.dest = dest
	d := p.walkTime(pt, zone)
	pt.fatigue += p.cfg.Guests.Fatigue.Walk * p.layout.Metres(int(pt.zone), zone) / 1000
	from := pt.zone
	pt.zone = int32(zone)
	p.walking(i, from, e.Now()+d)
	e.After(d, p.on.guests, sim.Event{Kind: evWalked, Arg: int64(i)})
}

// setActivity is the one place a party's activity changes: party i is now
// doing a at place, until then (0 when the end is not known yet). Every
// change is reported to the recorders, so a party's day reads as the list
// of its changes.
func (p *Park) setActivity(i int, a Activity, place Place, until sim.Time) {
	pt := &p.parties[i]
	pt.doing = a
	if len(p.recorders) > 0 {
		p.record(Happening{At: p.eng.Now(), What: ActivityChanged, Activity: a, Party: int32(i), Place: place,
			N: pt.size, From: pt.zone, To: pt.zone, Until: until})
	}
}

// walking is party i setting off from zone from to its zone (already set)
// and target, arriving at until.
func (p *Park) walking(i int, from int32, until sim.Time) {
	pt := &p.parties[i]
	pt.doing = Walking
	if len(p.recorders) > 0 {
		p.record(Happening{At: p.eng.Now(), What: ActivityChanged, Activity: Walking, Party: int32(i), Place: pt.dest,
			N: pt.size, From: from, To: pt.zone, Until: until})
	}
}

// walked is party i arriving where it walked to: the venue it headed for
// takes it (see register).
func (p *Park) walked(e *sim.Engine, i int) {
	pt := &p.parties[i]
	if pt.dest.Kind != AtExit {
		p.enterZone(pt)
	}
	p.arrivals[pt.dest.Kind](p, e, i)
}

// atExit is party i reaching the exit: home, or to its hotel for a break.
func (p *Park) atExit(e *sim.Engine, i int) {
	pt := &p.parties[i]
	now := e.Now()
	p.inPark.Add(now, -float64(pt.size))
	p.record(Happening{At: now, What: Left, Party: int32(i), Place: Place{Kind: AtExit}, N: pt.size})
	b := p.bands
	if b != nil {
		p.reportMissing(i, now)
		p.tapParty(i, b.exit, now)
	}
	if pt.dest.Index == exitBreak && now+pt.breakFor < min(pt.leaveAt, p.cfg.Close) {
		// Back on the bus after the break, through the gates again.
		pt.returning, pt.bagged = true, false
	} else {
		pt.leftAt = now // home, or a break that would outlast the visit: the day ends here
		if pt.left == 0 {
			pt.left = leftStay
		}
	}
	if p.busRider(i) {
		p.toBus(e, i, parkStop)
		return
	}
	if b != nil && b.doorOf[i] >= 0 {
		p.tapParty(i, b.bus, now)
		b.tap(now, b.sys.BandOf(wristband.GuestID(p.parties[i].first)), b.doorOf[i], 0, wristband.NoPIN)
	}
	if pt.returning {
		p.setActivity(i, Away, Place{Kind: AtExit}, now+pt.breakFor)
		e.After(pt.breakFor, p.on.entry, sim.Event{Kind: evArrive, Arg: int64(i)})
		return
	}
	p.survey(i, now)
	p.setActivity(i, Gone, Place{Kind: AtExit}, 0)
}

// atRide is party i reaching the attraction it walked to: it joins a line,
// or turns it down.
func (p *Park) atRide(e *sim.Engine, i int) {
	pt := &p.parties[i]
	now := e.Now()
	a := int(pt.dest.Index)
	if p.closed {
		p.choose(e, i)
		return
	}
	if p.status(a) != RideOpen {
		// It stopped while the party walked over: nobody new joins its line,
		// held or not, and the party looks elsewhere.
		pt.avoid = int32(a)
		p.choose(e, i)
		return
	}
	if b := p.bands; b != nil && b.reserved[i] == int32(a) && b.reservation[a] >= 0 && now >= b.window[i]+p.cfg.Bands.ReservationSpan {
		// The party knows its window (it is on the band and in the app): past
		// it, the party joins standby without tapping to be refused.
		b.reserved[i] = -1
	}
	if b := p.bands; b != nil && b.reserved[i] == int32(a) && b.reservation[a] >= 0 && now >= b.window[i] {
		// The party knows its return time: it taps only once the window is open.
		switch remedy, _ := p.tapParty(i, b.reservation[a], now); remedy {
		case wristband.Proceed, wristband.ManualCheck:
			// A reader down: staff check the reservation by hand and honour it.
			b.reserved[i] = -1
			p.join(e, a, i, true)
			return
		case wristband.GuestRelations:
			// A band missing: nobody tapped, so the whole party's
			// reservation waits for it to come back with a new band.
			p.toDesk(e, i, afterDeskPark)
			return
		}
		b.reserved[i] = -1 // used or expired: the standby line it is
	}
	if p.posted(a) > pt.patience {
		pt.exp.balks++
		p.record(Happening{At: now, What: Balked, AtLine: true, Party: int32(i), Place: Place{AtRide, int32(a)}})
		pt.avoid = int32(a)
		p.choose(e, i)
		return
	}
	p.join(e, a, i, false)
}

// drawPersona picks a persona by share, -1 when the scenario has none.
func (p *Park) drawPersona(r *rand.Rand) int {
	ps := p.cfg.Guests.Personas
	if len(ps) == 0 {
		return -1
	}
	total := 0.0
	for _, x := range ps {
		total += x.Share
	}
	u := r.Float64() * total
	for k, x := range ps {
		if u < x.Share {
			return k
		}
		u -= x.Share
	}
	return len(ps) - 1
}

// appeal is each attraction's appeal to a party of persona k (-1: none):
// its appeal plus the persona's taste for its kind, computed once per
// persona.
func (p *Park) appeal(k int) []float64 {
	if p.appeals == nil {
		p.appeals = make([][]float64, len(p.cfg.Guests.Personas)+1)
	}
	if a := p.appeals[k+1]; a != nil {
		return a
	}
	a := make([]float64, len(p.cfg.Attractions))
	for i, at := range p.cfg.Attractions {
		a[i] = at.Appeal
		if k >= 0 {
			a[i] += p.cfg.Guests.Personas[k].Taste[at.Kind]
		}
	}
	p.appeals[k+1] = a
	return a
}

// logitPick draws an index by multinomial logit over the utilities util,
// whose largest is best, with one uniform from r; util is overwritten with
// the weights. Subtracting the best utility keeps exp from overflowing.
func logitPick(util []float64, best float64, r *rand.Rand) int {
	total := 0.0
	for k, u := range util {
		w := math.Exp(u - best)
		util[k] = w
		total += w
	}
	return pickWeighted(util, r.Float64()*total)
}

// pickWeighted is the index whose share of the running total of weights
// holds x (0 ≤ x < the sum of w); rounding that leaves x past every weight
// picks the last.
func pickWeighted(w []float64, x float64) int {
	for k, wk := range w[:len(w)-1] {
		if x < wk {
			return k
		}
		x -= wk
	}
	return len(w) - 1
}

// or is d, or def when d is nil.
func or(d, def sim.Dist) sim.Dist {
	if d == nil {
		return def
	}
	return d
}
