package staffing

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// twoLines is a round at 10:00 with two lines of servers, a and b, each
// serving a guest a minute per member; x works at a and may work at b, and
// a1 (at a) and b1 (at b) stay where they are.
func twoLines(walk sim.Time) *Observation {
	now := 10 * sim.Hour
	obs := &Observation{
		Now:   now,
		Rules: Rules{MinStay: 10 * sim.Minute, Horizon: 30 * sim.Minute},
		Posts: []PostView{
			{ID: "a", Kind: Registers, Staff: 2, Max: 3, ServiceRate: 1, LineAt: now, ArrivalsPerMin: 0.5},
			{ID: "b", Kind: Registers, Staff: 1, Max: 3, ServiceRate: 1, LineAt: now, ArrivalsPerMin: 0.9, Line: 30},
		},
		Members: []MemberView{
			{ID: "x", Skills: []int{0, 1}, Post: 0, Since: 8 * sim.Hour, MovesLeft: 5, ShiftEnd: 18 * sim.Hour},
			{ID: "a1", Skills: []int{0}, Post: 0, Since: 8 * sim.Hour, MovesLeft: 5, ShiftEnd: 18 * sim.Hour},
			{ID: "b1", Skills: []int{1}, Post: 1, Since: 8 * sim.Hour, MovesLeft: 5, ShiftEnd: 18 * sim.Hour},
		},
		Walk: func(int, int) sim.Time { return walk },
	}
	return obs
}

// waits is every post's worst predicted wait as Threshold sees it.
func waits(obs *Observation) []float64 {
	var w []float64
	for i := range obs.Posts {
		p := &obs.Posts[i]
		w = append(w, Predict(p, p.Line, []float64{p.ArrivalsPerMin}, p.Staff, nil, horizonMinutes(obs)).WorstWait)
	}
	return w
}

func TestStatic(t *testing.T) {
	require.NoError(t, twoLines(sim.Minute).Check())
	var p Policy = Static{}
	assert.Equal(t, "static", p.Name())
	assert.Nil(t, p.Decide(twoLines(sim.Minute)))
}

// TestThresholdHysteresis: x is lent to b when b's wait is High above a's;
// once there it goes back only when a's wait is −Low above b's, so between
// the two it stays, where a rule with one threshold would send it back.
func TestThresholdHysteresis(t *testing.T) {
	for _, tt := range []struct {
		name    string
		low     float64
		returns []bool // at a reversed gap of about 10 minutes, then about 20
	}{
		{"returns late", -15, []bool{false, true}},
		{"returns early", -5, []bool{true, true}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			th := NewThreshold(10, tt.low)
			obs := twoLines(2 * sim.Minute)
			w := waits(obs)
			require.Greater(t, w[1]-w[0], 10.0)
			moves := th.Decide(obs)
			require.Len(t, moves, 1)
			assert.Equal(t, Move{Member: "x", To: "b", Reason: moves[0].Reason}, moves[0])
			require.NoError(t, Feasible(obs, moves))
			obs = advance(apply(obs, moves), obs.Now+15*sim.Minute)
			require.Equal(t, 2, obs.Posts[1].Staff)

			// a now has one member and a line; b two and none. The gap is
			// reversed: a is the hotter by about 10 minutes, then 20.
			for k, line := range []float64{10, 20} {
				o := *obs
				o.Posts = append([]PostView(nil), obs.Posts...)
				o.Posts[0].Line, o.Posts[0].ArrivalsPerMin, o.Posts[0].LineAt = line, 0.5, o.Now
				o.Posts[1].Line, o.Posts[1].ArrivalsPerMin, o.Posts[1].LineAt = 0, 0.5, o.Now
				w := waits(&o)
				t.Logf("reversed gap %.1f min", w[0]-w[1])
				got := th.Decide(&o)
				if tt.returns[k] {
					require.Len(t, got, 1)
					assert.Equal(t, "x", got[0].Member)
					assert.Equal(t, "a", got[0].To)
					return
				}
				assert.Empty(t, got)
			}
		})
	}
}

