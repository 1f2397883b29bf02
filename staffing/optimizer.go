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
// of waiting over the horizon (see Predict). It then chooses moves, one
// step at a time, greedily:
//
//  1. If MaxWait is set and some post's worst predicted wait exceeds it,
//     the move with the largest gain among those that lower such a post's
//     worst wait without pushing the post they leave above MaxWait comes
//     first, if it gains more than MinGain (the cap orders the moves that
//     save waiting; it never buys a shorter worst wait with more waiting).
//  2. Otherwise the single move with the largest gain, unless a bundle
//     gains more a member: several members onto a ride whose capacity does
//     not rise with one more (one below its minimum crew is closed),
//     perhaps with one more member refilling a post the bundle empties.
//  3. When no single move gains more than MinGain, a bundle of two or three
//     onto a ride one more would raise (two may pay where one does not),
//     or a chain: one member leaves its post for one that needs it and
//     another refills its post from where it is missed less.
//
// A move's gain is the guest-minutes it saves at its new post, where the
// member serves only from its arrival, less what its old post loses from
// now on, each over the horizon with the staff the roster's plan brings
// (walks arriving, breaks taken and over, shifts ending and beginning): a
// walking member serves nowhere, so a move whose walk costs more than it
// saves is not made, and a member about to take a break is worth less
// where it goes.
// After each step the posts it touches are predicted again, so later steps
// see it. Moves stop at MaxMoves, or when nothing gains more than MinGain.
//
// Candidates are evaluated lazily: since a post's waiting never grows with
// its staff, what a post would save from a member arriving now bounds the
// gain of every move to it. The moves wait in a queue by bound, and only
// the one at its head is predicted in full, until the head is a move whose
// full prediction is known; a move's evaluation and queued bound are kept
// until a step touches one of its posts, which queues it again.
//
// Every move it returns is one Feasible accepts, as a set in the order
// returned. The result is not always the best set of moves: waiting is not
// convex in staff where capacity has steps, so a greedy step can send a
// member where a later, better set needed it elsewhere. On random small
// rounds compared with every feasible set it finds the best in over 90% of
// rounds and on average over 98% of the best saving (see its test).
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
	extra   []Change
	tmp     []Change
	picks   []int
	touched []int
	set     []pair

	// chain's marks of the posts whose members it has tried, by round.
	fromSeen, viaSeen []int
	seenGen, viaGen   int

	byTarget [][]int      // candidate pairs by their post
	byFrom   [][]int      // candidate pairs by their member's post
	queue    boundQueue   // candidate pairs by bound, for choose
	pairs    []pair       // the round's candidate pairs
	exact    []exact      // per candidate pair
	version  []int        // per post, raised when a move of the round touches it
	capped   []int        // choose's pairs to posts above the cap
	mloss    []memberLoss // per member whose day changes its post within the horizon, lossOf's last answer
}

