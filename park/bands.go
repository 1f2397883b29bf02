package park

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"parksim/sim"
	"parksim/wristband"
)

// bandState is the park's side of the band system: its readers, who has
// trouble with a band, and what it measured.
type bandState struct {
	cfg  *Bands
	sys  *wristband.System
	desk *sim.Resource

	gate, exit, bus wristband.ReaderID
	doorOf          []wristband.ReaderID // per party: its hotel room's door (off-site), -1 for day guests
	boarding        []wristband.ReaderID // per attraction
	reservation     []wristband.ReaderID // per attraction, -1 where none
	photo, photoPOS []wristband.ReaderID // per attraction, -1 where none
	pos             []wristband.ReaderID // per merchant
	counters        []wristband.ReaderID // every till a band is tapped on in person: restaurants', then merchants'
	camera          []wristband.ReaderID // per merchant: a photo spot's photographers, -1 where none
	tills           []till               // every merchant account, with its revenue line

	park     *Park      // records what happens to the bands
	lostAt   []sim.Time // per guest: when the band goes missing, -1 never, forgotAtHome if it never came
	reserved []int32    // per party: attraction of its return window, -1 none
	window   []sim.Time // per party: start of that window

	sensor *wristband.Sensor
	truth  []int // scratch: per sensor area

	misuse     []misuse                   // planned tries, indexed by evMisuse's Arg
	caughtBy   map[wristband.BandID]uint8 // bands clone detection switched off: who besides the guest made one of the two sightings, misuseClone, misuseFound or 0 (nobody)
	seenBy     map[wristband.BandID]uint8 // misused bands: who made the last sighting, 0 the guest
	fraudSales map[wristband.BandID][]int // granted sales of bands not in their guest's hands, until refunded
	nextTap    wristband.TapID
	zoneCount  []int
	zoneArea   []int // the zones the sensor watches, in area order
}

// misuse is a planned try of a band that is not its guest's: a clone, or a
// lost band somebody found.
type misuse struct {
	band   wristband.BandID
	reader wristband.ReaderID
	amount wristband.Cents
	who    uint8 // misuseClone or misuseFound
}

// Who taps a band that is not in its guest's hands: what tells a caught
// clone from a false alarm in the summary.
const (
	misuseClone uint8 = iota + 1 // a copy, planted
	misuseFound                  // the band itself, lost and found
)

// forgotAtHome marks a band that never came to the park: missing from the
// start, a new one at guest relations before the gates.
const forgotAtHome sim.Time = math.MinInt64

// newBands makes the band system, with desks staffed at guest relations.
func (p *Park) newBands(seed sim.Seed, desks int) {
	cfg := p.cfg
	b := &bandState{
		park:       p,
		cfg:        cfg.Bands,
		desk:       sim.NewResource("guest-relations", desks),
		fraudSales: map[wristband.BandID][]int{},
		caughtBy:   map[wristband.BandID]uint8{},
		seenBy:     map[wristband.BandID]uint8{},
		zoneCount:  make([]int, len(cfg.Zones)),
	}
	p.bands = b
	b.sys = wristband.NewSystem(wristband.Config{
		Metres: func(x, y int32) float64 {
			if x < 0 || y < 0 {
				return 0 // off-site readers (hotels) are never too far
			}
			return p.layout.Metres(int(x), int(y))
		},
		MaxSpeed:     p.fastest(),
		ExpectGuests: p.guests,
		// Gates in and out, a boarding tap per ride and a few more.
		ExpectTaps: p.guests * 16,
	})
	b.installReaders(p, cfg)
	b.issueBands(p, seed)
	b.planMisuse(p, seed)

	// Zones where parties stop (the entry, and zones with attractions or restaurants):
	// they only pass through the others.
	areas := make([]wristband.Area, 0, len(cfg.Zones)+len(p.seen.refs))
	for z := range cfg.Zones {
		if cfg.Stops(z) {
			b.zoneArea = append(b.zoneArea, z)
			areas = append(areas, wristband.Area{Name: cfg.Zones[z].ID, Kind: cfg.Zones[z].Kind, Boarding: -1})
		}
	}
	// Then every line of the sensed view, in its order; a line's departures
	// are the granted taps of the reader that serves it, where there is one:
	// a ride's boarding and the gates tap each guest; a till (a restaurant's
	// register line, a checkout) and a photo spot's camera tap once a party.
	// Guests leaving the bag check go on to the gates, whose taps count for
	// it too. Guest relations' line has no reader.
	for l, ref := range p.seen.refs {
		area := wristband.Area{Name: p.view.lineIDs[l], Kind: lineAreaKind[ref.kind], Boarding: -1}
		switch ref.kind {
		case lineRide:
			area.Boarding = b.boarding[ref.k]
		case lineTurnstiles, lineBagCheck:
			area.Boarding = b.gate
		case lineRegisters:
			area.Boarding, area.PerTap = p.diners[ref.k].pos, p.seen.meanSize
		case lineCheckout:
			area.Boarding, area.PerTap = b.pos[ref.k], p.seen.meanSize
			if b.camera[ref.k] >= 0 {
				area.Boarding = b.camera[ref.k]
			}
		}
		areas = append(areas, area)
	}
	s := cfg.Bands.Sensing
	b.sensor = wristband.NewSensor(b.sys, wristband.SensorConfig{Delay: s.Delay, Detect: s.Detect}, seed.Stream(streamSensor), areas)
	b.truth = make([]int, len(areas))
}

