package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"parksim/park"
	"parksim/sim"
)

// Defaults for keys a scenario may leave out. scenarios/README.md lists them.
var (
	defaultGateService = sim.NewLogNormal(float64(6*sim.Second), float64(2*sim.Second))
	defaultPartySize   = mustEmpirical([]float64{1, 2, 3, 4, 5, 6}, []float64{10, 30, 20, 25, 10, 5})
	defaultWalkSpeed   = sim.Uniform{Min: 0.9, Max: 1.3}
	defaultStay        = sim.NewLogNormal(float64(8*sim.Hour), float64(90*sim.Minute))
	defaultPatience    = sim.NewLogNormal(float64(60*sim.Minute), float64(20*sim.Minute))
	defaultElsewhere   = sim.NewLogNormal(float64(25*sim.Minute), float64(10*sim.Minute))
	defaultRepair      = sim.NewLogNormal(float64(30*sim.Minute), float64(20*sim.Minute))
	defaultLunch       = sim.Uniform{Min: float64(11*sim.Hour + 30*sim.Minute), Max: float64(13*sim.Hour + 30*sim.Minute)}
	defaultDinner      = sim.Uniform{Min: float64(17*sim.Hour + 30*sim.Minute), Max: float64(19*sim.Hour + 30*sim.Minute)}
	defaultMealPrice   = sim.NewLogNormal(17_00, 5_00)
)

// What a scenario's distributions may range over.
var (
	anyDuration  = bounds{inDuration, 0, float64(maxDuration)}
	dayClock     = bounds{inClock, 0, float64(maxDuration)}
	gateService  = bounds{inDuration, 0, float64(sim.Hour)}
	partySizes   = bounds{inNumber, 1, park.MaxPartySize}
	walkSpeeds   = bounds{inNumber, park.MinWalkSpeed, park.MaxWalkSpeed}
	childHeights = bounds{inNumber, 50, 250}
)

// maxGuests bounds arrivals.guests: a day of a million guests takes about
// half a gigabyte, and with as many attractions and restaurants as
// maxEntries allows, about a minute of one core; ten times that would not
// finish on a laptop.
const maxGuests = 1_000_000

// maxEntries bounds each array of tables, so that a file validate accepts
// is a day run can finish: parties weigh every attraction and restaurant at
// each choice, so their counts multiply the work of every guest; walking
// distances are found from the zones where guests stop.
var maxEntries = []struct {
	key string
	max int
}{
	{"zone", 5000},
	{"path", 20000},
	{"attraction", 200},
	{"restaurant", 200},
	{"merchant", 1000},
	{"persona", 100},
	{"incident", 1000},
	{"staff", 1000},
}

// checkCounts reports every array of tables longer than its cap. Parse
// checks them before reading anything else: a park beyond a cap is refused
// whole rather than read in part, which would only echo the cap as unknown
// references.
func (r *reader) checkCounts(m map[string]any) {
	for _, e := range maxEntries {
		if l, ok := m[e.key].([]map[string]any); ok && len(l) > e.max {
			r.problem(e.key, "%d [[%s]] tables: a park may have at most %d", len(l), e.key, e.max)
		}
	}
}

// maxInterval bounds ride times and dispatch intervals.
const maxInterval = 24 * sim.Hour

func mustEmpirical(v, w []float64) sim.Empirical {
	e, err := sim.NewEmpirical(v, w)
	if err != nil {
		panic(err)
	}
	return e
}

