package batch

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

// decoded is a summary as Outcome holds it: JSON decoded into maps.
func decoded(t *testing.T, js string) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(js), &m))
	return m
}

const lookupSummary = `{
  "scenario": "default",
  "guests": 5210,
  "closed": true,
  "open": false,
  "policy": "static",
  "wait_minutes": {"mean": 21.5, "p95": 61.25},
  "affected_csat": null,
  "attractions": [
    {"id": "carousel", "riders": 900, "wait_by_hour": [{"hour": "09:00", "riders": 10, "mean_minutes": 2}]},
    {"id": "space-coaster", "riders": 2400, "wait_by_hour": [
      {"hour": "09:00", "riders": 100, "mean_minutes": 5.5},
      {"hour": "13:00", "riders": 300},
      {"hour": "14:00", "riders": 250, "mean_minutes": 40}
    ]}
  ],
  "by_hour": [
    {"hour": "11:00", "meals": 12, "ride_wait_mean_minutes": 14.5},
    {"hour": "12:00", "meals": 340, "ride_wait_mean_minutes": 22}
  ]
}`

func TestLookup(t *testing.T) {
	s := decoded(t, lookupSummary)
	for _, c := range []struct {
		path string
		want float64
		ok   bool
	}{
		{"guests", 5210, true},
		{"wait_minutes.p95", 61.25, true},
		{"closed", 1, true},
		{"open", 0, true},
		{"attractions.space-coaster.riders", 2400, true},
		{"attractions.space-coaster.wait_by_hour.14:00.mean_minutes", 40, true},
		{"attractions.space-coaster.wait_by_hour.09:00.riders", 100, true},
		{"attractions.1.wait_by_hour.2.riders", 250, true}, // by index
		{"attractions.0.riders", 900, true},
		{"by_hour.12:00.meals", 340, true},
		{"by_hour.11:00.ride_wait_mean_minutes", 14.5, true},
		{"attractions.space-coaster.wait_by_hour.13:00.mean_minutes", 0, false}, // absent: nobody joined
		{"attractions.space-coaster.wait_by_hour.15:00.riders", 0, false},
		{"attractions.2.riders", 0, false}, // past the end
		{"attractions.01.riders", 0, false},
		{"attractions.-1.riders", 0, false},
		{"scenario", 0, false},      // text
		{"affected_csat", 0, false}, // null
		{"wait_minutes", 0, false},  // an object
		{"attractions", 0, false},   // an array
		{"guests.total", 0, false},  // through a number
		{"missing", 0, false},
		{"wait_minutes.p99", 0, false},
		{"", 0, false},
	} {
		got, ok := Lookup(s, c.path)
		require.Equal(t, c.ok, ok, c.path)
		require.Equal(t, c.want, got, c.path)
	}
}

func TestLookupNumberTypes(t *testing.T) {
	s := map[string]any{"a": json.Number("12.5"), "b": 3, "c": int64(4), "d": json.Number("x")}
	for path, want := range map[string]float64{"a": 12.5, "b": 3, "c": 4} {
		got, ok := Lookup(s, path)
		require.True(t, ok, path)
		require.Equal(t, want, got, path)
	}
	_, ok := Lookup(s, "d")
	require.False(t, ok)
}

func TestCheckPath(t *testing.T) {
	for _, good := range []string{
		"guests", "wait_minutes.p95", "attractions.space-coaster.wait_by_hour.13:00.mean_minutes",
		"by_hour.12:00.meals", "attractions.0.riders",
	} {
		require.NoError(t, CheckPath(good), good)
	}
	for _, bad := range []string{"", ".guests", "guests.", "wait_minutes..p95", "wait minutes", "a.b c", "taps/denied", "wait_minutes.p95 ", "é"} {
		require.Error(t, CheckPath(bad), bad)
	}
}

func TestHours(t *testing.T) {
	s := decoded(t, lookupSummary)
	require.Equal(t, []string{"11:00", "12:00"}, Hours(s, "by_hour"))
	require.Equal(t, []string{"09:00", "13:00", "14:00"}, Hours(s, "attractions.space-coaster.wait_by_hour"))
	require.Nil(t, Hours(s, "wait_minutes"))
	require.Nil(t, Hours(s, "nothing"))
}
