package park

import "parksim/sim"

// Config is a complete, validated description of one park day. The
// scenarios package builds it from a file; every index refers into the
// slices of the same Config.
type Config struct {
	Name         string
	Open, Close  sim.Time // gates and attractions open; attractions stop taking guests
	Zones        []Zone
	Paths        []Path
	Entry        Entry
	Attractions  []Attraction
	Arrivals     Arrivals
	Guests       Guests
	Merchants    []Merchant
	Bands        *Bands
	Satisfaction Satisfaction
	Incidents    []Incident
	Restaurants  []Restaurant
	Buses        *Buses  // resort buses; nil: resort guests come and go without waiting for one
	Overpost     float64 // posted waits are this many times the park's estimate (≥ 1; parks post about 20% high)
	Roster       *Roster // the staff as people (see Roster); nil: every post keeps the staff its keys give
}

// Zone is a node of the layout graph: a land, a plaza, a crossing.
type Zone struct {
	ID, Name string
	Kind     string  // "entrance", "hub", "land", …: how sensing errors are grouped
	X, Y     float64 // metres, for distances and drawing
}

// Path is a walkway between two zones, walkable both ways.
type Path struct {
	From, To int     // zone indices
	Length   float64 // metres
}

// Entry is the entrance plaza: where parties arrive and leave, and the
// turnstiles they pass, one guest at a time.
type Entry struct {
	Zone       int
	Turnstiles int
	Service    sim.Dist // ms per guest at a turnstile
	BagCheck   int      // screeners checking bags before the turnstiles; 0: no bag check
	BagTime    sim.Dist // ms per party at a screener

	TurnstilesMax int // the most turnstiles a staffing policy may staff (see Post); 0: Turnstiles
	BagCheckMax   int // the most bag screeners it may put on; 0: BagCheck
}

// Attraction is a ride or show that dispatches a vehicle (a train, a boat, a
// show) of VehicleCapacity riders every DispatchEvery while guests wait; or,
// with Servers > 0, a station where each party takes one of Servers servers
// for a Service time (a textbook multi-server queue).
type Attraction struct {
	ID, Name        string
	Zone            int
	Kind            string // free-form type: "coaster", "dark", "boat", "show", …
	VehicleCapacity int
	DispatchEvery   sim.Time
	RideTime        sim.Time
	Appeal          float64  // utility of riding once, before waits and walking
	PhotoPrice      int64    // cents for the on-ride photo; 0: no camera
	Outdoor         bool     // closes while it rains
	MinHeight       int16    // cm: shorter guests do not ride, their party splits; 0: no limit
	MTBF            sim.Time // mean running time between breakdowns; 0: never breaks down
	Repair          sim.Dist // ms a breakdown takes to repair
	HoldLine        bool     // during an outage the line waits; otherwise it is sent away
	Servers         int      // a station: parties served at once at the start of the day; 0 for vehicles
	ServersMax      int      // a station: the most servers a staffing policy may put on (see Post); 0: Servers
	Crew            int      // staff working it at the start of the day
	CrewFull        int      // crew needed to dispatch at DispatchEvery; 0: crew not modelled
	CrewMin         int      // below this it cannot run
	CrewMax         int      // the most crew a staffing policy may put on (see Post); 0: the larger of Crew and CrewFull
	Timetable       bool     // shows and continuous loaders: vehicles leave on a grid from opening (every DispatchEvery), full or not, not when guests arrive
	Service         sim.Dist // a station: ms per party
}

// Incident is something scripted that happens to the park: an attraction
// breaking down, or rain.
type Incident struct {
	Kind       IncidentKind
	Attraction int // a breakdown's attraction
	From, To   sim.Time
	LeaveShare float64 // rain: share of the parties in the park who go home when it starts
	Shelter    float64 // rain: utility added to doing something indoors while it rains
}

// IncidentKind is what an Incident is.
type IncidentKind uint8

const (
	Breakdown IncidentKind = iota
	Rain
)

// HourlyCapacity is the number of riders the attraction can carry in an
// hour: VehicleCapacity × dispatches per hour; for a station, parties served
// an hour at the mean service time.
func (a *Attraction) HourlyCapacity() float64 {
	if a.Servers > 0 {
		return float64(a.Servers) * float64(sim.Hour) / a.Service.Mean()
	}
	return float64(a.VehicleCapacity) * float64(sim.Hour) / float64(a.DispatchEvery)
}

// Arrivals says how many guests come and when. Parties are drawn until their
// sizes add up to at least Guests.
type Arrivals struct {
	Guests    int
	Time      sim.Dist // ms since midnight when a party reaches the entrance (an hourly curve is a sim.Histogram)
	PartySize sim.Dist // guests per party, rounded to a whole number and kept within 1–MaxPartySize
}

// MaxPartySize bounds a drawn party size: a heavy-tailed distribution must
// not produce a party of millions.
const MaxPartySize = 50

