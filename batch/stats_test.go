package batch

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// The t quantiles are those of printed tables (two-sided, df degrees of
// freedom).
func TestTQuantile(t *testing.T) {
	for _, c := range []struct {
		level, df, want float64
	}{
		{0.95, 9, 2.262157},
		{0.95, 4, 2.776445},
		{0.99, 4, 4.604095},
		{0.90, 19, 1.729133},
		{0.95, 1, 12.706205},
		{0.95, 1000, 1.962339},
	} {
		require.InDelta(t, c.want, tQuantile(c.level, c.df), 1e-5, "level %v df %v", c.level, c.df)
	}
}

// {1, 2, 3, 4, 5}: mean 3, s = √2.5, 95% interval 3 ± 2.776445·√2.5/√5.
func TestEstimateTextbook(t *testing.T) {
	e := estimate([]float64{4, 2, 5, 1, 3}, 0.95)
	require.Equal(t, 5, e.N)
	require.InDelta(t, 3, e.Mean, 1e-12)
	require.InDelta(t, math.Sqrt(2.5), e.SD, 1e-12)
	require.NotNil(t, e.CI)
	require.InDelta(t, 3-1.963243, e.CI.Lo, 1e-5)
	require.InDelta(t, 3+1.963243, e.CI.Hi, 1e-5)
	require.Equal(t, 0.95, e.CI.Level)
	require.Equal(t, 3.0, e.P50)
	require.Equal(t, 5.0, e.P95)
}

func TestEstimateSmall(t *testing.T) {
	e := estimate(nil, 0.95)
	require.Zero(t, e.N)
	require.Nil(t, e.CI)
	require.NotEmpty(t, e.Note)
	e = estimate([]float64{7}, 0.95)
	require.Equal(t, 1, e.N)
	require.Equal(t, 7.0, e.Mean)
	require.Nil(t, e.CI)
	require.Contains(t, e.Note, "no interval")
}

// Days that share a strong common component (the same seed: the same
// crowd, the same weather) differ little between alternatives, so the
// paired interval is much narrower than Welch's on the same days, and
// both hold the true difference.
func TestPairedNarrowerThanUnpaired(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	t.Log("seed 11, 12")
	var base, alt []float64
	for range 20 {
		day := 50 + 10*rng.NormFloat64()
		base = append(base, day+rng.NormFloat64())
		alt = append(alt, day+2+rng.NormFloat64())
	}
	diff, rel, welch := paired(alt, base, 0.95)
	require.NotNil(t, diff.CI)
	require.NotNil(t, welch)
	require.InDelta(t, meanOf(alt)-meanOf(base), diff.Mean, 1e-9)
	require.True(t, diff.CI.Contains(2), "paired %v", diff.CI)
	require.True(t, welch.Contains(2), "welch %v", welch)
	require.Less(t, diff.CI.HalfWidth()*3, welch.HalfWidth(), "paired %v, unpaired %v", diff.CI, welch)
	require.InDelta(t, diff.Mean/meanOf(base), rel.Mean, 1e-12)
	require.True(t, rel.CI.Contains(2/50.0) || rel.CI.Lo > 0, "relative %v", rel.CI)

	// Without a common component pairing gains nothing much: the two
	// intervals are of a size.
	base, alt = base[:0], alt[:0]
	for range 20 {
		base = append(base, 50+rng.NormFloat64())
		alt = append(alt, 52+rng.NormFloat64())
	}
	diff, _, welch = paired(alt, base, 0.95)
	require.InDelta(t, 1, diff.CI.HalfWidth()/welch.HalfWidth(), 0.5)
}

