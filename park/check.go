package park

import (
	"fmt"

	"parksim/sim"
	"parksim/wristband"
)

// A Checker is a recorder that holds the day to its invariants, and fails
// at the first happening that breaks one. It only looks: a day with a
// checker gives the same results as without. The rules, each named in the
// Violation that reports it:
//
//   - "time": happenings never go back in time.
//   - "one place": every guest is in exactly one place. A party goes from
//     Expected through its day to Gone, keeps its size, never comes back to
//     Expected, does nothing after Gone (but answer the survey), is never
//     in two rides' lines at once, joins a line only once it has arrived,
//     and is in no line when it goes. At the end of the day (End) every
//     party is Expected (it never came) or Gone.
//   - "line": no ride's line holds fewer than nobody. A party joins with
//     N guests, and boards or withdraws no more than it has in that line
//     (its standby or its reservation line), and only from a line it is in.
//   - "capacity": no vehicle leaves with more riders than seats.
//   - "ride down": nobody joins a ride that is not open, and nobody boards
//     one that is down. A closed ride's line still boards while it drains.
//   - "ledger": after every sale by band, the wristband system's book
//     balances (each account touched since the last sale is as its entries
//     say; End checks the whole book).
//   - "staff": a post's staff is never below zero nor above its Max, and
//     each change starts from what the post had.
//   - "headcount" (with a roster): every member is in exactly one duty
//     (off shift, at a post, walking, on a break, standing by) and changes
//     it only as a day allows: on shift only within its shift, starting at
//     its start post; back from a break or a walk to the post it left for
//     or walked to, and from a walk only once it arrived; walking only on
//     a move. After each change, and at the end, every post's staff are
//     its members on it and the staff that are not members (none at a
//     roster post), so nobody works while walking or on a break; at the
//     end every member is off shift.
//   - "move" (with a roster): a move is of a member at a post or standing
//     by, on shift, with the skill for the new post, its min stay at the
//     post it last moved to over and a move left in its day's budget, to a
//     post with room counting those walking to it, on a walk that is over
//     before its next break; it arrives when the move said, still walking.
//
// The lines checked are the rides' lines, the ones whose joins are
// recorded (Joined); the other lines are seen through the parties'
// activities.
//
// Record does no more than a few comparisons, and allocates only to grow
// its copy of the ledger's accounts, until a rule breaks; after that the
// checker ignores the rest of the day. A run
// loop that wants to stop at the first violation checks Failed after each
// event (scenarios.Day.RunChecked does).
type Checker struct {
	p   *Park
	err *Violation
	now sim.Time

	parties []checkedParty
	ended   bool

	lines  [][2]int32 // guests in each ride's standby and reservation line
	status []RideStatus

	staff, most []int32 // each post's staff and its Max
	roster      *checkedRoster

	ledger  *wristband.Ledger
	entries int               // ledger entries already checked
	books   []wristband.Cents // each account's balance as the checked entries give it
}

// checkedParty is what the checker knows of one party.
type checkedParty struct {
	doing    Activity
	size     int32
	ride     int32 // the ride whose line it is in, or -1
	priority bool  // in that ride's reservation line
	inLine   int32 // its guests still in that line
}

// NewChecker makes a checker of p's day, to be given to p.AddRecorder
// before the engine runs.
func NewChecker(p *Park) *Checker {
	c := &Checker{p: p, now: -1}
	c.parties = make([]checkedParty, len(p.parties))
	for i := range p.parties {
		c.parties[i] = checkedParty{doing: Expected, size: p.parties[i].size, ride: -1}
	}
	c.lines = make([][2]int32, len(p.rides))
	c.status = make([]RideStatus, len(p.rides))
	for a := range p.rides {
		c.status[a] = p.status(a)
	}
	for _, post := range p.posts {
		c.staff = append(c.staff, int32(post.Staff))
		c.most = append(c.most, int32(post.Max))
	}
	c.roster = newCheckedRoster(p)
	if p.bands != nil {
		c.ledger = p.bands.sys.Ledger() // its accounts open at zero: the entries give every balance
	}
	return c
}

// A Violation is the first broken rule of a day: when, which rule, who and
// where, and what was wrong.
type Violation struct {
	At     sim.Time
	Rule   string // the rule's name, as Checker lists them
	Party  int32  // the party concerned, or -1
	Guest  int32  // the party's first guest
	Place  string // the place's id, or "" when none
	Detail string
}

// Error is the violation as the command line reports it:
// "check failed at 13:04:05: line: party 12 (guest 30) at space-coaster: ...".
func (v *Violation) Error() string {
	s := v.At.String()
	s = "check failed at " + s[:len(s)-4] + ": " + v.Rule + ":"
	if v.Party >= 0 {
		s += fmt.Sprintf(" party %d (guest %d)", v.Party, v.Guest)
	}
	if v.Place != "" {
		s += " at " + v.Place
	}
	return s + ": " + v.Detail
}