// Walking speeds drawn outside these bounds (metres per second) are clamped
// to them: a crawl or a sprint would be a typo, not a guest.
const (
	MinWalkSpeed = 0.2
	MaxWalkSpeed = 5.0
)

// MinElsewhere is the shortest time a party spends elsewhere: a zero draw
// would let a party that finds every line too long choose again at the same
// instant forever.
const MinElsewhere = sim.Minute

// Guests is how guests behave. The choice of the next activity is a
// multinomial logit: each open attraction has utility
//
//	Appeal − WaitWeight·(posted wait, min) − WalkWeight·(walk, min) − RepeatPenalty·(times ridden)
//	       − Fatigue.Weight·(the party's fatigue)
//
// and doing something else (eating, shopping, resting: the outside option)
// has utility ElsewhereAppeal and lasts Elsewhere.
type Guests struct {
	WalkSpeed       sim.Dist // metres per second
	Stay            sim.Dist // ms from entering to heading for the exit
	Patience        sim.Dist // ms: the longest posted wait a party will join (it balks at a longer one)
	GiveUp          sim.Dist // ms a party waits in a standby line before it gives up, drawn per party; nil: RenegeAfter × its patience
	WaitWeight      float64  // utility per minute of posted wait
	WalkWeight      float64  // utility per minute of walking
	RepeatPenalty   float64  // utility lost per earlier ride on the same attraction
	ElsewhereAppeal float64
	Elsewhere       sim.Dist  // ms spent elsewhere: at least MinElsewhere, and never past the party's leaving time or closing
	Lunch, Dinner   sim.Dist  // clock time (ms since midnight) a party gets hungry for each meal
	MobileOrder     float64   // share of parties that order meals ahead in the app
	MealShare       float64   // chance, for each meal, that a party eats it at a restaurant
	RenegeAfter     float64   // without GiveUp, a party gives up on a standby line after waiting this many times its patience; 0: never
	ChildHeight     sim.Dist  // cm, drawn for members after a party\'s first two (its children); nil: nobody is short
	Budget          sim.Dist  // cents each guest means to spend in the day (the party pools them); nil: no budget
	Personas        []Persona // kinds of party, drawn by share; none: everybody behaves by the defaults above
	Fatigue         Fatigue
}

// Fatigue is how tired a party gets, in points: walking and standing in
// lines add to it, resting (doing something elsewhere, sitting at a table,
// a break at the hotel) takes it away. Every attraction loses
// Weight·fatigue of utility, so a tired party rests more; at Exhausted it
// goes home.
type Fatigue struct {
	Walk      float64 // points per kilometre walked
	Queue     float64 // points per hour in a ride's line, boarded, given up on or sent away
	Rest      float64 // points shed per hour of rest
	Weight    float64 // utility per point, taken from every attraction
	Exhausted float64 // points at which a party goes home; 0: never
}

// Persona is a kind of party: its taste in attractions and, where set, its
// own patience, give-up patience, walking speed and stay in place of the
// guests' defaults.
type Persona struct {
	ID        string
	Share     float64            // relative share of parties
	Taste     map[string]float64 // utility added to attractions of each kind ("coaster", "show", …)
	Patience  sim.Dist           // nil: the guests' default
	GiveUp    sim.Dist           // nil: the guests' default
	WalkSpeed sim.Dist
	Stay      sim.Dist
}

// Unreachable lists the zones a guest cannot walk to from the entry zone,
// in index order.
func (c *Config) Unreachable() []int {
	n := len(c.Zones)
	if c.Entry.Zone < 0 || c.Entry.Zone >= n {
		return nil
	}
	adj := make([][]int, n)
	for _, p := range c.Paths {
		if p.From >= 0 && p.From < n && p.To >= 0 && p.To < n {
			adj[p.From] = append(adj[p.From], p.To)
			adj[p.To] = append(adj[p.To], p.From)
		}
	}
	seen := make([]bool, n)
	seen[c.Entry.Zone] = true
	stack := []int{c.Entry.Zone}
	for len(stack) > 0 {
		z := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, y := range adj[z] {
			if !seen[y] {
				seen[y] = true
				stack = append(stack, y)
			}
		}
	}
	var out []int
	for i, ok := range seen {
		if !ok {
			out = append(out, i)
		}
	}
	return out
}

// Merchant is a shop, a snack till or a photo spot where parties spending
// time elsewhere in its zone may buy something, paying with a band (or
// another way, and always so with the band system off). With
// Staff, buyers browse and then queue at a checkout of Staff clerks; at a
// photo spot ("photo") every visiting party queues for one of Staff
// photographers, who links the picture to its band, and buys it with
// BuyShare. Without Staff, the till takes the sale at once.
type Merchant struct {
	ID, Name string
	Zone     int
	Kind     string   // "food", "merchandise" or "photo": the revenue line it counts in
	BuyShare float64  // chance that a party spending time elsewhere in the zone buys here
	Basket   sim.Dist // cents per purchase
	Staff    int      // clerks at the checkout, or photographers, at the start of the day; 0: an unstaffed till
	StaffMax int      // with Staff, the most a staffing policy may put on (see Post); 0: Staff
	Serve    sim.Dist // ms per party with a clerk or a photographer
}

