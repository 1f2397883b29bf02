package scenarios

import (
	"slices"
	"strings"

	"parksim/park"
	"parksim/sim"
)

// Defaults of the band system; scenarios/README.md lists them.
var (
	defaultDailyLimit  = sim.Const{V: 0} // no limit
	defaultBreakAt     = sim.Uniform{Min: float64(11*sim.Hour + 30*sim.Minute), Max: float64(13 * sim.Hour)}
	defaultBreakFor    = sim.NewLogNormal(float64(150*sim.Minute), float64(45*sim.Minute))
	defaultRelations   = sim.NewLogNormal(float64(4*sim.Minute), float64(2*sim.Minute))
	moneyPerSale       = bounds{inMoney, 0, 100_000_00}
	moneyPerDay        = bounds{inMoney, 0, 1_000_000_00}
	relationsTime      = bounds{inDuration, 0, float64(sim.Hour)}
	defaultSensing     = park.SensingConfig{Every: sim.Minute, Delay: 2 * sim.Minute, Detect: 0.8}
	merchantKinds      = []string{"food", "merchandise", "photo"}
	defaultServe       = sim.NewLogNormal(float64(75*sim.Second), float64(30*sim.Second))
	readerIncidentKind = "reader-down"
)

// readMerchants reads the [[merchant]] tables.
func readMerchants(top *table, cfg *park.Config, zoneRef func(*table, string) int) {
	ids := map[string]bool{}
	for _, r := range cfg.Restaurants {
		ids[r.ID] = true // tills and restaurants share reader names, ID/pos
	}
	for _, m := range top.list("merchant") {
		zone := zoneRef(m, "zone")
		mc := park.Merchant{
			ID:       m.slug("id"),
			Zone:     max(zone, 0),
			Kind:     m.str("kind", true, "food"),
			BuyShare: m.share("buy_share", 0.5),
			Basket:   m.dist("basket", moneyPerSale, sim.Const{V: 1000}),
			Staff:    m.integer("staff", false, 0, 0, 10000),
			Serve:    m.dist("serve", gateService, defaultServe),
		}
		if _, given := m.m["serve"]; given && mc.Staff == 0 {
			m.r.problem(m.key("serve"), "counts only with staff: an unstaffed till takes the sale at once")
		} else if mc.Staff > 0 && mc.Serve.Mean() <= 0 {
			m.r.problem(m.key("serve"), "must take some time on average")
		}
		if mc.Staff > 0 {
			mc.StaffMax = m.staffMax("staff_max", "staff", mc.Staff, 10000)
		} else {
			m.onlyWith("staff_max", "staff", "with staff: an unstaffed till has nobody to add to")
		}
		mc.Name = m.str("name", false, mc.ID)
		if ids[mc.ID] {
			m.r.problem(m.key("id"), "%q is already a merchant or a restaurant", mc.ID)
		}
		ids[mc.ID] = true
		if _, isStr := m.m["kind"].(string); isStr && !slices.Contains(merchantKinds, mc.Kind) {
			m.r.problem(m.key("kind"), "unknown kind %q: use %s", mc.Kind, strings.Join(merchantKinds, ", "))
		}
		if zone >= 0 && !cfg.Stops(zone) {
			m.r.problem(m.key("zone"), "parties never stop in zone %q (no attraction or restaurant there, not the entry): nobody would buy here", cfg.Zones[mc.Zone].ID)
		}
		cfg.Merchants = append(cfg.Merchants, mc)
		m.done()
	}
}

// readBands reads [bands], [reservations], [sensing] and [buses]. The band
// system is on when [bands] is present; the others need it.
func readBands(top *table, cfg *park.Config, attractions map[string]int) {
	_, on := top.m["bands"]
	if !on {
		// Tills, shops, photos and budgets work without bands: guests pay at
		// the till another way.
		top.knows("bands")
		for _, k := range []string{"reservations", "sensing", "buses"} {
			top.knows(k)
			if _, has := top.m[k]; has {
				top.read[k] = true // reported here, not as unknown
				top.r.problem(k, "needs the band system: add a [bands] table")
			}
		}
		return
	}
	t := top.sub("bands", false)
	b := &park.Bands{
		Forgotten:      t.share("forgotten", 0.01),
		Lost:           t.share("lost", 0.005),
		FoundTries:     t.share("found_tries", 0.2),
		InvalidTicket:  t.share("invalid_ticket", 0.002),
		Resort:         t.share("resort", 0),
		MiddayBreak:    t.share("midday_break", 0),
		BreakAt:        t.dist("break_at", dayClock, defaultBreakAt),
		BreakFor:       t.dist("break_for", anyDuration, defaultBreakFor),
		Clones:         t.integer("clones", false, 0, 0, 10000),
		CloneTries:     t.integer("clone_tries", false, 3, 1, 100),
		PINAbove:       t.money("pin_above", false, 100_00),
		WrongPIN:       t.share("wrong_pin", 0.03),
		DailyLimit:     t.dist("daily_limit", moneyPerDay, defaultDailyLimit),
		ChildTaps:      t.share("child_taps", 0.05),
		Retries:        t.share("retries", 0.01),
		PhotoBuy:       t.share("photo_buy", park.DefaultPhotoBuy),
		GuestRelations: t.integer("guest_relations", false, 4, 1, 1000),
		RelationsTime:  t.dist("relations_time", relationsTime, defaultRelations),
		ManualCheck:    t.duration("manual_check", false, 20*sim.Second),
	}
	b.GuestRelationsMax = t.staffMax("guest_relations_max", "guest_relations", b.GuestRelations, 1000)
	t.done()

	r := top.sub("reservations", false)
	b.ReservationShare = r.share("share", 0)
	b.ReservationSpan = r.duration("window", false, sim.Hour)
	b.PriorityShare = r.share("priority_share", 0.7)
	rides := r.strs("attractions")
	for i, id := range rides {
		if slices.Contains(rides[:i], id) {
			r.r.problem(indexKey(r.key("attractions"), i), "%q is named twice", id)
			continue
		}
		a, ok := attractions[id]
		if !ok {
			r.r.problem(indexKey(r.key("attractions"), i), "unknown attraction %q", id)
			continue
		}
		b.ReservationRides = append(b.ReservationRides, a)
	}
	if b.ReservationShare > 0 && len(rides) == 0 {
		r.r.problem(r.key("attractions"), "name the attractions that offer return windows")
	}
	if b.ReservationSpan <= 0 {
		r.r.problem(r.key("window"), "a return window must last longer than 0")
		b.ReservationSpan = sim.Hour
	}
	r.done()

	s := top.sub("sensing", false)
	b.Sensing = park.SensingConfig{
		Every:  s.duration("every", false, defaultSensing.Every),
		Delay:  s.duration("delay", false, defaultSensing.Delay),
		Detect: s.share("detect", defaultSensing.Detect),
	}
	if b.Sensing.Every < sim.Second {
		s.r.problem(s.key("every"), "zone readers ping at most once a second")
		b.Sensing.Every = sim.Minute
	}
	if b.Sensing.Delay > sim.Hour {
		s.r.problem(s.key("delay"), "an estimate more than an hour old is no live picture: at most 1h")
		b.Sensing.Delay = defaultSensing.Delay
	}
	if b.Sensing.Detect <= 0 {
		s.r.problem(s.key("detect"), "a ping must detect some bands: more than 0")
		b.Sensing.Detect = defaultSensing.Detect
	}
	s.done()

	cfg.Bands = b
	readBuses(top, cfg)
}

