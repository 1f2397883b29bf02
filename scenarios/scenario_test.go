package scenarios

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// tiny is a valid scenario; the tests below break it in one place or many.
const tiny = `name = "tiny"
open = "09:00"
close = "12:00"

[[zone]]
id = "gate"
at = [0, 0]

[[zone]]
id = "west"
at = [-200, 0]

[[path]]
from = "gate"
to = "west"

[entry]
zone = "gate"
turnstiles = 2

[[attraction]]
id = "coaster"
zone = "west"
vehicle_capacity = 8
capacity = "720/h"
ride_time = "2m"

[arrivals]
guests = 500
from = "09:00"
hourly = [3, 2, 1]
`

func problems(t *testing.T, src string) []string {
	t.Helper()
	_, err := Parse("park.toml", []byte(src))
	if err == nil {
		return nil
	}
	var ps Problems
	require.True(t, errors.As(err, &ps), "error is %T: %v", err, err)
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return lines
}

func TestTinyIsValid(t *testing.T) {
	s, err := Parse("park.toml", []byte(tiny))
	require.NoError(t, err)
	require.Equal(t, "tiny", s.Name)
	a := s.Park.Attractions[0]
	require.Equal(t, 40*sim.Second, a.DispatchEvery, "8 riders at 720/h leave every 40 s")
	require.Equal(t, "coaster", a.Name, "name defaults to the id")
	require.Equal(t, 200.0, s.Park.Paths[0].Length, "length defaults to the straight line")
	require.Equal(t, defaultPatience, s.Park.Guests.Patience)
}

// TestEveryProblemAtOnce breaks the scenario in the four ways a planner most
// often does and expects each reported on its own line, with position.
func TestEveryProblemAtOnce(t *testing.T) {
	src := strings.NewReplacer(
		`to = "west"`, `to = "weast"`,
		`vehicle_capacity = 8`, "vehicle_capacity = -3\nvehicle_capacty = 8",
		`ride_time = "2m"`, `ride_time = "12 minutes"`,
	).Replace(tiny)
	require.Equal(t, []string{
		`park.toml:15:1: path[0].to: unknown zone "weast"; the zones are gate, west`,
		`park.toml:24:1: attraction[0].vehicle_capacity: -3 is out of range: it must be from 1 to 100,000`,
		`park.toml:25:1: attraction[0].vehicle_capacty: unknown key; did you mean "vehicle_capacity"?`,
		`park.toml:27:1: attraction[0].ride_time: "12 minutes" is not a duration: write a number and a unit, like "90s", "12m" or "1h30m"`,
	}, problems(t, src))
}

