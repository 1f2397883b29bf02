package wristband

import (
	"fmt"

	"parksim/sim"
)

// PIN is what a guest keyed in with a tap.
type PIN uint8

const (
	NoPIN PIN = iota
	RightPIN
	WrongPINEntered
)

// Tap is one touch of a band on a reader.
type Tap struct {
	ID     TapID // a retry of the same tap on the same reader repeats its id
	At     sim.Time
	Band   BandID
	Reader ReaderID
	Amount Cents // points of sale: the charge asked for
	PIN    PIN
}

// Record is one line of the tap log. Its fields are ordered to keep it at
// 40 bytes: a day logs about fifteen per guest.
type Record struct {
	At     sim.Time
	ID     TapID
	Amount Cents // charged
	Band   BandID
	Guest  GuestID // -1 for an unknown band
	Reader ReaderID
	Reason Reason
}

// Config sets what the platform cannot know by itself.
type Config struct {
	Day int // the simulated day's number, for ticket validity
	// Metres returns the walking distance between two zones; MaxSpeed is the
	// fastest a guest moves (m/s). A band seen twice farther apart than that
	// allows, with a second and a thousandth of the time between the
	// sightings to spare for walk times rounded to the clock, is a clone: a
	// genuine guest is never flagged. A nil Metres turns clone detection off.
	Metres   func(a, b int32) float64
	MaxSpeed float64
	// Expected guests and taps, to size the tables once instead of growing
	// them; 0 is fine, just slower for a large day.
	ExpectGuests, ExpectTaps int
}

// System is the band platform of one park day. It is driven by one engine's
// handlers and is not safe for concurrent use.
type System struct {
	cfg     Config
	guests  []guestState
	bands   []band
	readers []Reader
	log     []Record
	ledger  Ledger
	wallets []AccountID // per guest
	clones  int
}

// NewSystem returns an empty platform.
func NewSystem(cfg Config) *System {
	return &System{
		cfg:     cfg,
		guests:  make([]guestState, 0, cfg.ExpectGuests),
		bands:   make([]band, 0, cfg.ExpectGuests+cfg.ExpectGuests/50),
		wallets: make([]AccountID, 0, cfg.ExpectGuests),
		log:     make([]Record, 0, cfg.ExpectTaps),
	}
}

// AddGuest opens an account with g's entitlements and a wallet in the
// ledger, and issues its first band.
func (s *System) AddGuest(g Guest) (GuestID, BandID) {
	id := GuestID(len(s.guests))
	g.Reservations = append([]Reservation(nil), g.Reservations...) // ours to mark used
	s.guests = append(s.guests, guestState{Guest: g, band: -1, ownID: -1})
	s.wallets = append(s.wallets, s.ledger.open())
	return id, s.Issue(id)
}

// Issue makes a new band for guest g; it carries g's entitlements from now
// on, and the band it replaces (if any) is refused from this moment.
func (s *System) Issue(g GuestID) BandID {
	gs := &s.guests[g]
	if old := gs.band; old >= 0 && s.band(old).state == Active {
		s.band(old).state = Replaced
	}
	b := BandID(len(s.bands))
	s.bands = append(s.bands, band{guest: g, state: Active})
	if gs.band < 0 && GuestID(b) == g {
		// Its first band has the guest's own id: keep it in the guest's
		// record (the entry in bands stays as the id's placeholder).
		gs.ownID, gs.own = b, s.bands[b]
	}
	gs.band = b
	return b
}

// band returns band b's record: in its guest's record when it is the
// guest's first band under the guest's own id, in bands otherwise.
func (s *System) band(b BandID) *band {
	if int(b) < len(s.guests) && s.guests[b].ownID == b {
		return &s.guests[b].own
	}
	return &s.bands[b]
}

// ReportLost marks band b lost: it is refused from now on. The guest gets a
// new one with Issue.
func (s *System) ReportLost(b BandID) {
	if rec := s.band(b); rec.state == Active {
		rec.state = Lost
	}
}

// AddReader installs a reader. A hotel door must name a room (≥ 1).
func (s *System) AddReader(r Reader) ReaderID {
	if r.Kind == HotelDoor && r.Target < 1 {
		panic(fmt.Sprintf("wristband: hotel door %q for room %d", r.Name, r.Target))
	}
	s.readers = append(s.readers, r)
	return ReaderID(len(s.readers) - 1)
}

// OpenMerchant opens a merchant's account in the ledger. The caller keeps
// what the account is (a till's revenue line, say): the ledger only counts.
func (s *System) OpenMerchant() AccountID {
	return s.ledger.open()
}

