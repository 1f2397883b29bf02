package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Dist is a distribution of real values. Rand draws one value from the
// explicit generator r; Mean is the distribution's expected value. Values in
// time units are milliseconds and become Time through Duration.
type Dist interface {
	Rand(r *rand.Rand) float64
	Mean() float64
}

// Duration draws a duration in milliseconds from d and rounds it once, here,
// to a Time. Negative draws become 0.
func Duration(d Dist, r *rand.Rand) Time {
	v := d.Rand(r)
	if !(v > 0) { // also catches NaN
		return 0
	}
	return Millis(v)
}

// Const always yields V.
type Const struct{ V float64 }

func (c Const) Rand(*rand.Rand) float64 { return c.V }
func (c Const) Mean() float64           { return c.V }

// Exp is the exponential distribution with the given mean (1/rate).
type Exp struct{ M float64 }

func (x Exp) Rand(r *rand.Rand) float64 { return r.ExpFloat64() * x.M }
func (x Exp) Mean() float64             { return x.M }

// Uniform is the continuous uniform distribution on [Min, Max).
type Uniform struct{ Min, Max float64 }

func (u Uniform) Rand(r *rand.Rand) float64 { return u.Min + r.Float64()*(u.Max-u.Min) }
func (u Uniform) Mean() float64             { return (u.Min + u.Max) / 2 }

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

func (l LogNormal) Rand(r *rand.Rand) float64 { return math.Exp(l.Mu + l.Sigma*r.NormFloat64()) }
func (l LogNormal) Mean() float64             { return math.Exp(l.Mu + l.Sigma*l.Sigma/2) }

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
	e := Empirical{values: append([]float64(nil), values...), cum: make([]float64, len(weights))}
	acc := 0.0
	for i, w := range weights {
		acc += w
		e.cum[i] = acc / total
	}
	e.cum[len(e.cum)-1] = 1
	return e, nil
}

func (e Empirical) Rand(r *rand.Rand) float64 {
	u := r.Float64()
	// The first cumulative weight strictly above u, so a zero weight is never drawn.
	return e.values[sort.Search(len(e.cum), func(i int) bool { return e.cum[i] > u })]
}

func (e Empirical) Mean() float64 {
	m, prev := 0.0, 0.0
	for i, c := range e.cum {
		m += e.values[i] * (c - prev)
		prev = c
	}
	return m
}

// Values returns a copy of the values the distribution draws from.
func (e Empirical) Values() []float64 { return append([]float64(nil), e.values...) }
