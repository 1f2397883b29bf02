package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// shopPark is the tiny park with a staffed gift shop in one land and a photo
// spot with photographers in the other.
func shopPark(guests, clerks int) *Config {
	cfg := troubledPark(guests)
	cfg.Guests.ElsewhereAppeal = 1 // plenty of browsing
	cfg.Merchants = []Merchant{
		{ID: "gifts", Zone: 1, Kind: "merchandise", BuyShare: 0.6, Basket: sim.Const{V: 3000},
			Staff: clerks, Serve: sim.Const{V: float64(2 * sim.Minute)}},
		{ID: "portrait", Zone: 2, Kind: "photo", BuyShare: 0.25, Basket: sim.Const{V: 2000},
			Staff: 2, Serve: sim.Const{V: float64(sim.Minute)}},
	}
	return cfg
}

func shopOf(s Summary, id string) ShopSummary {
	for _, sh := range s.Shops {
		if sh.ID == id {
			return sh
		}
	}
	return ShopSummary{}
}

func TestShopCheckoutAndPhotoSpot(t *testing.T) {
	p, s := runConfig(t, shopPark(1500, 2), 1)
	gifts, portrait := shopOf(s, "gifts"), shopOf(s, "portrait")
	t.Logf("gifts %+v %+v\nportrait %+v %+v", gifts, *gifts.WaitMinutes, portrait, *portrait.WaitMinutes)
	require.Positive(t, gifts.Sales)
	require.LessOrEqual(t, gifts.Sales+gifts.WalkedAway, gifts.Visits)
	require.Positive(t, gifts.WaitMinutes.P95, "two clerks at two minutes a sale: a line forms")
	// Everybody at the photo spot poses; about a quarter buy.
	require.Positive(t, portrait.Visits)
	require.InDelta(t, 0.25, float64(portrait.Sales)/float64(portrait.Visits-portrait.WalkedAway), 0.08)
	cameraTaps := 0
	for _, r := range p.Bands().Log() {
		if p.Bands().Reader(r.Reader).Name == "portrait/camera" {
			cameraTaps++
		}
	}
	require.Positive(t, cameraTaps, "the photographers link pictures to bands")
	require.Zero(t, *s.LedgerImbalanceCents)
	require.Zero(t, s.LeftBecause.Inside, "nobody is left at a checkout")
	for i := range p.parties {
		require.EqualValues(t, -1, p.shopVisit[i].at, "party %d still has a shop", i)
	}
	// Nobody waits at the checkout much beyond a quarter of the longest
	// patience drawn: longer lines are walked away from.
	require.Less(t, gifts.WaitMinutes.Max, 60.0)
}

// More clerks: shorter checkout waits, and no fewer sales.
func TestMoreClerksShortenTheCheckout(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		_, few := runConfig(t, shopPark(1500, 1), seed)
		_, many := runConfig(t, shopPark(1500, 4), seed)
		f, m := shopOf(few, "gifts"), shopOf(many, "gifts")
		require.Less(t, m.WaitMinutes.Mean, f.WaitMinutes.Mean, "seed %d", seed)
		require.Less(t, m.WalkedAway, max(f.WalkedAway, 1), "seed %d", seed)
		require.GreaterOrEqual(t, m.Sales, f.Sales, "seed %d", seed)
	}
}

// A budget caps what a party spends on what it can do without: a tight one
// turns buyers away and lowers merchandise and photo takings, never meals.
func TestBudgetsLimitSpending(t *testing.T) {
	// Revenue falls over the days together: on one day, shorter lines at the
	// checkout (fewer can buy) may let more of those who can buy stay for it.
	var free, tight Revenue
	for seed := uint64(1); seed <= 3; seed++ {
		_, fs := runConfig(t, shopPark(1500, 3), seed)
		cfg := shopPark(1500, 3)
		cfg.Guests.Budget = sim.Const{V: 1500} // 15.00 a guest
		p, ts := runConfig(t, cfg, seed)
		require.Zero(t, shopOf(fs, "gifts").OverBudget, "seed %d", seed)
		require.Positive(t, shopOf(ts, "gifts").OverBudget, "seed %d", seed)
		t.Logf("seed %d: merchandise %d → %d, photos %d → %d", seed, fs.RevenueCents.Merchandise, ts.RevenueCents.Merchandise, fs.RevenueCents.Photo, ts.RevenueCents.Photo)
		free.Merchandise += fs.RevenueCents.Merchandise
		free.Photo += fs.RevenueCents.Photo
		tight.Merchandise += ts.RevenueCents.Merchandise
		tight.Photo += ts.RevenueCents.Photo
		for i := range p.parties {
			pt := &p.parties[i]
			require.LessOrEqual(t, pt.spent, pt.budget, "party %d spends within its budget (no meals here)", i)
		}
	}
	require.Less(t, tight.Merchandise, free.Merchandise)
	require.Less(t, tight.Photo, free.Photo)
}

// Configurations built in Go get the checks the scenario reader makes:
// an error, never a panic mid-run.
func TestCheckRejectsMalformedVenues(t *testing.T) {
	whole := shopPark(300, 2)
	whole.Buses = busPark(300, 40).Buses
	_, err := New(sim.New(1), whole)
	require.NoError(t, err, "unbroken, it is accepted")
	for name, breakIt := range map[string]func(*Config){
		"staff without a serve time": func(c *Config) { c.Merchants[0].Serve = nil },
		"buses without a headway":    func(c *Config) { c.Buses.Every = 0 },
		"buses riding back in time":  func(c *Config) { c.Buses.Ride = -sim.Minute },
		"buses without bands":        func(c *Config) { c.Bands = nil; c.Merchants = nil },
		"negative fatigue":           func(c *Config) { c.Guests.Fatigue.Rest = -1 },
	} {
		t.Run(name, func(t *testing.T) {
			cfg := shopPark(300, 2)
			cfg.Buses = busPark(300, 40).Buses
			breakIt(cfg)
			_, err := New(sim.New(1), cfg)
			require.Error(t, err)
			t.Log(err)
		})
	}
}
