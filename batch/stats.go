package batch

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Interval is a two-sided confidence interval at Level (e.g. 0.95).
type Interval struct {
	Level float64
	Lo    float64
	Hi    float64
}

// HalfWidth is half the interval's width.
func (iv Interval) HalfWidth() float64 { return (iv.Hi - iv.Lo) / 2 }

// Contains reports whether x lies in the closed interval.
func (iv Interval) Contains(x float64) bool { return iv.Lo <= x && x <= iv.Hi }

// Estimate is one metric over one alternative's replications: the days
// that have the metric (a day without it is left out). CI is nil, and Note
// says why, when fewer than two days have it; P50 and P95 are quantiles of
// the days' values (the smallest value at or above that share of them).
type Estimate struct {
	N    int
	Mean float64
	SD   float64
	CI   *Interval
	P50  float64
	P95  float64
	Note string
}

// Difference is a mean difference and its interval (nil with fewer than
// two pairs, or when it cannot be computed).
type Difference struct {
	Mean float64
	CI   *Interval
}

// tQuantile is the two-sided critical value of Student's t with df degrees
// of freedom at level: P(|T| ≤ t) = level.
func tQuantile(level, df float64) float64 {
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1 - (1-level)/2)
}

// tInterval is mean ± t·se with df degrees of freedom.
func tInterval(mean, se, df, level float64) *Interval {
	hw := tQuantile(level, df) * se
	return &Interval{Level: level, Lo: mean - hw, Hi: mean + hw}
}

// estimate describes values at level.
func estimate(values []float64, level float64) Estimate {
	e := Estimate{N: len(values)}
	switch len(values) {
	case 0:
		e.Note = "no replication has this metric"
		return e
	case 1:
		e.Mean, e.P50, e.P95 = values[0], values[0], values[0]
		e.Note = "one replication: no interval"
		return e
	}
	e.Mean, e.SD = stat.MeanStdDev(values, nil)
	n := float64(len(values))
	e.CI = tInterval(e.Mean, e.SD/math.Sqrt(n), n-1, level)
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	e.P50 = stat.Quantile(0.50, stat.Empirical, sorted, nil)
	e.P95 = stat.Quantile(0.95, stat.Empirical, sorted, nil)
	return e
}

// paired compares alt with base replication by replication (the same seed
// on both: common random numbers): the mean of alt − base and its t
// interval; the relative difference (mean difference over the baseline's
// mean) with an interval by the delta method, which counts the baseline
// mean's own uncertainty; and Welch's unpaired interval of the same
// difference over the same days, so the gain from pairing shows. Relative
// is nil when the baseline's mean is 0. It is over the size of the
// baseline's mean, so that a rise is positive whatever its sign (an NPS
// from −10 to −12 falls by 20%). The slices hold one pair per index.
func paired(alt, base []float64, level float64) (diff Difference, rel *Difference, welch *Interval) {
	n := len(alt)
	if n == 0 {
		return Difference{}, nil, nil
	}
	d := make([]float64, n)
	for i := range d {
		d[i] = alt[i] - base[i]
	}
	diff.Mean = stat.Mean(d, nil)
	baseMean := stat.Mean(base, nil)
	if baseMean != 0 {
		rel = &Difference{Mean: diff.Mean / math.Abs(baseMean)}
	}
	if n < 2 {
		return diff, rel, nil
	}
	fn := float64(n)
	diff.CI = tInterval(diff.Mean, stat.StdDev(d, nil)/math.Sqrt(fn), fn-1, level)
	if rel != nil {
		// Linearised ratio: z_i = (d_i − r·b_i) / b̄, r = d̄/b̄, has mean 0
		// and the variance of r̂ times n; dividing by |b̄| instead changes
		// only the sign.
		ratio := diff.Mean / baseMean
		z := make([]float64, n)
		for i := range z {
			z[i] = (d[i] - ratio*base[i]) / baseMean
		}
		rel.CI = tInterval(rel.Mean, stat.StdDev(z, nil)/math.Sqrt(fn), fn-1, level)
	}
	va, vb := stat.Variance(alt, nil)/fn, stat.Variance(base, nil)/fn
	se := math.Sqrt(va + vb)
	if se == 0 {
		welch = &Interval{Level: level, Lo: diff.Mean, Hi: diff.Mean}
		return diff, rel, welch
	}
	// Welch–Satterthwaite degrees of freedom.
	df := (va + vb) * (va + vb) / (va*va/(fn-1) + vb*vb/(fn-1))
	welch = tInterval(diff.Mean, se, df, level)
	return diff, rel, welch
}

