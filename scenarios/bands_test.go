package scenarios

import (
	"flag"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/park"
)

// TestBandTroubleDay is the band system's day of trouble: lost, forgotten
// and cloned bands, a gate reader down for an hour, low wallet limits. The
// summary must show the denials by reason and the clones caught, the books
// must balance, and every guest the trouble touched must be accounted for.
// The guests it touched answer the survey lower than the others: over
// seeds 1–6 (band-trouble is small, and TestPlantedClonesStillCaught runs
// those days anyway) the difference's 95 % interval must lie below 0
// (measured: −0.29 ± 0.02).
func TestBandTroubleDay(t *testing.T) {
	s := dayOne(t, "band-trouble").summary
	t.Logf("denied %v; bands %+v", s.Taps.Denied, *s.Bands)
	for _, reason := range []string{"band-lost", "band-deactivated", "reader-out-of-service", "over-daily-limit", "charging-disabled", "no-ticket"} {
		require.Positive(t, s.Taps.Denied[reason], reason)
	}
	require.Equal(t, 20, s.Bands.ClonesPlanted)
	require.Positive(t, s.Bands.ClonesCaught)
	require.Positive(t, s.Bands.FraudRefundedCents, "a caught clone's sales are refunded")
	require.Zero(t, *s.LedgerImbalanceCents)
	require.Positive(t, s.Bands.AffectedGuests)
	require.NotNil(t, s.Bands.AffectedCSAT)
	seeds := []uint64{1, 2, 3, 4, 5, 6}
	requireNegative(t, over("band trouble costs satisfaction: affected − unaffected guests' CSAT", seeds, daysOf(t, seeds, "band-trouble")[0],
		func(s park.Summary) float64 { return *s.Bands.AffectedCSAT - s.Bands.UnaffectedCSAT }))
	l := s.LeftBecause
	require.Zero(t, l.Inside)
	require.Equal(t, s.Guests, l.StayOver+l.Closing+l.TurnedAway+l.Tired+l.Rain+l.Inside, "every guest left for one reason")
}

// TestDefaultDaySensing states the sensing error on the default day per
// kind of area, and checks it is small against the crowd it measures: on
// average over the direction seeds, under 10 % of the mean crowd of every
// kind of area that holds over 100 guests (measured over seeds 1–5: 2.9 %
// at the entrance, 1.8 % in the lands, 6.1 % in the queues, none moving
// by more than 0.2 % from seed to seed), and under 15 % at the entry
// lines (measured: 10.5 %), which drain by hundreds of guests a minute
// once the gates open, so that a reading two minutes old is far off.
func TestDefaultDaySensing(t *testing.T) {
	days := daysOf(t, directionSeeds, "default")[0]
	for k, s := range days {
		require.NotNil(t, s.Sensing, "seed %d", directionSeeds[k])
		require.Len(t, s.Sensing.ErrorByKind, len(days[0].Sensing.ErrorByKind), "seed %d", directionSeeds[k])
		require.Zero(t, *s.LedgerImbalanceCents, "seed %d", directionSeeds[k])
	}
	for i, kind := range days[0].Sensing.ErrorByKind {
		present := over(kind.Kind+": mean present", directionSeeds, days, func(s park.Summary) float64 { return s.Sensing.ErrorByKind[i].MeanPresent })
		mae := over(kind.Kind+": mean absolute error", directionSeeds, days, func(s park.Summary) float64 {
			require.Equal(t, kind.Kind, s.Sensing.ErrorByKind[i].Kind)
			return s.Sensing.ErrorByKind[i].MAE
		})
		t.Logf("%-8s %2d areas: %v; %v", kind.Kind, kind.Areas, present, mae)
		bound := 0.1
		if kind.Kind == "entry-line" {
			bound = 0.15
		}
		if present.mean() > 100 {
			require.Less(t, mae.mean(), bound*present.mean(), "%s: error under %.0f%% of the crowd", kind.Kind, 100*bound)
		}
	}
}

