package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

var testModel = Satisfaction{Base: 3.8, MustDo: 1, Rides: 0.8, Wait: 0.3, Balk: 0.1, Outage: 0.5, Denied: 0.15, Crowd: 1, Rain: 0.5, MealWait: 0.5, BusWait: 0.5, Comfort: 1000, Noise: 0.6}

// TestMoreTroubleNeverRaisesSatisfaction: all else equal (the same guest,
// the same noise draw), more waiting, balking, denials or crowding never
// raises any answer, and more rides or must-dos never lower one.
func TestMoreTroubleNeverRaisesSatisfaction(t *testing.T) {
	const seed = 5
	t.Logf("seed %d", seed)
	r := sim.Seed(seed).Stream("survey")
	worse := []func(x *experience, rides *float64){
		func(x *experience, _ *float64) { x.waited += 20 * sim.Minute },
		func(x *experience, _ *float64) { x.balks++ },
		func(x *experience, _ *float64) { x.letDown++ },
		func(x *experience, _ *float64) { x.denials++ },
		func(x *experience, _ *float64) { x.crowdSum += 300 * float64(max(x.crowdN, 1)) },
		func(x *experience, _ *float64) {
			if x.mustDone > 0 {
				x.mustDone--
			}
		},
		func(_ *experience, rides *float64) { *rides = max(*rides-1, 0) },
		func(x *experience, _ *float64) { x.rained += 30 * sim.Minute },
		func(x *experience, _ *float64) { x.mealWait += 20 * sim.Minute },
		func(x *experience, _ *float64) { x.busWait += 20 * sim.Minute },
	}
	for range 2000 {
		x := experience{
			waited:   sim.Time(r.Int64N(int64(6 * sim.Hour))),
			mustDone: uint8(r.IntN(MustDos + 1)),
			balks:    int16(r.IntN(4)),
			denials:  int16(r.IntN(4)),
			crowdSum: 1500 * r.Float64() * 10,
			crowdN:   10,
		}
		rides, hours, noise := float64(r.IntN(15)), 1+7*r.Float64(), r.NormFloat64()
		before := answer(testModel.score(&x, rides, hours, noise))
		for k, change := range worse {
			y, yr := x, rides
			change(&y, &yr)
			after := answer(testModel.score(&y, yr, hours, noise))
			require.LessOrEqual(t, after.CSAT, before.CSAT, "change %d", k)
			require.LessOrEqual(t, after.Recommend, before.Recommend, "change %d", k)
			require.LessOrEqual(t, after.Return, before.Return, "change %d", k)
		}
	}
}

func TestAnswerScales(t *testing.T) {
	require.Equal(t, Answer{CSAT: 1, Recommend: 0, Return: answer(-3).Return}, answer(-3))
	require.Equal(t, 5, answer(5).CSAT)
	require.Equal(t, 10, answer(5).Recommend)
	require.Equal(t, 8, answer(4.2).Recommend, "2.5·(4.2−1) = 8")
	require.InDelta(t, 0.5, answer(3).Return, 1e-12)
}

func TestMustDosAreDistinctAndCountOnce(t *testing.T) {
	appeal := []float64{2, 1} // the tiny park's two attractions
	for seed := range uint64(50) {
		var x experience
		drawMustDos(&x, appeal, sim.Seed(seed).Stream("must"))
		// Two attractions: the third slot stays empty.
		require.ElementsMatch(t, []int16{0, 1, -1}, x.mustDo[:], "seed %d", seed)
		x.rode(0)
		x.rode(0)
		require.Equal(t, uint8(1), x.mustDone, "riding twice counts once")
	}
}

