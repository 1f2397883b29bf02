package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// at is a clock time of the day, h:m.
func at(h, m int) sim.Time { return sim.Time(h)*sim.Hour + sim.Time(m)*sim.Minute }

// handTally is a tally fed hs by hand, for a park of tinyPark's hours
// (09:00 to 12:00) with a counter-service cafe and a table-service grill,
// a till nobody staffs and a staffed shop, bands and buses, and parties
// enough for the happenings.
func handTally(t *testing.T, hs []Happening) *tally {
	t.Helper()
	cfg := troubledPark(10)
	grill := counterDiner()
	grill.ID, grill.TableService = "grill", true
	cfg.Restaurants = []Restaurant{counterDiner(), grill}
	cfg.Merchants[1].Staff, cfg.Merchants[1].Serve = 1, sim.Const{V: float64(2 * sim.Minute)}
	cfg.Buses = &Buses{Every: 10 * sim.Minute, Capacity: 40, Ride: 10 * sim.Minute, First: 8 * sim.Hour}
	p := &Park{cfg: cfg}
	for range 8 {
		p.parties = append(p.parties, party{size: 2, persona: -1})
	}
	var tl tally
	tl.init(p)
	for _, h := range hs {
		tl.Record(h)
	}
	return &tl
}

// flow is one by-hour element; wait is the mean in minutes, negative for
// none.
func flow(hour string, arrivals, served, walkedAway int64, wait float64) HourlyFlow {
	f := HourlyFlow{Hour: hour, Arrivals: arrivals, Served: served, WalkedAway: walkedAway}
	if wait >= 0 {
		f.WaitMeanMinutes = &wait
	}
	return f
}

// requireFlows compares by-hour lists, means to the microsecond.
func requireFlows(t *testing.T, want, got []HourlyFlow, what string) {
	t.Helper()
	require.Len(t, got, len(want), what)
	for k := range want {
		w, g := want[k], got[k]
		require.Equal(t, w.Hour, g.Hour, what)
		require.Equal(t, [3]int64{w.Arrivals, w.Served, w.WalkedAway}, [3]int64{g.Arrivals, g.Served, g.WalkedAway}, "%s %s", what, w.Hour)
		if w.WaitMeanMinutes == nil {
			require.Nil(t, g.WaitMeanMinutes, "%s %s", what, w.Hour)
			continue
		}
		require.NotNil(t, g.WaitMeanMinutes, "%s %s", what, w.Hour)
		require.InDelta(t, *w.WaitMeanMinutes, *g.WaitMeanMinutes, 1e-6, "%s %s", what, w.Hour)
	}
}

// A restaurant counts its parties by the hour they arrived: a meal over
// in the next hour is its arrival hour's, a party that gave up on a
// counter's table line ate its food and was served, one that turned the
// restaurant down from the boards never came.
func TestHourlyRestaurants(t *testing.T) {
	cafe, grill := Place{AtMeal, 0}, Place{AtMeal, 1}
	tl := handTally(t, []Happening{
		{At: at(11, 50), What: Arrived, Party: 0, Place: cafe, N: 2},
		{At: at(12, 5), What: Served, Party: 0, Place: Place{AtRegisters, 0}, N: 2, Wait: 15 * sim.Minute},
		{At: at(12, 0), What: Balked, Party: 5, Place: grill}, // from the boards
		{At: at(12, 10), What: Arrived, Party: 1, Place: cafe, N: 2},
		{At: at(12, 10), What: Balked, AtLine: true, Party: 1, Place: cafe},
		{At: at(12, 20), What: Served, Party: 0, Place: cafe, N: 2, Wait: 30 * sim.Minute},
		{At: at(12, 20), What: Arrived, Party: 2, Place: cafe, N: 2},
		{At: at(12, 30), What: Arrived, Party: 3, Place: cafe, N: 2},
		{At: at(12, 40), What: Arrived, Party: 4, Place: grill, N: 2},
		{At: at(12, 45), What: Dined, Party: 0, Place: cafe, N: 2},
		{At: at(12, 50), What: Withdrew, GaveUp: true, Party: 2, Place: Place{AtRegisters, 0}, N: 2, Wait: 30 * sim.Minute},
		{At: at(13, 5), What: Withdrew, GaveUp: true, Party: 4, Place: grill, N: 2, Wait: 25 * sim.Minute},
		{At: at(13, 10), What: Withdrew, GaveUp: true, Party: 3, Place: cafe, N: 2, Wait: 40 * sim.Minute},
		{At: at(13, 10), What: Dined, Party: 3, Place: cafe, N: 2},
	})
	first, last := tl.hourRange()
	require.Equal(t, [2]int{9, 12}, [2]int{first, last}, "the opening hours and the cafe's 12:00")
	requireFlows(t, []HourlyFlow{flow("09:00", 0, 0, 0, -1), flow("10:00", 0, 0, 0, -1),
		flow("11:00", 1, 1, 0, 30), flow("12:00", 3, 1, 2, 35)}, tl.diners[0].byHour.flows(first, last), "cafe")
	requireFlows(t, []HourlyFlow{flow("09:00", 0, 0, 0, -1), flow("10:00", 0, 0, 0, -1),
		flow("11:00", 0, 0, 0, -1), flow("12:00", 1, 0, 1, 25)}, tl.diners[1].byHour.flows(first, last), "grill")
	hours := tl.parkHours(first, last)
	require.Equal(t, int64(1), hours[2].Meals)
	require.InDelta(t, 30, *hours[2].MealWaitMeanMinutes, 1e-9)
	require.Equal(t, int64(1), hours[3].Meals)
	require.InDelta(t, (30+40+25)/3.0, *hours[3].MealWaitMeanMinutes, 1e-9, "every restaurant's waits of the hour")
	require.Nil(t, hours[0].MealWaitMeanMinutes)
}

