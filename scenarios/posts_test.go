package scenarios

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/park"
)

// staffed is tiny with a post of every kind that takes a most-staff key:
// a crewed coaster, a station, a counter restaurant, a shop with clerks,
// the bag check and guest relations.
var staffed = strings.NewReplacer(
	"turnstiles = 2\n", "turnstiles = 2\nturnstiles_max = 5\nbag_check = 1\nbag_check_max = 2\n",
	`ride_time = "2m"`, "ride_time = \"2m\"\ncrew_full = 4\ncrew = 3\ncrew_max = 6\n\n"+
		"[[attraction]]\nid = \"counter\"\nzone = \"west\"\nservers = 2\nservers_max = 4\nservice = \"5m\"\n\n"+
		"[[restaurant]]\nid = \"diner\"\nzone = \"west\"\ntables = 20\nregisters = 2\nregisters_max = 3\n\n"+
		"[[merchant]]\nid = \"gifts\"\nzone = \"west\"\nkind = \"merchandise\"\nstaff = 1\nstaff_max = 2\n\n"+
		"[bands]\nguest_relations = 2\nguest_relations_max = 4\n",
).Replace(tiny)

// The most-staff keys reach the posts the park registers.
func TestStaffMaxKeysDecode(t *testing.T) {
	s, err := Parse("park.toml", []byte(staffed))
	require.NoError(t, err)
	cfg := s.Park
	require.Equal(t, 6, cfg.Attractions[0].CrewMax)
	require.Equal(t, 4, cfg.Attractions[1].ServersMax)
	require.Equal(t, 3, cfg.Restaurants[0].RegistersMax)
	require.Equal(t, 2, cfg.Merchants[0].StaffMax)
	require.Equal(t, 5, cfg.Entry.TurnstilesMax)
	require.Equal(t, 2, cfg.Entry.BagCheckMax)
	require.Equal(t, 4, cfg.Bands.GuestRelationsMax)

	day, err := s.Build(1)
	require.NoError(t, err)
	most := map[string]int{}
	for _, ps := range day.Park.Posts() {
		most[ps.ID] = ps.Max
	}
	require.Equal(t, map[string]int{
		"coaster/crew": 6, "counter/servers": 4, "diner/registers": 3, "gifts/clerks": 2,
		"entry/turnstiles": 5, "entry/bag-check": 2, "guest-relations/desk": 4,
	}, most)

	// Left out, a post may have what it starts with, a ride its full crew.
	plain, err := Parse("park.toml", []byte(strings.NewReplacer(
		"turnstiles_max = 5\n", "", "bag_check_max = 2\n", "", "crew_max = 6\n", "", "servers_max = 4\n", "",
		"registers_max = 3\n", "", "staff_max = 2\n", "", "guest_relations_max = 4\n", "").Replace(staffed)))
	require.NoError(t, err)
	day, err = plain.Build(1)
	require.NoError(t, err)
	var posts []park.Post
	for _, ps := range day.Park.Posts() {
		require.Equal(t, max(ps.Staff, map[string]int{"coaster/crew": 4}[ps.ID]), ps.Max, ps.ID)
		posts = append(posts, ps)
	}
	require.Len(t, posts, 7)
}

// A most-staff key below the staff a post starts with, or on a post that
// has no such staff, is a problem at its position.
func TestStaffMaxProblems(t *testing.T) {
	line := func(key string) int {
		for i, l := range strings.Split(staffed, "\n") {
			if strings.HasPrefix(l, key+" =") {
				return i + 1
			}
		}
		t.Fatalf("no %s in the scenario", key)
		return 0
	}
	for _, tc := range []struct {
		key, old, new, want string
	}{
		{"crew_max", "crew_max = 6", "crew_max = 2", "attraction[0].crew_max: is less than crew (3): a post cannot start the day with more staff than it may have"},
		{"servers_max", "servers_max = 4", "servers_max = 1", "attraction[1].servers_max: is less than servers (2): a post cannot start the day with more staff than it may have"},
		{"registers_max", "registers_max = 3", "registers_max = 1", "restaurant[0].registers_max: is less than registers (2): a post cannot start the day with more staff than it may have"},
		{"staff_max", "staff_max = 2", "staff_max = 0", "merchant[0].staff_max: 0 is out of range: it must be from 1 to 10,000"},
		{"turnstiles_max", "turnstiles_max = 5", "turnstiles_max = 1", "entry.turnstiles_max: is less than turnstiles (2): a post cannot start the day with more staff than it may have"},
		{"bag_check_max", "bag_check = 1\n", "bag_check = 0\n", "entry.bag_check_max: counts only with bag_check, the screeners the day starts with"},
		{"guest_relations_max", "guest_relations_max = 4", "guest_relations_max = 1", "bands.guest_relations_max: is less than guest_relations (2): a post cannot start the day with more staff than it may have"},
	} {
		t.Run(tc.key, func(t *testing.T) {
			require.Contains(t, staffed, tc.old)
			src := strings.Replace(staffed, tc.old, tc.new, 1)
			require.Equal(t, []string{"park.toml:" + strconv.Itoa(line(tc.key)) + ":1: " + tc.want}, problems(t, src))
		})
	}

	// On a ride without crew, at a vehicle ride, at table service, at an
	// unstaffed till.
	for _, tc := range []struct{ old, new, want string }{
		{"crew_full = 4\ncrew = 3\n", "", "attraction[0].crew_max: counts only with crew_full, the crew a full rate needs"},
		{"[[restaurant]]\nid = \"diner\"\nzone = \"west\"\ntables = 20\nregisters = 2\n", "[[restaurant]]\nid = \"diner\"\nzone = \"west\"\ntables = 20\nservice = \"table\"\n",
			"restaurant[0].registers_max: a table-service restaurant has no registers: the meal is ordered and served at the table within dine"},
		{"staff = 1\n", "", "merchant[0].staff_max: counts only with staff: an unstaffed till has nobody to add to"},
		{"servers = 2\nservers_max = 4\nservice = \"5m\"\n", "vehicle_capacity = 4\ndispatch_every = \"1m\"\nride_time = \"2m\"\nservers_max = 4\n", "attraction[1].servers_max: counts only at a station, with servers"},
	} {
		require.Contains(t, staffed, tc.old)
		got := problems(t, strings.Replace(staffed, tc.old, tc.new, 1))
		require.Len(t, got, 1, "%v", got)
		require.True(t, strings.HasSuffix(got[0], tc.want), "%s", got[0])
	}
}
