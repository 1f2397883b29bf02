package staffing

import (
	"fmt"
	"math"
	"slices"

	"parksim/sim"
)

// Optimizer moves staff to where they save the most waiting. Every round
// it forecasts each post's arrivals over the horizon (Holt, see Holt; or
// the observation's Forecast where one is given), carries each sensed line
// forward over the sensor's delay, and predicts every post's guest-minutes
// of waiting (see Predict) with the staff it has, with one fewer, and with
// one more arriving when the walk from a member's post ends. It then moves
// members one at a time, greedily:
//
//  1. If MaxWait is set and some post's worst predicted wait exceeds it,
//     the move with the largest gain among those that lower such a post's
//     worst wait without pushing the post they leave above MaxWait comes
//     first, even if it costs guest-minutes.
//  2. Otherwise the move with the largest gain, if that gain is more than
//     MinGain.
//
// A move's gain is the guest-minutes it saves at its new post, where the
// member serves only from its arrival to the horizon or its shift's end,
// less what its old post loses from now on: a walking member serves
// nowhere, so a move whose walk costs more than it saves is not made.
// After each move the two posts it touches are predicted again, so later
// moves see it. Moves stop at MaxMoves, or when nothing gains.
//
// Every move it returns is one Feasible accepts, as a set. The greedy choice
// is exact for the first move; over several moves it can miss the best set
// (see the allocator's test for the measured gap).
type Optimizer struct {
	MaxWait  float64 // minutes; 0 for no cap
	MinGain  float64 // guest-minutes a move must save beyond its cost
	MaxMoves int     // moves a round at most; 0 for no limit

	holtOf map[string]int
	holt   []Holt

	// Scratch kept between rounds so that a round allocates little.
	models  []model
	arr     []float64
	q0      []float64
	changes [][]Change
	base    []Outlook
	loss    []lossMemo
	save    []lossMemo // what a post gains from one more member now: a bound on any move's gain there
	start   []int      // staff at the start of the round
	staff   []int      // staff now plus those sent this round, minus those taken
	full    []int      // staff and walking, plus those sent this round
	moved   []bool
	buf     []Change
}

// lossMemo is what a post loses when one member leaves it now and would
// otherwise have stayed past the horizon.
type lossMemo struct {
	ok  bool
	out Outlook
}

// NewOptimizer returns an Optimizer with a worst-wait cap of maxWait
// minutes (0 for none), which moves a member only for a gain of more than
// minGain guest-minutes.
func NewOptimizer(maxWait, minGain float64) *Optimizer {
	return &Optimizer{MaxWait: maxWait, MinGain: minGain}
}

func (o *Optimizer) Name() string { return "optimizer" }

// forecast fills arr with post p's arrivals per minute for h minutes from
// now: the observation's own forecast if it has one, else the post's Holt
// forecast after taking the sensed reading.
func (o *Optimizer) forecast(obs *Observation, p *PostView, arr []float64) {
	if p.Forecast != nil {
		for i := range arr {
			switch {
			case i < len(p.Forecast):
				arr[i] = p.Forecast[i]
			case len(p.Forecast) > 0:
				arr[i] = p.Forecast[len(p.Forecast)-1]
			default:
				arr[i] = 0
			}
		}
		return
	}
	if o.holtOf == nil {
		o.holtOf = map[string]int{}
	}
	k, ok := o.holtOf[p.ID]
	if !ok {
		k = len(o.holt)
		o.holtOf[p.ID] = k
		o.holt = append(o.holt, NewHolt())
	}
	h := &o.holt[k]
	h.Observe(p.LineAt, p.ArrivalsPerMin)
	h.Forecast(obs.Now, arr)
}

// minutesFromNow converts a time to minutes after obs.Now.
func minutesFromNow(obs *Observation, t sim.Time) float64 { return (t - obs.Now).Minutes() }

// with returns base plus extra, in order of At (extra's own order kept),
// in the optimizer's scratch buffer.
func (o *Optimizer) with(base []Change, extra ...Change) []Change {
	o.buf = append(o.buf[:0], base...)
	for _, e := range extra {
		k := len(o.buf)
		for k > 0 && o.buf[k-1].At > e.At {
			k--
		}
		o.buf = slices.Insert(o.buf, k, e)
	}
	return o.buf
}

