package scenarios

import (
	"fmt"
	"math"
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
)

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
		at := z.numbers("at", true)
		zone := park.Zone{ID: id, Name: z.str("name", false, id)}
		if at != nil && len(at) != 2 {
			z.r.problem(z.key("at"), "must be two numbers, [x, y] in metres")
		} else if at != nil {
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
		path := park.Path{From: from, To: to}
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
		Service:    entry.dist("service", inDuration, defaultGateService),
	}
	entry.done()

	ids := map[string]bool{}
	for _, a := range top.list("attraction") {
		at := park.Attraction{
			ID:              a.slug("id"),
			Zone:            zoneRef(a, "zone"),
			Kind:            a.str("kind", false, "ride"),
			VehicleCapacity: a.integer("vehicle_capacity", true, 1, 1, 100000),
			RideTime:        a.duration("ride_time", true, 0),
			Appeal:          a.float("appeal", 1, -100, 100),
		}
		at.Name = a.str("name", false, at.ID)
		if ids[at.ID] {
			a.r.problem(a.key("id"), "attraction %q is defined twice", at.ID)
		}
		ids[at.ID] = true
		at.DispatchEvery = sim.Minute // stands in while a problem is reported
		_, every := a.m["dispatch_every"]
		_, capacity := a.m["capacity"]
		switch {
		case every && capacity:
			a.r.problem(a.key("capacity"), "give dispatch_every or capacity, not both")
			a.read["capacity"], a.read["dispatch_every"] = true, true
		case capacity:
			// Hourly capacity is what published figures give: derive the interval.
			if per := a.rate("capacity", true); per > 0 {
				at.DispatchEvery = max(1, sim.Millis(float64(at.VehicleCapacity)/per*float64(sim.Hour)))
			} else if s, isStr := a.m["capacity"].(string); isStr {
				if _, err := parseRate(s); err == nil { // "0/h": well formed, but no capacity
					a.r.problem(a.key("capacity"), "must be more than 0")
				}
			}
		default:
			if d := a.duration("dispatch_every", true, sim.Minute); d > 0 {
				at.DispatchEvery = d
			} else {
				a.r.problem(a.key("dispatch_every"), "vehicles must leave at intervals longer than 0")
			}
		}
		cfg.Attractions = append(cfg.Attractions, at)
		a.done()
	}
	if len(cfg.Attractions) == 0 {
		top.r.problem("attraction", "a park needs at least one [[attraction]]")
	}

	arr := top.sub("arrivals", true)
	cfg.Arrivals = park.Arrivals{
		Guests:    arr.integer("guests", true, 1, 1, 10_000_000),
		From:      arr.clock("from", true, cfg.Open),
		Hourly:    arr.numbers("hourly", true),
		PartySize: arr.dist("party_size", inNumber, defaultPartySize),
	}
	checkHourly(arr, cfg)
	if cfg.Arrivals.PartySize.Mean() < 1 {
		arr.r.problem(arr.key("party_size"), "parties must average at least one guest")
	}
	arr.done()

	g := top.sub("guests", false)
	cfg.Guests = park.Guests{
		WalkSpeed:       g.dist("walk_speed", inNumber, defaultWalkSpeed),
		Stay:            g.dist("stay", inDuration, defaultStay),
		Patience:        g.dist("patience", inDuration, defaultPatience),
		WaitWeight:      g.float("wait_weight", 0.04, 0, 100),
		WalkWeight:      g.float("walk_weight", 0.15, 0, 100),
		RepeatPenalty:   g.float("repeat_penalty", 1.5, 0, 100),
		ElsewhereAppeal: g.float("elsewhere_appeal", 0.5, -100, 100),
		Elsewhere:       g.dist("elsewhere", inDuration, defaultElsewhere),
	}
	if cfg.Guests.WalkSpeed.Mean() <= 0 {
		g.r.problem(g.key("walk_speed"), "guests must walk faster than 0 m/s")
	}
	g.done()

	if !badRefs {
		// With a broken reference, unreachable zones would only echo it.
		checkReachable(top, cfg)
	}
	top.done()
	return name, description, cfg
}

func checkHourly(arr *table, cfg park.Config) {
	h := cfg.Arrivals.Hourly
	if h == nil {
		return
	}
	total := 0.0
	for i, w := range h {
		if w < 0 {
			arr.r.problem(fmt.Sprintf("%s[%d]", arr.key("hourly"), i), "a weight cannot be negative")
		}
		total += w
	}
	if total <= 0 {
		arr.r.problem(arr.key("hourly"), "needs at least one hour with arrivals")
	}
	if end := cfg.Arrivals.From + sim.Time(len(h))*sim.Hour; end > cfg.Close {
		arr.r.problem(arr.key("hourly"), "%d hours from %v run past closing time %v", len(h), cfg.Arrivals.From.Clock(), cfg.Close.Clock())
	}
}

// checkReachable reports every zone a guest cannot walk to from the entry.
func checkReachable(top *table, cfg park.Config) {
	n := len(cfg.Zones)
	if n == 0 || cfg.Entry.Zone >= n {
		return
	}
	adj := make([][]int, n)
	for _, p := range cfg.Paths {
		adj[p.From] = append(adj[p.From], p.To)
		adj[p.To] = append(adj[p.To], p.From)
	}
	seen := make([]bool, n)
	stack := []int{cfg.Entry.Zone}
	seen[cfg.Entry.Zone] = true
	for len(stack) > 0 {
		z := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, y := range adj[z] {
			if !seen[y] {
				seen[y] = true
				stack = append(stack, y)
			}
		}
	}
	for i, ok := range seen {
		if !ok {
			top.r.problem(fmt.Sprintf("zone[%d]", i), "zone %q cannot be reached from the entry zone %q: add a [[path]]", cfg.Zones[i].ID, cfg.Zones[cfg.Entry.Zone].ID)
		}
	}
}
