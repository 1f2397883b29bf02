package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// busPark is the troubled tiny park with resort buses, and midday breaks
// that send resort parties back to their hotel.
func busPark(guests, capacity int) *Config {
	cfg := troubledPark(guests)
	cfg.Bands.MiddayBreak = 0.5
	cfg.Bands.BreakAt = sim.Uniform{Min: float64(10 * sim.Hour), Max: float64(10*sim.Hour + 30*sim.Minute)}
	cfg.Bands.BreakFor = sim.Const{V: float64(20 * sim.Minute)}
	cfg.Satisfaction = testModel
	cfg.Buses = &Buses{Every: 10 * sim.Minute, Capacity: capacity, Ride: 12 * sim.Minute, First: 8*sim.Hour + 15*sim.Minute}
	return cfg
}

func TestResortBuses(t *testing.T) {
	p, s := runConfig(t, busPark(1500, 60), 1)
	t.Logf("%+v", *s.Buses)
	require.Zero(t, s.LeftBecause.Inside)
	require.Zero(t, *s.LedgerImbalanceCents)
	resort, resortGuests := 0, 0
	for i := range p.parties {
		if !p.busRider(i) {
			continue
		}
		pt := &p.parties[i]
		resort++
		resortGuests += int(pt.size)
		if pt.left != leftTurnedAway {
			require.GreaterOrEqual(t, pt.entered, p.cfg.Buses.First+p.cfg.Buses.Ride, "party %d came by bus", i)
		}
	}
	require.Positive(t, resort)
	for _, w := range []BusWay{s.Buses.ToPark, s.Buses.ToHotel} {
		require.LessOrEqual(t, w.Riders, w.Departures*60, "no bus carries more than its seats")
		require.Positive(t, w.Riders)
	}
	require.GreaterOrEqual(t, s.Buses.ToPark.Riders, int64(resortGuests), "every resort guest rode in")
	require.Equal(t, s.Buses.ToPark.Riders, s.Buses.ToHotel.Riders, "everybody who rode in rode back")
	for k := range p.stops {
		require.Zero(t, p.stops[k].line.Len(), "nobody is left at a stop")
	}
}

// Smaller buses: longer waits at the stops, more parties left behind, and
// lower satisfaction, seed by seed.
func TestSmallerBusesMeanLongerWaits(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		_, big := runConfig(t, busPark(1500, 80), seed)
		_, small := runConfig(t, busPark(1500, 25), seed)
		t.Logf("seed %d: wait to park %.1f → %.1f min, left behind %d → %d, CSAT %.3f → %.3f", seed,
			big.Buses.ToPark.WaitMinutes.Mean, small.Buses.ToPark.WaitMinutes.Mean,
			big.Buses.ToPark.LeftBehind, small.Buses.ToPark.LeftBehind, big.Satisfaction.CSAT, small.Satisfaction.CSAT)
		require.Greater(t, small.Buses.ToPark.WaitMinutes.Mean, big.Buses.ToPark.WaitMinutes.Mean)
		require.Greater(t, small.Buses.ToHotel.WaitMinutes.Mean, big.Buses.ToHotel.WaitMinutes.Mean)
		require.Greater(t, small.Buses.ToPark.LeftBehind, big.Buses.ToPark.LeftBehind)
		require.Less(t, small.Satisfaction.CSAT, big.Satisfaction.CSAT)
	}
}

// Buses far too small: at closing, parties still at the hotel stop stay
// there (turned away, or their day ends after a break), nobody is carried
// to a closed park, and buses never leave twice at one timetable time.
func TestBusesTooSmallAtClosing(t *testing.T) {
	p, s := runConfig(t, busPark(1500, 5), 1)
	t.Logf("%+v; turned away %d", *s.Buses, s.TurnedAway)
	require.Positive(t, s.TurnedAway)
	require.Zero(t, s.LeftBecause.Inside)
	require.Equal(t, s.Guests, s.LeftBecause.StayOver+s.LeftBecause.Tired+s.LeftBecause.Closing+s.LeftBecause.TurnedAway)
	require.EqualValues(t, s.Guests-s.TurnedAway, s.Satisfaction.Responses, "every guest who got in answers once")
	b := p.cfg.Buses
	for k := range p.stops {
		st := &p.stops[k]
		require.Zero(t, st.line.Len())
		require.LessOrEqual(t, p.tally.stops[k].departures, int64((st.last-b.First)/b.Every)+1, "one departure per timetable time at most")
	}
	require.LessOrEqual(t, p.stops[hotelStop].last, p.cfg.Close, "no bus leaves for a closed park")
	require.Equal(t, s.Buses.ToPark.Riders, s.Buses.ToHotel.Riders, "everybody who rode in rode back")
}

// TestBusRidersWindowsOpenAfterTheBus: a resort guest's planned arrival is
// when it reaches its hotel's stop; its return window is offered from when
// the first bus from then can have brought it to the gates, so that it does
// not open while the party is still on the bus.
func TestBusRidersWindowsOpenAfterTheBus(t *testing.T) {
	cfg := busPark(1500, 1000)
	cfg.Bands.ReservationShare = 1
	cfg.Bands.Incidents = nil // the forecast knows no reader down at the gates
	e := sim.New(1)
	p, err := New(e, cfg)
	require.NoError(t, err)
	c := cfg.Buses
	entries := p.plannedEntries(p.busRider)
	booked := 0
	for i := range p.parties {
		if !p.busRider(i) || p.bands.reserved[i] < 0 {
			continue
		}
		booked++
		pt := &p.parties[i]
		bus := max(c.First, pt.arrive) // the first departure at or after the arrival
		if bus > c.First {
			bus = c.First + (bus-c.First+c.Every-1)/c.Every*c.Every
		}
		require.GreaterOrEqual(t, p.bands.window[i], bus+c.Ride, "party %d: its window opens while it is on the bus", i)
	}
	require.Positive(t, booked)
	window := append([]sim.Time(nil), p.bands.window...)
	reserved := append([]int32(nil), p.bands.reserved...)
	e.Run()
	early, worst := 0, sim.Time(0)
	for i := range p.parties {
		pt := &p.parties[i]
		if !p.busRider(i) || reserved[i] < 0 || pt.left == leftTurnedAway || p.tally.affected[i] {
			continue
		}
		if late := pt.entered - window[i]; late > 0 {
			early++
			worst = max(worst, late)
			t.Logf("party %d: forecast %v, window %v, entered %v", i, entries[i], window[i], pt.entered)
		}
	}
	t.Logf("%d bus parties with a window: %d untroubled ones entered after it opened, the latest by %.1f min", booked, early, float64(worst)/float64(sim.Minute))
	require.Zero(t, early, "windows open once an untroubled bus party is through the gates")
}