// FirstGuest is the index among all guests of party i's first member: the
// guest a violation names.
func (p *Park) FirstGuest(i int) int32 { return p.parties[i].first }

// Failed is the first violation, or nil while every rule holds.
func (c *Checker) Failed() error {
	if c.err == nil {
		return nil
	}
	return c.err
}

// Count is how many guests are in activity a, as the happenings so far
// say: the guests who arrived are those inside plus those Gone.
func (c *Checker) Count(a Activity) int {
	n := 0
	for i := range c.parties {
		if c.parties[i].doing == a {
			n += int(c.parties[i].size)
		}
	}
	return n
}

// fail records the first violation.
func (c *Checker) fail(h *Happening, rule, format string, args ...any) {
	v := &Violation{At: h.At, Rule: rule, Party: -1, Detail: fmt.Sprintf(format, args...)}
	if h.Party >= 0 && int(h.Party) < len(c.p.parties) {
		v.Party, v.Guest = h.Party, c.p.parties[h.Party].first
	} else if h.Party >= 0 {
		v.Party, v.Guest = h.Party, -1
	}
	if h.Place.Kind != NoPlace {
		v.Place = c.p.PlaceID(h.Place)
	}
	c.err = v
}

// Record checks h against every rule it concerns.
func (c *Checker) Record(h Happening) {
	if c.err != nil {
		return
	}
	if h.At < c.now {
		c.fail(&h, "time", "%s at %s comes after %s", h.What.String(), h.At, c.now)
		return
	}
	c.now = h.At
	var pt *checkedParty
	if h.Party >= 0 {
		if int(h.Party) >= len(c.parties) {
			c.fail(&h, "one place", "no such party (the day has %d)", len(c.parties))
			return
		}
		pt = &c.parties[h.Party]
		if pt.doing == Gone && h.What != Surveyed {
			c.fail(&h, "one place", "the party is gone, and yet %s", c.what(&h))
			return
		}
	}
	switch h.What {
	case ActivityChanged:
		if pt == nil {
			c.fail(&h, "one place", "an activity change (%s) of no party", h.Activity)
			return
		}
		c.activity(&h, pt)
	case Joined, Boarded, Withdrew:
		if h.Place.Kind != AtRide {
			return
		}
		if pt == nil {
			c.fail(&h, "line", "%s by no party", c.what(&h))
			return
		}
		if !c.ride(&h) {
			return
		}
		switch h.What {
		case Joined:
			c.joined(&h, pt)
		case Boarded:
			c.left(&h, pt, true)
		default:
			c.left(&h, pt, false)
		}
	case Dispatched:
		if h.N < 0 || h.N > h.Seats {
			c.fail(&h, "capacity", "a vehicle left with %d riders in %d seats", h.N, h.Seats)
		}
	case Status:
		if h.Place.Kind == AtRide && c.ride(&h) {
			c.status[h.Place.Index] = h.Status
		}
	case Sold:
		if h.ByBand && c.ledger != nil {
			c.balanced(&h)
		}
	case Staffed:
		c.staffed(&h)
	case DutyChanged:
		c.dutyChanged(&h)
	case StaffMoved:
		c.staffMoved(&h)
	case StaffArrived:
		c.staffArrived(&h)
	}
}

// what says what h is, for a violation's detail.
func (c *Checker) what(h *Happening) string {
	switch h.What {
	case ActivityChanged:
		return "it is " + h.Activity.String()
	case Joined:
		return fmt.Sprintf("%d joined a line", h.N)
	case Boarded:
		return fmt.Sprintf("%d boarded", h.N)
	case Withdrew:
		return fmt.Sprintf("%d withdrew from a line", h.N)
	case Sold:
		return fmt.Sprintf("it paid %d cents", h.Amount)
	}
	return "it has " + h.What.String()
}

// ride reports whether h's ride is one of the park's, failing if not.
func (c *Checker) ride(h *Happening) bool {
	if h.Place.Index < 0 || int(h.Place.Index) >= len(c.lines) {
		c.fail(h, "line", "no such ride")
		return false
	}
	return true
}

// activity checks and applies a party's activity change.
func (c *Checker) activity(h *Happening, pt *checkedParty) {
	switch {
	case h.N != pt.size:
		c.fail(h, "one place", "the party of %d is now %s with %d", pt.size, h.Activity, h.N)
	case h.Activity >= nActivities:
		c.fail(h, "one place", "no such activity (%d)", h.Activity)
	case h.Activity == Expected && pt.doing != Expected:
		c.fail(h, "one place", "expected again after being %s", pt.doing)
	case h.Activity == Gone && pt.ride >= 0:
		c.fail(h, "one place", "gone with %d still in the line of %s", pt.inLine, c.p.PlaceID(Place{AtRide, pt.ride}))
	default:
		pt.doing = h.Activity
	}
}

