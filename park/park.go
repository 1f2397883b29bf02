package park

import (
	"fmt"
	"math"
	"math/rand/v2"

	"parksim/sim"
	"parksim/wristband"
)

// Event kinds the park handles. Arg is a party index unless noted.
const (
	evArrive    sim.Kind = iota // the party reaches the entrance plaza
	evOpen                      // gates and attractions open (Arg unused)
	evClose                     // attractions stop taking guests (Arg unused)
	evTurnstile                 // the party reaches a free turnstile
	evEntered                   // the party is through the turnstiles
	evWalked                    // the party reached the zone it walked to
	evDispatch                  // a vehicle leaves; Arg is an attraction index
	evRideEnd                   // the party steps off a ride
	evBack                      // the party is back from elsewhere
	evSample                    // time to record the time series (Arg unused)
	evServed                    // a party is done at a station
	evRenege                    // a party gives up on its standby line
	evBagCheck                  // a party reaches a free bag screener
	evBagged                    // its bags are checked
)

// What a party is walking to, besides an attraction index (≥ 0).
const (
	toExit      = -1
	toElsewhere = -2
	toDesk      = -3 // guest relations, in the entry zone
	toHotel     = -5 // the resort bus at the entrance, for a midday break
)

// neverGiveUp is the give-up patience of a party that never leaves a line
// it has joined.
const neverGiveUp sim.Time = -1

// SampleEvery is the step of the time series a day records.
const SampleEvery = 5 * sim.Minute

// party is a group that moves, queues and rides together.
type party struct {
	rng                           *rand.Rand
	size                          int32
	zone                          int32 // where it is, or was last
	target                        int32 // attraction it walks to or queues for, or toExit, toElsewhere, toDesk, toMeal, toHotel
	avoid                         int32 // attraction it just balked at, -1 for none
	unboarded                     int32 // members still in the queue of target
	arrive                        sim.Time
	entered                       sim.Time
	leaveAt                       sim.Time // heads for the exit at its first choice after this
	leftAt                        sim.Time
	joined                        sim.Time   // joined the current queue
	speed                         float64    // metres per second
	patience                      sim.Time   // the longest posted wait it joins
	giveUp                        sim.Time   // how long it waits in a standby line before giving up, or neverGiveUp
	gateTime                      sim.Time   // turnstile time for the whole party
	rides                         int32      // rides taken by its members, added up (a party of 4 riding once: 4)
	at                            int32      // zone it is counted in for sensing, -1 while walking or outside
	afterDesk                     int8       // what it does after guest relations
	priority                      bool       // its line is the reservation line of target
	tapped                        bool       // its members tapped at the boarding gate of the line it is in
	ticket                        sim.Ticket // its place in the standby line it is in
	renege                        sim.Timer  // when it gives up on that line
	bandGone                      sim.Time   // earliest time a member's band goes missing (band system), MaxInt64 if none: checked before any member
	meal                          int32      // the restaurant it walks to or eats at
	mealsLeft                     int8       // lunch and dinner, while it stays
	mobile                        bool       // orders meals ahead in the app
	hungryAt                      sim.Time   // it wants its next meal from then
	dinnerAt                      sim.Time
	foodAt                        sim.Time        // a mobile order is ready then
	mealOrder, mealPrep, mealDine sim.Time        // this meal\'s times at the register, in the kitchen, at the table
	mealPrice                     wristband.Cents // and its price for the party
	booked                        int32           // the table-service restaurant it booked a meal at, -1 none
	bookedAt                      sim.Time        // and the time of the booking
	toBooking                     bool            // the meal it walks to or eats is its booking
	breakAt                       sim.Time        // a resort party heads back to its hotel at its first choice after this; 0: no break
	breakFor                      sim.Time
	returning                     bool      // back from its hotel: the gates let it in again, its stay runs on
	bagged                        bool      // through the bag check on this way in
	bagTime                       sim.Time  // at a bag screener, each way in
	bandRng                       rand.Rand // the band system's draws for the party (tills, camera, guest relations), on bandPCG
	bandPCG                       rand.PCG  // kept in the party's own record: a draw touches no other memory
	left                          int8      // why it left: leftStay, leftClosed, leftTurnedAway, leftTired, leftRain
	first                         int32     // index of its first member among all guests
	persona                       int8      // index into Guests.Personas, -1 for none
	riding                        int32     // members riding the attraction it queues for (a height limit may leave some out)
	exp                           experience
	shop                          int32           // the merchant whose checkout or photographer it is headed for, -1 none
	shopBuys                      bool            // it buys there
	shopAmount                    wristband.Cents // what it buys
	shopServe                     sim.Time        // its time with the clerk or photographer
	fatigue                       float64         // points: see Fatigue
	budget                        wristband.Cents // what the party means to spend in the day
	spent                         wristband.Cents // what it has spent, by band or another way
}

