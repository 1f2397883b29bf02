package staffing

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func constant(rate float64, minutes int) []float64 {
	a := make([]float64, minutes)
	for i := range a {
		a[i] = rate
	}
	return a
}

// A servers' line in its steady state keeps its stationary queue: over a
// horizon it holds Lq guests throughout, and a guest waits Wq. These are
// queueing.md's M/M/3 and M/M/1 rows.
func TestPredictErlangCWorkedNumbers(t *testing.T) {
	tests := []struct {
		name     string
		lambda   float64
		mu       float64
		c        int
		wq, lq   float64
		horizon  int
		tolerant float64
	}{
		{"M/M/3", 2, 1, 3, 4.0 / 9, 8.0 / 9, 60, 1e-9},
		{"M/M/1", 0.9, 1, 1, 9.0, 8.1, 45, 1e-9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &PostView{ID: "r", Kind: Registers, Max: tt.c + 2, ServiceRate: tt.mu}
			out := Predict(p, tt.lq, constant(tt.lambda, tt.horizon), tt.c, nil, tt.horizon)
			assert.InDelta(t, tt.lq*float64(tt.horizon), out.GuestMinutes, tt.tolerant)
			assert.InDelta(t, tt.wq, out.WorstWait, tt.tolerant)
			assert.InDelta(t, tt.lq, out.EndLine, tt.tolerant)
		})
	}
}

// queueing.md's a = 10 erlangs table: 100 arrivals per 30 minutes, 3-minute
// service, c = 11 … 16; mean waits in seconds.
func TestPredictTenErlangs(t *testing.T) {
	waits := []float64{122.8, 40.4, 17.1, 7.84, 3.67, 1.72}
	tols := []float64{0.05, 0.05, 0.05, 0.005, 0.005, 0.005}
	lambda := 100.0 / 30
	for k, want := range waits {
		c := 11 + k
		t.Run(fmt.Sprintf("c=%d", c), func(t *testing.T) {
			p := &PostView{ID: "r", Kind: Registers, Max: 16, ServiceRate: 1.0 / 3}
			lq := lambda * want / 60
			out := Predict(p, lq, constant(lambda, 30), c, nil, 30)
			assert.InDelta(t, want, out.WorstWait*60, tols[k])
			assert.InDelta(t, lq*30, out.GuestMinutes, tols[k]*lambda/60*30)
		})
	}
}

// With patience the stationary line is Erlang A's: ten servers facing ten
// erlangs with a mean patience of ten minutes hold Lq = P(abandon)·λ/θ.
func TestPredictErlangA(t *testing.T) {
	q := MMCM{Lambda: 10, Mu: 1, Theta: 0.1, C: 10}
	lq := q.Lq()
	require.InDelta(t, 0.0605*10/0.1, lq, 0.005/0.1*10)
	p := &PostView{ID: "r", Kind: Registers, Max: 12, ServiceRate: 1, Patience: 10}
	out := Predict(p, lq, constant(10, 60), 10, nil, 60)
	assert.InDelta(t, lq*60, out.GuestMinutes, 1e-9)
	assert.InDelta(t, q.Wq(), out.WorstWait, 1e-9)
	assert.InDelta(t, lq, out.EndLine, 1e-9)
}

// A backlog above the stationary line drains at cμ − λ: 30 guests over the
// stationary M/M/3 line at 2 a minute drain at 1 a minute in 30 minutes,
// a triangle of 450 guest-minutes on top of Lq·60; the first guest behind
// them waits Wq + 30/3.
func TestPredictErlangBacklogDrains(t *testing.T) {
	p := &PostView{ID: "r", Kind: Registers, Max: 5, ServiceRate: 1}
	lq, wq := 8.0/9, 4.0/9
	out := Predict(p, lq+30, constant(2, 60), 3, nil, 60)
	assert.InDelta(t, lq*60+450, out.GuestMinutes, 1e-9)
	assert.InDelta(t, wq+10, out.WorstWait, 1e-9)
	assert.InDelta(t, lq, out.EndLine, 1e-9)

	// Without enough servers the line grows at λ − cμ above the stationary
	// line of the fewest servers that would keep up (three, Lq = 8/9): 2 a
	// minute against one server at 1 grows by 1 a minute, from 0: 60²/2
	// guest-minutes on top of Lq·60.
	out = Predict(p, 0, constant(2, 60), 1, nil, 60)
	assert.InDelta(t, lq*60+1800, out.GuestMinutes, 1e-9)
	assert.InDelta(t, lq+60, out.EndLine, 1e-9)
	assert.InDelta(t, lq+60, out.WorstWait, 1e-9)
}