// readPark reads a whole scenario file into a park configuration, reporting
// every problem it meets.
func readPark(top *table) (name, description string, cfg park.Config) {
	top.knows("extends") // merged away by decode
	name = top.str("name", false, "")
	description = top.str("description", false, "")
	cfg.Name = name
	cfg.Open = top.clock("open", true, 9*sim.Hour)
	cfg.Close = top.clock("close", true, 21*sim.Hour)
	if cfg.Close <= cfg.Open {
		top.r.problem("close", "the park closes (%v) before it opens (%v)", cfg.Close.Clock(), cfg.Open.Clock())
	}

	zones := map[string]int{}
	var zoneIDs []string
	for _, z := range top.list("zone") {
		id := z.slug("id")
		if _, dup := zones[id]; dup && id != "" {
			z.r.problem(z.key("id"), "zone %q is defined twice", id)
		}
		zones[id] = len(cfg.Zones)
		zoneIDs = append(zoneIDs, id)
		at := z.numbers("at", true, -maxMetres, maxMetres)
		zone := park.Zone{ID: id, Name: z.str("name", false, id), Kind: z.str("kind", false, "land")}
		switch {
		case at == nil:
		case len(at) != 2:
			z.r.problem(z.key("at"), "must be two numbers, [x, y] in metres")
		default:
			zone.X, zone.Y = at[0], at[1]
		}
		cfg.Zones = append(cfg.Zones, zone)
		z.done()
	}
	if len(cfg.Zones) == 0 {
		top.r.problem("zone", "a park needs at least one [[zone]]")
	}
	// zoneRef resolves a zone id; a bad reference is reported and yields -1.
	badRefs := false
	zoneRef := func(t *table, k string) int {
		id := t.str(k, true, "")
		i, ok := zones[id]
		if _, isStr := t.m[k].(string); isStr && !ok {
			t.r.problem(t.key(k), "unknown zone %q; the zones are %s", id, strings.Join(zoneIDs, ", "))
		}
		if !ok {
			badRefs = true
			return -1
		}
		return i
	}

	for _, p := range top.list("path") {
		from, to := zoneRef(p, "from"), zoneRef(p, "to")
		if from >= 0 && from == to {
			// Harmless to walking, but surely a typo for another zone.
			p.r.problem(p.key("to"), "a path from zone %q to itself: name another zone", cfg.Zones[to].ID)
		}
		path := park.Path{From: from, To: to}
		p.knows("length")
		if _, given := p.m["length"]; given {
			path.Length = p.length("length", true)
		} else if from >= 0 && to >= 0 {
			a, b := cfg.Zones[from], cfg.Zones[to]
			path.Length = math.Hypot(a.X-b.X, a.Y-b.Y)
		}
		cfg.Paths = append(cfg.Paths, path)
		p.done()
	}

	entry := top.sub("entry", true)
	cfg.Entry = park.Entry{
		Zone:       zoneRef(entry, "zone"),
		Turnstiles: entry.integer("turnstiles", true, 1, 1, 10000),
		Service:    entry.dist("service", gateService, defaultGateService),
		BagCheck:   entry.integer("bag_check", false, 0, 0, 10000),
		BagTime:    entry.dist("bag_time", gateService, sim.NewLogNormal(float64(20*sim.Second), float64(10*sim.Second))),
	}
	cfg.Entry.TurnstilesMax = entry.staffMax("turnstiles_max", "turnstiles", cfg.Entry.Turnstiles, 10000)
	if cfg.Entry.BagCheck > 0 {
		cfg.Entry.BagCheckMax = entry.staffMax("bag_check_max", "bag_check", cfg.Entry.BagCheck, 10000)
	} else {
		entry.onlyWith("bag_check_max", "bag_check", "with bag_check, the screeners the day starts with")
	}
	entry.done()

	ids := map[string]int{}
	for _, a := range top.list("attraction") {
		at := park.Attraction{
			ID:         a.slug("id"),
			Zone:       zoneRef(a, "zone"),
			Kind:       a.str("kind", false, "ride"),
			Appeal:     a.float("appeal", 1, -100, 100),
			PhotoPrice: a.money("photo_price", false, 0),
			Outdoor:    a.boolean("outdoor", false),
			MinHeight:  int16(a.integer("min_height", false, 0, 0, 250)),
			Timetable:  a.boolean("timetable", false),
			Crew:       a.integer("crew", false, 0, 0, 1000),
			CrewFull:   a.integer("crew_full", false, 0, 0, 1000),
			CrewMin:    a.integer("crew_min", false, 0, 0, 1000),
			MTBF:       a.duration("mtbf", false, 0),
			Repair:     a.dist("repair", anyDuration, defaultRepair),
		}
		switch loading := a.str("loading", false, "dispatch"); loading {
		case "dispatch":
		case "continuous":
			// An omnimover: cars pass the loading point on a fixed grid,
			// full or empty, like shows on their timetable.
			if tt, given := a.m["timetable"]; given && tt == false {
				a.r.problem(a.key("timetable"), "a continuous loader's cars pass on a grid: timetable = false contradicts loading = \"continuous\"")
			}
			at.Timetable = true
		default:
			a.r.problem(a.key("loading"), "must be \"dispatch\" (a vehicle leaves when guests wait) or \"continuous\" (cars pass all the time), not %q", loading)
		}
		switch hold := a.str("on_breakdown", false, "hold"); hold {
		case "hold":
			at.HoldLine = true
		case "release":
		default:
			a.r.problem(a.key("on_breakdown"), "must be \"hold\" (the line waits) or \"release\" (it is sent away), not %q", hold)
		}
		at.Name = a.str("name", false, at.ID)
		if _, dup := ids[at.ID]; dup {
			a.r.problem(a.key("id"), "attraction %q is defined twice", at.ID)
		}
		ids[at.ID] = len(cfg.Attractions)
		if at.CrewFull > 0 {
			if _, given := a.m["crew"]; !given {
				at.Crew = at.CrewFull // fully staffed unless said otherwise
			}
			if at.CrewMin > at.CrewFull {
				a.r.problem(a.key("crew_min"), "is more than crew_full (%d)", at.CrewFull)
			}
			at.CrewMax = a.staffMax("crew_max", "crew", at.Crew, 1000)
		} else {
			for _, k := range []string{"crew", "crew_min", "crew_max"} {
				a.read[k] = true
				if _, given := a.m[k]; given {
					a.r.problem(a.key(k), "counts only with crew_full, the crew a full rate needs")
				}
			}
		}
		a.knows("servers", "servers_max", "service", "vehicle_capacity", "capacity", "dispatch_every", "ride_time")
		if _, station := a.m["servers"]; station {
			readStation(a, &at)
		} else {
			at.VehicleCapacity = a.integer("vehicle_capacity", true, 1, 1, 100000)
			at.RideTime = a.duration("ride_time", true, 0)
			if at.RideTime > maxInterval {
				a.r.problem(a.key("ride_time"), "is longer than %.0fh", maxInterval.Hours())
			}
			at.DispatchEvery = dispatchInterval(a, at.VehicleCapacity)
			a.onlyWith("servers_max", "servers", "at a station, with servers")
		}
		cfg.Attractions = append(cfg.Attractions, at)
		a.done()
	}
	if len(cfg.Attractions) == 0 {
		top.r.problem("attraction", "a park needs at least one [[attraction]]")
	}

	arr := top.sub("arrivals", true)
	cfg.Arrivals = park.Arrivals{
		Guests:    arr.integer("guests", true, 1, 1, maxGuests),
		Time:      arrivalCurve(arr, cfg),
		PartySize: arr.dist("party_size", partySizes, defaultPartySize),
	}
	arr.done()

	g := top.sub("guests", false)
	cfg.Guests = park.Guests{
		WalkSpeed:       g.dist("walk_speed", walkSpeeds, defaultWalkSpeed),
		Stay:            g.dist("stay", anyDuration, defaultStay),
		Patience:        g.dist("patience", anyDuration, defaultPatience),
		GiveUp:          g.dist("give_up", anyDuration, nil),
		WaitWeight:      g.float("wait_weight", 0.04, 0, 100),
		WalkWeight:      g.float("walk_weight", 0.15, 0, 100),
		RepeatPenalty:   g.float("repeat_penalty", 1.5, 0, 100),
		ElsewhereAppeal: g.float("elsewhere_appeal", 0.5, -100, 100),
		Elsewhere:       g.dist("elsewhere", anyDuration, defaultElsewhere),
		Lunch:           g.dist("lunch", dayClock, defaultLunch),
		Dinner:          g.dist("dinner", dayClock, defaultDinner),
		MobileOrder:     g.share("mobile_order", 0),
		MealShare:       g.share("meal_share", 0.6),
		RenegeAfter:     g.float("renege", 1.5, 0, 100),
		ChildHeight:     g.dist("child_height", childHeights, nil),
		Budget:          g.dist("budget", moneyPerDay, nil),
	}
	cfg.Guests.Fatigue = park.Fatigue{
		Walk:      g.float("fatigue_walk", 0, 0, 100),
		Queue:     g.float("fatigue_queue", 0, 0, 100),
		Rest:      g.float("rest", 0, 0, 100),
		Weight:    g.float("fatigue_weight", 0, 0, 100),
		Exhausted: g.float("exhausted", 0, 0, 1e6),
	}
	cfg.Guests.Personas = readPersonas(top, &cfg)
	g.done()

	sat := top.sub("satisfaction", false)
	cfg.Satisfaction = park.Satisfaction{
		Base:     sat.float("base", 3.8, -10, 10),
		MustDo:   sat.float("must_do", 1.0, 0, 10),
		Rides:    sat.float("rides", 0.8, 0, 10),
		Wait:     sat.float("wait", 0.3, 0, 10),
		Balk:     sat.float("balk", 0.1, 0, 10),
		Outage:   sat.float("outage", 0.5, 0, 10),
		Denied:   sat.float("denied", 0.15, 0, 10),
		Crowd:    sat.float("crowd", 1.0, 0, 10),
		Rain:     sat.float("rain", 0.5, 0, 10),
		MealWait: sat.float("meal_wait", 0.5, 0, 10),
		BusWait:  sat.float("bus_wait", 0.5, 0, 10),
		Comfort:  sat.integer("comfort", false, 0, 0, 10_000_000),
		Noise:    sat.float("noise", 0.6, 0, 10),
	}
	sat.done()

	posting := top.sub("posting", false)
	cfg.Overpost = posting.float("overpost", 1.2, 1, 3)
	posting.done()

	readRestaurants(top, &cfg, zoneRef)
	readMerchants(top, &cfg, zoneRef)
	readBands(top, &cfg, ids)
	readIncidents(top, &cfg, ids)
	readRoster(top, &cfg)

	if !badRefs && cfg.Entry.Zone >= 0 {
		// With a broken reference, unreachable zones would only echo it.
		for _, z := range cfg.Unreachable() {
			top.r.problem(fmt.Sprintf("zone[%d]", z), "zone %q cannot be reached from the entry zone %q: add a [[path]]", cfg.Zones[z].ID, cfg.Zones[cfg.Entry.Zone].ID)
		}
	}
	top.done()
	return name, description, cfg
}