// Why a party left.
const (
	leftStay = iota + 1 // the zero value: not gone yet
	leftClosed
	leftTurnedAway
	leftTired // worn out: see Fatigue.Exhausted
	leftRain  // gave up on the day for the rain; set when the storm decides it, before the party is gone
)

// Park is one simulated park day on one engine. Build it with New, run the
// engine, then read Summary.
type Park struct {
	cfg         *Config
	layout      *Layout
	gates       *sim.Resource
	rides       []ride
	parties     []party
	visits      []uint8 // rides taken per party and attraction, row-major
	closed      bool
	shelter     float64     // utility added to doing something indoors, while it rains
	util        []float64   // scratch for choices
	appeals     [][]float64 // per persona (and none), each attraction\'s appeal
	heights     []int16     // cm per guest, when the scenario draws children\'s heights
	diners      []diner
	shops       []shopState             // per merchant
	merchantsIn [][]int                 // per zone: merchants there
	otherWay    [nLines]wristband.Cents // sales paid another way than by band, by revenue line
	stops       [2]busStop              // the resort buses' hotel and park stops
	book        [][]int32               // per restaurant taking bookings, parties booked per slot of the day
	dinerUtil   []float64               // scratch for choosing a restaurant

	guests     int
	turnedAway int        // guests who reached the turnstiles only after closing
	scratchPCG *rand.PCG  // reseeded for one-off draws from a named stream (a guest's survey answer, a storm's decision)
	scratchRng *rand.Rand // on scratchPCG
	csat       sim.Tally
	byPersona  []sim.Tally // CSAT answers per persona, when the scenario has personas
	returns    sim.Tally
	promoters  int
	detractors int
	inPark     sim.TimeWeighted
	peakAt     sim.Time
	gateWaits  sim.Sample // ms per party from plaza to turnstile
	bags       *sim.Resource
	bagWaits   sim.Sample // ms per party from plaza to a screener
	waits      sim.Sample // ms per rider from joining a queue to boarding
	riders     int64
	balks      int64 // lines turned down for their posted wait, from the board or at the line
	lineBalks  int64 // of them at the line, after walking over
	reneges    int64
	series     []Snapshot
	first      sim.Time
	last       sim.Time
	eng        *sim.Engine
	bands      *bandState // nil when the band system is off
}