// rideView is queueing.md's ride: 20 riders a vehicle, a dispatch every 60,
// 45 or 40 s with 2, 3 or 4 crew, closed with fewer than 2.
func rideView() *PostView {
	return &PostView{ID: "coaster/crew", Kind: Crew, Max: 4, CapacityPerHour: []float64{0, 0, 1200, 1600, 1800}}
}

// queueing.md: a 2-hour peak of 1,700 guests an hour from an empty queue
// leaves 1,000, 200 or 0 guests with 2, 3 or 4 crew, waits of 50, 7.5 and 0
// minutes. The line grows linearly, so ∫Q dt is half the final line times
// 120 minutes.
func TestPredictRideFluidWorkedNumbers(t *testing.T) {
	arr := constant(1700.0/60, 120)
	for _, tt := range []struct {
		crew       int
		line, wait float64
	}{{2, 1000, 50}, {3, 200, 7.5}, {4, 0, 0}} {
		t.Run(fmt.Sprintf("crew=%d", tt.crew), func(t *testing.T) {
			out := Predict(rideView(), 0, arr, tt.crew, nil, 120)
			assert.InDelta(t, tt.line, out.EndLine, 1e-9)
			assert.InDelta(t, tt.wait, out.WorstWait, 1e-9)
			assert.InDelta(t, tt.line*120/2, out.GuestMinutes, 1e-6)
		})
	}
}

// Hand-computed fluid cases with changes of staff.
func TestPredictRideFluidChanges(t *testing.T) {
	arr := constant(1700.0/60, 120)
	// 2 crew; a third arrives after an hour: the line grows by 500 an hour
	// to 500, then by 100 an hour to 600. ∫ = ½·500·60 + (500+600)/2·60.
	out := Predict(rideView(), 0, arr, 2, []Change{{At: 60, Delta: +1}}, 120)
	assert.InDelta(t, 600, out.EndLine, 1e-9)
	assert.InDelta(t, 15000+33000, out.GuestMinutes, 1e-6)
	assert.InDelta(t, 500/(1200.0/60), out.WorstWait, 1e-9) // just before the third arrives

	// A change inside a minute: 3 crew, one leaves at 30.5 minutes.
	// Growth 100/h then 500/h: Q(30.5) = 50.8333…, Q(60) = 50.8333 + 245.8333.
	out = Predict(rideView(), 0, constant(1700.0/60, 60), 3, []Change{{At: 30.5, Delta: -1}}, 60)
	q1 := 100.0 / 60 * 30.5
	q2 := q1 + 500.0/60*29.5
	assert.InDelta(t, q2, out.EndLine, 1e-9)
	assert.InDelta(t, q1*30.5/2+(q1+q2)/2*29.5, out.GuestMinutes, 1e-6)

	// A line of 100 with no arrivals at 1,200 an hour (20 a minute) is gone
	// in 5 minutes: 250 guest-minutes.
	out = Predict(rideView(), 100, nil, 2, nil, 30)
	assert.InDelta(t, 0, out.EndLine, 1e-12)
	assert.InDelta(t, 250, out.GuestMinutes, 1e-9)
	assert.InDelta(t, 5, out.WorstWait, 1e-9)

	// Below its minimum crew the ride is closed: the line only grows and no
	// wait is finite.
	out = Predict(rideView(), 0, constant(10, 30), 1, nil, 30)
	assert.InDelta(t, 300, out.EndLine, 1e-9)
	assert.InDelta(t, 4500, out.GuestMinutes, 1e-9)
	assert.True(t, math.IsInf(out.WorstWait, 1))

	// Staff beyond the levels described counts as the top level.
	a, b := Predict(rideView(), 50, arr, 4, nil, 60), Predict(rideView(), 50, arr, 9, nil, 60)
	assert.Equal(t, a, b)
}

