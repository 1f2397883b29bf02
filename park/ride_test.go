package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// loader is a park with one attraction and hand-made parties, so that
// vehicles can be filled one dispatch at a time.
func loader(t *testing.T, capacity int, sizes ...int32) (*Park, *sim.Engine) {
	t.Helper()
	cfg := tinyPark(1)
	cfg.Attractions = cfg.Attractions[:1]
	cfg.Attractions[0].VehicleCapacity = capacity
	e := sim.New(1)
	p := &Park{cfg: cfg, rides: []ride{{cfg: &cfg.Attractions[0]}}, eng: e}
	for _, n := range sizes {
		p.parties = append(p.parties, party{size: n, avoid: -1})
		p.rideVisit = append(p.rideVisit, rideVisit{})
	}
	p.newSensed()
	p.visits = make([]uint8, len(p.parties))
	p.tally.init(p)
	for i := range p.parties {
		p.join(e, 0, i, false)
	}
	return p, e
}

// boarded lists, per party, how many of its members have boarded.
func boarded(p *Park) []int32 {
	out := make([]int32, len(p.parties))
	for i, pt := range p.parties {
		out[i] = pt.size - p.rideVisit[i].unboarded
	}
	return out
}

func TestVehicleFillsFromTheHeadAndLooksBehind(t *testing.T) {
	p, e := loader(t, 8, 4, 3, 5, 1, 6)
	p.dispatch(e, 0)
	// 4 and 3 leave one seat; 5 does not fit, the loader finds the 1 behind it.
	require.Equal(t, []int32{4, 3, 0, 1, 0}, boarded(p))
	require.Equal(t, int64(0), p.tally.rides[0].emptySeats)
	p.dispatch(e, 0)
	// 5 boards; 6 does not fit the 3 seats left and nobody behind it does.
	require.Equal(t, []int32{4, 3, 5, 1, 0}, boarded(p))
	require.Equal(t, int64(3), p.tally.rides[0].emptySeats)
	p.dispatch(e, 0)
	require.Equal(t, []int32{4, 3, 5, 1, 6}, boarded(p))
	require.Equal(t, 0, p.rides[0].queued)
	require.Equal(t, int64(19), p.tally.riders)
	for i, pt := range p.parties {
		require.Equal(t, pt.size, pt.rides, "party %d: every member rode once", i)
		require.Equal(t, uint8(1), p.visits[i], "party %d", i)
	}
}

func TestPartyLargerThanAVehicleRidesInSeveral(t *testing.T) {
	p, e := loader(t, 8, 10, 2, 4)
	p.dispatch(e, 0)
	require.Equal(t, []int32{8, 0, 0}, boarded(p), "the big party fills a whole vehicle")
	require.Zero(t, p.parties[0].rides, "its ride counts once all have boarded")
	p.dispatch(e, 0)
	require.Equal(t, []int32{10, 2, 4}, boarded(p))
	require.Equal(t, int32(10), p.parties[0].rides)
	require.Equal(t, uint8(1), p.visits[0])
}

func TestPostedWait(t *testing.T) {
	p, _ := loader(t, 8) // one attraction, nobody in line
	r := &p.rides[0]
	r.cfg.DispatchEvery = 40 * sim.Second
	now := 10 * sim.Hour
	for _, tc := range []struct {
		queued   int
		next     sim.Time // when the next vehicle leaves
		overpost float64
		want     sim.Time
	}{
		{0, now - sim.Minute, 1, 0},                 // idle: board at once
		{7, now - sim.Minute, 1, 0},                 // boards the vehicle leaving now
		{0, now + 30*sim.Second, 1, 5 * sim.Minute}, // the next vehicle is 30 s away
		{8, now, 1, 5 * sim.Minute},                 // one full vehicle ahead: 40 s, posted as 5 min
		{64, now, 1, 10 * sim.Minute},               // 8 vehicles: 5m20s, rounded up to 10
		{60 * 8, now, 1, 40 * sim.Minute},           // 60 vehicles: exactly 40 min
		{60 * 8, now + sim.Second, 1, 45 * sim.Minute},
		{60 * 8, now, 1.2, 50 * sim.Minute}, // over-posted by 20%: 48 min, posted as 50
		{60 * 8, now, 0.5, 40 * sim.Minute}, // never under-posted
	} {
		r.queued, r.nextDispatch, p.cfg.Overpost = tc.queued, tc.next, tc.overpost
		require.Equal(t, tc.want, postedNow(p, 0, now), "%d in line, next vehicle at %v, overpost %v", tc.queued, tc.next, tc.overpost)
	}
	// A show: 700 seats every 30 minutes, 699 waiting, the next show in 20
	// minutes. Nobody waits for the show after, but everybody for this one.
	r.cfg.VehicleCapacity, r.cfg.DispatchEvery = 700, 30*sim.Minute
	r.queued, r.nextDispatch, p.cfg.Overpost = 699, now+20*sim.Minute, 1
	require.Equal(t, 20*sim.Minute, postedNow(p, 0, now))
}