func (b *bandState) installReaders(p *Park, cfg *Config) {
	down := map[string][]wristband.Window{}
	for _, in := range cfg.Bands.Incidents {
		down[in.Reader] = append(down[in.Reader], wristband.Window{From: in.From, To: in.To})
	}
	add := func(name string, kind wristband.ReaderKind, zone int, target int32) wristband.ReaderID {
		return b.sys.AddReader(wristband.Reader{Name: name, Kind: kind, Zone: int32(zone), Target: target, Down: down[name]})
	}
	entry := cfg.Entry.Zone
	b.gate = add("gate", wristband.EntryGate, entry, 0)
	b.exit = add("exit", wristband.ExitGate, entry, 0)
	b.bus = add("resort-bus", wristband.Bus, entry, 0)
	photoAccount := b.openMerchant("photo")
	offers := map[int]bool{}
	for _, a := range cfg.Bands.ReservationRides {
		offers[a] = true
	}
	n := len(cfg.Attractions)
	b.boarding = make([]wristband.ReaderID, n)
	b.reservation = make([]wristband.ReaderID, n)
	b.photo = make([]wristband.ReaderID, n)
	b.photoPOS = make([]wristband.ReaderID, n)
	for i, a := range cfg.Attractions {
		b.boarding[i] = add(a.ID+"/boarding", wristband.Boarding, a.Zone, int32(i))
		b.reservation[i], b.photo[i], b.photoPOS[i] = -1, -1, -1
		if offers[i] {
			b.reservation[i] = add(a.ID+"/reservation", wristband.ReservationGate, a.Zone, int32(i))
		}
		if a.PhotoPrice > 0 {
			b.photo[i] = add(a.ID+"/photo", wristband.PhotoPoint, a.Zone, int32(i))
			b.photoPOS[i] = add(a.ID+"/photo-pos", wristband.PointOfSale, a.Zone, int32(photoAccount))
		}
	}
	for k := range p.diners {
		d := &p.diners[k]
		acct := int32(b.openMerchant("food"))
		d.pos = add(d.cfg.ID+"/pos", wristband.PointOfSale, d.cfg.Zone, acct)
		b.counters = append(b.counters, d.pos)
		d.app = -1
		if !d.cfg.TableService {
			// Orders placed in the app are charged to the same account from
			// wherever the party is: a remote till, no sighting of the band.
			d.app = b.sys.AddReader(wristband.Reader{Name: d.cfg.ID + "/app", Kind: wristband.PointOfSale, Zone: int32(d.cfg.Zone), Target: acct, Remote: true, Down: down[d.cfg.ID+"/app"]})
		}
	}
	for i, m := range cfg.Merchants {
		camera := wristband.ReaderID(-1)
		if m.photographers() {
			camera = add(m.ID+"/camera", wristband.PhotoPoint, m.Zone, int32(i))
		}
		b.camera = append(b.camera, camera)
		acct := b.openMerchant(m.Kind)
		b.pos = append(b.pos, add(m.ID+"/pos", wristband.PointOfSale, m.Zone, int32(acct)))
		b.counters = append(b.counters, b.pos[len(b.pos)-1])
	}
}

