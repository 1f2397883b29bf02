package wristband

// Reason says why a tap was denied; Granted means it was not.
type Reason uint8

const (
	Granted            Reason = iota
	UnknownBand               // no such band
	BandLost                  // reported lost
	BandDeactivated           // switched off, or replaced by a newer band
	NoTicket                  // no ticket valid today
	AlreadyInside             // entry twice without an exit (anti-passback)
	NotInside                 // exit without an entry
	NoReservation             // no reservation for this attraction
	WindowNotOpen             // the reservation's return window has not opened yet
	WindowPassed              // the reservation's return window is over
	ReservationUsed           // the reservation was already used
	WrongRoom                 // the band opens another room, or none
	OutsideStay               // the room's stay has not begun or is over
	PINRequired               // the amount needs a PIN and none was given
	WrongPIN                  // the PIN given was wrong
	OverDailyLimit            // the charge would pass the band's daily limit
	ChargingDisabled          // the band cannot charge (a child's band, no card on file)
	ReaderOutOfService        // the reader is down
	reasons
)

var reasonNames = [reasons]string{
	"granted", "unknown-band", "band-lost", "band-deactivated", "no-ticket", "already-inside", "not-inside",
	"no-reservation", "window-not-open", "window-passed", "reservation-used", "wrong-room", "outside-stay",
	"pin-required", "wrong-pin", "over-daily-limit", "charging-disabled", "reader-out-of-service",
}

// String is the reason's code as it appears in taps.csv and summary.json.
func (r Reason) String() string { return reasonNames[r] }

// Reasons lists every reason code in order, Granted first.
func Reasons() []Reason {
	out := make([]Reason, reasons)
	for i := range out {
		out[i] = Reason(i)
	}
	return out
}

// Decision is a reader's answer to a tap.
type Decision struct {
	Reason Reason
	Amount Cents // charged (points of sale), 0 otherwise
	Sale   int   // a granted sale's record in the tap log, for refunds; -1 otherwise
}

// Granted reports whether the tap was accepted.
func (d Decision) Granted() bool { return d.Reason == Granted }

// Remedy is what a guest does after a denial: the park's standing answer
// to each reason, which the park's guests follow.
type Remedy uint8

const (
	Proceed        Remedy = iota // granted: carry on
	GuestRelations               // get a new band (or a ticket sorted) at guest relations, then try again
	ManualCheck                  // a staffed check at the same place, slower than a tap
	Refused                      // turned back: the tap was not the band's guest (passback, a found band)
	EnterPIN                     // key in the PIN and tap again
	PayAnotherWay                // pay with a card or cash at the till: not through the band
	Standby                      // join the standby line instead
	ComeBackLater                // the return window opens later
	FrontDesk                    // the hotel's front desk sorts the room out
	remedies
)

var remedyNames = [remedies]string{"proceed", "guest-relations", "manual-check", "refused", "enter-pin",
	"pay-another-way", "standby", "come-back-later", "front-desk"}

func (m Remedy) String() string { return remedyNames[m] }

var remedyOf = [reasons]Remedy{
	Granted:            Proceed,
	UnknownBand:        GuestRelations,
	BandLost:           Refused, // a lost band in someone's hand is not its guest
	BandDeactivated:    GuestRelations,
	NoTicket:           GuestRelations,
	AlreadyInside:      Refused,
	NotInside:          ManualCheck,
	NoReservation:      Standby,
	WindowNotOpen:      ComeBackLater,
	WindowPassed:       Standby,
	ReservationUsed:    Standby,
	WrongRoom:          FrontDesk,
	OutsideStay:        FrontDesk,
	PINRequired:        EnterPIN,
	WrongPIN:           EnterPIN,
	OverDailyLimit:     PayAnotherWay,
	ChargingDisabled:   PayAnotherWay,
	ReaderOutOfService: ManualCheck,
}

// Remedy is what a guest does after a tap denied for reason r.
func (r Reason) Remedy() Remedy { return remedyOf[r] }
