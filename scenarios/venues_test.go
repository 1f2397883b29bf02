package scenarios

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// venues is tiny with a band system, a counter-service restaurant, a
// table-service one and a staffed shop; the tests below break it.
const venues = tiny + `
[bands]

[[restaurant]]
id = "diner"
zone = "gate"
registers = 2
tables = 40

[[restaurant]]
id = "royal"
zone = "west"
service = "table"
tables = 12
reserved = 8
bookings = "5%"

[[merchant]]
id = "gifts"
zone = "west"
kind = "merchandise"
staff = 2
serve = "90s"
`

func TestVenuesAreValid(t *testing.T) {
	require.Empty(t, problems(t, venues))
	sc, err := Parse("park.toml", []byte(venues))
	require.NoError(t, err)
	r := sc.Park.Restaurants[1]
	require.True(t, r.TableService)
	require.Equal(t, 8, r.Reserved)
	require.InDelta(t, 0.05, r.Bookings, 1e-12)
	require.Equal(t, 2, sc.Park.Merchants[0].Staff)

	// An omnimover's cars pass on a grid, like shows on their timetable.
	sc, err = Parse("park.toml", []byte(strings.Replace(venues, `ride_time = "2m"`, "ride_time = \"2m\"\nloading = \"continuous\"", 1)))
	require.NoError(t, err)
	require.True(t, sc.Park.Attractions[0].Timetable)
}

func TestVenueProblems(t *testing.T) {
	for _, tc := range []struct {
		name, old, new string
		want           []string
	}{
		{"registers at table service", "reserved = 8\n", "reserved = 8\nregisters = 3\n",
			[]string{`park.toml:47:1: restaurant[1].registers: a table-service restaurant has no registers: the meal is ordered and served at the table within dine`}},
		{"bookings at a counter", "tables = 40\n", "tables = 40\nbookings = \"5%\"\n",
			[]string{`park.toml:40:1: restaurant[0].bookings: a counter-service restaurant takes no bookings: set service = "table"`}},
		{"bookings without reserved tables", "reserved = 8\n", "",
			[]string{`park.toml:46:1: restaurant[1].bookings: bookings need tables kept for them: set reserved`}},
		{"more reserved than tables", "reserved = 8", "reserved = 20",
			[]string{`park.toml:46:1: restaurant[1].reserved: is more than its 12 tables`}},
		{"unknown service", `service = "table"`, `service = "buffet"`,
			[]string{`park.toml:44:1: restaurant[1].service: must be "counter" or "table", not "buffet"`}},
		{"serve without staff", "staff = 2\n", "",
			[]string{`park.toml:53:1: merchant[0].serve: counts only with staff: an unstaffed till takes the sale at once`}},
		{"negative budget", "[bands]\n", "[guests]\nbudget = \"-5.00\"\n\n[bands]\n",
			[]string{`park.toml:34:1: guests.budget: "-5.00" is not an amount of money: write it like "12.50"`}},
		{"unknown loading", `ride_time = "2m"`, "ride_time = \"2m\"\nloading = \"belt\"",
			[]string{`park.toml:27:1: attraction[0].loading: must be "dispatch" (a vehicle leaves when guests wait) or "continuous" (cars pass all the time), not "belt"`}},
		{"continuous but not on a grid", `ride_time = "2m"`, "ride_time = \"2m\"\nloading = \"continuous\"\ntimetable = false",
			[]string{`park.toml:28:1: attraction[0].timetable: a continuous loader's cars pass on a grid: timetable = false contradicts loading = "continuous"`}},
		{"every table reserved, nobody books", "reserved = 8\nbookings = \"5%\"", "reserved = 12",
			[]string{`park.toml:46:1: restaurant[1].reserved: every table is kept for bookings, and nobody books: set bookings, or keep some tables for walk-ins`}},
		{"budget without bands", "[bands]\n", "[guests]\nbudget = \"50.00\"\n",
			[]string{"park.toml:34:1: guests.budget: a budget limits spending by band: add a [bands] table", "park.toml:50:3: merchant: tills take payment by band: add a [bands] table"}},
		{"first bus at closing", "[bands]\n", "[bands]\n\n[buses]\nevery = \"10m\"\ncapacity = 50\nfirst = \"12:00\"\n",
			[]string{`park.toml:38:1: buses.first: the first bus (12:00) leaves at or after closing (12:00)`}},
		// A value that cannot be read is reported once: the checks that
		// build on it do not report the default put in its place.
		{"bad bus headway", "[bands]\n", "[bands]\n\n[buses]\nevery = \"ten minutes\"\ncapacity = 50\n",
			[]string{`park.toml:36:1: buses.every: "ten minutes" is not a duration: write a number and a unit, like "90s", "12m" or "1h30m"`}},
		{"bad incident end", "[bands]\n", "[bands]\n\n[[incident]]\nkind = \"rain\"\nfrom = \"10:00\"\nto = \"10:99\"\n",
			[]string{`park.toml:38:1: incident[0].to: "10:99" is not a clock time: hours run to 47, minutes and seconds to 59`}},
		{"bad station service", "vehicle_capacity = 8\ncapacity = \"720/h\"\nride_time = \"2m\"\n", "servers = 2\nservice = \"abc\"\n",
			[]string{`park.toml:25:1: attraction[0].service: "abc" is not a duration: write a number and a unit, like "90s", "12m" or "1h30m"`}},
		{"distribution named by a number", "[bands]\n", "[guests]\nstay = { dist = 3, mean = \"8h\" }\n\n[bands]\n",
			[]string{`park.toml:34:10: guests.stay.dist: must be a string, not an integer`}},
		{"merchant in an unknown zone", `zone = "west"
kind = "merchandise"`, `zone = "lot"
kind = "merchandise"`,
			[]string{`park.toml:51:1: merchant[0].zone: unknown zone "lot"; the zones are gate, west`}},
		// The hint lists the keys a table of its kind knows, whichever
		// branch read it.
		{"misspelt path length", "to = \"west\"\n", "to = \"west\"\nlenght = \"200m\"\n",
			[]string{`park.toml:16:1: path[0].lenght: unknown key; did you mean "length"?`}},
		{"misspelt servers", "ride_time = \"2m\"\n", "ride_time = \"2m\"\nserver = 2\n",
			[]string{`park.toml:27:1: attraction[0].server: unknown key; did you mean "servers"?`}},
		{"buses too often", "[bands]\n", "[bands]\n\n[buses]\nevery = \"30s\"\ncapacity = 50\n",
			[]string{`park.toml:36:1: buses.every: buses leave between once a minute and once every 4 hours`}},
		{"buses with nobody to ride", "[bands]\n", "[bands]\nresort = \"0%\"\n\n[buses]\nevery = \"10m\"\ncapacity = 50\n",
			[]string{`park.toml:36:2: buses: nobody would ride: set bands.resort, the share of parties staying at a resort hotel`}},
		{"buses without bands", "[bands]\n", "[buses]\nevery = \"10m\"\ncapacity = 50\n",
			[]string{"park.toml:33:2: buses: needs the band system: add a [bands] table", "park.toml:51:3: merchant: tills take payment by band: add a [bands] table"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, venues, tc.old)
			require.Equal(t, tc.want, problems(t, replaceOnce(venues, tc.old, tc.new)))
		})
	}
}

func replaceOnce(s, old, new string) string { return strings.Replace(s, old, new, 1) }