func meanOf(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// Welch's interval on two samples with a known answer (computed by hand:
// means 3 and 5, variances 2.5 and 10, n 5 each, df = 5.882353).
func TestWelch(t *testing.T) {
	base := []float64{1, 2, 3, 4, 5}
	alt := []float64{1, 3, 5, 7, 9}
	_, _, welch := paired(alt, base, 0.95)
	se := math.Sqrt(2.5/5 + 10.0/5)
	tq := tQuantile(0.95, 5.882353)
	require.InDelta(t, 2-tq*se, welch.Lo, 1e-5)
	require.InDelta(t, 2+tq*se, welch.Hi, 1e-5)
	require.Less(t, tq, 2.5706)    // the tables' t(0.975) at df 5
	require.Greater(t, tq, 2.4469) // and at df 6
}

func TestRelativeInterval(t *testing.T) {
	// Alternative exactly 10% above the baseline every day: the relative
	// difference is 10% with no width, whatever the days' spread.
	base := []float64{40, 55, 61, 47, 52}
	alt := make([]float64, len(base))
	for i := range base {
		alt[i] = base[i] * 1.1
	}
	_, rel, _ := paired(alt, base, 0.95)
	require.InDelta(t, 0.1, rel.Mean, 1e-12)
	require.InDelta(t, 0, rel.CI.HalfWidth(), 1e-12)

	_, rel, _ = paired([]float64{1, 2}, []float64{0, 0}, 0.95)
	require.Nil(t, rel, "no relative difference from a baseline mean of 0")
}

func TestBonferroni(t *testing.T) {
	require.Equal(t, 0.95, bonferroni(0.95, 1))
	require.Equal(t, 0.95, bonferroni(0.95, 0))
	require.InDelta(t, 1-0.05/3, bonferroni(0.95, 3), 1e-15)
	require.InDelta(t, 0.9975, bonferroni(0.99, 4), 1e-15)
}

// neededPlan targets ±hw on "x" for two alternatives.
func neededPlan(hw float64, relative bool) *Plan {
	return &Plan{
		Experiment: "needed",
		Alternatives: []Alternative{
			{ID: "s/base/p", Baseline: "s/base/p"},
			{ID: "s/v/p", Baseline: "s/base/p"},
		},
		Metrics:      []string{"x", "y"},
		Confidence:   0.95,
		Replications: Replications{HalfWidth: hw, Relative: relative, Metrics: []string{"x"}, Min: 3, Max: 50},
	}
}

// neededOutcomes are n replications of each alternative with "x" spread
// by sd around 100 and "y" wildly spread (it is not a target).
func neededOutcomes(n int, sd float64) []Outcome {
	rng := rand.New(rand.NewPCG(5, 6))
	var outs []Outcome
	for a := range 2 {
		for r := range n {
			outs = append(outs, Outcome{
				Unit:    Unit{ID: fmt.Sprintf("u%d-%d", a, r), Alt: a, Rep: r, Seed: uint64(r)},
				Summary: map[string]any{"x": 100 + sd*rng.NormFloat64(), "y": 1000 * rng.NormFloat64()},
			})
		}
	}
	return outs
}

func TestNeeded(t *testing.T) {
	// Fewer than Min: run up to Min.
	reps, done := Needed(neededPlan(1, false), neededOutcomes(2, 1))
	require.False(t, done)
	require.Equal(t, 3, reps)

	// Narrow enough already.
	reps, done = Needed(neededPlan(5, false), neededOutcomes(10, 1))
	require.True(t, done)
	require.Equal(t, 10, reps)

	// Too wide: n·(hw/target)², from the widest of the alternatives.
	p := neededPlan(0.5, false)
	outs := neededOutcomes(10, 2)
	reps, done = Needed(p, outs)
	require.False(t, done)
	want := 0
	for a := range 2 {
		var xs []float64
		for _, o := range outs {
			if o.Unit.Alt == a {
				xs = append(xs, o.Summary["x"].(float64))
			}
		}
		hw := estimate(xs, 0.95).CI.HalfWidth()
		want = max(want, int(math.Ceil(10*(hw/0.5)*(hw/0.5))))
	}
	require.Greater(t, want, 11)
	require.Equal(t, min(want, 50), reps)

	// The order of the outcomes does not matter.
	shuffled := slices.Clone(outs)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	r2, d2 := Needed(p, shuffled)
	require.Equal(t, reps, r2)
	require.Equal(t, done, d2)

	// At most Max, and done at Max.
	reps, done = Needed(neededPlan(0.001, false), neededOutcomes(10, 2))
	require.False(t, done)
	require.Equal(t, 50, reps)
	reps, done = Needed(neededPlan(0.001, false), neededOutcomes(50, 2))
	require.True(t, done)
	require.Equal(t, 50, reps)

	// Relative: ±2% of a mean of 100 is ±2.
	_, done = Needed(neededPlan(0.02, true), neededOutcomes(20, 1))
	require.True(t, done)
	_, done = Needed(neededPlan(0.002, true), neededOutcomes(20, 1))
	require.False(t, done)

	// With no target metrics named, every plan metric is a target: "y"
	// is far too wide.
	p = neededPlan(5, false)
	p.Replications.Metrics = nil
	reps, done = Needed(p, neededOutcomes(10, 1))
	require.False(t, done)
	require.Equal(t, 50, reps)

	// A fixed count needs no more than itself.
	p = neededPlan(5, false)
	p.Replications.Count = 12
	reps, done = Needed(p, neededOutcomes(10, 1))
	require.False(t, done)
	require.Equal(t, 12, reps)
	reps, done = Needed(p, neededOutcomes(12, 1))
	require.True(t, done)
	require.Equal(t, 12, reps)

	// A metric no replication has can never be met: one more each round.
	p = neededPlan(5, false)
	p.Replications.Metrics = []string{"absent"}
	reps, done = Needed(p, neededOutcomes(10, 1))
	require.False(t, done)
	require.Equal(t, 11, reps)
}

// A relative difference is over the size of the baseline's mean: a
// negative figure that falls further falls by a positive share.
func TestRelativeDifferenceOfANegativeBaseline(t *testing.T) {
	base := []float64{-10, -11, -9, -10.5}
	alt := []float64{-12, -13.2, -10.8, -12.6}
	_, rel, _ := paired(alt, base, 0.95)
	require.NotNil(t, rel)
	require.InDelta(t, -0.2, rel.Mean, 1e-12)
	require.True(t, rel.CI.Contains(-0.2))
	require.Less(t, rel.CI.Hi, 0.0)
}
