package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// staffings keeps the Staffed happenings a day records.
type staffings []Happening

func (s *staffings) Record(h Happening) {
	if h.What == Staffed {
		*s = append(*s, h)
	}
}

// postsPark is the troubled tiny park with a post of every kind: the
// coaster's crew, a station's servers, a restaurant's registers, a shop's
// clerks, a photo spot's photographers, the turnstiles, the bag check and
// guest relations.
func postsPark() *Config {
	cfg := troubledPark(1500)
	c := &cfg.Attractions[0]
	c.CrewFull, c.CrewMin, c.Crew, c.CrewMax = 4, 2, 4, 6
	cfg.Attractions = append(cfg.Attractions, Attraction{ID: "counter", Zone: 2, Kind: "station", Servers: 2, ServersMax: 4,
		Service: sim.Const{V: float64(10 * sim.Minute)}, Appeal: 3})
	diner := counterDiner()
	diner.RegistersMax = 3
	cfg.Restaurants = []Restaurant{diner}
	cfg.Guests.Lunch = sim.Uniform{Min: float64(10 * sim.Hour), Max: float64(11 * sim.Hour)}
	cfg.Guests.Dinner = sim.Const{V: float64(11*sim.Hour + 30*sim.Minute)}
	cfg.Guests.MealShare = 1
	cfg.Merchants = []Merchant{
		{ID: "snacks", Zone: 1, Kind: "food", BuyShare: 0.9, Basket: sim.Const{V: 500}, Staff: 1, StaffMax: 2, Serve: sim.Const{V: float64(2 * sim.Minute)}},
		{ID: "photo-spot", Zone: 2, Kind: "photo", BuyShare: 0.9, Basket: sim.Const{V: 1500}, Staff: 1, Serve: sim.Const{V: float64(2 * sim.Minute)}},
	}
	cfg.Entry.TurnstilesMax = 4
	cfg.Entry.BagCheck, cfg.Entry.BagTime = 1, sim.Const{V: float64(20 * sim.Second)}
	cfg.Bands.GuestRelationsMax = 3
	return cfg
}

func newPostsPark(t *testing.T) (*Park, *sim.Engine, *staffings) {
	t.Helper()
	e := sim.New(1)
	p, err := New(e, postsPark())
	require.NoError(t, err)
	rec := &staffings{}
	p.AddRecorder(rec)
	return p, e, rec
}

// The registry holds every staffed place in configuration order, each
// allowed from 0 to the staff the scenario allows.
func TestEveryStaffedPlaceIsAPost(t *testing.T) {
	p, _, _ := newPostsPark(t)
	want := []Post{
		{ID: "coaster/crew", Kind: PostCrew, Zone: 1, Staff: 4, Max: 6},
		{ID: "counter/servers", Kind: PostServers, Zone: 2, Staff: 2, Max: 4},
		{ID: "diner/registers", Kind: PostRegisters, Zone: 2, Staff: 2, Max: 3},
		{ID: "snacks/clerks", Kind: PostClerks, Zone: 1, Staff: 1, Max: 2},
		{ID: "photo-spot/photographers", Kind: PostPhotographers, Zone: 2, Staff: 1, Max: 1},
		{ID: "entry/turnstiles", Kind: PostTurnstiles, Zone: 0, Staff: 2, Max: 4},
		{ID: "entry/bag-check", Kind: PostBagCheck, Zone: 0, Staff: 1, Max: 1},
		{ID: "guest-relations/desk", Kind: PostDesk, Zone: 0, Staff: 2, Max: 3},
	}
	posts := p.Posts()
	require.Equal(t, want, posts)
	require.Equal(t, []int{0, 2, 0, 0, 1, 0, 0, 0}, p.postVenue, "the attraction, restaurant or merchant of each")
	for k, ps := range want {
		got, ok := p.PostByID(ps.ID)
		require.True(t, ok, ps.ID)
		require.Equal(t, k, got, ps.ID)
	}
	_, ok := p.PostByID("boats/crew")
	require.False(t, ok, "the boats' crew is not modelled")
	posts[0].Staff = 0
	require.Equal(t, 4, p.Posts()[0].Staff, "Posts is a copy")

	names := map[string]bool{}
	for k := range nPostKinds {
		names[PostKind(k).String()] = true
	}
	require.Len(t, names, int(nPostKinds), "every kind has a name of its own")
	require.Equal(t, "guest relations", PostDesk.String())

	// A ride's crew may go up to its full crew unless the scenario allows more.
	cfg := postsPark()
	cfg.Attractions[0].Crew, cfg.Attractions[0].CrewMax = 3, 0
	p2, err := New(sim.New(1), cfg)
	require.NoError(t, err)
	require.Equal(t, 4, p2.Posts()[0].Max)
}

