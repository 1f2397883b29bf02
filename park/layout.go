package park

import "math"

// layout holds shortest walking distances between every pair of zones.
type layout struct {
	n    int
	dist []float64 // metres, n×n, row-major
}

// newLayout computes all-pairs shortest paths (Floyd–Warshall: parks have
// tens of zones, not thousands). Config.check has made sure that every zone
// can be reached and every path is finite.
func newLayout(zones []Zone, paths []Path) *layout {
	n := len(zones)
	l := &layout{n: n, dist: make([]float64, n*n)}
	for i := range l.dist {
		l.dist[i] = math.Inf(1)
	}
	for i := range n {
		l.dist[i*n+i] = 0
	}
	for _, p := range paths {
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
	return l
}

// metres is the shortest walking distance from zone a to zone b.
func (l *layout) metres(a, b int) float64 { return l.dist[a*l.n+b] }
