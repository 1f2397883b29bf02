package staffing

import (
	"fmt"
	"math"
	"slices"

	"parksim/sim"
)

// Planned follows a schedule made before the day from the expected demand:
// which member is at which post in each hour. It has the roster's
// staff-hours exactly: every member on shift in an hour is placed at one of
// its posts for that hour, and nobody else is. As a policy it issues, each
// round, the moves that bring members to the posts of the current hour,
// as far as Feasible allows (a member who may not move yet is moved a
// later round).
type Planned struct {
	start  sim.Time
	posts  []string
	member map[string]int
	// assign[h][i] is member i's post in hour h, −1 when off shift.
	assign [][]int
}

// NewPlanned makes the schedule for the day described by day, the
// observation before it opens (its posts with their rates and limits, its
// members with their skills, shifts, moves and starting posts), for hours
// of one hour each from start. demand[p][h] is the guests expected to join
// post p's line in hour h; every post needs the same number of hours.
//
// Each post's line is carried from hour to hour: the first hour starts
// from the line day has at the post (the crowd waiting at opening), each
// later one from the line the hour before ends with, as planned. Each hour
// begins with every member on shift at the post it had the hour
// before (its starting post in the first hour, or none); members who have
// just come on shift are placed at the post their shift begins at (or,
// without one, where they help most), then members are moved one at a
// time, while a move lowers the hour's predicted guest-minutes (each post a
// stationary hour at the hour's rate, see Predict) by more than PlanGain,
// the member serving at its new post only from its arrival, the member has
// moves to spare and the posts' limits hold. A member is on shift in an hour when
// its shift covers the hour's midpoint; it counts at its post for the share
// of the hour it is on shift and not on a break (a post's staff between
// whole numbers costs between the two), so that a crew's break cover is
// planned where its breaks fall.
func NewPlanned(day *Observation, start sim.Time, demand [][]float64) (*Planned, error) {
	if len(demand) != len(day.Posts) {
		return nil, fmt.Errorf("staffing: a plan needs the demand of each of the %d posts, got %d", len(day.Posts), len(demand))
	}
	hours := 0
	if len(demand) > 0 {
		hours = len(demand[0])
	}
	for p, d := range demand {
		if len(d) != hours {
			return nil, fmt.Errorf("staffing: post %s has demand for %d hours, post %s for %d", day.Posts[p].ID, len(d), day.Posts[0].ID, hours)
		}
		for h, v := range d {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return nil, fmt.Errorf("staffing: post %s's demand in hour %d is %v", day.Posts[p].ID, h, v)
			}
		}
	}
	pl := &Planned{start: start, member: map[string]int{}}
	for _, p := range day.Posts {
		pl.posts = append(pl.posts, p.ID)
	}
	for i, m := range day.Members {
		pl.member[m.ID] = i
	}

	n := len(day.Posts)
	at := make([]int, len(day.Members))
	movesLeft := make([]int, len(day.Members))
	for i, m := range day.Members {
		at[i], movesLeft[i] = m.Post, m.MovesLeft
	}
	count := make([]int, n)   // members placed at each post
	eff := make([]float64, n) // their share of the hour there, added up
	avail := make([]float64, len(day.Members))
	line := make([]float64, n)
	for p := range n {
		line[p] = max(day.Posts[p].Line, 0)
	}
	models := make([]model, n)
	rate := make([]float64, 1)
	// cost[p][c] is post p's guest-minutes in the hour with c staff, and
	// ends[p][c] the line it ends with.
	cost := make([][]float64, n)
	ends := make([][]float64, n)
	// interp is a post's figure for x staff, between whole numbers of them.
	interp := func(f []float64, x float64) float64 {
		if x <= 0 {
			return f[0]
		}
		if x >= float64(len(f)-1) {
			return f[len(f)-1]
		}
		lo := math.Floor(x)
		return f[int(lo)] + (x-lo)*(f[int(lo)+1]-f[int(lo)])
	}
	for h := range hours {
		from := start + sim.Time(h)*sim.Hour
		mid := from + sim.Hour/2
		for p := range n {
			rate[0] = demand[p][h] / 60
			models[p].reset(&day.Posts[p], rate, 60)
			cost[p], ends[p] = cost[p][:0], ends[p][:0]
			for c := 0; c <= models[p].levels(); c++ {
				out := models[p].run(line[p], c, nil)
				cost[p] = append(cost[p], out.GuestMinutes)
				ends[p] = append(ends[p], out.EndLine)
			}
		}
		clear(count)
		clear(eff)
		onShift := make([]bool, len(day.Members))
		for i, m := range day.Members {
			onShift[i] = m.ShiftStart <= mid && mid < m.ShiftEnd
			avail[i] = available(&m, from, from+sim.Hour)
			if !onShift[i] {
				at[i] = -1
			} else if at[i] >= 0 {
				count[at[i]]++
				eff[at[i]] += avail[i]
			}
		}
		// add is what member i saves at post p (−Inf where it may not go),
		// take what post p loses without it (+Inf where it may not leave).
		add := func(p, i int) float64 {
			if count[p] >= day.Posts[p].Max {
				return math.Inf(-1)
			}
			return interp(cost[p], eff[p]) - interp(cost[p], eff[p]+avail[i])
		}
		take := func(p, i int) float64 {
			if count[p]-1 < day.Posts[p].Min {
				return math.Inf(1)
			}
			return interp(cost[p], eff[p]-avail[i]) - interp(cost[p], eff[p])
		}
		place := func(i, p int, sign int) {
			count[p] += sign
			eff[p] += float64(sign) * avail[i]
		}
		// Newcomers, in member order, to the post their shift begins at if
		// it has room, else to the one they help most; the moves below
		// send them on if that pays.
		for i, m := range day.Members {
			if !onShift[i] || at[i] >= 0 {
				continue
			}
			best, bestGain := -1, math.Inf(-1)
			if m.Start >= 0 && slices.Contains(m.Skills, m.Start) && !math.IsInf(add(m.Start, i), -1) {
				best, bestGain = m.Start, 0
			} else {
				for _, p := range m.Skills {
					if g := add(p, i); g > bestGain {
						best, bestGain = p, g
					}
				}
			}
			if best >= 0 && !math.IsInf(bestGain, -1) {
				at[i] = best
				place(i, best, +1)
			}
		}
		// Moves while one lowers the hour's total by more than PlanGain,
		// the member's walk counted: it serves at its new post only once
		// there.
		for {
			bi, bp, bestGain := -1, -1, PlanGain
			for i, m := range day.Members {
				if !onShift[i] || at[i] < 0 || movesLeft[i] <= 0 {
					continue
				}
				loss := take(at[i], i)
				for _, p := range m.Skills {
					if p == at[i] {
						continue
					}
					there := max(1-day.Walk(at[i], p).Hours(), 0)
					if g := add(p, i)*there - loss; g > bestGain {
						bi, bp, bestGain = i, p, g
					}
				}
			}
			if bi < 0 {
				break
			}
			place(bi, at[bi], -1)
			place(bi, bp, +1)
			at[bi] = bp
			movesLeft[bi]--
		}
		for p := range n {
			line[p] = interp(ends[p], eff[p])
		}
		row := make([]int, len(at))
		copy(row, at)
		pl.assign = append(pl.assign, row)
	}
	return pl, nil
}

