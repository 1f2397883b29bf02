package scenarios

import (
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
	r, err := parseRate("1800/h")
	require.NoError(t, err)
	require.Equal(t, 1800.0, r)
	r, err = parseRate("30/min")
	require.NoError(t, err)
	require.Equal(t, 1800.0, r)
	r, err = parseRate("0.5/s")
	require.NoError(t, err)
	require.Equal(t, 1800.0, r)
	_, err = parseRate("1800 per hour")
	require.EqualError(t, err, `"1800 per hour" is not a rate: write a number per unit, like "1800/h" or "30/min"`)

	l, err := parseLength("1.2km")
	require.NoError(t, err)
	require.Equal(t, 1200.0, l)
	l, err = parseLength("350m")
	require.NoError(t, err)
	require.Equal(t, 350.0, l)
	_, err = parseLength("350")
	require.Error(t, err)
}

func TestCheckSlug(t *testing.T) {
	for _, ok := range []string{"space-mountain", "a", "ride-2"} {
		require.NoError(t, checkSlug(ok), ok)
	}
	for _, bad := range []string{"Space", "a--b", "-a", "a-", "a_b", "", "é"} {
		require.Error(t, checkSlug(bad), bad)
	}
}