// Bands is the wristband system of a day: who has trouble with their band,
// the wallet and reservation rules, readers that fail, and how well the park
// senses its crowd. A nil *Bands turns the system off: every touch point
// lets guests through untracked, and they pay at tills another way.
type Bands struct {
	Forgotten     float64  // share of guests who arrive without their band
	Lost          float64  // share of guests who lose their band during the visit
	FoundTries    float64  // share of lost bands that somebody finds and tries at a till
	InvalidTicket float64  // share of guests whose ticket is not for today
	Resort        float64  // share of parties staying at a resort hotel
	MiddayBreak   float64  // share of resort parties who go back to their hotel midday
	BreakAt       sim.Dist // clock time (ms since midnight) they head back
	BreakFor      sim.Dist // ms at the hotel before they return
	Clones        int      // copies of real bands that fraudsters try at tills
	CloneTries    int      // tries per clone over the day

	PINAbove   int64    // cents above which a sale needs the PIN; 0: never
	WrongPIN   float64  // chance a guest keys in a wrong PIN first
	DailyLimit sim.Dist // cents a band may charge in the day, drawn per guest; const 0: no limit
	ChildTaps  float64  // chance that a child's band is tapped first at a till (and refused)
	Retries    float64  // chance that a till sends a sale twice (a network retry)
	PhotoBuy   float64  // share of riding parties that buy the on-ride photo

	ReservationShare float64  // share of parties holding one return window
	ReservationRides []int    // attractions that offer return windows
	ReservationSpan  sim.Time // length of a return window
	PriorityShare    float64  // share of each vehicle's seats kept for the reservation line

	GuestRelations    int      // desks at guest relations, in the entry zone, staffed at the start of the day
	GuestRelationsMax int      // the most desks a staffing policy may staff (see Post); 0: GuestRelations
	RelationsTime     sim.Dist // ms per guest at the desk
	ManualCheck       sim.Time // extra time per guest when staff check by hand

	Incidents []ReaderIncident
	Sensing   SensingConfig
}

// ReaderIncident takes the readers of one name out of service for a while.
type ReaderIncident struct {
	Reader   string // a name from Config.ReaderNames
	From, To sim.Time
}

// SensingConfig is the sensor's tick, delay and detection probability.
type SensingConfig struct {
	Every  sim.Time
	Delay  sim.Time
	Detect float64
}

// Stops reports whether parties ever stop in zone z: the entry zone, and
// zones with an attraction or a restaurant. They only walk through the
// others.
func (c *Config) Stops(z int) bool {
	if z == c.Entry.Zone {
		return true
	}
	for _, r := range c.Restaurants {
		if r.Zone == z {
			return true
		}
	}
	for _, a := range c.Attractions {
		if a.Zone == z {
			return true
		}
	}
	return false
}

// ReaderNames lists the names of the readers the park installs, in the
// order it installs them: "gate", "exit", "resort-bus", then per attraction
// ID/boarding, ID/reservation (if it offers return windows), ID/photo and
// ID/photo-pos (if it sells photos: the camera, then the till at the exit),
// then per restaurant ID/pos and, at counter service, ID/app (the remote
// till of orders placed in the app), then per merchant ID/camera (a photo spot
// with photographers) and ID/pos. Hotel room doors ("room") come after, one
// per resort party.
func (c *Config) ReaderNames() []string {
	names := []string{"gate", "exit", "resort-bus"}
	offers := map[int]bool{}
	if c.Bands != nil {
		for _, a := range c.Bands.ReservationRides {
			offers[a] = true
		}
	}
	for i, a := range c.Attractions {
		names = append(names, a.ID+"/boarding")
		if offers[i] {
			names = append(names, a.ID+"/reservation")
		}
		if a.PhotoPrice > 0 {
			names = append(names, a.ID+"/photo", a.ID+"/photo-pos")
		}
	}
	for _, r := range c.Restaurants {
		names = append(names, r.ID+"/pos")
		if !r.TableService {
			names = append(names, r.ID+"/app")
		}
	}
	for _, m := range c.Merchants {
		if m.photographers() {
			names = append(names, m.ID+"/camera")
		}
		names = append(names, m.ID+"/pos")
	}
	return names
}

// photographers reports whether the merchant is a photo spot with staff
// taking pictures.
func (m *Merchant) photographers() bool { return m.Kind == "photo" && m.Staff > 0 }