func (b *bandState) openMerchant(line string) wristband.AccountID {
	a := b.sys.OpenMerchant()
	b.tills = append(b.tills, till{acct: a, line: line})
	return a
}

// till is a merchant's ledger account and the revenue line it counts in:
// "food", "merchandise" or "photo".
type till struct {
	acct wristband.AccountID
	line string
}

// issueBands opens an account and a band for every guest. Every draw about
// party i comes from its own streams, like its other attributes.
func (b *bandState) issueBands(p *Park, seed sim.Seed) {
	cfg := b.cfg
	pcg := rand.NewPCG(0, 0)
	r := rand.New(pcg)
	from := func(attribute string, i int) *rand.Rand {
		seed.Reset(pcg, attribute, i)
		return r
	}
	nParties := len(p.parties)
	seats := newWindowSeats(p.cfg)
	// Who stays at a resort hotel is drawn first, from its own stream as
	// before: the entry forecast needs to know who comes by bus.
	resorts := make([]bool, nParties)
	for i := range resorts {
		resorts[i] = from(streamResort, i).Float64() < cfg.Resort
	}
	entries := p.plannedEntries(func(i int) bool { return p.cfg.Buses != nil && resorts[i] })
	backIn := p.returnAllowance()
	b.reserved = make([]int32, nParties)
	b.doorOf = make([]wristband.ReaderID, nParties)
	for i := range b.doorOf {
		b.doorOf[i] = -1
	}
	b.window = make([]sim.Time, nParties)
	for i := range p.parties {
		pt := &p.parties[i]
		resort := resorts[i]
		if resort {
			// Drawn before the window, which the party books around it.
			if br := from(streamMiddayBreak, i); br.Float64() < cfg.MiddayBreak {
				pt.breakAt, pt.breakFor = sim.Duration(cfg.BreakAt, br), max(sim.Duration(cfg.BreakFor, br), sim.Minute)
			}
		}
		b.reserved[i] = -1
		if rr := from(streamReservation, i); len(cfg.ReservationRides) > 0 && rr.Float64() < cfg.ReservationShare {
			a := cfg.ReservationRides[rr.IntN(len(cfg.ReservationRides))]
			if at, ok := b.windowFor(p, pt, entries[i], backIn(pt), rr); ok {
				if slot := seats.slot(a, at); seats.left[slot] >= float64(pt.size) {
					seats.left[slot] -= float64(pt.size)
					b.reserved[i], b.window[i] = int32(a), at
					p.record(Happening{What: BookedWindow, Party: int32(i), Place: Place{AtRide, int32(a)}, N: pt.size, Until: at})
				}
			}
		}
		for k := range int(pt.size) {
			gr := from(streamGuest, int(p.parties[i].first)+k)
			g := wristband.Guest{
				Ticket: wristband.Ticket{FirstDay: 0, LastDay: 0},
				Wallet: wristband.Wallet{
					CardOnFile: true,
					Charging:   k < 2, // the first two are the adults; children's bands cannot charge
					PINAbove:   wristband.Cents(cfg.PINAbove),
					DailyLimit: wristband.Cents(math.Round(cfg.DailyLimit.Rand(gr))),
				},
			}
			if gr.Float64() < cfg.InvalidTicket {
				g.Ticket = wristband.Ticket{FirstDay: 1, LastDay: 1} // bought for tomorrow
			}
			if resort {
				g.Stay = wristband.Stay{Room: int32(i + 1), CheckIn: -24 * sim.Hour, CheckOut: 36 * sim.Hour}
				if k == 0 {
					b.doorOf[i] = b.sys.AddReader(wristband.Reader{Name: "room", Kind: wristband.HotelDoor, Zone: -1, Target: int32(i + 1)})
				}
			}
			if b.reserved[i] >= 0 {
				g.Reservations = []wristband.Reservation{{Attraction: b.reserved[i], From: b.window[i], To: b.window[i] + cfg.ReservationSpan}}
			}
			b.sys.AddGuest(g)
			forgot := gr.Float64() < cfg.Forgotten
			lostAt := sim.Time(-1)
			if gr.Float64() < cfg.Lost {
				// Somewhere in the visit: after arriving, before the stay runs
				// out or the park closes.
				visit := max(min(pt.leaveAt, p.cfg.Close-pt.arrive), 0)
				lostAt = pt.arrive + sim.Millis(gr.Float64()*float64(visit))
			}
			if forgot {
				lostAt = forgotAtHome
			}
			b.lostAt = append(b.lostAt, lostAt)
		}
		p.updateGone(i)
	}
}