// PlanGain is the guest-minutes a move in the plan must save in its hour.
const PlanGain = 20.0

// available is the share of the hour from from to to that member m is on
// shift and not on a break.
func available(m *MemberView, from, to sim.Time) float64 {
	overlap := func(a, b sim.Time) sim.Time { return max(min(b, to)-max(a, from), 0) }
	on := overlap(m.ShiftStart, m.ShiftEnd)
	for _, b := range m.Breaks {
		on -= overlap(max(b.At, m.ShiftStart), min(b.At+b.Length, m.ShiftEnd))
	}
	return max(float64(on)/float64(to-from), 0)
}

func (pl *Planned) Name() string { return "planned" }

// Hours is the number of hours the schedule covers.
func (pl *Planned) Hours() int { return len(pl.assign) }

// At returns the post id member (an id) is scheduled at in hour h, and
// false when it is not scheduled anywhere then.
func (pl *Planned) At(member string, h int) (string, bool) {
	i, ok := pl.member[member]
	if !ok || h < 0 || h >= len(pl.assign) || pl.assign[h][i] < 0 {
		return "", false
	}
	return pl.posts[pl.assign[h][i]], true
}

func (pl *Planned) Decide(obs *Observation) []Move {
	if obs.Now < pl.start {
		return nil
	}
	h := int((obs.Now - pl.start) / sim.Hour)
	if h >= len(pl.assign) {
		return nil
	}
	var moves []Move
	for i := range obs.Members {
		m := &obs.Members[i]
		k, ok := pl.member[m.ID]
		if !ok || m.State != Working {
			continue
		}
		to := pl.assign[h][k]
		if to < 0 || to >= len(obs.Posts) || obs.Posts[to].ID != pl.posts[to] || to == m.Post {
			continue
		}
		mv := Move{Member: m.ID, To: pl.posts[to], Reason: fmt.Sprintf("the plan for hour %d", h)}
		if Feasible(obs, append(moves, mv)) == nil {
			moves = append(moves, mv)
		}
	}
	return moves
}
