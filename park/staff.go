package park

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"parksim/sim"
)

// Roster is the park's staff as people: members who stand at posts, walk
// between them, take breaks and go home. Without one (Config.Roster nil)
// every post keeps the staff its keys give all day, unless SetStaff changes
// it.
//
// With one, a post that is some member's start post (a roster post) has
// for staff the members at it, and nobody else; every other post keeps the
// staff its keys give, plus any member who moves to it. A post's Max, from
// its keys, still bounds it: a member never joins a full post.
type Roster struct {
	MinStay     sim.Time // a moved member stays at least this long at the post it moved to before it may move again
	MovesPerDay int      // each member's moves a day
	WalkSpeed   float64  // metres a second, along the layout's paths
	Members     []StaffMember
}

// Defaults of a roster's keys.
const (
	DefaultMinStay     = 30 * sim.Minute
	DefaultMovesPerDay = 6
	DefaultStaffWalk   = 1.2
)

// StaffMember is one member of the roster, as the scenario describes it.
type StaffMember struct {
	ID       string
	Skills   []string // post kinds by their slug ("crew", "bag-check"; see PostKindSlugs) or post ids ("space-coaster/crew")
	Post     string   // the post it starts its shift at; one of its skills
	From, To sim.Time // its shift: it appears at Post at From and goes home at To
	Breaks   []StaffBreak
}

// StaffBreak is a break in a member's shift: from At, for Length. A
// member's breaks are in time order, apart from each other, and within its
// shift.
type StaffBreak struct {
	At, Length sim.Time
}

// PostKindSlugs are the post kinds as a roster's skills name them, in
// PostKind order.
func PostKindSlugs() []string { return postKindSlugs[:] }

// Duty is what a member of the roster is doing: exactly one thing at a time.
type Duty uint8

const (
	OffShift   Duty = iota // its shift has not begun, or is over
	OnPost                 // staffing its post
	WalkingTo              // walking to its post, moved there
	OnBreak                // on a break from its post: it comes back to it
	StandingBy             // at its post with no room on it (its shift began, or its break ended, with the post full): it joins when a place frees
	nDuties
)

var dutyNames = [nDuties]string{"off shift", "at post", "walking", "on break", "standing by"}

func (d Duty) String() string {
	if d < nDuties {
		return dutyNames[d]
	}
	return "duty?"
}

// Member is a roster member as a staffing policy reads it.
type Member struct {
	ID        string
	Skills    []string // shared with the configuration: do not change
	Duty      Duty
	Post      string   // the post it is at, walks to, is on break from or stands by at; "" off shift
	Since     sim.Time // when its duty began
	MovesLeft int
	Settled   sim.Time // the earliest time its min stay lets it move again
	ShiftEnd  sim.Time
	NextBreak sim.Time // when its next break begins; -1 when it has none left
}

// StaffMove is one move of a member, made by MoveStaff.
type StaffMove struct {
	At       sim.Time
	Member   int // index in the roster's members
	From, To int // posts
	Reason   string
	Gain     float64  // what the mover predicted it would gain, in its own units
	Arrive   sim.Time // when the walk is planned to end
	Arrived  bool     // it reached To (a shift that ended on the way did not)
}

// member is one roster member's state through the day.
type member struct {
	cfg     *StaffMember
	kinds   uint16  // one bit per PostKind it may staff
	posts   []int32 // posts it may staff by id, sorted
	duty    Duty
	post    int32    // the post it is at, walks to, is on break from or stands by at
	from    int32    // walking: the post it left
	since   sim.Time // when its duty began
	settled sim.Time // when its min stay at the post it moved to is over
	moves   int
	next    int    // its next break
	gen     uint32 // counts walks: an arrival of an earlier walk is stale
	walk    int    // walking: its move in staffState.moves
}

