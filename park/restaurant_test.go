package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// lunchRush is the tiny park with one counter-service restaurant of a
// single register, five minutes an order on average, and every party hungry between
// 10:00 and 11:00: twelve orders an hour for hundreds of parties.
func lunchRush(patience sim.Dist) *Config {
	cfg := tinyPark(3000)
	cfg.Restaurants = []Restaurant{{ID: "diner", Zone: 0, Registers: 1, Tables: 500,
		Order: sim.Exp{M: float64(5 * sim.Minute)}, Prep: sim.Const{V: float64(4 * sim.Minute)},
		Dine: sim.Const{V: float64(20 * sim.Minute)}, Meal: sim.Const{V: 1500}}}
	cfg.Guests.Lunch = sim.Uniform{Min: float64(10 * sim.Hour), Max: float64(11 * sim.Hour)}
	cfg.Guests.Dinner = sim.Const{V: float64(20 * sim.Hour)} // after closing: one meal each
	cfg.Guests.MealShare = 1
	cfg.Guests.Patience = patience
	return cfg
}

// TestUndersizedRestaurantTurnsPartiesAway: parties turn a register line
// down for its expected wait and give up on it after their give-up
// patience, as on a ride's line, so the restaurant is done near closing
// rather than serving for hours after it.
func TestUndersizedRestaurantTurnsPartiesAway(t *testing.T) {
	cfg := lunchRush(sim.Const{V: float64(40 * sim.Minute)})
	cfg.Guests.RenegeAfter = 1 // gives up on a ride's line after 40 minutes, on a register's after 20
	p, s := runConfig(t, cfg, 1)
	r := s.Restaurants[0]
	t.Logf("meals %d, balks %d, reneges %d, register wait %+v, last served %s (%.0f min after closing)",
		r.Meals, r.Balks, r.Reneges, *r.RegisterWaitMinutes, r.LastServed, r.ServedAfterCloseMinutes)
	require.Positive(t, r.Meals)
	require.Greater(t, r.Balks, r.Meals, "most parties find the line too long")
	require.Positive(t, r.Reneges)
	require.LessOrEqual(t, r.RegisterWaitMinutes.Max, 20.0, "nobody waits at a register past half its give-up patience")
	require.Less(t, r.ServedAfterCloseMinutes, 60.0)
	require.Equal(t, 0.0, p.inPark.Level(), "everybody left")
}

// TestLateServiceIsReported: parties who would wait five hours and never
// give up keep a one-register restaurant serving long after closing, and
// the summary says how long.
func TestLateServiceIsReported(t *testing.T) {
	_, s := runConfig(t, lunchRush(sim.Const{V: float64(10 * sim.Hour)}), 1)
	r := s.Restaurants[0]
	t.Logf("meals %d, balks %d, last served %s (%.0f min after closing)", r.Meals, r.Balks, r.LastServed, r.ServedAfterCloseMinutes)
	require.Zero(t, r.Reneges)
	require.Greater(t, r.ServedAfterCloseMinutes, 120.0)
	require.Greater(t, r.LastServed, "14:00")
}

// TestUndersizedTablesBoundTheWait: a counter-service restaurant with
// registers to spare but five tables for a lunch rush, half its parties
// ordering in the app. Parties judge it by all they will wait for (register
// unless they ordered ahead, kitchen, table), and give up on the table line
// as on the register's, so nobody waits for a table past half its give-up
// patience and the restaurant is done near closing.
func TestUndersizedTablesBoundTheWait(t *testing.T) {
	cfg := lunchRush(sim.Const{V: float64(40 * sim.Minute)})
	cfg.Restaurants[0].Registers = 10
	cfg.Restaurants[0].Tables = 5 // 15 parties an hour at 20 minutes a meal
	cfg.Guests.MobileOrder = 0.5
	cfg.Guests.RenegeAfter = 1.5 // gives up on a ride's line after 60 minutes, on a register's or a table's after 30
	p, s := runConfig(t, cfg, 1)
	r := s.Restaurants[0]
	t.Logf("meals %d (%d mobile), balks %d, reneges %d, register wait %+v, meal wait %+v, last served %s (%.0f min after closing)",
		r.Meals, r.MobileOrders, r.Balks, r.Reneges, *r.RegisterWaitMinutes, r.MealWaitMinutes, r.LastServed, r.ServedAfterCloseMinutes)
	require.Positive(t, r.Meals)
	require.Positive(t, r.MobileOrders)
	require.Positive(t, r.Balks, "parties turn down a restaurant whose tables are full for an hour")
	require.Positive(t, r.Reneges, "parties give up on the table line")
	// At most 30 minutes at a register, the order being taken, the 4-minute
	// kitchen, 30 minutes for a table. One meal each: a party's order time
	// is its lunch's.
	var order sim.Time
	for i := range p.parties {
		order = max(order, p.mealVisit[i].order)
	}
	require.LessOrEqual(t, r.MealWaitMinutes.Max, 64+order.Minutes(), "nobody waits for a table past half its give-up patience")
	require.Less(t, r.ServedAfterCloseMinutes, 60.0)
	require.Equal(t, 0.0, p.inPark.Level(), "everybody left")
}