func TestThresholdQuietBelowHigh(t *testing.T) {
	obs := twoLines(2 * sim.Minute)
	obs.Posts[1].Line = 3
	w := waits(obs)
	require.Less(t, w[1]-w[0], 15.0)
	assert.Empty(t, NewThreshold(15, 0).Decide(obs))
	assert.Panics(t, func() { NewThreshold(5, 5) })
}

// TestOptimizerWalkCostsMoreThanGain: x helps at b, but only from its
// arrival; a walk that leaves too little of the horizon is not worth what
// a loses, and a gain below MinGain is not worth a move.
func TestOptimizerWalkCostsMoreThanGain(t *testing.T) {
	moves := NewOptimizer(0, 0).Decide(twoLines(2 * sim.Minute))
	require.Len(t, moves, 1)
	assert.Equal(t, "x", moves[0].Member)
	assert.Equal(t, "b", moves[0].To)
	near := moves[0].Gain
	assert.Greater(t, near, 0.0)

	moves = NewOptimizer(0, 0).Decide(twoLines(20 * sim.Minute))
	require.Len(t, moves, 1)
	assert.Less(t, moves[0].Gain, near, "a longer walk saves less")

	assert.Empty(t, NewOptimizer(0, 0).Decide(twoLines(31*sim.Minute)), "arriving after the horizon saves nothing")
	assert.Empty(t, NewOptimizer(0, near+1).Decide(twoLines(2*sim.Minute)), "a gain below MinGain")

	// The gain is what b saves less what a loses: check it by hand.
	obs := twoLines(2 * sim.Minute)
	h := horizonMinutes(obs)
	a, b := &obs.Posts[0], &obs.Posts[1]
	arrA, arrB := constant(0.5, h), constant(0.9, h)
	loss := Predict(a, a.Line, arrA, 1, nil, h).GuestMinutes - Predict(a, a.Line, arrA, 2, nil, h).GuestMinutes
	save := Predict(b, b.Line, arrB, 1, nil, h).GuestMinutes - Predict(b, b.Line, arrB, 1, []Change{{At: 2, Delta: 1}}, h).GuestMinutes
	assert.InDelta(t, save-loss, near, 1e-9)
}

// TestOptimizerCapComesFirst: a third crew member saves a busy ride far
// more guest-minutes than a second clerk saves a slow desk, but the desk's
// wait is over the cap, so with a cap the member goes there.
func TestOptimizerCapComesFirst(t *testing.T) {
	now := 14 * sim.Hour
	obs := &Observation{
		Now:   now,
		Rules: Rules{MinStay: 10 * sim.Minute, Horizon: 30 * sim.Minute},
		Posts: []PostView{
			{ID: "shop", Kind: Clerks, Staff: 2, Max: 3, ServiceRate: 1, LineAt: now, ArrivalsPerMin: 0.2},
			{ID: "coaster", Kind: Crew, Staff: 2, Max: 4, LineAt: now, Line: 200, ArrivalsPerMin: 1700.0 / 60,
				CapacityPerHour: []float64{0, 0, 1200, 1600, 1800}},
			{ID: "desk", Kind: Desk, Staff: 1, Max: 2, ServiceRate: 0.15, LineAt: now, Line: 10, ArrivalsPerMin: 0.2},
		},
		Members: []MemberView{
			{ID: "x", Skills: []int{0, 1, 2}, Post: 0, Since: 9 * sim.Hour, MovesLeft: 3, ShiftEnd: 20 * sim.Hour},
		},
		Walk: func(int, int) sim.Time { return 2 * sim.Minute },
	}
	moves := NewOptimizer(0, 0).Decide(obs)
	require.Len(t, moves, 1)
	assert.Equal(t, "coaster", moves[0].To)

	w := waits(obs)
	require.Greater(t, w[2], 30.0)
	moves = NewOptimizer(30, 0).Decide(obs)
	require.Len(t, moves, 1)
	assert.Equal(t, "desk", moves[0].To)
	assert.Contains(t, moves[0].Reason, "worst wait")
}