// readBuses reads [buses]: resort buses carry the resort guests, who are a
// share of the band system's parties.
func readBuses(top *table, cfg *park.Config) {
	if _, has := top.m["buses"]; !has {
		top.knows("buses")
		return
	}
	t := top.sub("buses", false)
	b := &park.Buses{
		Every:    t.duration("every", true, 0),
		Capacity: t.integer("capacity", true, 1, 1, 100000),
		Ride:     t.duration("ride", false, 15*sim.Minute),
		First:    t.clock("first", false, max(cfg.Open-sim.Hour, 0)),
	}
	if t.valid("every") && (b.Every < sim.Minute || b.Every > 4*sim.Hour) {
		t.r.problem(t.key("every"), "buses leave between once a minute and once every 4 hours")
		b.Every = 10 * sim.Minute
	}
	if b.Ride > 4*sim.Hour {
		t.r.problem(t.key("ride"), "a bus ride of more than 4h is not a resort bus")
	}
	if b.First >= cfg.Close {
		t.r.problem(t.key("first"), "the first bus (%v) leaves at or after closing (%v)", b.First.Clock(), cfg.Close.Clock())
	}
	if cfg.Bands.Resort == 0 {
		t.r.problem("buses", "nobody would ride: set bands.resort, the share of parties staying at a resort hotel")
	}
	t.done()
	cfg.Buses = b
}

// readIncidents reads the [[incident]] tables: a reader out of service
// (needs [bands]), an attraction breaking down, or rain.
func readIncidents(top *table, cfg *park.Config, attractions map[string]int) {
	var names []string
	if cfg.Bands != nil {
		names = cfg.ReaderNames()
	}
	for _, in := range top.list("incident") {
		kind := in.str("kind", false, readerIncidentKind)
		from, to := in.clock("from", true, 0), in.clock("to", true, 0)
		if to <= from && in.valid("to") && in.valid("from") {
			in.r.problem(in.key("to"), "the incident ends (%v) before it starts (%v)", to.Clock(), from.Clock())
		}
		switch kind {
		case readerIncidentKind:
			inc := park.ReaderIncident{Reader: in.str("reader", true, ""), From: from, To: to}
			switch {
			case cfg.Bands == nil:
				in.r.problem(in.key("kind"), "a reader-down incident needs the band system: add a [bands] table")
			case in.m["reader"] != nil && !slices.Contains(names, inc.Reader):
				in.r.problem(in.key("reader"), "no reader %q; readers are named gate, exit, resort-bus, ATTRACTION/boarding, ATTRACTION/reservation, ATTRACTION/photo, ATTRACTION/photo-pos, MERCHANT/camera (photo spots with photographers), MERCHANT/pos, RESTAURANT/pos and RESTAURANT/app (counter service: orders placed in the app)", inc.Reader)
			default:
				cfg.Bands.Incidents = append(cfg.Bands.Incidents, inc)
			}
		case "breakdown":
			id := in.str("attraction", true, "")
			a, ok := attractions[id]
			if !ok && in.m["attraction"] != nil {
				in.r.problem(in.key("attraction"), "unknown attraction %q", id)
			}
			cfg.Incidents = append(cfg.Incidents, park.Incident{Kind: park.Breakdown, Attraction: a, From: from, To: to})
		case "rain":
			cfg.Incidents = append(cfg.Incidents, park.Incident{Kind: park.Rain, From: from, To: to,
				LeaveShare: in.share("leave_share", 0.1), Shelter: in.float("shelter", 2, 0, 100)})
		default:
			in.r.problem(in.key("kind"), "unknown incident %q: use reader-down, breakdown or rain", kind)
		}
		in.done()
	}
}
