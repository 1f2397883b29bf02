package park

import (
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
	// Wait is the wait posted (or expected) as it joined.
	Joined
	// Boarded: N guests of Party boarded the ride (or reached the server)
	// of Place after waiting Wait in its line; Priority for the
	// reservation line. A party larger than a vehicle boards in several.
	Boarded
	// Withdrew: Party left the line of Place without being served after
	// waiting Wait: it gave up (GaveUp), or it was sent away (the line
	// was let go or a band sent it to guest relations); N guests.
	Withdrew
	// Balked: Party turned Place down for its posted or expected wait:
	// from the boards while choosing, or on reaching it (AtLine).
	Balked
	// Dispatched: a vehicle of the ride Place left with N riders and Seats
	// seats in all (a station: one server took one party, N its riders).
	Dispatched
	// Served: Party's service at Place began after waiting Wait (a
	// register, a table, a clerk, a photographer, the desk, a turnstile, a
	// bag screener) and ends at Until when known.
	Served
	// Tapped: a band tapped Reader and got Reason (Granted or a denial);
	// Party is -1 for a clone's or finder's try. Amount is the amount
	// asked at a till.
	Tapped
	// Sold: Party paid Amount at Place for a sale of Line, by band
	// (ByBand) or another way.
	Sold
	// Status: the ride Place is now Status (open, down, closed).
	Status
	// Staffed: the post Place (see Post) has To staff, up from or down from
	// From.
	Staffed
	// Surveyed: a member of Party (guest index N) answered the post-visit
	// survey with Answer.
	Surveyed
)

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
	Party    int32
	Place    Place
	N        int32
	Seats    int32
	From, To int32
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

// record reports h to every recorder.
func (p *Park) record(h Happening) {
	for _, r := range p.recorders {
		r.Record(h)
	}
}

// PlaceID names place pl by the ids of the park's configuration: a zone's,
// an attraction's, a restaurant's or a merchant's id, a post's id, or one
// of "entry/turnstiles", "entry/bag-check", "guest-relations",
// "bus/hotel", "bus/park" and "exit".
func (p *Park) PlaceID(pl Place) string {
	c := p.cfg
	k := int(pl.Index)
	switch pl.Kind {
	case AtZone:
		return c.Zones[k].ID
	case AtRide:
		return c.Attractions[k].ID
	case AtMeal:
		return c.Restaurants[k].ID
	case AtMerchant:
		return c.Merchants[k].ID
	case AtGates:
		return "entry/turnstiles"
	case AtBagCheck:
		return "entry/bag-check"
	case AtDeskPlace:
		return "guest-relations"
	case AtBusStop:
		if k == hotelStop {
			return "bus/hotel"
		}
		return "bus/park"
	case AtExit:
		return "exit"
	case AtPost:
		return p.posts[k].ID
	}
	return "nowhere"
}
