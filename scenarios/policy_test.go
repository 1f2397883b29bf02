package scenarios

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/park"
	"parksim/sim"
	"parksim/staffing"
)

// crewed is an embedded scenario with every vehicle ride crewed (three of
// a full crew of four, six at most) by a roster of three members a ride,
// on shift all day: a day a staffing policy has something to move on.
func crewed(tb testing.TB, name string) *Scenario {
	tb.Helper()
	s, err := LoadEmbedded(name)
	require.NoError(tb, err)
	c := &s.Park
	r := &park.Roster{MinStay: park.DefaultMinStay, MovesPerDay: park.DefaultMovesPerDay, WalkSpeed: park.DefaultStaffWalk}
	for i := range c.Attractions {
		a := &c.Attractions[i]
		if a.Servers > 0 {
			continue
		}
		a.CrewFull, a.Crew, a.CrewMin, a.CrewMax = 4, 3, 1, 6
		for k := range 3 {
			r.Members = append(r.Members, park.StaffMember{ID: fmt.Sprintf("%s-%d", a.ID, k+1), Skills: []string{"crew"},
				Post: a.ID + "/crew", From: c.Open - 30*sim.Minute, To: c.Close + sim.Hour})
		}
	}
	c.Roster = r
	return s
}

func crewedSmall(t *testing.T) *Scenario { return crewed(t, "small") }

// Every policy runs a day that keeps every invariant (the checker on),
// and the same seed and policy give the same summary, byte for byte.
func TestEveryPolicyRunsACheckedDeterministicDay(t *testing.T) {
	s := crewedSmall(t)
	for _, pol := range Policies {
		var runs [2][]byte
		for k := range runs {
			d, err := s.BuildWith(3, pol)
			require.NoError(t, err, pol)
			sum, err := d.RunChecked()
			require.NoError(t, err, pol)
			require.Equal(t, pol, sum.Policy)
			runs[k], err = json.Marshal(sum)
			require.NoError(t, err)
		}
		require.True(t, bytes.Equal(runs[0], runs[1]), "%s: the same seed gave different days", pol)
	}
}

// The optimizer, on the crewed small park, moves crews and shortens the
// waits the static roster gives, on every one of five seeds.
func TestTheOptimizerShortensWaitsOnTheCrewedSmallPark(t *testing.T) {
	s := crewedSmall(t)
	for seed := uint64(1); seed <= 5; seed++ {
		run := func(pol string) (park.Summary, int) {
			d, err := s.BuildWith(seed, pol)
			require.NoError(t, err)
			sum := d.Run()
			return sum, len(d.Park.StaffMoves())
		}
		static, staticMoves := run(park.StaticPolicy)
		opt, optMoves := run("optimizer")
		require.Zero(t, staticMoves, "the static policy moves nobody")
		require.Zero(t, static.StaffMoves, "shifts and breaks are not moves")
		require.Positive(t, optMoves)
		require.Equal(t, optMoves, opt.StaffMoves, "staff_moves counts the members moved")
		require.Less(t, opt.WaitMinutes.Mean, static.WaitMinutes.Mean, "seed %d", seed)
		require.Greater(t, opt.RidesPerGuest, static.RidesPerGuest, "seed %d", seed)
	}
}

// spy is a policy that keeps every observation it is given.
type spy struct{ seen []staffing.Observation }

func (s *spy) Name() string { return "spy" }
func (s *spy) Decide(obs *staffing.Observation) []staffing.Move {
	c := *obs
	c.Posts = append([]staffing.PostView(nil), obs.Posts...)
	s.seen = append(s.seen, c)
	return nil
}

// A policy sees the sensed view, never the truth: every line in every
// observation is the sensed reading of that post, with its time, and on
// this day the truth differs from it.
func TestAPolicySeesOnlyTheSensedView(t *testing.T) {
	s := crewedSmall(t)
	d, err := s.Build(2)
	require.NoError(t, err)
	pol := &spy{}
	require.NoError(t, d.Park.SetPolicy(d.Engine, pol, false))
	differs := 0
	checked := 0
	// The arrivals a round sees are the sensed readings' since the round
	// before, together.
	type seen struct {
		at           sim.Time
		joined, rate float64
	}
	last := map[string]seen{}
	for d.Engine.Step() {
		n := len(pol.seen)
		if n == 0 || checked == n {
			continue
		}
		checked = n
		obs := pol.seen[n-1]
		for _, pv := range obs.Posts {
			r, ok := d.Park.Sensed().Line(pv.ID)
			if !ok {
				require.Zero(t, pv.Line, "%s: a line the park has no reading of", pv.ID)
				continue
			}
			require.Equal(t, r.Guests, pv.Line, "%s at %v", pv.ID, obs.Now)
			require.Equal(t, r.At, pv.LineAt, "%s at %v", pv.ID, obs.Now)
			prev, before := last[pv.ID]
			want := prev.rate
			switch {
			case !before:
				want = r.ArrivalsPerHour / 60
			case r.At > prev.at:
				want = max(r.Joined-prev.joined, 0) / (r.At - prev.at).Minutes()
			}
			require.InDelta(t, want, pv.ArrivalsPerMin, 1e-9, "%s at %v", pv.ID, obs.Now)
			last[pv.ID] = seen{r.At, r.Joined, want}
			if truth := d.Park.TrueLine(pv.ID); float64(truth) != pv.Line {
				differs++
			}
		}
	}
	require.Greater(t, len(pol.seen), 50, "a round every five minutes of the open day")
	require.Positive(t, differs, "the sensed lines and the true ones never differed: the test proves nothing")
}

