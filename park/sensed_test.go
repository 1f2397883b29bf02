package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// postedNow is attraction a's board at now worked out from an exact count of
// its lines taken now, as a park whose count reached the view at once.
func postedNow(p *Park, a int, now sim.Time) sim.Time {
	guests, parties := p.trueLine(a)
	p.view.lines[a] = LineReading{At: now, Guests: float64(guests), Parties: float64(parties)}
	return p.boardWait(a, now)
}

// sensedPark is the tiny park with a line of every kind: its two rides, a
// counter-service restaurant's registers and tables, a shop's clerks, the
// turnstiles and, with the band system, the guest-relations desk. Everyone
// is hungry for lunch before 11:00.
func sensedPark(guests int, bands bool) *Config {
	cfg := tinyPark(guests)
	cfg.Close = 14 * sim.Hour
	cfg.Guests.Stay = sim.NewLogNormal(float64(4*sim.Hour), float64(30*sim.Minute))
	cfg.Restaurants = []Restaurant{counterDiner()}
	cfg.Restaurants[0].Registers, cfg.Restaurants[0].Tables = 1, 10
	cfg.Guests.Lunch = sim.Uniform{Min: float64(10 * sim.Hour), Max: float64(11 * sim.Hour)}
	cfg.Guests.Dinner = sim.Const{V: float64(20 * sim.Hour)}
	cfg.Guests.MealShare = 1
	cfg.Merchants = []Merchant{{ID: "gifts", Zone: 1, Kind: "merchandise", BuyShare: 0.5, Basket: sim.Const{V: 2000},
		Staff: 1, Serve: sim.Const{V: float64(2 * sim.Minute)}}}
	if bands {
		cfg.Bands = &Bands{
			DailyLimit: sim.Const{V: 0}, GuestRelations: 1, RelationsTime: sim.Const{V: float64(3 * sim.Minute)},
			ManualCheck: 20 * sim.Second,
			Sensing:     SensingConfig{Every: sim.Minute, Delay: 2 * sim.Minute, Detect: 0.8},
		}
	}
	return cfg
}

func newSensedPark(t *testing.T, guests int, bands bool) (*Park, *sim.Engine) {
	t.Helper()
	e := sim.New(1)
	p, err := New(e, sensedPark(guests, bands))
	require.NoError(t, err)
	return p, e
}

// Every line is known by the id of its post, every zone where parties stop
// by its own; other ids are not.
func TestSensedLookupsById(t *testing.T) {
	p, e := newSensedPark(t, 1500, true)
	v := p.Sensed()
	require.Equal(t, []string{"coaster/crew", "boats/crew", "diner/registers", "diner/tables", "gifts/clerks",
		"entry/turnstiles", "guest-relations/desk"}, v.Lines())
	require.Equal(t, []string{"gate", "west", "east"}, v.Zones())
	_, ok := v.Line("coaster/crew")
	require.False(t, ok, "no reading before the first publication")
	e.RunUntil(10 * sim.Hour)
	for _, id := range v.Lines() {
		_, ok := v.Line(id)
		require.True(t, ok, id)
	}
	for _, id := range []string{"coaster", "diner", "gifts/photographers", "entry/bag-check", ""} {
		_, ok := v.Line(id)
		require.False(t, ok, "%q is no line", id)
	}
	_, ok = v.Zone("nowhere")
	require.False(t, ok)

	p, _ = newSensedPark(t, 10, false)
	require.Equal(t, []string{"coaster/crew", "boats/crew", "diner/registers", "diner/tables", "gifts/clerks",
		"entry/turnstiles"}, p.Sensed().Lines(), "no desk without the band system")
	require.Empty(t, p.Sensed().Zones(), "no zone readings without bands")
}

// With the band system the view is the sensor's last publication: every
// reading taken at the same ping, Delay to Delay+Every old, the lines'
// parties their guests over the day's mean party size.
func TestSensedWithBandsIsTheSensorsPublication(t *testing.T) {
	p, e := newSensedPark(t, 1500, true)
	v := p.Sensed()
	cfg := p.cfg.Bands.Sensing
	for _, now := range []sim.Time{10*sim.Hour + 30*sim.Second, 10*sim.Hour + 37*sim.Minute, 13 * sim.Hour} {
		e.RunUntil(now)
		obs, ok := p.bands.sensor.Observation()
		require.True(t, ok)
		nz := len(v.Zones())
		for k, id := range v.Zones() {
			z, ok := v.Zone(id)
			require.True(t, ok, id)
			require.Equal(t, obs.At, z.At, id)
			require.GreaterOrEqual(t, z.Age(now), cfg.Delay, id)
			require.Less(t, z.Age(now), cfg.Delay+cfg.Every, id)
			require.Equal(t, obs.Areas[k].Present, z.Guests, id)
		}
		for l, id := range v.Lines() {
			r, ok := v.Line(id)
			require.True(t, ok, id)
			require.Equal(t, obs.At, r.At, id)
			require.Equal(t, obs.Areas[nz+l].Present, r.Guests, id)
			require.Equal(t, obs.Areas[nz+l].ArrivalsPerHour, r.ArrivalsPerHour, id)
			require.InDelta(t, r.Guests/p.seen.meanSize, r.Parties, 1e-9, id)
		}
	}
	// The lunch rush at one register is a line the sensor sees.
	e.RunUntil(10*sim.Hour + 45*sim.Minute)
	r, _ := v.Line("diner/registers")
	require.Positive(t, r.Guests)
	require.Positive(t, r.Wait)
}

