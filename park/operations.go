package park

import (
	"fmt"
	"slices"
	"strings"

	"parksim/sim"
	"parksim/staffing"
)

// The operations loop: every DecideEvery while the park is open, the park
// builds a staffing.Observation from what it knows (its sensed view, its
// posts, its roster) and applies the moves the staffing policy returns
// with MoveStaff. The policy sees nothing else: the one exception, the
// oracle, is fed the truth instead (each post's true line and true
// arrivals, and with SetForesight the arrivals still to come) and is
// labelled as an upper bound wherever it is reported.

// OraclePolicy is the name a day under a policy fed the truth runs under.
const OraclePolicy = "oracle"

// DecideEvery is how often the operations loop asks the policy for moves.
const DecideEvery = 5 * sim.Minute

// Horizon is how far ahead a policy weighs waiting.
const Horizon = 45 * sim.Minute

// operations is the loop's state.
type operations struct {
	policy staffing.Policy
	truth  bool               // the oracle: the true lines and arrivals, not the sensed ones
	skills [][]int            // per member, the posts it may staff, ascending
	breaks [][]staffing.Break // per member, its breaks
	start  []int              // per member, the post its shift begins at
	obs    staffing.Observation
	on     opsHandler // like the roster's, it does not stretch the day's span
	// With truth: every round's true arrivals so far at each post (see
	// PostArrivals), and the day foreseen, if any.
	arrived   PostArrivals
	foresight *PostArrivals
	// Per post, the sensed reading the round before last saw (its time and
	// Joined) and the rate since: a round's arrivals are those of every
	// reading since the round before, not of the last one alone, which a
	// wave of guests (a bus, the lunch hour) can miss or be all of.
	seenAt   []sim.Time
	seenJoin []float64
	seenRate []float64
}

// PostArrivals is what a day's rounds saw truly arrive at each post: Cum[r][k]
// is the guests who had joined post k's line by round r (the rounds are
// Every apart from Start). It is how a rehearsal of a day tells the oracle
// what is to come (see SetForesight).
type PostArrivals struct {
	Start, Every sim.Time
	Cum          [][]float64
}

// rate is the arrivals per minute at post k in the round interval that
// holds t, or the last one the day had; 0 with fewer than two rounds.
func (a *PostArrivals) rate(k int, t sim.Time) float64 {
	n := len(a.Cum)
	if n < 2 {
		return 0
	}
	j := min(max(int((t-a.Start)/a.Every), 0), n-2)
	return (a.Cum[j+1][k] - a.Cum[j][k]) / a.Every.Minutes()
}

// Event kinds of the operations loop.
const evDecide sim.Kind = 0

type opsHandler struct{ p *Park }

func (h opsHandler) Handle(e *sim.Engine, ev sim.Event) {
	switch ev.Kind {
	case evDecide:
		h.p.decide(e)
	default:
		unknown("operations", ev)
	}
}

// SetPolicy makes pol decide the park's staff moves from opening to
// closing; with truth, pol is fed the true lines and arrivals (the oracle:
// an upper bound, never a policy a park can run; see SetForesight). Call it once, before the day
// runs. Without a roster nobody can be moved: it is an error for any
// policy but the static one.
func (p *Park) SetPolicy(e *sim.Engine, pol staffing.Policy, truth bool) error {
	if p.ops != nil {
		return fmt.Errorf("park %q has a staffing policy already", p.cfg.Name)
	}
	if p.staff == nil && pol.Name() != StaticPolicy {
		return fmt.Errorf("park %q has no roster of staff ([[staff]]), so the %s policy has nobody to move", p.cfg.Name, pol.Name())
	}
	o := &operations{policy: pol, truth: truth, on: opsHandler{p}, arrived: PostArrivals{Start: p.cfg.Open + DecideEvery, Every: DecideEvery}}
	p.ops = o
	p.policyName = pol.Name()
	if truth {
		p.policyName = OraclePolicy
	}
	if p.staff == nil {
		return nil
	}
	p.prepareObservation(o)
	first := p.cfg.Open + DecideEvery
	if first > e.Now() {
		e.Schedule(first, o.on, sim.Event{Kind: evDecide})
	}
	return nil
}

