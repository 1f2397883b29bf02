package park

import (
	"fmt"

	"parksim/sim"
	"parksim/wristband"
)

// A Recorder observes the day as it happens: every activity change of
// every party, joins and boardings, dispatches, taps, sales, outages and
// staff changes, each as one Happening, in the order they happen (their
// times never decrease). The summary's figures come from one recorder; the
// invariant checker, the recording a viewer replays and a batch run's
// results are others. A recorder must not change the park: it only looks.
//
// Record is called on the simulation's hot path (a default day reports a
// few million happenings): it should do little and allocate nothing.
type Recorder interface {
	Record(h Happening)
}

// What says what a Happening is; its fields are filled as each kind's doc
// says, the others left at zero (Party -1 when no party is concerned).
type What uint8

const (
	// ActivityChanged: Party's activity is now Activity, at Place (a walk's
	// Place is where it is headed). A walk goes from zone From to zone To
	// and arrives at Until; a timed activity (riding, eating, resting,
	// at the desk) ends at Until when it is known, else Until is 0.
	// N is the party's size.
	ActivityChanged What = iota + 1
	// Joined: Party joined the line of Place with N guests (for a ride, its
	// members who ride); Priority when it is a ride's reservation line.
	// Wait is the wait posted as it joined a ride's standby line (0 for the
	// reservation line, which posts none).
	Joined
	// Boarded: N guests of Party boarded the ride (or reached the server)
	// of Place after waiting Wait in its line; Priority for the
	// reservation line. A party larger than a vehicle boards in several,
	// and Last marks the boarding of its last members (a party caught
	// half-boarded when its line is let go has none). At a bus stop, the
	// whole party (N guests) boarded a bus after waiting Wait.
	Boarded
	// Withdrew: Party left the line of Place without being served after
	// waiting Wait: it gave up (GaveUp), or it was sent away (the line
	// was let go or a band sent it to guest relations, or, back from its
	// hotel, it found the park closed at the turnstiles, AtGates, or at
	// its hotel's stop, AtBusStop, Wait after arriving there); N guests (of a
	// party caught half-boarded, those still in line; they wait for the
	// others at the exit). Priority for a ride's reservation line. A
	// restaurant's register line is at AtRegisters, its table line at
	// AtMeal.
	Withdrew
	// Balked: Party turned Place down for its posted or expected wait:
	// from the boards while choosing, or on reaching it (AtLine). At a
	// merchant, the line for a clerk or a photographer was too long.
	Balked
	// Dispatched: a vehicle of the ride Place left with N riders and Seats
	// seats in all, Empty of them left empty while guests waited (a
	// station: one server took one party, N its riders).
	Dispatched
	// Served: Party's service at Place began after waiting Wait (a
	// register at AtRegisters, a table at AtMeal with Priority on a
	// booking, a clerk, a photographer, the desk, a turnstile, a bag
	// screener) and ends at Until when known.
	Served
	// Tapped: a band tapped Reader and got Reason (Granted or a denial);
	// Party is -1 for a clone's or finder's try. Amount is the amount
	// asked at a till.
	Tapped
	// Sold: Party paid Amount at Place (a restaurant, a merchant, or a
	// ride for its on-ride photo) for a sale of Line, by band (ByBand) or
	// another way.
	Sold
	// Status: the ride Place is now Status (open, down, closed), with N
	// outages under way (breakdowns, rain, too few crew): it runs when N
	// is 0, after closing too, for the lines still in it.
	Status
	// Staffed: the post Place (see Post) has To staff, up from or down from
	// From; N is 1 when a roster member's duty made the change (a shift, a
	// break, a move's leaving or arrival), 0 when SetStaff was called.
	Staffed
	// Surveyed: a member of Party (guest index N) answered the post-visit
	// survey with Answer.
	Surveyed
	// Published: the park's sensed view was refreshed (a sensor
	// publication, or a staff count becoming known): its zones' and lines'
	// readings and the rides' posted waits are read with Park.Sensed.
	Published
	// Entered: Party's N guests passed the turnstiles into the park, on
	// arriving or back from a break at their hotel.
	Entered
	// Left: Party's N guests left the park through the exit, for home or
	// for their hotel.
	Left
	// TurnedAway: Party's N guests reached the turnstiles only after
	// closing (Place AtGates), Wait after reaching the entrance plaza; or,
	// coming by bus, were still at their hotel's stop when the park closed
	// (Place AtBusStop), Wait after reaching it.
	TurnedAway
	// Closing: the park closed; the lines still inside are served.
	Closing
	// Done: Party left Place (guest relations) with what it needed, Wait
	// after joining its line: the line and the desk.
	Done
	// Dined: Party's meal at the restaurant Place is over (at counter
	// service, also a party that gave up on a table and ate its food
	// elsewhere); Priority when it was a booking.
	Dined
	// OrderedAhead: Party, arriving at the restaurant Place, had ordered in
	// the app: it goes straight to the table line when its food is ready.
	OrderedAhead
	// BookedTable: Party booked a table at Place ahead for the day, for
	// Until. Recorded as the day is planned, before it starts.
	BookedTable
	// BookedWindow: Party (N guests) holds a return window at the ride
	// Place from Until. Recorded as the day is planned, before it starts.
	BookedWindow
	// Visited: Party came to the merchant Place to buy or to pose.
	Visited
	// OverBudget: Party wanted to buy at the merchant Place but had spent
	// its budget for the day.
	OverBudget
	// BusLeft: a bus left the stop Place with N guests.
	BusLeft
	// LeftBehind: a bus left the stop Place full, and Party, at the head of
	// the line, did not fit and waits for the next.
	LeftBehind
	// Troubled: Party met band trouble (a band missing, forgotten or
	// switched off) or was refused at a reader; a party may be troubled
	// more than once.
	Troubled
	// BandForgotten: guest N of Party left their band at home and got a
	// new one at guest relations.
	BandForgotten
	// BandLost: guest N's band was reported lost (Party -1 when it was
	// reported away from the desk).
	BandLost
	// BandReplaced: guest N of Party was handed a new band at guest
	// relations.
	BandReplaced
	// Refunded: Amount, a sale made with a band not in its guest's hands,
	// was refunded to the band's account.
	Refunded
	// CloneTried: a planted clone of guest N's band is to be tried at a
	// till at least once. Recorded as the day is planned, before it starts.
	CloneTried
	// Arrived: Party (N guests) reached Place, where it will be served,
	// turn the place down or give up on it: the entrance plaza (AtGates,
	// on arriving or back from its hotel), guest relations' line, a
	// restaurant (AtMeal, before any line of it) or a bus stop's line (a
	// merchant's arrivals are its Visited). The summary counts what
	// happens to a party there by the hour it arrived.
	Arrived
	// DutyChanged: roster member N (see Park.Members; its id by
	// Park.MemberID) is now Duty, at the post To (Place AtPost To): the
	// post it is at, walks to, is on a break from or stands by at; To is -1
	// off shift. From is the post it last walked from (-1 if none). Until
	// is when a walk or a break is planned to end, else 0. A member's
	// joining or leaving a post is the post's Staffed, just before.
	DutyChanged
	// StaffMoved: roster member N was sent from post From to post To,
	// where its walk ends at Until. The day's k-th StaffMoved is
	// Park.StaffMoves()[k], with the move's reason and predicted gain.
	StaffMoved
	// StaffArrived: roster member N, sent from post From, reached post To;
	// it joins it next.
	StaffArrived
	// MoveRefused: the staffing policy asked to move roster member N to
	// post To, and the roster refused (a rule the policy did not know of,
	// such as a break the walk would run into).
	MoveRefused
)