// memberLoss is lossOf's answer for one member, valid while its post's
// version is the one it was worked out at.
type memberLoss struct {
	version     int
	loss, worst float64
	ok          bool
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

// future appends to l, times sign, the changes member m's day brings to a
// post it is on from minute from of the horizon h: each break beginning
// then or later takes it off (−1) and brings it back (+1, unless its shift
// is over by then), and its shift's end takes it off.
func future(obs *Observation, m *MemberView, from float64, h int, sign int, l []Change) []Change {
	hf := float64(h)
	end := minutesFromNow(obs, m.ShiftEnd)
	for _, b := range m.Breaks {
		at := minutesFromNow(obs, b.At)
		if at >= hf || at >= end {
			break
		}
		if at < from {
			continue
		}
		l = append(l, Change{At: at, Delta: -sign})
		if back := minutesFromNow(obs, b.At+b.Length); back < hf && back < end {
			l = append(l, Change{At: back, Delta: sign})
		}
	}
	if end < hf {
		l = append(l, Change{At: max(end, from), Delta: -sign})
	}
	return l
}

// plain reports whether member m's day changes nothing at its post over
// the horizon h: no break begins and its shift does not end.
func plain(obs *Observation, m *MemberView, h int) bool {
	if minutesFromNow(obs, m.ShiftEnd) < float64(h) {
		return false
	}
	return len(m.Breaks) == 0 || minutesFromNow(obs, m.Breaks[0].At) >= float64(h)
}

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

// savingK is what k members arriving at post p now and staying past the
// horizon would save.
func (o *Optimizer) savingK(p, k int) float64 {
	if k == 1 {
		return o.saving(p)
	}
	return o.base[p].GuestMinutes - o.predict(p, o.with(o.changes[p], Change{At: 0, Delta: k})).GuestMinutes
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
			if to != m.Post && beforeBreak(obs, m, to) {
				pairs = append(pairs, pair{i, to})
			}
		}
	}

	o.exact = append(o.exact[:0], make([]exact, len(pairs))...)
	o.version = append(o.version[:0], make([]int, n)...)
	o.byTarget = slices.Grow(o.byTarget[:0], n)[:n]
	for p := range n {
		o.byTarget[p] = o.byTarget[p][:0]
	}
	o.byFrom = slices.Grow(o.byFrom[:0], n)[:n]
	for p := range n {
		o.byFrom[p] = o.byFrom[p][:0]
	}
	for k, pr := range pairs {
		o.byTarget[pr.to] = append(o.byTarget[pr.to], k)
		if from := obs.Members[pr.m].Post; from >= 0 {
			o.byFrom[from] = append(o.byFrom[from], k)
		}
	}
	o.pairs = pairs
	o.queue = o.queue[:0]
	for k := range pairs {
		o.enqueue(obs, k, h)
	}
	o.queue.init()

	var moves []Move
	for o.MaxMoves == 0 || len(moves) < o.MaxMoves {
		best, bestGain, capMove := o.choose(obs, pairs, h)
		if !capMove {
			budget := bundleMax
			if o.MaxMoves > 0 {
				budget = min(budget, o.MaxMoves-len(moves))
			}
			if set, gain := o.bundle(obs, pairs, h, budget, bestGain, best < 0); set != nil && gain/float64(len(set)) > bestGain &&
				(o.MaxMoves == 0 || len(moves)+len(set) <= o.MaxMoves) {
				share := gain / float64(len(set))
				for _, pr := range set {
					o.commit(obs, pr.m, pr.to, h)
					moves = append(moves, Move{Member: obs.Members[pr.m].ID, To: obs.Posts[pr.to].ID, Gain: share,
						Reason: fmt.Sprintf("one of %d who together save %.0f guest-minutes over %d min", len(set), gain, h)})
				}
				continue
			}
		}
		if best < 0 {
			if o.MaxMoves > 0 && len(moves)+2 > o.MaxMoves {
				break
			}
			cx, cy, gain := o.chain(obs, pairs, h)
			if cx < 0 || gain <= o.MinGain {
				break
			}
			x, y := pairs[cx], pairs[cy]
			o.commit(obs, x.m, x.to, h)
			o.commit(obs, y.m, y.to, h)
			reason := fmt.Sprintf("with %s refilling its post, saves %.0f guest-minutes over %d min", obs.Members[y.m].ID, gain, h)
			moves = append(moves, Move{Member: obs.Members[x.m].ID, To: obs.Posts[x.to].ID, Gain: gain / 2, Reason: reason})
			reason = fmt.Sprintf("refills the post %s left; together they save %.0f guest-minutes", obs.Members[x.m].ID, gain)
			moves = append(moves, Move{Member: obs.Members[y.m].ID, To: obs.Posts[y.to].ID, Gain: gain / 2, Reason: reason})
			continue
		}
		pr := pairs[best]
		o.commit(obs, pr.m, pr.to, h)
		reason := fmt.Sprintf("saves %.0f guest-minutes over %d min", bestGain, h)
		if capMove {
			reason = fmt.Sprintf("worst wait above %.0f min; saves %.0f guest-minutes", o.MaxWait, bestGain)
		}
		moves = append(moves, Move{Member: obs.Members[pr.m].ID, To: obs.Posts[pr.to].ID, Reason: reason, Gain: bestGain})
	}
	total := 0.0
	for p := range n {
		total += o.base[p].GuestMinutes
	}
	return moves, total
}

