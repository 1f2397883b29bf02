package park

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// hhmm is a time of the day, for tests: hhmm(9, 30) is 09:30.
func hhmm(h, m int) sim.Time { return sim.Time(h)*sim.Hour + sim.Time(m)*sim.Minute }

// rosterPark is the park with a post of every kind (see postsPark), with a
// roster on the coaster's crew and the diner's registers. The coaster is
// in the west land, 200 m from the gate; the diner in the east, 300 m from
// the gate on the other side: 500 m apart, 400 s at the roster's 1.25 m/s.
func rosterPark() *Config {
	cfg := postsPark()
	cfg.Roster = &Roster{MinStay: 30 * sim.Minute, MovesPerDay: 2, WalkSpeed: 1.25, Members: []StaffMember{
		{ID: "crew-a", Skills: []string{"crew"}, Post: "coaster/crew", From: hhmm(8, 0), To: hhmm(12, 0),
			Breaks: []StaffBreak{{At: hhmm(10, 0), Length: 15 * sim.Minute}}},
		{ID: "crew-b", Skills: []string{"crew", "registers"}, Post: "coaster/crew", From: hhmm(8, 0), To: hhmm(13, 0)},
		{ID: "cash-a", Skills: []string{"registers"}, Post: "diner/registers", From: 0, To: hhmm(14, 0)},
		{ID: "late", Skills: []string{"diner/registers"}, Post: "diner/registers", From: hhmm(11, 0), To: hhmm(11, 30)},
	}}
	return cfg
}

// staffHappenings keeps the roster's happenings and the posts' changes.
type staffHappenings []Happening

func (s *staffHappenings) Record(h Happening) {
	switch h.What {
	case Staffed, DutyChanged, StaffMoved, StaffArrived:
		*s = append(*s, h)
	}
}

func newRosterPark(t *testing.T, cfg *Config) (*Park, *sim.Engine, *Checker, *staffHappenings) {
	t.Helper()
	e := sim.New(1)
	p, err := New(e, cfg)
	require.NoError(t, err)
	c := NewChecker(p)
	p.AddRecorder(c)
	rec := &staffHappenings{}
	p.AddRecorder(rec)
	return p, e, c, rec
}

// staffOf is post id's staff now.
func staffOf(t *testing.T, p *Park, id string) int {
	t.Helper()
	k, ok := p.PostByID(id)
	require.True(t, ok, id)
	return p.Posts()[k].Staff
}