// dispatchInterval reads an attraction's dispatch_every, or derives it from
// its hourly capacity (what published figures give), and checks that
// vehicles leave at least a second and at most a day apart.
func dispatchInterval(a *table, vehicle int) sim.Time {
	_, every := a.m["dispatch_every"]
	_, capacity := a.m["capacity"]
	var ms float64 // checked before rounding, so that messages show the real figure
	key := "dispatch_every"
	switch {
	case every && capacity:
		a.r.problem(a.key("capacity"), "give dispatch_every or capacity, not both")
		a.read["capacity"], a.read["dispatch_every"] = true, true
		return sim.Minute
	case capacity:
		key = "capacity"
		per := a.rate("capacity", true)
		if per <= 0 {
			if s, isStr := a.m["capacity"].(string); isStr {
				if _, err := parseRate(s); err == nil { // "0/h": well formed, but no capacity
					a.r.problem(a.key(key), "must be more than 0")
				}
			}
			return sim.Minute
		}
		ms = float64(vehicle) / per * float64(sim.Hour)
	default:
		if !every {
			a.r.problem(a.key("capacity"), "missing: give capacity (riders an hour) or dispatch_every")
			return sim.Minute
		}
		ms = float64(a.duration("dispatch_every", true, 0))
	}
	switch {
	case ms < float64(sim.Second):
		a.r.problem(a.key(key), "vehicles would leave every %.3gs: at most one a second (raise vehicle_capacity)", ms/float64(sim.Second))
	case ms > float64(maxInterval):
		a.r.problem(a.key(key), "vehicles would leave only every %.0f h: at least one a day", ms/float64(sim.Hour))
	default:
		return sim.Millis(ms)
	}
	return sim.Minute
}