// New builds the park described by cfg on engine e and schedules its day:
// every party is drawn now (arrival, size, speed, stay, patience), each
// attribute from that party's own stream.
// It returns an error if cfg is inconsistent (scenarios.Load reports such
// problems with their positions first).
func New(e *sim.Engine, cfg *Config) (*Park, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	pcg := rand.NewPCG(0, 0)
	var bags *sim.Resource
	if cfg.Entry.BagCheck > 0 {
		bags = sim.NewResource("bag check", 0) // opens with the gates
	}
	p := &Park{
		bags:       bags,
		scratchPCG: pcg,
		scratchRng: rand.New(pcg),
		cfg:        cfg,
		layout:     NewLayout(cfg.Zones, cfg.Paths),
		gates:      sim.NewResource("turnstiles", 0), // closed until Open
		rides:      make([]ride, len(cfg.Attractions)),
		util:       make([]float64, len(cfg.Attractions)+1),
		first:      -1,
		eng:        e,
	}
	for i := range p.rides {
		p.rides[i].cfg = &cfg.Attractions[i]
		if cfg.Attractions[i].Servers > 0 {
			p.rides[i].serviceRng = e.Seed().StreamFor("service", i)
		}
		r := &p.rides[i]
		r.crew = cfg.Attractions[i].Crew
		if r.cfg.Timetable {
			r.nextDispatch = cfg.Open // the first show at opening
		}
		if r.shortOfCrew(r.crew) {
			r.downs, r.downSince = 1, cfg.Open // closed until SetCrew brings enough staff
		}
	}
	p.byPersona = make([]sim.Tally, len(cfg.Guests.Personas))
	p.drawParties(e.Seed())
	p.visits = make([]uint8, len(p.parties)*len(p.rides))
	p.diners = make([]diner, len(cfg.Restaurants))
	p.dinerUtil = make([]float64, len(cfg.Restaurants))
	for k := range p.diners {
		r := &cfg.Restaurants[k]
		d := diner{cfg: r, tables: sim.NewResource(r.ID+" tables", r.Tables-r.Reserved), pos: -1, dine: r.Dine.Mean()}
		if !r.TableService {
			d.order, d.prep = r.Order.Mean(), r.Prep.Mean() // the waits parties expect are worked out from these at every choice
		}
		if r.TableService {
			d.reserved = sim.NewResource(r.ID+" reserved tables", r.Reserved)
		} else {
			d.registers = sim.NewResource(r.ID+" registers", r.Registers)
		}
		p.diners[k] = d
	}
	for i := range p.parties {
		if b := p.parties[i].booked; b >= 0 {
			p.diners[b].bookings++
		}
	}
	p.shops = make([]shopState, len(cfg.Merchants))
	p.merchantsIn = make([][]int, len(cfg.Zones))
	for k, m := range cfg.Merchants {
		if m.Staff > 0 {
			p.shops[k].staff = sim.NewResource(m.ID+" staff", m.Staff)
		}
		p.merchantsIn[m.Zone] = append(p.merchantsIn[m.Zone], k)
	}
	p.purchaseStreams(e.Seed())
	if cfg.Bands != nil {
		p.newBands(e.Seed())
		e.Schedule(cfg.Open, p, sim.Event{Kind: evPing})
	}
	p.scheduleIncidents(e)
	e.Schedule(cfg.Open, p, sim.Event{Kind: evOpen})
	e.Schedule(cfg.Close, p, sim.Event{Kind: evClose})
	e.Schedule(cfg.Open, p, sim.Event{Kind: evSample})
	for i := range p.parties {
		at := p.parties[i].arrive
		if p.busRider(i) {
			// It plans to reach the plaza then: it leaves its hotel a ride
			// and half a headway earlier.
			at = max(at-p.cfg.Buses.Ride-p.cfg.Buses.Every/2, 0)
		}
		e.Schedule(at, p, sim.Event{Kind: evArrive, Arg: int64(i)})
	}
	return p, nil
}