func memberOf(t *testing.T, p *Park, id string) Member {
	t.Helper()
	for _, m := range p.Members() {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("no member %q", id)
	return Member{}
}

// A day with a small roster goes as its shifts, breaks and one move say:
// roster posts start with the members on shift at the day's start, others
// keep their keys' staff, a member walks the layout's route at the roster's
// speed, and every member goes home.
func TestRosterDay(t *testing.T) {
	p, e, c, _ := newRosterPark(t, rosterPark())
	require.Equal(t, 0, staffOf(t, p, "coaster/crew"), "nobody on the crew before 08:00")
	require.Equal(t, 1, staffOf(t, p, "diner/registers"), "cash-a is on shift from the day's start")
	require.Equal(t, 1, staffOf(t, p, "snacks/clerks"), "a post no member starts at keeps its keys' staff")
	require.Equal(t, 6, p.Posts()[0].Max, "the crew's Max is its keys'")
	require.Equal(t, 1, p.rides[0].downs, "the coaster has no crew yet")

	e.RunUntil(hhmm(8, 0))
	require.Equal(t, 2, staffOf(t, p, "coaster/crew"))
	require.Equal(t, 0, p.rides[0].downs, "crewed, and waiting for the park to open")

	e.RunUntil(hhmm(9, 30))
	require.NoError(t, p.MoveStaff(e, "crew-b", "diner/registers", "lunch", 1.5))
	require.Equal(t, 1, staffOf(t, p, "coaster/crew"), "crew-b leaves at once")
	require.Equal(t, 1, staffOf(t, p, "diner/registers"), "and joins only on arrival")
	b := memberOf(t, p, "crew-b")
	require.Equal(t, WalkingTo, b.Duty)
	require.Equal(t, "diner/registers", b.Post)
	require.Equal(t, 1, b.MovesLeft)

	walk := sim.Time(400 * sim.Second) // 500 m at 1.25 m/s
	require.InDelta(t, 500, p.Layout().Metres(1, 2), 1e-9)
	e.RunUntil(hhmm(9, 30) + walk - 1)
	require.Equal(t, 1, staffOf(t, p, "diner/registers"), "still walking")
	e.RunUntil(hhmm(9, 30) + walk)
	require.Equal(t, 2, staffOf(t, p, "diner/registers"), "arrived")
	b = memberOf(t, p, "crew-b")
	require.Equal(t, OnPost, b.Duty)
	require.Equal(t, hhmm(9, 30)+walk+30*sim.Minute, b.Settled)

	e.RunUntil(hhmm(10, 0))
	require.Equal(t, 0, staffOf(t, p, "coaster/crew"), "crew-a on its break")
	require.Equal(t, OnBreak, memberOf(t, p, "crew-a").Duty)
	e.RunUntil(hhmm(10, 15))
	require.Equal(t, 1, staffOf(t, p, "coaster/crew"), "back from its break")

	e.RunUntil(hhmm(11, 0))
	require.Equal(t, 3, staffOf(t, p, "diner/registers"), "late's shift begins")
	e.RunUntil(hhmm(11, 30))
	require.Equal(t, 2, staffOf(t, p, "diner/registers"), "and ends")
	e.RunUntil(hhmm(12, 0))
	require.Equal(t, 0, staffOf(t, p, "coaster/crew"), "crew-a goes home")

	e.Run()
	require.NoError(t, c.End())
	for _, m := range p.Members() {
		require.Equal(t, OffShift, m.Duty, m.ID)
	}
	moves := p.StaffMoves()
	require.Equal(t, []StaffMove{{At: hhmm(9, 30), Member: 1, From: 0, To: 2, Reason: "lunch", Gain: 1.5, Arrive: hhmm(9, 30) + walk, Arrived: true}}, moves)

	s := p.Summary()
	require.NotNil(t, s.Staff)
	require.Equal(t, 1, s.Staff.Moves)
	want := []MemberStaff{
		{ID: "crew-a", PostMinutes: 225, BreakMinutes: 15},
		{ID: "crew-b", PostMinutes: 300 - walk.Minutes(), WalkingMinutes: walk.Minutes(), Moves: 1},
		{ID: "cash-a", PostMinutes: 14 * 60},
		{ID: "late", PostMinutes: 30},
	}
	require.Len(t, s.Staff.Members, len(want))
	for i, w := range want {
		g := s.Staff.Members[i]
		require.Equal(t, w.ID, g.ID)
		require.InDelta(t, w.PostMinutes, g.PostMinutes, 1e-9, w.ID)
		require.InDelta(t, w.WalkingMinutes, g.WalkingMinutes, 1e-9, w.ID)
		require.InDelta(t, w.BreakMinutes, g.BreakMinutes, 1e-9, w.ID)
		require.Equal(t, w.Moves, g.Moves, w.ID)
	}
	// The coaster's crew over the opening hours, 09:00–12:00: two until
	// 09:30, one to 10:00, none to 10:15, one to 12:00.
	crew := s.Staff.Posts[0]
	require.Equal(t, "coaster/crew", crew.ID)
	require.InDelta(t, 165, crew.StaffedMinutes, 1e-9)
	require.InDelta(t, (2*30+1*30+0*15+1*105)/180.0, crew.MeanStaff, 1e-9)
}

// A roster's happenings name the member, the posts and the walk: a move
// is the post's Staffed, then StaffMoved and the walk; an arrival
// StaffArrived, the post's Staffed and the member at its post.
func TestRosterHappenings(t *testing.T) {
	p, e, _, rec := newRosterPark(t, rosterPark())
	e.RunUntil(hhmm(9, 30))
	*rec = (*rec)[:0]
	require.NoError(t, p.MoveStaff(e, "crew-b", "diner/registers", "lunch", 1.5))
	e.RunUntil(hhmm(9, 40))
	at := hhmm(9, 30)
	arrive := at + 400*sim.Second
	crew, regs := Place{AtPost, 0}, Place{AtPost, 2}
	require.Equal(t, staffHappenings{
		{At: at, What: Staffed, Party: -1, N: 1, Place: crew, From: 2, To: 1},
		{At: at, What: StaffMoved, Party: -1, N: 1, Place: regs, From: 0, To: 2, Until: arrive},
		{At: at, What: DutyChanged, Party: -1, N: 1, Duty: WalkingTo, Place: regs, From: 0, To: 2, Until: arrive},
		{At: arrive, What: StaffArrived, Party: -1, N: 1, Place: regs, From: 0, To: 2},
		{At: arrive, What: Staffed, Party: -1, N: 1, Place: regs, From: 1, To: 2},
		{At: arrive, What: DutyChanged, Party: -1, N: 1, Duty: OnPost, Place: regs, From: 0, To: 2},
	}, *rec)
}

// MoveStaff refuses, one by one, every move the roster does not allow, and
// a refusal changes nothing.
func TestMoveStaffRefuses(t *testing.T) {
	cfg := rosterPark()
	cfg.Roster.Members = append(cfg.Roster.Members,
		StaffMember{ID: "early", Skills: []string{"crew"}, Post: "coaster/crew", From: hhmm(7, 0), To: hhmm(9, 10)},
		StaffMember{ID: "lunch", Skills: []string{"crew", "registers"}, Post: "coaster/crew", From: hhmm(8, 0), To: hhmm(15, 0),
			Breaks: []StaffBreak{{At: hhmm(9, 35), Length: 30 * sim.Minute}}})
	cfg.Restaurants[0].RegistersMax = 2
	p, e, c, rec := newRosterPark(t, cfg)
	e.RunUntil(hhmm(9, 30))
	require.NoError(t, p.MoveStaff(e, "crew-b", "diner/registers", "test", 0)) // the registers are now full: cash-a, and crew-b on its way
	e.RunUntil(hhmm(10, 5))                                                    // crew-a on its break
	before, posts, n := p.Members(), p.Posts(), len(*rec)
	for _, tc := range []struct {
		member, post, err string
	}{
		{"nobody", "coaster/crew", `no staff member "nobody"`},
		{"crew-b", "nowhere/crew", `cannot move to "nowhere/crew": there is no such post`},
		{"early", "snacks/clerks", `"early" is off shift`},
		{"late", "coaster/crew", `"late" is off shift`}, // not yet
		{"crew-a", "diner/registers", `"crew-a" is on a break`},
		{"cash-a", "coaster/crew", `"cash-a" has no skill for coaster/crew`},
		{"crew-b", "coaster/crew", `"crew-b" moved to diner/registers and stays there until 10:06:40`},
		{"lunch", "coaster/crew", `"lunch" is at coaster/crew already`},
		{"lunch", "diner/registers", `diner/registers is full: 2 staff on it and 0 on their way, of the 2 it may have`},
	} {
		err := p.MoveStaff(e, tc.member, tc.post, "test", 0)
		require.ErrorContains(t, err, tc.err, tc.member+" to "+tc.post)
	}
	require.Equal(t, before, p.Members(), "refusals change nobody")
	require.Equal(t, posts, p.Posts(), "nor any post")
	require.Len(t, *rec, n, "and record nothing")

	// The budget: two moves a day. crew-b has one left once settled.
	e.RunUntil(hhmm(10, 6) + 40*sim.Second)
	require.NoError(t, p.MoveStaff(e, "crew-b", "coaster/crew", "back", 0))
	e.RunUntil(hhmm(11, 0))
	require.ErrorContains(t, p.MoveStaff(e, "crew-b", "diner/registers", "again", 0), `"crew-b" has made its 2 moves of the day`)
	// A walk that would run into a break.
	cfg2 := rosterPark()
	cfg2.Roster.Members[1].Breaks = []StaffBreak{{At: hhmm(9, 35), Length: 15 * sim.Minute}}
	cfg2.Roster.Members = append(cfg2.Roster.Members, StaffMember{ID: "walker", Skills: []string{"crew", "registers"}, Post: "coaster/crew", From: hhmm(8, 0), To: hhmm(15, 0)})
	p2, e2, _, _ := newRosterPark(t, cfg2)
	e2.RunUntil(hhmm(9, 30))
	require.ErrorContains(t, p2.MoveStaff(e2, "crew-b", "diner/registers", "test", 0), `"crew-b" would reach diner/registers at 09:36:40, not before its break at 09:35:00`)
	// Walking already.
	require.NoError(t, p2.MoveStaff(e2, "walker", "diner/registers", "test", 0))
	require.ErrorContains(t, p2.MoveStaff(e2, "walker", "coaster/crew", "test", 0), `"walker" is already walking to diner/registers`)
	// The last on a post whose line waits for staff however long.
	e2.RunUntil(hhmm(9, 45))
	require.ErrorContains(t, p2.MoveStaff(e2, "walker", "snacks/clerks", "test", 0), `"walker" has no skill`)
	e.Run()
	require.NoError(t, c.End())
}

// A walk that ends after the shift ends the member's day: it never
// arrives, and its place on the post it walked to is free again.
func TestWalkPastShiftEnd(t *testing.T) {
	cfg := rosterPark()
	cfg.Roster.Members[1].To = hhmm(9, 33)
	p, e, c, _ := newRosterPark(t, cfg)
	e.RunUntil(hhmm(9, 30))
	require.NoError(t, p.MoveStaff(e, "crew-b", "diner/registers", "test", 0))
	e.RunUntil(hhmm(9, 40))
	require.Equal(t, 1, staffOf(t, p, "diner/registers"))
	require.Equal(t, OffShift, memberOf(t, p, "crew-b").Duty)
	require.False(t, p.StaffMoves()[0].Arrived)
	e.Run()
	require.NoError(t, c.End())
	require.InDelta(t, 3.0, p.Summary().Staff.Members[1].WalkingMinutes, 1e-9)
}

// A member back from its break to a post a move filled stands by, and
// joins when a place frees.
func TestBreakToAFullPostStandsBy(t *testing.T) {
	cfg := rosterPark()
	cfg.Attractions[0].CrewMax = 4
	cfg.Roster.Members = append(cfg.Roster.Members,
		StaffMember{ID: "crew-c", Skills: []string{"crew"}, Post: "coaster/crew", From: hhmm(8, 0), To: hhmm(13, 0)},
		StaffMember{ID: "crew-d", Skills: []string{"crew"}, Post: "coaster/crew", From: hhmm(8, 0), To: hhmm(13, 0)},
		StaffMember{ID: "floater", Skills: []string{"crew", "registers"}, Post: "diner/registers", From: hhmm(8, 0), To: hhmm(10, 45)})
	p, e, c, _ := newRosterPark(t, cfg)
	e.RunUntil(hhmm(10, 0)) // crew-a on its break: three of four on the crew
	require.Equal(t, 3, staffOf(t, p, "coaster/crew"))
	require.NoError(t, p.MoveStaff(e, "floater", "coaster/crew", "cover the break", 0))
	e.RunUntil(hhmm(10, 15))
	require.Equal(t, 4, staffOf(t, p, "coaster/crew"))
	require.Equal(t, StandingBy, memberOf(t, p, "crew-a").Duty)
	e.RunUntil(hhmm(10, 45)) // the floater goes home
	require.Equal(t, 4, staffOf(t, p, "coaster/crew"))
	require.Equal(t, OnPost, memberOf(t, p, "crew-a").Duty)
	e.Run()
	require.NoError(t, c.End())
	require.InDelta(t, 30, p.Summary().Staff.Members[0].StandbyMinutes, 1e-9)
}

// The last member on a post whose guests wait for staff however long may
// not be moved off it, and stays on past its shift until nobody needs it.
func TestLastOnAStrandingPost(t *testing.T) {
	cfg := rosterPark()
	cfg.Roster.Members = append(cfg.Roster.Members,
		StaffMember{ID: "clerk", Skills: []string{"clerks", "crew"}, Post: "snacks/clerks", From: hhmm(8, 0), To: hhmm(10, 0)})
	p, e, c, _ := newRosterPark(t, cfg)
	e.RunUntil(hhmm(9, 0))
	require.ErrorContains(t, p.MoveStaff(e, "clerk", "coaster/crew", "test", 0), `"clerk" is the last on snacks/clerks, whose line would wait for nobody`)
	e.RunUntil(hhmm(11, 0))
	m := memberOf(t, p, "clerk")
	require.Equal(t, OnPost, m.Duty, "it stays on past its shift while the park is open")
	require.ErrorContains(t, p.MoveStaff(e, "clerk", "coaster/crew", "test", 0), `"clerk" is past its shift`)
	e.Run()
	require.NoError(t, c.End())
	require.Equal(t, OffShift, memberOf(t, p, "clerk").Duty)
	require.Greater(t, p.Summary().Staff.Members[4].PostMinutes, 240.0, "from 08:00 to after closing at 12:00")
}

// Random moves, allowed or not, at random times never break an invariant
// nor lose a member: the checker watches the whole day.
func TestRandomMovesKeepTheInvariants(t *testing.T) {
	kinds := []string{"crew", "servers", "registers", "clerks", "photographers", "turnstiles", "bag-check", "desk"}
	for seed := uint64(1); seed <= 8; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Logf("seed %d", seed)
			rng := rand.New(rand.NewPCG(seed, 7))
			cfg := postsPark()
			posts := cfg.Posts()
			r := &Roster{MinStay: sim.Time(rng.IntN(40)) * sim.Minute, MovesPerDay: rng.IntN(5), WalkSpeed: 0.5 + rng.Float64()}
			perPost := map[string]int{}
			for i := range 12 {
				ps := posts[rng.IntN(len(posts))]
				if perPost[ps.ID] >= ps.Max {
					continue
				}
				perPost[ps.ID]++
				skills := []string{kinds[ps.Kind]}
				for range rng.IntN(3) {
					if rng.IntN(2) == 0 {
						skills = append(skills, kinds[rng.IntN(len(kinds))])
					} else {
						skills = append(skills, posts[rng.IntN(len(posts))].ID)
					}
				}
				from := hhmm(7, 0) + sim.Time(rng.IntN(4*60))*sim.Minute
				m := StaffMember{ID: fmt.Sprintf("m%d", i), Skills: skills, Post: ps.ID, From: from, To: from + sim.Time(60+rng.IntN(6*60))*sim.Minute}
				if rng.IntN(2) == 0 {
					at := m.From + (m.To-m.From)/3
					m.Breaks = []StaffBreak{{At: at, Length: sim.Time(5+rng.IntN(40)) * sim.Minute}}
				}
				r.Members = append(r.Members, m)
			}
			cfg.Roster = r
			p, e, c, _ := newRosterPark(t, cfg)
			ok, refused := 0, 0
			try := sim.HandlerFunc(func(e *sim.Engine, _ sim.Event) {
				ms := p.Members()
				m := ms[rng.IntN(len(ms))]
				post := posts[rng.IntN(len(posts))].ID
				before := len(p.Members())
				if err := p.MoveStaff(e, m.ID, post, "random", rng.Float64()); err != nil {
					refused++
				} else {
					ok++
				}
				require.Len(t, p.Members(), before)
			})
			for range 300 {
				e.Schedule(hhmm(7, 0)+sim.Time(rng.IntN(8*60*60))*sim.Second, try, sim.Event{})
			}
			for c.Failed() == nil && e.Step() {
				require.Less(t, e.Now(), 48*sim.Hour, "the day never ends")
			}
			require.NoError(t, c.Failed())
			require.NoError(t, c.End())
			t.Logf("%d moves made, %d refused", ok, refused)
			require.Len(t, p.StaffMoves(), ok)
			require.Equal(t, ok, p.Summary().Staff.Moves)
		})
	}
}