// staffState is the roster's side of the park.
type staffState struct {
	cfg       *Roster
	members   []member
	byID      map[string]int
	base      []int32 // per post, the staff that are not members: the keys' staff, 0 at a roster post
	walkingTo []int32 // per post, members walking to it
	standing  []int32 // per post, members standing by at it
	moves     []StaffMove
	on        staffHandler
}

// staffHandler handles the roster's events. Unlike the park's subsystems it
// does not stretch the span of the day's events: a shift that ends after
// the last guest has gone is no part of the guests' day.
type staffHandler struct{ p *Park }

func (h staffHandler) Handle(e *sim.Engine, ev sim.Event) { h.p.handleStaff(e, ev) }

// Event kinds of the roster, each with its member's index in the low 32
// bits of Arg (and an arrival its walk's count in the high ones).
const (
	evShiftStart sim.Kind = iota
	evShiftEnd
	evBreakStart
	evBreakEnd
	evStaffArrive
)

// rosterStart is, per roster post by id, the members that start the day on
// it: those whose shift has begun at the day's start.
func rosterStart(c *Config) map[string]int {
	if c.Roster == nil {
		return nil
	}
	start := map[string]int{}
	for _, m := range c.Roster.Members {
		start[m.Post] += 0
		if m.From <= 0 {
			start[m.Post]++
		}
	}
	return start
}

// startStaff is the staff post id starts the day with: keys, the staff its
// keys give, unless it is a roster post.
func startStaff(start map[string]int, id string, keys int) int {
	if n, ok := start[id]; ok {
		return n
	}
	return keys
}

// newStaff makes the roster's members once the posts are registered, and
// schedules their shifts and breaks.
func (p *Park) newStaff(e *sim.Engine, start map[string]int) {
	r := p.cfg.Roster
	if r == nil {
		return
	}
	n := len(p.posts)
	s := &staffState{cfg: r, byID: map[string]int{}, base: make([]int32, n), walkingTo: make([]int32, n), standing: make([]int32, n), on: staffHandler{p}}
	p.staff = s
	for k := range p.posts {
		if _, roster := start[p.posts[k].ID]; !roster {
			s.base[k] = int32(p.posts[k].Staff)
		}
	}
	s.members = make([]member, len(r.Members))
	for i := range r.Members {
		c := &r.Members[i]
		m := &s.members[i]
		m.cfg, m.post, m.from, m.since, m.settled = c, -1, -1, 0, 0
		for _, sk := range c.Skills {
			if k := slices.Index(postKindSlugs[:], sk); k >= 0 {
				m.kinds |= 1 << k
			} else if k, ok := p.postIndex[sk]; ok {
				m.posts = append(m.posts, int32(k))
			}
		}
		slices.Sort(m.posts)
		s.byID[c.ID] = i
		arg := int64(i)
		if c.From <= 0 {
			m.post, m.duty = int32(p.postIndex[c.Post]), OnPost // counted in its post's start staff
		} else {
			e.Schedule(c.From, s.on, sim.Event{Kind: evShiftStart, Arg: arg})
		}
		for _, b := range c.Breaks {
			if end := b.At + b.Length; end < c.To {
				e.Schedule(end, s.on, sim.Event{Kind: evBreakEnd, Arg: arg})
			}
		}
	}
	// Members come on (a shift, the end of a break) before others go
	// (a break, the end of a shift) at the same instant: events of a time
	// run in the order they were scheduled, so a shift handed over at
	// 16:00, or breaks that follow one another, never leave the post short.
	for i := range r.Members {
		c := &r.Members[i]
		arg := int64(i)
		for _, b := range c.Breaks {
			e.Schedule(b.At, s.on, sim.Event{Kind: evBreakStart, Arg: arg})
		}
		e.Schedule(c.To, s.on, sim.Event{Kind: evShiftEnd, Arg: arg})
	}
	// A post may start with more members than it takes only in a roster
	// built by hand: the extra ones stand by.
	for k := range p.posts {
		ps := &p.posts[k]
		for i := len(s.members) - 1; i >= 0 && ps.Staff > ps.Max; i-- {
			if m := &s.members[i]; m.post == int32(k) && m.duty == OnPost {
				m.duty = StandingBy
				s.standing[k]++
				ps.Staff--
			}
		}
	}
}