// whatNames are the kinds of happening by name, as messages give them.
var whatNames = [...]string{ActivityChanged: "ActivityChanged", Joined: "Joined", Boarded: "Boarded", Withdrew: "Withdrew", Balked: "Balked", Dispatched: "Dispatched", Served: "Served", Tapped: "Tapped", Sold: "Sold", Status: "Status", Staffed: "Staffed", Surveyed: "Surveyed", Published: "Published", Entered: "Entered", Left: "Left", TurnedAway: "TurnedAway", Closing: "Closing", Done: "Done", Dined: "Dined", OrderedAhead: "OrderedAhead", BookedTable: "BookedTable", BookedWindow: "BookedWindow", Visited: "Visited", OverBudget: "OverBudget", BusLeft: "BusLeft", LeftBehind: "LeftBehind", Troubled: "Troubled", BandForgotten: "BandForgotten", BandLost: "BandLost", BandReplaced: "BandReplaced", Refunded: "Refunded", CloneTried: "CloneTried", Arrived: "Arrived", DutyChanged: "DutyChanged", StaffMoved: "StaffMoved", StaffArrived: "StaffArrived", MoveRefused: "MoveRefused"}

func (w What) String() string {
	if int(w) < len(whatNames) && whatNames[w] != "" {
		return whatNames[w]
	}
	return fmt.Sprintf("What(%d)", w)
}

// Activity is what a party is doing: exactly one thing at a time, changed
// in one place (Park.setActivity) and reported to every recorder.
type Activity uint8

