package scenarios

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestHostileValues: values that are well-formed TOML but absurd must come
// back as problems with their key, never as a panic, a hang or a silently
// wrong day. Each case breaks the tiny scenario in one place.
func TestHostileValues(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string
		want     string // the start of the one problem, "" when the file is fine and must run
	}{
		{"huge hourly weights", `hourly = [3, 2, 1]`, `hourly = [1e308, 1e308, 1]`,
			`park.toml:31:1: arrivals.hourly: weights add up to more than a float64 holds`},
		{"walk speed with a huge sd", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\n[guests]\nwalk_speed = { dist = \"lognormal\", mean = 1, sd = 1e200 }\n",
			`park.toml:33:46: guests.walk_speed.sd: 1e+200 is out of range: it must be from 0 to 5`},
		{"path far longer than any park", "to = \"west\"\n", "to = \"west\"\nlength = \"10000000000000000km\"\n",
			`park.toml:16:1: path[0].length: "10000000000000000km" is longer than 100km`},
		{"a length of 400 digits", "to = \"west\"\n", "to = \"west\"\nlength = \"" + strings.Repeat("9", 400) + "m\"\n",
			`park.toml:16:1: path[0].length: "` + strings.Repeat("9", 400) + `m" is longer than 100km`},
		{"coordinates beyond the map", `at = [-200, 0]`, `at = [-1.7e308, 0]`,
			`park.toml:11:1: zone[1].at: is more than 100km from the origin`},
		{"a ride of 200,000 hours", `ride_time = "2m"`, `ride_time = "200000h"`,
			`park.toml:26:1: attraction[0].ride_time: duration "200000h" is longer than 48h0m0s`},
		{"a ride of a day and a half", `ride_time = "2m"`, `ride_time = "36h"`,
			`park.toml:26:1: attraction[0].ride_time: is longer than 24h`},
		{"a vehicle a century", `capacity = "720/h"`, `dispatch_every = "47h"`,
			`park.toml:25:1: attraction[0].dispatch_every: vehicles would leave only every 47 h: at least one a day`},
		{"a capacity that rounds to nothing", `capacity = "720/h"`, `capacity = "0.000000000000001/h"`,
			`park.toml:25:1: attraction[0].capacity: vehicles would leave only every`},
		{"a capacity no loader keeps up with", `capacity = "720/h"`, `capacity = "100000000/h"`,
			`park.toml:25:1: attraction[0].capacity: vehicles would leave every 0.000288s: at most one a second (raise vehicle_capacity)`},
		{"parties of two billion", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\nparty_size = 2147483649\n",
			`park.toml:32:1: arrivals.party_size: 2.147483649e+09 is out of range: it must be from 1 to 50`},
		{"a duration without a unit", `ride_time = "2m"`, `ride_time = "0"`,
			`park.toml:26:1: attraction[0].ride_time: "0" is not a duration`},
		{"microseconds", `ride_time = "2m"`, `ride_time = "5us"`,
			`park.toml:26:1: attraction[0].ride_time: "5us" is not a duration`},
		{"a distribution without its name", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\n[guests]\npatience = { mean = \"45m\", sd = \"15m\" }\n",
			`park.toml:33:1: guests.patience.dist: missing: name the distribution (const, exp, uniform, lognormal or empirical)`},
		{"nothing to do elsewhere", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\n[guests]\nelsewhere = \"0s\"\npatience = \"0s\"\n", ""},
		{"zero ride time", `ride_time = "2m"`, `ride_time = "0s"`, ""},
		{"one guest", `guests = 500`, `guests = 1`, ""},
		{"a vehicle for everybody", `vehicle_capacity = 8`, `vehicle_capacity = 100000`,
			`park.toml:25:1: attraction[0].capacity: vehicles would leave only every 139 h: at least one a day`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, tiny, tc.old)
			src := strings.Replace(tiny, tc.old, tc.new, 1)
			got := problems(t, src)
			if tc.want != "" {
				require.Len(t, got, 1, "%q", got)
				require.True(t, strings.HasPrefix(got[0], tc.want), "got  %s\nwant %s…", got[0], tc.want)
				return
			}
			require.Empty(t, got)
			s, err := Parse("park.toml", []byte(src))
			require.NoError(t, err)
			day, err := s.Build(1)
			require.NoError(t, err)
			sum := day.Run()
			require.Positive(t, sum.Guests)
			require.Less(t, sum.Events, uint64(1_000_000), "the day ran away")
		})
	}
}

// FuzzParse feeds mutated scenarios to the reader: it must answer with a
// scenario or with problems, never panic. The seed corpus runs with every
// `go test`; `go test -fuzz FuzzParse ./scenarios` explores further.
func FuzzParse(f *testing.F) {
	for _, name := range Embedded() {
		src, err := embedded.ReadFile(name + ".toml")
		require.NoError(f, err)
		f.Add(src)
	}
	f.Add([]byte(tiny))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("fuzz.toml", src)
		if err != nil {
			require.IsType(t, Problems{}, err)
			return
		}
		if s.Park.Arrivals.Guests <= 5000 {
			_, err := s.Build(1) // draws every party: must not panic either
			require.NoError(t, err)
		}
	})
}