// insert adds c to the sorted list at post p.
func (o *Optimizer) insert(p int, c Change) {
	l := o.changes[p]
	k := len(l)
	for k > 0 && l[k-1].At > c.At {
		k--
	}
	o.changes[p] = slices.Insert(l, k, c)
}

// predict runs post p's model from the round's start with changes (the
// round's moves among them).
func (o *Optimizer) predict(p int, changes []Change) Outlook {
	return o.models[p].run(o.q0[p], o.start[p], changes)
}

// saving bounds the gain of any move to post p: a member who arrived now
// and stayed past the horizon would save this much, and one who walks or
// leaves sooner, less, since a post's waiting never grows with its staff.
func (o *Optimizer) saving(p int) float64 {
	sm := &o.save[p]
	if !sm.ok {
		sm.out, sm.ok = o.predict(p, o.with(o.changes[p], Change{At: 0, Delta: +1})), true
	}
	return o.base[p].GuestMinutes - sm.out.GuestMinutes
}

// pair is one candidate move: member m to post to.
type pair struct {
	m, to int
}

func (o *Optimizer) Decide(obs *Observation) []Move {
	moves, _ := o.decide(obs)
	return moves
}

// decide is Decide, also returning the predicted total guest-minutes over
// every post after the moves.
func (o *Optimizer) decide(obs *Observation) ([]Move, float64) {
	n := len(obs.Posts)
	h := horizonMinutes(obs)
	o.prepare(obs, n, h)

	// Candidates: movable members, to each post they may work but are not at.
	var pairs []pair
	for i := range obs.Members {
		m := &obs.Members[i]
		if !movable(obs, m) || m.ShiftEnd <= obs.Now {
			continue
		}
		for _, to := range m.Skills {
			if to != m.Post {
				pairs = append(pairs, pair{i, to})
			}
		}
	}

	var moves []Move
	for o.MaxMoves == 0 || len(moves) < o.MaxMoves {
		best, bestGain, capMove := o.choose(obs, pairs, h)
		if best < 0 {
			break
		}
		pr := pairs[best]
		m := &obs.Members[pr.m]
		walk := minutesFromNow(obs, obs.Now+obs.Walk(m.Post, pr.to))
		end := minutesFromNow(obs, m.ShiftEnd)
		if m.Post >= 0 {
			o.insert(m.Post, Change{At: 0, Delta: -1})
			if end < float64(h) {
				o.insert(m.Post, Change{At: end, Delta: +1}) // its shift's end no longer empties a place here
			}
			o.staff[m.Post]--
			o.loss[m.Post].ok, o.save[m.Post].ok = false, false
			o.base[m.Post] = o.predict(m.Post, o.changes[m.Post])
		}
		o.insert(pr.to, Change{At: walk, Delta: +1})
		if end < float64(h) {
			o.insert(pr.to, Change{At: end, Delta: -1})
		}
		o.full[pr.to]++
		o.loss[pr.to].ok, o.save[pr.to].ok = false, false
		o.base[pr.to] = o.predict(pr.to, o.changes[pr.to])
		o.moved[pr.m] = true
		reason := fmt.Sprintf("saves %.0f guest-minutes over %d min", bestGain, h)
		if capMove {
			reason = fmt.Sprintf("worst wait above %.0f min; saves %.0f guest-minutes", o.MaxWait, bestGain)
		}
		moves = append(moves, Move{Member: m.ID, To: obs.Posts[pr.to].ID, Reason: reason, Gain: bestGain})
	}
	total := 0.0
	for p := range n {
		total += o.base[p].GuestMinutes
	}
	return moves, total
}