// commit makes the move of member i to post to part of the round: its post
// loses it now (and no longer its breaks and shift's end), the target gains
// it from its arrival (and loses it at its breaks and shift's end), and
// both are predicted again.
func (o *Optimizer) commit(obs *Observation, i, to, h int) {
	m := &obs.Members[i]
	walk := minutesFromNow(obs, obs.Now+obs.Walk(m.Post, to))
	if m.Post >= 0 {
		o.insert(m.Post, Change{At: 0, Delta: -1})
		o.tmp = future(obs, m, 0, h, -1, o.tmp[:0])
		for _, c := range o.tmp {
			o.insert(m.Post, c)
		}
		o.staff[m.Post]--
		o.full[m.Post]--
		o.version[m.Post]++
		o.loss[m.Post].ok, o.save[m.Post].ok = false, false
		o.base[m.Post] = o.predict(m.Post, o.changes[m.Post])
	}
	o.insert(to, Change{At: walk, Delta: +1})
	o.tmp = future(obs, m, walk, h, +1, o.tmp[:0])
	for _, c := range o.tmp {
		o.insert(to, c)
	}
	o.full[to]++
	o.version[to]++
	o.loss[to].ok, o.save[to].ok = false, false
	o.base[to] = o.predict(to, o.changes[to])
	o.moved[i] = true
	// The pairs of both posts have new bounds.
	for _, p := range [2]int{m.Post, to} {
		if p < 0 {
			continue
		}
		for _, ks := range [2][]int{o.byTarget[p], o.byFrom[p]} {
			for _, k := range ks {
				if o.pairs[k].m != i {
					o.push(obs, k, h)
				}
			}
		}
	}
}

// bundleMax is the most members a bundle moves at once.
const bundleMax = 3

// bundle looks past the greedy step where one member alone gains nothing:
// a ride below its minimum crew (or on any flat step of its capacity)
// opens only when several arrive, and two members may pay where one does
// not. For each ride on a flat step (or, with steps, each ride one more
// member would raise) and each k from the fewest that raise its capacity
// (at least 2) to budget it picks k members, unless k arriving now could
// not save more than floor each: the
// first k−1 by what their posts lose, the last by the joint gain, then
// each again by the joint gain with the others held; and a member more
// may come to refill a post the bundle empties, if that gains (budget
// bounds the bundle, the refill comes on top). It returns the moves and
// the joint gain of the best bundle, or nil.
func (o *Optimizer) bundle(obs *Observation, pairs []pair, h, budget int, floor float64, steps bool) ([]pair, float64) {
	var best []pair
	bestGain := math.Inf(-1)
	for to := range obs.Posts {
		mod := &o.models[to]
		if !mod.fluid || len(o.byTarget[to]) < 2 {
			continue
		}
		level := min(o.full[to], mod.levels())
		// The fewest members that raise its capacity, and at least two
		// (one alone is the greedy step's): on a flat step the next rise,
		// else two steps at once, which may pay where one does not (the
		// two leave a ride that closes without them, say).
		k := 1
		for level+k <= mod.levels() && mod.capacity(level+k) <= mod.capacity(level) {
			k++
		}
		if k == 1 && !steps {
			continue // a double step only once no single move pays
		}
		for k = max(k, 2); k <= budget && level+k <= mod.levels() && o.full[to]+k <= obs.Posts[to].Max; k++ {
			// No bundle of k gains more than k members arriving now and
			// staying would save there (a refill only gives back some of
			// what the others' posts lose): skip those that could not
			// beat floor a member.
			if o.savingK(to, k) <= float64(k)*max(floor, 0) {
				continue
			}
			if set, gain := o.bundleOf(obs, pairs, to, k, h, budget); set != nil && gain > bestGain {
				best, bestGain = set, gain
			}
		}
	}
	return best, bestGain
}