// checkRoster is the backstop for rosters built in Go (scenarios reports
// the same problems with their positions).
func (c *Config) checkRoster() error {
	r := c.Roster
	if r == nil {
		return nil
	}
	if r.MinStay < 0 || r.MovesPerDay < 0 || !(r.WalkSpeed > 0) || math.IsInf(r.WalkSpeed, 1) {
		return fmt.Errorf("park %q: the roster's min stay, moves a day and walking speed must be positive", c.Name)
	}
	posts := map[string]bool{}
	for _, ps := range c.Posts() {
		posts[ps.ID] = true
	}
	ids := map[string]bool{}
	for _, m := range r.Members {
		switch {
		case ids[m.ID]:
			return fmt.Errorf("park %q: staff member %q is listed twice", c.Name, m.ID)
		case !posts[m.Post]:
			return fmt.Errorf("park %q: staff member %q starts at %q, which is no post", c.Name, m.ID, m.Post)
		case m.From < 0 || m.To <= m.From:
			return fmt.Errorf("park %q: staff member %q has a shift that ends before it begins", c.Name, m.ID)
		}
		ids[m.ID] = true
		skilled := false
		kind := m.Post[strings.LastIndexByte(m.Post, '/')+1:]
		for _, sk := range m.Skills {
			if !posts[sk] && !slices.Contains(postKindSlugs[:], sk) {
				return fmt.Errorf("park %q: staff member %q has skill %q, which is neither a post nor a kind of post", c.Name, m.ID, sk)
			}
			skilled = skilled || sk == m.Post || sk == kind
		}
		if !skilled {
			return fmt.Errorf("park %q: staff member %q starts at %q without the skill", c.Name, m.ID, m.Post)
		}
		end := m.From
		for j, b := range m.Breaks {
			if b.At < end || j > 0 && b.At == end || b.Length <= 0 || b.At+b.Length > m.To {
				return fmt.Errorf("park %q: staff member %q has breaks out of order, overlapping or outside its shift", c.Name, m.ID)
			}
			end = b.At + b.Length
		}
	}
	return nil
}

// skilled reports whether member m may staff post k.
func (p *Park) skilled(m *member, k int) bool {
	if m.kinds&(1<<p.posts[k].Kind) != 0 {
		return true
	}
	_, ok := slices.BinarySearch(m.posts, int32(k))
	return ok
}

// Members lists the roster's members in the scenario's order (nil without
// a roster): a copy, for policies to read.
func (p *Park) Members() []Member {
	s := p.staff
	if s == nil {
		return nil
	}
	out := make([]Member, len(s.members))
	for i := range s.members {
		m := &s.members[i]
		v := Member{ID: m.cfg.ID, Skills: m.cfg.Skills, Duty: m.duty, Since: m.since, MovesLeft: max(s.cfg.MovesPerDay-m.moves, 0),
			Settled: m.settled, ShiftEnd: m.cfg.To, NextBreak: -1}
		if m.duty != OffShift {
			v.Post = p.posts[m.post].ID
		}
		if m.next < len(m.cfg.Breaks) {
			v.NextBreak = m.cfg.Breaks[m.next].At
		}
		out[i] = v
	}
	return out
}

// MemberID is the id of roster member i, as happenings name it by index.
func (p *Park) MemberID(i int) string {
	if p.staff == nil || i < 0 || i >= len(p.staff.members) {
		return fmt.Sprintf("member #%d", i)
	}
	return p.staff.members[i].cfg.ID
}

