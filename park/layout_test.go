package park

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// gridPark lays n zones on a square grid 50 m apart, each joined to its right
// and lower neighbours, with a diagonal shortcut every seventh zone so that
// shortest ways are not just Manhattan walks.
func gridPark(n int) ([]Zone, []Path) {
	side := int(math.Ceil(math.Sqrt(float64(n))))
	zones := make([]Zone, n)
	for i := range zones {
		zones[i] = Zone{ID: fmt.Sprintf("z%d", i), X: float64(i%side) * 50, Y: float64(i/side) * 50}
	}
	var paths []Path
	link := func(a, b int) {
		if b < n {
			za, zb := zones[a], zones[b]
			paths = append(paths, Path{From: a, To: b, Length: math.Hypot(za.X-zb.X, za.Y-zb.Y)})
		}
	}
	for i := range n {
		if i%side+1 < side {
			link(i, i+1)
		}
		link(i, i+side)
		if i%7 == 0 && i%side+1 < side {
			link(i, i+side+1)
		}
	}
	return zones, paths
}

// TestLayoutMatchesAllPairs checks the distances against Floyd–Warshall on
// random parks with parallel paths and long detours.
func TestLayoutMatchesAllPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		n := 2 + rng.IntN(30)
		zones := make([]Zone, n)
		var paths []Path
		for i := 1; i < n; i++ {
			paths = append(paths, Path{From: rng.IntN(i), To: i, Length: 1 + rng.Float64()*500})
		}
		for range rng.IntN(3 * n) {
			a, b := rng.IntN(n), rng.IntN(n)
			if a != b {
				paths = append(paths, Path{From: a, To: b, Length: rng.Float64() * 800})
			}
		}
		want := make([]float64, n*n)
		for i := range want {
			want[i] = math.Inf(1)
		}
		for i := range n {
			want[i*n+i] = 0
		}
		for _, p := range paths {
			d := math.Min(want[p.From*n+p.To], p.Length)
			want[p.From*n+p.To], want[p.To*n+p.From] = d, d
		}
		for k := range n {
			for i := range n {
				for j := range n {
					want[i*n+j] = math.Min(want[i*n+j], want[i*n+k]+want[k*n+j])
				}
			}
		}
		l := NewLayout(zones, paths)
		for a := range n {
			for b := range n {
				require.InDelta(t, want[a*n+b], l.Metres(a, b), 1e-9, "%d to %d", a, b)
				require.Equal(t, l.Metres(a, b), l.Metres(b, a))
			}
		}
	}
}

// BenchmarkLayout is the layout work of a day in the worst case, where
// guests stop in every zone: the distances between every pair of zones.
func BenchmarkLayout(b *testing.B) {
	for _, n := range []int{2000, 5000} {
		zones, paths := gridPark(n)
		b.Run(fmt.Sprintf("zones=%d", n), func(b *testing.B) {
			for b.Loop() {
				l := NewLayout(zones, paths)
				sum := 0.0
				for a := range n {
					sum += l.Metres(a, n-1) // row a for every a
				}
				if math.IsInf(sum, 0) {
					b.Fatal("a zone is out of reach")
				}
			}
		})
	}
}

// walked sums, in walk order, the lengths of the paths a route takes: the
// shortest path between each pair of consecutive zones. It fails the test
// when two consecutive zones are not joined by a path.
func walked(t *testing.T, paths []Path, route []int) float64 {
	t.Helper()
	sum := 0.0
	for i := 1; i < len(route); i++ {
		a, b := route[i-1], route[i]
		step := math.Inf(1)
		for _, p := range paths {
			if p.From == a && p.To == b || p.From == b && p.To == a {
				step = math.Min(step, p.Length)
			}
		}
		require.False(t, math.IsInf(step, 1), "no path joins %d and %d in %v", a, b, route)
		sum += step
	}
	return sum
}

func reversed(route []int) []int {
	out := make([]int, len(route))
	for i, z := range route {
		out[len(route)-1-i] = z
	}
	return out
}

func TestRouteWalksTheShortestWay(t *testing.T) {
	zones := []Zone{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}}
	paths := []Path{{0, 1, 100}, {1, 2, 100}, {0, 2, 500}, {2, 3, 50}}
	l := NewLayout(zones, paths)
	require.Equal(t, []int{0, 1, 2}, l.Route(0, 2), "via b, not the long path")
	require.Equal(t, []int{3, 2, 1, 0}, l.Route(3, 0))
	require.Equal(t, []int{1, 2, 3}, l.Route(1, 3))
	require.Equal(t, []int{2}, l.Route(2, 2))
	require.Equal(t, []int{1, 0}, l.Route(1, 0))
	for a := range zones {
		for b := range zones {
			// Summed from the lower-numbered end, the lengths are the very
			// additions that gave the distance.
			lo := l.Route(min(a, b), max(a, b))
			require.Equal(t, l.Metres(a, b), walked(t, paths, lo), "%d to %d", a, b)
			require.Equal(t, reversed(l.Route(a, b)), l.Route(b, a), "%d to %d", a, b)
		}
	}
}