// Tap decides a tap, records it in the log and, for a granted sale, posts
// the charge to the ledger. A retry (a till resending its last tap: the same
// nonzero tap id on the same reader as its last tap) returns the first
// decision and is neither recorded nor charged again. Taps on a point of sale
// name the merchant account in the reader's Target. A zone sensor takes no
// taps, and a negative sale is a bug: both panic.
func (s *System) Tap(t Tap) Decision {
	r := &s.readers[t.Reader]
	if r.Kind == ZoneSensor {
		panic("wristband: a zone sensor pings, it takes no taps")
	}
	if t.Amount < 0 {
		panic(fmt.Sprintf("wristband: a tap asking for %d cents", t.Amount))
	}
	if t.ID != 0 && t.ID == r.lastTap {
		return r.lastDecision
	}
	var b *band // nil for a band the platform never issued
	guest := GuestID(-1)
	if t.Band >= 0 && int(t.Band) < len(s.bands) {
		b = s.band(t.Band)
		guest = b.guest
	}
	d := s.decide(&t, r, b)
	d.Sale = -1
	if d.Granted() && r.Kind == PointOfSale {
		d.Sale = len(s.log)
		s.ledger.post(s.wallets[guest], AccountID(r.Target), t.Amount, d.Sale)
	}
	if len(s.log) == cap(s.log) {
		// Double, rather than append's quarter for large slices: the log is
		// the largest table of a day, and each growth copies all of it.
		s.log = append(make([]Record, 0, max(1024, 2*cap(s.log))), s.log...)
	}
	s.log = append(s.log, Record{At: t.At, ID: t.ID, Band: t.Band, Guest: guest, Reader: t.Reader, Amount: d.Amount, Reason: d.Reason})
	r.lastTap, r.lastDecision = t.ID, d
	return d
}

// decide is the answer to tap t at reader r by band b (nil: unknown).
func (s *System) decide(t *Tap, r *Reader, b *band) Decision {
	if r.downAt(t.At) {
		return Decision{Reason: ReaderOutOfService}
	}
	if b == nil {
		return Decision{Reason: UnknownBand}
	}
	switch b.state {
	case Lost:
		return Decision{Reason: BandLost}
	case Deactivated, Replaced:
		return Decision{Reason: BandDeactivated}
	}
	if !r.Remote && s.cloneSeen(b, r.Zone, t.At) {
		return Decision{Reason: BandDeactivated}
	}
	g := &s.guests[b.guest]
	switch r.Kind {
	case EntryGate:
		switch {
		case !g.Ticket.validOn(s.cfg.Day):
			return Decision{Reason: NoTicket}
		case g.inside:
			return Decision{Reason: AlreadyInside}
		}
		g.inside = true
	case ExitGate:
		if !g.inside {
			return Decision{Reason: NotInside}
		}
		g.inside = false
	case ReservationGate:
		// The guest's reservation here: the unused one open now (the first
		// to close, if several), else the
		// next unused one to open, else the last to have closed, else a used
		// one; so the answer never depends on the order of the list.
		k := -1
		rank := func(res *Reservation) (int, sim.Time) {
			switch {
			case res.used:
				return 0, 0
			case t.At >= res.To:
				return 1, res.To // passed: the latest is the nearest
			case t.At < res.From:
				return 2, -res.From // not open: the soonest is the nearest
			}
			return 3, -res.To // open: the first to close is the one to use
		}
		for i := range g.Reservations {
			res := &g.Reservations[i]
			if res.Attraction != r.Target {
				continue
			}
			if k < 0 {
				k = i
				continue
			}
			ri, ti := rank(res)
			rk, tk := rank(&g.Reservations[k])
			if ri > rk || (ri == rk && ti > tk) {
				k = i
			}
		}
		switch {
		case k < 0:
			return Decision{Reason: NoReservation}
		case g.Reservations[k].used:
			return Decision{Reason: ReservationUsed}
		case t.At < g.Reservations[k].From:
			return Decision{Reason: WindowNotOpen}
		case t.At >= g.Reservations[k].To:
			return Decision{Reason: WindowPassed}
		}
		g.Reservations[k].used = true
	case Boarding, Bus:
		if !g.Ticket.validOn(s.cfg.Day) {
			return Decision{Reason: NoTicket}
		}
	case HotelDoor:
		switch {
		case g.Stay.Room != r.Target:
			return Decision{Reason: WrongRoom}
		case t.At < g.Stay.CheckIn || t.At >= g.Stay.CheckOut:
			return Decision{Reason: OutsideStay}
		}
	case PhotoPoint:
		g.photos++
	case PointOfSale:
		w := &g.Wallet
		needPIN := w.PINAbove > 0 && t.Amount > w.PINAbove
		switch {
		case !w.CardOnFile || !w.Charging:
			return Decision{Reason: ChargingDisabled}
		case needPIN && t.PIN == NoPIN:
			return Decision{Reason: PINRequired}
		case needPIN && t.PIN == WrongPINEntered:
			return Decision{Reason: WrongPIN}
		case w.DailyLimit > 0 && g.spent+t.Amount > w.DailyLimit:
			return Decision{Reason: OverDailyLimit}
		}
		g.spent += t.Amount
		return Decision{Amount: t.Amount}
	}
	return Decision{}
}