// StaffMoves is the day's moves so far, in the order they were made (the
// k-th StaffMoved happening is the k-th of them). The slice is the park's:
// read it once the day has run, or copy it.
func (p *Park) StaffMoves() []StaffMove {
	if p.staff == nil {
		return nil
	}
	return p.staff.moves
}

// MoveStaff sends roster member member to the post postID: it leaves its
// post at once (the post's staff goes down by one), walks along the
// layout's paths from its post's zone to the new one's at the roster's
// walking speed, and on arrival joins the new post (its staff goes up by
// one). A walk that would end after the member's shift ends simply ends
// its day. reason and gain (what the caller predicts the move gains, in
// its own units) are kept with the move, for staff.csv.
//
// MoveStaff refuses, with an error that says why and changes nothing, to
// move a member that is unknown, off shift, on a break or already walking;
// to a post that is unknown, that it has no skill for, or that it is at
// already; before its min stay at the post it last moved to is over;
// beyond its moves for the day; past its shift's end; off a post whose
// guests wait for staff however long it takes (see below) when it is the
// last on it; to a post that is full, counting those walking to it; or on
// a walk that would not be over before its next break begins (a break is
// taken at a post).
//
// The turnstiles, the bag check, guest relations, a checkout and a photo
// spot keep their guests in line until somebody serves them. So that a day
// always ends, the last member on such a post stays on past the end of its
// shift (back from a break that ran to it) while the park is open or some
// guest's day is not over, and goes home once somebody else is on it or
// nobody needs it; it looks again every minute.
func (p *Park) MoveStaff(e *sim.Engine, member, postID string, reason string, gain float64) error {
	s := p.staff
	if s == nil {
		return fmt.Errorf("park %q has no roster of staff to move", p.cfg.Name)
	}
	i, ok := s.byID[member]
	if !ok {
		return fmt.Errorf("no staff member %q", member)
	}
	to, ok := p.postIndex[postID]
	if !ok {
		return fmt.Errorf("staff member %q cannot move to %q: there is no such post", member, postID)
	}
	m := &s.members[i]
	now := e.Now()
	ps := &p.posts[to]
	switch {
	case m.duty == OffShift:
		return fmt.Errorf("staff member %q is off shift", member)
	case m.duty == OnBreak:
		return fmt.Errorf("staff member %q is on a break until it is over", member)
	case m.duty == WalkingTo:
		return fmt.Errorf("staff member %q is already walking to %s", member, p.posts[m.post].ID)
	case now >= m.cfg.To:
		return fmt.Errorf("staff member %q is past its shift, staying on at %s until its guests are served", member, p.posts[m.post].ID)
	case !p.skilled(m, to):
		return fmt.Errorf("staff member %q has no skill for %s (its skills are %s)", member, postID, strings.Join(m.cfg.Skills, ", "))
	case int(m.post) == to:
		return fmt.Errorf("staff member %q is at %s already", member, postID)
	case now < m.settled:
		return fmt.Errorf("staff member %q moved to %s and stays there until %s", member, p.posts[m.post].ID, hms(m.settled))
	case m.moves >= s.cfg.MovesPerDay:
		return fmt.Errorf("staff member %q has made its %d moves of the day", member, s.cfg.MovesPerDay)
	case m.duty == OnPost && p.strands(int(m.post)) && p.posts[m.post].Staff == 1:
		return fmt.Errorf("staff member %q is the last on %s, whose line would wait for nobody", member, p.posts[m.post].ID)
	case ps.Staff+int(s.walkingTo[to]) >= ps.Max:
		return fmt.Errorf("%s is full: %d staff on it and %d on their way, of the %d it may have", postID, ps.Staff, s.walkingTo[to], ps.Max)
	}
	from := int(m.post)
	arrive := now + p.staffWalk(from, to)
	if m.next < len(m.cfg.Breaks) && arrive >= m.cfg.Breaks[m.next].At {
		return fmt.Errorf("staff member %q would reach %s at %s, not before its break at %s", member, postID, hms(arrive), hms(m.cfg.Breaks[m.next].At))
	}
	if m.duty == OnPost {
		p.leavePost(e, from)
	} else {
		s.standing[from]--
	}
	m.moves++
	m.gen++
	m.from, m.post = int32(from), int32(to)
	m.walk = len(s.moves)
	s.walkingTo[to]++
	s.moves = append(s.moves, StaffMove{At: now, Member: i, From: from, To: to, Reason: reason, Gain: gain, Arrive: arrive})
	p.record(Happening{At: now, What: StaffMoved, Party: -1, N: int32(i), Place: Place{AtPost, int32(to)}, From: int32(from), To: int32(to), Until: arrive})
	p.duty(now, i, WalkingTo, arrive)
	e.Schedule(arrive, s.on, sim.Event{Kind: evStaffArrive, Arg: int64(i) | int64(m.gen)<<32})
	p.fillPost(e, from)
	return nil
}