// TestOptimizerTakesAGivenForecast: the sensed rate says b is quiet, but
// the observation's own forecast (the truth, in an oracle run) says a rush
// is coming; the optimizer plans for the rush only when told.
func TestOptimizerTakesAGivenForecast(t *testing.T) {
	quiet := func() *Observation {
		obs := twoLines(2 * sim.Minute)
		obs.Posts[1].Line, obs.Posts[1].ArrivalsPerMin = 0, 0.2
		return obs
	}
	assert.Empty(t, NewOptimizer(0, 0).Decide(quiet()))
	obs := quiet()
	obs.Posts[1].Forecast = append(constant(0.2, 5), constant(2.5, 25)...)
	moves := NewOptimizer(0, 0).Decide(obs)
	require.Len(t, moves, 1)
	assert.Equal(t, "b", moves[0].To)
}

// TestLineNow: a reading taken before the decision is carried forward at
// its rate with the staff on the post now.
func TestLineNow(t *testing.T) {
	obs := twoLines(2 * sim.Minute)
	b := &obs.Posts[1]
	b.ArrivalsPerMin, b.LineAt = 1.5, obs.Now-10*sim.Minute
	var m model
	m.reset(b, []float64{1.5}, 30)
	// One server against 1.5 a minute: the line grew by 0.5 a minute.
	assert.InDelta(t, 35, lineNow(obs, b, &m, 1.5), 1e-9)
	// Three servers: the backlog above the stationary line drained at 1.5
	// a minute for 10 minutes.
	b.Staff = 3
	lq := MMC{Lambda: 1.5, Mu: 1, C: 3}.Lq()
	assert.InDelta(t, lq+(30-lq-15), lineNow(obs, b, &m, 1.5), 1e-9)
	// A ride drains at its capacity, to nothing.
	r := rideView()
	r.Staff, r.Line, r.LineAt = 2, 100, obs.Now-10*sim.Minute
	m.reset(r, nil, 30)
	assert.InDelta(t, 0, lineNow(obs, r, &m, 0), 1e-9)
	r.LineAt = obs.Now
	assert.InDelta(t, 100, lineNow(obs, r, &m, 0), 1e-9)
}

// TestOptimizerDeterministic: the same observations give the same moves.
func TestOptimizerDeterministic(t *testing.T) {
	run := func() [][]Move {
		o := NewOptimizer(20, 1)
		var all [][]Move
		for r := range 5 {
			obs := randomObservation(newRand(uint64(r)), 30, 80)
			all = append(all, o.Decide(obs))
		}
		return all
	}
	a, b := run(), run()
	assert.Equal(t, a, b)
	moved := 0
	for r, moves := range a {
		require.NoError(t, Feasible(randomObservation(newRand(uint64(r)), 30, 80), moves))
		moved += len(moves)
	}
	assert.Positive(t, moved)
}

