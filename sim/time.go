package sim

import (
	"fmt"
	"strconv"
)

// Time is simulated time: a count of milliseconds since the start of the
// simulated day (midnight), so Time(9*Hour) is 09:00. The same type measures
// durations.
type Time int64

// Units of Time.
const (
	Millisecond Time = 1
	Second           = 1000 * Millisecond
	Minute           = 60 * Second
	Hour             = 60 * Minute
)

// Seconds reports t in seconds.
func (t Time) Seconds() float64 { return float64(t) / float64(Second) }

// Minutes reports t in minutes.
func (t Time) Minutes() float64 { return float64(t) / float64(Minute) }

// Hours reports t in hours.
func (t Time) Hours() float64 { return float64(t) / float64(Hour) }

// String formats t as a clock time with milliseconds, "09:41:07.250".
// Hours past midnight keep counting ("25:00:00.000"); negative times get a
// leading minus sign.
func (t Time) String() string {
	var b [24]byte
	out := b[:0]
	if t < 0 {
		out = append(out, '-')
		t = -t
	}
	h, rest := t/Hour, t%Hour
	m, rest := rest/Minute, rest%Minute
	s, ms := rest/Second, rest%Second
	out = pad(out, int64(h), 2)
	out = append(out, ':')
	out = pad(out, int64(m), 2)
	out = append(out, ':')
	out = pad(out, int64(s), 2)
	out = append(out, '.')
	out = pad(out, int64(ms), 3)
	return string(out)
}

// Clock formats t as "09:41", the form scenarios use for clock times.
func (t Time) Clock() string {
	s := t.String()
	return s[:len(s)-7]
}

// pad appends v in decimal, left-padded with zeros to width digits.
func pad(out []byte, v int64, width int) []byte {
	for n, d := int64(1), 1; d < width; d++ {
		if n *= 10; v < n {
			out = append(out, '0')
		}
	}
	return strconv.AppendInt(out, v, 10)
}

// MaxMillis is the largest magnitude Millis accepts: 2⁵³ ms, about 285,000
// years, where float64 still holds every whole millisecond.
const MaxMillis = 1 << 53

// Millis rounds a real number of milliseconds to a Time. It is the one place
// where sampled real-valued durations become integer time: halves round away
// from zero. A value that is not finite or beyond ±MaxMillis is a bug in the
// caller (inputs are validated before they reach the engine) and panics,
// rather than becoming a meaningless time.
func Millis(ms float64) Time {
	if !(ms >= -MaxMillis && ms <= MaxMillis) { // also catches NaN
		panic(fmt.Sprintf("sim: %v ms is not a usable time", ms))
	}
	if ms < 0 {
		return -Time(-ms + 0.5)
	}
	return Time(ms + 0.5)
}
