package park

import "math"

// layout answers shortest walking distances between zones. Guests only ever
// walk from and to zones where they stop, and readers sit in those zones
// too, so it runs Dijkstra from a zone the first time a distance from it is
// asked and keeps that row: a park of thousands of zones costs a few rows,
// not the n³ of all pairs.
type layout struct {
	n     int
	start []int32 // paths leaving zone z are edges[start[z]:start[z+1]]
	edges []edge
	rows  [][]float64 // metres from each zone to every zone; nil until asked
	heap  distHeap    // reused between rows
}

type edge struct {
	to     int32
	metres float64
}

// newLayout indexes the paths by zone. Config.check has made sure that every
// zone can be reached and every path is finite.
func newLayout(zones []Zone, paths []Path) *layout {
	n := len(zones)
	l := &layout{n: n, start: make([]int32, n+1), edges: make([]edge, 2*len(paths)), rows: make([][]float64, n)}
	for _, p := range paths {
		l.start[p.From+1]++
		l.start[p.To+1]++
	}
	for z := range n {
		l.start[z+1] += l.start[z]
	}
	// Edges keep the order of the paths in the file, which fixes the order
	// in which equal distances are found.
	fill := make([]int32, n)
	copy(fill, l.start[:n])
	add := func(from, to int, m float64) {
		l.edges[fill[from]] = edge{int32(to), m}
		fill[from]++
	}
	for _, p := range paths {
		add(p.From, p.To, p.Length)
		add(p.To, p.From, p.Length)
	}
	return l
}

// metres is the shortest walking distance between zones a and b. The row of
// the lower-numbered zone answers both directions, so a to b and b to a are
// the same number to the last bit (sums of the same lengths in another order
// may round differently).
func (l *layout) metres(a, b int) float64 {
	if a > b {
		a, b = b, a
	}
	if l.rows[a] == nil {
		l.rows[a] = l.dijkstra(a)
	}
	return l.rows[a][b]
}

// dijkstra returns the shortest distances from src with a binary heap:
// O((zones + paths) log zones).
func (l *layout) dijkstra(src int) []float64 {
	dist := make([]float64, l.n)
	for i := range dist {
		dist[i] = math.Inf(1)
	}
	dist[src] = 0
	h := &l.heap
	h.items = h.items[:0]
	h.push(distItem{0, int32(src)})
	for len(h.items) > 0 {
		it := h.pop()
		if it.d > dist[it.zone] {
			continue // a stale entry: a shorter way was found after it was pushed
		}
		for _, e := range l.edges[l.start[it.zone]:l.start[it.zone+1]] {
			if d := it.d + e.metres; d < dist[e.to] {
				dist[e.to] = d
				h.push(distItem{d, e.to})
			}
		}
	}
	return dist
}

type distItem struct {
	d    float64
	zone int32
}

// distHeap is a binary min-heap on distance, then zone index, so that the
// order zones are settled in never depends on anything but the park.
type distHeap struct{ items []distItem }

func (a distItem) less(b distItem) bool {
	return a.d < b.d || a.d == b.d && a.zone < b.zone
}

func (h *distHeap) push(it distItem) {
	h.items = append(h.items, it)
	i := len(h.items) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if !h.items[i].less(h.items[parent]) {
			break
		}
		h.items[i], h.items[parent] = h.items[parent], h.items[i]
		i = parent
	}
}

func (h *distHeap) pop() distItem {
	top := h.items[0]
	last := len(h.items) - 1
	h.items[0] = h.items[last]
	h.items = h.items[:last]
	for i := 0; ; {
		c := 2*i + 1
		if c >= last {
			break
		}
		if c+1 < last && h.items[c+1].less(h.items[c]) {
			c++
		}
		if !h.items[c].less(h.items[i]) {
			break
		}
		h.items[i], h.items[c] = h.items[c], h.items[i]
		i = c
	}
	return top
}