// SetForesight gives the oracle (a policy set with truth) the arrivals a
// rehearsal of the same day saw (its TrueArrivals): each round, every
// post's Forecast is what the rehearsal saw arrive over the horizon from
// then. Call it after SetPolicy, before the day runs.
func (p *Park) SetForesight(a PostArrivals) error {
	o := p.ops
	if o == nil || !o.truth {
		return fmt.Errorf("park %q: only the oracle (a policy fed the truth) may see the day ahead", p.cfg.Name)
	}
	for _, row := range a.Cum {
		if len(row) != len(p.posts) {
			return fmt.Errorf("park %q: the day foreseen has %d posts, the park %d", p.cfg.Name, len(row), len(p.posts))
		}
	}
	if a.Every <= 0 {
		return fmt.Errorf("park %q: the day foreseen has rounds %v apart", p.cfg.Name, a.Every)
	}
	o.foresight = &a
	return nil
}

// TrueArrivals is what the oracle's rounds saw truly arrive at each post
// so far: nothing under any other policy.
func (p *Park) TrueArrivals() PostArrivals {
	if p.ops == nil || !p.ops.truth {
		return PostArrivals{}
	}
	return p.ops.arrived
}

// trueJoined is the guests who have truly joined post k's line so far:
// those in it now and those done waiting in it (served or not).
func (p *Park) trueJoined(k int) float64 {
	done := 0.0
	if st := p.tally.staff; st != nil {
		done = float64(st.posts[k].guests)
	}
	return float64(p.TrueLine(p.posts[k].ID)) + done
}

// prepareObservation sets up what the loop's observations share: each
// member's skills as posts, the rules and the walks.
func (p *Park) prepareObservation(o *operations) {
	o.skills = make([][]int, len(p.staff.members))
	o.breaks = make([][]staffing.Break, len(p.staff.members))
	o.start = make([]int, len(p.staff.members))
	for i := range p.staff.members {
		m := &p.staff.members[i]
		for k := range p.posts {
			if p.skilled(m, k) {
				o.skills[i] = append(o.skills[i], k)
			}
		}
		for _, b := range m.cfg.Breaks {
			o.breaks[i] = append(o.breaks[i], staffing.Break{At: b.At, Length: b.Length})
		}
		o.start[i] = p.postIndex[m.cfg.Post]
	}
	o.obs.Rules = staffing.Rules{MinStay: p.staff.cfg.MinStay, Horizon: Horizon}
	o.obs.Walk = func(from, to int) sim.Time {
		if from < 0 {
			return 0
		}
		return p.staffWalk(from, to)
	}
}

// decide runs one round of the loop.
func (p *Park) decide(e *sim.Engine) {
	o := p.ops
	now := e.Now()
	if now >= p.cfg.Close {
		return
	}
	for _, mv := range o.policy.Decide(p.observe(o, now)) {
		// A move the roster refuses is not made, and is counted: the
		// policies check theirs with staffing.Feasible, but the roster
		// knows more (breaks, the last member on a post guests wait at).
		if err := p.MoveStaff(e, mv.Member, mv.To, mv.Reason, mv.Gain); err != nil {
			h := Happening{At: now, What: MoveRefused, Party: -1, N: -1, To: -1}
			if i, ok := p.staff.byID[mv.Member]; ok {
				h.N = int32(i)
			}
			if k, ok := p.postIndex[mv.To]; ok {
				h.To = int32(k)
			}
			p.record(h)
		}
	}
	if next := now + DecideEvery; next < p.cfg.Close {
		e.Schedule(next, o.on, sim.Event{Kind: evDecide})
	}
}

