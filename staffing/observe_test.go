package staffing

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// randomObservation is a day in progress at 11:00 with posts of every kind
// (a third of them rides) in zones on a line, and members spread over
// them, some walking, on a break or off shift. Walks take 2 minutes a zone
// plus one.
func randomObservation(rng *rand.Rand, posts, members int) *Observation {
	now := 11 * sim.Hour
	obs := &Observation{
		Now:   now,
		Rules: Rules{MinStay: 30 * sim.Minute, Horizon: 45 * sim.Minute},
	}
	zones := max(posts/4, 1)
	for i := range posts {
		p := PostView{
			ID:             fmt.Sprintf("post-%d", i),
			Zone:           rng.IntN(zones),
			Max:            2 + rng.IntN(5),
			LineAt:         now - sim.Time(rng.IntN(4))*sim.Minute,
			ArrivalsPerMin: rng.Float64() * 8,
		}
		if rng.IntN(5) == 0 {
			p.Min = 1
		}
		if i%3 == 0 {
			p.Kind = Crew
			full := float64(600 + rng.IntN(1800)) // guests an hour at full crew
			minCrew := 1 + rng.IntN(2)
			p.CapacityPerHour = make([]float64, p.Max+1)
			for c := minCrew; c <= p.Max; c++ {
				p.CapacityPerHour[c] = full * float64(c) / float64(p.Max)
			}
			p.ArrivalsPerMin *= 4
			p.Line = rng.Float64() * 400
		} else {
			p.Kind = PostKind(1 + rng.IntN(int(nPostKinds)-1))
			p.ServiceRate = 0.3 + rng.Float64()*1.5
			p.Line = rng.Float64() * 20
			if rng.IntN(2) == 0 {
				p.Patience = 5 + rng.Float64()*20
			}
		}
		obs.Posts = append(obs.Posts, p)
	}
	for i := range members {
		m := MemberView{
			ID:         fmt.Sprintf("m-%d", i),
			MovesLeft:  rng.IntN(4),
			ShiftStart: 8 * sim.Hour,
			ShiftEnd:   now + sim.Time(rng.IntN(8*60))*sim.Minute,
			Since:      now - sim.Time(rng.IntN(90))*sim.Minute,
		}
		home := rng.IntN(posts)
		m.Skills = []int{home}
		for range rng.IntN(3) {
			m.Skills = append(m.Skills, rng.IntN(posts))
		}
		slices.Sort(m.Skills)
		m.Skills = slices.Compact(m.Skills)
		m.Post = home
		p := &obs.Posts[home]
		switch r := rng.IntN(10); {
		case r == 0:
			m.State = OffShift
			m.Post = -1
			m.ShiftEnd = now - sim.Hour
		case r == 1:
			m.State = OnBreak
		case r == 2 && p.Staff+len(p.Walking) < p.Max:
			m.State = Walking
			m.Since = now + sim.Time(1+rng.IntN(10))*sim.Minute
			k, _ := slices.BinarySearch(p.Walking, m.Since)
			p.Walking = slices.Insert(p.Walking, k, m.Since)
		case p.Staff+len(p.Walking) < p.Max:
			m.State = Working
			p.Staff++
		default:
			m.State = Working
			m.Post = -1 // on shift, placed nowhere yet
		}
		obs.Members = append(obs.Members, m)
	}
	// A post's minimum is what it has, at most.
	for i := range obs.Posts {
		obs.Posts[i].Min = min(obs.Posts[i].Min, obs.Posts[i].Staff)
	}
	zone := func(p int) int {
		if p < 0 {
			return 0
		}
		return obs.Posts[p].Zone
	}
	obs.Walk = func(from, to int) sim.Time {
		d := zone(from) - zone(to)
		return sim.Time(1+2*max(d, -d)) * sim.Minute
	}
	return obs
}

// checkRoster fails t unless obs is a consistent roster: every post's
// staff is the members working there and within its limits counting those
// on the way, every member is where its skills allow.
func checkRoster(t *testing.T, obs *Observation, members int) {
	t.Helper()
	require.Len(t, obs.Members, members, "a member was lost or made up")
	working := make([]int, len(obs.Posts))
	walking := make([]int, len(obs.Posts))
	for _, m := range obs.Members {
		require.GreaterOrEqual(t, m.MovesLeft, 0, "%s", m.ID)
		if m.Post < 0 {
			continue
		}
		switch m.State {
		case Working:
			working[m.Post]++
		case Walking:
			walking[m.Post]++
		}
	}
	for i, p := range obs.Posts {
		require.Equal(t, working[i], p.Staff, "post %s's staff", p.ID)
		require.Equal(t, walking[i], len(p.Walking), "post %s's walking", p.ID)
		require.GreaterOrEqual(t, p.Staff, p.Min, "post %s", p.ID)
		require.LessOrEqual(t, p.Staff+len(p.Walking), p.Max, "post %s", p.ID)
	}
}

