package scenarios

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644))
	}
	return dir
}

func TestExtendsMergesAVariantOverItsBase(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"base.toml": tiny,
		"variant.toml": `extends = "base.toml"
description = "tiny, busier"

[arrivals]
guests = 900

[[attraction]]
id = "coaster"
vehicle_capacity = 12

[[attraction]]
id = "boats"
zone = "gate"
vehicle_capacity = 20
dispatch_every = "1m"
ride_time = "8m"

[[path]]
from = "west"
to = "gate"
length = "500m"
`,
	})
	s, err := Load(filepath.Join(dir, "variant.toml"))
	require.NoError(t, err)
	require.Equal(t, "variant", s.Name, "a variant without a name takes its file's")
	require.Equal(t, "tiny, busier", s.Description)
	require.Equal(t, 900, s.Park.Arrivals.Guests, "overridden")
	require.Len(t, s.Park.Attractions, 2, "coaster merged by id, boats added")
	require.Equal(t, 12, s.Park.Attractions[0].VehicleCapacity)
	require.Equal(t, 2*sim.Minute, s.Park.Attractions[0].RideTime, "kept from the base")
	require.Equal(t, "boats", s.Park.Attractions[1].ID)
	require.Len(t, s.Park.Paths, 2, "paths have no ids: appended")
	require.Equal(t, sim.Time(9*sim.Hour), s.Park.Open)
}

func TestExtendsReportsProblemsWhereTheyWereWritten(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"base.toml":    tiny,
		"variant.toml": "extends = \"base.toml\"\n\n[[attraction]]\nid = \"coaster\"\nride_time = \"2 minutes\"\n\n[[attraction]]\nid = \"spinner\"\nzone = \"east\"\n",
	})
	base := filepath.Join(dir, "base.toml")
	variant := filepath.Join(dir, "variant.toml")
	_, err := Load(variant)
	require.Error(t, err)
	require.Equal(t, Problems{
		{File: variant, Line: 5, Col: 1, Key: "attraction[0].ride_time", Message: `"2 minutes" is not a duration: write a number and a unit, like "90s", "12m" or "1h30m"`},
		{File: variant, Line: 7, Col: 3, Key: "attraction[1].vehicle_capacity", Message: "missing: this key is required"},
		{File: variant, Line: 7, Col: 3, Key: "attraction[1].ride_time", Message: "missing: this key is required"},
		{File: variant, Line: 7, Col: 3, Key: "attraction[1].capacity", Message: "missing: give capacity (riders an hour) or dispatch_every"},
		{File: variant, Line: 9, Col: 1, Key: "attraction[1].zone", Message: `unknown zone "east"; the zones are gate, west`},
	}, err)

	// A problem in the base is reported in the base.
	require.NoError(t, os.WriteFile(base, []byte(tiny+"\n[guests]\nwalk_weight = \"fast\"\n"), 0o644))
	_, err = Load(variant)
	require.Contains(t, err.Error(), base+":34:1: guests.walk_weight: must be a number, not a string")
}

// TestExtendsNamesEntriesAsTheirFileWroteThem: an entry a variant adds lands
// after the base's in the merged list, but problems with it name its index
// in the variant, where the planner will look; an entry the variant changes
// is named by the variant's index for what the variant wrote and by the
// base's for what the base wrote.
func TestExtendsNamesEntriesAsTheirFileWroteThem(t *testing.T) {
	small, err := embedded.ReadFile("small.toml")
	require.NoError(t, err)
	dir := writeFiles(t, map[string]string{
		"base.toml": string(small),
		"variant.toml": "extends = \"base.toml\"\n\n[[attraction]]\nid = \"teacups\"\nzone = \"east\"\nvehicle_capacity = 10\n" +
			"capacity = \"600/h\"\nride_time = \"2 minutes\"\n\n[[attraction]]\nid = \"star-coaster\"\nappeal = 300\n",
	})
	variant := filepath.Join(dir, "variant.toml")
	_, err = Load(variant)
	require.EqualError(t, err, variant+`:8:1: attraction[0].ride_time: "2 minutes" is not a duration: write a number and a unit, like "90s", "12m" or "1h30m"`+"\n"+
		variant+`:12:1: attraction[1].appeal: 300 is out of range: it must be from -100 to 100`)
}

func TestExtendsEmbeddedAndItsLimits(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"busy.toml":  "extends = \"small\"\nname = \"busy-small\"\n[arrivals]\nguests = 4000\n",
		"a.toml":     "extends = \"b.toml\"\n",
		"b.toml":     "extends = \"a.toml\"\n",
		"lost.toml":  "extends = \"nowhere\"\n",
		"typed.toml": "extends = 3\n",
	})
	s, err := Load(filepath.Join(dir, "busy.toml"))
	require.NoError(t, err)
	require.Equal(t, "busy-small", s.Name)
	require.Equal(t, 4000, s.Park.Arrivals.Guests)
	require.Len(t, s.Park.Attractions, 5)

	_, err = Load(filepath.Join(dir, "a.toml"))
	require.ErrorContains(t, err, "extends: scenarios extend each other more than 8 deep: is there a cycle?")
	_, err = Load(filepath.Join(dir, "lost.toml"))
	require.ErrorContains(t, err, `lost.toml:1:1: extends: no embedded scenario "nowhere" to extend`)
	_, err = Load(filepath.Join(dir, "typed.toml"))
	require.ErrorContains(t, err, "typed.toml:1:1: extends: must name a scenario")
}
