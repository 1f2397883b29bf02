package park

import "parksim/sim"

// checkedMember is what the checker knows of one roster member.
type checkedMember struct {
	duty    Duty
	post    int32    // the post of its duty; -1 off shift
	moves   int      // moves made
	breaks  int      // breaks begun
	settled sim.Time // when its min stay at the post it moved to is over
	moving  bool     // a StaffMoved was seen and its walk has not begun
	dest    int32    // the post of that move
	arrived bool     // walking: its StaffArrived was seen
	arrive  sim.Time // walking: when the move said it would arrive
}

// checkedRoster is what the checker knows of the roster.
type checkedRoster struct {
	cfg     *Roster
	members []checkedMember
	base    []int32 // per post, staff who are not members
	at      []int32 // per post, members on it
	walking []int32 // per post, members walking to it
}

// newCheckedRoster copies the roster's state as the day starts.
func newCheckedRoster(p *Park) *checkedRoster {
	s := p.staff
	if s == nil {
		return nil
	}
	n := len(p.posts)
	c := &checkedRoster{cfg: s.cfg, members: make([]checkedMember, len(s.members)), base: append([]int32(nil), s.base...), at: make([]int32, n), walking: make([]int32, n)}
	for i := range s.members {
		m := &s.members[i]
		c.members[i] = checkedMember{duty: m.duty, post: -1}
		if m.duty != OffShift {
			c.members[i].post = m.post
		}
		if m.duty == OnPost {
			c.at[m.post]++
		}
	}
	return c
}

// member returns h's member, failing if there is none.
func (c *Checker) member(h *Happening) *checkedMember {
	if c.roster == nil || h.N < 0 || int(h.N) >= len(c.roster.members) {
		c.fail(h, "headcount", "%s of no roster member (#%d)", h.What, h.N)
		return nil
	}
	return &c.roster.members[h.N]
}

// post reports whether k is one of the park's posts, failing if not.
func (c *Checker) post(h *Happening, rule string, k int32) bool {
	if k < 0 || int(k) >= len(c.staff) {
		c.fail(h, rule, "no such post (#%d)", k)
		return false
	}
	return true
}

// headcount checks that post k's staff are its members on it and the
// staff who are not members.
func (c *Checker) headcount(h *Happening, k int32) {
	r := c.roster
	if k >= 0 && r.base[k]+r.at[k] != c.staff[k] {
		c.fail(h, "headcount", "%s has %d staff, but %d members on it and %d others", c.p.posts[k].ID, c.staff[k], r.at[k], r.base[k])
	}
}

// dutyChanged checks and applies a member's change of duty: every member
// is in exactly one duty, changes it only as the roster allows, and every
// post's staff is its members on it (and the staff who are not members).
func (c *Checker) dutyChanged(h *Happening) {
	m := c.member(h)
	if m == nil {
		return
	}
	r := c.roster
	cfg := &r.cfg.Members[h.N]
	if h.Duty >= nDuties {
		c.fail(h, "headcount", "no such duty (%d)", h.Duty)
		return
	}
	to := h.To
	if h.Duty == OffShift {
		to = -1
	} else if !c.post(h, "headcount", to) {
		return
	}
	onShift := h.At >= cfg.From && h.At < cfg.To
	was := m.duty
	bad := ""
	switch h.Duty {
	case OffShift:
		if h.At < cfg.To || was == OffShift {
			bad = "off shift before its shift ends at " + cfg.To.Clock()
		}
	case OnPost, StandingBy:
		switch {
		case !onShift && !(was == OnBreak && h.Duty == OnPost && h.At >= cfg.To):
			bad = "at a post outside its shift"
		case was == WalkingTo && !m.arrived:
			bad = "at a post before its walk is over"
		case was == WalkingTo && to != m.post, was == OnBreak && to != m.post, was == StandingBy && to != m.post:
			bad = "at another post than its own"
		case was == OffShift && m.breaks > 0:
			bad = "back on shift after its shift ended"
		case was == h.Duty:
			bad = "already " + was.String()
		case was == OnPost && h.Duty == StandingBy:
			bad = "standing by at the post it staffs"
		}
	case WalkingTo:
		if !m.moving || to != m.dest {
			bad = "walking without a move there"
		}
	case OnBreak:
		if (was != OnPost && was != StandingBy) || to != m.post || !onShift {
			bad = "on a break while " + was.String()
		}
	}
	if bad != "" {
		c.fail(h, "headcount", "member %s is %s: %s", c.p.MemberID(int(h.N)), h.Duty, bad)
		return
	}
	if was == OffShift && h.Duty != OffShift && cfg.Post != c.p.posts[to].ID {
		c.fail(h, "headcount", "member %s began its shift at %s, not its start post %s", c.p.MemberID(int(h.N)), c.p.posts[to].ID, cfg.Post)
		return
	}
	old := m.post
	if was == OnPost {
		r.at[old]--
	}
	if was == WalkingTo {
		r.walking[old]--
	}
	if h.Duty == OnPost {
		r.at[to]++
	}
	if h.Duty == OnBreak {
		m.breaks++
	}
	if h.Duty == OffShift {
		m.breaks = len(cfg.Breaks) + 1 // its day is over
	}
	m.duty, m.post, m.moving = h.Duty, to, false
	if h.Duty != WalkingTo {
		m.arrived = false
	}
	c.headcount(h, old)
	if c.err == nil && to != old {
		c.headcount(h, to)
	}
}

