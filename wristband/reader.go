package wristband

import "parksim/sim"

// ReaderKind is what a reader guards.
type ReaderKind uint8

const (
	EntryGate       ReaderKind = iota // turnstile into the park, with anti-passback
	ExitGate                          // turnstile out of the park
	ReservationGate                   // a ride's reservation entrance
	Boarding                          // a ride's boarding gate
	PointOfSale                       // a till at a restaurant, shop or photo counter
	HotelDoor                         // a room door
	Bus                               // a resort bus door
	PhotoPoint                        // an on-ride camera or a photographer: links photos to the album
	ZoneSensor                        // long-range reader: pings, never taps
	readerKinds
)

var readerKindNames = [readerKinds]string{"entry", "exit", "reservation", "boarding", "pos", "hotel-door", "bus", "photo", "zone"}

func (k ReaderKind) String() string { return readerKindNames[k] }

// Reader is a touch point. Its Target is what it guards: the attraction of a
// reservation or boarding reader, the merchant of a till, the room of a door.
//
// A Remote reader takes taps from wherever the guest is (an order placed in
// the app, charged to the band on file): its taps are decided like any other
// but say nothing about where the band is, so clone detection ignores them.
// Its Zone is the place it serves (a remote till's restaurant), not where
// the band was.
type Reader struct {
	Name   string
	Kind   ReaderKind
	Zone   int32
	Target int32
	Remote bool
	Down   []Window // out of service in these windows

	lastTap      TapID // for recognising a retried tap
	lastDecision Decision
}

// Window is a span of simulated time, [From, To).
type Window struct{ From, To sim.Time }

func (r *Reader) downAt(t sim.Time) bool {
	for _, w := range r.Down {
		if t >= w.From && t < w.To {
			return true
		}
	}
	return false
}