// Equally short ways are broken by the order Dijkstra settles zones in, from
// the lower-numbered end, whatever the order of the paths.
func TestRouteBreaksTiesTheSameWay(t *testing.T) {
	zones := make([]Zone, 4)
	// A diamond: 0 to 3 through 1 or through 2, 200 m either way. Zone 1 is
	// settled first, at the same distance as 2.
	diamond := []Path{{0, 1, 100}, {0, 2, 100}, {1, 3, 100}, {2, 3, 100}}
	swapped := []Path{{2, 3, 100}, {0, 2, 100}, {1, 3, 100}, {0, 1, 100}}
	for _, paths := range [][]Path{diamond, swapped} {
		l := NewLayout(zones, paths)
		require.Equal(t, []int{0, 1, 3}, l.Route(0, 3), "paths %v", paths)
		require.Equal(t, []int{3, 1, 0}, l.Route(3, 0), "paths %v", paths)
	}
	// Through 2 is two 100 m paths, through 1 is 150 m and 50 m: zone 2 is
	// settled first and reaches 3 first. Searched from 3, the way through 1
	// would be found first; the way back is still drawn through 2.
	l := NewLayout(zones, []Path{{0, 1, 150}, {1, 3, 50}, {0, 2, 100}, {2, 3, 100}})
	require.Equal(t, 200.0, l.Metres(0, 3))
	require.Equal(t, []int{0, 2, 3}, l.Route(0, 3))
	require.Equal(t, []int{3, 2, 0}, l.Route(3, 0))
}

func TestRouteToAnUnreachableZoneIsNil(t *testing.T) {
	l := NewLayout(make([]Zone, 4), []Path{{0, 1, 100}, {2, 3, 50}})
	require.Nil(t, l.Route(0, 3))
	require.Nil(t, l.Route(3, 0))
	require.True(t, math.IsInf(l.Metres(1, 2), 1))
	require.Equal(t, []int{3, 2}, l.Route(3, 2))
}

// Once its row is known, a route's only allocation is the slice it returns.
func TestRouteAllocatesOnlyItsSlice(t *testing.T) {
	zones, paths := gridPark(400)
	l := NewLayout(zones, paths)
	l.Metres(3, 399)
	require.Equal(t, 1.0, testing.AllocsPerRun(100, func() { l.Route(399, 3) }))
	require.Equal(t, 1.0, testing.AllocsPerRun(100, func() { l.Route(3, 250) }))
	require.Equal(t, 1.0, testing.AllocsPerRun(100, func() { l.Route(3, 3) }))
}

// TestRouteAlongPathsOnRandomParks checks, on random connected parks with
// parallel paths, zero-length paths and long detours, that every route
// starts and ends where asked, visits no zone twice, steps only along paths
// and is as long as Metres, and that the way back is the same route.
func TestRouteAlongPathsOnRandomParks(t *testing.T) {
	const seed = 7
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 3))
	for range 30 {
		n := 1 + rng.IntN(40)
		zones := make([]Zone, n)
		var paths []Path
		for i := 1; i < n; i++ {
			paths = append(paths, Path{From: rng.IntN(i), To: i, Length: 1 + rng.Float64()*500})
		}
		for range rng.IntN(3 * n) {
			a, b := rng.IntN(n), rng.IntN(n)
			if a == b {
				continue
			}
			length := rng.Float64() * 800
			if rng.IntN(10) == 0 {
				length = 0
			}
			paths = append(paths, Path{From: a, To: b, Length: length})
		}
		l := NewLayout(zones, paths)
		for a := range n {
			for b := range n {
				route := l.Route(a, b)
				require.NotEmpty(t, route, "%d to %d", a, b)
				require.Equal(t, a, route[0])
				require.Equal(t, b, route[len(route)-1])
				seen := make(map[int]bool, len(route))
				for _, z := range route {
					require.False(t, seen[z], "%d to %d visits %d twice: %v", a, b, z, route)
					seen[z] = true
				}
				m := l.Metres(a, b)
				require.InDelta(t, m, walked(t, paths, route), 1e-9*math.Max(m, 1), "%d to %d: %v", a, b, route)
				require.Equal(t, reversed(route), l.Route(b, a), "%d to %d", a, b)
			}
		}
	}
}

func TestParkLayoutRoutesItsWalks(t *testing.T) {
	p, err := New(sim.New(1), tinyPark(1))
	require.NoError(t, err)
	require.Equal(t, []int{1, 0, 2}, p.Layout().Route(1, 2), "west to east through the gate")
	require.Equal(t, 500.0, p.Layout().Metres(2, 1))
}

// BenchmarkRoute is one route read back once its row is known: from zones
// across the grid to a few zones where guests stop, as a viewer draws walks.
func BenchmarkRoute(b *testing.B) {
	for _, n := range []int{2000, 5000} {
		zones, paths := gridPark(n)
		l := NewLayout(zones, paths)
		stops := []int{0, n / 3, n / 2, n - 1}
		var pairs [][2]int
		for i := range 64 {
			pairs = append(pairs, [2]int{i * 97 % n, stops[i%len(stops)]})
		}
		hops := 0
		for _, ab := range pairs {
			hops += len(l.Route(ab[0], ab[1])) // fills the rows the loop reads
		}
		b.Run(fmt.Sprintf("zones=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				ab := pairs[i%len(pairs)]
				l.Route(ab[0], ab[1])
				i++
			}
			b.ReportMetric(float64(hops)/float64(len(pairs)), "zones/route")
		})
	}
}
