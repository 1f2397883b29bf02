package park

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// lives is a test recorder that rebuilds every party's day from the
// happenings alone: the list of its activity changes.
type lives struct {
	of   map[int32][]Happening
	last sim.Time
}

func (l *lives) Record(h Happening) {
	if h.What == ActivityChanged {
		l.of[h.Party] = append(l.of[h.Party], h)
	}
	l.last = h.At
}

// story is a party's day as a person reads it: one line per change.
func story(p *Park, hs []Happening) string {
	var b strings.Builder
	for _, h := range hs {
		fmt.Fprintf(&b, "%s %-11s", clock(h.At), h.Activity)
		switch {
		case h.Activity == Walking:
			fmt.Fprintf(&b, " %s → %s for %s, there at %s", p.cfg.Zones[h.From].ID, p.cfg.Zones[h.To].ID, p.PlaceID(h.Place), clock(h.Until))
		case h.Until > 0:
			fmt.Fprintf(&b, " at %s until %s", p.PlaceID(h.Place), clock(h.Until))
		default:
			fmt.Fprintf(&b, " at %s", p.PlaceID(h.Place))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func clock(t sim.Time) string {
	return fmt.Sprintf("%02d:%02d:%02d", t/sim.Hour, t%sim.Hour/sim.Minute, t%sim.Minute/sim.Second)
}

// busyPark has something of everything a party can do: rides with a
// reservation line, band trouble and guest relations, a shop and a photo
// spot with staff, a counter-service restaurant, resort buses and midday
// breaks.
func busyPark(guests int) *Config {
	cfg := busPark(guests, 60)
	cfg.Merchants[0].Staff, cfg.Merchants[0].Serve = 1, sim.Exp{M: float64(40 * sim.Second)}
	cfg.Restaurants = []Restaurant{counterDiner()}
	cfg.Guests.Lunch = sim.Uniform{Min: float64(10 * sim.Hour), Max: float64(11 * sim.Hour)}
	cfg.Guests.Dinner = sim.Const{V: float64(18 * sim.Hour)}
	cfg.Guests.MealShare = 0.7
	cfg.Guests.MobileOrder = 0.3
	return cfg
}

// A party's day can be rebuilt from the happenings: it is one activity at a
// time, its place changes only by walking, it ends gone, once, and the rides
// it took are the rides the park counted.
func TestPartysDayReadsAsItsActivityChanges(t *testing.T) {
	e := sim.New(3)
	p, err := New(e, busyPark(1500))
	require.NoError(t, err)
	l := &lives{of: map[int32][]Happening{}}
	p.AddRecorder(l)
	e.Run()

	seen := map[Activity]bool{}
	longest := int32(0)
	for i := range p.parties {
		pt := &p.parties[i]
		hs := l.of[int32(i)]
		require.NotEmpty(t, hs, "party %d did nothing", i)
		zone := int32(p.cfg.Entry.Zone)
		for k, h := range hs {
			seen[h.Activity] = true
			require.Equal(t, pt.size, h.N, "party %d change %d", i, k)
			require.NotEqual(t, Expected, h.Activity, "nobody goes back to not having arrived")
			if k > 0 {
				require.GreaterOrEqual(t, h.At, hs[k-1].At, "party %d: time runs forward", i)
				require.NotEqual(t, Gone, hs[k-1].Activity, "party %d acts after its day is over:\n%s", i, story(p, hs))
			}
			require.Equal(t, zone, h.From, "party %d change %d starts where it was:\n%s", i, k, story(p, hs[:k+1]))
			if h.Activity == Walking {
				require.GreaterOrEqual(t, h.Until, h.At)
				zone = h.To
			} else {
				require.Equal(t, h.From, h.To, "only a walk changes the zone")
			}
		}
		require.Equal(t, Gone, hs[len(hs)-1].Activity, "party %d's day ends gone:\n%s", i, story(p, hs))
		require.Equal(t, Gone, pt.doing)
		rides := int32(0)
		for _, h := range hs {
			if h.Activity == Riding {
				rides += h.N
			}
		}
		require.Equal(t, pt.rides, rides, "party %d: the rides it took", i)
		if len(hs) > len(l.of[longest]) {
			longest = int32(i)
		}
	}
	for _, a := range []Activity{Walking, InLine, Riding, Eating, Shopping, OnBus, AtDesk, Resting, Away, Gone} {
		require.True(t, seen[a], "some party was %s", a)
	}
	t.Logf("party %d's day:\n%s", longest, story(p, l.of[longest]))
}

// Recorders only look: a day observed gives the figures of a day not.
func TestRecordersChangeNothing(t *testing.T) {
	run := func(observe bool) []byte {
		e := sim.New(5)
		p, err := New(e, busyPark(1200))
		require.NoError(t, err)
		if observe {
			p.AddRecorder(&lives{of: map[int32][]Happening{}})
		}
		e.Run()
		b, err := json.Marshal(p.Summary())
		require.NoError(t, err)
		return b
	}
	require.Equal(t, string(run(false)), string(run(true)))
}
