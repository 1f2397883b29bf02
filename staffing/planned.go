package staffing

import (
	"fmt"
	"math"

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
// just come on shift are placed first, then members are moved one at a
// time, while a move lowers the hour's predicted guest-minutes (each post a
// stationary hour at the hour's rate, see Predict), the member has moves to
// spare and the posts' limits hold. A member is on shift in an hour when
// its shift covers the hour's midpoint.
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
	count := make([]int, n)
	line := make([]float64, n)
	for p := range n {
		line[p] = max(day.Posts[p].Line, 0)
	}
	models := make([]model, n)
	rate := make([]float64, 1)
	// cost[p][c] is post p's guest-minutes in the hour with c staff.
	cost := make([][]float64, n)
	for h := range hours {
		mid := start + sim.Time(h)*sim.Hour + sim.Hour/2
		for p := range n {
			rate[0] = demand[p][h] / 60
			models[p].reset(&day.Posts[p], rate, 60)
			cost[p] = cost[p][:0]
			for c := 0; c <= models[p].levels(); c++ {
				cost[p] = append(cost[p], models[p].run(line[p], c, nil).GuestMinutes)
			}
		}
		clear(count)
		onShift := make([]bool, len(day.Members))
		for i, m := range day.Members {
			onShift[i] = m.ShiftStart <= mid && mid < m.ShiftEnd
			if !onShift[i] {
				at[i] = -1
			} else if at[i] >= 0 {
				count[at[i]]++
			}
		}
		// add is what one more member saves at post p (−Inf where none may
		// go), take what one fewer costs (+Inf where none may leave).
		add := func(p int) float64 {
			if count[p] >= day.Posts[p].Max || count[p]+1 >= len(cost[p]) {
				return math.Inf(-1)
			}
			return cost[p][count[p]] - cost[p][count[p]+1]
		}
		take := func(p int) float64 {
			if count[p]-1 < day.Posts[p].Min {
				return math.Inf(1)
			}
			return cost[p][count[p]-1] - cost[p][count[p]]
		}
		// Newcomers, in member order, to the post they help most.
		for i, m := range day.Members {
			if !onShift[i] || at[i] >= 0 {
				continue
			}
			best, bestGain := -1, math.Inf(-1)
			for _, p := range m.Skills {
				if g := add(p); g > bestGain {
					best, bestGain = p, g
				}
			}
			if best >= 0 && !math.IsInf(bestGain, -1) {
				at[i] = best
				count[best]++
			}
		}
		// Moves while one lowers the hour's total.
		for {
			bi, bp, bestGain := -1, -1, 1e-9
			for i, m := range day.Members {
				if !onShift[i] || at[i] < 0 || movesLeft[i] <= 0 {
					continue
				}
				loss := take(at[i])
				for _, p := range m.Skills {
					if p == at[i] {
						continue
					}
					if g := add(p) - loss; g > bestGain {
						bi, bp, bestGain = i, p, g
					}
				}
			}
			if bi < 0 {
				break
			}
			count[at[bi]]--
			count[bp]++
			at[bi] = bp
			movesLeft[bi]--
		}
		for p := range n {
			line[p] = models[p].run(line[p], count[p], nil).EndLine
		}
		row := make([]int, len(at))
		copy(row, at)
		pl.assign = append(pl.assign, row)
	}
	return pl, nil
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