// bundleOf is bundle's best set of k members to post to, and its gain (nil
// when there are not k who may go).
func (o *Optimizer) bundleOf(obs *Observation, pairs []pair, to, k, h, budget int) ([]pair, float64) {
	{
		picks := o.picks[:0]
		ok := func(k int, picks []int) bool {
			pr := pairs[k]
			if o.moved[pr.m] || slices.Contains(picks, pr.m) {
				return false
			}
			from := obs.Members[pr.m].Post
			if from < 0 {
				return true
			}
			taken := 1
			for _, i := range picks {
				if obs.Members[i].Post == from {
					taken++
				}
			}
			return o.staff[from]-taken >= obs.Posts[from].Min
		}
		for len(picks) < k-1 {
			cand, least := -1, math.Inf(1)
			for _, c := range o.byTarget[to] {
				if !ok(c, picks) {
					continue
				}
				l, _ := o.lossOf(obs, pairs[c].m, h)
				if l < least {
					cand, least = c, l
				}
			}
			if cand < 0 {
				break
			}
			picks = append(picks, pairs[cand].m)
		}
		if len(picks) < k-1 {
			return nil, 0
		}
		// The last member, then each earlier one again, by the joint gain.
		gain := math.Inf(-1)
		for round := range k {
			slot := k - 1 - round
			if slot == k-1 {
				picks = append(picks, -1)
			}
			held := picks[slot]
			others := slices.Delete(slices.Clone(picks), slot, slot+1)
			choice := held
			for _, c := range o.byTarget[to] {
				if !ok(c, others) {
					continue
				}
				picks[slot] = pairs[c].m
				if g := o.bundleGain(obs, picks, to, h); g > gain || (pairs[c].m == held && g >= gain) {
					gain, choice = g, pairs[c].m
				}
			}
			picks[slot] = choice
			if choice < 0 {
				break
			}
		}
		o.picks = picks
		if slices.Contains(picks, -1) {
			return nil, 0
		}
		set := make([]pair, 0, k+1)
		for _, i := range picks {
			set = append(set, pair{i, to})
		}
		// One member more may refill a post the bundle empties.
		if len(set) < budget+1 {
			refill, refillGain := pair{-1, -1}, gain
			for _, i := range picks {
				from := obs.Members[i].Post
				if from < 0 {
					continue
				}
				for _, c := range o.byTarget[from] {
					y := pairs[c]
					if o.moved[y.m] || slices.Contains(picks, y.m) {
						continue
					}
					if src := obs.Members[y.m].Post; src >= 0 && o.staff[src]-1-countAt(obs, picks, src) < obs.Posts[src].Min {
						continue
					}
					if g := o.setGain(obs, append(set, y), h); g > refillGain {
						refill, refillGain = y, g
					}
				}
			}
			if refill.m >= 0 {
				set, gain = append(set, refill), refillGain
			}
		}
		return set, gain
	}
}

// countAt is how many of members are at post p.
func countAt(obs *Observation, members []int, p int) int {
	n := 0
	for _, i := range members {
		if obs.Members[i].Post == p {
			n++
		}
	}
	return n
}

// lossOf is what member i's post loses over the horizon if it leaves now,
// and that post's worst wait then.
func (o *Optimizer) lossOf(obs *Observation, i, h int) (float64, float64) {
	m := &obs.Members[i]
	if m.Post < 0 {
		return 0, 0
	}
	var out Outlook
	if plain(obs, m, h) {
		lm := &o.loss[m.Post]
		if !lm.ok {
			lm.out, lm.ok = o.predict(m.Post, o.with(o.changes[m.Post], Change{At: 0, Delta: -1})), true
		}
		out = lm.out
	} else {
		if ml := &o.mloss[i]; ml.ok && ml.version == o.version[m.Post] {
			return ml.loss, ml.worst
		}
		o.tmp = future(obs, m, 0, h, -1, append(o.tmp[:0], Change{At: 0, Delta: -1}))
		out = o.predict(m.Post, o.with(o.changes[m.Post], o.tmp...))
		loss := out.GuestMinutes - o.base[m.Post].GuestMinutes
		o.mloss[i] = memberLoss{version: o.version[m.Post], loss: loss, worst: out.WorstWait, ok: true}
		return loss, out.WorstWait
	}
	return out.GuestMinutes - o.base[m.Post].GuestMinutes, out.WorstWait
}

