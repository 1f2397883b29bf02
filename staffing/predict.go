package staffing

import "math"

// Change is a change of a post's staff during the horizon: Delta members
// from At minutes after the start on (a walking member's arrival is +1, a
// member leaving −1).
type Change struct {
	At    float64
	Delta int
}

// Outlook is a post's predicted waiting over a horizon.
type Outlook struct {
	GuestMinutes float64 // ∫ guests in line dt over the horizon
	WorstWait    float64 // minutes: the longest wait predicted for a guest joining during the horizon; +Inf if the post is closed to a line
	EndLine      float64 // guests in line at the end
}

// Predict returns post p's outlook over horizon minutes (a whole number,
// at least 1) from a line of q0 guests, with arrivals[i] guests a minute in
// minute i (the last value holds for any minute beyond the slice; an empty
// slice means none), staff members now and the changes, in order of At.
// Staff never goes below 0 or above the levels the post describes.
//
// Rides (a post with CapacityPerHour) are a fluid queue with stepped
// capacity: Q′ = λ(t) − capacity(staff(t)) − θ·Q, never below 0, with θ =
// 1/Patience (0 if unknown), in steps of 5 minutes (the last may be
// shorter) with λ the step's mean, integrated exactly within a step and
// between the changes; a guest joining waits Q/capacity, and the worst
// wait is the largest at the ends of the pieces.
//
// A line of servers is its stationary queue (Erlang C without patience,
// Erlang A, MMCM, with it) at the staff of the moment and the mean arrival
// rate of its block of up to 30 minutes, plus a fluid backlog above it, in
// the same steps: the line beyond the stationary one drains at cμ − λ and,
// with patience, abandons at θ; a guest joining waits the stationary Wq plus the backlog over cμ. With
// patience the stationary queue exists at any load (Erlang A); without it a
// line with λ >= cμ is a fluid line like a ride's, at capacity cμ. A line
// shorter than the stationary one is taken to be at it.
func Predict(p *PostView, q0 float64, arrivals []float64, staff int, changes []Change, horizon int) Outlook {
	var m model
	m.reset(p, arrivals, horizon)
	return m.run(q0, staff, changes)
}

// fluidStep is the length in minutes of a step of the fluid line, over
// which arrivals are taken at their mean; statBlock, a whole number of
// steps, the length of a stretch over which a servers' line is taken as
// stationary at the stretch's mean arrival rate.
const (
	fluidStep = 5
	statBlock = 6 * fluidStep
)

// model predicts one post over one horizon at any staffing; it keeps the
// stationary values it has solved, so a policy comparing many staffings of
// a post pays for each Erlang solution once.
type model struct {
	p        *PostView
	arr      []float64 // arrivals per minute, one per minute of the horizon
	horizon  int
	theta    float64
	fluid    bool      // a ride
	stepLam  []float64 // mean λ per step
	blockLam []float64 // mean λ per block
	stat     []float64 // per (staff, block): stationary Lq, NaN until solved
	statWq   []float64 // and its Wq
	floor    []float64 // per block: overloadFloor, NaN until solved
}

func (m *model) reset(p *PostView, arrivals []float64, horizon int) {
	if horizon < 1 {
		panic("staffing: a prediction's horizon must be at least one minute")
	}
	m.p, m.horizon = p, horizon
	m.arr = m.arr[:0]
	for i := range horizon {
		a := 0.0
		switch {
		case i < len(arrivals):
			a = arrivals[i]
		case len(arrivals) > 0:
			a = arrivals[len(arrivals)-1]
		}
		m.arr = append(m.arr, max(a, 0))
	}
	m.theta = 0
	if p.Patience > 0 {
		m.theta = 1 / p.Patience
	}
	m.fluid = len(p.CapacityPerHour) > 0
	m.stepLam, m.blockLam = m.stepLam[:0], m.blockLam[:0]
	m.stat, m.statWq = m.stat[:0], m.statWq[:0]
	m.stepLam = means(m.stepLam, m.arr, fluidStep)
	if m.fluid {
		return
	}
	m.blockLam = means(m.blockLam, m.arr, statBlock)
	n := (p.Max + 1) * len(m.blockLam)
	for range n {
		m.stat = append(m.stat, math.NaN())
		m.statWq = append(m.statWq, math.NaN())
	}
	m.floor = m.floor[:0]
	for range m.blockLam {
		m.floor = append(m.floor, math.NaN())
	}
}

