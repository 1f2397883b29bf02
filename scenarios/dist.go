package scenarios

import (
	"fmt"

	"parksim/sim"
)

// unit says what a distribution's parameters are written in.
type unit int

const (
	inDuration unit = iota // "4m", in milliseconds once read
	inNumber               // a plain number: metres per second, guests per party
	inMoney                // "12.50", in cents once read
	inClock                // "12:30", in milliseconds since midnight once read
)

// bounds is the range every parameter of a distribution must lie in (a
// standard deviation only needs to be below the upper bound), in the unit of
// the key: milliseconds for durations.
type bounds struct {
	u      unit
	lo, hi float64
}

// dist reads a distribution: { dist = "exp", mean = "4m" } and the like, or a
// bare value meaning a constant. The names and parameters are:
//
//	const      value
//	exp        mean
//	uniform    min, max
//	lognormal  mean, sd
//	empirical  values, weights (optional, equal by default)
func (t *table) dist(k string, b bounds, def sim.Dist) sim.Dist {
	v, ok := t.get(k)
	if !ok {
		return def
	}
	if _, isMap := v.(map[string]any); !isMap {
		// A bare value is a constant.
		x, ok := t.paramValue(t.key(k), v, b)
		if !ok {
			return def
		}
		return sim.Const{V: x}
	}
	d := t.sub(k, false)
	defer d.done()
	name := d.str("dist", false, "")
	switch name {
	case "":
		if !d.bad["dist"] { // a value that is not a name is reported already
			t.r.problem(d.key("dist"), "missing: name the distribution (const, exp, uniform, lognormal or empirical)")
		}
		for key := range d.m {
			d.read[key] = true // its parameters are not the problem
		}
		return def
	case "const":
		if x, ok := d.param("value", b); ok {
			return sim.Const{V: x}
		}
	case "exp":
		if m, ok := d.param("mean", b); ok {
			if m <= 0 {
				t.r.problem(d.key("mean"), "must be more than 0")
				return def
			}
			return sim.Exp{M: m}
		}
	case "uniform":
		lo, ok1 := d.param("min", b)
		hi, ok2 := d.param("max", b)
		if ok1 && ok2 {
			if hi < lo {
				t.r.problem(d.key("max"), "is below min")
				return def
			}
			return sim.Uniform{Min: lo, Max: hi}
		}
	case "lognormal":
		m, ok1 := d.param("mean", b)
		sd, ok2 := d.param("sd", bounds{b.u, 0, b.hi})
		if ok1 && ok2 {
			if m <= 0 {
				t.r.problem(d.key("mean"), "must be more than 0")
				return def
			}
			return sim.NewLogNormal(m, sd)
		}
	case "empirical":
		values := d.params("values", b)
		weights := d.numbers("weights", false, 0, maxWeight)
		if values != nil {
			e, err := sim.NewEmpirical(values, weights)
			if err != nil {
				t.r.problem(d.key("values"), "%v", err)
				return def
			}
			return e
		}
	default:
		t.r.problem(d.key("dist"), "unknown distribution %q: use const, exp, uniform, lognormal or empirical", name)
		d.read = map[string]bool{"dist": true, "value": true, "mean": true, "min": true, "max": true, "sd": true, "values": true, "weights": true}
	}
	return def
}

// param reads one parameter of a distribution within b.
func (t *table) param(k string, b bounds) (float64, bool) {
	v, ok := t.value(k, true)
	if !ok {
		return 0, false
	}
	return t.paramValue(t.key(k), v, b)
}

// textUnit is a unit written as text: what it is called in messages, how
// to read it and how to show a bound.
type textUnit struct {
	is    string // "a duration with a unit, like \"4m\""
	parse func(string) (float64, error)
	show  func(float64) string
}

var textUnits = map[unit]textUnit{
	inDuration: {`a duration with a unit, like "4m"`,
		func(s string) (float64, error) { d, err := parseDuration(s); return float64(d), err },
		func(x float64) string { return sim.Millis(x).String() }},
	inClock: {`a clock time like "12:30"`,
		func(s string) (float64, error) { c, err := parseClock(s); return float64(c), err },
		func(x float64) string { return sim.Millis(x).Clock() }},
	inMoney: {`an amount of money like "12.50"`,
		func(s string) (float64, error) { c, err := parseMoney(s); return float64(c), err },
		func(x float64) string { return fmt.Sprintf("%.2f", x/100) }},
}

func (t *table) paramValue(key string, v any, b bounds) (float64, bool) {
	if tu, ok := textUnits[b.u]; ok {
		s, isStr := v.(string)
		if !isStr {
			t.r.problem(key, "must be %s, not %s", tu.is, tomlType(v))
			return 0, false
		}
		x, err := tu.parse(s)
		if err != nil {
			t.r.problem(key, "%v", err)
			return 0, false
		}
		if x < b.lo || x > b.hi {
			t.r.problem(key, "%s is out of range: it must be from %s to %s", s, tu.show(b.lo), tu.show(b.hi))
			return 0, false
		}
		return x, true
	}
	return t.r.numberIn(key, v, b.lo, b.hi)
}

// params reads an array of distribution values within b.
func (t *table) params(k string, b bounds) []float64 {
	return listOf(t, k, true, "an array", func(key string, v any) (float64, bool) { return t.paramValue(key, v, b) })
}