// Without the band system staff count every line every CountEvery from the
// opening, exactly, and the count reaches the view CountDelay later: until
// then the view, and the boards worked out from it, keep the count before,
// however the lines change. No zone has a reading.
func TestSensedWithoutBandsLagsTheCountsDelay(t *testing.T) {
	p, e := newSensedPark(t, 3000, false)
	v := p.Sensed()
	at := 10*sim.Hour + 40*sim.Minute // a count, in the lunch rush
	require.Zero(t, (at-p.cfg.Open)%CountEvery)
	e.RunUntil(at - 1)
	for p.seen.counted[0].At != at {
		require.True(t, e.Step())
	}
	truth := make([][2]int, len(v.lines))
	for l := range truth {
		truth[l][0], truth[l][1] = p.trueLine(l)
	}
	before := append([]LineReading(nil), v.lines...)
	for l := range before {
		require.Equal(t, at-CountEvery, before[l].At, "the count before, known since")
	}
	changed := false
	for e.Now() < at+CountDelay {
		require.True(t, e.Step())
		if e.Now() < at+CountDelay {
			require.Equal(t, at-CountEvery, v.lines[0].At)
			for a := range p.rides {
				require.Equal(t, before[a].Wait, p.posted(a), "the board waits for the count")
				g, _ := p.trueLine(a)
				changed = changed || g != truth[a][0]
			}
		}
	}
	require.True(t, changed, "the lines moved while the count was on its way")
	e.RunUntil(at + CountDelay)
	for l, id := range v.Lines() {
		r, ok := v.Line(id)
		require.True(t, ok, id)
		require.Equal(t, at, r.At, id)
		require.Equal(t, CountDelay, r.Age(at+CountDelay), id)
		require.Equal(t, float64(truth[l][0]), r.Guests, id)
		require.Equal(t, float64(truth[l][1]), r.Parties, id)
	}
	for a := range p.rides {
		require.Equal(t, p.boardWait(a, at+CountDelay), p.posted(a), "the board from the count")
	}
	require.Positive(t, v.lines[v.lineOf["diner/registers"]].Guests, "the lunch rush is counted")
	for _, id := range []string{"gate", "west", "east"} {
		_, ok := v.Zone(id)
		require.False(t, ok, id)
	}
}

// No guest decision reads a true line: with the lines made much longer than
// the view says, every wait a party decides on (the boards its ride choice
// and its balk at a line read, a restaurant's expected wait for its choice
// and its balk on arriving, the checkout's) stays what the view says, until
// the view itself learns of the lines.
func TestNoDecisionReadsATrueLine(t *testing.T) {
	for _, bands := range []bool{false, true} {
		p, e := newSensedPark(t, 3000, bands)
		e.RunUntil(10*sim.Hour + 32*sim.Minute)
		now := e.Now()
		d, s := &p.diners[0], &p.shops[0]
		waits := func() []sim.Time {
			w := []sim.Time{d.expectedWait(false, 0), d.expectedWait(true, sim.Minute), p.view.lines[s.line].Wait}
			for a := range p.rides {
				w = append(w, p.posted(a))
			}
			return w
		}
		seen := waits()
		// Two hundred more riders in every ride's line, thirty more parties
		// at the register, for a table and for a clerk.
		for a := range p.rides {
			r := &p.rides[a]
			for range 50 {
				r.queue.Push(0)
			}
			r.queued += 200
		}
		for range 30 {
			d.registers.Request(e, p.on.dining, sim.Event{Kind: evRegister})
			d.tables.Request(e, p.on.dining, sim.Event{Kind: evSeated})
			s.staff.Request(e, p.on.shops, sim.Event{Kind: evClerk})
		}
		require.Equal(t, seen, waits(), "bands %v: the decisions read the view", bands)
		// A party done browsing whose patience grants the checkout's wait as
		// the park knows it, not its true line, joins the line.
		i := len(p.parties) - 1
		pt := &p.parties[i]
		p.shopVisit[i].at, pt.patience = 0, sim.Millis((float64(seen[2])+float64(10*sim.Minute))/checkoutPatience)
		require.Greater(t, float64(s.staff.Waiting())*p.cfg.Merchants[0].Serve.Mean(), float64(pt.patience)*checkoutPatience, "its true line is too long for it")
		away := p.tally.shops[0].walkedAway
		p.handleShop(e, sim.Event{Kind: evBrowsed, Arg: int64(i)})
		require.Equal(t, away, p.tally.shops[0].walkedAway, "bands %v: it judged the checkout by the view", bands)
		// Once the park learns of the lines, every wait grows.
		p.count(now)
		p.countKnown(now)
		learnt := waits()
		for k := range seen {
			if k == 1 {
				continue // an order placed in the app skips the register
			}
			require.Greater(t, learnt[k], seen[k], "bands %v: wait %d follows the view", bands, k)
		}
	}
}

// Filling the view allocates nothing: from the sensor's publication, from a
// count, and the boards worked out from it.
func TestSensedFillsWithoutAllocating(t *testing.T) {
	p, e := newSensedPark(t, 1500, true)
	e.RunUntil(10 * sim.Hour)
	now := e.Now()
	require.Zero(t, testing.AllocsPerRun(100, func() { p.observed(now) }))
	require.Zero(t, testing.AllocsPerRun(100, func() { p.count(now); p.countKnown(now) }))
}