// setGain is the guest-minutes saved over every post the moves touch (the
// members' posts and the targets) by making them together.
func (o *Optimizer) setGain(obs *Observation, moves []pair, h int) float64 {
	o.touched = o.touched[:0]
	for _, mv := range moves {
		for _, p := range [2]int{obs.Members[mv.m].Post, mv.to} {
			if p >= 0 && !slices.Contains(o.touched, p) {
				o.touched = append(o.touched, p)
			}
		}
	}
	gain := 0.0
	for _, p := range o.touched {
		extra := o.extra[:0]
		for _, mv := range moves {
			m := &obs.Members[mv.m]
			if m.Post == p {
				extra = future(obs, m, 0, h, -1, append(extra, Change{At: 0, Delta: -1}))
			}
			if mv.to == p {
				walk := minutesFromNow(obs, obs.Now+obs.Walk(m.Post, p))
				extra = future(obs, m, walk, h, +1, append(extra, Change{At: walk, Delta: +1}))
			}
		}
		o.extra = extra
		gain += o.base[p].GuestMinutes - o.predict(p, o.with(o.changes[p], extra...)).GuestMinutes
	}
	return gain
}

// chainPosts is how many of the posts that would gain most from one more
// member chain looks at.
const chainPosts = 3

// chain looks for two moves that gain together when neither does alone:
// X leaves its post A for a post B that needs it, and Y comes to A from
// where it is missed less. It tries the chainPosts posts with the most to
// gain from a member as B, every candidate X to B and every candidate Y to
// X's post, and returns the best pair of pairs and their joint gain, or
// −1s.
func (o *Optimizer) chain(obs *Observation, pairs []pair, h int) (int, int, float64) {
	var top [chainPosts]int
	var topSave [chainPosts]float64
	for k := range top {
		top[k], topSave[k] = -1, math.Inf(-1)
	}
	for p := range obs.Posts {
		if len(o.byTarget[p]) == 0 || o.full[p] >= obs.Posts[p].Max {
			continue
		}
		sv := o.saving(p)
		for k := range top {
			if sv > topSave[k] {
				copy(top[k+1:], top[k:chainPosts-1])
				copy(topSave[k+1:], topSave[k:chainPosts-1])
				top[k], topSave[k] = p, sv
				break
			}
		}
	}
	bx, by, best := -1, -1, math.Inf(-1)
	// Members at the same post gain the same from the same move (a move's
	// gain depends on a member only through its post and its walk, which
	// starts there), so one of each post is tried: the first listed.
	if len(o.fromSeen) < len(obs.Posts) {
		o.fromSeen = make([]int, len(obs.Posts))
		o.viaSeen = make([]int, len(obs.Posts))
	}
	for _, b := range top {
		if b < 0 || topSave[0] <= o.MinGain {
			continue
		}
		o.seenGen++
		for _, cx := range o.byTarget[b] {
			x := pairs[cx]
			a := obs.Members[x.m].Post
			if o.moved[x.m] || a < 0 || o.staff[a]-1 < obs.Posts[a].Min || o.fromSeen[a] == o.seenGen {
				continue
			}
			o.fromSeen[a] = o.seenGen
			o.viaGen++
			for _, cy := range o.byTarget[a] {
				y := pairs[cy]
				if y.m == x.m || o.moved[y.m] {
					continue
				}
				c := obs.Members[y.m].Post
				if c >= 0 && o.staff[c]-1 < obs.Posts[c].Min {
					continue
				}
				if c >= 0 {
					if o.viaSeen[c] == o.viaGen {
						continue
					}
					o.viaSeen[c] = o.viaGen
				}
				if g := o.setGain(obs, []pair{x, y}, h); g > best {
					bx, by, best = cx, cy, g
				}
			}
		}
	}
	return bx, by, best
}

