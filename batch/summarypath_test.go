package batch

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/scenarios"
)

func TestMetricPathsAreCheckedAgainstTheSummary(t *testing.T) {
	s, err := scenarios.LoadEmbedded("default")
	require.NoError(t, err)
	for _, ok := range []string{
		"wait_minutes.p95", "rides_per_guest", "satisfaction.nps", "revenue_cents.total",
		"attractions.space-coaster.wait_minutes.p95", "attractions.space-coaster.wait_by_hour.13:00.mean_minutes",
		"attractions.0.riders", "by_hour.12:00.meal_wait_mean_minutes", "restaurants.cosmic-diner.by_hour.12:00.wait_mean_minutes",
		"taps.denied.wrong-pin", "buses.to_park.by_hour.08:00.walked_away", "entry.by_hour.09:00.arrivals",
		"bands.affected_csat", "ledger_imbalance_cents",
	} {
		require.NoError(t, checkSummaryPath(ok, &s.Park), ok)
	}
	for path, want := range map[string]string{
		"wait_minutes.p96":                `summary.json has no "p96" under wait_minutes; the keys there are mean, p50, p95, max, waited_share`,
		"waits.p95":                       `summary.json has no "waits" at the top`,
		"attractions.space-coster.riders": `the scenario default has no attraction "space-coster"; it has haunted-manor`,
		"attractions.space-coaster":       `attractions.space-coaster is not a figure but a group of them`,
		"attractions":                     "attractions is a list: name one of its entries",
		"by_hour.noon.meals":              `"noon" in by_hour.noon.meals is not an hour`,
		"rides_per_guest.mean":            "rides_per_guest is a figure already",
		"restaurants.nowhere.meals":       `the scenario default has no restaurant "nowhere"`,
		"wait_minutes":                    "wait_minutes is not a figure but a group of them; name one, such as wait_minutes.mean",
		"attractions.space-coaster.wait_by_hour.13:00.mean": `summary.json has no "mean" under attractions.space-coaster.wait_by_hour.13:00`,
	} {
		err := checkSummaryPath(path, &s.Park)
		require.Error(t, err, path)
		require.Contains(t, err.Error(), want, path)
	}
}

func TestAMetricNoScenarioHasIsABadExperiment(t *testing.T) {
	_, err := Parse("x.toml", []byte("scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"rides_per_guest\", \"attractions.space-coaster.riders\"]\n"))
	require.ErrorContains(t, err, `x.toml:3:31: metrics[1]: the scenario small has no attraction "space-coaster"; it has mine-coaster`)
	_, err = Parse("x.toml", []byte("scenarios = [\"small\", \"default\"]\nreplications = 3\nmetrics = [\"attractions.space-coaster.riders\"]\n"))
	require.NoError(t, err, "one scenario has it")
}