const (
	Expected Activity = iota // not arrived yet (or on its way by bus)
	Walking                  // between zones
	InLine                   // in a line: a ride's, a register's, a table's, a checkout's, the desk's, the bag check's or the turnstiles'
	Riding                   // on a ride, or being served at a station
	Eating                   // at a table
	Shopping                 // browsing a shop or a photo spot, or at its till
	OnBus                    // waiting for a resort bus or riding one
	AtDesk                   // being served at guest relations
	Resting                  // doing something else in a zone for a while
	Away                     // back at its hotel for a break, coming back
	Gone                     // its day is over
	nActivities
)

var activityNames = [nActivities]string{"expected", "walking", "in line", "riding", "eating", "shopping", "on a bus", "at the desk", "resting", "away", "gone"}

func (a Activity) String() string {
	if a < nActivities {
		return activityNames[a]
	}
	return "activity?"
}

// PlaceKind is the kind of a Place.
type PlaceKind uint8

const (
	NoPlace     PlaceKind = iota
	AtZone                // Index: a zone
	AtRide                // Index: an attraction
	AtMeal                // Index: a restaurant
	AtMerchant            // Index: a merchant (a shop, a photo spot)
	AtGates               // the turnstiles
	AtBagCheck            // the bag check
	AtDeskPlace           // guest relations
	AtBusStop             // Index: hotelStop or parkStop
	AtExit                // the exit, on the way home or to a hotel
	AtPost                // Index: a post (see Posts)
	AtRegisters           // Index: a restaurant, its register line (AtMeal is its table line)
	nPlaceKinds
)

// Place is where a happening happens: a kind and an index in the
// configuration's order of that kind.
type Place struct {
	Kind  PlaceKind
	Index int32
}

// Happening is one thing that happened, for recorders. See What for which
// fields each kind fills.
type Happening struct {
	At       sim.Time
	What     What
	Activity Activity
	Priority bool // Joined, Boarded: the reservation line
	AtLine   bool // Balked: on reaching the line, not from the boards
	ByBand   bool // Sold: paid by band
	GaveUp   bool // Withdrew: the party gave up, rather than being sent away
	Last     bool // Boarded: the party's last members boarded
	Duty     Duty // DutyChanged: what the member does now
	Party    int32
	Place    Place
	N        int32
	Seats    int32
	From, To int32
	Empty    int32 // Dispatched: seats left empty while guests waited
	Until    sim.Time
	Wait     sim.Time
	Amount   wristband.Cents
	Line     string // Sold: "food", "merchandise" or "photo"
	Reader   wristband.ReaderID
	Reason   wristband.Reason
	Status   RideStatus
	Answer   Answer
}

// AddRecorder has r observe the day from now on. Add recorders before the
// engine runs.
func (p *Park) AddRecorder(r Recorder) { p.recorders = append(p.recorders, r) }

// record reports h to the park's tally, then to every other recorder.
func (p *Park) record(h Happening) {
	p.tally.Record(h)
	for _, r := range p.recorders {
		r.Record(h)
	}
}

// PlaceID names place pl by the ids of the park's configuration: a zone's,
// an attraction's, a restaurant's (its register line's with
// "/registers") or a merchant's id, a post's id, or one of
// "entry/turnstiles", "entry/bag-check", "guest-relations", "bus/hotel",
// "bus/park", "exit" and "exit/hotel". A place whose index is out of range
// (a recorder fed by hand) is described as such.
func (p *Park) PlaceID(pl Place) string {
	c := p.cfg
	k := int(pl.Index)
	ids := func(n int, id func(int) string) string {
		if k < 0 || k >= n {
			return fmt.Sprintf("place %d #%d", pl.Kind, k)
		}
		return id(k)
	}
	switch pl.Kind {
	case AtZone:
		return ids(len(c.Zones), func(k int) string { return c.Zones[k].ID })
	case AtRide:
		return ids(len(c.Attractions), func(k int) string { return c.Attractions[k].ID })
	case AtMeal:
		return ids(len(c.Restaurants), func(k int) string { return c.Restaurants[k].ID })
	case AtRegisters:
		return ids(len(c.Restaurants), func(k int) string { return c.Restaurants[k].ID + "/registers" })
	case AtMerchant:
		return ids(len(c.Merchants), func(k int) string { return c.Merchants[k].ID })
	case AtPost:
		return ids(len(p.posts), func(k int) string { return p.posts[k].ID })
	case AtGates:
		return "entry/turnstiles"
	case AtBagCheck:
		return "entry/bag-check"
	case AtDeskPlace:
		return "guest-relations"
	case AtBusStop:
		return ids(2, func(k int) string { return [2]string{hotelStop: "bus/hotel", parkStop: "bus/park"}[k] })
	case AtExit:
		if k == exitBreak {
			return "exit/hotel"
		}
		return "exit"
	}
	return "nowhere"
}
