package scenarios

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/park"
	"parksim/sim"
)

// rostered is staffed (a post of every kind) with a roster on the coaster's
// crew and the diner's registers.
var rostered = staffed + `
[staffing]
min_stay = "20m"
moves_per_day = 3
walk_speed = 1.5

[[staff]]
id = "crew"
count = 3
skills = ["crew", "diner/registers"]
post = "coaster/crew"
shift = { from = "08:30", to = "12:30" }
breaks = [{ at = "10:00", length = "15m" }, { at = "11:00", length = "10m" }]

[[staff]]
id = "cashier"
skills = ["registers"]
post = "diner/registers"
shift = { from = "00:00", to = "13:00" }
`

// The roster's keys decode into members, each with its shift and breaks,
// and the day starts its roster posts with the members on shift then.
func TestRosterKeysDecode(t *testing.T) {
	s, err := Parse("park.toml", []byte(rostered))
	require.NoError(t, err)
	r := s.Park.Roster
	require.NotNil(t, r)
	require.Equal(t, 20*sim.Minute, r.MinStay)
	require.Equal(t, 3, r.MovesPerDay)
	require.Equal(t, 1.5, r.WalkSpeed)
	require.Len(t, r.Members, 4)
	require.Equal(t, park.StaffMember{ID: "crew-2", Skills: []string{"crew", "diner/registers"}, Post: "coaster/crew",
		From: 8*sim.Hour + 30*sim.Minute, To: 12*sim.Hour + 30*sim.Minute,
		Breaks: []park.StaffBreak{{At: 10 * sim.Hour, Length: 15 * sim.Minute}, {At: 11 * sim.Hour, Length: 10 * sim.Minute}}}, r.Members[1])
	require.Equal(t, "cashier", r.Members[3].ID, "a count of one keeps the id")

	// With a stagger, each member's breaks begin that much after the one
	// before's.
	s, err = Parse("park.toml", []byte(strings.Replace(rostered, "count = 3\n", "count = 3\nstagger = \"20m\"\n", 1)))
	require.NoError(t, err)
	for k, m := range s.Park.Roster.Members[:3] {
		off := sim.Time(k) * 20 * sim.Minute
		require.Equal(t, []park.StaffBreak{{At: 10*sim.Hour + off, Length: 15 * sim.Minute}, {At: 11*sim.Hour + off, Length: 10 * sim.Minute}}, m.Breaks, m.ID)
	}

	day, err := s.Build(1)
	require.NoError(t, err)
	staff := map[string]int{}
	for _, ps := range day.Park.Posts() {
		staff[ps.ID] = ps.Staff
	}
	require.Equal(t, 0, staff["coaster/crew"], "the crew's shift begins at 08:30")
	require.Equal(t, 1, staff["diner/registers"], "the cashier is on from the day's start")
	require.Equal(t, 1, staff["gifts/clerks"], "a post no member starts at keeps its keys' staff")

	// Left out, [staffing] takes its defaults.
	s, err = Parse("park.toml", []byte(strings.Replace(rostered, "[staffing]\nmin_stay = \"20m\"\nmoves_per_day = 3\nwalk_speed = 1.5\n", "", 1)))
	require.NoError(t, err)
	require.Equal(t, park.DefaultMinStay, s.Park.Roster.MinStay)
	require.Equal(t, park.DefaultMovesPerDay, s.Park.Roster.MovesPerDay)
	require.Equal(t, park.DefaultStaffWalk, s.Park.Roster.WalkSpeed)
}