// The checker catches a roster post whose staff are not its members, and a
// move the roster does not allow.
func TestCheckerCatchesRosterViolations(t *testing.T) {
	p, e, c, _ := newRosterPark(t, rosterPark())
	e.RunUntil(hhmm(9, 0))
	require.NoError(t, p.SetStaff(e, 0, 1), "a change behind the roster's back")
	for c.Failed() == nil && e.Step() {
	}
	var v *Violation
	require.ErrorAs(t, c.Failed(), &v)
	require.Equal(t, "headcount", v.Rule)
	require.Equal(t, hhmm(10, 0), v.At, "found when crew-a leaves for its break")
	require.Contains(t, v.Detail, "coaster/crew has 0 staff, but 1 members on it and 0 others")

	for _, tc := range []struct {
		h    Happening
		rule string
		want string
	}{
		{Happening{At: hhmm(9, 0), What: StaffMoved, Party: -1, N: 2, From: 2, To: 0, Until: hhmm(9, 10)}, "move", "member cash-a sent from diner/registers to coaster/crew: it has no skill for it"},
		{Happening{At: hhmm(9, 0), What: StaffMoved, Party: -1, N: 3, From: 2, To: 2, Until: hhmm(9, 10)}, "move", "member late sent from diner/registers to diner/registers: it is off shift"},
		{Happening{At: hhmm(9, 0), What: DutyChanged, Party: -1, N: 0, Duty: WalkingTo, From: 0, To: 2}, "headcount", "member crew-a is walking: walking without a move there"},
		{Happening{At: hhmm(9, 0), What: DutyChanged, Party: -1, N: 1, Duty: OffShift, To: -1}, "headcount", "member crew-b is off shift: off shift before its shift ends at 13:00"},
		{Happening{At: hhmm(9, 0), What: StaffArrived, Party: -1, N: 1, From: 0, To: 2}, "move", "member crew-b arrived at post #2 while at post"},
	} {
		_, e, c, _ := newRosterPark(t, rosterPark())
		e.RunUntil(hhmm(9, 0))
		require.NoError(t, c.Failed())
		c.Record(tc.h)
		require.ErrorAs(t, c.Failed(), &v, tc.want)
		require.Equal(t, tc.rule, v.Rule, tc.want)
		require.Equal(t, tc.want, v.Detail)
	}
}