// TestFeasibleProperty sends random move sets through Feasible: whatever it
// accepts keeps the roster consistent, with the same members, and obeys
// each rule, checked here on its own; whatever it refuses breaks one.
func TestFeasibleProperty(t *testing.T) {
	const seed = 20261202
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	accepted, refused := 0, 0
	for round := range 300 {
		obs := randomObservation(rng, 3+rng.IntN(6), 4+rng.IntN(12))
		n := len(obs.Members)
		checkRoster(t, obs, n)
		for step := range 6 {
			var moves []Move
			for range 1 + rng.IntN(3) {
				m := obs.Members[rng.IntN(n)]
				if rng.IntN(4) > 0 {
					// Mostly a member who may move, somewhere it may work.
					k := slices.IndexFunc(obs.Members, func(m MemberView) bool { return movable(obs, &m) && len(m.Skills) > 1 })
					if k >= 0 {
						k = (k + rng.IntN(n)) % n
						for !movable(obs, &obs.Members[k]) || len(obs.Members[k].Skills) < 2 {
							k = (k + 1) % n
						}
						m = obs.Members[k]
					}
				}
				to := rng.IntN(len(obs.Posts))
				if rng.IntN(4) > 0 {
					to = m.Skills[rng.IntN(len(m.Skills))]
					if to == m.Post {
						to = m.Skills[(slices.Index(m.Skills, to)+1)%len(m.Skills)]
					}
				}
				moves = append(moves, Move{Member: m.ID, To: obs.Posts[to].ID})
			}
			err := Feasible(obs, moves)
			broken := ruleBroken(obs, moves)
			if err != nil {
				refused++
				require.True(t, errors.Is(err, ErrInfeasible))
				require.NotEmpty(t, broken, "round %d step %d: refused %v (%v) though no rule is broken", round, step, moves, err)
			} else {
				accepted++
				require.Empty(t, broken, "round %d step %d: accepted %v", round, step, moves)
				before := obs
				obs = apply(obs, moves)
				checkRoster(t, obs, n)
				for _, mv := range moves {
					i := slices.IndexFunc(obs.Members, func(m MemberView) bool { return m.ID == mv.Member })
					require.Equal(t, before.Members[i].MovesLeft-1, obs.Members[i].MovesLeft)
				}
			}
			obs = advance(obs, obs.Now+sim.Time(5+rng.IntN(30))*sim.Minute)
			checkRoster(t, obs, n)
		}
	}
	t.Logf("%d move sets accepted, %d refused", accepted, refused)
	assert.Greater(t, accepted, 100)
	assert.Greater(t, refused, 100)
}

// ruleBroken is a second, deliberately plain reading of the roster's rules:
// the first rule the moves break, in order, or "".
func ruleBroken(obs *Observation, moves []Move) string {
	staff := map[int]int{}
	coming := map[int]int{}
	seen := map[string]bool{}
	for _, mv := range moves {
		i := slices.IndexFunc(obs.Members, func(m MemberView) bool { return m.ID == mv.Member })
		to := slices.IndexFunc(obs.Posts, func(p PostView) bool { return p.ID == mv.To })
		if i < 0 || to < 0 {
			return "unknown"
		}
		m := obs.Members[i]
		p := obs.Posts[to]
		switch {
		case seen[m.ID]:
			return "twice"
		case m.State != Working:
			return "not working"
		case m.Post == to:
			return "already there"
		case !slices.Contains(m.Skills, to):
			return "skill"
		case m.MovesLeft < 1:
			return "moves"
		case m.Post >= 0 && m.Since > obs.Now-obs.Rules.MinStay:
			return "min stay"
		case p.Staff+staff[to]+len(p.Walking)+coming[to]+1 > p.Max:
			return "full"
		case m.Post >= 0 && obs.Posts[m.Post].Staff+staff[m.Post]-1 < obs.Posts[m.Post].Min:
			return "below min"
		}
		seen[m.ID] = true
		coming[to]++
		if m.Post >= 0 {
			staff[m.Post]--
		}
	}
	return ""
}

func TestObservationCheck(t *testing.T) {
	rng := newRand(3)
	for range 20 {
		require.NoError(t, randomObservation(rng, 12, 40).Check())
	}
	obs := randomObservation(rng, 6, 10)
	obs.Rules.Horizon = 0
	obs.Walk = nil
	obs.Posts[0].CapacityPerHour = obs.Posts[0].CapacityPerHour[:1] // a ride
	obs.Posts[1].ServiceRate = 0
	obs.Posts[2].Line = -1
	obs.Posts[4].LineAt = obs.Now + 1
	obs.Members[0].Post = 6
	err := obs.Check()
	for _, says := range []string{"horizon", "walk", "capacities", "service rate", "a line of -1", "after", "at post 6"} {
		assert.ErrorContains(t, err, says)
	}
}