// Every problem with a roster is reported at its key's position.
func TestRosterProblems(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{`post = "coaster/crew"`, `post = "coaster/crews"`, `staff[0].post: unknown post "coaster/crews"; the posts are coaster/crew, counter/servers, diner/registers, gifts/clerks, entry/turnstiles, entry/bag-check, guest-relations/desk`},
		{`skills = ["registers"]`, `skills = ["registers", "jugglers"]`, `staff[1].skills[1]: "jugglers" is neither a kind of post (crew, servers, registers, clerks, photographers, turnstiles, bag-check, desk) nor a post`},
		{`skills = ["registers"]`, `skills = ["crew"]`, `staff[1].post: the member has no skill for diner/registers: add "registers" or "diner/registers" to skills`},
		{`skills = ["registers"]`, `skills = []`, `staff[1].skills: a member needs at least one skill`},
		{`shift = { from = "08:30", to = "12:30" }`, `shift = { from = "08:30", to = "08:00" }`, `staff[0].shift.to: the shift ends (08:00) before it begins (08:30)`},
		{`shift = { from = "08:30", to = "12:30" }`, `shift = { from = "13:30", to = "16:00" }`, `staff[0].shift.from: the shift (13:30–16:00) is outside the park's day (09:00–12:00)`},
		{`shift = { from = "08:30", to = "12:30" }`, `shift = { from = "08:30", to = "25:00" }`, `staff[0].shift.to: the shift ends at 25:00, after the day (24:00)`},
		{`{ at = "10:00", length = "15m" }`, `{ at = "08:00", length = "15m" }`, `staff[0].breaks[0].at: the break (08:00 for 00:15:00.000) is outside the shift (08:30–12:30)`},
		{`{ at = "11:00", length = "10m" }`, `{ at = "10:10", length = "10m" }`, `staff[0].breaks[1].at: the break at 10:10 begins before the one at 10:00 is over (10:15)`},
		{`{ at = "11:00", length = "10m" }`, `{ at = "11:00", length = "0s" }`, `staff[0].breaks[1].length: a break must take some time`},
		{`id = "cashier"`, `id = "crew-2"`, `staff[1].id: staff member "crew-2" is already in the roster, from staff[0].id`},
		{"count = 3", "count = 7", `staff: 7 members start at coaster/crew, all on shift at 08:30, more than the 6 it may have`},
		{"count = 3", "count = 20000", `staff[0].count: 20,000 is out of range`},
		{"[staffing]", "[staffing]\nspeed = 2", `staffing.speed: unknown key`},
		{`walk_speed = 1.5`, `walk_speed = 0`, `staffing.walk_speed: 0 is out of range`},
		{`shift = { from = "08:30", to = "12:30" }`, `shift = { from = "08:30" }`, `staff[0].shift.to: missing: this key is required`},
		{"count = 3", "count = 3\nstagger = \"1h\"", `staff[0].stagger: the last of the 3 members would take its break at 13:00, over at 13:10, after its shift ends (12:30)`},
		{"count = 3", "count = 3\nstagger = \"-5m\"", `staff[0].stagger: duration "-5m" is negative`},
		{`skills = ["registers"]`, "skills = [\"registers\"]\nstagger = \"5m\"", `staff[1].stagger: staggers the members' breaks: give breaks too`},
	} {
		t.Run(tc.want, func(t *testing.T) {
			require.Contains(t, rostered, tc.old)
			got := problems(t, strings.Replace(rostered, tc.old, tc.new, 1))
			require.NotEmpty(t, got)
			found := false
			for _, g := range got {
				if i := strings.Index(g, ": "); i >= 0 && strings.Contains(g[i+2:], tc.want) {
					found = true
					require.Regexp(t, `^park\.toml:\d+:\d+: `, g, "with its position")
				}
			}
			require.True(t, found, "want %q in %q", tc.want, got)
		})
	}
	// [staffing] without a roster is surely a mistake.
	got := problems(t, staffed+"\n[staffing]\nmoves_per_day = 2\n")
	require.Len(t, got, 1)
	require.Contains(t, got[0], "staffing: counts only with a roster: add [[staff]] tables")
}