// windowFor draws the start of party pt's return window, on whole minutes,
// within the visit it plans, so that the party is in the park for all of
// it, as the booking systems of real parks offer only times the guest can
// come: from its planned entry (the time it is expected through the gates,
// see plannedEntries) to the end of its stay (or the closing), and outside a
// midday break at its hotel, which keeps it away from breakAt until back
// (back after the break, and back through the gates), the round trip. It
// reports false when no window fits: the party is not offered one. The stay
// counts from the arrival, although it runs from entry: a window never ends
// after the party planned to leave.
func (b *bandState) windowFor(p *Park, pt *party, entry, back sim.Time, r *rand.Rand) (sim.Time, bool) {
	span := b.cfg.ReservationSpan
	from := ceilMinute(max(entry, p.cfg.Open))
	to := min(pt.arrive+pt.leaveAt, p.cfg.Close) // the last window ends by then
	// Starts that fit, as spans of whole minutes: before the break, after it.
	type starts struct{ first, n sim.Time }
	fit := func(lo, hi sim.Time) starts { // windows within [lo, hi]
		lo = ceilMinute(lo)
		last := (hi - span) / sim.Minute * sim.Minute
		if hi-span < 0 || last < lo {
			return starts{}
		}
		return starts{lo, (last-lo)/sim.Minute + 1}
	}
	var parts [2]starts
	if end := pt.breakAt + pt.breakFor + back; pt.breakFor > 0 && pt.breakAt < to && end > from {
		parts = [2]starts{fit(from, pt.breakAt), fit(end, to)}
	} else {
		parts[0] = fit(from, to)
	}
	n := parts[0].n + parts[1].n
	if n == 0 {
		return 0, false
	}
	k := sim.Time(r.Int64N(int64(n)))
	if k < parts[0].n {
		return parts[0].first + k*sim.Minute, true
	}
	return parts[1].first + (k-parts[0].n)*sim.Minute, true
}

// plannedEntries is the time each party is expected through the gates, as
// the park forecasts it from the day's tickets: every party reaching the
// plaza at its planned arrival (a party byBus reports as a bus rider
// arrives then at its hotel's stop, and reaches the plaza when the first
// bus on the timetable from then has made the ride), in that order, taking
// the mean bag check and the mean turnstile time per member at the first
// screener and then the first turnstile free (both open at the opening). A
// window offered from the arrival itself would open while the party is
// still on the bus or in the entry line, which on a busy morning lasts most
// of an hour. The forecast knows no trouble at the gates (a forgotten band,
// a reader down) nor a full bus: a window is an hour long, so a party held
// up a little still uses it.
func (p *Park) plannedEntries(byBus func(i int) bool) []sim.Time {
	n := len(p.parties)
	plaza := make([]sim.Time, n)
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
		plaza[i] = p.parties[i].arrive
		if byBus(i) {
			plaza[i] = p.timetabled(plaza[i]) + p.cfg.Buses.Ride
		}
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(plaza[a], plaza[b]) })
	en := &p.cfg.Entry
	bag := sim.Time(0)
	if en.BagCheck > 0 {
		bag = sim.Millis(en.BagTime.Mean())
	}
	gate := en.Service.Mean()
	screeners := newFreeAt(en.BagCheck, p.cfg.Open)
	turnstiles := newFreeAt(en.Turnstiles, p.cfg.Open)
	out := make([]sim.Time, n)
	for _, i := range order {
		pt := &p.parties[i]
		at := plaza[i]
		if en.BagCheck > 0 {
			at = screeners.serve(at, bag)
		}
		out[i] = turnstiles.serve(at, sim.Millis(gate*float64(pt.size)))
	}
	return out
}

