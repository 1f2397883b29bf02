package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// Both outage rules leave nobody stranded: a released line chooses again,
// a held line boards when the ride runs again, and a party bigger than a
// vehicle caught half-boarded rides on together.
func TestOutagesStrandNobody(t *testing.T) {
	for _, hold := range []bool{false, true} {
		cfg := tinyPark(1500)
		cfg.Attractions[0].VehicleCapacity = 3 // parties of 4 board across two vehicles
		cfg.Attractions[0].HoldLine = hold
		cfg.Attractions[1].MTBF = 40 * sim.Minute
		cfg.Attractions[1].Repair = sim.Const{V: float64(10 * sim.Minute)}
		cfg.Incidents = []Incident{{Kind: Breakdown, Attraction: 0, From: 10 * sim.Hour, To: 10*sim.Hour + 45*sim.Minute}}
		p, s := runConfig(t, cfg, 1)
		t.Logf("hold=%v: coaster riders %d, outages %d, down %.0f min; boats outages %d", hold,
			s.Attractions[0].Riders, s.Attractions[0].Outages, s.Attractions[0].DowntimeMinutes, s.Attractions[1].Outages)
		require.Equal(t, int64(1), s.Attractions[0].Outages)
		require.Equal(t, 45.0, s.Attractions[0].DowntimeMinutes)
		require.Positive(t, s.Attractions[1].Outages, "random breakdowns happen")
		require.Equal(t, 0.0, p.inPark.Level(), "everybody left")
		for i := range p.parties {
			require.Greater(t, p.parties[i].leftAt, p.parties[i].entered, "party %d", i)
		}
		for a := range p.rides {
			require.Zero(t, p.rides[a].queued+p.rides[a].prioQueued)
			require.Zero(t, p.rides[a].downs)
		}
	}
}

// Parties give up on lines that turn out far longer than their patience,
// never on lines they have left, and everybody is accounted for.
func TestRenegingLeavesNobodyBehind(t *testing.T) {
	cfg := troubledPark(1500)
	cfg.Guests.RenegeAfter = 1
	cfg.Guests.Patience = sim.Const{V: float64(15 * sim.Minute)}
	cfg.Incidents = []Incident{{Kind: Breakdown, Attraction: 0, From: 10 * sim.Hour, To: 11 * sim.Hour}}
	cfg.Attractions[0].HoldLine = true // the line waits through the breakdown: some give up
	p, s := runConfig(t, cfg, 1)
	t.Logf("reneges %d (coaster %d), balks %d", s.Reneges, s.Attractions[0].Reneges, s.Balks)
	require.Positive(t, s.Attractions[0].Reneges)
	require.Equal(t, s.Reneges, s.Attractions[0].Reneges+s.Attractions[1].Reneges)
	require.Equal(t, 0.0, p.inPark.Level())
	for a := range p.rides {
		require.Zero(t, p.rides[a].queued)
	}
	cfg.Guests.RenegeAfter = 0
	_, never := runConfig(t, cfg, 1)
	require.Zero(t, never.Reneges)
}