// arrivalCurve reads when parties arrive: hourly weights from a clock time,
// all within the opening day.
func arrivalCurve(arr *table, cfg park.Config) sim.Dist {
	from := arr.clock("from", true, cfg.Open)
	hourly := arr.numbers("hourly", true, 0, maxWeight)
	if hourly == nil {
		return sim.Const{V: float64(cfg.Open)}
	}
	if end := from + sim.Time(len(hourly))*sim.Hour; end > cfg.Close {
		arr.r.problem(arr.key("hourly"), "%d hours from %v run past closing time %v", len(hourly), from.Clock(), cfg.Close.Clock())
	}
	h, err := sim.NewHistogram(float64(from), float64(sim.Hour), hourly)
	if err != nil {
		arr.r.problem(arr.key("hourly"), "%v", err)
		return sim.Const{V: float64(cfg.Open)}
	}
	return h
}

// readStation reads a station: servers serving one party each for a
// service time, in place of vehicles.
func readStation(a *table, at *park.Attraction) {
	at.Servers = a.integer("servers", true, 1, 1, 100000)
	at.ServersMax = a.staffMax("servers_max", "servers", at.Servers, 100000)
	at.Service = a.dist("service", anyDuration, nil)
	if at.Service == nil {
		if _, given := a.m["service"]; !given {
			a.missing("service") // otherwise what is wrong with it is reported
		}
		at.Service = sim.Const{V: float64(sim.Minute)}
	} else if at.Service.Mean() <= 0 {
		a.r.problem(a.key("service"), "a service must take some time on average")
		at.Service = sim.Const{V: float64(sim.Minute)}
	}
	a.notHere([]string{"vehicle_capacity", "capacity", "dispatch_every", "ride_time", "timetable", "loading", "crew_full"}, "a station has servers and a service time, not vehicles")
}