func TestEveryGuestWhoEnteredAnswers(t *testing.T) {
	cfg := tinyPark(1500)
	cfg.Satisfaction = testModel
	_, s := runConfig(t, cfg, 1)
	require.Equal(t, int64(s.Guests-s.TurnedAway), s.Satisfaction.Responses)
	require.GreaterOrEqual(t, s.Satisfaction.CSAT, 1.0)
	require.LessOrEqual(t, s.Satisfaction.CSAT, 5.0)
	require.GreaterOrEqual(t, s.Satisfaction.NPS, -100.0)
	require.LessOrEqual(t, s.Satisfaction.NPS, 100.0)

	// The same park with rides half as fast: longer waits, lower satisfaction.
	slow := tinyPark(1500)
	slow.Satisfaction = testModel
	for a := range slow.Attractions {
		slow.Attractions[a].DispatchEvery *= 2
	}
	_, ss := runConfig(t, slow, 1)
	t.Logf("csat %.3f → %.3f, nps %.1f → %.1f", s.Satisfaction.CSAT, ss.Satisfaction.CSAT, s.Satisfaction.NPS, ss.Satisfaction.NPS)
	require.Less(t, ss.Satisfaction.CSAT, s.Satisfaction.CSAT)
}

// A day with a restaurant: parties eat at most twice, meals are counted
// once each, and everybody still leaves.
func TestRestaurantDay(t *testing.T) {
	cfg := tinyPark(1500)
	cfg.Restaurants = []Restaurant{{ID: "diner", Zone: 0, Registers: 2, Tables: 40,
		Order: sim.Const{V: float64(90 * sim.Second)}, Prep: sim.Const{V: float64(4 * sim.Minute)},
		Dine: sim.Const{V: float64(20 * sim.Minute)}, Meal: sim.Const{V: 1500}}}
	cfg.Guests.Lunch = sim.Uniform{Min: float64(10 * sim.Hour), Max: float64(11 * sim.Hour)}
	cfg.Guests.Dinner = sim.Const{V: float64(11*sim.Hour + 30*sim.Minute)}
	cfg.Guests.MealShare = 1
	cfg.Guests.MobileOrder = 0.3
	p, s := runConfig(t, cfg, 1)
	r := s.Restaurants[0]
	t.Logf("meals %d (mobile %d), register wait %.2f min, meal wait %.2f min", r.Meals, r.MobileOrders, r.RegisterWaitMinutes.Mean, r.MealWaitMinutes.Mean)
	require.Positive(t, r.Meals)
	require.Positive(t, r.MobileOrders)
	require.LessOrEqual(t, r.Meals, int64(2*s.Parties))
	require.GreaterOrEqual(t, r.MealWaitMinutes.Mean, 4.0, "nobody eats before the kitchen is done")
	require.Equal(t, 0.0, p.inPark.Level(), "everybody left")
	for i := range p.parties {
		require.GreaterOrEqual(t, p.parties[i].mealsLeft, int8(0))
	}
}

// A height limit splits parties: children below it wait while the others
// ride, and a party with nobody tall enough does not choose the ride.
func TestHeightLimitsSplitParties(t *testing.T) {
	cfg := tinyPark(1500)
	cfg.Guests.ChildHeight = sim.Const{V: 100}
	cfg.Attractions[0].MinHeight = 120
	p, s := runConfig(t, cfg, 1)
	var fours, children int64
	for i := range p.parties {
		if pt := &p.parties[i]; pt.size > 2 {
			fours++
			children += int64(pt.size - 2)
		}
	}
	require.Positive(t, children)
	// Nobody under 120 cm rode the coaster: each of a party's visits carried
	// exactly its adults.
	var want int64
	n := len(p.rides)
	for i := range p.parties {
		want += int64(p.visits[i*n]) * int64(min(p.parties[i].size, 2))
	}
	require.Positive(t, s.Attractions[0].Riders)
	require.Equal(t, want, s.Attractions[0].Riders, "only adults ride it")
	require.Zero(t, p.rides[0].queued)
	require.Equal(t, 0.0, p.inPark.Level())

	// The same with no limit: children ride too, the coaster carries more of them.
	open := tinyPark(1500)
	open.Guests.ChildHeight = sim.Const{V: 100}
	_, so := runConfig(t, open, 1)
	t.Logf("coaster riders: %d with the limit, %d without (%d children in %d parties)", s.Attractions[0].Riders, so.Attractions[0].Riders, children, fours)
	require.Less(t, s.Attractions[0].Riders, so.Attractions[0].Riders)
}