func TestAPolicyNeedsARoster(t *testing.T) {
	s, err := LoadEmbedded("small")
	require.NoError(t, err)
	_, err = s.BuildWith(1, "optimizer")
	require.ErrorContains(t, err, "has no roster of staff ([[staff]]), so the optimizer policy has nobody to move")
	_, err = s.BuildWith(1, "magic")
	require.ErrorContains(t, err, `unknown policy "magic"`)
	d, err := s.BuildWith(1, park.StaticPolicy)
	require.NoError(t, err)
	require.Equal(t, park.StaticPolicy, d.Run().Policy)
}

// pushy asks, every round, for a move the roster refuses.
type pushy struct{}

func (pushy) Name() string { return "pushy" }
func (pushy) Decide(obs *staffing.Observation) []staffing.Move {
	return []staffing.Move{{Member: obs.Members[0].ID, To: "no-such-post/crew", Reason: "test"}}
}

// A move the roster refuses is not made, and the summary counts it.
func TestRefusedMovesAreCounted(t *testing.T) {
	d, err := crewedSmall(t).Build(1)
	require.NoError(t, err)
	require.NoError(t, d.Park.SetPolicy(d.Engine, pushy{}, false))
	sum := d.Run()
	require.NotNil(t, sum.Staff)
	require.Zero(t, sum.Staff.Moves)
	require.Equal(t, 95, sum.Staff.Refused, "one a round, every five minutes from 09:05 to 16:55")
}

// The oracle is fed the truth: each post's true line and the guests that
// truly joined it since the round before; a rehearsal of the day records
// those arrivals, and shown them, the oracle has them as its forecast.
// Nobody else may see the day ahead.
func TestTheOracleSeesTheTruthAndTheDayAhead(t *testing.T) {
	s := crewedSmall(t)
	d, err := s.Build(2)
	require.NoError(t, err)
	pol := &spy{}
	require.NoError(t, d.Park.SetPolicy(d.Engine, pol, true))
	checked := 0
	for d.Engine.Step() {
		if n := len(pol.seen); n > checked {
			checked = n
			for _, pv := range pol.seen[n-1].Posts {
				require.Equal(t, float64(d.Park.TrueLine(pv.ID)), pv.Line, pv.ID)
				require.GreaterOrEqual(t, pv.ArrivalsPerMin, 0.0)
				require.Nil(t, pv.Forecast, "no foresight without a rehearsal")
			}
		}
	}
	ahead := d.Park.TrueArrivals()
	require.Len(t, ahead.Cum, len(pol.seen), "a row a round")
	require.Equal(t, park.DecideEvery, ahead.Every)
	arrived := 0.0
	for r := 1; r < len(ahead.Cum); r++ {
		for k := range ahead.Cum[r] {
			require.GreaterOrEqual(t, ahead.Cum[r][k], ahead.Cum[r-1][k]-1e-9, "round %d post %d: arrivals never go back", r, k)
		}
	}
	for _, v := range ahead.Cum[len(ahead.Cum)-1] {
		arrived += v
	}
	require.Positive(t, arrived)

	d2, err := s.Build(2)
	require.NoError(t, err)
	pol2 := &spy{}
	require.NoError(t, d2.Park.SetPolicy(d2.Engine, pol2, true))
	require.NoError(t, d2.Park.SetForesight(ahead))
	checked = 0
	for d2.Engine.Step() {
		n := len(pol2.seen)
		if n == checked {
			continue
		}
		checked = n
		obs := pol2.seen[n-1]
		j := min(n-1, len(ahead.Cum)-2)
		for k, pv := range obs.Posts {
			require.Len(t, pv.Forecast, int(park.Horizon/sim.Minute))
			want := (ahead.Cum[j+1][k] - ahead.Cum[j][k]) / park.DecideEvery.Minutes()
			require.InDelta(t, want, pv.Forecast[0], 1e-9, "%s at %v", pv.ID, obs.Now)
		}
	}

	d3, err := s.Build(2)
	require.NoError(t, err)
	require.NoError(t, d3.Park.SetPolicy(d3.Engine, &spy{}, false))
	require.ErrorContains(t, d3.Park.SetForesight(ahead), "only the oracle")
}

// A ride that holds its line for an outage lets it go once the park is
// closed and its crew goes home: nobody waits all night for a crew that
// will not come (the day ends, and every guest leaves).
func TestALineHeldAfterClosingIsLetGo(t *testing.T) {
	s := crewedSmall(t)
	c := &s.Park
	for i := range c.Attractions {
		c.Attractions[i].HoldLine = true
	}
	for i := range c.Roster.Members {
		c.Roster.Members[i].To = c.Close + 10*sim.Minute // the crews go home soon after closing, lines or not
	}
	d, err := s.Build(1)
	require.NoError(t, err)
	d.Engine.RunUntil(c.Close + 3*sim.Hour)
	require.False(t, d.Engine.Step(), "three hours after closing the day is over: no line waits all night")
}