func TestLayoutWalksTheShortestWay(t *testing.T) {
	zones := []Zone{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}}
	l := NewLayout(zones, []Path{{0, 1, 100}, {1, 2, 100}, {0, 2, 500}, {2, 3, 50}})
	require.Equal(t, 200.0, l.Metres(0, 2), "via b, not the long path")
	require.Equal(t, 250.0, l.Metres(3, 0))
	require.Equal(t, l.Metres(1, 3), l.Metres(3, 1))
	require.Zero(t, l.Metres(2, 2))
}

func TestUnreachableZones(t *testing.T) {
	cfg := &Config{
		Zones: []Zone{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}},
		Paths: []Path{{0, 1, 100}, {2, 3, 50}},
		Entry: Entry{Zone: 1},
	}
	require.Equal(t, []int{2, 3}, cfg.Unreachable())
	cfg.Paths = append(cfg.Paths, Path{3, 1, 10})
	require.Empty(t, cfg.Unreachable())
}

func TestLookBehindReachesEightPartiesPastTheHead(t *testing.T) {
	// The 1 stands 8 parties behind the head: still within reach.
	p, e := loader(t, 8, 4, 5, 5, 5, 5, 5, 5, 5, 5, 1)
	p.dispatch(e, 0)
	require.Equal(t, int32(1), p.parties[9].size-p.rideVisit[9].unboarded)
	// One further back, it is not.
	p, e = loader(t, 8, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5, 1)
	p.dispatch(e, 0)
	require.Equal(t, int32(1), p.rideVisit[10].unboarded)
	require.Equal(t, int64(4), p.tally.rides[0].emptySeats)
}

// A show whose last slot nobody waited for still posts the time to its next
// show: the next-dispatch time left at the past slot is not "board now".
func TestTimetabledRidePostsTheNextShowAfterAnEmptySlot(t *testing.T) {
	p, _ := loader(t, 300)
	r := &p.rides[0]
	r.cfg.Timetable, r.cfg.DispatchEvery = true, 30*sim.Minute
	p.cfg.Open, p.cfg.Overpost = 9*sim.Hour, 1
	r.nextDispatch = 10 * sim.Hour // the 10:00 show left with nobody in line
	require.Equal(t, 20*sim.Minute, postedNow(p, 0, 10*sim.Hour+10*sim.Minute), "the 10:30 show")
	require.Equal(t, 30*sim.Minute, postedNow(p, 0, 10*sim.Hour+30*sim.Minute+sim.Second), "just missed 10:30: the 11:00 show")
	require.Equal(t, sim.Time(0), postedNow(p, 0, 11*sim.Hour), "on the grid: the show leaves now")
	// A short crew does not slow a timetable: the show after next is one
	// grid step later.
	r.cfg.CrewFull, r.crew, r.queued = 4, 2, 300
	require.Equal(t, 50*sim.Minute, postedNow(p, 0, 10*sim.Hour+10*sim.Minute), "a full show ahead: the 11:00 show")
}