// observe builds o's observation of time now, reusing its buffers.
func (p *Park) observe(o *operations, now sim.Time) *staffing.Observation {
	obs := &o.obs
	obs.Now = now
	if len(obs.Posts) != len(p.posts) {
		obs.Posts = make([]staffing.PostView, len(p.posts))
		for k := range p.posts {
			obs.Posts[k] = p.postView(k)
		}
	}
	for k := range p.posts {
		ps := &p.posts[k]
		v := &obs.Posts[k]
		v.Staff, v.Min, v.Max = ps.Staff, ps.Min, ps.Max
		v.Walking = v.Walking[:0]
		v.Line, v.LineAt, v.ArrivalsPerMin = 0, now, 0
		if o.truth {
			p.observeTruth(o, k, v, now)
		} else if r, ok := p.view.Line(ps.ID); ok {
			v.Line, v.LineAt, v.ArrivalsPerMin = r.Guests, r.At, o.sensedRate(k, r)
		}
		v.Burst = 0
		if ps.Kind == PostTurnstiles || ps.Kind == PostBagCheck {
			v.Burst = p.entryBurst(now, v.ArrivalsPerMin)
		}
	}
	if o.truth && o.policy != nil {
		row := make([]float64, len(p.posts))
		for k := range p.posts {
			row[k] = p.trueJoined(k)
		}
		o.arrived.Cum = append(o.arrived.Cum, row)
	}
	s := p.staff
	if len(obs.Members) != len(s.members) {
		obs.Members = make([]staffing.MemberView, len(s.members))
	}
	for i := range s.members {
		m := &s.members[i]
		v := &obs.Members[i]
		*v = staffing.MemberView{ID: m.cfg.ID, Skills: o.skills[i], Post: int(m.post), Since: m.since,
			MovesLeft: max(s.cfg.MovesPerDay-m.moves, 0), ShiftStart: m.cfg.From, ShiftEnd: m.cfg.To,
			Breaks: o.breaks[i][min(m.next, len(o.breaks[i])):], Start: -1}
		switch m.duty {
		case OnPost:
			v.State = staffing.Working
			// A member may move again once its min stay is over: the
			// policy reads that as having been at its post since
			// settled − MinStay.
			v.Since = min(m.since, m.settled-s.cfg.MinStay)
		case StandingBy:
			v.State = staffing.Working
		case WalkingTo:
			v.State, v.Since = staffing.Walking, s.moves[m.walk].Arrive
			pv := &obs.Posts[m.post]
			pv.Walking = append(pv.Walking, v.Since)
		case OnBreak:
			v.State = staffing.OnBreak
			if b := m.next - 1; b >= 0 && b < len(m.cfg.Breaks) {
				v.Since = min(m.since+m.cfg.Breaks[b].Length, m.cfg.To)
			}
		default:
			v.State, v.Post = staffing.OffShift, -1
			if m.since == 0 && m.cfg.To > now { // its shift has not begun
				v.Start = o.start[i]
			}
		}
	}
	for k := range obs.Posts {
		slices.Sort(obs.Posts[k].Walking)
	}
	return obs
}

// sensedRate is post k's arrivals a minute as sensed since the round
// before: what its line's readings since then add up to (the last
// reading's own rate at the first round, and while no new reading came).
func (o *operations) sensedRate(k int, r LineReading) float64 {
	if o.seenAt == nil {
		n := len(o.obs.Posts)
		o.seenAt, o.seenJoin, o.seenRate = make([]sim.Time, n), make([]float64, n), make([]float64, n)
		for i := range o.seenAt {
			o.seenAt[i] = -1
		}
	}
	switch {
	case o.seenAt[k] < 0:
		o.seenRate[k] = r.ArrivalsPerHour / 60
	case r.At > o.seenAt[k]:
		o.seenRate[k] = max(r.Joined-o.seenJoin[k], 0) / (r.At - o.seenAt[k]).Minutes()
	}
	o.seenAt[k], o.seenJoin[k] = r.At, r.Joined
	return o.seenRate[k]
}

// burstWindow is how far back the entry's bus loads are counted.
const burstWindow = 30 * sim.Minute