// The test scenario with a roster runs under the checker: its members
// take their posts, breaks and a move, and go home.
func TestRosterScenarioRunsChecked(t *testing.T) {
	s, err := Load("testdata/roster.toml")
	require.NoError(t, err)
	day, err := s.Build(1)
	require.NoError(t, err)
	c := park.NewChecker(day.Park)
	day.Park.AddRecorder(c)
	day.Engine.RunUntil(11 * sim.Hour)
	require.NoError(t, day.Park.MoveStaff(day.Engine, "coaster-crew-1", "cafe/registers", "lunch rush", 2.5))
	sum, err := day.RunWatched(c)
	require.NoError(t, err)
	require.NotNil(t, sum.Staff)
	require.Equal(t, 1, sum.Staff.Moves)
	require.Len(t, sum.Staff.Members, 7)
	require.Equal(t, "gatekeeper-2", sum.Staff.Members[6].ID)
	require.InDelta(t, 30, sum.Staff.Members[6].BreakMinutes, 1e-9)
	// 180 m from the plaza to the west land at 1.2 m/s.
	require.InDelta(t, 2.5, sum.Staff.Members[0].WalkingMinutes, 1e-9)
	require.Greater(t, sum.Rides, int64(0))

	// Without the move, the same day runs as Run does.
	day2, err := s.Build(1)
	require.NoError(t, err)
	a, err := day2.RunChecked()
	require.NoError(t, err)
	day3, err := s.Build(1)
	require.NoError(t, err)
	require.Equal(t, day3.Run(), a)
	_, err = os.Stat("testdata/roster.toml")
	require.NoError(t, err)
}

// staff.waiting adds up the waits in every post's line, a guest once per
// line: at a ride without return windows and with nobody giving up, its
// crew post's guest-minutes are its riders' waits; the park's are its
// posts'; and a post with more staff makes less of them.
func TestWaitingAtPosts(t *testing.T) {
	s, err := Load("testdata/roster.toml")
	require.NoError(t, err)
	day, err := s.Build(1)
	require.NoError(t, err)
	sum := day.Run()
	w := sum.Staff.Waiting
	total, guests := 0.0, int64(0)
	byID := map[string]park.PostStaff{}
	for _, ps := range sum.Staff.Posts {
		total += ps.GuestMinutes
		guests += ps.Guests
		byID[ps.ID] = ps
	}
	require.InDelta(t, total, w.GuestMinutes, 1e-6*total)
	require.Equal(t, guests, w.Guests)
	require.InDelta(t, w.GuestMinutes/float64(w.Guests), w.MeanMinutes, 1e-3)
	require.Greater(t, w.P95Minutes, w.MeanMinutes)

	coaster := sum.Attractions[0]
	require.Equal(t, "mine-coaster", coaster.ID)
	require.Zero(t, coaster.Reneges)
	crew := byID["mine-coaster/crew"]
	require.Equal(t, coaster.Riders, crew.Guests)
	require.InDelta(t, float64(coaster.Riders)*coaster.WaitMinutes.Mean, crew.GuestMinutes, 1e-3*crew.GuestMinutes)
	require.Nil(t, crew.Utilisation, "a crew's loading is told by its ride's seats")

	cafe := byID["cafe/registers"]
	require.NotNil(t, cafe.Utilisation)
	require.Greater(t, *cafe.Utilisation, 0.0)
	require.LessOrEqual(t, *cafe.Utilisation, 1.0)
	for _, m := range sum.Staff.Members {
		require.Greater(t, m.Utilisation, 0.0, m.ID)
		require.LessOrEqual(t, m.Utilisation, 1.0, m.ID)
	}

	// One more cashier all day: less waiting at the café's registers.
	more, err := Parse("more.toml", []byte(strings.Replace(string(must(os.ReadFile("testdata/roster.toml"))), "id = \"cashier\"\ncount = 2", "id = \"cashier\"\ncount = 3", 1)))
	require.NoError(t, err)
	day, err = more.Build(1)
	require.NoError(t, err)
	sum2 := day.Run()
	for _, ps := range sum2.Staff.Posts {
		if ps.ID == "cafe/registers" {
			require.Less(t, ps.GuestMinutes, cafe.GuestMinutes)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