// returnAllowance is, per party, how long after its midday break ends it is
// expected back in the park: by bus (a headway's wait and the ride, each
// way) if the park has buses, the walk to the entrance from its farthest
// zone, and its own bag check and turnstile times. No window is offered
// within the break or that allowance after it.
func (p *Park) returnAllowance() func(pt *party) sim.Time {
	far := 0.0
	for z := range p.cfg.Zones {
		far = max(far, p.layout.Metres(p.cfg.Entry.Zone, z))
	}
	var bus sim.Time
	if c := p.cfg.Buses; c != nil {
		bus = 2 * (c.Every + c.Ride)
	}
	en := &p.cfg.Entry
	bag := sim.Time(0)
	if en.BagCheck > 0 {
		bag = sim.Millis(en.BagTime.Mean())
	}
	return func(pt *party) sim.Time {
		return bus + sim.Millis(far/pt.speed*float64(sim.Second)) + bag + sim.Millis(en.Service.Mean()*float64(pt.size))
	}
}

// freeAt is when each server is next free, a min-heap, for a forecast of a
// first-come, first-served line.
type freeAt []sim.Time

func newFreeAt(servers int, open sim.Time) freeAt {
	f := make(freeAt, max(servers, 1))
	for k := range f {
		f[k] = open // all equal: a heap already
	}
	return f
}

// serve takes a customer who arrives at at and needs d at the server free
// first, and returns when it is done.
func (f freeAt) serve(at, d sim.Time) sim.Time {
	done := max(at, f[0]) + d
	f[0] = done
	// Sift the root down: the server just taken is free last of those near it.
	for k := 0; ; {
		c := 2*k + 1
		if c >= len(f) {
			break
		}
		if c+1 < len(f) && f[c+1] < f[c] {
			c++
		}
		if f[k] <= f[c] {
			break
		}
		f[k], f[c] = f[c], f[k]
		k = c
	}
	return done
}

// ceilMinute rounds t up to a whole minute.
func ceilMinute(t sim.Time) sim.Time {
	return (t + sim.Minute - 1) / sim.Minute * sim.Minute
}

// planMisuse schedules the clones' and finders' tries at tills: any till a
// band is tapped on in person, a restaurant's or a merchant's (an order in
// the app is placed from a phone, which a copied band does not come with). A
// park without such a till has nowhere to try them: its clones are planted
// and never tried, which the summary says (clones_tried) rather than count
// them as escaping detection.
func (b *bandState) planMisuse(p *Park, seed sim.Seed) {
	if len(b.counters) == 0 {
		return
	}
	r := seed.Stream(streamMisuse)
	guests := len(b.lostAt)
	for range b.cfg.Clones {
		g := r.IntN(guests)
		band := b.sys.BandOf(wristband.GuestID(g))
		tried := false
		for range b.cfg.CloneTries {
			at := p.cfg.Open + sim.Time(r.Int64N(int64(p.cfg.Close-p.cfg.Open)))
			tried = b.scheduleMisuse(p, at, misuse{band: band, reader: b.counters[r.IntN(len(b.counters))], amount: wristband.Cents(2000 + r.IntN(8000)), who: misuseClone}) || tried
		}
		if tried {
			p.record(Happening{What: CloneTried, Party: -1, N: int32(g)})
		}
	}
	for g, at := range b.lostAt {
		if at >= 0 && r.Float64() < b.cfg.FoundTries {
			try := at + 10*sim.Minute + sim.Time(r.Int64N(int64(50*sim.Minute)))
			band := b.sys.BandOf(wristband.GuestID(g))
			b.scheduleMisuse(p, try, misuse{band: band, reader: b.counters[r.IntN(len(b.counters))], amount: wristband.Cents(1000 + r.IntN(4000)), who: misuseFound})
		}
	}
}

