package staffing

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// playDay runs policy over a synthetic day from 09:00 to 17:00 in rounds of
// 5 minutes and returns the guest-minutes of waiting and the moves made.
// The truth is the package's own models, stepped 5 minutes at a time with
// the arrivals of the day's curve and the staff each post really has
// (walking members count from their arrival); the policy sees each line
// and arrival rate 2 minutes late. Demand moves across the park: the west
// ride and register are busy in the morning, the east ones in the
// afternoon, the middle ones all day.
func playDay(t *testing.T, policy Policy) (float64, int) {
	open := 9 * sim.Hour
	ride := []float64{0, 0, 800, 1200, 1600}
	obs := &Observation{
		Now:   open,
		Rules: Rules{MinStay: 30 * sim.Minute, Horizon: 45 * sim.Minute},
		Posts: []PostView{
			{ID: "west/crew", Kind: Crew, Zone: 0, Max: 4, CapacityPerHour: ride},
			{ID: "middle/crew", Kind: Crew, Zone: 1, Max: 4, CapacityPerHour: ride},
			{ID: "east/crew", Kind: Crew, Zone: 2, Max: 4, CapacityPerHour: ride},
			{ID: "west/registers", Kind: Registers, Zone: 0, Max: 4, ServiceRate: 0.5, Patience: 15},
			{ID: "middle/registers", Kind: Registers, Zone: 1, Max: 4, ServiceRate: 0.5, Patience: 15},
			{ID: "east/registers", Kind: Registers, Zone: 2, Max: 4, ServiceRate: 0.5, Patience: 15},
		},
	}
	obs.Walk = func(from, to int) sim.Time {
		if from < 0 {
			return 3 * sim.Minute
		}
		d := obs.Posts[from].Zone - obs.Posts[to].Zone
		return sim.Time(3+5*max(d, -d)) * sim.Minute
	}
	// Three crew on each ride and two at each register; every member may
	// work any ride or any register, not both.
	for p := range obs.Posts {
		n := 3
		skills := []int{0, 1, 2}
		if p >= 3 {
			n, skills = 2, []int{3, 4, 5}
		}
		for k := range n {
			obs.Members = append(obs.Members, MemberView{ID: fmt.Sprintf("%s-%d", obs.Posts[p].ID, k), Skills: skills,
				Post: p, Since: open, MovesLeft: 4, ShiftStart: open, ShiftEnd: open + 8*sim.Hour})
			obs.Posts[p].Staff++
		}
	}
	// Guests a minute at each post, t minutes after opening.
	rate := func(p int, t float64) float64 {
		x := t / 480 // 0 at opening, 1 at close
		switch p % 3 {
		case 0:
			x = 1 - x
		case 1:
			x = 0.5
		}
		if p < 3 {
			return (500 + 1000*x) / 60
		}
		return 0.4 + 1.0*x
	}
	lines := make([]float64, len(obs.Posts))
	rates := make([]float64, len(obs.Posts))
	total, moves := 0.0, 0
	const round = 5
	for now := open; now < open+8*sim.Hour; now += round * sim.Minute {
		obs.Now = now
		for p := range obs.Posts {
			pv := &obs.Posts[p]
			if now > open {
				pv.Line, pv.ArrivalsPerMin, pv.LineAt = lines[p], rates[p], now-2*sim.Minute
			}
		}
		require.NoError(t, obs.Check())
		mv := policy.Decide(obs)
		require.NoError(t, Feasible(obs, mv), "%s at %v", policy.Name(), now)
		obs = apply(obs, mv)
		moves += len(mv)
		// The truth over the next 5 minutes; the policy reads the line at
		// the end and the rate 2 minutes before it, 2 minutes late.
		for p := range obs.Posts {
			pv := &obs.Posts[p]
			var changes []Change
			for _, at := range pv.Walking {
				changes = append(changes, Change{At: (at - now).Minutes(), Delta: +1})
			}
			arr := make([]float64, round)
			for i := range arr {
				arr[i] = rate(p, (now-open).Minutes()+float64(i)+0.5)
			}
			out := Predict(pv, lines[p], arr, pv.Staff, changes, round)
			total += out.GuestMinutes
			lines[p] = out.EndLine
			rates[p] = arr[2]
		}
		obs = advance(obs, now+round*sim.Minute)
	}
	return total, moves
}

// TestPoliciesOverADay: over a day whose demand moves across the park, the
// optimizer saves most of the waiting the static roster leaves, more than
// the threshold rule, and both with a handful of moves rather than one
// every round.
func TestPoliciesOverADay(t *testing.T) {
	static, n := playDay(t, Static{})
	require.Zero(t, n)
	threshold, nt := playDay(t, NewThreshold(10, -5))
	optimizer, no := playDay(t, NewOptimizer(0, 50))
	t.Logf("guest-minutes: static %.0f, threshold %.0f (%d moves), optimizer %.0f (%d moves)", static, threshold, nt, optimizer, no)
	assert.False(t, math.IsNaN(optimizer))
	assert.Less(t, optimizer, 0.25*static)
	assert.Less(t, threshold, 0.5*static)
	assert.Less(t, optimizer, threshold)
	assert.Less(t, nt, 12)
	assert.Less(t, no, 12)
}