// levels is the highest staff the model knows a rate for.
// means appends to dst the mean of each run of width values of arr (the
// last run may be shorter).
func means(dst, arr []float64, width int) []float64 {
	for i := 0; i < len(arr); i += width {
		end := min(i+width, len(arr))
		s := 0.0
		for _, a := range arr[i:end] {
			s += a
		}
		dst = append(dst, s/float64(end-i))
	}
	return dst
}

func (m *model) levels() int {
	if m.fluid {
		return len(m.p.CapacityPerHour) - 1
	}
	return m.p.Max
}

// capacity is guests served per minute with c staff.
func (m *model) capacity(c int) float64 {
	if m.fluid {
		return m.p.CapacityPerHour[c] / 60
	}
	return float64(c) * m.p.ServiceRate
}

// stationary is the stationary Lq and Wq of a servers' line with c staff
// in block b, and whether it has one: with patience always (with nobody
// serving, every guest waits out its patience: Lq = λ/θ), without it when
// λ < cμ. A line without one is all backlog.
func (m *model) stationary(c, b int) (lq, wq float64, stable bool) {
	lam, mu := m.blockLam[b], m.p.ServiceRate
	if mu <= 0 || (m.theta == 0 && lam >= float64(c)*mu) {
		return 0, 0, false
	}
	k := c*len(m.blockLam) + b
	if !math.IsNaN(m.stat[k]) {
		return m.stat[k], m.statWq[k], true
	}
	switch {
	case lam == 0:
	case c == 0:
		lq, wq = lam/m.theta, 1/m.theta
	case m.theta > 0:
		lq = MMCM{Lambda: lam, Mu: mu, Theta: m.theta, C: c}.Lq()
		wq = lq / lam
	default:
		q := MMC{Lambda: lam, Mu: mu, C: c}
		lq, wq = q.Lq(), q.Wq()
		lq, wq = m.burst(lam, mu, c, lq, wq)
	}
	m.stat[k], m.statWq[k] = lq, wq
	return lq, wq, true
}

// burst adds to a stable line's stationary queue (lq, wq, without
// patience) what guests arriving together make of it: a group of B waits,
// on average, for the (B−1)/2 ahead of it in its group to be served at
// cμ, stretched by 1/(1−ρ) as any wait is: Wq + (B−1)/(2cμ(1−ρ)), with B
// the group size a joining guest sees (M^X/M/c's heavy-traffic form). One
// by one it adds nothing; the term falls with every member more.
func (m *model) burst(lam, mu float64, c int, lq, wq float64) (float64, float64) {
	b := m.p.Burst
	cmu := float64(c) * mu
	if b <= 1 || lam <= 0 || cmu <= lam {
		return lq, wq
	}
	wq += (b - 1) / (2 * cmu * (1 - lam/cmu))
	return lam * wq, wq
}

// overloadFloor is the stationary Lq of block b's line with the fewest
// staff that keep up with it (⌊λ/μ⌋ + 1), the least an overloaded line
// of servers without patience holds.
func (m *model) overloadFloor(b int) float64 {
	if v := m.floor[b]; !math.IsNaN(v) {
		return v
	}
	lam, mu := m.blockLam[b], m.p.ServiceRate
	v := 0.0
	if lam > 0 && mu > 0 {
		q := MMC{Lambda: lam, Mu: mu, C: int(lam/mu) + 1}
		v, _ = m.burst(lam, mu, q.C, q.Lq(), q.Wq())
	}
	m.floor[b] = v
	return v
}

