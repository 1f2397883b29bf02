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
	arrivals, _ := sim.NewHistogram(float64(8*sim.Hour+30*sim.Minute), float64(sim.Hour), []float64{2, 3, 1})
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
		Arrivals: Arrivals{Guests: guests, Time: arrivals, PartySize: sizes},
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
		require.Greater(t, pt.leftAt, pt.entered, "party %d", i)
		require.GreaterOrEqual(t, pt.entered, p.cfg.Open, "nobody enters before the gates open")
		require.Zero(t, p.rideVisit[i].unboarded)
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

// Gates close at closing time: parties still queued at the turnstiles then
// are turned away, not let in to leave at once.
func TestGatesTurnAwayAfterClosing(t *testing.T) {
	cfg := tinyPark(2000)
	cfg.Close = cfg.Open + sim.Minute
	cfg.Arrivals.Time, _ = sim.NewHistogram(float64(8*sim.Hour), float64(sim.Hour), []float64{1})
	e := sim.New(1)
	p, err := New(e, cfg)
	require.NoError(t, err)
	e.Run()
	s := p.Summary()
	require.Greater(t, s.TurnedAway, 1500, "two turnstiles let few in during one minute")
	require.Less(t, s.TurnedAway, s.Guests)
	for i := range p.parties {
		pt := &p.parties[i]
		require.GreaterOrEqual(t, pt.leftAt, pt.entered, "party %d accounted for", i)
		if pt.entered > cfg.Close+5*sim.Minute {
			t.Fatalf("party %d entered at %v, long after closing", i, pt.entered)
		}
	}
}

// A party that finds every line beyond its patience goes elsewhere; even an
// "elsewhere" of zero time must let simulated time move on.
func TestZeroElsewhereStillEnds(t *testing.T) {
	cfg := tinyPark(1500)
	cfg.Guests.Elsewhere = sim.Const{V: 0}
	cfg.Guests.Patience = sim.Const{V: 0} // every line with a wait is too long
	e := sim.New(1)
	p, err := New(e, cfg)
	require.NoError(t, err)
	e.Run()
	require.Less(t, e.Processed(), uint64(200000), "a party looped without time moving")
	require.Equal(t, 0.0, p.inPark.Level())
}

// Clock times run to 47:59: a day past midnight keeps its hours apart.
func TestWaitsByHourPastMidnight(t *testing.T) {
	cfg := tinyPark(1500)
	cfg.Open, cfg.Close = 20*sim.Hour, 27*sim.Hour
	cfg.Arrivals.Time, _ = sim.NewHistogram(float64(20*sim.Hour), float64(sim.Hour), []float64{3, 2, 1})
	cfg.Guests.Stay = sim.Const{V: float64(6 * sim.Hour)}
	e := sim.New(1)
	p, err := New(e, cfg)
	require.NoError(t, err)
	e.Run()
	var hours []string
	for _, h := range p.Summary().Attractions[0].WaitByHour {
		hours = append(hours, h.Hour)
	}
	require.Contains(t, hours, "25:00")
	require.Contains(t, hours, "26:00")
}

// Summary reports; it does not count: asking twice gives the same figures.
func TestSummaryTwiceIsTheSame(t *testing.T) {
	cfg := shopPark(600, 2)
	cfg.Guests.Personas = []Persona{{ID: "a", Share: 1}, {ID: "b", Share: 2}}
	p, first := runConfig(t, cfg, 1)
	require.Equal(t, first, p.Summary())
	require.Len(t, first.Personas, 2)
}

// Every attraction reports the summary's hours, from the first guests on
// the plaza before opening to the last leaving after closing, so the arrays
// line up by position; an hour nobody joined in has its riders (0) and no
// mean.
func TestWaitByHourHasEveryHourForEveryAttraction(t *testing.T) {
	cfg := tinyPark(1500)
	cfg.Attractions[1].CrewFull, cfg.Attractions[1].CrewMin, cfg.Attractions[1].Crew = 4, 2, 4
	cfg.Incidents = []Incident{{Kind: Breakdown, Attraction: 1, From: cfg.Open, To: cfg.Open + sim.Hour}}
	_, s := runConfig(t, cfg, 1)
	want := []string{"08:00", "09:00", "10:00", "11:00", "12:00"}
	for _, a := range s.Attractions {
		var hours []string
		for _, h := range a.WaitByHour {
			hours = append(hours, h.Hour)
			if h.Riders == 0 {
				require.Nil(t, h.MeanMinutes, "%s %s: nobody joined, no mean", a.ID, h.Hour)
			}
		}
		require.Equal(t, want, hours, a.ID)
	}
	require.Zero(t, s.Attractions[0].WaitByHour[0].Riders, "closed before opening")
	require.Zero(t, s.Attractions[1].WaitByHour[1].Riders, "down from opening to 10:00")
}

// Lines board after closing, and the seats offered count those vehicles:
// no attraction carries more riders than the seats it offered, whether it
// dispatches when guests wait, runs on a timetable or is a station.
func TestRidesNeverExceedSeatsOffered(t *testing.T) {
	cfg := tinyPark(3000)
	cfg.Guests.Patience = sim.Const{V: float64(5 * sim.Hour)} // long lines at closing
	cfg.Attractions[0].VehicleCapacity = 2
	cfg.Attractions[1].Timetable, cfg.Attractions[1].DispatchEvery, cfg.Attractions[1].VehicleCapacity = true, 7*sim.Minute, 30
	cfg.Attractions = append(cfg.Attractions, Attraction{ID: "counter", Zone: 2, Kind: "station", Servers: 2,
		Service: sim.Exp{M: float64(2 * sim.Minute)}, Appeal: 2})
	_, s := runConfig(t, cfg, 1)
	var rides int64
	for _, a := range s.Attractions {
		t.Logf("%s: %d riders, %d seats offered", a.ID, a.Riders, a.SeatsOffered)
		require.LessOrEqual(t, a.Riders, a.SeatsOffered, a.ID)
		rides += a.Riders
	}
	require.Greater(t, s.Attractions[0].Riders, int64(2*3*90), "the coaster boarded after closing: more than its seats while open")
	require.Equal(t, s.Rides, rides)
	require.LessOrEqual(t, s.Rides, s.SeatsOffered)
}