// staffWalk is how long a member walks from post a to post b, along the
// layout's shortest route at the roster's speed.
func (p *Park) staffWalk(a, b int) sim.Time {
	metres := p.layout.Metres(p.posts[a].Zone, p.posts[b].Zone)
	return sim.Millis(metres / p.staff.cfg.WalkSpeed * float64(sim.Second))
}

// duty records that member i is now d (until when it is planned to end,
// or 0).
func (p *Park) duty(now sim.Time, i int, d Duty, until sim.Time) {
	m := &p.staff.members[i]
	m.duty, m.since = d, now
	post := m.post
	if d == OffShift {
		post = -1
	}
	h := Happening{At: now, What: DutyChanged, Party: -1, N: int32(i), Duty: d, From: m.from, To: post, Until: until}
	if post >= 0 {
		h.Place = Place{AtPost, post}
	}
	p.record(h)
}

// leavePost takes one member off post k.
func (p *Park) leavePost(e *sim.Engine, k int) {
	if err := p.setStaff(e, k, p.posts[k].Staff-1, true); err != nil {
		panic("park: a member leaves a post: " + err.Error())
	}
}

// takePost puts member i on its post if there is room, counting those
// walking to it (whose places are kept), and has it stand by there if not.
func (p *Park) takePost(e *sim.Engine, i int) {
	s := p.staff
	m := &s.members[i]
	k := int(m.post)
	ps := &p.posts[k]
	if ps.Staff+int(s.walkingTo[k]) >= ps.Max {
		s.standing[k]++
		p.duty(e.Now(), i, StandingBy, 0)
		return
	}
	if err := p.setStaff(e, k, ps.Staff+1, true); err != nil {
		panic("park: a member joins a post: " + err.Error())
	}
	p.duty(e.Now(), i, OnPost, 0)
}

// fillPost has members standing by at post k take the places free on it,
// in the roster's order, but for those whose shift ends now.
func (p *Park) fillPost(e *sim.Engine, k int) {
	s := p.staff
	for i := 0; i < len(s.members) && s.standing[k] > 0; i++ {
		ps := &p.posts[k]
		if ps.Staff+int(s.walkingTo[k]) >= ps.Max {
			return
		}
		// One whose shift ends now goes home instead (its end comes next).
		if m := &s.members[i]; m.duty == StandingBy && int(m.post) == k && m.cfg.To > e.Now() {
			s.standing[k]--
			p.takePost(e, i)
		}
	}
}

// strands reports whether guests in post k's line wait for staff however
// long it takes (the turnstiles', the bag check's, guest relations', a
// checkout's, a photo spot's): a roster never leaves such a post with
// nobody, or they might wait for ever. The other posts' guests give up, or
// are let go when the park closes.
func (p *Park) strands(k int) bool {
	switch p.posts[k].Kind {
	case PostTurnstiles, PostBagCheck, PostDesk, PostClerks, PostPhotographers:
		return true
	}
	return false
}