// check is the backstop for configurations built in Go rather than read by
// scenarios (which reports the same problems with their positions).
func (c *Config) check() error {
	g := &c.Guests
	switch {
	case len(c.Zones) == 0:
		return fmt.Errorf("park %q has no zones", c.Name)
	case c.Entry.Zone < 0 || c.Entry.Zone >= len(c.Zones):
		return fmt.Errorf("park %q: entry zone %d does not exist", c.Name, c.Entry.Zone)
	case c.Close <= c.Open:
		return fmt.Errorf("park %q closes (%v) before it opens (%v)", c.Name, c.Close, c.Open)
	case c.Entry.Turnstiles < 1:
		return fmt.Errorf("park %q has no turnstiles", c.Name)
	case c.Arrivals.Guests < 1:
		return fmt.Errorf("park %q has no arrivals", c.Name)
	case c.Arrivals.Time == nil || c.Arrivals.PartySize == nil || c.Entry.Service == nil ||
		g.WalkSpeed == nil || g.Stay == nil || g.Patience == nil || g.Elsewhere == nil:
		return fmt.Errorf("park %q: a distribution is missing", c.Name)
	}
	for _, p := range c.Paths {
		if p.From < 0 || p.From >= len(c.Zones) || p.To < 0 || p.To >= len(c.Zones) || !(p.Length >= 0) || math.IsInf(p.Length, 1) {
			return fmt.Errorf("park %q: path %d–%d is malformed", c.Name, p.From, p.To)
		}
	}
	if z := c.Unreachable(); len(z) > 0 {
		return fmt.Errorf("park %q: zone %q cannot be reached from the entry", c.Name, c.Zones[z[0]].ID)
	}
	for _, r := range c.Restaurants {
		staffed := r.Registers >= 1 && r.Order != nil && r.Prep != nil && r.Reserved == 0 && r.Bookings == 0
		if r.TableService {
			staffed = r.Registers == 0 && r.Reserved >= 0 && r.Reserved <= r.Tables && (r.Reserved > 0 || r.Bookings == 0) && r.Bookings >= 0 && r.Bookings <= 1
		}
		if r.Zone < 0 || r.Zone >= len(c.Zones) || !staffed || r.Tables < 1 || r.Dine == nil || r.Meal == nil {
			return fmt.Errorf("park %q: restaurant %q is malformed", c.Name, r.ID)
		}
	}
	for _, m := range c.Merchants {
		if m.Zone < 0 || m.Zone >= len(c.Zones) || m.Basket == nil || m.Staff < 0 || (m.Staff > 0 && (m.Serve == nil || !(m.Serve.Mean() > 0))) {
			return fmt.Errorf("park %q: merchant %q is malformed", c.Name, m.ID)
		}
	}
	if b := c.Buses; b != nil && (b.Every < 1 || b.Ride < 0 || b.Capacity < 1 || c.Bands == nil) {
		return fmt.Errorf("park %q: the buses are malformed (they need the band system, a headway, a ride time and seats)", c.Name)
	}
	if f := g.Fatigue; !(f.Walk >= 0 && f.Queue >= 0 && f.Rest >= 0 && f.Weight >= 0 && f.Exhausted >= 0) {
		return fmt.Errorf("park %q: fatigue rates and weights cannot be negative", c.Name)
	}
	if len(c.Restaurants) > 0 && (g.Lunch == nil || g.Dinner == nil) {
		return fmt.Errorf("park %q: restaurants need lunch and dinner times", c.Name)
	}
	for _, a := range c.Attractions {
		station := a.Servers > 0 && a.Service != nil && a.Service.Mean() > 0
		vehicles := a.VehicleCapacity >= 1 && a.DispatchEvery >= 1 && a.RideTime >= 0
		if a.Zone < 0 || a.Zone >= len(c.Zones) || !(station || vehicles) {
			return fmt.Errorf("park %q: attraction %q is malformed", c.Name, a.ID)
		}
	}
	return nil
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
		size := int32(min(max(math.Round(a.PartySize.Rand(from("party-size", i))), 1), MaxPartySize))
		persona := p.drawPersona(from("persona", i))
		patience, giveUp, speed, stay := g.Patience, g.GiveUp, g.WalkSpeed, g.Stay
		if persona >= 0 {
			ps := &g.Personas[persona]
			patience, giveUp, speed, stay = or(ps.Patience, patience), or(ps.GiveUp, giveUp), or(ps.WalkSpeed, speed), or(ps.Stay, stay)
		}
		pt := party{
			persona:  int8(persona),
			size:     size,
			zone:     int32(p.cfg.Entry.Zone),
			target:   toExit,
			avoid:    -1,
			at:       -1,
			arrive:   max(0, sim.Duration(a.Time, from("arrival", i))),
			speed:    min(max(speed.Rand(from("walk-speed", i)), MinWalkSpeed), MaxWalkSpeed),
			patience: sim.Duration(patience, from("patience", i)),
			leaveAt:  sim.Duration(stay, from("stay", i)), // made absolute on entry
			first:    int32(p.guests),
			shop:     -1,
			booked:   -1,
			budget:   math.MaxInt64,
			giveUp:   neverGiveUp,
		}
		switch {
		case giveUp != nil:
			// Its own stream: a give-up patience shifts no other draw.
			pt.giveUp = max(sim.Duration(giveUp, from("give-up", i)), 0)
		case g.RenegeAfter > 0:
			pt.giveUp = sim.Millis(g.RenegeAfter * float64(pt.patience))
		}
		if g.Budget != nil {
			br := from("budget", i)
			pt.budget = 0
			for range size {
				pt.budget += wristband.Cents(math.Round(max(g.Budget.Rand(br), 0)))
			}
		}
		drawMustDos(&pt.exp, p.appeal(persona), from("must-do", i))
		if len(p.cfg.Restaurants) > 0 {
			r := from("meals", i)
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
				p.drawBooking(&pt, from("booking", i))
			}
		}
		if p.cfg.Entry.BagCheck > 0 {
			pt.bagTime = sim.Duration(p.cfg.Entry.BagTime, from("bag-check", i))
		}
		gate := from("turnstile", i)
		for range size {
			pt.gateTime += sim.Duration(p.cfg.Entry.Service, gate)
		}
		if g.ChildHeight != nil {
			hr := from("heights", i)
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
	choices := seed.Streams("party", len(p.parties))
	for i := range p.parties {
		p.parties[i].rng = &choices[i]
	}
}