// bonferroni is the level of each of m comparisons that together hold
// level: 1 − (1 − level)/m.
func bonferroni(level float64, m int) float64 {
	if m <= 1 {
		return level
	}
	return 1 - (1-level)/float64(m)
}

// Needed decides, for a plan whose replications run until a target
// half-width (Replications.Count 0), whether more are needed after a round.
// outs are the outcomes of replications 0..n−1 of every alternative. It is
// done when every alternative's interval for every target metric
// (Replications.Metrics, or all the plan's metrics) is no wider than
// ±HalfWidth (times |mean| when Relative), or when n has reached Max.
// Otherwise reps is the number of replications to have run after the next
// round: at least Min and n+1, at most Max (when set), and for each
// interval too wide n·(hw/target)², which is where the current standard
// deviation says the target is met. The answer depends on outs only, not
// on their order. For a fixed Count it is Count, done once n reaches it.
func Needed(p *Plan, outs []Outcome) (reps int, done bool) {
	r := p.Replications
	n := 0
	for _, o := range outs {
		n = max(n, o.Unit.Rep+1)
	}
	if r.Count > 0 {
		return r.Count, n >= r.Count
	}
	if r.Max > 0 && n >= r.Max {
		return n, true
	}
	if n < r.Min || n < 2 {
		return clampReps(max(r.Min, n+1, 2), n, r.Max), false
	}
	targets := r.Metrics
	if len(targets) == 0 {
		targets = p.Metrics
	}
	sorted := sortedOutcomes(outs)
	values := make([][]float64, len(p.Alternatives))
	want := n
	done = true
	for _, m := range targets {
		for a := range values {
			values[a] = values[a][:0]
		}
		for _, o := range sorted {
			if v, ok := Lookup(o.Summary, m); ok && o.Unit.Alt >= 0 && o.Unit.Alt < len(values) {
				values[o.Unit.Alt] = append(values[o.Unit.Alt], v)
			}
		}
		for a := range values {
			e := estimate(values[a], p.Confidence)
			target := r.HalfWidth
			if r.Relative {
				target *= math.Abs(e.Mean)
			}
			if e.CI != nil && e.CI.HalfWidth() <= target {
				continue
			}
			done = false
			next := n + 1
			if e.CI != nil && target > 0 {
				ratio := e.CI.HalfWidth() / target
				next = int(math.Ceil(float64(n) * ratio * ratio))
			} else if e.CI != nil && r.Max > 0 {
				next = r.Max // a zero target is met only by a zero-width interval
			}
			want = max(want, next)
		}
	}
	if done {
		return n, true
	}
	return clampReps(want, n, r.Max), false
}

// clampReps keeps a next count above n and within Max (0: no Max).
func clampReps(want, n, maxReps int) int {
	want = max(want, n+1)
	if maxReps > 0 {
		want = min(want, maxReps)
	}
	return want
}

// sortedOutcomes orders outcomes by alternative, then replication, so that
// every figure is computed in the same order whatever order they came in.
func sortedOutcomes(outs []Outcome) []Outcome {
	s := slices.Clone(outs)
	slices.SortStableFunc(s, func(a, b Outcome) int {
		if a.Unit.Alt != b.Unit.Alt {
			return a.Unit.Alt - b.Unit.Alt
		}
		return a.Unit.Rep - b.Unit.Rep
	})
	return s
}