// Crew sets capacity: half the crew loads at half the rate, too few closes
// the ride until SetStaff brings staff back.
func TestCrewSetsCapacity(t *testing.T) {
	full := tinyPark(1500)
	_, sFull := runConfig(t, full, 1)

	half := tinyPark(1500)
	half.Attractions[1].CrewFull, half.Attractions[1].CrewMin, half.Attractions[1].Crew = 4, 2, 2
	_, sHalf := runConfig(t, half, 1)
	t.Logf("boats: %d riders with a full crew, %d with half", sFull.Attractions[1].Riders, sHalf.Attractions[1].Riders)
	require.Less(t, sHalf.Attractions[1].Dispatches, sFull.Attractions[1].Dispatches)

	zero := tinyPark(1500)
	zero.Attractions[1].CrewFull, zero.Attractions[1].CrewMin, zero.Attractions[1].Crew = 4, 0, 0
	_, sZero := runConfig(t, zero, 1)
	require.Zero(t, sZero.Attractions[1].Riders, "nobody to run it: closed, whatever crew_min says")

	closed := tinyPark(1500)
	closed.Attractions[1].CrewFull, closed.Attractions[1].CrewMin, closed.Attractions[1].Crew = 4, 2, 1
	e := sim.New(1)
	p, err := New(e, closed)
	require.NoError(t, err)
	e.RunUntil(10 * sim.Hour)
	require.Zero(t, p.tally.rides[1].riders, "too few crew: closed")
	crew, ok := p.PostByID(closed.Attractions[1].ID + "/crew")
	require.True(t, ok)
	require.NoError(t, p.SetStaff(e, crew, 4))
	e.Run()
	require.Positive(t, p.tally.rides[1].riders, "staff back: running")
	require.Equal(t, 60.0, p.Summary().Attractions[1].DowntimeMinutes, "closed from opening (9:00) to 10:00")
}

// A show on a timetable leaves on its grid from opening, whoever waits.
func TestShowsRunOnTheirTimetable(t *testing.T) {
	cfg := tinyPark(1500)
	cfg.Attractions[1].Timetable = true
	cfg.Attractions[1].DispatchEvery = 20 * sim.Minute
	cfg.Attractions[1].VehicleCapacity = 300
	e := sim.New(1)
	p, err := New(e, cfg)
	require.NoError(t, err)
	var shows []sim.Time
	for e.Step() {
		if r := &p.tally.rides[1]; r.dispatches > int64(len(shows)) {
			shows = append(shows, e.Now())
		}
	}
	require.NotEmpty(t, shows)
	for _, at := range shows {
		require.Zero(t, (at-cfg.Open)%(20*sim.Minute), "a show at %v is off the grid", at)
	}
}

// A ride kept down with its line held until closing lets its line go at
// closing: the day ends, everybody leaves, and its downtime counts to the end.
func TestHeldLineOfARideDownAtClosingIsReleased(t *testing.T) {
	cfg := tinyPark(1500)
	cfg.Attractions[0].HoldLine = true
	cfg.Attractions[0].CrewFull, cfg.Attractions[0].CrewMin, cfg.Attractions[0].Crew = 4, 2, 4
	e := sim.New(1)
	p, err := New(e, cfg)
	require.NoError(t, err)
	e.RunUntil(10 * sim.Hour)
	crew, ok := p.PostByID(cfg.Attractions[0].ID + "/crew")
	require.True(t, ok)
	require.NoError(t, p.SetStaff(e, crew, 0)) // nobody left to run it, for the rest of the day
	e.RunUntil(48 * sim.Hour)
	_, pending := e.Next()
	require.False(t, pending, "the day ended")
	require.Equal(t, 0.0, p.inPark.Level())
	require.Zero(t, p.rides[0].queued)
	s := p.Summary()
	require.Equal(t, 120.0, s.Attractions[0].DowntimeMinutes, "down from 10:00 to closing: the hours after it take no ride-time from guests")
}

// Each storm decides afresh who goes home.
func TestTwoStormsSendMoreHomeThanOne(t *testing.T) {
	one := tinyPark(1500)
	one.Incidents = []Incident{{Kind: Rain, From: 10 * sim.Hour, To: 10*sim.Hour + 10*sim.Minute, LeaveShare: 0.3}}
	_, s1 := runConfig(t, one, 1)
	two := tinyPark(1500)
	two.Incidents = append(one.Incidents, Incident{Kind: Rain, From: 10*sim.Hour + 20*sim.Minute, To: 10*sim.Hour + 30*sim.Minute, LeaveShare: 0.3})
	_, s2 := runConfig(t, two, 1)
	t.Logf("mean stay: one storm %.3f h, two %.3f h", s1.InPark.MeanStayHours, s2.InPark.MeanStayHours)
	require.Less(t, s2.InPark.MeanStayHours, s1.InPark.MeanStayHours)
}