func TestBandKeyProblems(t *testing.T) {
	withBands := tiny + "[bands]\n"
	for _, tc := range []struct {
		name, src string
		want      string
	}{
		{"sections need bands", tiny + "[sensing]\ndetect = 0.5\n",
			`park.toml:32:2: sensing: needs the band system: add a [bands] table`},
		{"a share over 1", withBands + "lost = 1.5\n",
			`park.toml:33:1: bands.lost: must be a share from 0 to 1, like 0.35 or "35%"`},
		{"money without cents", withBands + "pin_above = \"12.5\"\n",
			`park.toml:33:1: bands.pin_above: "12.5" is not an amount of money: write it like "12.50"`},
		{"an unknown reader", withBands + "[[incident]]\nreader = \"gates\"\nfrom = \"10:00\"\nto = \"11:00\"\n",
			`park.toml:34:1: incident[0].reader: no reader "gates"`},
		{"an incident that ends first", withBands + "[[incident]]\nreader = \"gate\"\nfrom = \"11:00\"\nto = \"10:00\"\n",
			`park.toml:36:1: incident[0].to: the incident ends (10:00) before it starts (11:00)`},
		{"an unknown reservation ride", withBands + "[reservations]\nshare = 0.3\nattractions = [\"coastr\"]\n",
			`park.toml:35:16: reservations.attractions[0]: unknown attraction "coastr"`},
		{"an unknown merchant kind", withBands + "[[merchant]]\nid = \"shop\"\nzone = \"gate\"\nkind = \"toys\"\n",
			`park.toml:36:1: merchant[0].kind: unknown kind "toys": use food, merchandise, photo`},
		{"a basket in the wrong unit", withBands + "[[merchant]]\nid = \"shop\"\nzone = \"gate\"\nkind = \"food\"\nbasket = { dist = \"exp\", mean = 12 }\n",
			`park.toml:37:26: merchant[0].basket.mean: must be an amount of money like "12.50", not an integer`},
		{"a till where nobody stops", strings.Replace(withBands, "[[path]]", "[[zone]]\nid = \"lane\"\nat = [0, 50]\n\n[[path]]\nfrom = \"gate\"\nto = \"lane\"\n\n[[path]]", 1) + "[[merchant]]\nid = \"shop\"\nzone = \"lane\"\nkind = \"food\"\n",
			`park.toml:43:1: merchant[0].zone: parties never stop in zone "lane"`},
		{"a sensor an hour late", withBands + "[sensing]\ndelay = \"2h\"\n",
			`park.toml:34:1: sensing.delay: an estimate more than an hour old is no live picture`},
		{"a share that is not a number", withBands + "lost = \"NaN%\"\n",
			`park.toml:33:1: bands.lost: must be a share from 0 to 1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := problems(t, tc.src)
			require.Len(t, got, 1, "%q", got)
			require.True(t, strings.HasPrefix(got[0], tc.want), "got  %s\nwant %s…", got[0], tc.want)
		})
	}
	s, err := Parse("park.toml", []byte(withBands+"lost = \"5%\"\n"))
	require.NoError(t, err)
	require.Equal(t, 0.05, s.Park.Bands.Lost)
}

// TestShopsPhotosAndBudgetsWithoutBands: a park without a band system
// still sells at its tills and ride cameras, within guests' budgets, and
// reports the revenue, all of it paid at the till another way.
func TestShopsPhotosAndBudgetsWithoutBands(t *testing.T) {
	src := strings.Replace(tiny, "ride_time = \"2m\"\n", "ride_time = \"2m\"\nphoto_price = \"19.99\"\n", 1) + `
[guests]
budget = { dist = "uniform", min = "0", max = "60.00" }
elsewhere_appeal = 1

[[merchant]]
id = "gifts"
zone = "west"
kind = "merchandise"
basket = "25.00"
`
	s, err := Parse("park.toml", []byte(src))
	require.NoError(t, err)
	day, err := s.Build(1)
	require.NoError(t, err)
	sum := day.Run()
	r := sum.RevenueCents
	require.NotNil(t, r)
	t.Logf("revenue %+v; shops %+v", *r, sum.Shops)
	require.Positive(t, r.Merchandise)
	require.Positive(t, r.Photo)
	require.Equal(t, r.Total, r.OtherWay)
	require.Zero(t, r.ByBand)
	require.Len(t, sum.Shops, 1, "the budget turned buyers away at the till")
	require.Positive(t, sum.Shops[0].OverBudget)
}

var cloneSeeds = flag.Int("clone-seeds", 1, "seeds 1..N of every embedded scenario for TestCloneDetectionFlagsNoGenuineBand (the issue's check is 20)")

// TestCloneDetectionFlagsNoGenuineBand runs every embedded scenario over
// seeds 1..-clone-seeds (by default seed 1 only, whose days other tests run
// anyway, and the seeds whose fastest walker used to be flagged: default 3,
// breakdown 3 and 5; run it with -clone-seeds 20 for the full check of the
// issue, a few minutes on two cores): clone detection may switch off only
// bands somebody else was trying, so clones caught never exceed clones
// planted and no genuine guest's band is ever switched off, in particular
// not for an order placed in the app (mobile-order-50 used to catch some
// 2,200 clones of none) or for the fastest walker's rounded walk times. A
// band is counted as caught only when a clone's or finder's sighting was
// one of the pair that switched it off, so a false alarm on a band that
// also has a clone planted shows as genuine_deactivated here.
func TestCloneDetectionFlagsNoGenuineBand(t *testing.T) {
	named := map[string][]int{"default": {3}, "breakdown": {3, 5}}
	for _, name := range Embedded() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			seeds := make([]int, 0, *cloneSeeds+2)
			for seed := 1; seed <= *cloneSeeds; seed++ {
				seeds = append(seeds, seed)
			}
			for _, seed := range named[name] {
				if seed > *cloneSeeds {
					seeds = append(seeds, seed)
				}
			}
			for _, seed := range seeds {
				s := dayOf(t, name, uint64(seed)).summary
				if s.Bands == nil {
					return // no band system, no clone detection
				}
				b := s.Bands
				t.Logf("%s seed %2d: clones caught %d of %d, found bands caught %d, genuine bands switched off %d", name, seed, b.ClonesCaught, b.ClonesPlanted, b.FoundCaught, b.GenuineDeactivated)
				require.LessOrEqual(t, b.ClonesCaught, b.ClonesPlanted, "seed %d: more clones caught than planted", seed)
				require.Zero(t, b.GenuineDeactivated, "seed %d: genuine bands switched off as clones", seed)
			}
		})
	}
}

// TestPlantedClonesStillCaught: sparing genuine guests costs no catches.
// band-trouble plants 20 clones a day. How many are caught depends on where
// the guests whose bands were copied happen to be, so fixes that change
// guests' paths move the count: over seeds 1–20 it went from 152 to 142
// with the fixes to posted waits, balking and return windows, and to 145
// when clones were tried at restaurants' registers too and windows opened
// after the gates (8 on seed 1). The old strict rule, with app orders as
// sightings and no allowance for the clock, catches exactly those 145 on
// today's days too (and switches off genuine bands on seeds 2, 4, 15 and
// 19): the remote tills and the allowance for rounded walks lose no catch.
// Detection that gets weaker fails here.
func TestPlantedClonesStillCaught(t *testing.T) {
	caught, planted := 0, 0
	for seed := uint64(1); seed <= 20; seed++ {
		b := dayOf(t, "band-trouble", seed).summary.Bands
		caught += b.ClonesCaught
		planted += b.ClonesPlanted
		require.Zero(t, b.GenuineDeactivated, "seed %d", seed)
	}
	t.Logf("band-trouble seeds 1–20: %d of %d clones caught", caught, planted)
	require.Equal(t, 400, planted)
	require.GreaterOrEqual(t, caught, 145)
}

// TestReturnWindowsAreUsed: windows are booked within the visit a party
// plans, from the time it is expected through the gates, so most are used
// (drawn over the whole day, about half were): over 85 % on average over
// the direction seeds (measured over seeds 1–5: 88.4 %, from 86.9 % to
// 90.2 %). A party that misses its window knows it and joins standby
// without tapping: no "window-passed" refusal on any seed, no band trouble
// for it (seed 1 had 426 before).
func TestReturnWindowsAreUsed(t *testing.T) {
	days := daysOf(t, directionSeeds, "default")[0]
	share := over("guests who used their window", directionSeeds, days, func(s park.Summary) float64 {
		return float64(s.Bands.WindowsUsed) / float64(s.Bands.WindowsBooked)
	})
	requireBetween(t, share, 0.85, 1)
	for k, s := range days {
		require.Zero(t, s.Taps.Denied["window-passed"], "seed %d", directionSeeds[k])
	}
}

// TestNoResortGuestsUnlessSaid: turning bands on brings no resort guests
// (a regional park has no hotels); the embedded days that have them say so,
// and keep the 30% they had.
func TestNoResortGuestsUnlessSaid(t *testing.T) {
	sc, err := Parse("park.toml", []byte(venues))
	require.NoError(t, err)
	require.Zero(t, sc.Park.Bands.Resort)
	day, err := sc.Build(1)
	require.NoError(t, err)
	day.Run()
	require.NotEmpty(t, day.Park.Bands().Log())
	for _, r := range day.Park.Bands().Log() {
		require.NotEqual(t, "hotel-door", day.Park.Bands().Reader(r.Reader).Kind.String(), "no hotel rooms to open")
	}
	sc, err = Parse("park.toml", []byte(strings.Replace(venues, "[bands]\n", "[bands]\nresort = \"25%\"\n", 1)))
	require.NoError(t, err)
	require.InDelta(t, 0.25, sc.Park.Bands.Resort, 1e-12)
	for _, name := range Embedded() {
		s, err := LoadEmbedded(name)
		require.NoError(t, err)
		if s.Park.Bands != nil {
			require.InDelta(t, 0.3, s.Park.Bands.Resort, 1e-12, name)
		}
	}
}