// readRestaurants reads the [[restaurant]] tables.
func readRestaurants(top *table, cfg *park.Config, zoneRef func(*table, string) int) {
	ids := map[string]bool{}
	bookings := 0.0
	for _, t := range top.list("restaurant") {
		r := park.Restaurant{
			ID:     t.slug("id"),
			Zone:   max(zoneRef(t, "zone"), 0),
			Tables: t.integer("tables", true, 1, 1, 100000),
			Meal:   t.dist("meal", moneyPerSale, defaultMealPrice),
		}
		switch service := t.str("service", false, "counter"); service {
		case "counter":
			r.Registers = t.integer("registers", true, 1, 1, 10000)
			r.RegistersMax = t.staffMax("registers_max", "registers", r.Registers, 10000)
			r.Order = t.dist("order", anyDuration, sim.NewLogNormal(float64(90*sim.Second), float64(30*sim.Second)))
			r.Prep = t.dist("prep", anyDuration, sim.NewLogNormal(float64(4*sim.Minute), float64(2*sim.Minute)))
			r.Dine = t.dist("dine", anyDuration, sim.NewLogNormal(float64(25*sim.Minute), float64(8*sim.Minute)))
			t.notHere([]string{"reserved", "bookings"}, "a counter-service restaurant takes no bookings: set service = \"table\"")
		case "table":
			r.TableService = true
			r.Dine = t.dist("dine", anyDuration, sim.NewLogNormal(float64(60*sim.Minute), float64(15*sim.Minute)))
			r.Reserved = t.integer("reserved", false, 0, 0, 100000)
			r.Bookings = t.share("bookings", 0)
			if r.Reserved > r.Tables {
				t.r.problem(t.key("reserved"), "is more than its %d tables", r.Tables)
			}
			if r.Bookings > 0 && r.Reserved == 0 {
				t.r.problem(t.key("bookings"), "bookings need tables kept for them: set reserved")
			}
			if r.Bookings == 0 && r.Reserved > 0 && r.Reserved >= r.Tables {
				t.r.problem(t.key("reserved"), "every table is kept for bookings, and nobody books: set bookings, or keep some tables for walk-ins")
			}
			bookings += r.Bookings
			t.notHere([]string{"registers", "registers_max", "order", "prep"}, "a table-service restaurant has no registers: the meal is ordered and served at the table within dine")
		default:
			t.r.problem(t.key("service"), "must be \"counter\" or \"table\", not %q", service)
			for _, k := range []string{"registers", "registers_max", "order", "prep", "dine", "reserved", "bookings"} {
				t.read[k] = true // unchecked until the service is known; not unknown
			}
		}
		r.Name = t.str("name", false, r.ID)
		if ids[r.ID] {
			t.r.problem(t.key("id"), "restaurant %q is defined twice", r.ID)
		}
		ids[r.ID] = true
		for _, c := range []struct {
			key string
			d   sim.Dist
		}{{"order", r.Order}, {"prep", r.Prep}, {"dine", r.Dine}} {
			if c.d != nil && c.d.Mean() <= 0 {
				t.r.problem(t.key(c.key), "must take some time on average")
			}
		}
		cfg.Restaurants = append(cfg.Restaurants, r)
		t.done()
	}
	if bookings > 1 {
		top.r.problem("restaurant", "the restaurants' bookings add up to %.0f%% of parties: at most 100%%", 100*bookings)
	}
}