// staffMoved checks a move: the member is on shift at a post it may leave,
// has the skill for the new one and moves to spare, its min stay is over,
// the new post has room counting those walking to it, and the walk is over
// before its next break.
func (c *Checker) staffMoved(h *Happening) {
	m := c.member(h)
	if m == nil || !c.post(h, "move", h.From) || !c.post(h, "move", h.To) {
		return
	}
	r := c.roster
	cfg := &r.cfg.Members[h.N]
	id := c.p.MemberID(int(h.N))
	k := h.To
	bad := ""
	switch {
	case m.duty != OnPost && m.duty != StandingBy:
		bad = "it is " + m.duty.String()
	case h.From != m.post || h.To == h.From:
		bad = "it is at " + c.p.posts[m.post].ID
	case h.At >= cfg.To:
		bad = "its shift is over"
	case !c.p.skilled(&c.p.staff.members[h.N], int(k)):
		bad = "it has no skill for it"
	case h.At < m.settled:
		bad = "its min stay runs until " + m.settled.Clock()
	case m.moves >= r.cfg.MovesPerDay:
		bad = "it has made its moves of the day"
	case c.staff[k]+r.walking[k] >= c.most[k]:
		bad = "the post is full"
	case h.Until < h.At:
		bad = "it arrives before it leaves"
	}
	if bad == "" {
		for _, b := range cfg.Breaks[min(m.breaks, len(cfg.Breaks)):] {
			if b.At >= h.At {
				if h.Until >= b.At {
					bad = "its walk runs into its break at " + b.At.Clock()
				}
				break
			}
		}
	}
	if bad != "" {
		c.fail(h, "move", "member %s sent from %s to %s: %s", id, c.p.posts[h.From].ID, c.p.posts[k].ID, bad)
		return
	}
	m.moves++
	m.moving, m.arrive, m.dest = true, h.Until, k
	r.walking[k]++
}

// staffArrived checks a member's arrival at the end of its walk.
func (c *Checker) staffArrived(h *Happening) {
	m := c.member(h)
	if m == nil {
		return
	}
	if m.duty != WalkingTo || h.To != m.post || h.At != m.arrive || m.arrived {
		c.fail(h, "move", "member %s arrived at post #%d while %s", c.p.MemberID(int(h.N)), h.To, m.duty)
		return
	}
	m.arrived = true
	m.settled = h.At + c.roster.cfg.MinStay
}

// endRoster checks, at the day's end, that every member has gone home and
// every post's staff are its members and the others.
func (c *Checker) endRoster(h *Happening) {
	r := c.roster
	if r == nil {
		return
	}
	for i := range r.members {
		if r.members[i].duty != OffShift {
			h.N = int32(i)
			c.fail(h, "headcount", "the day is over and member %s is still %s", c.p.MemberID(i), r.members[i].duty)
			return
		}
	}
	for k := range c.staff {
		if c.headcount(h, int32(k)); c.err != nil {
			return
		}
	}
}
