package scenarios

import (
	"strconv"

	"parksim/sim"
)

// unit says what a distribution's parameters are written in.
type unit int

const (
	inDuration unit = iota // "4m", in milliseconds once read
	inNumber               // a plain number: metres per second, guests per party
)

// dist reads a distribution: { dist = "exp", mean = "4m" } and the like, or a
// bare value meaning a constant. The names and parameters are:
//
//	const      value
//	exp        mean
//	uniform    min, max
//	lognormal  mean, sd
//	empirical  values, weights (optional, equal by default)
func (t *table) dist(k string, u unit, def sim.Dist) sim.Dist {
	v, ok := t.get(k)
	if !ok {
		return def
	}
	if _, isMap := v.(map[string]any); !isMap {
		// A bare value is a constant.
		d := &table{r: t.r, path: t.path, m: map[string]any{k: v}, read: map[string]bool{}}
		x, ok := d.param(k, u)
		if !ok {
			return def
		}
		return sim.Const{V: x}
	}
	d := t.sub(k, false)
	defer d.done()
	name := d.str("dist", true, "")
	switch name {
	case "":
		return def
	case "const":
		if x, ok := d.param("value", u); ok {
			return sim.Const{V: x}
		}
	case "exp":
		if m, ok := d.param("mean", u); ok {
			if m <= 0 {
				t.r.problem(d.key("mean"), "must be more than 0")
				return def
			}
			return sim.Exp{M: m}
		}
	case "uniform":
		lo, ok1 := d.param("min", u)
		hi, ok2 := d.param("max", u)
		if ok1 && ok2 {
			if hi < lo {
				t.r.problem(d.key("max"), "is below min")
				return def
			}
			return sim.Uniform{Min: lo, Max: hi}
		}
	case "lognormal":
		m, ok1 := d.param("mean", u)
		sd, ok2 := d.param("sd", u)
		if ok1 && ok2 {
			if m <= 0 {
				t.r.problem(d.key("mean"), "must be more than 0")
				return def
			}
			return sim.NewLogNormal(m, sd)
		}
	case "empirical":
		values := d.params("values", u)
		var weights []float64
		if _, has := d.m["weights"]; has {
			weights = d.numbers("weights", false)
		} else {
			d.read["weights"] = true
		}
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

// param reads one parameter of a distribution in unit u; it must be ≥ 0.
func (t *table) param(k string, u unit) (float64, bool) {
	v, ok := t.value(k, true)
	if !ok {
		return 0, false
	}
	return t.paramValue(t.key(k), v, u)
}

func (t *table) paramValue(key string, v any, u unit) (float64, bool) {
	switch u {
	case inDuration:
		s, isStr := v.(string)
		if !isStr {
			t.r.problem(key, "must be a duration with a unit, like \"4m\", not %s", tomlType(v))
			return 0, false
		}
		d, err := parseDuration(s)
		if err != nil {
			t.r.problem(key, "%v", err)
			return 0, false
		}
		return float64(d), true
	default:
		x, isNum := number(v)
		if !isNum {
			t.r.problem(key, "must be a number, not %s", tomlType(v))
			return 0, false
		}
		if x < 0 {
			t.r.problem(key, "%v is negative", x)
			return 0, false
		}
		return x, true
	}
}

// params reads an array of distribution values in unit u.
func (t *table) params(k string, u unit) []float64 {
	v, ok := t.value(k, true)
	if !ok {
		return nil
	}
	xs, isList := v.([]any)
	if !isList {
		t.wrongType(k, "an array", v)
		return nil
	}
	out := make([]float64, len(xs))
	for i, x := range xs {
		f, ok := t.paramValue(t.key(k)+"["+strconv.Itoa(i)+"]", x, u)
		if !ok {
			return nil
		}
		out[i] = f
	}
	return out
}
