package park

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// counterPark is one zone with a single-server station whose service takes
// ten minutes, and guests single parties who all arrive at 09:00, ride once
// and leave, through one turnstile a second apart: the first is served at
// once, the rest wait behind it.
func counterPark(guests int, patience sim.Dist) *Config {
	return &Config{
		Name:  "counter",
		Open:  9 * sim.Hour,
		Close: 12 * sim.Hour,
		Zones: []Zone{{ID: "station"}},
		Entry: Entry{Zone: 0, Turnstiles: 1, Service: sim.Const{V: float64(sim.Second)}},
		Attractions: []Attraction{{ID: "counter", Zone: 0, Kind: "station", Servers: 1,
			Service: sim.Const{V: float64(10 * sim.Minute)}, Appeal: 10}},
		Arrivals: Arrivals{Guests: guests, Time: sim.Const{V: float64(9 * sim.Hour)}, PartySize: sim.Const{V: 1}},
		Guests: Guests{
			WalkSpeed:       sim.Const{V: 1},
			Stay:            sim.Const{V: 1},
			Patience:        patience,
			ElsewhereAppeal: -100,
			Elsewhere:       sim.Const{V: float64(sim.Minute)},
		},
	}
}

// TestRenegeHasNoOneMinuteFloor: a party that gives up after a sixteenth
// of its patience of 10 minutes (it joins the 10 minutes posted behind the
// busy server) gives up after 37.5 s, not after a hidden minute.
func TestRenegeHasNoOneMinuteFloor(t *testing.T) {
	cfg := counterPark(2, sim.Const{V: float64(10 * sim.Minute)})
	cfg.Guests.RenegeAfter = 1.0 / 16
	p, s := runConfig(t, cfg, 1)
	require.Equal(t, int64(1), s.Reneges, "the second party gives up")
	pt := &p.parties[1]
	require.Equal(t, 37500*sim.Millisecond, pt.leftAt-pt.entered, "it gave up after its share of its patience")
}

// TestGiveUpPatienceIsApartFromPatience: with a give-up patience, joining
// is decided by patience (here: any posted wait) and leaving the line by
// the give-up patience alone, whatever renege says.
func TestGiveUpPatienceIsApartFromPatience(t *testing.T) {
	cfg := counterPark(3, sim.Const{V: float64(48 * sim.Hour)})
	cfg.Guests.RenegeAfter = 1.5 // ignored: the give-up patience is given
	cfg.Guests.GiveUp = sim.Const{V: float64(45 * sim.Second)}
	p, s := runConfig(t, cfg, 1)
	require.Zero(t, s.Balks, "nobody's patience is short of a posted wait")
	require.Equal(t, int64(2), s.Reneges, "both parties behind the first give up")
	for _, i := range []int{1, 2} {
		pt := &p.parties[i]
		require.Equal(t, 45*sim.Second, pt.leftAt-pt.entered, "party %d", i)
	}
	require.Equal(t, int64(1), s.Rides)
}

// TestBalksFromTheBoardsCount: a party that rules a line out on its posted
// wait before walking over has balked as much as one that walks over first.
func TestBalksFromTheBoardsCount(t *testing.T) {
	// Patience 0: the first party is served, the second comes once the
	// staff's count of the line (see CountEvery) has reached the boards,
	// finds the server busy (posted 10 minutes: the service under way) and
	// balks.
	cfg := counterPark(2, sim.Const{V: 0})
	cfg.Arrivals.Time, _ = sim.NewEmpirical([]float64{float64(9 * sim.Hour), float64(9*sim.Hour + 7*sim.Minute)}, []float64{1, 1})
	p, s := runConfig(t, cfg, 1)
	require.NotEqual(t, p.parties[0].arrive, p.parties[1].arrive, "the seed has the parties come apart")
	require.Equal(t, int64(1), s.Balks)
	require.Equal(t, int64(0), s.BalksAtLine, "it never walked over")
	require.Equal(t, int64(1), s.Attractions[0].Balks)
	require.Equal(t, int64(1), s.Rides)
}

// TestWaitedShareCountsRidersWhoWaited: the first party finds the server
// free, the two behind it wait.
func TestWaitedShareCountsRidersWhoWaited(t *testing.T) {
	_, s := runConfig(t, counterPark(3, sim.Const{V: float64(48 * sim.Hour)}), 1)
	require.Equal(t, int64(3), s.Rides)
	require.Equal(t, 2.0/3, s.WaitMinutes.WaitedShare, "unrounded in the summary")
	require.Equal(t, 2.0/3, s.Attractions[0].WaitMinutes.WaitedShare)
	b, err := json.Marshal(s)
	require.NoError(t, err)
	require.Contains(t, string(b), `"waited_share":0.667`, "rounded when encoded")
}