// A ride that is stopped takes nobody new, whether its line is held or sent
// away, broken down or closed for rain: the line only shrinks until it runs
// again, and then it takes guests again.
func TestStoppedRideTakesNobodyNew(t *testing.T) {
	from, to := 10*sim.Hour, 10*sim.Hour+45*sim.Minute
	for _, incident := range []Incident{
		{Kind: Breakdown, Attraction: 0, From: from, To: to},
		{Kind: Rain, From: from, To: to},
	} {
		for _, hold := range []bool{true, false} {
			cfg := tinyPark(3000)
			cfg.Attractions[0].HoldLine, cfg.Attractions[0].Outdoor = hold, true
			cfg.Incidents = []Incident{incident}
			e := sim.New(1)
			p, err := New(e, cfg)
			require.NoError(t, err)
			r := &p.rides[0]
			inLine, joinedAfter := -1, false
			for e.Step() {
				now := e.Now()
				switch {
				case now >= from && now < to:
					if inLine >= 0 {
						require.LessOrEqual(t, r.inLine(), inLine, "incident %d, hold %v: somebody joined at %v", incident.Kind, hold, now)
					}
					inLine = r.inLine()
				case now >= to && now < cfg.Close:
					joinedAfter = joinedAfter || r.inLine() > 0
				}
			}
			require.True(t, joinedAfter, "incident %d, hold %v: guests join again once it runs", incident.Kind, hold)
		}
	}
}

// A stopped ride says why and posts no wait (a released line's 0 would read
// as a walk-on); once it runs again it posts again, and after closing every
// ride is closed to new guests while its line still boards.
func TestStoppedRidePostsItsStatus(t *testing.T) {
	from, to := 10*sim.Hour, 10*sim.Hour+45*sim.Minute
	for _, tc := range []struct {
		incident Incident
		status   RideStatus
	}{
		{Incident{Kind: Breakdown, Attraction: 0, From: from, To: to}, RideDown},
		{Incident{Kind: Rain, From: from, To: to}, RideClosed},
	} {
		cfg := tinyPark(1500)
		cfg.Attractions[0].Outdoor = true
		cfg.Incidents = []Incident{tc.incident}
		p, _ := runConfig(t, cfg, 1)
		for _, s := range p.Series() {
			rs := s.Rides[0]
			want := RideOpen
			switch {
			case s.At >= from && s.At < to:
				want = tc.status
			case s.At >= cfg.Close:
				want = RideClosed
			}
			require.Equal(t, want, rs.Status, "incident %d at %v", tc.incident.Kind, s.At)
			if want != RideOpen {
				require.Zero(t, rs.Posted, "incident %d at %v", tc.incident.Kind, s.At)
			}
		}
	}
}

// TestRainLeaversLeaveBecauseOfRain: guests a storm sends home before their
// stay is over leave because of the rain, not as if their stay had run out;
// without a storm nobody does.
func TestRainLeaversLeaveBecauseOfRain(t *testing.T) {
	dry := troubledPark(1500)
	_, s0 := runConfig(t, dry, 1)
	wet := troubledPark(1500)
	wet.Incidents = []Incident{{Kind: Rain, From: 10 * sim.Hour, To: 10*sim.Hour + 30*sim.Minute, LeaveShare: 0.5}}
	p, s := runConfig(t, wet, 1)
	t.Logf("left because: dry %+v, wet %+v", *s0.LeftBecause, *s.LeftBecause)
	require.Zero(t, s0.LeftBecause.Rain)
	require.Positive(t, s.LeftBecause.Rain)
	require.Less(t, s.LeftBecause.StayOver, s0.LeftBecause.StayOver)
	l := s.LeftBecause
	require.Equal(t, s.Guests, l.StayOver+l.Tired+l.Rain+l.Closing+l.TurnedAway)
	for i := range p.parties {
		if pt := &p.parties[i]; pt.left == leftRain {
			require.GreaterOrEqual(t, pt.leftAt, 10*sim.Hour, "party %d left for the rain before it fell", i)
		}
	}
}

