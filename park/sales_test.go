package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// TestShopsAndRevenueWithoutBands: with the band system off, guests still
// buy at tills, checkouts, photographers, restaurants and ride photos,
// paying at the till another way, and revenue is reported.
func TestShopsAndRevenueWithoutBands(t *testing.T) {
	cfg := shopPark(600, 2)
	cfg.Bands = nil
	cfg.Merchants = append(cfg.Merchants, Merchant{ID: "snacks", Zone: 1, Kind: "food", BuyShare: 0.8, Basket: sim.Const{V: 800}})
	cfg.Restaurants = []Restaurant{{ID: "diner", Zone: 0, Registers: 2, Tables: 40,
		Order: sim.Const{V: float64(90 * sim.Second)}, Prep: sim.Const{V: float64(4 * sim.Minute)},
		Dine: sim.Const{V: float64(20 * sim.Minute)}, Meal: sim.Const{V: 1500}}}
	cfg.Guests.Lunch = sim.Uniform{Min: float64(10 * sim.Hour), Max: float64(11 * sim.Hour)}
	cfg.Guests.Dinner = sim.Const{V: float64(20 * sim.Hour)}
	cfg.Guests.MealShare = 1
	_, s := runConfig(t, cfg, 1)
	r := s.RevenueCents
	require.NotNil(t, r)
	t.Logf("revenue %+v", *r)
	require.Positive(t, r.Food, "meals and the snack till")
	require.Positive(t, r.Merchandise, "the gift shop's checkout")
	require.Positive(t, r.Photo, "ride photos and the portrait studio")
	require.Zero(t, r.ByBand)
	require.Equal(t, r.Total, r.OtherWay)
	require.Equal(t, r.Food+r.Merchandise+r.Photo, r.Total)
	require.Positive(t, shopOf(s, "gifts").Sales)
	require.Positive(t, shopOf(s, "portrait").Visits)
	require.Nil(t, s.Taps)
	require.Nil(t, s.LedgerImbalanceCents)
}

// TestRevenueCountsSalesPaidAnotherWay: with bands on, what a band could
// not pay (a spending limit, a till down, a band lost) is revenue all the
// same, and the lines add up to the total.
func TestRevenueCountsSalesPaidAnotherWay(t *testing.T) {
	_, s := runConfig(t, troubledPark(1500), 1)
	r := s.RevenueCents
	require.Positive(t, r.OtherWay, "low spending limits send buyers to another way")
	require.Equal(t, s.Bands.PaidAnotherWayCents, r.OtherWay)
	require.Equal(t, r.ByBand+r.OtherWay, r.Total)
	require.Equal(t, r.Food+r.Merchandise+r.Photo, r.Total)
}
