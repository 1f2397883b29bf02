package park

import "math"

// Layout answers shortest walking distances between zones, and the routes
// that realise them so that a walk can be drawn along the paths. Guests only
// ever walk from and to zones where they stop, and readers sit in those
// zones too, so it runs Dijkstra from a zone the first time a distance or a
// route from it is asked and keeps that row: a park of thousands of zones
// costs a few rows, not the n³ of all pairs. A row holds 12 bytes per zone:
// a distance and the zone before it on the way.
//
// A Layout fills its rows as it is asked, so it is not safe for concurrent
// use. Which rows are filled never changes an answer: a row depends only on
// the zones and paths.
type Layout struct {
	n     int
	start []int32 // paths leaving zone z are edges[start[z]:start[z+1]]
	edges []edge
	rows  []row    // one per source zone; empty until asked
	heap  distHeap // reused between rows
}

type edge struct {
	to     int32
	metres float64
}

// row is the shortest-path tree from one source zone: the distance to every
// zone and the zone before it on the way there, so a route is read back from
// the tree instead of searched for again.
type row struct {
	metres []float64
	prev   []int32 // the zone before z on the way from the source; -1 for the source and unreachable zones
}

// NewLayout indexes the paths by zone. Path ends must be indices into zones
// and lengths finite and not negative; Config.check makes sure of that, and
// that every zone can be reached.
func NewLayout(zones []Zone, paths []Path) *Layout {
	n := len(zones)
	l := &Layout{n: n, start: make([]int32, n+1), edges: make([]edge, 2*len(paths)), rows: make([]row, n)}
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

// Layout returns the park's walking graph, for drawing walks along its
// paths. Asking it for distances or routes never changes what the park
// does, but it must not be asked while the park is running on another
// goroutine.
func (p *Park) Layout() *Layout { return p.layout }

// Metres is the shortest walking distance between zones a and b, the one
// guests walk. The row of the lower-numbered zone answers both directions,
// so a to b and b to a are the same number to the last bit (sums of the same
// lengths in another order may round differently). It is +Inf when b cannot
// be reached from a, and panics when a zone is out of range. The first
// question about a zone's row runs Dijkstra from it; after that an answer is
// a lookup.
func (l *Layout) Metres(a, b int) float64 {
	return l.row(min(a, b)).metres[max(a, b)]
}

// Route returns the zones a walk from a to b passes through, a and b
// included (just a when a == b), for drawing the walk as a polyline along
// the paths. The route follows a shortest path: the lengths of the paths
// between its consecutive zones add up to Metres(a, b). Like Metres, it is
// read from the row of the lower-numbered zone, so the route from b to a is
// this one reversed and a walk and the way back are drawn on the same path.
// Among equally short ways it takes the one Dijkstra settles first, which
// depends only on the zones and paths and their order.
//
// Route returns nil when b cannot be reached from a, and panics when a zone
// is out of range. The first question about a row runs Dijkstra, as for
// Metres; once the row is known, a route takes time in proportion to the
// zones it passes through, and its one allocation is the slice it returns,
// which belongs to the caller.
func (l *Layout) Route(a, b int) []int {
	r := l.row(min(a, b))
	far := max(a, b)
	if math.IsInf(r.metres[far], 1) {
		return nil
	}
	// The tree leads from far back to the row's source: count the zones,
	// then fill the slice from the end that the walk starts at.
	n := 1
	for z := r.prev[far]; z >= 0; z = r.prev[z] {
		n++
	}
	route := make([]int, n)
	i, step := 0, 1 // far is a: the tree's order is the walk's
	if a < b {
		i, step = n-1, -1
	}
	for z := int32(far); z >= 0; z = r.prev[z] {
		route[i] = int(z)
		i += step
	}
	return route
}

// row returns the shortest-path tree from src, running Dijkstra the first
// time it is asked.
func (l *Layout) row(src int) *row {
	r := &l.rows[src]
	if r.metres == nil {
		l.dijkstra(src, r)
	}
	return r
}

// dijkstra fills r with the shortest distances from src and the zone each
// is reached from, with a binary heap: O((zones + paths) log zones). A zone
// keeps the first way found to its final distance, so among equally short
// ways the heap's order and the order of the paths decide.
func (l *Layout) dijkstra(src int, r *row) {
	dist := make([]float64, l.n)
	prev := make([]int32, l.n)
	for i := range dist {
		dist[i] = math.Inf(1)
		prev[i] = -1
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
				prev[e.to] = it.zone
				h.push(distItem{d, e.to})
			}
		}
	}
	r.metres, r.prev = dist, prev
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
