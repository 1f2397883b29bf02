package scenarios

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/park"
	"parksim/sim"
)

// directionSeeds is the fixed seed set the variant scenarios are compared
// on: each variant against the default day, seed by seed (the same guests
// making the same choices until the variant changes something), and the
// default day's figures against published ones. Five seeds give a 95 %
// interval of 2.776 standard errors (Student t, 4 degrees of freedom).
var directionSeeds = []uint64{1, 2, 3, 4, 5}

// daysOf returns the days of embedded scenarios on seeds, out[n][k] the
// day of names[n] on seeds[k], run two at a time (the machine's cores) and
// each once for every test that asks.
func daysOf(t *testing.T, seeds []uint64, names ...string) [][]park.Summary {
	out := make([][]park.Summary, len(names))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for n, name := range names {
		out[n] = make([]park.Summary, len(seeds))
		for k, seed := range seeds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				out[n][k] = dayOf(t, name, seed).summary
			}()
		}
	}
	wg.Wait()
	return out
}

// seedFigure is one figure of a day, or a difference between two days, on
// each of several seeds.
type seedFigure struct {
	what  string
	seeds []uint64
	vals  []float64
}

// over is the figure f of each of days, run on seeds.
func over[D any](what string, seeds []uint64, days []D, f func(D) float64) seedFigure {
	s := seedFigure{what: what, seeds: seeds}
	for _, d := range days {
		s.vals = append(s.vals, f(d))
	}
	return s
}

// paired is the figure f of the days b less that of the days a, seed by
// seed: a and b are two alternatives run on the same seeds, so the
// difference on each seed is the effect of what changed between them, with
// the same guests making the same choices until then.
func paired[D any](what string, seeds []uint64, a, b []D, f func(D) float64) seedFigure {
	s := seedFigure{what: what, seeds: seeds}
	for k := range a {
		s.vals = append(s.vals, f(b[k])-f(a[k]))
	}
	return s
}

func (s seedFigure) tally() *sim.Tally {
	var t sim.Tally
	for _, v := range s.vals {
		t.Add(v)
	}
	return &t
}

// mean is the figure's mean over its seeds.
func (s seedFigure) mean() float64 { return s.tally().Mean() }

// half is the half-width of the 95 % Student t interval of the mean.
func (s seedFigure) half() float64 {
	t := s.tally()
	return t975(len(s.vals)-1) * t.StdDev() / math.Sqrt(float64(t.Count()))
}

// String gives the mean with its interval and the value on every seed.
func (s seedFigure) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %.6g ± %.3g (95 %%) over seeds", s.what, s.mean(), s.half())
	for k, v := range s.vals {
		fmt.Fprintf(&b, " %d: %.6g", s.seeds[k], v)
		if k < len(s.vals)-1 {
			b.WriteByte(',')
		}
	}
	return b.String()
}

// requireNegative requires the figure below 0 over its seeds with 95 %
// confidence: its mean, plus the half-width of its interval, under 0.
// For a paired difference, the second alternative's figure is lower.
func requireNegative(t *testing.T, s seedFigure) {
	t.Helper()
	t.Log(s)
	require.Less(t, s.mean()+s.half(), 0.0, "%v: the 95 %% interval of the mean must lie below 0", s)
}

// requireBetween requires the figure's mean over its seeds within [lo, hi].
func requireBetween(t *testing.T, s seedFigure, lo, hi float64) {
	t.Helper()
	t.Log(s)
	require.GreaterOrEqual(t, s.mean(), lo, "%v: the mean must be at least %g", s, lo)
	require.LessOrEqual(t, s.mean(), hi, "%v: the mean must be at most %g", s, hi)
}

// t975 is the 97.5th percentile of Student's t with df degrees of freedom.
func t975(df int) float64 {
	table := []float64{12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
		2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086}
	if df < 1 || df > len(table) {
		panic(fmt.Sprintf("t975: %d degrees of freedom: compare over 2 to %d seeds", df, len(table)+1))
	}
	return table[df-1]
}

// TestSeedFigures checks the helpers above on figures worked by hand.
func TestSeedFigures(t *testing.T) {
	seeds := []uint64{1, 2, 3}
	a, b := []float64{10, 12, 14}, []float64{9, 10, 12}
	d := paired("b − a", seeds, a, b, func(v float64) float64 { return v })
	require.Equal(t, []float64{-1, -2, -2}, d.vals)
	require.InDelta(t, -5.0/3, d.mean(), 1e-12)
	// The standard deviation of -1, -2, -2 is √(1/3); over √3 that is 1/3.
	require.InDelta(t, 4.303/3, d.half(), 1e-12)
	require.Equal(t, "b − a: -1.66667 ± 1.43 (95 %) over seeds 1: -1, 2: -2, 3: -2", d.String())
	require.Less(t, d.mean()+d.half(), 0.0, "below 0 with 95 %% confidence")
	noisy := paired("b − a", seeds, a, []float64{9, 13, 12}, func(v float64) float64 { return v })
	require.Greater(t, noisy.mean()+noisy.half(), 0.0, "one seed the other way: not below 0 with 95 %% confidence")
	require.InDelta(t, 12.0, over("a", seeds, a, func(v float64) float64 { return v }).mean(), 1e-12)
	require.Panics(t, func() { t975(0) })
}