// readPersonas reads the [[persona]] tables.
func readPersonas(top *table, cfg *park.Config) []park.Persona {
	var out []park.Persona
	ids := map[string]bool{}
	for _, t := range top.list("persona") {
		ps := park.Persona{
			ID:        t.slug("id"),
			Share:     t.float("share", 1, 0, 1e6),
			Patience:  t.dist("patience", anyDuration, nil),
			GiveUp:    t.dist("give_up", anyDuration, nil),
			WalkSpeed: t.dist("walk_speed", walkSpeeds, nil),
			Stay:      t.dist("stay", anyDuration, nil),
			Taste:     map[string]float64{},
		}
		if ids[ps.ID] {
			t.r.problem(t.key("id"), "persona %q is defined twice", ps.ID)
		}
		ids[ps.ID] = true
		taste := t.sub("taste", false)
		kinds := make([]string, 0, len(taste.m))
		for k := range taste.m {
			kinds = append(kinds, k)
		}
		slices.Sort(kinds)
		for _, k := range kinds {
			ps.Taste[k] = taste.float(k, 0, -100, 100)
			if !slices.ContainsFunc(cfg.Attractions, func(a park.Attraction) bool { return a.Kind == k }) {
				taste.r.problem(taste.key(k), "no attraction is of kind %q", k)
			}
		}
		taste.done()
		out = append(out, ps)
		t.done()
	}
	if len(out) > 0 {
		total := 0.0
		for _, ps := range out {
			total += ps.Share
		}
		if total <= 0 {
			top.r.problem("persona", "the personas' shares add up to 0")
		}
	}
	return out
}