// bundleGain is setGain for members all moving to post to.
func (o *Optimizer) bundleGain(obs *Observation, members []int, to, h int) float64 {
	o.set = o.set[:0]
	for _, i := range members {
		o.set = append(o.set, pair{i, to})
	}
	return o.setGain(obs, o.set, h)
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
	o.mloss = append(o.mloss[:0], make([]memberLoss, len(obs.Members))...)
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
	// What the roster's plan brings within the horizon: members leave
	// their posts for breaks and at the end of their shifts, come back
	// from breaks, and come on shift.
	for i := range obs.Members {
		m := &obs.Members[i]
		post, from, join := m.Post, 0.0, false
		switch {
		case m.State == Working && post >= 0:
		case m.State == Walking && post >= 0:
			from = minutesFromNow(obs, m.Since) // its arrival is among the post's Walking
		case m.State == OnBreak && post >= 0:
			from, join = minutesFromNow(obs, m.Since), true
		case m.State == OffShift && m.ShiftStart > obs.Now && slices.Contains(m.Skills, m.Start):
			post, from, join = m.Start, minutesFromNow(obs, m.ShiftStart), true
		default:
			continue
		}
		if from >= float64(h) || from >= minutesFromNow(obs, m.ShiftEnd) {
			continue
		}
		if join {
			o.insert(post, Change{At: max(from, 0), Delta: +1})
		}
		o.tmp = future(obs, m, from, h, +1, o.tmp[:0])
		for _, c := range o.tmp {
			o.insert(post, c)
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
	loss, fromWorst := o.lossOf(obs, pr.m, h)
	walk := minutesFromNow(obs, obs.Now+obs.Walk(m.Post, pr.to))
	if walk >= end {
		return -loss, fromWorst, o.base[pr.to].WorstWait
	}
	o.tmp = future(obs, m, walk, h, +1, append(o.tmp[:0], Change{At: walk, Delta: +1}))
	out := o.predict(pr.to, o.with(o.changes[pr.to], o.tmp...))
	return o.base[pr.to].GuestMinutes - out.GuestMinutes - loss, fromWorst, out.WorstWait
}

// exact is a pair's evaluated gain, valid while the versions of its two
// posts are those it was evaluated at.
type exact struct {
	gain, fromWorst, toWorst float64
	from, to                 int // versions
	ok                       bool
}

// exactGain is o.gain for pairs[k], cached until either post changes.
func (o *Optimizer) exactGain(obs *Observation, pairs []pair, k, h int) *exact {
	pr, e := pairs[k], &o.exact[k]
	if !o.current(obs, pairs, k) {
		e.gain, e.fromWorst, e.toWorst = o.gain(obs, pr, h)
		e.from, e.to, e.ok = -1, o.version[pr.to], true
		if from := obs.Members[pr.m].Post; from >= 0 {
			e.from = o.version[from]
		}
	}
	return e
}

// current reports whether pairs[k]'s cached gain is still its gain.
func (o *Optimizer) current(obs *Observation, pairs []pair, k int) bool {
	pr, e := pairs[k], &o.exact[k]
	from := obs.Members[pr.m].Post
	return e.ok && e.to == o.version[pr.to] && (from < 0 || e.from == o.version[from])
}

// bound is at least pairs[k]'s gain: its exact gain if that is known, else
// what its target would save from a member arriving now and staying, less
// what its post loses (for a member whose shift ends within the horizon,
// nothing: the looser bound keeps the order the moves were first chosen
// in), since waiting never grows with staff.
func (o *Optimizer) bound(obs *Observation, pairs []pair, k, h int) float64 {
	pr := pairs[k]
	if o.current(obs, pairs, k) {
		return o.exact[k].gain
	}
	from := obs.Members[pr.m].Post
	b := o.saving(pr.to)
	if from >= 0 && minutesFromNow(obs, obs.Members[pr.m].ShiftEnd) >= float64(h) {
		l, _ := o.lossOf(obs, pr.m, h)
		b -= l
	}
	return b
}

// choose picks the next move among pairs, or −1 for none; capMove says it
// was chosen for the worst-wait cap. Moves for the cap are evaluated in
// full; the others lazily: the pair with the highest bound is evaluated,
// and chosen once its exact gain is still the highest bound.
func (o *Optimizer) choose(obs *Observation, pairs []pair, h int) (best int, bestGain float64, capMove bool) {
	eligible := func(pr pair) bool {
		m := &obs.Members[pr.m]
		if o.moved[pr.m] || o.full[pr.to] >= obs.Posts[pr.to].Max {
			return false
		}
		return m.Post < 0 || o.staff[m.Post]-1 >= obs.Posts[m.Post].Min
	}
	if o.MaxWait > 0 {
		bestCap, bestCapGain := -1, o.MinGain
		o.capped = o.capped[:0]
		for p := range obs.Posts {
			if o.base[p].WorstWait > o.MaxWait {
				o.capped = append(o.capped, o.byTarget[p]...)
			}
		}
		slices.Sort(o.capped)
		for _, k := range o.capped {
			pr := pairs[k]
			toBefore := o.base[pr.to].WorstWait
			if !eligible(pr) {
				continue
			}
			e := o.exactGain(obs, pairs, k, h)
			if (obs.Members[pr.m].Post < 0 || e.fromWorst <= o.MaxWait) && e.toWorst < toBefore && e.gain > bestCapGain {
				bestCap, bestCapGain = k, e.gain
			}
		}
		if bestCap >= 0 {
			return bestCap, bestCapGain, true
		}
	}
	// The pair with the highest bound (the lowest index among equals),
	// from the queue: an entry whose posts have changed since it was
	// queued was queued again then, and one no longer eligible can only
	// become so when its posts change.
	for len(o.queue) > 0 {
		top := o.queue[0]
		k := int(top.k)
		if !o.fresh(obs, top) || !eligible(pairs[k]) {
			o.queue.pop()
			continue
		}
		if top.bound <= o.MinGain {
			break
		}
		if o.current(obs, pairs, k) {
			if top.bound != o.exact[k].gain {
				// Its bound from before its gain was known at these
				// versions: queue it again at its gain.
				o.queue.pop()
				o.push(obs, k, h)
				continue
			}
			return k, top.bound, false
		}
		o.queue.pop()
		o.exactGain(obs, pairs, k, h)
		o.push(obs, k, h)
	}
	return -1, o.MinGain, false
}

// boundEntry is one candidate pair in the queue, with its bound and its
// posts' versions when it was queued.
type boundEntry struct {
	bound    float64
	k        int32
	from, to int32
}

// boundQueue is a heap of pairs by bound, highest first, then by index
// (typed, so that queueing allocates nothing).
type boundQueue []boundEntry

func (q boundQueue) before(a, b int) bool {
	return q[a].bound > q[b].bound || q[a].bound == q[b].bound && q[a].k < q[b].k
}

// init orders q as a heap.
func (q boundQueue) init() {
	for i := len(q)/2 - 1; i >= 0; i-- {
		q.down(i)
	}
}

func (q boundQueue) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !q.before(i, parent) {
			return
		}
		q[i], q[parent] = q[parent], q[i]
		i = parent
	}
}

