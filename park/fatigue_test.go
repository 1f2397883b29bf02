package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

func fatiguePark(weight, exhausted float64) *Config {
	cfg := tinyPark(1500)
	cfg.Close = 15 * sim.Hour
	cfg.Guests.Stay = sim.NewLogNormal(float64(5*sim.Hour), float64(sim.Hour))
	cfg.Guests.ElsewhereAppeal = 0.5
	cfg.Guests.Fatigue = Fatigue{Walk: 1, Queue: 1, Rest: 0.5, Weight: weight, Exhausted: exhausted}
	return cfg
}

// Fatigue pushes parties from rides to rest, and worn-out parties home,
// seed by seed.
func TestFatigue(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		_, fresh := runConfig(t, fatiguePark(0, 0), seed)
		_, tired := runConfig(t, fatiguePark(0.5, 0), seed)
		p, worn := runConfig(t, fatiguePark(0.5, 1), seed)
		t.Logf("seed %d: rides per guest %.2f → %.2f → %.2f; fatigue at exit %.2f, %.2f; left tired %d",
			seed, fresh.RidesPerGuest, tired.RidesPerGuest, worn.RidesPerGuest, tired.Fatigue.MeanAtExit, worn.Fatigue.MeanAtExit, worn.Fatigue.LeftTired)
		require.Positive(t, fresh.Fatigue.MeanAtExit, "walking and lines tire, even when it does not weigh")
		require.Zero(t, fresh.Fatigue.LeftTired)
		require.Less(t, tired.RidesPerGuest, fresh.RidesPerGuest, "tired parties rest more")
		require.Positive(t, worn.Fatigue.LeftTired)
		require.Zero(t, tired.Fatigue.LeftTired)
		require.Less(t, worn.InPark.MeanStayHours, tired.InPark.MeanStayHours, "worn-out parties go home early")
		require.Equal(t, 0.0, p.inPark.Level(), "everybody left")
		for i := range p.parties {
			require.GreaterOrEqual(t, p.parties[i].fatigue, 0.0)
		}
	}
	_, off := runConfig(t, tinyPark(300), 1)
	require.Nil(t, off.Fatigue, "no fatigue figures when the scenario does not model it")
}
