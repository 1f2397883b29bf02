package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Dist is a distribution of real values. Values in time units are
// milliseconds and become Time through Duration.
type Dist interface {
	// Rand draws one value using only the explicit generator r, so the
	// caller's stream alone decides the value.
	Rand(r *rand.Rand) float64
	// Mean is the distribution's expected value.
	Mean() float64
}

// Duration draws a duration in milliseconds from d and rounds it once, here,
// to a Time. Negative draws become 0; draws beyond MaxMillis become
// MaxMillis (a heavy tail must not overflow time).
func Duration(d Dist, r *rand.Rand) Time {
	v := d.Rand(r)
	if !(v > 0) { // also catches NaN
		return 0
	}
	return Millis(math.Min(v, MaxMillis))
}

// Const always yields V.
type Const struct{ V float64 }

// Rand returns V and consumes nothing from r.
func (c Const) Rand(*rand.Rand) float64 { return c.V }

// Mean returns V.
func (c Const) Mean() float64 { return c.V }

// Exp is the exponential distribution with the given mean (1/rate).
type Exp struct{ M float64 }

// Rand draws one exponential value from r.
func (x Exp) Rand(r *rand.Rand) float64 { return r.ExpFloat64() * x.M }

// Mean returns M.
func (x Exp) Mean() float64 { return x.M }

// Uniform is the continuous uniform distribution on [Min, Max).
type Uniform struct{ Min, Max float64 }

// Rand draws one value from r.
func (u Uniform) Rand(r *rand.Rand) float64 { return u.Min + r.Float64()*(u.Max-u.Min) }

// Mean returns the midpoint.
func (u Uniform) Mean() float64 { return (u.Min + u.Max) / 2 }

// LogNormal is the distribution of exp(N(Mu, Sigma²)). Build it from the
// mean and standard deviation of the value itself with NewLogNormal, which is
// how planners think of a ride's dwell or a guest's stay.
type LogNormal struct{ Mu, Sigma float64 }

// NewLogNormal returns the log-normal distribution with the given mean and
// standard deviation (both > 0; sd may be 0 for a constant). It panics on
// other inputs: validating them is the caller's job.
func NewLogNormal(mean, sd float64) LogNormal {
	if !(mean > 0) || sd < 0 {
		panic(fmt.Sprintf("sim: NewLogNormal(%v, %v): mean must be > 0 and sd >= 0", mean, sd))
	}
	s2 := math.Log1p((sd * sd) / (mean * mean))
	return LogNormal{Mu: math.Log(mean) - s2/2, Sigma: math.Sqrt(s2)}
}

// Rand draws one value from r.
func (l LogNormal) Rand(r *rand.Rand) float64 { return math.Exp(l.Mu + l.Sigma*r.NormFloat64()) }

// Mean returns exp(Mu + Sigma²/2).
func (l LogNormal) Mean() float64 { return math.Exp(l.Mu + l.Sigma*l.Sigma/2) }

// Empirical draws one of a fixed list of values with given weights.
type Empirical struct {
	values []float64
	cum    []float64 // cumulative weights, last = 1
}

// NewEmpirical returns the discrete distribution over values with the given
// weights (nil weights: equally likely). It returns an error when the lists
// are empty, differ in length, or a weight is negative or all are zero.
func NewEmpirical(values, weights []float64) (Empirical, error) {
	if len(values) == 0 {
		return Empirical{}, fmt.Errorf("needs at least one value")
	}
	if weights == nil {
		weights = make([]float64, len(values))
		for i := range weights {
			weights[i] = 1
		}
	}
	if len(weights) != len(values) {
		return Empirical{}, fmt.Errorf("has %d values but %d weights", len(values), len(weights))
	}
	total := 0.0
	for _, w := range weights {
		if w < 0 || math.IsNaN(w) || math.IsInf(w, 0) {
			return Empirical{}, fmt.Errorf("weight %v is not a finite number >= 0", w)
		}
		total += w
	}
	if total == 0 {
		return Empirical{}, fmt.Errorf("weights add up to 0")
	}
	if math.IsInf(total, 1) {
		return Empirical{}, fmt.Errorf("weights add up to more than a float64 holds")
	}
	e := Empirical{values: append([]float64(nil), values...), cum: make([]float64, len(weights))}
	acc := 0.0
	for i, w := range weights {
		acc += w
		e.cum[i] = acc / total
	}
	e.cum[len(e.cum)-1] = 1
	return e, nil
}

