package scenarios

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want sim.Time
		err  string
	}{
		{"90s", 90 * sim.Second, ""},
		{"12m", 12 * sim.Minute, ""},
		{"1h30m", 90 * sim.Minute, ""},
		{"250ms", 250, ""},
		{"2.5m", 150 * sim.Second, ""},
		{"12 minutes", 0, `"12 minutes" is not a duration: write a number and a unit, like "90s", "12m" or "1h30m"`},
		{"12", 0, `"12" is not a duration: write a number and a unit, like "90s", "12m" or "1h30m"`},
		{"-5m", 0, `duration "-5m" is negative`},
	} {
		got, err := parseDuration(tc.in)
		if tc.err != "" {
			require.EqualError(t, err, tc.err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, got, tc.in)
	}
}

func TestParseClock(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want sim.Time
		ok   bool
	}{
		{"09:00", 9 * sim.Hour, true},
		{"9:05", 9*sim.Hour + 5*sim.Minute, true},
		{"21:30:15", 21*sim.Hour + 30*sim.Minute + 15*sim.Second, true},
		{"25:00", 25 * sim.Hour, true}, // 01:00 the night after
		{"48:00", 0, false},
		{"09:60", 0, false},
		{"9am", 0, false},
	} {
		got, err := parseClock(tc.in)
		require.Equal(t, tc.ok, err == nil, tc.in)
		require.Equal(t, tc.want, got, tc.in)
	}
}

func TestParseRateAndLength(t *testing.T) {
	for _, tc := range []struct {
		parse func(string) (float64, error)
		in    string
		want  float64
		err   string
	}{
		{parseRate, "1800/h", 1800, ""},
		{parseRate, "30/min", 1800, ""},
		{parseRate, "0.5/s", 1800, ""},
		{parseRate, "1800 per hour", 0, `"1800 per hour" is not a rate: write a number per unit, like "1800/h" or "30/min"`},
		{parseLength, "1.2km", 1200, ""},
		{parseLength, "350m", 350, ""},
		{parseLength, "350", 0, `"350" is not a length: write it like "350m" or "1.2km"`},
		{parseLength, "101km", 0, `"101km" is longer than 100km`},
	} {
		got, err := tc.parse(tc.in)
		if tc.err != "" {
			require.EqualError(t, err, tc.err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, got, tc.in)
	}
}

func TestCheckSlug(t *testing.T) {
	for _, ok := range []string{"space-mountain", "a", "ride-2"} {
		require.NoError(t, checkSlug(ok), ok)
	}
	for _, bad := range []string{"Space", "a--b", "-a", "a-", "a_b", "", "é"} {
		require.Error(t, checkSlug(bad), bad)
	}
}

// TestNonFiniteNumbers: TOML's nan and ±inf are floats; wherever a number
// goes, they are named as what they are, not as "a number".
func TestNonFiniteNumbers(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{`vehicle_capacity = 8`, "vehicle_capacity = 8\nappeal = nan", `attraction[0].appeal: must be a number, not nan (not a finite number)`},
		{`vehicle_capacity = 8`, "vehicle_capacity = 8\nappeal = -inf", `attraction[0].appeal: must be a number, not -inf (not a finite number)`},
		{`turnstiles = 2`, `turnstiles = inf`, `entry.turnstiles: must be a whole number, not inf (not a finite number)`},
		{`at = [-200, 0]`, `at = [nan, 0]`, `zone[1].at[0]: must be a number, not nan (not a finite number)`},
		{`ride_time = "2m"`, `ride_time = +inf`, `attraction[0].ride_time: must be text with a unit, like "90s", not inf (not a finite number)`},
		{`hourly = [3, 2, 1]`, "hourly = [3, 2, 1]\nparty_size = { dist = \"uniform\", min = 1, max = inf }", `arrivals.party_size.max: must be a number, not inf (not a finite number)`},
		{`hourly = [3, 2, 1]`, "hourly = [3, 2, 1]\n[guests]\npatience = { dist = \"exp\", mean = nan }", `guests.patience.mean: must be a duration with a unit, like "4m", not nan (not a finite number)`},
	} {
		require.Contains(t, tiny, tc.old)
		got := problems(t, strings.Replace(tiny, tc.old, tc.new, 1))
		require.Len(t, got, 1, "%q", got)
		require.Contains(t, got[0], tc.want)
	}
}