// Handle advances the park by one event.
func (p *Park) Handle(e *sim.Engine, ev sim.Event) {
	now := e.Now()
	if p.first < 0 {
		p.first = now
	}
	p.last = now
	switch ev.Kind {
	case evOpen:
		p.gates.SetCapacity(e, p.cfg.Entry.Turnstiles)
		if p.bags != nil {
			p.bags.SetCapacity(e, p.cfg.Entry.BagCheck)
		}
	case evClose:
		p.closed = true
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
		if next := now + SampleEvery; next <= p.cfg.Close || p.inPark.Level() > 0 {
			e.Schedule(next, p, ev)
		}
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
		if level := p.inPark.Level() + float64(pt.size); level > p.inPark.Max() {
			p.peakAt = now
		}
		p.inPark.Add(now, float64(pt.size))
		p.enterZone(pt)
		p.choose(e, int(ev.Arg))
	case evWalked:
		p.walked(e, int(ev.Arg))
	case evDispatch:
		p.dispatch(e, int(ev.Arg))
	case evRideEnd:
		p.rideEnd(e, int(ev.Arg))
	case evServed:
		p.served(e, int(ev.Arg))
	case evBagCheck:
		p.atScreener(e, int(ev.Arg))
	case evBagged:
		p.bags.Release(e)
		p.parties[ev.Arg].bagged = true
		p.toGates(e, int(ev.Arg))
	case evRenege:
		p.renege(e, int(ev.Arg))
	case evBack:
		p.parties[ev.Arg].avoid = -1
		p.choose(e, int(ev.Arg))
	case evMisuse:
		p.misuseTry(e, int(ev.Arg))
	case evPing:
		p.ping(e)
	case evRegister, evOrdered, evFoodReady, evSeated, evDined, evRegisterGiveUp, evTableGiveUp:
		p.handleMeal(e, ev)
	case evBreak, evRepaired, evIncident, evIncidentEnd, evReleased:
		p.handleIncident(e, ev)
	case evBusLeaves:
		p.busLeaves(e, int(ev.Arg))
	case evBusIn:
		p.arrive(e, int(ev.Arg))
	case evBusHome:
		p.atHotel(e, int(ev.Arg))
	case evBrowsed, evClerk, evCheckedOut:
		p.handleShop(e, ev)
	case evDesk:
		p.deskServe(e, int(ev.Arg))
	case evDeskDone:
		p.deskDone(e, int(ev.Arg))
	default:
		panic(fmt.Sprintf("park: unknown event kind %d", ev.Kind))
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
	if b := p.bands; b != nil {
		if b.doorOf[i] >= 0 && !bus {
			p.tapParty(i, b.bus, e.Now()) // the bus, not modelled, brought it
		}
		if p.needsDesk(i, e.Now()) {
			b.affected[i] = true
			pt.afterDesk = afterDeskGate
			p.atDesk(e, i)
			return
		}
	}
	p.toGates(e, i)
}

// toGates queues party i for the turnstiles, through the bag check first.
func (p *Park) toGates(e *sim.Engine, i int) {
	if pt := &p.parties[i]; p.bags != nil && !pt.bagged {
		if _, ok := p.bags.Request(e, p, sim.Event{Kind: evBagCheck, Arg: int64(i)}); ok {
			p.atScreener(e, i)
		}
		return
	}
	if _, ok := p.gates.Request(e, p, sim.Event{Kind: evTurnstile, Arg: int64(i)}); ok {
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
		p.shutOut(i, e.Now())
		switch {
		case p.busRider(i):
			p.toBus(e, i, parkStop)
		case pt.left == leftClosed:
			p.survey(i, e.Now())
		}
		return
	}
	d := pt.gateTime
	if b := p.bands; b != nil {
		remedy, manual := p.tapParty(i, b.gate, e.Now())
		if remedy == wristband.GuestRelations {
			p.gates.Release(e)
			pt.afterDesk = afterDeskGate
			p.atDesk(e, i)
			return
		}
		d += sim.Time(manual) * b.cfg.ManualCheck
	}
	p.gateWaits.Add(float64(e.Now() - pt.arrive))
	e.After(d, p, sim.Event{Kind: evEntered, Arg: int64(i)})
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
		p.walkTo(e, i, toExit, p.cfg.Entry.Zone)
		return
	}
	if f := p.cfg.Guests.Fatigue.Exhausted; f > 0 && pt.fatigue >= f {
		pt.left = leftTired
		p.walkTo(e, i, toExit, p.cfg.Entry.Zone)
		return
	}
	pt.exp.crowdSum += p.inPark.Level()
	pt.exp.crowdN++
	if p.chooseMeal(e, i) {
		return
	}
	if pt.breakAt > 0 && now >= pt.breakAt {
		pt.breakAt = 0
		p.walkTo(e, i, toHotel, p.cfg.Entry.Zone)
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
		posted := p.posted(a, now)
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
		p.rides[favourite].balks++
		p.balks++
	}
	// Softmax draw: subtracting the best utility keeps exp from overflowing.
	total := 0.0
	for k, u := range p.util {
		w := math.Exp(u - best)
		p.util[k] = w
		total += w
	}
	pick := pickWeighted(p.util, pt.rng.Float64()*total)
	if pick == n {
		d := max(sim.Duration(g.Elsewhere, pt.rng), MinElsewhere)
		d = min(d, max(min(pt.leaveAt, p.cfg.Close)-now, MinElsewhere))
		p.elsewhere(e, i, d)
		return
	}
	p.walkTo(e, i, int32(pick), p.rides[pick].cfg.Zone)
}