// Seats offered count only the time a ride runs while the park is open: a
// ride down all day offers none, one down for 45 minutes offers 45 minutes'
// vehicles fewer, a station likewise, and no ride carries more riders than
// the seats it offered.
func TestSeatsOfferedLeaveOutTheTimeARideIsDown(t *testing.T) {
	withStation := func() *Config {
		cfg := tinyPark(1500)
		cfg.Attractions = append(cfg.Attractions, Attraction{ID: "counter", Name: "Counter", Zone: 2, Kind: "station",
			Servers: 2, Service: sim.Const{V: float64(2 * sim.Minute)}, Appeal: 1})
		cfg.Arrivals.PartySize, _ = sim.NewEmpirical([]float64{1}, []float64{1}) // a server's seat is one rider
		return cfg
	}
	p, base := runConfig(t, withStation(), 1)
	require.Equal(t, int64(8*3*60*60/40), base.Attractions[0].SeatsOffered-p.tally.rides[0].lateSeats, "8 seats every 40 s for 3 h")
	require.Equal(t, int64(2*30*3), base.Attractions[2].SeatsOffered-p.tally.rides[2].lateSeats, "2 servers, 2 minutes each, 3 h")

	cfg := withStation()
	cfg.Incidents = []Incident{
		{Kind: Breakdown, Attraction: 0, From: 10 * sim.Hour, To: 10*sim.Hour + 45*sim.Minute},
		{Kind: Breakdown, Attraction: 2, From: 10 * sim.Hour, To: 10*sim.Hour + 45*sim.Minute},
		{Kind: Breakdown, Attraction: 1, From: 8 * sim.Hour, To: 13 * sim.Hour},
	}
	p, s := runConfig(t, cfg, 1)
	coaster, boats, counter := &s.Attractions[0], &s.Attractions[1], &s.Attractions[2]
	require.Equal(t, int64(8*(90+113)), coaster.SeatsOffered-p.tally.rides[0].lateSeats, "90 vehicles before the breakdown, 113 from 10:45 to closing")
	require.Equal(t, int64(2*30*3-2*30*3/4), counter.SeatsOffered-p.tally.rides[2].lateSeats, "45 minutes' services fewer")
	require.Zero(t, boats.Riders)
	require.Zero(t, boats.SeatsOffered, "down all day: no seats offered")
	for _, as := range s.Attractions {
		require.LessOrEqual(t, as.Riders, as.SeatsOffered, as.ID)
	}
	require.LessOrEqual(t, s.Rides, s.SeatsOffered)
	require.Equal(t, coaster.SeatsOffered+boats.SeatsOffered+counter.SeatsOffered, s.SeatsOffered)
}

// Outages and downtime count the time guests could have ridden: a repair
// that runs on past closing counts to closing, and a breakdown before the
// gates open, repaired before they do, is no outage at all.
func TestDowntimeCountsOnlyOpenHours(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from, to sim.Time
		outages  int64
		minutes  float64
	}{
		{"within the day", 10 * sim.Hour, 10*sim.Hour + 30*sim.Minute, 1, 30},
		{"past closing", 11 * sim.Hour, 14 * sim.Hour, 1, 60},
		{"from before opening", 8 * sim.Hour, 9*sim.Hour + 15*sim.Minute, 1, 15},
		{"before opening only", 8 * sim.Hour, 8*sim.Hour + 45*sim.Minute, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tinyPark(600)
			cfg.Incidents = []Incident{{Kind: Breakdown, Attraction: 0, From: tc.from, To: tc.to}}
			_, s := runConfig(t, cfg, 1)
			a := s.Attractions[0]
			require.Equal(t, tc.outages, a.Outages)
			require.InDelta(t, tc.minutes, a.DowntimeMinutes, 1e-9)
		})
	}
}