// scheduleMisuse plans try m at time at and reports whether it will happen.
func (b *bandState) scheduleMisuse(p *Park, at sim.Time, m misuse) bool {
	if at >= p.cfg.Close {
		return false // the tills are closed
	}
	b.misuse = append(b.misuse, m)
	p.eng.Schedule(at, p.on.incidents, sim.Event{Kind: evMisuse, Arg: int64(len(b.misuse) - 1)})
	return true
}

func (b *bandState) tapID() wristband.TapID {
	b.nextTap++
	return b.nextTap
}

// tap is one touch with a new tap id.
func (b *bandState) tap(now sim.Time, band wristband.BandID, reader wristband.ReaderID, amount wristband.Cents, pin wristband.PIN) wristband.Decision {
	return b.send(wristband.Tap{ID: b.tapID(), At: now, Band: band, Reader: reader, Amount: amount, PIN: pin})
}

// send is every tap's way to the platform by the band's own guest.
func (b *bandState) send(t wristband.Tap) wristband.Decision { return b.sendBy(t, 0) }

// sendBy sends tap t made by who: the band's guest (0), a clone
// (misuseClone) or a finder (misuseFound). A band is switched off on a pair
// of sightings too far apart, and it is a catch only if somebody other than
// the guest made one of the two: a band that has a clone planted can still
// be switched off by two of its own guest's taps, a false alarm. A band
// caught as a clone has its fraudulent sales refunded there and then.
func (b *bandState) sendBy(t wristband.Tap, who uint8) wristband.Decision {
	valid := t.Band >= 0 && int(t.Band) < b.sys.Bands()
	var zone int32
	var at sim.Time
	var seen bool
	if valid {
		zone, at, seen = b.sys.LastSeen(t.Band)
	}
	caught := b.sys.ClonesCaught()
	d := b.sys.Tap(t)
	switch {
	case !valid:
	case b.sys.ClonesCaught() > caught:
		b.caughtBy[t.Band] = max(who, b.seenBy[t.Band])
	default:
		if z, a, ok := b.sys.LastSeen(t.Band); z != zone || a != at || ok != seen {
			if who != 0 || b.seenBy[t.Band] != 0 {
				b.seenBy[t.Band] = who // a map entry only for bands somebody else taps
			}
		}
	}
	if d.Reason == wristband.BandDeactivated && b.sys.Cloned(t.Band) {
		b.refundFraud(t.Band, t.At)
	}
	return d
}

// missing reports whether guest g's band has gone missing by now.
func (b *bandState) missing(g int32, now sim.Time) bool {
	return b.lostAt[g] != -1 && b.lostAt[g] <= now // forgotAtHome is before any now
}

// memberMissing reports whether guest g of party pt has no band at hand by
// now. The party remembers its earliest loss, so the usual answer, no, costs
// no look-up per member.
func (b *bandState) memberMissing(pt *party, g int32, now sim.Time) bool {
	return pt.bandGone <= now && b.missing(g, now)
}

// updateGone recomputes party i's earliest band loss after one was dealt with.
func (p *Park) updateGone(i int) {
	pt := &p.parties[i]
	pt.bandGone = math.MaxInt64
	for k := range pt.size {
		if at := p.bands.lostAt[pt.first+k]; at != -1 {
			pt.bandGone = min(pt.bandGone, at)
		}
	}
}

// reportMissing has the members of party i whose bands went missing report
// them (staff at the exit take the report): refused from now on, and what
// a finder bought with them refunded.
func (p *Park) reportMissing(i int, now sim.Time) {
	b := p.bands
	pt := &p.parties[i]
	for k := range pt.size {
		g := pt.first + k
		if b.lostAt[g] >= 0 && b.lostAt[g] <= now {
			b.reportLost(i, g, now)
		}
	}
	p.updateGone(i)
}

// reportLost records guest g's band as lost: refused from now on, and what
// a finder bought with it refunded.
func (b *bandState) reportLost(i int, g int32, now sim.Time) {
	band := b.sys.BandOf(wristband.GuestID(g))
	b.sys.ReportLost(band)
	b.refundFraud(band, now)
	b.park.record(Happening{At: now, What: BandLost, Party: int32(i), N: g})
	b.lostAt[g] = -1
}