func (p *Park) walkTime(pt *party, zone int) sim.Time {
	return sim.Millis(p.layout.Metres(int(pt.zone), zone) / pt.speed * float64(sim.Second))
}

func (p *Park) walkTo(e *sim.Engine, i int, target int32, zone int) {
	pt := &p.parties[i]
	p.leaveZone(pt)
	pt.target = target
	d := p.walkTime(pt, zone)
	pt.fatigue += p.cfg.Guests.Fatigue.Walk * p.layout.Metres(int(pt.zone), zone) / 1000
	pt.zone = int32(zone)
	e.After(d, p, sim.Event{Kind: evWalked, Arg: int64(i)})
}

func (p *Park) walked(e *sim.Engine, i int) {
	pt := &p.parties[i]
	now := e.Now()
	switch pt.target {
	case toExit, toHotel:
		p.inPark.Add(now, -float64(pt.size))
		b := p.bands
		if b != nil {
			p.reportMissing(i, now)
			p.tapParty(i, b.exit, now)
		}
		if pt.target == toHotel && now+pt.breakFor < min(pt.leaveAt, p.cfg.Close) {
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
			e.After(pt.breakFor, p, sim.Event{Kind: evArrive, Arg: int64(i)})
			return
		}
		p.survey(i, now)
		return
	case toDesk:
		p.enterZone(pt)
		p.atDesk(e, i)
		return
	case toMeal:
		p.enterZone(pt)
		p.atRestaurant(e, i)
		return
	}
	p.enterZone(pt)
	a := int(pt.target)
	r := &p.rides[a]
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
			b.windowsUsed += int(pt.size)
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
	if p.posted(a, now) > pt.patience {
		pt.exp.balks++
		r.balks++
		p.balks++
		p.lineBalks++
		pt.avoid = int32(a)
		p.choose(e, i)
		return
	}
	p.join(e, a, i, false)
}

// sample records one row of the time series.
func (p *Park) sample(now sim.Time) {
	s := Snapshot{At: now, InPark: int(p.inPark.Level()), Rides: make([]RideSnapshot, len(p.rides))}
	for a := range p.rides {
		r := &p.rides[a]
		s.InQueues += r.inLine()
		s.Rides[a] = RideSnapshot{Queue: r.queued, Status: p.status(a), Boarded: r.sinceSample}
		if s.Rides[a].Status == RideOpen {
			s.Rides[a].Posted = p.posted(a, now)
		}
		r.sinceSample = sim.Tally{}
	}
	p.series = append(p.series, s)
}

// atScreener checks party i's bags.
func (p *Park) atScreener(e *sim.Engine, i int) {
	pt := &p.parties[i]
	p.bagWaits.Add(float64(e.Now() - pt.arrive))
	e.After(pt.bagTime, p, sim.Event{Kind: evBagged, Arg: int64(i)})
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
