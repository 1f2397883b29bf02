package wristband

import "parksim/sim"

// Dense ids of the platform's entities.
type (
	BandID   int32 // a physical band
	GuestID  int32 // a guest account: entitlements belong to it, bands point to it
	ReaderID int32
	TapID    uint64 // chosen by the reader; a retried tap keeps its id
)

// Cents is money in the park's currency, in hundredths.
type Cents int64

// BandState is where a band is in its life.
type BandState uint8

const (
	Active      BandState = iota
	Lost                  // reported lost: refused from then on
	Deactivated           // switched off by the park (for example, suspected clone)
	Replaced              // a new band took over its guest's entitlements
)

var bandStateNames = [...]string{"active", "lost", "deactivated", "replaced"}

func (s BandState) String() string { return bandStateNames[s] }

// Ticket is a park ticket valid from FirstDay to LastDay (day numbers of the
// scenario's calendar; the simulated day is day 0).
type Ticket struct {
	FirstDay, LastDay int
}

// validOn reports whether the ticket is good on day.
func (t Ticket) validOn(day int) bool { return day >= t.FirstDay && day <= t.LastDay }

// Stay is a resort guest's hotel stay; Room 0 means no stay.
type Stay struct {
	Room              int32
	CheckIn, CheckOut sim.Time
}

// Wallet is the payment entitlement: a card on file, charged by tapping.
type Wallet struct {
	CardOnFile bool
	Charging   bool  // off for children's bands
	PINAbove   Cents // purchases above this need the guest's PIN; 0: never
	DailyLimit Cents // most the band may charge in the day; 0: no limit
}

// Reservation is a return window at one attraction, usable once.
type Reservation struct {
	Attraction int32
	From, To   sim.Time
	used       bool
}

// Guest is one guest's entitlements.
type Guest struct {
	Ticket       Ticket
	Stay         Stay
	Wallet       Wallet
	Reservations []Reservation
}

// guestState is a guest with what the platform tracks during the day.
//
// Its fields are ordered so that what a tap reads (the band, its state, the
// gate flag, the ticket) lies within 64 bytes of the record, one or two
// adjacent cache lines: a tap is one random access, not three.
type guestState struct {
	band   BandID // the band now carrying the guest's entitlements
	inside bool   // entered through a gate and not yet out (anti-passback)
	photos int32  // photos linked to the album by this guest's taps
	ownID  BandID // the id of own, -1 when the guest's first band lives in System.bands
	spent  Cents  // charged today
	own    band   // the guest's first band, when its id is the guest's own (the usual case)
	Guest
}

// band is one physical band.
type band struct {
	at     sim.Time
	guest  GuestID
	zone   int32
	state  BandState
	seen   bool // zone and at are valid
	cloned bool // flagged by clone detection
}