func (q boundQueue) down(i int) {
	for {
		c := 2*i + 1
		if c >= len(q) {
			return
		}
		if r := c + 1; r < len(q) && q.before(r, c) {
			c = r
		}
		if !q.before(c, i) {
			return
		}
		q[i], q[c] = q[c], q[i]
		i = c
	}
}

// pop removes the top entry.
func (q *boundQueue) pop() {
	old := *q
	n := len(old) - 1
	old[0] = old[n]
	*q = old[:n]
	q.down(0)
}

// add puts e in the heap.
func (q *boundQueue) add(e boundEntry) {
	*q = append(*q, e)
	q.up(len(*q) - 1)
}

// entry is pair k's queue entry as of now.
func (o *Optimizer) entry(obs *Observation, k, h int) boundEntry {
	pr := o.pairs[k]
	e := boundEntry{bound: o.bound(obs, o.pairs, k, h), k: int32(k), from: -1, to: int32(o.version[pr.to])}
	if from := obs.Members[pr.m].Post; from >= 0 {
		e.from = int32(o.version[from])
	}
	return e
}

// enqueue adds pair k to the queue before it is ordered; push, after.
func (o *Optimizer) enqueue(obs *Observation, k, h int) {
	o.queue = append(o.queue, o.entry(obs, k, h))
}
func (o *Optimizer) push(obs *Observation, k, h int) { o.queue.add(o.entry(obs, k, h)) }

// fresh reports whether e was queued at its posts' present versions.
func (o *Optimizer) fresh(obs *Observation, e boundEntry) bool {
	pr := o.pairs[e.k]
	if int(e.to) != o.version[pr.to] {
		return false
	}
	from := obs.Members[pr.m].Post
	return from < 0 || int(e.from) == o.version[from]
}
