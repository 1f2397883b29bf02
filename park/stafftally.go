package park

import "parksim/sim"

// staffTally is the roster's figures, counted from its happenings.
type staffTally struct {
	members []memberTally
	posts   []postTally
	moves   int
	refused int
	// postOf is, per kind of place and its index, the post whose line it
	// is (-1: none): a ride's crew or servers, a restaurant's registers, a
	// merchant's clerks or photographers, the turnstiles, the bag check,
	// guest relations.
	postOf [nPlaceKinds][]int32
	waits  sim.Sample // every guest's wait in the line of a post, ms
}

// memberTally is one member's day: its duty now and the time it spent in
// each.
type memberTally struct {
	duty  Duty
	since sim.Time
	spent [nDuties]sim.Time
	moves int
}

// postTally is one post's staff over the park's opening hours.
type postTally struct {
	staff   int32
	since   sim.Time
	staffed sim.Time // with at least one on it
	level   float64  // staff × ms
	all     float64  // staff × ms over the whole day, not only while open
	guests  int64    // guests who waited in its line (served or not)
	waited  float64  // their waits added up, guest × ms
}

// initStaff sizes the roster's figures from the members' and posts' state
// at the day's start, once both are made; without a roster there are none.
func (t *tally) initStaff() {
	p := t.p
	if p.staff == nil {
		return
	}
	st := &staffTally{members: make([]memberTally, len(p.staff.members)), posts: make([]postTally, len(p.posts))}
	for i := range p.staff.members {
		st.members[i].duty = p.staff.members[i].duty
	}
	st.postOf[AtRide] = make([]int32, len(p.cfg.Attractions))
	st.postOf[AtRegisters] = make([]int32, len(p.cfg.Restaurants))
	st.postOf[AtMerchant] = make([]int32, len(p.cfg.Merchants))
	for _, kind := range [...]PlaceKind{AtGates, AtBagCheck, AtDeskPlace} {
		st.postOf[kind] = make([]int32, 1)
	}
	for kind := range st.postOf {
		for i := range st.postOf[kind] {
			st.postOf[kind][i] = -1
		}
	}
	for k := range p.posts {
		st.posts[k].staff = int32(p.posts[k].Staff)
		v := p.postVenue[k]
		switch p.posts[k].Kind {
		case PostCrew, PostServers:
			st.postOf[AtRide][v] = int32(k)
		case PostRegisters:
			st.postOf[AtRegisters][v] = int32(k)
		case PostClerks, PostPhotographers:
			st.postOf[AtMerchant][v] = int32(k)
		case PostTurnstiles:
			st.postOf[AtGates][0] = int32(k)
		case PostBagCheck:
			st.postOf[AtBagCheck][0] = int32(k)
		case PostDesk:
			st.postOf[AtDeskPlace][0] = int32(k)
		}
	}
	t.staff = st
}

// waited counts the wait of h (a Boarded, Served or Withdrew) when it
// ends a wait in the line of a post: at a ride, both lines; at a
// restaurant, its registers (not its tables). Each guest counts once.
func (st *staffTally) waited(h *Happening) {
	idx := st.postOf[h.Place.Kind]
	if int(h.Place.Index) >= len(idx) || h.N <= 0 {
		return
	}
	k := idx[h.Place.Index]
	if k < 0 || h.What == Boarded && h.Place.Kind != AtRide {
		return
	}
	pt := &st.posts[k]
	pt.guests += int64(h.N)
	pt.waited += float64(h.N) * float64(h.Wait)
	for range h.N {
		st.waits.Add(float64(h.Wait))
	}
}

// staffed counts a post's change of staff.
func (st *staffTally) staffed(p *Park, h *Happening) {
	k := int(h.Place.Index)
	if k < 0 || k >= len(st.posts) {
		return
	}
	st.posts[k].until(p, h.At)
	st.posts[k].staff = h.To
}

// until adds the post's spell at its staff up to now.
func (pt *postTally) until(p *Park, now sim.Time) {
	d := p.whileOpen(pt.since, now)
	if pt.staff > 0 {
		pt.staffed += d
	}
	pt.level += float64(pt.staff) * float64(d)
	pt.all += float64(pt.staff) * float64(now-pt.since)
	pt.since = now
}

// dutyChanged counts a member's change of duty.
func (st *staffTally) dutyChanged(h *Happening) {
	i := int(h.N)
	if i < 0 || i >= len(st.members) {
		return
	}
	m := &st.members[i]
	m.spent[m.duty] += h.At - m.since
	m.duty, m.since = h.Duty, h.At
}

// StaffSummary is the roster's day, with a roster.
type StaffSummary struct {
	Moves   int           `json:"moves"`   // moves made (each a walk from one post to another)
	Refused int           `json:"refused"` // moves the staffing policy asked for that the roster refused
	Waiting PostWaiting   `json:"waiting"` // the waits in the lines of every post, together
	Members []MemberStaff `json:"members"` // in the roster's order
	Posts   []PostStaff   `json:"posts"`   // every post, in the order of Park.Posts
}