// A merchant counts its visits by the hour they came: a till nobody
// staffs serves as it sells, a staffed one when a clerk takes the party
// (its sale afterwards is no second service).
func TestHourlyShops(t *testing.T) {
	snacks, gifts := Place{AtMerchant, 0}, Place{AtMerchant, 1}
	tl := handTally(t, []Happening{
		{At: at(10, 10), What: Visited, Party: 0, Place: snacks, N: 2},
		{At: at(10, 10), What: Sold, Party: 0, Place: snacks, Line: "food", Amount: 500},
		{At: at(10, 55), What: Visited, Party: 1, Place: gifts, N: 2},
		{At: at(11, 0), What: Visited, Party: 2, Place: gifts, N: 2},
		{At: at(11, 4), What: Balked, AtLine: true, Party: 2, Place: gifts},
		{At: at(11, 5), What: Served, Party: 1, Place: gifts, N: 2, Wait: 10 * sim.Minute},
		{At: at(11, 7), What: Sold, Party: 1, Place: gifts, Line: "merchandise", Amount: 3000},
	})
	first, last := tl.hourRange()
	requireFlows(t, []HourlyFlow{flow("09:00", 0, 0, 0, -1), flow("10:00", 1, 1, 0, -1), flow("11:00", 0, 0, 0, -1)},
		tl.shops[0].byHour.flows(first, last), "snacks")
	requireFlows(t, []HourlyFlow{flow("09:00", 0, 0, 0, -1), flow("10:00", 1, 1, 0, 10), flow("11:00", 1, 0, 1, -1)},
		tl.shops[1].byHour.flows(first, last), "gifts")
}

// The gates count parties by the hour they reached the plaza, however long
// guest relations kept them on the way; guest relations by the hour they
// joined its line; a party kept at its hotel's stop by closing was never at
// the plaza.
func TestHourlyEntryAndDesk(t *testing.T) {
	gates, desk := Place{Kind: AtGates}, Place{Kind: AtDeskPlace}
	tl := handTally(t, []Happening{
		{At: at(8, 50), What: Arrived, Party: 0, Place: gates, N: 2},
		{At: at(8, 55), What: Arrived, Party: 1, Place: gates, N: 2},
		{At: at(8, 56), What: Arrived, Party: 1, Place: desk, N: 2},
		{At: at(9, 5), What: Served, Party: 0, Place: gates, N: 2, Wait: 15 * sim.Minute},
		{At: at(9, 20), What: Done, Party: 1, Place: desk, N: 2, Wait: 24 * sim.Minute},
		{At: at(9, 30), What: Served, Party: 1, Place: gates, N: 2, Wait: 35 * sim.Minute},
		{At: at(11, 58), What: Arrived, Party: 2, Place: gates, N: 2},
		{At: at(12, 0), What: Closing, Party: -1},
		{At: at(12, 0), What: TurnedAway, Party: 3, Place: Place{AtBusStop, hotelStop}, N: 2, Wait: 10 * sim.Minute},
		{At: at(12, 1), What: TurnedAway, Party: 2, Place: gates, N: 2, Wait: 3 * sim.Minute},
	})
	first, last := tl.hourRange()
	require.Equal(t, [2]int{8, 11}, [2]int{first, last}, "from the first arrival before opening")
	requireFlows(t, []HourlyFlow{flow("08:00", 2, 2, 0, 25), flow("09:00", 0, 0, 0, -1), flow("10:00", 0, 0, 0, -1),
		flow("11:00", 1, 0, 1, -1)}, tl.entry.flows(first, last), "entry")
	requireFlows(t, []HourlyFlow{flow("08:00", 1, 1, 0, 24), flow("09:00", 0, 0, 0, -1), flow("10:00", 0, 0, 0, -1),
		flow("11:00", 0, 0, 0, -1)}, tl.desk.flows(first, last), "guest relations")
	require.Equal(t, 4, tl.turnedAway, "turned away in guests, at the gates and at the hotel")
}

