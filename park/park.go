package park

import (
	"fmt"
	"math"
	"math/rand/v2"

	"parksim/sim"
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
	shops       []shopState // per merchant
	merchantsIn [][]int     // per zone: merchants there
	stops       [2]busStop  // the resort buses' hotel and park stops
	busLoads    []busLoad   // every bus that left for the park, in order: the riders its band taps counted
	book        [][]int32   // per restaurant taking bookings, parties booked per slot of the day
	dinerUtil   []float64   // scratch for choosing a restaurant

	guests     int
	scratchPCG *rand.PCG  // reseeded for one-off draws from a named stream (a guest's survey answer, a storm's decision)
	scratchRng *rand.Rand // on scratchPCG
	inPark     sim.TimeWeighted
	bags       *sim.Resource
	series     []Snapshot
	first      sim.Time
	last       sim.Time
	eng        *sim.Engine
	bands      *bandState           // nil when the band system is off
	view       Sensed               // what the park knows of its crowd
	seen       sensedState          // how the view is filled
	on         subsystems           // the event handlers
	arrivals   [nPlaceKinds]arrival // what each kind of place does with a party that walked there
	posts      []Post               // every staffed place, in configuration order (see Post)
	postIndex  map[string]int       // posts by id
	postVenue  []int                // per post, the attraction, restaurant or merchant it staffs (0 at the entry and the desk)
	opened     bool                 // the gates have opened: the entry's posts staff them from now
	staff      *staffState          // the roster's members; nil without a roster
	ops        *operations          // the staffing policy's loop; nil until SetPolicy
	policyName string               // the staffing policy the day runs under
	tally      tally                // the summary's figures, the first recorder
	recorders  []Recorder           // the others

	// Per party, its visit to the venue it is at, owned by that venue's
	// subsystem.
	rideVisit []rideVisit
	mealVisit []mealVisit
	shopVisit []shopVisit
	deskVisit []deskVisit
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
	p.register()
	start := rosterStart(cfg) // the members on each roster post at the day's start
	for i := range p.rides {
		p.rides[i].cfg = &cfg.Attractions[i]
		if cfg.Attractions[i].Servers > 0 {
			p.rides[i].serviceRng = e.Seed().StreamFor(streamService, i)
		}
		r := &p.rides[i]
		r.crew = startStaff(start, postID(r.cfg.ID, PostCrew), r.cfg.Crew)
		r.servers = r.cfg.Servers
		if r.cfg.Servers > 0 {
			r.servers = startStaff(start, postID(r.cfg.ID, PostServers), r.cfg.Servers)
		}
		if r.cfg.Timetable {
			r.nextDispatch = cfg.Open // the first show at opening
		}
		if r.shortOfCrew(r.crew) || r.cfg.Servers > 0 && r.servers == 0 {
			r.downs = 1 // closed until SetStaff brings enough crew (the tally counts the outage from opening)
		}
	}
	p.drawParties(e.Seed())
	n := len(p.parties)
	p.rideVisit, p.mealVisit, p.shopVisit, p.deskVisit = make([]rideVisit, n), make([]mealVisit, n), make([]shopVisit, n), make([]deskVisit, n)
	for i := range p.shopVisit {
		p.shopVisit[i].at = -1
	}
	p.tally.init(p)
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
			d.registers = sim.NewResource(r.ID+" registers", startStaff(start, postID(r.ID, PostRegisters), r.Registers))
		}
		p.diners[k] = d
	}
	for i := range p.parties {
		if pt := &p.parties[i]; pt.booked >= 0 {
			p.record(Happening{What: BookedTable, Party: int32(i), Place: Place{AtMeal, int32(pt.booked)}, Until: pt.bookedAt})
		}
	}
	p.shops = make([]shopState, len(cfg.Merchants))
	p.merchantsIn = make([][]int, len(cfg.Zones))
	for k, m := range cfg.Merchants {
		if m.Staff > 0 {
			kind := PostClerks
			if m.photographers() {
				kind = PostPhotographers
			}
			p.shops[k].staff = sim.NewResource(m.ID+" staff", startStaff(start, postID(m.ID, kind), m.Staff))
		}
		p.merchantsIn[m.Zone] = append(p.merchantsIn[m.Zone], k)
	}
	p.purchaseStreams(e.Seed())
	p.newSensed()
	if cfg.Bands != nil {
		p.newBands(e.Seed(), startStaff(start, deskPost, cfg.Bands.GuestRelations))
		e.Schedule(cfg.Open, p.on.ops, sim.Event{Kind: evPing})
	} else {
		e.Schedule(cfg.Open, p.on.ops, sim.Event{Kind: evCount})
	}
	p.newPosts(start)
	p.newStaff(e, start)
	p.tally.initStaff()
	p.scheduleIncidents(e)
	e.Schedule(cfg.Open, p.on.ops, sim.Event{Kind: evOpen})
	e.Schedule(cfg.Close, p.on.ops, sim.Event{Kind: evClose})
	e.Schedule(cfg.Open, p.on.ops, sim.Event{Kind: evSample})
	for i := range p.parties {
		at := p.parties[i].arrive
		if p.busRider(i) {
			// It plans to reach the plaza then: it leaves its hotel a ride
			// and half a headway earlier.
			at = max(at-p.cfg.Buses.Ride-p.cfg.Buses.Every/2, 0)
		}
		e.Schedule(at, p.on.entry, sim.Event{Kind: evArrive, Arg: int64(i)})
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
	if err := c.checkStaffMax(); err != nil {
		return err
	}
	if err := c.checkRoster(); err != nil {
		return err
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