func TestFeasibleNamesTheRule(t *testing.T) {
	obs := &Observation{
		Now:   10 * sim.Hour,
		Rules: Rules{MinStay: 20 * sim.Minute, Horizon: 30 * sim.Minute},
		Posts: []PostView{
			{ID: "a", Kind: Registers, Staff: 2, Min: 1, Max: 3, ServiceRate: 1},
			{ID: "b", Kind: Registers, Staff: 1, Max: 2, ServiceRate: 1},
		},
		Members: []MemberView{
			{ID: "x", Skills: []int{0, 1}, Post: 0, Since: 9 * sim.Hour, MovesLeft: 2},
			{ID: "y", Skills: []int{0, 1}, Post: 0, Since: 9*sim.Hour + 50*sim.Minute, MovesLeft: 2},
			{ID: "z", Skills: []int{1}, Post: 1, Since: 9 * sim.Hour, MovesLeft: 0},
		},
		Walk: func(int, int) sim.Time { return sim.Minute },
	}
	require.NoError(t, Feasible(obs, []Move{{Member: "x", To: "b"}}))
	for _, tt := range []struct {
		moves []Move
		says  string
	}{
		{[]Move{{Member: "w", To: "b"}}, "no such member"},
		{[]Move{{Member: "x", To: "c"}}, "no such post"},
		{[]Move{{Member: "x", To: "a"}}, "already there"},
		{[]Move{{Member: "y", To: "b"}}, "minimum stay"},
		{[]Move{{Member: "z", To: "a"}}, "may not work there"},
		{[]Move{{Member: "x", To: "b"}, {Member: "x", To: "a"}}, "already moves"},
	} {
		err := Feasible(obs, tt.moves)
		require.Error(t, err)
		assert.ErrorContains(t, err, tt.says)
	}
	obs.Members[2].Skills = []int{0, 1}
	assert.ErrorContains(t, Feasible(obs, []Move{{Member: "z", To: "a"}}), "no moves left")
	obs.Posts[1].Staff = 2
	assert.ErrorContains(t, Feasible(obs, []Move{{Member: "x", To: "b"}}), "full")
	obs.Posts[1].Staff = 0
	obs.Members[1].Since = 9 * sim.Hour
	obs.Posts[0].Min = 2
	assert.ErrorContains(t, Feasible(obs, []Move{{Member: "x", To: "b"}}), "fewer than its minimum")
	obs.Members[0].State = OnBreak
	assert.ErrorContains(t, Feasible(obs, []Move{{Member: "x", To: "b"}}), "on break")
	// A walk must be over before the member's next break begins.
	obs.Members[0].State, obs.Posts[0].Min = Working, 0
	obs.Members[0].Breaks = []Break{{At: obs.Now + 30*sim.Second, Length: 15 * sim.Minute}}
	assert.ErrorContains(t, Feasible(obs, []Move{{Member: "x", To: "b"}}), "before its break")
	obs.Members[0].Breaks[0].At = obs.Now + sim.Minute + sim.Second
	assert.NoError(t, Feasible(obs, []Move{{Member: "x", To: "b"}}))
}

// newRand is a seeded generator for the randomized tests.
func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 99)) }

// apply returns the observation after moves (which Feasible accepts): each
// moved member leaves its post now and walks to the new one, arriving after
// the walk: the roster's rule as Feasible reads it, for the tests to play
// rounds with.
func apply(obs *Observation, moves []Move) *Observation {
	next := *obs
	next.Posts = slices.Clone(obs.Posts)
	next.Members = slices.Clone(obs.Members)
	for i := range next.Posts {
		next.Posts[i].Walking = slices.Clone(obs.Posts[i].Walking)
	}
	for _, mv := range moves {
		i := slices.IndexFunc(next.Members, func(m MemberView) bool { return m.ID == mv.Member })
		to := slices.IndexFunc(next.Posts, func(p PostView) bool { return p.ID == mv.To })
		m := &next.Members[i]
		if m.Post >= 0 {
			next.Posts[m.Post].Staff--
		}
		arrive := obs.Now + obs.Walk(m.Post, to)
		p := &next.Posts[to]
		k, _ := slices.BinarySearch(p.Walking, arrive)
		p.Walking = slices.Insert(p.Walking, k, arrive)
		m.Post, m.State, m.Since = to, Walking, arrive
		m.MovesLeft--
	}
	return &next
}

// advance returns the observation at time t >= obs.Now with nobody moved:
// members whose walk ends by t are working at their post from their
// arrival.
func advance(obs *Observation, t sim.Time) *Observation {
	next := *obs
	next.Now = t
	next.Posts = slices.Clone(obs.Posts)
	next.Members = slices.Clone(obs.Members)
	for i := range next.Posts {
		p := &next.Posts[i]
		n := 0
		for n < len(p.Walking) && p.Walking[n] <= t {
			n++
		}
		p.Staff += n
		p.Walking = slices.Clone(p.Walking[n:])
	}
	for i := range next.Members {
		if m := &next.Members[i]; m.State == Walking && m.Since <= t {
			m.State = Working
		}
	}
	return &next
}