// A crew handed over at an instant, and breaks that follow one another,
// never leave the post short for a moment: members coming on at an instant
// take their places before those going off leave theirs.
func TestHandoverNeverLeavesAPostShort(t *testing.T) {
	cfg := postsPark()
	var members []StaffMember
	for k := range 2 {
		members = append(members, StaffMember{ID: fmt.Sprintf("early-%d", k), Skills: []string{"crew"}, Post: "coaster/crew", From: hhmm(8, 0), To: hhmm(12, 0),
			Breaks: []StaffBreak{{At: hhmm(10, 0) + sim.Time(k)*15*sim.Minute, Length: 15 * sim.Minute}}})
	}
	for k := range 2 {
		members = append(members, StaffMember{ID: fmt.Sprintf("late-%d", k), Skills: []string{"crew"}, Post: "coaster/crew", From: hhmm(12, 0), To: hhmm(16, 0)})
	}
	cfg.Roster = &Roster{MinStay: 30 * sim.Minute, MovesPerDay: 2, WalkSpeed: 1.25, Members: members}
	k := slices.IndexFunc(cfg.Attractions, func(a Attraction) bool { return a.ID == "coaster" })
	a := &cfg.Attractions[k]
	a.CrewFull, a.CrewMin, a.Crew, a.CrewMax = 2, 1, 2, 3 // room for the one back from a break
	p, e, c, rec := newRosterPark(t, cfg)
	post, _ := p.PostByID("coaster/crew")
	e.RunUntil(hhmm(15, 0))
	require.NoError(t, c.Failed())
	low := 99
	for _, h := range *rec {
		if h.What == Staffed && int(h.Place.Index) == post && h.At > hhmm(8, 0) && h.At < hhmm(16, 0) {
			low = min(low, int(h.To))
		}
	}
	// Two on until 10:00; one of them away 10:00–10:15 and the other
	// 10:15–10:30, back-to-back; the late pair from 12:00.
	require.Equal(t, 1, low, "the post never drops below one while a break follows a break, nor at the 12:00 handover")
	require.Equal(t, 2, staffOf(t, p, "coaster/crew"))
}

