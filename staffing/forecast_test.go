package staffing

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// feed gives h a reading every 5 minutes up to now, each taken delay
// before it is known and carrying the rate at its time times a noise
// factor, as the sensor publishes them.
func feed(h *Holt, truth func(min float64) float64, now, delay sim.Time, noise func() float64) {
	for at := sim.Time(0); at+delay <= now; at += 5 * sim.Minute {
		h.Observe(at, truth(at.Minutes())*noise())
	}
}

// forecastError is the mean absolute error of h's forecast of the next
// minutes after now, relative to the mean of the truth over them.
func forecastError(h *Holt, truth func(min float64) float64, now sim.Time, minutes int) float64 {
	out := make([]float64, minutes)
	h.Forecast(now, out)
	var abs, sum float64
	for i, f := range out {
		want := truth(now.Minutes() + float64(i) + 0.5)
		abs += math.Abs(f - want)
		sum += want
	}
	return abs / sum
}

func TestHoltRamp(t *testing.T) {
	// Arrivals ramp from 1 to 13 a minute over the two hours of a morning,
	// read every 5 minutes, known 2 minutes late, exactly.
	ramp := func(m float64) float64 { return 1 + 0.1*m }
	h := NewHolt()
	now := 120 * sim.Minute
	feed(&h, ramp, now, 2*sim.Minute, func() float64 { return 1 })
	require.True(t, h.Ready())
	// The damped trend undershoots a ramp that goes on: by at most 5% of
	// the level over the next 30 minutes, 12% over the next 60.
	e30, e60 := forecastError(&h, ramp, now, 30), forecastError(&h, ramp, now, 60)
	t.Logf("ramp: relative error %.3f over 30 min, %.3f over 60", e30, e60)
	assert.Less(t, e30, 0.05)
	assert.Less(t, e60, 0.12)
	// The forecast rises, as the ramp does.
	out := make([]float64, 30)
	h.Forecast(now, out)
	assert.Greater(t, out[29], out[0])
}

func TestHoltNoisyPlateau(t *testing.T) {
	// 10 arrivals a minute read with 20% noise (a normal factor, sd 0.2)
	// every 5 minutes for three hours, known 3 minutes late. Over 200
	// seeded days the mean relative error of the next 60 minutes' forecast
	// stays within 12%, and no day's above 35%; a naive forecast (the last
	// reading held) does worse on average.
	plateau := func(float64) float64 { return 10 }
	const seed = 11
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	noise := func() float64 { return max(1+0.2*rng.NormFloat64(), 0) }
	var mean, worst, naive float64
	const days = 200
	now := 180 * sim.Minute
	for range days {
		h := NewHolt()
		var last float64
		feed(&h, plateau, now, 3*sim.Minute, func() float64 { last = noise(); return last })
		e := forecastError(&h, plateau, now, 60)
		mean += e / days
		worst = max(worst, e)
		naive += math.Abs(10*last-10) / 10 / days
	}
	t.Logf("plateau: mean relative error %.3f, worst %.3f; last reading held %.3f", mean, worst, naive)
	assert.Less(t, mean, 0.12)
	assert.Less(t, worst, 0.35)
	assert.Less(t, mean, naive)
}

func TestHoltIgnoresRepeatsAndNonsense(t *testing.T) {
	h := NewHolt()
	out := []float64{7, 7}
	h.Forecast(0, out)
	assert.Equal(t, []float64{0, 0}, out, "no reading yet")
	h.Observe(10*sim.Minute, 4)
	h.Observe(10*sim.Minute, 100) // the same reading's time again: ignored
	h.Observe(5*sim.Minute, 100)  // older: ignored
	h.Observe(15*sim.Minute, math.NaN())
	h.Observe(15*sim.Minute, -3)
	h.Forecast(10*sim.Minute, out)
	assert.Equal(t, []float64{4, 4}, out)
	// A falling trend never forecasts fewer than no arrivals.
	h.Observe(20*sim.Minute, 0)
	h.Observe(25*sim.Minute, 0)
	big := make([]float64, 600)
	h.Forecast(25*sim.Minute, big)
	for _, v := range big {
		assert.GreaterOrEqual(t, v, 0.0)
	}
}