// stationaryLine is stationary's Lq for a servers' line, and false for a
// ride or a line without one.
func (m *model) stationaryLine(c, b int) (float64, bool) {
	if m.fluid {
		return 0, false
	}
	lq, _, stable := m.stationary(c, b)
	return lq, stable
}

// run predicts the horizon from a line of q0 with staff now and changes.
func (m *model) run(q0 float64, staff int, changes []Change) Outlook {
	top := m.levels()
	clamp := func(c int) int { return min(max(c, 0), top) }
	next := 0
	for next < len(changes) && changes[next].At <= 0 {
		staff += changes[next].Delta
		next++
	}
	c := clamp(staff)

	var out Outlook
	q := max(q0, 0)
	first := true
	for j, lam := range m.stepLam {
		b := j * fluidStep / statBlock
		t := float64(j * fluidStep)
		stepEnd := float64(min((j+1)*fluidStep, m.horizon))
		for t < stepEnd {
			end := stepEnd
			if next < len(changes) && changes[next].At < end {
				end = changes[next].At
			}
			dt := end - t
			capPM := m.capacity(c)
			lq, wq, stable := 0.0, 0.0, false
			if !m.fluid {
				lq, wq, stable = m.stationary(c, b)
			}
			// wait is what a guest joining a line of q expects.
			wait := func(q float64) float64 {
				switch {
				case capPM <= 0 && (q > 0 || lam > 0):
					return math.Inf(1)
				case capPM <= 0:
					return 0
				case stable:
					return wq + max(q-lq, 0)/capPM
				}
				return q / capPM
			}
			if first {
				out.WorstWait, first = wait(q), false
			}
			r := lam - capPM
			var area float64
			if stable {
				// A stable line keeps its stationary queue; only the
				// backlog above it drains (or, in a minute busier than the
				// block, holds).
				var f float64
				f, area = flow(max(q-lq, 0), min(r, 0), m.theta, dt)
				q = lq + f
				area += lq * dt
			} else if !m.fluid {
				// An overloaded servers' line (no patience) holds at least
				// the stationary queue of the fewest staff that would keep
				// up, and its backlog above that grows: so that one more
				// member, making it stable, never lengthens it.
				base := m.overloadFloor(b)
				var f float64
				f, area = flow(max(q-base, 0), r, 0, dt)
				q = base + f
				area += base * dt
			} else {
				q, area = flow(q, r, m.theta, dt)
			}
			out.GuestMinutes += area
			out.WorstWait = max(out.WorstWait, wait(q))
			t = end
			for next < len(changes) && changes[next].At <= t {
				staff += changes[next].Delta
				next++
			}
			c = clamp(staff)
		}
	}
	out.EndLine = q
	return out
}

// flow advances a fluid line q over dt minutes with net inflow r guests a
// minute and abandonment at rate θ per waiting guest, never below 0, and
// returns the new line and ∫q dt, exactly: q′ = r − θq is linear between
// changes of r.
func flow(q, r, theta, dt float64) (float64, float64) {
	if q <= 0 && r <= 0 {
		return 0, 0
	}
	if theta == 0 {
		q1 := q + r*dt
		if q1 >= 0 {
			return q1, (q + q1) / 2 * dt
		}
		t0 := q / -r
		return 0, q * t0 / 2
	}
	inf := r / theta // where the line settles
	if inf < 0 {
		// The line reaches 0 at t0 = ln((q − inf)/(−inf))/θ and stays there.
		if t0 := math.Log((q-inf)/-inf) / theta; t0 < dt {
			return 0, inf*t0 + (q-inf)*(1-math.Exp(-theta*t0))/theta
		}
	}
	e := math.Exp(-theta * dt)
	return inf + (q-inf)*e, inf*dt + (q-inf)*(1-e)/theta
}
