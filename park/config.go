package park

import "parksim/sim"

// Config is a complete, validated description of one park day. The
// scenarios package builds it from a file; every index refers into the
// slices of the same Config.
type Config struct {
	Name        string
	Open, Close sim.Time // gates and attractions open; attractions stop taking guests
	Zones       []Zone
	Paths       []Path
	Entry       Entry
	Attractions []Attraction
	Arrivals    Arrivals
	Guests      Guests
}

// Zone is a node of the layout graph: a land, a plaza, a crossing.
type Zone struct {
	ID, Name string
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
}

// Attraction is a ride or show that dispatches a vehicle (a train, a boat, a
// show) of VehicleCapacity riders every DispatchEvery while guests wait.
type Attraction struct {
	ID, Name        string
	Zone            int
	Kind            string // free-form type: "coaster", "dark", "boat", "show", …
	VehicleCapacity int
	DispatchEvery   sim.Time
	RideTime        sim.Time
	Appeal          float64 // utility of riding once, before waits and walking
}

// HourlyCapacity is the number of riders the attraction can carry in an
// hour: VehicleCapacity × dispatches per hour.
func (a *Attraction) HourlyCapacity() float64 {
	return float64(a.VehicleCapacity) * float64(sim.Hour) / float64(a.DispatchEvery)
}

// Arrivals says how many guests come and when. Parties are drawn until their
// sizes add up to at least Guests; each party's arrival time follows Hourly,
// the relative weight of each hour starting at From.
type Arrivals struct {
	Guests    int
	From      sim.Time
	Hourly    []float64
	PartySize sim.Dist // guests per party, rounded to a whole number ≥ 1
}

// Guests is how guests behave. The choice of the next activity is a
// multinomial logit: each open attraction has utility
//
//	Appeal − WaitWeight·(posted wait, min) − WalkWeight·(walk, min) − RepeatPenalty·(times ridden)
//
// and doing something else (eating, shopping, resting: the outside option)
// has utility ElsewhereAppeal and lasts Elsewhere.
type Guests struct {
	WalkSpeed       sim.Dist // metres per second
	Stay            sim.Dist // ms from entering to heading for the exit
	Patience        sim.Dist // ms: the longest posted wait a party will join
	WaitWeight      float64  // utility per minute of posted wait
	WalkWeight      float64  // utility per minute of walking
	RepeatPenalty   float64  // utility lost per earlier ride on the same attraction
	ElsewhereAppeal float64
	Elsewhere       sim.Dist // ms spent elsewhere
}