func TestProblems(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string
		want     []string
	}{
		{"syntax error", `turnstiles = 2`, `turnstiles = = 2`,
			[]string{`park.toml:19:14: entry.turnstiles: expected value but found '=' instead`}},
		{"wrong type", `turnstiles = 2`, `turnstiles = "two"`,
			[]string{`park.toml:19:1: entry.turnstiles: must be a whole number, not a string`}},
		{"missing required key", "turnstiles = 2\n", "",
			[]string{`park.toml:17:2: entry.turnstiles: missing: this key is required`}},
		{"path to itself", `to = "west"`, `to = "gate"`,
			[]string{`park.toml:9:3: zone[1]: zone "west" cannot be reached from the entry zone "gate": add a [[path]]`, `park.toml:15:1: path[0].to: a path from zone "gate" to itself: name another zone`}},
		{"missing table", "[arrivals]\nguests = 500\nfrom = \"09:00\"\nhourly = [3, 2, 1]\n", "",
			[]string{`park.toml: arrivals: missing: this key is required`}},
		{"bad id", `id = "coaster"`, `id = "Big Coaster"`,
			[]string{`park.toml:22:1: attraction[0].id: "Big Coaster" is not an id: use lowercase letters, digits and single dashes, like "space-mountain"`}},
		{"no capacity at all", "capacity = \"720/h\"\n", "",
			[]string{`park.toml:21:3: attraction[0].capacity: missing: give capacity (riders an hour) or dispatch_every`}},
		{"zero capacity", `capacity = "720/h"`, `capacity = "0/h"`,
			[]string{`park.toml:25:1: attraction[0].capacity: must be more than 0`}},
		{"both capacity forms", `capacity = "720/h"`, "capacity = \"720/h\"\ndispatch_every = \"40s\"",
			[]string{`park.toml:25:1: attraction[0].capacity: give dispatch_every or capacity, not both`}},
		{"closes before it opens", `close = "12:00"`, `close = "08:00"`,
			[]string{`park.toml:3:1: close: the park closes (08:00) before it opens (09:00)`,
				`park.toml:31:1: arrivals.hourly: 3 hours from 09:00 run past closing time 08:00`}},
		{"unreachable zone", "[[path]]\nfrom = \"gate\"\nto = \"west\"\n", "",
			[]string{`park.toml:9:3: zone[1]: zone "west" cannot be reached from the entry zone "gate": add a [[path]]`}},
		{"duplicate zone", `id = "west"`, `id = "gate"`,
			[]string{`park.toml:10:1: zone[1].id: zone "gate" is defined twice`,
				`park.toml:15:1: path[0].to: unknown zone "west"; the zones are gate, gate`,
				`park.toml:23:1: attraction[0].zone: unknown zone "west"; the zones are gate, gate`}},
		{"unknown distribution", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\nparty_size = { dist = \"poisson\", mean = 3 }\n",
			[]string{`park.toml:32:16: arrivals.party_size.dist: unknown distribution "poisson": use const, exp, uniform, lognormal or empirical`}},
		{"distribution in wrong unit", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\n[guests]\nstay = { dist = \"exp\", mean = 8 }\n",
			[]string{`park.toml:33:24: guests.stay.mean: must be a duration with a unit, like "4m", not an integer`}},
		{"distribution parameter missing", "hourly = [3, 2, 1]\n", "hourly = [3, 2, 1]\n[guests]\npatience = { dist = \"uniform\", min = \"5m\" }\n",
			[]string{`park.toml:33:1: guests.patience.max: missing: this key is required`}},
		{"negative hourly weight", `hourly = [3, 2, 1]`, `hourly = [3, -2, 1]`,
			[]string{`park.toml:31:14: arrivals.hourly[1]: -2 is out of range: it must be from 0 to 1e+15`}},
		{"unknown top-level key", `name = "tiny"`, "name = \"tiny\"\nseeds = 3",
			[]string{`park.toml:2:1: seeds: unknown key; the keys here are arrivals, attraction, bands, buses, close, description, entry, extends, guests, incident, merchant, name, open, path, persona, posting, reservations, restaurant, satisfaction, sensing, staff, staffing, zone`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, tiny, tc.old)
			require.Equal(t, tc.want, problems(t, strings.Replace(tiny, tc.old, tc.new, 1)))
		})
	}
}

func TestEmbeddedScenariosAreValid(t *testing.T) {
	names := Embedded()
	require.Contains(t, names, "default")
	require.Contains(t, names, "small")
	for _, name := range names {
		s, err := LoadEmbedded(name)
		require.NoError(t, err, name)
		require.Equal(t, name, s.Name, "an embedded scenario's name is its file name")
		require.NotEmpty(t, s.Description, name)
	}
	_, err := LoadEmbedded("nope")
	require.EqualError(t, err, `no embedded scenario "nope"; the embedded scenarios are `+strings.Join(names, ", "))
}

func TestOpenPrefersFiles(t *testing.T) {
	s, err := Open("small.toml") // the file beside this test
	require.NoError(t, err)
	require.Equal(t, "small.toml", s.File)
	s, err = Open("small")
	require.NoError(t, err)
	require.Equal(t, "embedded:small", s.File)
	_, err = Open("missing.toml")
	require.EqualError(t, err, "missing.toml: cannot read: no such file or directory")
}
