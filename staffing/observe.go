package staffing

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"parksim/sim"
)

// PostKind is what staff do at a post. The park's posts are of these
// kinds (park.PostKind is this type).
type PostKind uint8

const (
	Crew          PostKind = iota // a ride's crew: the dispatch interval, and whether it runs (fluid model on CapacityPerHour)
	Servers                       // a station's servers, parties served at once
	Registers                     // a counter-service restaurant's cashiers
	Clerks                        // a shop's clerks at the checkout
	Photographers                 // a photo spot's photographers
	Turnstiles                    // the entry's turnstiles
	BagCheck                      // the entry's bag screeners
	Desk                          // the desks at guest relations
	nPostKinds
)

// NumPostKinds is how many kinds of post there are.
const NumPostKinds = int(nPostKinds)

var postKindNames = [nPostKinds]string{"ride crew", "station servers", "registers", "clerks", "photographers", "turnstiles", "bag check", "guest relations"}

func (k PostKind) String() string {
	if k < nPostKinds {
		return postKindNames[k]
	}
	return "post?"
}

// PostView is one staffed post as the park senses it at an Observation's
// time. Rates are per minute, waits and patience in minutes.
//
// A post whose CapacityPerHour is set is predicted with the fluid model
// (every Crew post must set it); any other post is a line of servers,
// each serving ServiceRate guests a minute, predicted with Erlang C, or
// Erlang A when Patience is known (see Predict).
type PostView struct {
	ID   string // the park's post id, e.g. "space-coaster/crew"
	Kind PostKind
	Zone int // the zone's index in the park

	Staff    int        // members working at it now
	Walking  []sim.Time // when each member on the way to it arrives, ascending
	Min, Max int        // the staff it may have, inclusive

	Line           float64  // guests in line, as sensed
	LineAt         sim.Time // when the line was sensed (at or before the observation's time)
	ArrivalsPerMin float64  // guests joining the line per minute, as sensed since the round before (the sensed view's readings in between, together)

	ServiceRate     float64   // guests one member serves per minute (from the configuration); servers' lines only
	Burst           float64   // guests arriving together, as a joining guest sees it (the mean size of the group it comes with: a bus's riders at the gates); 0 or 1: one by one. Servers' lines only
	Patience        float64   // mean patience in minutes; 0 when unknown (no abandonment is assumed)
	CapacityPerHour []float64 // guests an hour at 0, 1, …, Max staff (0 where the ride is closed), never falling; rides only

	// Forecast, when set, is the arrivals per minute in each minute from
	// the observation's time on, and replaces the policy's own forecast. It
	// is how the truth reaches a policy in an oracle experiment; from the
	// sensed view it stays nil.
	Forecast []float64
}

// MemberState is what a member is doing.
type MemberState uint8

const (
	Working  MemberState = iota // at its post (or, with Post −1, on shift and not yet placed)
	Walking                     // on the way to Post
	OnBreak                     // on a break, back at Post after it
	OffShift                    // before or after its shift
)

var memberStateNames = [...]string{"working", "walking", "on break", "off shift"}

func (s MemberState) String() string {
	if int(s) < len(memberStateNames) {
		return memberStateNames[s]
	}
	return "state?"
}

// MemberView is one staff member at an Observation's time.
type MemberView struct {
	ID         string
	Skills     []int // indices into Observation.Posts of the posts it may work, ascending
	Post       int   // the post it works at, walks to or returns to from a break; −1 for none
	State      MemberState
	Since      sim.Time // Working: at its post since; Walking: when it arrives; OnBreak: when its break ends
	MovesLeft  int      // moves it may still make today
	ShiftStart sim.Time // when its shift starts
	ShiftEnd   sim.Time // when its shift ends
	Breaks     []Break  // its breaks still to begin today, in time order, as the roster plans them
	Start      int      // off shift before its shift begins: the post it begins at; −1 otherwise
}

// Break is one of a member's breaks: it leaves its post At for Length.
type Break struct {
	At, Length sim.Time
}

// Rules are the roster's limits and the policy's look-ahead.
type Rules struct {
	MinStay sim.Time // the least time a member stays at a post before it may move again
	Horizon sim.Time // how far ahead a policy weighs waiting; a whole number of minutes, at least one
}

// Observation is everything a policy may know at one decision: the sensed
// view of every post and the roster's state. Indices into Posts are the
// ones MemberView and Walk use; Posts and Members are in the park's fixed
// order, so a policy's choice never depends on map order.
//
// A policy reads it and must not change it.
type Observation struct {
	Now     sim.Time
	Posts   []PostView
	Members []MemberView
	// Walk is how long a member takes from post from to post to (both
	// indices into Posts; from is −1 for a member placed nowhere yet).
	Walk  func(from, to int) sim.Time
	Rules Rules
}

// Move sends Member (a MemberView.ID) to post To (a PostView.ID).
type Move struct {
	Member, To string
	Reason     string  // why, in a few words, for the trace
	Gain       float64 // predicted guest-minutes of waiting saved over the horizon, net of the walk
}

// Policy decides staff moves from an observation.
//
// Decide is called once per decision round, in time order, with a fresh
// observation each time; it returns the moves to make now, which Feasible
// accepts, in the order to apply them (nil: nobody moves). A policy may
// keep state between rounds (a forecast's history, a schedule) but must
// not keep the observation. Decide must be deterministic: the same
// sequence of observations gives the same moves.
type Policy interface {
	Name() string
	Decide(*Observation) []Move
}

