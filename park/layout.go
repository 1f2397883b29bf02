package park

import (
	"fmt"
	"math"
)

// layout holds shortest walking distances between every pair of zones.
type layout struct {
	n    int
	dist []float64 // metres, n×n, row-major
}

// newLayout computes all-pairs shortest paths (Floyd–Warshall: parks have
// tens of zones, not thousands). It fails if some zone cannot be reached
// from another.
func newLayout(zones []Zone, paths []Path) (*layout, error) {
	n := len(zones)
	l := &layout{n: n, dist: make([]float64, n*n)}
	for i := range l.dist {
		l.dist[i] = math.Inf(1)
	}
	for i := range n {
		l.dist[i*n+i] = 0
	}
	for _, p := range paths {
		if p.From < 0 || p.From >= n || p.To < 0 || p.To >= n {
			return nil, fmt.Errorf("path %d–%d names a zone that does not exist", p.From, p.To)
		}
		d := math.Min(l.dist[p.From*n+p.To], p.Length)
		l.dist[p.From*n+p.To], l.dist[p.To*n+p.From] = d, d
	}
	for k := range n {
		for i := range n {
			dik := l.dist[i*n+k]
			if math.IsInf(dik, 1) {
				continue
			}
			for j := range n {
				if d := dik + l.dist[k*n+j]; d < l.dist[i*n+j] {
					l.dist[i*n+j] = d
				}
			}
		}
	}
	for j := 1; j < n; j++ {
		if math.IsInf(l.dist[j], 1) {
			return nil, fmt.Errorf("zone %q cannot be reached from zone %q", zones[j].ID, zones[0].ID)
		}
	}
	return l, nil
}

// metres is the shortest walking distance from zone a to zone b.
func (l *layout) metres(a, b int) float64 { return l.dist[a*l.n+b] }
