package park

import "parksim/sim"

// staffTally is the roster's figures, counted from its happenings.
type staffTally struct {
	members []memberTally
	posts   []postTally
	moves   int
	refused int
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
	for k := range p.posts {
		st.posts[k].staff = int32(p.posts[k].Staff)
	}
	t.staff = st
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
	Members []MemberStaff `json:"members"` // in the roster's order
	Posts   []PostStaff   `json:"posts"`   // every post, in the order of Park.Posts
}

// MemberStaff is one roster member's day, in minutes of each duty.
type MemberStaff struct {
	ID             string  `json:"id"`
	PostMinutes    float64 `json:"post_minutes"`    // staffing a post
	WalkingMinutes float64 `json:"walking_minutes"` // walking between posts
	BreakMinutes   float64 `json:"break_minutes"`   // on breaks
	StandbyMinutes float64 `json:"standby_minutes"` // standing by at a full post
	Moves          int     `json:"moves"`
}

// PostStaff is one post's staff over the park's opening hours.
type PostStaff struct {
	ID             string  `json:"id"`
	StaffedMinutes float64 `json:"staffed_minutes"` // between opening and closing, with at least one on it
	MeanStaff      float64 `json:"mean_staff"`      // its staff on average between opening and closing
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
		s.Members[i] = MemberStaff{ID: p.MemberID(i), PostMinutes: m.spent[OnPost].Minutes(), WalkingMinutes: m.spent[WalkingTo].Minutes(),
			BreakMinutes: m.spent[OnBreak].Minutes(), StandbyMinutes: m.spent[StandingBy].Minutes(), Moves: m.moves}
	}
	open := p.cfg.Close - p.cfg.Open
	for k := range st.posts {
		pt := st.posts[k]
		pt.until(p, now)
		s.Posts[k] = PostStaff{ID: p.posts[k].ID, StaffedMinutes: pt.staffed.Minutes(), MeanStaff: pt.level / float64(open)}
	}
	return s
}
