package park

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
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