// entryBurst is how many guests reach the entry together, as a guest sees
// it (the mean, over the guests arriving, of the group each came with),
// over the last burstWindow: each bus brings its riders at once (its
// band taps count them), the rest, perMin a minute in all, come one by
// one. It is 0 when nothing came.
func (p *Park) entryBurst(now sim.Time, perMin float64) float64 {
	var bus, squares float64
	for i := len(p.busLoads) - 1; i >= 0; i-- {
		b := p.busLoads[i]
		if b.arrive > now {
			continue
		}
		if b.arrive <= now-burstWindow {
			break
		}
		g := float64(b.guests)
		bus += g
		squares += g * g
	}
	alone := max(perMin*burstWindow.Minutes()-bus, 0)
	if bus+alone <= 0 {
		return 0
	}
	return (squares + alone) / (bus + alone)
}

// observeTruth fills post k's view v with the truth, for the oracle: its
// true line, its true arrivals a minute since the round before (the
// sensed rate at the first round), and with foresight the arrivals a
// rehearsal of the day saw over the horizon.
func (p *Park) observeTruth(o *operations, k int, v *staffing.PostView, now sim.Time) {
	v.Line = float64(p.TrueLine(p.posts[k].ID))
	if n := len(o.arrived.Cum); n > 0 {
		v.ArrivalsPerMin = max(p.trueJoined(k)-o.arrived.Cum[n-1][k], 0) / DecideEvery.Minutes()
	} else if r, ok := p.view.Line(p.posts[k].ID); ok {
		v.ArrivalsPerMin = r.ArrivalsPerHour / 60
	}
	if f := o.foresight; f != nil {
		minutes := int(Horizon / sim.Minute)
		if cap(v.Forecast) < minutes {
			v.Forecast = make([]float64, minutes)
		}
		v.Forecast = v.Forecast[:minutes]
		for i := range v.Forecast {
			v.Forecast[i] = f.rate(k, now+sim.Time(i)*sim.Minute)
		}
	}
}

// postView is what does not change about post k through the day: its id,
// kind and zone, and how fast its staff serve.
func (p *Park) postView(k int) staffing.PostView {
	ps := &p.posts[k]
	v := staffing.PostView{ID: ps.ID, Kind: ps.Kind, Zone: ps.Zone}
	size := p.cfg.Arrivals.PartySize.Mean() // the sensed lines count guests; most services take a party
	perMin := func(d sim.Dist, guests float64) float64 {
		if d == nil || d.Mean() <= 0 {
			return 0
		}
		return guests * float64(sim.Minute) / d.Mean()
	}
	venue := ps.ID[:strings.IndexByte(ps.ID, '/')]
	attraction := func() *Attraction {
		return &p.cfg.Attractions[slices.IndexFunc(p.cfg.Attractions, func(a Attraction) bool { return a.ID == venue })]
	}
	switch ps.Kind {
	case PostCrew:
		a := attraction()
		v.CapacityPerHour = make([]float64, ps.Max+1)
		for n := range v.CapacityPerHour {
			if n >= max(a.CrewMin, 1) {
				v.CapacityPerHour[n] = a.HourlyCapacity() * float64(min(n, a.CrewFull)) / float64(a.CrewFull)
			}
		}
	case PostServers:
		v.ServiceRate = perMin(attraction().Service, size)
	case PostRegisters:
		r := slices.IndexFunc(p.cfg.Restaurants, func(r Restaurant) bool { return r.ID == venue })
		v.ServiceRate = perMin(p.cfg.Restaurants[r].Order, size)
	case PostClerks, PostPhotographers:
		m := slices.IndexFunc(p.cfg.Merchants, func(m Merchant) bool { return m.ID == venue })
		v.ServiceRate = perMin(p.cfg.Merchants[m].Serve, size)
	case PostTurnstiles:
		v.ServiceRate = perMin(p.cfg.Entry.Service, 1)
	case PostBagCheck:
		v.ServiceRate = perMin(p.cfg.Entry.BagTime, size)
	case PostDesk:
		v.ServiceRate = perMin(p.cfg.Bands.RelationsTime, 1)
	}
	return v
}