func TestPlanned(t *testing.T) {
	start := 9 * sim.Hour
	day := &Observation{
		Now:   start,
		Rules: Rules{MinStay: 10 * sim.Minute, Horizon: 30 * sim.Minute},
		Posts: []PostView{
			{ID: "a", Kind: Registers, Max: 3, ServiceRate: 2, Staff: 2},
			{ID: "b", Kind: Registers, Max: 3, ServiceRate: 2, Staff: 1},
		},
		Members: []MemberView{
			{ID: "m0", Skills: []int{0, 1}, Post: 0, MovesLeft: 3, ShiftStart: start, ShiftEnd: start + 2*sim.Hour},
			{ID: "m1", Skills: []int{0, 1}, Post: 0, MovesLeft: 3, ShiftStart: start, ShiftEnd: start + 2*sim.Hour},
			{ID: "m2", Skills: []int{0, 1}, Post: 1, MovesLeft: 3, ShiftStart: start, ShiftEnd: start + 2*sim.Hour},
			{ID: "late", Skills: []int{1}, Post: -1, State: OffShift, MovesLeft: 3, ShiftStart: start + sim.Hour, ShiftEnd: start + 3*sim.Hour},
		},
		Walk: func(int, int) sim.Time { return 2 * sim.Minute },
	}
	// a is busy in the first hour, b in the second; nobody comes in the third.
	demand := [][]float64{{150, 30, 0}, {30, 150, 0}}
	pl, err := NewPlanned(day, start, demand)
	require.NoError(t, err)
	assert.Equal(t, "planned", pl.Name())
	require.Equal(t, 3, pl.Hours())

	at := func(h int) map[string]string {
		got := map[string]string{}
		for _, m := range day.Members {
			if p, ok := pl.At(m.ID, h); ok {
				got[m.ID] = p
			}
		}
		return got
	}
	count := func(h int, post string) int {
		n := 0
		for _, p := range at(h) {
			if p == post {
				n++
			}
		}
		return n
	}
	// The roster's staff-hours: everyone on shift is placed, nobody else.
	assert.Len(t, at(0), 3)
	assert.Len(t, at(1), 4)
	assert.Len(t, at(2), 1)
	assert.Equal(t, 2, count(0, "a"))
	assert.Equal(t, "b", at(1)["late"])
	assert.Greater(t, count(1, "b"), count(1, "a"))

	// As a policy it follows the schedule: nothing in the first hour, then
	// the moves that bring the second hour's posts.
	assert.Empty(t, pl.Decide(day))
	obs := advance(day, start+sim.Hour+5*sim.Minute)
	obs.Members[3].State, obs.Members[3].Post, obs.Members[3].Since = Working, 1, start+sim.Hour
	obs.Posts[1].Staff++
	moves := pl.Decide(obs)
	require.NoError(t, Feasible(obs, moves))
	after := apply(obs, moves)
	for i, m := range after.Members {
		want, _ := pl.At(m.ID, 1)
		assert.Equal(t, want, after.Posts[m.Post].ID, "member %d", i)
	}

	_, err = NewPlanned(day, start, [][]float64{{1}})
	assert.Error(t, err)
	_, err = NewPlanned(day, start, [][]float64{{1, 2}, {1}})
	assert.Error(t, err)
}

// A member counts in an hour for the share of it it is on shift and off
// its breaks; the plan starts a newcomer at the post its shift begins at.
func TestPlannedCountsShares(t *testing.T) {
	m := MemberView{ShiftStart: 9*sim.Hour + 30*sim.Minute, ShiftEnd: 17 * sim.Hour,
		Breaks: []Break{{At: 12*sim.Hour + 15*sim.Minute, Length: 30 * sim.Minute}}}
	for _, tt := range []struct {
		hour  sim.Time
		share float64
	}{{8, 0}, {9, 0.5}, {10, 1}, {12, 0.5}, {13, 1}, {16, 1}, {17, 0}} {
		assert.InDelta(t, tt.share, available(&m, tt.hour*sim.Hour, (tt.hour+1)*sim.Hour), 1e-12, "hour %d", tt.hour)
	}

	start := 9 * sim.Hour
	day := &Observation{
		Now:   start,
		Rules: Rules{MinStay: 10 * sim.Minute, Horizon: 30 * sim.Minute},
		Posts: []PostView{
			{ID: "a", Kind: Registers, Max: 3, ServiceRate: 2},
			{ID: "b", Kind: Registers, Max: 3, ServiceRate: 2},
		},
		Members: []MemberView{
			{ID: "late", Skills: []int{0, 1}, Post: -1, Start: 1, State: OffShift, MovesLeft: 3, ShiftStart: start, ShiftEnd: start + 2*sim.Hour},
		},
		Walk: func(int, int) sim.Time { return 2 * sim.Minute },
	}
	// Nobody comes: the newcomer is as useful anywhere, and starts at its own post.
	pl, err := NewPlanned(day, start, [][]float64{{0, 0}, {0, 0}})
	require.NoError(t, err)
	at, ok := pl.At("late", 0)
	require.True(t, ok)
	assert.Equal(t, "b", at)
	// A crowd at a: it is sent there once the gain is worth the walk.
	pl, err = NewPlanned(day, start, [][]float64{{300, 300}, {0, 0}})
	require.NoError(t, err)
	at, _ = pl.At("late", 0)
	assert.Equal(t, "a", at)
}
