package scenarios

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestBandTroubleDay is the band system's day of trouble: lost, forgotten
// and cloned bands, a gate reader down for an hour, low wallet limits. The
// summary must show the denials by reason and the clones caught, the books
// must balance, and every guest the trouble touched must be accounted for.
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
	require.Equal(t, s.Bands.AffectedGuests, s.Bands.AffectedLeft)
	require.Zero(t, s.LeftBecause.Inside)
	require.Equal(t, s.Guests, s.LeftBecause.StayOver+s.LeftBecause.Closing+s.LeftBecause.TurnedAway)
}

// TestDefaultDaySensing states the sensing error on the default day per
// kind of area, and checks it is small against the crowd it measures.
func TestDefaultDaySensing(t *testing.T) {
	s := dayOne(t, "default").summary
	require.NotNil(t, s.Sensing)
	for _, k := range s.Sensing.ErrorByKind {
		t.Logf("%-8s %2d areas: mean present %8.1f, mean absolute error %6.1f", k.Kind, k.Areas, k.MeanPresent, k.MAE)
		if k.MeanPresent > 100 {
			require.Less(t, k.MAE, 0.1*k.MeanPresent, "%s: error under 10%% of the crowd", k.Kind)
		}
	}
	require.Zero(t, *s.LedgerImbalanceCents)
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