// The posted wait counts the vehicles a standby guest waits for as dispatch
// fills them: the reservation line takes its share of each vehicle only while
// it has riders, and standby gets the rest. A short reservation line barely
// lengthens the standby wait.
func TestPostedWaitCountsTheSeatsTheReservationLineTakes(t *testing.T) {
	for _, tc := range []struct {
		capacity      int
		share         float64
		standby, prio int
	}{
		{10, 0.7, 30, 1},  // one reservation rider: standby gets nearly every seat
		{10, 0.7, 30, 20}, // 3 standby seats a vehicle while the reservation line lasts, then 10
		{10, 0.7, 30, 200},
		{10, 0.3, 45, 6},
		{8, 0.5, 0, 3},   // the guest is first in standby: the first vehicle has seats for it
		{20, 0.5, 57, 0}, // nobody holds a window: whole vehicles
	} {
		sizes := make([]int32, tc.prio+tc.standby+1)
		for k := range sizes {
			sizes[k] = 1
		}
		p, e := loader(t, tc.capacity) // nobody in line yet
		p.cfg.Bands = &Bands{PriorityShare: tc.share}
		p.bands = &bandState{}
		p.cfg.Overpost = 1
		r := &p.rides[0]
		r.cfg.DispatchEvery = 5 * sim.Minute // a vehicle each posting step: the posted wait counts vehicles
		for k, n := range sizes {
			p.parties = append(p.parties, party{size: n, avoid: -1})
			p.rideVisit = append(p.rideVisit, rideVisit{})
			p.visits = append(p.visits, 0)
			p.join(e, 0, k, k < tc.prio)
			p.rideVisit[k].tapped = true // no band system at the boarding gate here
		}
		r.queued-- // the guest asking is the last in line, not yet counted
		// Asked long after they all joined: the reservation line is what
		// waits now, nobody more is foreseen to come.
		want := postedNow(p, 0, 10*sim.Hour) / (5 * sim.Minute)
		r.queued++
		guest := &p.rideVisit[len(sizes)-1]
		vehicles := 0
		for guest.unboarded > 0 {
			p.dispatch(e, 0)
			vehicles++
		}
		require.Equal(t, sim.Time(vehicles-1), want, "%+v: vehicles that leave before the guest's", tc)
	}
}

// A station serves its reservation line first, all of it: a standby guest
// waits for those parties too. A server takes a whole party, however many
// riders it has.
func TestStationPostsTheReservationLineAhead(t *testing.T) {
	p, e := loader(t, 1)
	r := &p.rides[0]
	r.cfg.Servers, r.servers, r.cfg.Service = 2, 2, sim.Const{V: float64(10 * sim.Minute)}
	r.downs = 1 // nobody is served while the lines are set up
	p.cfg.Bands = &Bands{PriorityShare: 0.5}
	p.bands = &bandState{}
	p.cfg.Overpost = 1
	for k, n := range []int32{2, 4, 1, 1, 1, 1} { // two standby parties, four in the reservation line
		p.parties = append(p.parties, party{size: n, avoid: -1})
		p.rideVisit = append(p.rideVisit, rideVisit{})
		p.visits = append(p.visits, 0)
		p.join(e, 0, k, k >= 2)
	}
	require.Equal(t, 30*sim.Minute, postedNow(p, 0, 10*sim.Hour), "6 parties ahead, 2 servers, 10 minutes each")
}

// A guest who finds every server of a station busy waits for one of them to
// finish even with nobody ahead, and for n+1 services with n parties ahead:
// the posted wait counts that service, as Erlang C does, and a free server
// posts no wait.
func TestStationPostsTheServiceUnderWayWhenEveryServerIsBusy(t *testing.T) {
	p, e := loader(t, 1)
	r := &p.rides[0]
	r.cfg.Servers, r.servers, r.cfg.Service = 2, 2, sim.Const{V: float64(10 * sim.Minute)}
	p.cfg.Overpost = 1
	join := func() {
		k := len(p.parties)
		p.parties = append(p.parties, party{size: 1, avoid: -1})
		p.rideVisit = append(p.rideVisit, rideVisit{})
		p.visits = append(p.visits, 0)
		p.join(e, 0, k, false)
	}
	now := e.Now()
	require.Equal(t, sim.Time(0), postedNow(p, 0, now), "both servers free")
	join()
	require.Equal(t, sim.Time(0), postedNow(p, 0, now), "one server free")
	join()
	require.Equal(t, 2, r.busy)
	require.Equal(t, 5*sim.Minute, postedNow(p, 0, now), "both busy, nobody waiting: the first to finish, 10 minutes ÷ 2")
	join()
	join()
	join()
	require.Equal(t, 20*sim.Minute, postedNow(p, 0, now), "three waiting: four services, 5 minutes apart")
}