// twoTableGrill is the lunch rush at a table-service restaurant of two
// tables, whose parties give up on its table line after 30 minutes.
func twoTableGrill() *Config {
	cfg := lunchRush(sim.Const{V: float64(40 * sim.Minute)})
	cfg.Restaurants[0] = Restaurant{ID: "grill", Zone: 0, TableService: true, Tables: 2,
		Dine: sim.Exp{M: float64(40 * sim.Minute)}, Meal: sim.Const{V: 3000}}
	cfg.Guests.RenegeAfter = 1.5 // half of 1.5 × 40 minutes' patience
	return cfg
}

// TestTableServiceWalkInsGiveUp: walk-ins at a table-service restaurant of
// two tables turn it down on arriving for its expected wait and give up on
// its table line, as at a counter-service restaurant's, so nobody waits for
// a table past half its give-up patience.
func TestTableServiceWalkInsGiveUp(t *testing.T) {
	cfg := twoTableGrill()
	p, s := runConfig(t, cfg, 1)
	r := s.Restaurants[0]
	t.Logf("meals %d, balks %d, reneges %d, meal wait %+v, last served %s", r.Meals, r.Balks, r.Reneges, r.MealWaitMinutes, r.LastServed)
	require.Positive(t, r.Meals)
	require.Positive(t, r.Reneges)
	require.LessOrEqual(t, r.MealWaitMinutes.Max, 30.0)
	require.Less(t, r.ServedAfterCloseMinutes, 60.0)
	require.Equal(t, 0.0, p.inPark.Level(), "everybody left")
}

// TestRestaurantWaitsCountThePartiesWhoGaveUp: the register's and the
// restaurant's wait figures cover every party that joined a line, those
// who gave up included, at the wait they gave up after: with everyone's
// give-up patience the same, the longest wait is exactly that patience,
// and there is one wait per meal served and per give-up.
func TestRestaurantWaitsCountThePartiesWhoGaveUp(t *testing.T) {
	t.Run("register", func(t *testing.T) {
		cfg := lunchRush(sim.Const{V: float64(40 * sim.Minute)})
		cfg.Guests.RenegeAfter = 1 // gives up on a register's line after 20 minutes
		_, s := runConfig(t, cfg, 1)
		r := s.Restaurants[0]
		require.Positive(t, r.Reneges)
		require.Zero(t, r.MobileOrders)
		require.Equal(t, r.Meals+r.Reneges, r.RegisterWaitMinutes.Parties, "a wait per party reaching a register, and per give-up")
		require.Equal(t, r.Meals+r.Reneges, r.MealWaitMinutes.Parties)
		require.Equal(t, 20.0, r.RegisterWaitMinutes.Max, "those who gave up waited longest")
	})
	t.Run("table", func(t *testing.T) {
		cfg := twoTableGrill()
		_, s := runConfig(t, cfg, 1)
		r := s.Restaurants[0]
		require.Positive(t, r.Reneges)
		require.Equal(t, r.Meals+r.Reneges, r.MealWaitMinutes.Parties)
		require.Equal(t, 30.0, r.MealWaitMinutes.Max, "those who gave up waited longest")
	})
}