// overtime reports whether member i, at the end of its shift, stays on:
// it is the last on a post that strands its guests (on it, or on a break
// from it, with nobody else on it or walking to it), and the park is open
// or some party's day is not over.
func (p *Park) overtime(i int) bool {
	s := p.staff
	m := &s.members[i]
	if m.duty != OnPost && m.duty != OnBreak {
		return false
	}
	k := int(m.post)
	others := p.posts[k].Staff + int(s.walkingTo[k])
	if m.duty == OnPost {
		others--
	}
	if !p.strands(k) || others > 0 {
		return false
	}
	if p.eng.Now() >= DayEnd {
		return false
	}
	return !p.closed || p.inPark.Level() > 0 || p.postWaiting(k) > 0 || p.guestsAbout()
}

// guestsAbout reports whether any party's day is not over: it is on its
// way, in a line outside the park, at its hotel, or still to come.
func (p *Park) guestsAbout() bool {
	now := p.eng.Now()
	for i := range p.parties {
		switch pt := &p.parties[i]; pt.doing {
		case Gone:
		case Expected:
			if pt.arrive >= now {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// postWaiting is the guests (or parties) waiting in the line of post k, a
// post that strands them (see strands).
func (p *Park) postWaiting(k int) int {
	if res := p.postResource(k); res != nil && p.strands(k) {
		return res.Waiting()
	}
	return 0
}

// handleStaff is the roster's events: shifts beginning and ending, breaks,
// and walks arriving.
func (p *Park) handleStaff(e *sim.Engine, ev sim.Event) {
	s := p.staff
	i := int(uint32(ev.Arg))
	m := &s.members[i]
	now := e.Now()
	switch ev.Kind {
	case evShiftStart:
		m.post, m.from = int32(p.postIndex[m.cfg.Post]), -1
		p.takePost(e, i)
	case evShiftEnd:
		k := int(m.post)
		if p.overtime(i) {
			if m.duty == OnBreak {
				p.takePost(e, i) // back from its break, to stay on
			}
			e.Schedule(now+sim.Minute, s.on, ev)
			return
		}
		switch m.duty {
		case OnPost:
			p.leavePost(e, k)
		case StandingBy:
			s.standing[k]--
		case WalkingTo:
			s.walkingTo[k]--
			m.gen++ // its walk ends with its day
		}
		was := m.duty
		m.next = len(m.cfg.Breaks)
		p.duty(now, i, OffShift, 0)
		if was == OnPost || was == WalkingTo {
			p.fillPost(e, k)
		}
	case evBreakStart:
		if m.next >= len(m.cfg.Breaks) {
			return // its shift is over
		}
		b := m.cfg.Breaks[m.next]
		m.next++
		k := int(m.post)
		switch m.duty {
		case OnPost:
			p.leavePost(e, k)
		case StandingBy:
			s.standing[k]--
		default:
			return // off shift (MoveStaff lets no walk run into a break)
		}
		p.duty(now, i, OnBreak, min(now+b.Length, m.cfg.To)) // its end was scheduled with the day
		p.fillPost(e, k)
	case evBreakEnd:
		if m.duty == OnBreak {
			p.takePost(e, i)
		}
	case evStaffArrive:
		if m.duty != WalkingTo || uint32(ev.Arg>>32) != m.gen {
			return // its shift ended on the way
		}
		k := int(m.post)
		s.walkingTo[k]--
		s.moves[m.walk].Arrived = true
		m.settled = now + s.cfg.MinStay
		p.record(Happening{At: now, What: StaffArrived, Party: -1, N: int32(i), Place: Place{AtPost, int32(k)}, From: m.from, To: int32(k)})
		p.takePost(e, i) // its place was kept: it always has room
	default:
		unknown("staff", ev)
	}
}

// hms is t as a clock time to the second, "09:36:40".
func hms(t sim.Time) string {
	s := t.String()
	return s[:len(s)-4]
}