// refundFraud reverses every sale made with a band that was not its guest's.
func (b *bandState) refundFraud(band wristband.BandID, now sim.Time) {
	for _, sale := range b.fraudSales[band] {
		if b.sys.Refund(sale) {
			b.park.record(Happening{At: now, What: Refunded, Party: -1, Amount: b.sys.Log()[sale].Amount})
		}
	}
	delete(b.fraudSales, band)
}

// needsDesk reports whether a member of party i has no usable band at now:
// forgotten at home, or gone missing during the visit.
func (p *Park) needsDesk(i int, now sim.Time) bool {
	pt := &p.parties[i]
	for k := range pt.size {
		if p.bands.memberMissing(pt, pt.first+k, now) {
			return true
		}
	}
	return false
}

// bandsUnusable reports whether a member of party i would be sent to guest
// relations by any reader at now, before anyone taps: a band missing, or
// one the park has switched off (a copy of it caught). A band whose copy
// is caught by the tap itself cannot be known beforehand.
func (p *Park) bandsUnusable(i int, now sim.Time) bool {
	b := p.bands
	pt := &p.parties[i]
	for k := range pt.size {
		g := pt.first + k
		if b.memberMissing(pt, g, now) || b.sys.State(b.sys.BandOf(wristband.GuestID(g))) == wristband.Deactivated {
			return true
		}
	}
	return false
}

// tapParty taps every member's band at reader and returns what the party
// does next: Proceed; GuestRelations if a band is missing or refused;
// another remedy a denial calls for (Standby, ComeBackLater, …); or
// ManualCheck, with the number of members staff checked by hand. At a
// reservation gate or a boarding gate a party with a band missing or
// switched off taps none: it goes to guest relations first, then all its
// members tap on its return.
func (p *Park) tapParty(i int, reader wristband.ReaderID, now sim.Time) (wristband.Remedy, int) {
	b := p.bands
	pt := &p.parties[i]
	if k := b.sys.Reader(reader).Kind; (k == wristband.ReservationGate || k == wristband.Boarding) && p.bandsUnusable(i, now) {
		// A granted tap there spends a member's reservation or counts it
		// boarded, though the party steps out of the line: the others'
		// taps would be refused reservation-used on its return, and the
		// sensing would count riders who never rode.
		p.record(Happening{At: now, What: Troubled, Party: int32(i)})
		return wristband.GuestRelations, 0
	}
	manual := 0
	remedy := wristband.Proceed
	desk := false
	gate := reader == b.gate
	for k := range pt.size {
		g := pt.first + k
		if b.memberMissing(pt, g, now) {
			desk = true // no band to tap: the others tap (at the gates, the exit, the bus), then the party goes
			p.record(Happening{At: now, What: Troubled, Party: int32(i)})
			continue
		}
		if gate && b.sys.Inside(wristband.GuestID(g)) {
			continue // through already, before the party stepped aside
		}
		d := b.tap(now, b.sys.BandOf(wristband.GuestID(g)), reader, 0, wristband.NoPIN)
		if d.Granted() {
			continue
		}
		p.record(Happening{At: now, What: Troubled, Party: int32(i)})
		pt.exp.denials++
		switch m := d.Reason.Remedy(); m {
		case wristband.ManualCheck, wristband.Refused:
			// A reader down, or a refusal of the party's own band (an exit
			// without a recorded entry): staff check by hand.
			manual++
		case wristband.GuestRelations:
			desk = true // the others still tap; then the party goes
		default:
			if remedy == wristband.Proceed {
				remedy = m
			}
		}
	}
	switch {
	case desk:
		return wristband.GuestRelations, manual
	case remedy == wristband.Proceed && manual > 0:
		return wristband.ManualCheck, manual
	}
	return remedy, manual
}

// misuseTry is a clone's or a finder's try at a till.
func (p *Park) misuseTry(e *sim.Engine, k int) {
	b := p.bands
	m := &b.misuse[k]
	t := wristband.Tap{ID: b.tapID(), At: e.Now(), Band: m.band, Reader: m.reader, Amount: m.amount, PIN: wristband.RightPIN}
	if d := b.sendBy(t, m.who); d.Granted() {
		// Not yet caught: refunded when the band is (reported lost, or
		// switched off as a clone).
		b.fraudSales[m.band] = append(b.fraudSales[m.band], d.Sale)
	}
}