// A bus stop counts guests by the hour their party reached it, and the
// times a party of that hour was left behind.
func TestHourlyBuses(t *testing.T) {
	toPark, toHotel := Place{AtBusStop, hotelStop}, Place{AtBusStop, parkStop}
	tl := handTally(t, []Happening{
		{At: at(8, 40), What: Arrived, Party: 4, Place: toPark, N: 4},
		{At: at(8, 45), What: LeftBehind, Party: 4, Place: toPark, N: 4},
		{At: at(8, 55), What: Boarded, Last: true, Party: 4, Place: toPark, N: 4, Wait: 15 * sim.Minute},
		{At: at(11, 59), What: Arrived, Party: 5, Place: toHotel, N: 2},
		{At: at(11, 59), What: Arrived, Party: 6, Place: toHotel, N: 3},
		{At: at(12, 5), What: Boarded, Last: true, Party: 5, Place: toHotel, N: 2, Wait: 6 * sim.Minute},
		{At: at(12, 5), What: Boarded, Last: true, Party: 6, Place: toHotel, N: 3, Wait: 6 * sim.Minute},
	})
	first, last := tl.hourRange()
	requireFlows(t, []HourlyFlow{flow("08:00", 4, 4, 1, 15), flow("09:00", 0, 0, 0, -1), flow("10:00", 0, 0, 0, -1),
		flow("11:00", 0, 0, 0, -1)}, tl.stops[hotelStop].byHour.flows(first, last), "to the park")
	requireFlows(t, []HourlyFlow{flow("08:00", 0, 0, 0, -1), flow("09:00", 0, 0, 0, -1), flow("10:00", 0, 0, 0, -1),
		flow("11:00", 5, 5, 0, 6)}, tl.stops[parkStop].byHour.flows(first, last), "to the hotel")
}

// The park's hours: guests inside weighted by the time they spent in each
// hour, rides by the hour of joining, balks when they happen, revenue by
// the hour of the sale (a refund of what a copied band paid is none).
func TestHourlyPark(t *testing.T) {
	ride := Place{AtRide, 0}
	tl := handTally(t, []Happening{
		{At: at(9, 10), What: Entered, Party: 0, Place: Place{Kind: AtGates}, N: 2},
		{At: at(9, 40), What: Entered, Party: 1, Place: Place{Kind: AtGates}, N: 4},
		{At: at(10, 10), What: Boarded, Last: true, Party: 0, Place: ride, N: 2, Wait: 20 * sim.Minute},
		{At: at(10, 20), What: Boarded, Priority: true, Last: true, Party: 1, Place: ride, N: 4, Wait: 5 * sim.Minute},
		{At: at(10, 30), What: Left, Party: 0, Place: Place{Kind: AtExit}, N: 2},
		{At: at(10, 30), What: Balked, Party: 2, Place: ride},
		{At: at(10, 40), What: Sold, Party: 1, Place: Place{AtMeal, 0}, Line: "food", Amount: 1000},
		{At: at(11, 0), What: Left, Party: 1, Place: Place{Kind: AtExit}, N: 4},
		{At: at(11, 10), What: Refunded, Party: -1, Amount: 300},
	})
	first, last := tl.hourRange()
	hours := tl.parkHours(first, last)
	require.Len(t, hours, 3)
	h9, h10, h11 := hours[0], hours[1], hours[2]
	require.Equal(t, "09:00", h9.Hour)
	require.InDelta(t, (2*50+4*20)/60.0, h9.InParkMean, 1e-9)
	require.InDelta(t, (6*30+4*30)/60.0, h10.InParkMean, 1e-9)
	require.Zero(t, h11.InParkMean)
	require.Equal(t, [3]int{6, 6, 0}, [3]int{h9.InParkMax, h10.InParkMax, h11.InParkMax}, "the most inside, the hour's start included")
	require.Equal(t, int64(6), h9.Entered)
	require.Equal(t, [2]int64{2, 4}, [2]int64{h9.Rides, h10.Rides}, "by the hour of joining, reservation riders too")
	require.InDelta(t, 20, *h9.RideWaitMeanMinutes, 1e-9)
	require.Nil(t, h10.RideWaitMeanMinutes, "standby waits only")
	require.Equal(t, int64(1), h10.Balks)
	require.Equal(t, [2]int64{1000, 0}, [2]int64{h10.RevenueCents, h11.RevenueCents})
}

