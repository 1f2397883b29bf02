package sim

import (
	"math"
	"slices"
)

// Tally accumulates count, mean, variance, minimum and maximum of
// observations in constant space (Welford's method). The zero Tally is empty.
type Tally struct {
	n        int64
	mean, m2 float64
	min, max float64
}

// Add records one observation.
func (t *Tally) Add(x float64) {
	t.n++
	if t.n == 1 {
		t.min, t.max = x, x
	} else {
		t.min = math.Min(t.min, x)
		t.max = math.Max(t.max, x)
	}
	d := x - t.mean
	t.mean += d / float64(t.n)
	t.m2 += d * (x - t.mean)
}

// Count is the number of observations.
func (t *Tally) Count() int64 { return t.n }

// Mean is the sample mean, 0 when empty.
func (t *Tally) Mean() float64 { return t.mean }

// Var is the unbiased sample variance, 0 with fewer than two observations.
func (t *Tally) Var() float64 {
	if t.n < 2 {
		return 0
	}
	return t.m2 / float64(t.n-1)
}

// StdDev is the square root of Var.
func (t *Tally) StdDev() float64 { return math.Sqrt(t.Var()) }

// Min and Max are the extreme observations, 0 when empty.
func (t *Tally) Min() float64 { return t.min }
func (t *Tally) Max() float64 { return t.max }

// Sample keeps every observation so that it can report exact quantiles, on
// top of what a Tally reports. It costs 8 bytes per observation.
type Sample struct {
	Tally
	xs     []float64
	sorted bool
}

// Add records one observation.
func (s *Sample) Add(x float64) {
	s.Tally.Add(x)
	s.xs = append(s.xs, x)
	s.sorted = false
}

// Quantile returns the p-quantile (0 ≤ p ≤ 1) by linear interpolation
// between order statistics (the "type 7" rule of R and NumPy); 0 when empty.
func (s *Sample) Quantile(p float64) float64 {
	n := len(s.xs)
	if n == 0 {
		return 0
	}
	if !s.sorted {
		slices.Sort(s.xs)
		s.sorted = true
	}
	p = math.Min(math.Max(p, 0), 1)
	h := p * float64(n-1)
	i := int(h)
	if i >= n-1 {
		return s.xs[n-1]
	}
	return s.xs[i] + (h-float64(i))*(s.xs[i+1]-s.xs[i])
}

// TimeWeighted tracks a level that changes at discrete times (a queue's
// length, busy servers) and reports its time average. The zero value starts
// at level 0 at time 0; use Reset to start elsewhere.
type TimeWeighted struct {
	start, last Time
	level       float64
	area        float64 // ∫ level dt in level·ms
	max         float64
}

// Reset restarts the statistic at time now with the given level, discarding
// history (for example after a warm-up).
func (w *TimeWeighted) Reset(now Time, level float64) {
	*w = TimeWeighted{start: now, last: now, level: level, max: level}
}

// Set changes the level at time now; now must not go backwards.
func (w *TimeWeighted) Set(now Time, level float64) {
	w.area += w.level * float64(now-w.last)
	w.last = now
	w.level = level
	if level > w.max {
		w.max = level
	}
}

// Add changes the level by delta at time now.
func (w *TimeWeighted) Add(now Time, delta float64) { w.Set(now, w.level+delta) }

// Level is the current level.
func (w *TimeWeighted) Level() float64 { return w.level }

// Max is the highest level seen.
func (w *TimeWeighted) Max() float64 { return w.max }

// Mean is the time average of the level from the start to now.
func (w *TimeWeighted) Mean(now Time) float64 {
	span := now - w.start
	if span <= 0 {
		return w.level
	}
	return (w.area + w.level*float64(now-w.last)) / float64(span)
}
