package scenarios

import (
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/park"
)

// directionSeeds is the fixed seed set the variant scenarios are compared
// on: each variant against the default day, seed by seed (the same guests
// making the same choices until the variant changes something).
var directionSeeds = []uint64{1, 2, 3}

// daysOf runs an embedded scenario on every direction seed, in parallel.
func daysOf(t *testing.T, name string) []park.Summary {
	out := make([]park.Summary, len(directionSeeds))
	var wg sync.WaitGroup
	for k, seed := range directionSeeds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if seed == 1 {
				out[k] = dayOne(t, name).summary
				return
			}
			out[k] = runDay(t, name, seed).summary
		}()
	}
	wg.Wait()
	return out
}

func ride(s park.Summary, id string) park.AttractionSummary {
	for _, a := range s.Attractions {
		if a.ID == id {
			return a
		}
	}
	panic("no attraction " + id)
}

// TestIncidentsChangeTheDayAsAPlannerExpects: a headliner down at midday
// carries fewer riders and leaves guests with fewer rides and less
// satisfied; a storm closes outdoor rides, sends guests home early and
// lowers rides and satisfaction.
func TestIncidentsChangeTheDayAsAPlannerExpects(t *testing.T) {
	base, broken, rainy := daysOf(t, "default"), daysOf(t, "breakdown"), daysOf(t, "rainy")
	outdoor := []string{"thunder-mine", "dwarf-mine-train", "log-flume", "jungle-boats", "speedway"}
	for k, seed := range directionSeeds {
		b, d, r := base[k], broken[k], rainy[k]
		t.Logf("seed %d: space-coaster riders %d → %d (down %.0f → %.0f min); rides/guest %.3f → %.3f (breakdown), %.3f (rain); csat %.3f → %.3f, %.3f; stay %.2f → %.2f h (rain)",
			seed, ride(b, "space-coaster").Riders, ride(d, "space-coaster").Riders, ride(b, "space-coaster").DowntimeMinutes,
			ride(d, "space-coaster").DowntimeMinutes, b.RidesPerGuest, d.RidesPerGuest, r.RidesPerGuest,
			b.Satisfaction.CSAT, d.Satisfaction.CSAT, r.Satisfaction.CSAT, b.InPark.MeanStayHours, r.InPark.MeanStayHours)

		require.Less(t, ride(d, "space-coaster").Riders, ride(b, "space-coaster").Riders, "seed %d", seed)
		require.GreaterOrEqual(t, ride(d, "space-coaster").DowntimeMinutes, 120.0, "seed %d", seed)
		require.Less(t, d.RidesPerGuest, b.RidesPerGuest, "seed %d", seed)
		require.Less(t, d.Satisfaction.CSAT, b.Satisfaction.CSAT, "seed %d", seed)

		var before, during int64
		for _, id := range outdoor {
			before += ride(b, id).Riders
			during += ride(r, id).Riders
		}
		require.Less(t, during, before, "seed %d: outdoor rides close in the rain", seed)
		require.Less(t, r.RidesPerGuest, b.RidesPerGuest, "seed %d", seed)
		require.Less(t, r.InPark.MeanStayHours, b.InPark.MeanStayHours, "seed %d", seed)
		require.Less(t, r.Satisfaction.CSAT, b.Satisfaction.CSAT, "seed %d", seed)
	}
}

func TestIncidentProblems(t *testing.T) {
	for _, tc := range []struct{ name, add, want string }{
		{"a breakdown of an unknown ride", "[[incident]]\nkind = \"breakdown\"\nattraction = \"coastr\"\nfrom = \"10:00\"\nto = \"11:00\"\n",
			`park.toml:34:1: incident[0].attraction: unknown attraction "coastr"`},
		{"a reader down without bands", "[[incident]]\nreader = \"gate\"\nfrom = \"10:00\"\nto = \"11:00\"\n",
			`park.toml:32:3: incident[0].kind: a reader-down incident needs the band system`},
		{"an unknown kind", "[[incident]]\nkind = \"flood\"\nfrom = \"10:00\"\nto = \"11:00\"\n",
			`park.toml:33:1: incident[0].kind: unknown incident "flood": use reader-down, breakdown or rain`},
		{"rain with a share over 1", "[[incident]]\nkind = \"rain\"\nfrom = \"10:00\"\nto = \"11:00\"\nleave_share = 2\n",
			`park.toml:36:1: incident[0].leave_share: must be a share from 0 to 1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := problems(t, tiny+tc.add)
			require.Len(t, got, 1, "%q", got)
			require.True(t, strings.HasPrefix(got[0], tc.want), "got  %s\nwant %s…", got[0], tc.want)
		})
	}
}

func TestOnBreakdownIsHoldOrRelease(t *testing.T) {
	src := strings.Replace(tiny, `ride_time = "2m"`, "ride_time = \"2m\"\non_breakdown = \"wait\"", 1)
	require.Equal(t, []string{`park.toml:27:1: attraction[0].on_breakdown: must be "hold" (the line waits) or "release" (it is sent away), not "wait"`}, problems(t, src))
}

// TestMobileOrderShortensMealWaits: with half the parties ordering ahead in
// the app, registers are quieter and parties sit down with food sooner,
// seed by seed.
func TestMobileOrderShortensMealWaits(t *testing.T) {
	none, half := daysOf(t, "mobile-order-0"), daysOf(t, "mobile-order-50")
	mean := func(s park.Summary, f func(park.RestaurantSummary) float64) float64 {
		sum, n := 0.0, int64(0)
		for _, r := range s.Restaurants {
			if r.Service == "counter" { // table service has no registers, nor mobile orders
				sum += f(r) * float64(r.Meals)
				n += r.Meals
			}
		}
		return sum / float64(n)
	}
	for k, seed := range directionSeeds {
		a, b := none[k], half[k]
		regA := mean(a, func(r park.RestaurantSummary) float64 { return r.RegisterWaitMinutes.Mean })
		regB := mean(b, func(r park.RestaurantSummary) float64 { return r.RegisterWaitMinutes.Mean })
		mealA := mean(a, func(r park.RestaurantSummary) float64 { return r.MealWaitMinutes.Mean })
		mealB := mean(b, func(r park.RestaurantSummary) float64 { return r.MealWaitMinutes.Mean })
		var mobile int64
		for _, r := range b.Restaurants {
			mobile += r.MobileOrders
		}
		t.Logf("seed %d: register wait %.2f → %.2f min, meal wait %.2f → %.2f min, mobile orders %d", seed, regA, regB, mealA, mealB, mobile)
		require.Positive(t, mobile, "seed %d", seed)
		require.Less(t, regB, regA, "seed %d", seed)
		require.Less(t, mealB, mealA, "seed %d", seed)
	}
}
