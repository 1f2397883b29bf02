package scenarios

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"parksim/sim"
)

// maxDuration bounds every duration a scenario gives: a park day with its
// night is at most two days, and anything longer is a typo.
const maxDuration = 48 * sim.Hour

var durationRE = regexp.MustCompile(`^([0-9]+(\.[0-9]+)?(h|ms|m|s))+$`)

// parseDuration reads a duration with units, "90s", "12m", "1h30m", "250ms",
// into milliseconds; at most maxDuration.
func parseDuration(s string) (sim.Time, error) {
	if strings.HasPrefix(s, "-") && durationRE.MatchString(s[1:]) {
		return 0, fmt.Errorf("duration %q is negative", s)
	}
	if !durationRE.MatchString(s) {
		return 0, fmt.Errorf("%q is not a duration: write a number and a unit, like \"90s\", \"12m\" or \"1h30m\"", s)
	}
	d, err := time.ParseDuration(s)
	if err != nil || d > time.Duration(maxDuration)*time.Millisecond {
		return 0, fmt.Errorf("duration %q is longer than %v", s, time.Duration(maxDuration)*time.Millisecond)
	}
	return sim.Millis(float64(d) / float64(time.Millisecond)), nil
}

var clockRE = regexp.MustCompile(`^(\d{1,2}):(\d{2})(?::(\d{2}))?$`)

// parseClock reads a clock time of the park day, "09:00" or "21:30:15";
// hours up to 47 reach into the night after.
func parseClock(s string) (sim.Time, error) {
	m := clockRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("%q is not a clock time: write it like \"09:00\"", s)
	}
	h, _ := strconv.Atoi(m[1])
	mi, _ := strconv.Atoi(m[2])
	sec := 0
	if m[3] != "" {
		sec, _ = strconv.Atoi(m[3])
	}
	if h > 47 || mi > 59 || sec > 59 {
		return 0, fmt.Errorf("%q is not a clock time: hours run to 47, minutes and seconds to 59", s)
	}
	return sim.Time(h)*sim.Hour + sim.Time(mi)*sim.Minute + sim.Time(sec)*sim.Second, nil
}

var rateRE = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)\s*/\s*(h|min|s)$`)

// parseRate reads a rate, "1800/h", "30/min" or "0.5/s", as events per hour.
func parseRate(s string) (float64, error) {
	m := rateRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("%q is not a rate: write a number per unit, like \"1800/h\" or \"30/min\"", s)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, fmt.Errorf("%q is too large a rate", s)
	}
	switch m[2] {
	case "min":
		v *= 60
	case "s":
		v *= 3600
	}
	return v, nil
}

var lengthRE = regexp.MustCompile(`^([0-9]+(?:\.[0-9]+)?)\s*(m|km)$`)

// maxMetres bounds lengths and coordinates: the largest parks measure a few
// kilometres across, so 100 km is a typo.
const maxMetres = 100_000

// parseLength reads a length, "350m" or "1.2km", in metres; at most
// maxMetres.
func parseLength(s string) (float64, error) {
	m := lengthRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("%q is not a length: write it like \"350m\" or \"1.2km\"", s)
	}
	v, _ := strconv.ParseFloat(m[1], 64)
	if m[2] == "km" {
		v *= 1000
	}
	if !(v <= maxMetres) { // also +Inf from an absurd number of digits
		return 0, fmt.Errorf("%q is longer than 100km", s)
	}
	return v, nil
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func checkSlug(s string) error {
	if !slugRE.MatchString(s) {
		return fmt.Errorf("%q is not an id: use lowercase letters, digits and single dashes, like \"space-mountain\"", s)
	}
	return nil
}

// number converts a TOML integer or float to float64.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, false
		}
		return x, true
	}
	return 0, false
}

// tomlType names a decoded TOML value's type for messages ("must be X, not
// Y"). TOML's nan and inf are floats, but calling them "a number" would
// read "must be a number, not a number": they are named as written.
func tomlType(v any) string {
	switch x := v.(type) {
	case tooBig:
		return x.lit + " (a number too large to hold)"
	case string:
		return "a string"
	case int64:
		return "an integer"
	case float64:
		switch {
		case math.IsNaN(x):
			return "nan (not a finite number)"
		case math.IsInf(x, 1):
			return "inf (not a finite number)"
		case math.IsInf(x, -1):
			return "-inf (not a finite number)"
		}
		return "a number"
	case bool:
		return "a boolean"
	case map[string]any:
		return "a table"
	case []map[string]any, []any:
		return "an array"
	case time.Time:
		return "a date or time"
	}
	return fmt.Sprintf("a %T", v)
}

var moneyRE = regexp.MustCompile(`^([0-9]{1,9})(?:\.([0-9]{2}))?$`)

// parseMoney reads an amount in the park's currency, "12.50" or "12", into
// cents.
func parseMoney(s string) (int64, error) {
	m := moneyRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("%q is not an amount of money: write it like \"12.50\"", s)
	}
	whole, _ := strconv.ParseInt(m[1], 10, 64)
	cents := int64(0)
	if m[2] != "" {
		cents, _ = strconv.ParseInt(m[2], 10, 64)
	}
	return whole*100 + cents, nil
}