// cloneSeen updates where band b was last seen and reports whether this
// sighting is too far from the last one for one guest to have walked: then
// the band is switched off as a suspected clone.
//
// Times are whole milliseconds, so every walk may end up to half a
// millisecond before its exact time, and a guest can chain walks with no tap
// between (skipping a line, finding a ride stopped): over k walks the clock
// can run k/2 ms short of the distance. The gap is granted travelSlack plus
// a travelShare of itself, which covers 2,000 walks plus two a second of the
// gap: no realistic chain, and so no genuine walker, is flagged by rounding.
// It costs no realistic catch: a clone is seen in two places minutes apart,
// not within a second of what the fastest walk takes.
func (s *System) cloneSeen(b *band, zone int32, at sim.Time) bool {
	if s.cfg.Metres == nil {
		return false
	}
	if b.seen && zone != b.zone {
		gap := at - b.at
		if s.cfg.Metres(b.zone, zone) > s.cfg.MaxSpeed*(gap+travelSlack+gap/travelShare).Seconds() {
			b.state, b.cloned = Deactivated, true
			s.clones++
			return true
		}
	}
	b.seen, b.zone, b.at = true, zone, at
	return false
}

// The travel check's allowance for walk times rounded to the clock: a
// second, and a thousandth of the gap (see cloneSeen).
const (
	travelSlack = sim.Second
	travelShare = 1000
)

// Log is the tap log, in the order the taps happened. It is append-only:
// callers must not modify it.
func (s *System) Log() []Record { return s.log }

// Ledger is the day's book.
func (s *System) Ledger() *Ledger { return &s.ledger }

// Wallet is guest g's wallet account in the ledger.
func (s *System) Wallet(g GuestID) AccountID { return s.wallets[g] }

// Reader returns reader id.
func (s *System) Reader(id ReaderID) *Reader { return &s.readers[id] }

// Readers is the number of readers installed.
func (s *System) Readers() int { return len(s.readers) }

// BandOf is the band now carrying guest g's entitlements.
func (s *System) BandOf(g GuestID) BandID { return s.guests[g].band }

// State is band b's state.
func (s *System) State(b BandID) BandState { return s.band(b).state }

// Cloned reports whether band b was switched off as a suspected clone.
func (s *System) Cloned(b BandID) bool { return s.band(b).cloned }

// LastSeen is where and when clone detection last saw band b (a tap at a
// reader that is not remote, while the band was active); ok is false before
// its first sighting. A tap that changes it was a sighting: what a caller
// tracking who made each tap needs to tell whose pair of sightings switched
// a band off.
func (s *System) LastSeen(b BandID) (zone int32, at sim.Time, ok bool) {
	bd := s.band(b)
	return bd.zone, bd.at, bd.seen
}

// ClonesCaught counts bands switched off as suspected clones.
func (s *System) ClonesCaught() int { return s.clones }

// Bands is the number of bands issued, replacements included.
func (s *System) Bands() int { return len(s.bands) }

// Spent is what guest g's band charged today.
func (s *System) Spent(g GuestID) Cents { return s.guests[g].spent }

// Photos counts the photos guest g's taps linked to the party's album.
func (s *System) Photos(g GuestID) int { return int(s.guests[g].photos) }

// TicketValid reports whether guest g's ticket is good for the simulated day.
func (s *System) TicketValid(g GuestID) bool {
	return s.guests[g].Ticket.validOn(s.cfg.Day)
}

// SetTicket replaces guest g's ticket.
func (s *System) SetTicket(g GuestID, t Ticket) { s.guests[g].Ticket = t }

// SellTicket gives guest g a ticket for the simulated day (guest relations
// sold one).
func (s *System) SellTicket(g GuestID) {
	s.SetTicket(g, Ticket{FirstDay: s.cfg.Day, LastDay: s.cfg.Day})
}

// Inside reports whether guest g has entered through a gate and not left.
func (s *System) Inside(g GuestID) bool { return s.guests[g].inside }

// Refund reverses a granted sale (its Decision.Sale), once: the wallet gets
// the money back and the sale no longer counts against the daily limit. It
// reports false when there is no such sale or it was refunded already.
func (s *System) Refund(sale int) bool {
	c, ok := s.ledger.refund(sale)
	if ok {
		s.guests[s.log[sale].Guest].spent -= c.Amount
	}
	return ok
}
