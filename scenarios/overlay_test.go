package scenarios

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestWithLaysADocumentsTableOverTheScenario(t *testing.T) {
	base, err := LoadEmbedded("default")
	require.NoError(t, err)
	doc, err := ParseDocument("exp.toml", []byte(`name = "x"

[[variant]]
name = "faster"
[[variant.attraction]]
id = "space-coaster"
capacity = "3600/h"
[variant.guests]
mobile_order = "50%"
`))
	require.NoError(t, err)
	s, err := base.With(doc, "variant[0]")
	require.NoError(t, err)
	require.Equal(t, "default", s.Name, "an overlay keeps the scenario's name")
	i := attraction(t, s, "space-coaster")
	require.InDelta(t, 3600, s.Park.Attractions[i].HourlyCapacity(), 1e-6)
	require.InDelta(t, 1800, base.Park.Attractions[i].HourlyCapacity(), 1e-6, "the scenario itself is unchanged")
	require.InDelta(t, 0.5, s.Park.Guests.MobileOrder, 1e-9)
	require.Len(t, s.Park.Attractions, len(base.Park.Attractions))
	require.NotEqual(t, base.Fingerprint(), s.Fingerprint())
	again, err := base.With(doc, "variant[0]")
	require.NoError(t, err)
	require.Equal(t, s.Fingerprint(), again.Fingerprint())
}

func TestWithNamesTheDocumentsLineInProblems(t *testing.T) {
	base, err := LoadEmbedded("default")
	require.NoError(t, err)
	doc, err := ParseDocument("exp.toml", []byte(`[[variant]]
name = "bad"
[[variant.attraction]]
id = "space-coaster"
capacity = "fast"
`))
	require.NoError(t, err)
	_, err = base.With(doc, "variant[0]")
	require.Error(t, err)
	require.Contains(t, err.Error(), "exp.toml:5:1: variant[0].attraction[0].capacity:")
}

func TestWithKeySetsOneKeyByDottedPath(t *testing.T) {
	base, err := LoadEmbedded("default")
	require.NoError(t, err)
	doc, err := ParseDocument("exp.toml", []byte("[sweep]\nkey = \"x\"\nvalues = [\"20%\", 2700, \"zz\"]\n"))
	require.NoError(t, err)
	s, err := base.WithKey(doc, "sweep.values[0]", "guests.mobile_order", "20%")
	require.NoError(t, err)
	require.InDelta(t, 0.2, s.Park.Guests.MobileOrder, 1e-9)

	s, err = base.WithKey(doc, "sweep.values[1]", "attraction.thunder-mine.capacity", "2700/h")
	require.NoError(t, err)
	require.InDelta(t, 2700, s.Park.Attractions[attraction(t, s, "thunder-mine")].HourlyCapacity(), 1e-6)

	_, err = base.WithKey(doc, "sweep.values[1]", "attraction.no-such-ride.capacity", "2700/h")
	require.ErrorContains(t, err, `exp.toml:3:18: sweep.values[1]: the scenario default has no attraction with id "no-such-ride"; it has haunted-manor`)

	_, err = base.WithKey(doc, "sweep.values[2]", "guests.mobile_order", "zz")
	require.ErrorContains(t, err, "exp.toml:3:24: sweep.values[2]: must be a share")

	_, err = base.WithKey(doc, "sweep.values[2]", "close.x", "zz")
	require.ErrorContains(t, err, "close is not a table")
}

func attraction(t *testing.T, s *Scenario, id string) int {
	t.Helper()
	for i, a := range s.Park.Attractions {
		if a.ID == id {
			return i
		}
	}
	t.Fatalf("no attraction %s", id)
	return -1
}

func TestAnOverlayDoesNotExtend(t *testing.T) {
	base, err := LoadEmbedded("small")
	require.NoError(t, err)
	doc, err := ParseDocument("exp.toml", []byte("[[variant]]\nname = \"v\"\nextends = \"peak\"\n"))
	require.NoError(t, err)
	_, err = base.With(doc, "variant[0]")
	require.ErrorContains(t, err, "exp.toml:3:1: variant[0].extends: an overlay is laid over a scenario already")
}