// With patience the fluid line settles at (λ − capacity)/θ; flow's exact
// solution agrees with a fine Euler integration.
func TestFlowWithPatience(t *testing.T) {
	for _, tt := range []struct{ q, r, theta, dt float64 }{
		{0, 5, 0.1, 30}, {100, 5, 0.1, 30}, {100, -5, 0.1, 30}, {10, -5, 0.2, 30}, {0, -1, 0.5, 3},
	} {
		q, area := flow(tt.q, tt.r, tt.theta, tt.dt)
		eq, earea := tt.q, 0.0
		const steps = 200000
		h := tt.dt / steps
		for range steps {
			next := max(eq+(tt.r-tt.theta*eq)*h, 0)
			earea += (eq + next) / 2 * h
			eq = next
		}
		assert.InDelta(t, eq, q, 1e-3, "%+v", tt)
		assert.InDelta(t, earea, area, 1e-2, "%+v", tt)
	}
	// The ride's line under patience tends to (λ − capacity)/θ.
	p := rideView()
	p.Patience = 10
	out := Predict(p, 0, constant(1700.0/60, 240), 2, nil, 240)
	assert.InDelta(t, (1700.0-1200)/60*10, out.EndLine, 0.01)
}

// More staff never means more waiting: the optimizer's bound on a move's
// gain rests on it.
func TestPredictMonotoneInStaff(t *testing.T) {
	posts := []*PostView{
		rideView(),
		{ID: "r", Kind: Registers, Max: 6, ServiceRate: 0.8},
		{ID: "d", Kind: Desk, Max: 6, ServiceRate: 0.5, Patience: 4},
		{ID: "g", Kind: Turnstiles, Max: 6, ServiceRate: 0.8, Burst: 40},
	}
	for _, p := range posts {
		for _, q0 := range []float64{0, 3, 20} { // below and above the stationary line
			for _, rate := range []float64{0.5, 2, 2.3, 2.39, 4, 30} {
				prev := math.Inf(1)
				for c := 0; c <= p.Max; c++ {
					out := Predict(p, q0, constant(rate, 45), c, nil, 45)
					assert.LessOrEqual(t, out.GuestMinutes, prev+1e-9, "%s line %g rate %g c %d", p.ID, q0, rate, c)
					prev = out.GuestMinutes
					// The earlier a member arrives, the less waiting.
					early := Predict(p, q0, constant(rate, 45), c, []Change{{At: 5, Delta: 1}}, 45)
					late := Predict(p, q0, constant(rate, 45), c, []Change{{At: 20, Delta: 1}}, 45)
					assert.LessOrEqual(t, early.GuestMinutes, late.GuestMinutes+1e-9, "%s line %g rate %g c %d", p.ID, q0, rate, c)
				}
			}
		}
	}
}

// Guests arriving together wait for those ahead of them in their group:
// for one server the stationary wait is M^X/M/1's, (B − 1 + 2ρ)/(2μ(1 − ρ))
// with B the group a guest arrives in (E[X²]/E[X]): groups of 5 at half
// load wait 5 minutes, against 1 one by one. More servers shorten it.
func TestPredictBurstsWorkedNumbers(t *testing.T) {
	p := &PostView{ID: "g", Kind: Turnstiles, Max: 4, ServiceRate: 1, Burst: 5}
	lq := 0.5 * 5.0
	out := Predict(p, lq, constant(0.5, 60), 1, nil, 60)
	assert.InDelta(t, 5, out.WorstWait, 1e-9)
	assert.InDelta(t, lq*60, out.GuestMinutes, 1e-9)
	p.Burst = 1
	assert.InDelta(t, 1, Predict(p, 0.5, constant(0.5, 60), 1, nil, 60).WorstWait, 1e-9, "one by one: M/M/1")
	p.Burst = 5
	two := Predict(p, 0, constant(0.5, 60), 2, nil, 60)
	assert.Less(t, two.WorstWait, 5.0)
	// A bus of 300 at a gate of 16 lanes serving 10 guests a minute each:
	// about 300/(2·160) minutes behind its own riders.
	p = &PostView{ID: "g", Kind: Turnstiles, Max: 20, ServiceRate: 10, Burst: 300}
	bus := Predict(p, 0, constant(20, 60), 16, nil, 60)
	assert.InDelta(t, 299.0/(2*160*(1-20.0/160)), bus.WorstWait, 0.01)
}