// The occupancy spreads a long stay over every hour it spans.
func TestOccupancyAcrossHours(t *testing.T) {
	var o occupancy
	o.change(at(8, 30), 10)
	o.change(at(11, 15), -10)
	require.Equal(t, int64(10*30*sim.Minute), o.guestMs[8])
	require.Equal(t, int64(10*sim.Hour), o.guestMs[9])
	require.Equal(t, int64(10*sim.Hour), o.guestMs[10])
	require.Equal(t, int64(10*15*sim.Minute), o.guestMs[11])
	require.Equal(t, []int{10, 10, 10, 10, 0}, o.most[8:13])
	require.Equal(t, dayHours-1, hourOf(60*sim.Hour))
	require.Zero(t, hourOf(-sim.Minute))
}

// hourLists is every by-hour list of s by name.
func hourLists(s Summary) map[string][]string {
	lists := map[string][]string{}
	add := func(name string, n int, hour func(int) string) {
		for k := range n {
			lists[name] = append(lists[name], hour(k))
		}
	}
	add("by_hour", len(s.ByHour), func(k int) string { return s.ByHour[k].Hour })
	add("entry", len(s.Entry.ByHour), func(k int) string { return s.Entry.ByHour[k].Hour })
	for _, a := range s.Attractions {
		add(a.ID, len(a.WaitByHour), func(k int) string { return a.WaitByHour[k].Hour })
	}
	for _, r := range s.Restaurants {
		add(r.ID, len(r.ByHour), func(k int) string { return r.ByHour[k].Hour })
	}
	for _, sh := range s.Shops {
		add(sh.ID, len(sh.ByHour), func(k int) string { return sh.ByHour[k].Hour })
	}
	if s.Buses != nil {
		add("to_park", len(s.Buses.ToPark.ByHour), func(k int) string { return s.Buses.ToPark.ByHour[k].Hour })
		add("to_hotel", len(s.Buses.ToHotel.ByHour), func(k int) string { return s.Buses.ToHotel.ByHour[k].Hour })
	}
	if s.Bands != nil {
		add("guest_relations", len(s.Bands.GuestRelationsByHour), func(k int) string { return s.Bands.GuestRelationsByHour[k].Hour })
	}
	return lists
}

// hourlyDay is a day with every kind of resource: bands (guest relations),
// buses, a counter and a table restaurant, a staffed shop and a photo
// spot.
func hourlyDay() *Config {
	cfg := busPark(1500, 30)
	cfg.Merchants = shopPark(0, 1).Merchants
	grill := Restaurant{ID: "grill", Zone: 1, TableService: true, Tables: 15, Reserved: 4, Bookings: 0.1,
		Dine: sim.Exp{M: float64(40 * sim.Minute)}, Meal: sim.Const{V: 3000}}
	cfg.Restaurants = []Restaurant{counterDiner(), grill}
	cfg.Guests.RenegeAfter = 1.5
	cfg.Guests.Lunch = sim.Uniform{Min: float64(10 * sim.Hour), Max: float64(11 * sim.Hour)}
	cfg.Guests.Dinner = sim.Const{V: float64(20 * sim.Hour)}
	cfg.Guests.MealShare = 1
	return cfg
}

