package staffing

import (
	"fmt"
	"math"
	"slices"
)

// Static never moves anybody: the roster as planned by the scenario.
type Static struct{}

func (Static) Name() string { return "static" }

func (Static) Decide(*Observation) []Move { return nil }

// horizonMinutes is the observation's horizon in whole minutes, at least 1.
func horizonMinutes(obs *Observation) int {
	return max(int(math.Ceil(obs.Rules.Horizon.Minutes())), 1)
}

// movable reports whether member m may be moved now at all, wherever to.
func movable(obs *Observation, m *MemberView) bool {
	return m.State == Working && m.MovesLeft > 0 && (m.Post < 0 || obs.Now-m.Since >= obs.Rules.MinStay)
}

// beforeBreak reports whether member m, sent to post to now, gets there
// before its next break begins (the roster refuses a walk that does not).
func beforeBreak(obs *Observation, m *MemberView, to int) bool {
	return len(m.Breaks) == 0 || obs.Now+obs.Walk(m.Post, to) < m.Breaks[0].At
}

// lineNow is post p's line at the observation's time: the sensed line
// carried forward over the sensor's delay at arrivals lam with the staff
// on it now.
func lineNow(obs *Observation, p *PostView, m *model, lam float64) float64 {
	delay := (obs.Now - p.LineAt).Minutes()
	q := max(p.Line, 0)
	if delay <= 0 {
		return q
	}
	c := min(max(p.Staff, 0), m.levels())
	r := lam - m.capacity(c)
	lq, stable := m.stationaryLine(c, 0)
	if !stable {
		q, _ = flow(q, r, m.theta, delay)
		return q
	}
	f, _ := flow(max(q-lq, 0), min(r, 0), m.theta, delay)
	return f + lq
}

// Threshold is a reactive rule with hysteresis. Each round it predicts
// every post's worst wait over the horizon at the sensed arrival rate, with
// its staff and with one fewer. If a member lent earlier is at a post whose
// wait is no more than Low minutes above its home post's (Low may be
// negative: the home post must then be hotter by −Low), it goes back home.
// Otherwise, when the hottest post one more member would help (its wait
// shorter with one more: not a ride whose crew is full) has a wait that
// exceeds by High minutes or more
// what the coolest post with a member who may move there would have without
// that member, the member is lent from the coolest to the hottest. A donor
// is judged by its wait after the move, so a ride is not closed for a
// lesser line elsewhere. Between Low and High nothing moves, so a lent
// member does not shuttle back and forth on noise. At most one member moves
// a round.
type Threshold struct {
	High, Low float64 // minutes, Low < High

	home map[string]int // lent member → the post it was lent from
	m    model
	arr  []float64
}

// NewThreshold returns a Threshold rule; it panics unless low < high.
func NewThreshold(high, low float64) *Threshold {
	if !(low < high) {
		panic(fmt.Sprintf("staffing: NewThreshold needs low < high, got %v and %v", low, high))
	}
	return &Threshold{High: high, Low: low, home: map[string]int{}}
}

func (t *Threshold) Name() string { return "threshold" }

func (t *Threshold) Decide(obs *Observation) []Move {
	if t.home == nil {
		t.home = map[string]int{}
	}
	h := horizonMinutes(obs)
	// Each post's wait with the staff it has, and with one fewer.
	wait := make([]float64, len(obs.Posts))
	fewer := make([]float64, len(obs.Posts))
	helps := make([]bool, len(obs.Posts)) // one more member would shorten its wait
	for i := range obs.Posts {
		p := &obs.Posts[i]
		t.arr = append(t.arr[:0], p.ArrivalsPerMin)
		t.m.reset(p, t.arr, h)
		q := lineNow(obs, p, &t.m, p.ArrivalsPerMin)
		wait[i] = t.m.run(q, p.Staff, nil).WorstWait
		fewer[i] = t.m.run(q, p.Staff-1, nil).WorstWait
		helps[i] = t.m.run(q, p.Staff+1, nil).WorstWait < wait[i]
	}
	diff := func(hot, cool float64) float64 {
		if math.IsInf(hot, 1) && math.IsInf(cool, 1) {
			return 0
		}
		return hot - cool
	}
	gap := func(hot, cool int) float64 { return diff(wait[hot], wait[cool]) }
	try := func(mv Move) []Move {
		if Feasible(obs, []Move{mv}) == nil {
			return []Move{mv}
		}
		return nil
	}

	// Returns first, in member order.
	for i := range obs.Members {
		m := &obs.Members[i]
		home, lent := t.home[m.ID]
		if !lent || m.State != Working || m.Post < 0 || !movable(obs, m) {
			continue
		}
		if g := gap(m.Post, home); g <= t.Low {
			mv := try(Move{Member: m.ID, To: obs.Posts[home].ID, Reason: fmt.Sprintf("back home: wait gap %.1f min", g)})
			if mv != nil {
				delete(t.home, m.ID)
				return mv
			}
		}
	}

	// The hottest post that can take one more, and that one more helps
	// (not a ride whose crew is full already).
	hot := -1
	for i := range obs.Posts {
		p := &obs.Posts[i]
		if p.Staff+len(p.Walking) < p.Max && helps[i] && (hot < 0 || wait[i] > wait[hot]) {
			hot = i
		}
	}
	if hot < 0 {
		return nil
	}
	// The coolest post with a member who may move to it, and that member.
	cool, who := -1, -1
	for i := range obs.Members {
		m := &obs.Members[i]
		if m.Post < 0 || m.Post == hot || !movable(obs, m) || !slices.Contains(m.Skills, hot) {
			continue
		}
		if home, lent := t.home[m.ID]; lent && home == hot {
			continue // going back is the return rule's to decide
		}
		if p := &obs.Posts[m.Post]; p.Staff-1 < p.Min {
			continue
		}
		if cool < 0 || fewer[m.Post] < fewer[cool] {
			cool, who = m.Post, i
		}
	}
	if cool < 0 {
		return nil
	}
	g := diff(wait[hot], fewer[cool])
	if !(g >= t.High) {
		return nil
	}
	m := &obs.Members[who]
	mv := try(Move{Member: m.ID, To: obs.Posts[hot].ID, Reason: fmt.Sprintf("lent: wait gap %.1f min", g)})
	if mv != nil {
		if _, lent := t.home[m.ID]; !lent {
			t.home[m.ID] = cool
		}
	}
	return mv
}