// SetStaff changes each kind of post as its kind says, and records every
// change.
func TestSetStaffChangesEveryKindOfPost(t *testing.T) {
	tests := []struct {
		id    string
		check func(t *testing.T, p *Park, e *sim.Engine, set func(n int), ps Post, v int)
	}{
		{"coaster/crew", checkCrew},
		{"counter/servers", checkServers},
		{"diner/registers", nil},
		{"snacks/clerks", nil},
		{"photo-spot/photographers", nil},
		{"entry/turnstiles", nil},
		{"entry/bag-check", nil},
		{"guest-relations/desk", nil},
	}
	kinds := map[PostKind]bool{}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			p, e, rec := newPostsPark(t)
			k, ok := p.PostByID(tt.id)
			require.True(t, ok)
			ps := p.Posts()[k]
			kinds[ps.Kind] = true
			set := func(n int) {
				t.Helper()
				from := p.Posts()[k].Staff
				before := len(*rec)
				require.NoError(t, p.SetStaff(e, k, n))
				require.Equal(t, n, p.Posts()[k].Staff)
				if n == from {
					require.Len(t, *rec, before, "no change, nothing recorded")
					return
				}
				require.Len(t, *rec, before+1)
				require.Equal(t, Happening{At: e.Now(), What: Staffed, Party: -1, Place: Place{Kind: AtPost, Index: int32(k)},
					From: int32(from), To: int32(n)}, (*rec)[before])
			}
			if tt.check != nil {
				tt.check(t, p, e, set, ps, p.postVenue[k])
				return
			}
			checkLine(t, p, e, set, ps, p.postResource(k))
		})
	}
	require.Len(t, kinds, int(nPostKinds), "every kind is tested")
}

// checkLine: a line's servers are its post's staff. Emptying the post lets
// the guests being served finish and serves nobody else (and a line parties
// judge by its wait gets nobody new); staff coming back serve those waiting
// at once.
func checkLine(t *testing.T, p *Park, e *sim.Engine, set func(int), ps Post, res *sim.Resource) {
	e.RunUntil(p.cfg.Open)
	for res.Busy() == 0 {
		require.True(t, e.Step())
		require.Less(t, e.Now(), p.cfg.Close, "nobody was served at %s", ps.ID)
	}
	busy := res.Busy()
	require.Equal(t, ps.Staff, res.Capacity())
	set(0)
	require.Zero(t, res.Capacity())
	require.Equal(t, busy, res.Busy(), "nobody's service is cut short")
	// Parties choosing a restaurant or a checkout see that nobody serves
	// there and do not join its line; at the entry and the desk they must.
	judged := ps.Kind == PostRegisters || ps.Kind == PostClerks || ps.Kind == PostPhotographers
	waiting := res.Waiting()
	until := e.Now() + sim.Hour
	for e.Now() < until && e.Step() {
		require.LessOrEqual(t, res.Busy(), busy, "nobody new is served at %v", e.Now())
		busy = res.Busy()
		if judged {
			require.LessOrEqual(t, res.Waiting(), waiting, "nobody joins a line with nobody serving it, at %v", e.Now())
			waiting = res.Waiting()
		}
	}
	require.Zero(t, res.Busy(), "those being served finished")
	waiting = res.Waiting()
	set(ps.Max)
	require.Equal(t, ps.Max, res.Capacity())
	require.Equal(t, min(waiting, ps.Max), res.Busy(), "those waiting are served at once")
}

// checkCrew: a short crew loads more slowly; below the minimum the ride
// stops, and it runs again when enough are back.
func checkCrew(t *testing.T, p *Park, e *sim.Engine, set func(int), ps Post, a int) {
	r := &p.rides[a]
	every := r.cfg.DispatchEvery
	e.RunUntil(10 * sim.Hour)
	require.Equal(t, every, r.interval())
	set(2)
	require.Equal(t, 2*every, r.interval(), "half the crew, half the rate")
	require.Equal(t, RideOpen, p.status(a))
	set(1)
	require.NotEqual(t, RideOpen, p.status(a), "below its minimum crew it stops")
	rt := &p.tally.rides[a]
	sent := rt.dispatches
	e.RunUntil(10*sim.Hour + 30*sim.Minute)
	require.Equal(t, sent, rt.dispatches, "no vehicle left while it was short of crew")
	set(ps.Max)
	require.Equal(t, RideOpen, p.status(a))
	require.Equal(t, every, r.interval(), "more than the full crew loads no faster")
	e.RunUntil(11 * sim.Hour)
	require.Greater(t, rt.dispatches, sent, "it runs again")
	require.Equal(t, int64(1), rt.outages)
	require.Equal(t, 30*sim.Minute, rt.downtime)
}