// DemandProbe is a policy that moves nobody and notes, per post and hour
// from opening, the arrivals the sensed view saw, and each post's line at
// its first round: the history a planner makes a schedule from (see
// PlannedPolicy).
type DemandProbe struct {
	open    sim.Time
	sum     [][]float64 // per post and hour: arrivals per minute, summed over rounds
	rounds  []int       // per hour
	opening []float64   // per post: the line at the first round
}

// NewDemandProbe makes a probe for a day open from open to close.
func NewDemandProbe(open, close sim.Time) *DemandProbe {
	hours := int((close - open + sim.Hour - 1) / sim.Hour)
	return &DemandProbe{open: open, rounds: make([]int, hours)}
}

// Name is the static policy's: the probe moves nobody.
func (d *DemandProbe) Name() string { return StaticPolicy }

// Decide notes the observation's arrivals.
func (d *DemandProbe) Decide(obs *staffing.Observation) []staffing.Move {
	h := int((obs.Now - d.open) / sim.Hour)
	if h < 0 || h >= len(d.rounds) {
		return nil
	}
	if d.sum == nil {
		d.sum = make([][]float64, len(obs.Posts))
		d.opening = make([]float64, len(obs.Posts))
		for k := range d.sum {
			d.sum[k] = make([]float64, len(d.rounds))
			d.opening[k] = obs.Posts[k].Line
		}
	}
	for k := range obs.Posts {
		d.sum[k][h] += obs.Posts[k].ArrivalsPerMin
	}
	d.rounds[h]++
	return nil
}

// Demand is what a day is expected to bring each post, as a planner reads
// it from the days before.
type Demand struct {
	PerHour [][]float64 // per post and hour from opening, the guests joining its line
	Opening []float64   // per post, the guests in its line just after opening (the gates' crowd waiting to get in)
}

// Demand is, per post and hour, the guests that joined its line in the
// hour as sensed (the mean rate over the hour's rounds), and the line at
// the first round.
func (d *DemandProbe) Demand() Demand {
	out := Demand{PerHour: make([][]float64, len(d.sum)), Opening: slices.Clone(d.opening)}
	for k := range d.sum {
		out.PerHour[k] = make([]float64, len(d.rounds))
		for h, n := range d.rounds {
			if n > 0 {
				out.PerHour[k][h] = d.sum[k][h] / float64(n) * 60
			}
		}
	}
	return out
}

// PlannedPolicy makes the planned schedule of the day from the demand
// expected (see DemandProbe): call it before the day runs.
func (p *Park) PlannedPolicy(demand Demand) (staffing.Policy, error) {
	if p.staff == nil {
		return nil, fmt.Errorf("park %q has no roster of staff ([[staff]]), so a planned schedule has nobody to place", p.cfg.Name)
	}
	if len(demand.PerHour) != len(p.posts) || demand.Opening != nil && len(demand.Opening) != len(p.posts) {
		return nil, fmt.Errorf("the demand covers %d posts, the park has %d", len(demand.PerHour), len(p.posts))
	}
	o := &operations{} // the day's first observation, from a loop never started
	p.prepareObservation(o)
	day := p.observe(o, p.cfg.Open)
	for k := range demand.Opening {
		day.Posts[k].Line = demand.Opening[k]
	}
	return staffing.NewPlanned(day, p.cfg.Open, demand.PerHour)
}

// TrueLine is how many guests are truly in the line of post id now: the
// truth, for reports and tests; a policy sees only the sensed view (or, as
// the oracle, what SetPolicy's truth gives it). It is 0 for a post whose
// line the park does not sense.
func (p *Park) TrueLine(id string) int {
	l, ok := p.view.lineOf[id]
	if !ok {
		return 0
	}
	guests, _ := p.trueLine(l)
	return guests
}