// PostWaiting is the guests' waiting in the lines of the posts: what
// staffing changes. A guest counts once per line it waited in, served or
// not (a ride's standby and reservation lines; a restaurant's registers,
// not its tables; the turnstiles, the bag check, a checkout, a photo spot,
// guest relations).
type PostWaiting struct {
	Guests       int64   `json:"guests"`
	GuestMinutes float64 `json:"guest_minutes"` // every such wait, added up
	MeanMinutes  float64 `json:"mean_minutes"`
	P95Minutes   float64 `json:"p95_minutes"`
}

// MemberStaff is one roster member's day, in minutes of each duty.
type MemberStaff struct {
	ID             string  `json:"id"`
	PostMinutes    float64 `json:"post_minutes"`    // staffing a post
	WalkingMinutes float64 `json:"walking_minutes"` // walking between posts
	BreakMinutes   float64 `json:"break_minutes"`   // on breaks
	StandbyMinutes float64 `json:"standby_minutes"` // standing by at a full post
	Utilisation    float64 `json:"utilisation"`     // share of its working time (at posts, walking, standing by; not breaks) at a post
	Moves          int     `json:"moves"`
}

// PostStaff is one post's staff over the park's opening hours.
type PostStaff struct {
	ID             string  `json:"id"`
	StaffedMinutes float64 `json:"staffed_minutes"` // between opening and closing, with at least one on it
	MeanStaff      float64 `json:"mean_staff"`      // its staff on average between opening and closing
	StaffMinutes   float64 `json:"staff_minutes"`   // staff × minutes on it over the whole day
	// Utilisation is the share of its staff's time on it spent serving
	// (a register, a checkout, a photo spot, a turnstile, a bag screener,
	// a desk, a station's server); absent for a ride's crew, whose loading
	// the attraction's seats and empty seats tell.
	Utilisation  *float64 `json:"utilisation,omitempty"`
	Guests       int64    `json:"guests"`        // guests who waited in its line, served or not
	GuestMinutes float64  `json:"guest_minutes"` // their waits, added up
}

// staffSummary is the roster's figures as of now (the day's end, or where
// a run stopped): spells under way count up to now.
func (t *tally) staffSummary(now sim.Time) *StaffSummary {
	st := t.staff
	if st == nil {
		return nil
	}
	p := t.p
	s := &StaffSummary{Moves: st.moves, Refused: st.refused, Members: make([]MemberStaff, len(st.members)), Posts: make([]PostStaff, len(st.posts))}
	for i := range st.members {
		m := st.members[i]
		m.spent[m.duty] += max(now-m.since, 0)
		ms := MemberStaff{ID: p.MemberID(i), PostMinutes: m.spent[OnPost].Minutes(), WalkingMinutes: m.spent[WalkingTo].Minutes(),
			BreakMinutes: m.spent[OnBreak].Minutes(), StandbyMinutes: m.spent[StandingBy].Minutes(), Moves: m.moves}
		if working := m.spent[OnPost] + m.spent[WalkingTo] + m.spent[StandingBy]; working > 0 {
			ms.Utilisation = float64(m.spent[OnPost]) / float64(working)
		}
		s.Members[i] = ms
	}
	open := p.cfg.Close - p.cfg.Open
	for k := range st.posts {
		pt := st.posts[k]
		pt.until(p, now)
		ps := PostStaff{ID: p.posts[k].ID, StaffedMinutes: pt.staffed.Minutes(), MeanStaff: pt.level / float64(open),
			StaffMinutes: pt.all / float64(sim.Minute), Guests: pt.guests, GuestMinutes: pt.waited / float64(sim.Minute)}
		if busy, ok := p.postBusy(k, now); ok {
			u := 0.0
			if pt.all > 0 {
				u = min(busy/pt.all, 1) // staff leaving finish the party they serve
			}
			ps.Utilisation = &u
		}
		s.Posts[k] = ps
		s.Waiting.Guests += pt.guests
		s.Waiting.GuestMinutes += ps.GuestMinutes
	}
	if n := st.waits.Count(); n > 0 {
		s.Waiting.MeanMinutes = st.waits.Mean() / float64(sim.Minute)
		s.Waiting.P95Minutes = st.waits.Quantile(0.95) / float64(sim.Minute)
	}
	return s
}

// postBusy is the busy staff × ms on post k from the day's start to now,
// for the posts whose staff serve one party each (not a ride's crew).
func (p *Park) postBusy(k int, now sim.Time) (float64, bool) {
	if p.posts[k].Kind == PostServers {
		return p.rides[p.postVenue[k]].busyTime(now), true
	}
	res := p.postResource(k)
	if res == nil {
		return 0, false
	}
	return res.Stats(now).MeanBusy * float64(now), true
}

// postResource is the servers post k staffs, where they are a resource
// (every post but a ride's crew and a station's servers).
func (p *Park) postResource(k int) *sim.Resource {
	v := p.postVenue[k]
	switch p.posts[k].Kind {
	case PostRegisters:
		return p.diners[v].registers
	case PostClerks, PostPhotographers:
		return p.shops[v].staff
	case PostTurnstiles:
		return p.gates
	case PostBagCheck:
		return p.bags
	case PostDesk:
		return p.bands.desk
	}
	return nil
}