// checkServers: a station serves as many parties at once as it has
// servers; fewer let those being served finish; none closes it.
func checkServers(t *testing.T, p *Park, e *sim.Engine, set func(int), ps Post, a int) {
	r := &p.rides[a]
	e.RunUntil(p.cfg.Open)
	for r.busy < ps.Staff || r.queue.Len()+r.priority.Len() < 2 {
		require.True(t, e.Step())
		require.Less(t, e.Now(), p.cfg.Close, "the station never had a line")
	}
	set(ps.Max)
	require.Greater(t, r.busy, ps.Staff, "the new servers take parties waiting at once")
	require.True(t, r.busy == ps.Max || r.queue.Len()+r.priority.Len() == 0, "until all serve or nobody waits")
	busy := r.busy
	set(1)
	require.Equal(t, busy, r.busy, "nobody's service is cut short")
	until := e.Now() + sim.Hour
	for e.Now() < until && e.Step() {
		require.LessOrEqual(t, r.busy, max(busy, 1), "no new service while more are busy than on duty, at %v", e.Now())
		busy = r.busy
	}
	require.LessOrEqual(t, r.busy, 1)
	require.Equal(t, RideOpen, p.status(a))
	set(0)
	require.NotEqual(t, RideOpen, p.status(a), "a station without servers is closed")
	set(ps.Staff)
	require.Equal(t, RideOpen, p.status(a))
}

// The turnstiles and the bag check are closed until opening: staff put on
// them earlier take their places at opening.
func TestEntryStaffedBeforeOpeningOpensAtOpening(t *testing.T) {
	p, e, _ := newPostsPark(t)
	gates, _ := p.PostByID("entry/turnstiles")
	require.NoError(t, p.SetStaff(e, gates, 3))
	bags, _ := p.PostByID("entry/bag-check")
	require.NoError(t, p.SetStaff(e, bags, 0))
	e.RunUntil(p.cfg.Open - 1)
	require.Zero(t, p.gates.Capacity(), "still closed")
	require.Zero(t, p.gates.Busy())
	require.Zero(t, p.bags.Capacity())
	for !p.opened {
		require.True(t, e.Step())
	}
	require.Equal(t, 3, p.gates.Capacity())
	require.Zero(t, p.bags.Capacity(), "the bag check opens with nobody on it")
}

// Staff outside a post's range, or a post that does not exist, is an error
// and changes nothing.
func TestSetStaffOutOfRangeIsAnError(t *testing.T) {
	p, e, rec := newPostsPark(t)
	posts := p.Posts()
	for k, ps := range posts {
		require.Error(t, p.SetStaff(e, k, ps.Max+1), ps.ID)
		require.Error(t, p.SetStaff(e, k, ps.Min-1), ps.ID)
	}
	require.Error(t, p.SetStaff(e, len(posts), 1))
	require.Error(t, p.SetStaff(e, -1, 1))
	require.Equal(t, posts, p.Posts())
	require.Empty(t, *rec)
	require.Equal(t, 2, p.diners[0].registers.Capacity(), "unchanged")
	require.Equal(t, 2, p.rides[2].servers, "unchanged")
}

// A post's most staff below what it starts with is a configuration error.
func TestStaffMaxBelowStartIsAnError(t *testing.T) {
	for _, bad := range []func(c *Config){
		func(c *Config) { c.Attractions[0].CrewMax = 3 },
		func(c *Config) { c.Attractions[2].ServersMax = 1 },
		func(c *Config) { c.Restaurants[0].RegistersMax = 1 },
		func(c *Config) { c.Merchants[0].StaffMax = -1 },
		func(c *Config) { c.Entry.TurnstilesMax = 1 },
		func(c *Config) { c.Entry.BagCheckMax = -1 },
		func(c *Config) { c.Bands.GuestRelationsMax = 1 },
	} {
		cfg := postsPark()
		bad(cfg)
		_, err := New(sim.New(1), cfg)
		require.Error(t, err)
	}
}