// prepare forecasts and predicts every post as it stands.
func (o *Optimizer) prepare(obs *Observation, n, h int) {
	if cap(o.models) < n {
		o.models = make([]model, n)
		o.changes = make([][]Change, n)
	}
	o.models, o.changes = o.models[:n], o.changes[:n]
	o.arr = slices.Grow(o.arr[:0], n*h)[:n*h]
	o.q0 = append(o.q0[:0], make([]float64, n)...)
	o.base = append(o.base[:0], make([]Outlook, n)...)
	o.loss = append(o.loss[:0], make([]lossMemo, n)...)
	o.staff = append(o.staff[:0], make([]int, n)...)
	o.full = append(o.full[:0], make([]int, n)...)
	o.save = append(o.save[:0], make([]lossMemo, n)...)
	o.start = append(o.start[:0], make([]int, n)...)
	o.moved = append(o.moved[:0], make([]bool, len(obs.Members))...)
	for p := range n {
		pv := &obs.Posts[p]
		arr := o.arr[p*h : (p+1)*h]
		o.forecast(obs, pv, arr)
		o.models[p].reset(pv, arr, h)
		o.q0[p] = lineNow(obs, pv, &o.models[p], arr[0])
		o.staff[p], o.start[p] = pv.Staff, pv.Staff
		o.full[p] = pv.Staff + len(pv.Walking)
		l := o.changes[p][:0]
		for _, at := range pv.Walking {
			l = append(l, Change{At: minutesFromNow(obs, at), Delta: +1})
		}
		o.changes[p] = l
	}
	// Members whose shift ends within the horizon leave their post then.
	for i := range obs.Members {
		m := &obs.Members[i]
		if m.Post < 0 || (m.State != Working && m.State != Walking) {
			continue
		}
		if end := minutesFromNow(obs, m.ShiftEnd); end < float64(h) {
			o.insert(m.Post, Change{At: max(end, 0), Delta: -1})
		}
	}
	for p := range n {
		o.base[p] = o.predict(p, o.changes[p])
	}
}

// gain evaluates moving member m to post to: the guest-minutes saved net
// of what its post loses, the worst wait at its post after it leaves (0
// when it leaves none) and at the target after it arrives.
func (o *Optimizer) gain(obs *Observation, pr pair, h int) (gain, fromWorst, toWorst float64) {
	m := &obs.Members[pr.m]
	end := minutesFromNow(obs, m.ShiftEnd)
	loss := 0.0
	if m.Post >= 0 {
		var out Outlook
		if end >= float64(h) {
			lm := &o.loss[m.Post]
			if !lm.ok {
				lm.out, lm.ok = o.predict(m.Post, o.with(o.changes[m.Post], Change{At: 0, Delta: -1})), true
			}
			out = lm.out
		} else {
			out = o.predict(m.Post, o.with(o.changes[m.Post], Change{At: 0, Delta: -1}, Change{At: end, Delta: +1}))
		}
		loss = out.GuestMinutes - o.base[m.Post].GuestMinutes
		fromWorst = out.WorstWait
	}
	walk := minutesFromNow(obs, obs.Now+obs.Walk(m.Post, pr.to))
	var out Outlook
	if end < float64(h) {
		if walk >= end {
			return -loss, fromWorst, o.base[pr.to].WorstWait
		}
		out = o.predict(pr.to, o.with(o.changes[pr.to], Change{At: walk, Delta: +1}, Change{At: end, Delta: -1}))
	} else {
		out = o.predict(pr.to, o.with(o.changes[pr.to], Change{At: walk, Delta: +1}))
	}
	return o.base[pr.to].GuestMinutes - out.GuestMinutes - loss, fromWorst, out.WorstWait
}

// choose picks the next move among pairs, or −1 for none; capMove says it
// was chosen for the worst-wait cap.
func (o *Optimizer) choose(obs *Observation, pairs []pair, h int) (best int, bestGain float64, capMove bool) {
	overCap := false
	if o.MaxWait > 0 {
		for p := range o.base {
			if o.base[p].WorstWait > o.MaxWait {
				overCap = true
				break
			}
		}
	}
	best = -1
	bestCap, bestCapGain := -1, math.Inf(-1)
	bestGain = o.MinGain
	for k, pr := range pairs {
		m := &obs.Members[pr.m]
		if o.moved[pr.m] || o.full[pr.to] >= obs.Posts[pr.to].Max {
			continue
		}
		if m.Post >= 0 && o.staff[m.Post]-1 < obs.Posts[m.Post].Min {
			continue
		}
		toBefore := o.base[pr.to].WorstWait
		capCase := overCap && toBefore > o.MaxWait
		if !capCase && (bestCap >= 0 || o.saving(pr.to) <= bestGain) {
			// A cap move is already found, which only a cap move can beat,
			// or this one cannot beat the best so far.
			continue
		}
		g, fromWorst, toWorst := o.gain(obs, pr, h)
		if capCase && (m.Post < 0 || fromWorst <= o.MaxWait) && toWorst < toBefore {
			if g > bestCapGain {
				bestCap, bestCapGain = k, g
			}
			continue
		}
		if g > bestGain {
			best, bestGain = k, g
		}
	}
	if bestCap >= 0 {
		return bestCap, bestCapGain, true
	}
	return best, bestGain, false
}