// Table service: bookings are made for meals within the planned visit,
// every booking is eaten or counted as a no-show, booked parties use only
// the tables kept for them, and the bill is paid at the end.
func TestTableServiceBookings(t *testing.T) {
	t.Run("short day", func(t *testing.T) { tableServiceDay(t, 12*sim.Hour) })
	// Lunch and a booked dinner hours apart: lunch may be a walk-in at the
	// restaurant of the booking, which must not use the booking up.
	t.Run("lunch and dinner", func(t *testing.T) { tableServiceDay(t, 20*sim.Hour) })
}

func tableServiceDay(t *testing.T, closing sim.Time) {
	cfg := tinyPark(1500)
	cfg.Close = closing
	cfg.Bands = troubledPark(1500).Bands
	cfg.Restaurants = []Restaurant{
		{ID: "diner", Zone: 0, Registers: 2, Tables: 40, Order: sim.Const{V: float64(90 * sim.Second)},
			Prep: sim.Const{V: float64(4 * sim.Minute)}, Dine: sim.Const{V: float64(20 * sim.Minute)}, Meal: sim.Const{V: 1500}},
		{ID: "royal", Zone: 2, TableService: true, Tables: 12, Reserved: 8, Bookings: 0.3,
			Dine: sim.Const{V: float64(45 * sim.Minute)}, Meal: sim.Const{V: 4000}},
	}
	cfg.Guests.Lunch = sim.Uniform{Min: float64(9*sim.Hour + 30*sim.Minute), Max: float64(10*sim.Hour + 30*sim.Minute)}
	cfg.Guests.Dinner = sim.Uniform{Min: float64(11 * sim.Hour), Max: float64(11*sim.Hour + 30*sim.Minute)}
	if closing > 12*sim.Hour {
		cfg.Guests.Stay = sim.NewLogNormal(float64(8*sim.Hour), float64(sim.Hour))
		cfg.Guests.Lunch = sim.Uniform{Min: float64(11 * sim.Hour), Max: float64(12 * sim.Hour)}
		cfg.Guests.Dinner = sim.Uniform{Min: float64(16 * sim.Hour), Max: float64(17 * sim.Hour)}
	}
	cfg.Guests.MealShare = 0.8
	for seed := uint64(1); seed <= 3; seed++ {
		e := sim.New(seed)
		p, err := New(e, cfg)
		require.NoError(t, err)
		early := &seatedEarly{p: p}
		p.AddRecorder(early)
		e.Run()
		s := p.Summary()
		r := s.Restaurants[1]
		t.Logf("seed %d: %+v", seed, r)
		require.Equal(t, "table", r.Service)
		require.Nil(t, r.RegisterWaitMinutes)
		require.Positive(t, r.Bookings)
		require.Positive(t, r.Booked)
		require.Equal(t, r.Bookings, r.Booked+r.NoShows, "every booking is eaten or missed")
		require.Greater(t, r.Meals, r.Booked, "walk-ins eat too")
		require.NotNil(t, r.BookedWaitMinutes)
		require.Less(t, r.BookedWaitMinutes.Mean, 30.0, "the book leaves slack: bookings are seated near their time")
		d := &p.diners[1]
		require.Zero(t, d.tables.Busy()+d.reserved.Busy(), "every table is free at the end")
		require.Equal(t, r.Booked, d.reserved.Stats(p.last).Granted, "only booked parties sit at the tables kept for them")
		require.Positive(t, early.seated)
		require.GreaterOrEqual(t, early.most, -(bookingEarly + 10*sim.Minute), "nobody sits down for a booking long before it")
		require.Zero(t, *s.LedgerImbalanceCents)
		require.Positive(t, s.RevenueCents.Food)
		require.Equal(t, 0.0, p.inPark.Level(), "everybody left")
	}
}

// seatedEarly records how early before their booking booked parties sit
// down: most is the earliest, negative when before the booking.
type seatedEarly struct {
	p      *Park
	seated int
	most   sim.Time
}

func (r *seatedEarly) Record(h Happening) {
	if h.What == Served && h.Place.Kind == AtMeal && h.Priority {
		d := h.At - r.p.parties[h.Party].bookedAt
		if r.seated == 0 || d < r.most {
			r.most = d
		}
		r.seated++
	}
}