// saleDraws draws what happens at a till: a child's band tapped first, a
// wrong PIN keyed, the sale sent twice. A sale the party decides against
// (its budget) takes the same draws, so that the budget shifts no later
// draw of the party.
func (b *bandState) saleDraws(r *rand.Rand) (childFirst, wrongPIN, resend bool) {
	return r.Float64() < b.cfg.ChildTaps, r.Float64() < b.cfg.WrongPIN, r.Float64() < b.cfg.Retries
}

// buy is party i's purchase at a till: an adult whose band is at hand pays
// for the party (a child's band may be tapped first, and refused), keying in
// the PIN when the amount needs it; a band refused for any other reason, or
// none at hand, means paying another way. Every draw is the party's own.
// It reports whether a band paid.
func (p *Park) buy(e *sim.Engine, i int, reader wristband.ReaderID, amount wristband.Cents) bool {
	b := p.bands
	pt := &p.parties[i]
	now := e.Now()
	childFirst, wrongPIN, resend := b.saleDraws(&pt.bandRng)
	if amount <= 0 {
		return true // nothing to pay
	}
	pt.spent += amount
	payer := wristband.BandID(-1)
	for k := range min(pt.size, 2) {
		if !b.memberMissing(pt, pt.first+k, now) {
			payer = b.sys.BandOf(wristband.GuestID(pt.first + k))
			break
		}
	}
	if payer < 0 {
		return false // no band at hand: the guest relations visit comes at the next tap
	}
	if pt.size > 2 && childFirst && !b.memberMissing(pt, pt.first+2, now) {
		b.tap(now, b.sys.BandOf(wristband.GuestID(pt.first+2)), reader, amount, wristband.NoPIN)
	}
	pin := wristband.NoPIN
	if b.cfg.PINAbove > 0 && int64(amount) > b.cfg.PINAbove {
		pin = wristband.RightPIN
		if wrongPIN {
			pin = wristband.WrongPINEntered
		}
	}
	for range 2 {
		t := wristband.Tap{ID: b.tapID(), At: now, Band: payer, Reader: reader, Amount: amount, PIN: pin}
		d := b.send(t)
		if resend {
			b.send(t) // the till resends: recognised, not charged again
		}
		switch d.Reason.Remedy() {
		case wristband.Proceed:
			return true
		case wristband.EnterPIN:
			pin = wristband.RightPIN // keys it in again, right this time
			continue
		}
		// Over the limit, the band switched off, the till down: another way.
		p.record(Happening{At: now, What: Troubled, Party: int32(i)})
		pt.exp.denials++
		return false
	}
	return false // the PIN asked for twice: another way
}

func (p *Park) leaveZone(pt *party) {
	if p.bands != nil && pt.at >= 0 {
		p.bands.zoneCount[pt.at] -= int(pt.size)
	}
	pt.at = -1
}

func (p *Park) enterZone(pt *party) {
	if pt.at >= 0 {
		return
	}
	pt.at = pt.zone
	if p.bands != nil {
		p.bands.zoneCount[pt.at] += int(pt.size)
	}
}

// fastest is the highest walking speed of any party: no real band can be
// seen in two places farther apart than that allows.
func (p *Park) fastest() float64 {
	v := MinWalkSpeed
	for i := range p.parties {
		v = max(v, p.parties[i].speed)
	}
	return v
}

// windowSeats is what is left to sell of the seats kept for reservations:
// per attraction and hour of the day, PriorityShare of its hourly capacity.
// Return windows are sold first come, first served, in party order.
type windowSeats struct {
	left []float64 // attraction × 48 hours
}

func newWindowSeats(cfg *Config) *windowSeats {
	w := &windowSeats{left: make([]float64, len(cfg.Attractions)*48)}
	for a := range cfg.Attractions {
		for h := range 48 {
			w.left[a*48+h] = cfg.Bands.PriorityShare * cfg.Attractions[a].HourlyCapacity()
		}
	}
	return w
}

func (w *windowSeats) slot(a int, at sim.Time) int { return a*48 + min(int(at/sim.Hour), 47) }
