package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// tinyPark is a gate and two lands with one ride each, small enough to
// reason about by hand.
func tinyPark(guests int) *Config {
	sizes, _ := sim.NewEmpirical([]float64{1, 2, 4}, []float64{1, 2, 1})
	return &Config{
		Name:  "tiny",
		Open:  9 * sim.Hour,
		Close: 12 * sim.Hour,
		Zones: []Zone{{ID: "gate"}, {ID: "west", X: -200}, {ID: "east", X: 300}},
		Paths: []Path{{From: 0, To: 1, Length: 200}, {From: 0, To: 2, Length: 300}},
		Entry: Entry{Zone: 0, Turnstiles: 2, Service: sim.Const{V: 5000}},
		Attractions: []Attraction{
			{ID: "coaster", Name: "Coaster", Zone: 1, Kind: "coaster", VehicleCapacity: 8, DispatchEvery: 40 * sim.Second, RideTime: 2 * sim.Minute, Appeal: 2},
			{ID: "boats", Name: "Boats", Zone: 2, Kind: "boat", VehicleCapacity: 12, DispatchEvery: 30 * sim.Second, RideTime: 6 * sim.Minute, Appeal: 1},
		},
		Arrivals: Arrivals{Guests: guests, From: 8*sim.Hour + 30*sim.Minute, Hourly: []float64{2, 3, 1}, PartySize: sizes},
		Guests: Guests{
			WalkSpeed:       sim.Uniform{Min: 1, Max: 1.4},
			Stay:            sim.NewLogNormal(float64(2*sim.Hour), float64(30*sim.Minute)),
			Patience:        sim.NewLogNormal(float64(40*sim.Minute), float64(15*sim.Minute)),
			WaitWeight:      0.05,
			WalkWeight:      0.1,
			RepeatPenalty:   1,
			ElsewhereAppeal: 0,
			Elsewhere:       sim.Exp{M: float64(15 * sim.Minute)},
		},
	}
}

func runTiny(t *testing.T, seed uint64, guests int) (*Park, *sim.Engine) {
	t.Helper()
	e := sim.New(seed)
	p, err := New(e, tinyPark(guests))
	require.NoError(t, err)
	e.Run()
	return p, e
}

func TestTinyDayAccountsForEveryone(t *testing.T) {
	p, _ := runTiny(t, 1, 1500)
	s := p.Summary()
	t.Logf("%+v", s)
	require.GreaterOrEqual(t, s.Guests, 1500)
	require.Less(t, s.Guests, 1504, "overshoots by less than one party")
	require.Equal(t, 0.0, p.inPark.Level(), "everybody left")
	for i := range p.parties {
		pt := &p.parties[i]
		require.Greater(t, pt.left, pt.entered, "party %d", i)
		require.GreaterOrEqual(t, pt.entered, p.cfg.Open, "nobody enters before the gates open")
		require.Zero(t, pt.unboarded)
	}
	var riders int64
	for k, a := range s.Attractions {
		riders += a.Riders
		// No vehicle carries more than its seats, and seats left empty while
		// guests waited are counted.
		seats := a.Dispatches * int64(p.cfg.Attractions[k].VehicleCapacity)
		require.LessOrEqual(t, a.Riders+a.EmptySeats, seats, a.ID)
		require.Greater(t, a.Riders, seats/2, "%s mostly full: lines were long", a.ID)
	}
	require.Equal(t, s.Rides, riders)
	require.Greater(t, s.RidesPerGuest, 0.5)
}
