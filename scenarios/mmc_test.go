package scenarios

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
	"parksim/staffing"
)

// TestMMCScenarioMatchesErlangC runs the embedded mmc scenario, a textbook
// M/M/12 station written as a park, on 20 seeds and requires the mean wait
// in the queue to cover Erlang C's within a 95 % Student t interval (one
// comparison: t(0.975, 19) = 2.093), an interval narrow enough to fail.
func TestMMCScenarioMatchesErlangC(t *testing.T) {
	s, err := LoadEmbedded("mmc")
	require.NoError(t, err)
	st := s.Park.Attractions[0]
	hours := float64(len(s.Park.Arrivals.Time.(sim.Histogram).Bins()))
	q := staffing.MMC{
		Lambda: float64(s.Park.Arrivals.Guests) / hours, // per hour
		Mu:     float64(sim.Hour) / st.Service.Mean(),
		C:      st.Servers,
	}
	theory := q.Wq() * 3600 // seconds
	require.InDelta(t, 40.4, theory, 0.1, "the worked number of queueing.md")

	var waits sim.Tally
	for seed := uint64(1); seed <= 20; seed++ {
		day, err := s.Build(seed)
		require.NoError(t, err)
		waits.Add(day.Run().WaitMinutes.Mean * 60)
	}
	half := 2.093 * waits.StdDev() / math.Sqrt(float64(waits.Count()))
	t.Logf("seeds 1–20: mean wait %.2f s ± %.2f (95%%), Erlang C %.2f s", waits.Mean(), half, theory)
	require.InDelta(t, theory, waits.Mean(), half)
	require.Less(t, half, 0.1*theory, "the interval is narrow enough to fail")
}