// joined checks and applies a party's joining a ride's line.
func (c *Checker) joined(h *Happening, pt *checkedParty) {
	a := h.Place.Index
	switch {
	case pt.doing == Expected || pt.doing == Away:
		c.fail(h, "one place", "joined a line while %s", pt.doing)
	case pt.ride >= 0:
		c.fail(h, "one place", "joined a line while %d are in the line of %s", pt.inLine, c.p.PlaceID(Place{AtRide, pt.ride}))
	case h.N < 1 || h.N > pt.size:
		c.fail(h, "line", "%d of a party of %d joined", h.N, pt.size)
	case c.status[a] != RideOpen:
		c.fail(h, "ride down", "joined while the ride is %s", c.status[a])
	default:
		pt.ride, pt.priority, pt.inLine = a, h.Priority, h.N
		c.lines[a][line(h.Priority)] += h.N
	}
}

// left checks and applies guests' leaving a ride's line, boarding (board)
// or withdrawing.
func (c *Checker) left(h *Happening, pt *checkedParty, board bool) {
	a, k := h.Place.Index, line(h.Priority)
	switch {
	case pt.ride != a || pt.priority != h.Priority:
		c.fail(h, "line", "%s the %s it is not in", c.what(h), lineName(h.Priority))
	case h.N < 0 || h.N > pt.inLine:
		c.fail(h, "line", "%s with %d in the line", c.what(h), pt.inLine)
	case h.N > c.lines[a][k]:
		c.fail(h, "line", "%s with %d in the %s", c.what(h), c.lines[a][k], lineName(h.Priority))
	case board && c.status[a] == RideDown:
		c.fail(h, "ride down", "%s while the ride is down", c.what(h))
	default:
		c.lines[a][k] -= h.N
		if pt.inLine -= h.N; pt.inLine == 0 {
			pt.ride, pt.priority = -1, false
		}
	}
}

func line(priority bool) int {
	if priority {
		return 1
	}
	return 0
}

func lineName(priority bool) string {
	if priority {
		return "reservation line"
	}
	return "standby line"
}

// balanced checks the ledger after a sale by band: every account the entries
// since the last check touch has the balance the entries give it.
func (c *Checker) balanced(h *Happening) {
	entries := c.ledger.Entries()
	fresh := entries[c.entries:]
	c.entries = len(entries)
	for _, e := range fresh {
		for n := int(max(e.Debit, e.Credit)) + 1; len(c.books) < n; {
			c.books = append(c.books, 0)
		}
		c.books[e.Debit] -= e.Amount
		c.books[e.Credit] += e.Amount
	}
	for _, e := range fresh {
		for _, a := range [2]wristband.AccountID{e.Debit, e.Credit} {
			if b := c.ledger.Balance(a); b != c.books[a] {
				c.fail(h, "ledger", "account %d holds %d cents, its entries say %d", a, b, c.books[a])
				return
			}
		}
	}
}

// staffed checks and applies a post's change of staff.
func (c *Checker) staffed(h *Happening) {
	k := int(h.Place.Index)
	switch {
	case h.Place.Kind != AtPost || k < 0 || k >= len(c.staff):
		c.fail(h, "staff", "no such post")
	case h.From != c.staff[k]:
		c.fail(h, "staff", "from %d staff, but the post had %d", h.From, c.staff[k])
	case h.To < 0:
		c.fail(h, "staff", "%d staff", h.To)
	case h.To > c.most[k]:
		c.fail(h, "staff", "%d staff, more than its most, %d", h.To, c.most[k])
	default:
		c.staff[k] = h.To
	}
}

// End checks the day once it is over: every party never came or is gone,
// every line is empty, and the whole ledger balances. It reports the first
// violation of the day, as Failed does.
func (c *Checker) End() error {
	if c.err != nil || c.ended {
		return c.Failed()
	}
	c.ended = true
	h := Happening{At: max(c.now, 0), Party: -1}
	for i := range c.parties {
		if pt := &c.parties[i]; pt.doing != Expected && pt.doing != Gone {
			h.Party = int32(i)
			c.fail(&h, "one place", "the day is over and the party is still %s", pt.doing)
			return c.Failed()
		}
	}
	for a := range c.lines {
		for k, n := range c.lines[a] {
			if n != 0 {
				h.Place = Place{AtRide, int32(a)}
				c.fail(&h, "line", "the day is over and %d are in the %s", n, lineName(k == 1))
				return c.Failed()
			}
		}
	}
	if c.ledger != nil {
		if d := c.ledger.Imbalance(); d != 0 {
			c.fail(&h, "ledger", "the day's book is %d cents out", d)
			return c.Failed()
		}
	}
	c.endRoster(&h)
	return c.Failed()
}
