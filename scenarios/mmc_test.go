package scenarios

import (
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
	"parksim/staffing"
)

// station loads the embedded textbook scenario name, one station fed by
// arrivals spread evenly over whole hours, and returns it with its arrival
// and service rates (per hour) and its servers.
func station(t *testing.T, name string) (s *Scenario, lambda, mu float64, servers int) {
	t.Helper()
	s, err := LoadEmbedded(name)
	require.NoError(t, err)
	st := s.Park.Attractions[0]
	hours := float64(len(s.Park.Arrivals.Time.(sim.Histogram).Bins()))
	return s, float64(s.Park.Arrivals.Guests) / hours, float64(sim.Hour) / st.Service.Mean(), st.Servers
}

// TestMMCScenarioMatchesErlangC runs the embedded mmc scenario, a textbook
// M/M/12 station written as a park, on 20 seeds and requires the mean wait
// in the queue, and the share of riders who waited at all, to cover Erlang
// C's within 95 % Student t intervals (t(0.975, 19) = 2.093), intervals
// narrow enough to fail.
func TestMMCScenarioMatchesErlangC(t *testing.T) {
	s, lambda, mu, servers := station(t, "mmc")
	q := staffing.MMC{Lambda: lambda, Mu: mu, C: servers}
	theory := q.Wq() * 3600 // seconds
	require.InDelta(t, 40.4, theory, 0.1, "the worked number of queueing.md")

	var waits, waited sim.Tally
	for seed := uint64(1); seed <= 20; seed++ {
		day, err := s.Build(seed)
		require.NoError(t, err)
		sum := day.Run()
		waits.Add(sum.WaitMinutes.Mean * 60)
		waited.Add(sum.WaitMinutes.WaitedShare)
	}
	half := 2.093 * waits.StdDev() / math.Sqrt(float64(waits.Count()))
	t.Logf("seeds 1–20: mean wait %.2f s ± %.2f (95%%), Erlang C %.2f s", waits.Mean(), half, theory)
	require.InDelta(t, theory, waits.Mean(), half)
	require.Less(t, half, 0.1*theory, "the interval is narrow enough to fail")
	half = 2.093 * waited.StdDev() / math.Sqrt(float64(waited.Count()))
	t.Logf("seeds 1–20: P(wait) %.4f ± %.4f (95%%), Erlang C %.4f", waited.Mean(), half, q.PWait())
	require.InDelta(t, q.PWait(), waited.Mean(), half)
	require.Less(t, half, 0.1*q.PWait(), "the interval is narrow enough to fail")
}

// TestMMCMScenarioMatchesErlangA runs the embedded mmcm scenario, an Erlang
// A (M/M/10+M) station written the way the docs describe it (patience
// beyond any posted wait, an exponential give-up patience), on 20 seeds and
// requires P(wait) and P(abandon) to cover the closed form of
// staffing.MMCM within 95 % Student t intervals, each narrow enough to fail,
// and the mean wait in the queue over every arrival, served or not. An
// arrival waits if it found every server busy: riders who waited, and every
// guest who gave up (a party of one each here).
func TestMMCMScenarioMatchesErlangA(t *testing.T) {
	s, lambda, mu, servers := station(t, "mmcm")
	q := staffing.MMCM{Lambda: lambda, Mu: mu, Theta: float64(sim.Hour) / s.Park.Guests.GiveUp.Mean(), C: servers}
	require.InDelta(t, 0.6197, q.PWait(), 1e-4, "the worked number in mmcm.toml")
	require.InDelta(t, 0.1039, q.PAbandon(), 1e-4, "the worked number in mmcm.toml")

	var pWait, pAbandon, wq sim.Tally
	for seed := uint64(1); seed <= 20; seed++ {
		day, err := s.Build(seed)
		require.NoError(t, err)
		sum := day.Run()
		a := sum.Attractions[0]
		require.Zero(t, sum.Balks, "nobody turns the line down")
		arrivals := float64(a.Riders + a.Reneges)
		pWait.Add((a.WaitMinutes.WaitedShare*float64(a.Riders) + float64(a.Reneges)) / arrivals)
		pAbandon.Add(float64(a.Reneges) / arrivals)
		wq.Add((a.WaitMinutes.Mean*float64(a.Riders) + a.GaveUpAfter*float64(a.Reneges)) / arrivals)
	}
	for _, c := range []struct {
		name   string
		got    *sim.Tally
		theory float64
	}{{"P(wait)", &pWait, q.PWait()}, {"P(abandon)", &pAbandon, q.PAbandon()}, {"Wq (min)", &wq, q.Wq() * 60}} {
		half := 2.093 * c.got.StdDev() / math.Sqrt(float64(c.got.Count()))
		t.Logf("seeds 1–20: %s %.4f ± %.4f (95%%), Erlang A %.4f", c.name, c.got.Mean(), half, c.theory)
		require.InDelta(t, c.theory, c.got.Mean(), half, c.name)
		require.Less(t, half, 0.1*c.theory, "%s: the interval is narrow enough to fail", c.name)
	}
}