// Every by-hour list of a day covers the same hours, from before opening
// (guests reach the plaza early) past the last guest's leaving.
func TestEveryHourlyListHasTheSameHours(t *testing.T) {
	_, s := runConfig(t, hourlyDay(), 1)
	lists := hourLists(s)
	require.Len(t, lists, 5+len(s.Attractions)+len(s.Restaurants)+len(s.Shops))
	want := lists["by_hour"]
	require.Equal(t, "08:00", want[0], "parties reach the plaza before 09:00")
	for name, hours := range lists {
		require.Equal(t, want, hours, name)
	}
	lastIn := -1
	for k, h := range s.ByHour {
		if h.InParkMax > 0 {
			lastIn = k
		}
	}
	require.Equal(t, len(want)-1, lastIn, "the last hour is the last anyone was in the park")
}

// Every hour's figures add up to the day's totals, and every party that
// arrived somewhere was served or walked away in its hour.
func TestHourlyFiguresAddUpToTheDay(t *testing.T) {
	cfg := hourlyDay()
	cfg.Bands.Clones, cfg.Bands.FoundTries = 0, 0 // no band paid for somebody else: revenue is guests' sales only
	_, s := runConfig(t, cfg, 2)
	sum := func(fs []HourlyFlow) (a, sv, w int64) {
		for _, f := range fs {
			a, sv, w = a+f.Arrivals, sv+f.Served, w+f.WalkedAway
		}
		return a, sv, w
	}
	balanced := func(fs []HourlyFlow, what string) {
		for _, f := range fs {
			require.Equal(t, f.Arrivals, f.Served+f.WalkedAway, "%s %s", what, f.Hour)
			require.Equal(t, f.Served > 0, f.WaitMeanMinutes != nil, "%s %s", what, f.Hour)
		}
	}
	a, sv, w := sum(s.Entry.ByHour)
	balanced(s.Entry.ByHour, "entry")
	require.Positive(t, a)
	require.Equal(t, a, sv+w)
	for _, r := range s.Restaurants {
		_, served, _ := sum(r.ByHour)
		require.Positive(t, served, r.ID)
		require.Equal(t, r.Meals, served, r.ID)
		balanced(r.ByHour, r.ID)
	}
	for _, sh := range s.Shops {
		arrivals, served, walked := sum(sh.ByHour)
		require.Equal(t, sh.Visits, arrivals, sh.ID)
		require.Equal(t, sh.WalkedAway, walked, sh.ID)
		require.Equal(t, arrivals, served+walked, sh.ID)
	}
	for _, way := range []BusWay{s.Buses.ToPark, s.Buses.ToHotel} {
		arrivals, served, walked := sum(way.ByHour)
		require.Equal(t, way.Riders, served)
		require.Equal(t, way.LeftBehind, walked)
		require.LessOrEqual(t, served, arrivals, "parties kept at their hotel at closing never boarded")
	}
	_, desk, _ := sum(s.Bands.GuestRelationsByHour)
	require.Positive(t, desk)
	balanced(s.Bands.GuestRelationsByHour, "guest relations")

	var rides, balks, meals, revenue, entered int64
	peak := 0
	for k, h := range s.ByHour {
		rides, balks, meals, revenue, entered = rides+h.Rides, balks+h.Balks, meals+h.Meals, revenue+h.RevenueCents, entered+h.Entered
		peak = max(peak, h.InParkMax)
		require.LessOrEqual(t, h.InParkMean, float64(h.InParkMax), h.Hour)
		// The park's standby wait of an hour is the attractions' of that
		// hour, weighted by their riders.
		var n int64
		var sumWait float64
		for _, at := range s.Attractions {
			if hw := at.WaitByHour[k]; hw.MeanMinutes != nil {
				n += hw.Riders
				sumWait += float64(hw.Riders) * *hw.MeanMinutes
			}
		}
		if n == 0 {
			require.Nil(t, h.RideWaitMeanMinutes, h.Hour)
		} else {
			require.InDelta(t, sumWait/float64(n), *h.RideWaitMeanMinutes, 1e-9, h.Hour)
		}
	}
	require.Equal(t, s.Rides, rides)
	require.Equal(t, s.Balks, balks)
	var dayMeals int64
	for _, r := range s.Restaurants {
		dayMeals += r.Meals
	}
	require.Equal(t, dayMeals, meals)
	require.Equal(t, s.RevenueCents.Total, revenue)
	require.Equal(t, s.InPark.Peak, peak)
	require.GreaterOrEqual(t, entered, int64(s.Guests-s.TurnedAway), "every guest who got in entered, some twice")
}
