package staffing

import (
	"math"

	"parksim/sim"
)

// Holt forecasts one post's arrivals per minute from its sensed history by
// Holt's linear exponential smoothing with a damped trend (Gardner and
// McKenzie): a smoothed level and a smoothed slope, the slope's
// contribution shrinking by Phi each minute ahead.
//
// Why this method: arrivals at a post ramp up in the morning, plateau and
// fall away, so a forecast needs a trend, and a sensed rate is noisy, so
// it needs smoothing; Holt's method does both with two numbers of state per
// post and O(1) work per reading. Damping keeps a slope read off a few
// noisy readings from being extrapolated a full hour: at Phi = 0.97 a
// minute, a trend adds at most about 32 minutes' worth of slope however far
// ahead one looks. Readings are irregular (the sensor publishes when it
// can), so the update is by elapsed time: the level is carried forward by
// the slope over the gap before it is smoothed, and the slope is the change
// of level per minute. The forecast starts from the reading's time, not the
// decision's, so the sensor's delay is taken into account by looking
// further ahead.
//
// The zero value is not ready: set Alpha, Beta and Phi, or use NewHolt.
type Holt struct {
	Alpha float64 // weight of a new reading in the level, in (0, 1]
	Beta  float64 // weight of a new slope in the trend, in [0, 1]
	Phi   float64 // damping of the trend per minute ahead, in (0, 1]

	level, trend float64 // arrivals per minute, and per minute per minute
	at           sim.Time
	n            int // readings taken
}

// NewHolt returns the smoothing the policies use: α = 0.3, β = 0.1 per
// reading, φ = 0.97 per minute.
func NewHolt() Holt { return Holt{Alpha: 0.3, Beta: 0.1, Phi: 0.97} }

// Observe takes a reading of x arrivals per minute taken at time at. A
// reading no newer than the last one taken is ignored, since the sensed
// view repeats a reading until the next one is published. A negative or
// non-finite x is ignored too.
func (h *Holt) Observe(at sim.Time, x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
		return
	}
	if h.n > 0 && at <= h.at {
		return
	}
	h.n++
	if h.n == 1 {
		h.level, h.trend, h.at = x, 0, at
		return
	}
	dt := (at - h.at).Minutes()
	if h.n == 2 {
		// The usual start: the level at the second reading, the slope
		// between the first two.
		h.level, h.trend, h.at = x, (x-h.level)/dt, at
		return
	}
	prev := h.level
	guess := h.level + h.trend*dt
	h.level = h.Alpha*x + (1-h.Alpha)*guess
	h.trend = h.Beta*(h.level-prev)/dt + (1-h.Beta)*h.trend
	h.at = at
}

// Ready reports whether a reading has been taken.
func (h *Holt) Ready() bool { return h.n > 0 }

// Forecast fills out[i] with the arrivals per minute expected in minute i
// after from (at its midpoint), never below 0. Before any reading it
// fills zeros.
func (h *Holt) Forecast(from sim.Time, out []float64) {
	if h.n == 0 {
		clear(out)
		return
	}
	// s minutes ahead the slope adds Σ_{k=1..s} φ^k = φ(1 − φ^s)/(1 − φ)
	// minutes' worth (s without damping); φ^s is grown a minute at a time.
	s := max((from-h.at).Minutes(), 0) + 0.5
	if h.Phi >= 1 {
		for i := range out {
			out[i] = max(h.level+h.trend*(s+float64(i)), 0)
		}
		return
	}
	pow := math.Pow(h.Phi, s)
	for i := range out {
		out[i] = max(h.level+h.trend*h.Phi*(1-pow)/(1-h.Phi), 0)
		pow *= h.Phi
	}
}