// A member standing by whose shift ends at the instant a place frees goes
// home, rather than taking the place for no time at all.
func TestStandingByAtItsShiftEndGoesHome(t *testing.T) {
	cfg := postsPark()
	k := slices.IndexFunc(cfg.Attractions, func(a Attraction) bool { return a.ID == "coaster" })
	a := &cfg.Attractions[k]
	a.CrewFull, a.CrewMin, a.Crew, a.CrewMax = 1, 1, 1, 1
	cfg.Roster = &Roster{MinStay: 30 * sim.Minute, MovesPerDay: 2, WalkSpeed: 1.25, Members: []StaffMember{
		{ID: "on", Skills: []string{"crew"}, Post: "coaster/crew", From: hhmm(8, 0), To: hhmm(12, 0)},
		{ID: "by", Skills: []string{"crew"}, Post: "coaster/crew", From: hhmm(8, 0), To: hhmm(12, 0)},
	}}
	p, e, c, _ := newRosterPark(t, cfg)
	e.RunUntil(hhmm(11, 0))
	require.Equal(t, StandingBy, memberOf(t, p, "by").Duty, "the post takes one")
	e.RunUntil(hhmm(12, 30))
	require.NoError(t, c.Failed())
	require.Equal(t, OffShift, memberOf(t, p, "by").Duty)
	require.Equal(t, 0, staffOf(t, p, "coaster/crew"))
}