// Rand draws one of the values from r, by weight.
func (e Empirical) Rand(r *rand.Rand) float64 {
	u := r.Float64()
	// The first cumulative weight strictly above u, so a zero weight is never drawn.
	return e.values[sort.Search(len(e.cum), func(i int) bool { return e.cum[i] > u })]
}

// Mean is the weighted mean of the values.
func (e Empirical) Mean() float64 {
	m, prev := 0.0, 0.0
	for i, c := range e.cum {
		m += e.values[i] * (c - prev)
		prev = c
	}
	return m
}

// Histogram is piecewise uniform: the value falls in bin i, [Start+i·Width,
// Start+(i+1)·Width), with probability proportional to weight i, and
// uniformly within the bin. An hourly arrival curve is one.
type Histogram struct {
	start, width float64
	cum          []float64 // cumulative weights, last = 1
}

// NewHistogram returns the histogram distribution with the given first bin
// start, bin width (> 0) and bin weights, with the same rules for weights as
// NewEmpirical.
func NewHistogram(start, width float64, weights []float64) (Histogram, error) {
	if !(width > 0) || math.IsInf(width, 1) {
		return Histogram{}, fmt.Errorf("bin width %v is not a finite number > 0", width)
	}
	bins := make([]float64, len(weights))
	for i := range bins {
		bins[i] = float64(i)
	}
	e, err := NewEmpirical(bins, weights)
	if err != nil {
		return Histogram{}, err
	}
	return Histogram{start: start, width: width, cum: e.cum}, nil
}

// Rand draws one value from r: a bin by weight, then a point within it.
func (h Histogram) Rand(r *rand.Rand) float64 {
	u := r.Float64()
	i := sort.Search(len(h.cum), func(i int) bool { return h.cum[i] > u })
	lo := 0.0
	if i > 0 {
		lo = h.cum[i-1]
	}
	// Reuse u: its position within the bin's share of [0, 1) is uniform.
	return h.start + (float64(i)+(u-lo)/(h.cum[i]-lo))*h.width
}

// Bins returns each bin's probability, in order.
func (h Histogram) Bins() []float64 {
	w := make([]float64, len(h.cum))
	prev := 0.0
	for i, c := range h.cum {
		w[i], prev = c-prev, c
	}
	return w
}

// Mean is the weighted mean of the bin midpoints.
func (h Histogram) Mean() float64 {
	m, prev := 0.0, 0.0
	for i, c := range h.cum {
		m += (float64(i) + 0.5) * (c - prev)
		prev = c
	}
	return h.start + m*h.width
}

// Binomial draws the number of successes in n trials of probability p from
// r: exactly (n Bernoulli draws) for n below 64, and by the normal
// approximation, rounded and kept within 0..n, above; p of 0 or 1 gives 0 or
// n exactly. Its cost does not grow with n, which is what lets a zone reader
// ping thousands of bands per tick.
func Binomial(r *rand.Rand, n int, p float64) int {
	switch {
	case n <= 0 || p <= 0:
		return 0
	case p >= 1:
		return n
	case n < 64:
		k := 0
		for range n {
			if r.Float64() < p {
				k++
			}
		}
		return k
	}
	mean := float64(n) * p
	k := int(math.Round(mean + math.Sqrt(mean*(1-p))*r.NormFloat64()))
	return min(max(k, 0), n)
}