// Check reports every way obs is not one a policy can decide from: a
// horizon under a minute, no Walk, a post whose staff is outside [Min, Max]
// or whose model lacks its rates (a Crew post without CapacityPerHour for
// 0 to Max staff, never falling; any other post without a positive
// ServiceRate), a negative sensed line or rate, a line sensed after Now, a
// member whose post or skills are not posts. The park's tests call it on
// the observations it builds; policies assume it.
func (obs *Observation) Check() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("staffing: "+format, args...)) }
	if obs.Rules.Horizon < sim.Minute {
		bad("the horizon %v is under a minute", obs.Rules.Horizon)
	}
	if obs.Walk == nil {
		bad("no walk times")
	}
	for i := range obs.Posts {
		p := &obs.Posts[i]
		if p.Min < 0 || p.Staff < p.Min || p.Staff+len(p.Walking) > p.Max {
			bad("post %s has %d staff and %d on the way, outside %d to %d", p.ID, p.Staff, len(p.Walking), p.Min, p.Max)
		}
		if p.Kind == Crew && len(p.CapacityPerHour) != p.Max+1 {
			bad("post %s has capacities for %d staffing levels, not the %d of 0 to %d staff", p.ID, len(p.CapacityPerHour), p.Max+1, p.Max)
		}
		for c := 1; c < len(p.CapacityPerHour); c++ {
			if !(p.CapacityPerHour[c] >= p.CapacityPerHour[c-1]) || p.CapacityPerHour[0] < 0 {
				bad("post %s's capacity falls or is negative at %d staff", p.ID, c)
				break
			}
		}
		if len(p.CapacityPerHour) == 0 && !(p.ServiceRate > 0) {
			bad("post %s has no service rate", p.ID)
		}
		if !(p.Burst >= 0) || math.IsInf(p.Burst, 1) {
			bad("post %s has a burst of %v", p.ID, p.Burst)
		}
		if !(p.Line >= 0) || !(p.ArrivalsPerMin >= 0) || !(p.Patience >= 0) {
			bad("post %s has a line of %v, %v arrivals a minute and a patience of %v", p.ID, p.Line, p.ArrivalsPerMin, p.Patience)
		}
		if p.LineAt > obs.Now {
			bad("post %s's line was sensed at %v, after %v", p.ID, p.LineAt, obs.Now)
		}
	}
	for i := range obs.Members {
		m := &obs.Members[i]
		if m.Post < -1 || m.Post >= len(obs.Posts) {
			bad("member %s is at post %d of %d", m.ID, m.Post, len(obs.Posts))
		}
		for _, k := range m.Skills {
			if k < 0 || k >= len(obs.Posts) {
				bad("member %s may work post %d of %d", m.ID, k, len(obs.Posts))
			}
		}
	}
	return errors.Join(errs...)
}

// ErrInfeasible is wrapped by every error of Feasible.
var ErrInfeasible = errors.New("staffing: infeasible move")

// Feasible checks a set of moves, in order, against the roster's rules,
// and returns nil when the roster would accept every one of them. A move
// is refused when its member or post is unknown; the member is not working
// (walking, on a break or off shift) or has already moved in this set; it
// lacks the post's skill; it is already there; it has stayed at its post
// less than Rules.MinStay; it has no moves left today; its walk would not
// be over before its next break begins; the target is full
// (its staff, less those the set has taken from it so far, plus those
// walking to it and those the set has sent to it so far, reach Max); or
// its post would drop below Min. Moves take effect in order, as the roster
// applies them.
//
// The error names the first refused move and wraps ErrInfeasible.
func Feasible(obs *Observation, moves []Move) error {
	if len(moves) == 0 {
		return nil
	}
	member := make(map[string]int, len(obs.Members))
	for i := range obs.Members {
		member[obs.Members[i].ID] = i
	}
	post := make(map[string]int, len(obs.Posts))
	for i := range obs.Posts {
		post[obs.Posts[i].ID] = i
	}
	delta := make([]int, len(obs.Posts)) // staff sent (+) and taken (−) per post
	incoming := make([]int, len(obs.Posts))
	moved := make([]bool, len(obs.Members))
	for k, mv := range moves {
		refuse := func(format string, args ...any) error {
			return fmt.Errorf("%w: move %d (%s to %s): %s", ErrInfeasible, k, mv.Member, mv.To, fmt.Sprintf(format, args...))
		}
		i, ok := member[mv.Member]
		if !ok {
			return refuse("no such member")
		}
		to, ok := post[mv.To]
		if !ok {
			return refuse("no such post")
		}
		m := &obs.Members[i]
		switch {
		case moved[i]:
			return refuse("the member already moves in this round")
		case m.State != Working:
			return refuse("the member is %s", m.State)
		case m.Post == to:
			return refuse("the member is already there")
		case !slices.Contains(m.Skills, to):
			return refuse("the member may not work there")
		case m.MovesLeft <= 0:
			return refuse("the member has no moves left today")
		case m.Post >= 0 && obs.Now-m.Since < obs.Rules.MinStay:
			return refuse("the member has been at its post %v, less than the minimum stay %v", obs.Now-m.Since, obs.Rules.MinStay)
		case !beforeBreak(obs, m, to):
			return refuse("the walk would not be over before its break at %v", m.Breaks[0].At)
		}
		p := &obs.Posts[to]
		if n := p.Staff + delta[to] + len(p.Walking) + incoming[to]; n >= p.Max {
			return refuse("the post is full (%d of at most %d, counting those on the way)", n, p.Max)
		}
		if m.Post >= 0 {
			from := &obs.Posts[m.Post]
			if from.Staff+delta[m.Post]-1 < from.Min {
				return refuse("post %s would have fewer than its minimum %d", from.ID, from.Min)
			}
			delta[m.Post]--
		}
		incoming[to]++
		moved[i] = true
	}
	return nil
}
