package scenarios

import (
	"flag"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/park"
	"parksim/sim"
)

var sweep = flag.Bool("sweep", false, "TestCheckSweep: run every seed of the sweep, not a sample")

// TestCheckSweep runs embedded days with the invariant checker on, each
// in a subtest of its own, in parallel: 300 seeds of small and 3 of every
// other scenario with -sweep, a sample (20 seeds of small, 1 of each
// other) without it. The whole sweep is
//
//	go test ./scenarios -run CheckSweep -sweep -count=1
func TestCheckSweep(t *testing.T) {
	smallSeeds, otherSeeds := 20, 1
	if *sweep {
		smallSeeds, otherSeeds = 300, 3
	}
	for _, name := range Embedded() {
		seeds := otherSeeds
		if name == "small" {
			seeds = smallSeeds
		}
		s, err := LoadEmbedded(name)
		require.NoError(t, err)
		for seed := 1; seed <= seeds; seed++ {
			t.Run(fmt.Sprintf("%s/%d", name, seed), func(t *testing.T) {
				t.Parallel()
				day, err := s.Build(uint64(seed))
				require.NoError(t, err)
				sum, err := day.RunChecked()
				require.NoError(t, err)
				require.Positive(t, sum.Events)
			})
		}
	}
}

// corrupting passes every happening on to a checker, but one: the nth for
// which spoil, given the time of the happening before, says it changed it.
type corrupting struct {
	c     *park.Checker
	n     int
	spoil func(h *park.Happening, last sim.Time) bool
	bad   park.Happening // the happening spoilt, once it is
	last  sim.Time
}

func (r *corrupting) Record(h park.Happening) {
	at, g := h.At, h
	if r.n > 0 && r.spoil(&g, r.last) {
		if r.n--; r.n == 0 {
			h, r.bad = g, g
		}
	}
	r.last = at
	r.c.Record(h)
}

// A rule broken in a real day stops it there, with the message the
// command line prints: one happening of the small day spoilt before the
// checker sees it.
func TestCheckStopsARealDayAtABrokenRule(t *testing.T) {
	s, err := LoadEmbedded("small")
	require.NoError(t, err)
	full, err := s.Build(1)
	require.NoError(t, err)
	events := full.Run().Events

	clock := func(t sim.Time) string { s := t.String(); return s[:len(s)-4] }
	for _, tc := range []struct {
		name  string
		n     int
		spoil func(h *park.Happening, last sim.Time) bool
		want  func(d *Day, h park.Happening) string
	}{
		{"time runs back", 5000, func(h *park.Happening, last sim.Time) bool {
			if h.What != park.ActivityChanged || h.At != last {
				return false
			}
			h.At -= sim.Second
			return true
		}, func(d *Day, h park.Happening) string {
			return fmt.Sprintf("check failed at %s: time: party %d (guest %d) at %s: ActivityChanged at %s comes after %s",
				clock(h.At), h.Party, d.Park.FirstGuest(int(h.Party)), d.Park.PlaceID(h.Place), h.At, h.At+sim.Second)
		}},
		{"a party grows", 3000, func(h *park.Happening, _ sim.Time) bool {
			if h.What != park.ActivityChanged {
				return false
			}
			h.N++
			return true
		}, func(d *Day, h park.Happening) string {
			return fmt.Sprintf("check failed at %s: one place: party %d (guest %d) at %s: the party of %d is now %s with %d",
				clock(h.At), h.Party, d.Park.FirstGuest(int(h.Party)), d.Park.PlaceID(h.Place), h.N-1, h.Activity, h.N)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			day, err := s.Build(1)
			require.NoError(t, err)
			c := park.NewChecker(day.Park)
			r := &corrupting{c: c, n: tc.n, spoil: tc.spoil}
			day.Park.AddRecorder(r)
			sum, err := day.RunWatched(c)
			require.Zero(t, r.n, "the happening was spoilt")
			require.EqualError(t, err, tc.want(day, r.bad))
			require.Less(t, sum.Events, events, "the day stopped early")
		})
	}
}
