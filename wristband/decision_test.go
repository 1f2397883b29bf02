package wristband

import (
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// merchant is the account the decision table's tills credit: decide opens
// it before any guest, so it is account 0.
const merchant AccountID = 0

// Which band a decision row taps with.
type whichBand uint8

const (
	currentBand whichBand = iota // the band now carrying the guest's entitlements
	firstBand                    // the band AddGuest issued, even if replaced since
	literalBand                  // Tap.Band exactly as the row gives it
)

// decisionRow is one line of the decision table: the smallest park that
// reaches a decision, and the decision with the guest's next action.
type decisionRow struct {
	name    string
	cfg     Config
	guest   Guest
	readers []Reader // installed in order: Tap.Reader indexes this list
	before  []Tap    // earlier taps of the guest's band, each of which must be granted
	lost    bool     // report the guest's band lost after the earlier taps
	reissue bool     // then issue the guest a new band
	band    whichBand
	tap     Tap
	want    Reason
	remedy  Remedy
	amount  Cents
}

// Shorthands for the rows.
var (
	today   = Ticket{FirstDay: 0, LastDay: 0}
	wallet  = Wallet{CardOnFile: true, Charging: true}
	stay412 = Stay{Room: 412, CheckIn: 15 * sim.Hour, CheckOut: 35 * sim.Hour} // 15:00 to 11:00 next morning

	entry       = Reader{Name: "main-gate", Kind: EntryGate, Zone: 1}
	exit        = Reader{Name: "main-exit", Kind: ExitGate, Zone: 1}
	reservation = Reader{Name: "coaster-reservation", Kind: ReservationGate, Zone: 2, Target: 7}
	boarding    = Reader{Name: "coaster-boarding", Kind: Boarding, Zone: 2, Target: 7}
	till        = Reader{Name: "shop-till", Kind: PointOfSale, Zone: 3, Target: int32(merchant)}
	door412     = Reader{Name: "room-412", Kind: HotelDoor, Zone: 9, Target: 412}
	door413     = Reader{Name: "room-413", Kind: HotelDoor, Zone: 9, Target: 413}
	bus         = Reader{Name: "resort-bus", Kind: Bus, Zone: 8}
	photo       = Reader{Name: "coaster-camera", Kind: PhotoPoint, Zone: 2, Target: 7}

	coaster10to11 = []Reservation{{Attraction: 7, From: 10 * sim.Hour, To: 11 * sim.Hour}}
)

func withDown(r Reader, w ...Window) Reader {
	r.Down = w
	return r
}

// zonesApart puts every two distinct zones 1000 m apart.
func zonesApart(a, b int32) float64 {
	if a == b {
		return 0
	}
	return 1000
}

var decisionTable = []decisionRow{
	// Granted at every kind of reader that takes taps.
	{name: "entry granted", guest: Guest{Ticket: today}, readers: []Reader{entry},
		tap: Tap{At: 9 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "exit granted after entry", guest: Guest{Ticket: today}, readers: []Reader{entry, exit},
		before: []Tap{{At: 9 * sim.Hour, Reader: 0}},
		tap:    Tap{At: 17 * sim.Hour, Reader: 1}, want: Granted, remedy: Proceed},
	{name: "reservation granted inside its window", guest: Guest{Ticket: today, Reservations: coaster10to11}, readers: []Reader{reservation},
		tap: Tap{At: 10*sim.Hour + 30*sim.Minute}, want: Granted, remedy: Proceed},
	{name: "boarding granted", guest: Guest{Ticket: today}, readers: []Reader{boarding},
		tap: Tap{At: 10 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "pos granted charges the amount", guest: Guest{Ticket: today, Wallet: wallet}, readers: []Reader{till},
		tap: Tap{At: 12 * sim.Hour, Amount: 1250}, want: Granted, remedy: Proceed, amount: 1250},
	{name: "hotel door granted in the stay", guest: Guest{Stay: stay412}, readers: []Reader{door412},
		tap: Tap{At: 22 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "bus granted", guest: Guest{Ticket: today}, readers: []Reader{bus},
		tap: Tap{At: 8 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "photo granted", guest: Guest{Ticket: today}, readers: []Reader{photo},
		tap: Tap{At: 10 * sim.Hour}, want: Granted, remedy: Proceed},

	// Bands.
	{name: "unknown band id", guest: Guest{Ticket: today}, readers: []Reader{entry},
		band: literalBand, tap: Tap{At: 9 * sim.Hour, Band: 99}, want: UnknownBand, remedy: GuestRelations},
	{name: "negative band id", guest: Guest{Ticket: today}, readers: []Reader{entry},
		band: literalBand, tap: Tap{At: 9 * sim.Hour, Band: -1}, want: UnknownBand, remedy: GuestRelations},
	{name: "lost band refused", guest: Guest{Ticket: today}, readers: []Reader{entry},
		lost: true, tap: Tap{At: 9 * sim.Hour}, want: BandLost, remedy: Refused},
	{name: "lost band still refused as lost after a new band", guest: Guest{Ticket: today}, readers: []Reader{entry},
		lost: true, reissue: true, band: firstBand, tap: Tap{At: 9 * sim.Hour}, want: BandLost, remedy: Refused},
	{name: "new band after a loss works", guest: Guest{Ticket: today}, readers: []Reader{entry},
		lost: true, reissue: true, tap: Tap{At: 9 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "replaced band refused", guest: Guest{Ticket: today}, readers: []Reader{entry},
		reissue: true, band: firstBand, tap: Tap{At: 9 * sim.Hour}, want: BandDeactivated, remedy: GuestRelations},
	{name: "new band inherits the ticket", guest: Guest{Ticket: today}, readers: []Reader{entry},
		reissue: true, tap: Tap{At: 9 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "new band inherits the reservation", guest: Guest{Ticket: today, Reservations: coaster10to11}, readers: []Reader{reservation},
		reissue: true, tap: Tap{At: 10 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "new band inherits a used reservation", guest: Guest{Ticket: today, Reservations: coaster10to11}, readers: []Reader{reservation},
		before:  []Tap{{At: 10 * sim.Hour}},
		reissue: true, tap: Tap{At: 10*sim.Hour + sim.Minute}, want: ReservationUsed, remedy: Standby},
	{name: "new band inherits being inside", guest: Guest{Ticket: today}, readers: []Reader{entry, exit},
		before:  []Tap{{At: 9 * sim.Hour, Reader: 0}},
		reissue: true, tap: Tap{At: 17 * sim.Hour, Reader: 1}, want: Granted, remedy: Proceed},
	{name: "new band inherits the wallet", guest: Guest{Ticket: today, Wallet: wallet}, readers: []Reader{till},
		reissue: true, tap: Tap{At: 12 * sim.Hour, Amount: 800}, want: Granted, remedy: Proceed, amount: 800},
	{name: "clone: 1000 m in 10 s at 5 m/s", cfg: Config{Metres: zonesApart, MaxSpeed: 5},
		guest: Guest{Ticket: today}, readers: []Reader{entry, boarding},
		before: []Tap{{At: 9 * sim.Hour, Reader: 0}},
		tap:    Tap{At: 9*sim.Hour + 10*sim.Second, Reader: 1}, want: BandDeactivated, remedy: GuestRelations},

	// Ticket.
	{name: "entry with a ticket for later days", guest: Guest{Ticket: Ticket{FirstDay: 1, LastDay: 3}}, readers: []Reader{entry},
		tap: Tap{At: 9 * sim.Hour}, want: NoTicket, remedy: GuestRelations},
	{name: "entry with an expired ticket", cfg: Config{Day: 5}, guest: Guest{Ticket: Ticket{FirstDay: 1, LastDay: 4}}, readers: []Reader{entry},
		tap: Tap{At: 9 * sim.Hour}, want: NoTicket, remedy: GuestRelations},
	{name: "entry on the ticket's last day", cfg: Config{Day: 4}, guest: Guest{Ticket: Ticket{FirstDay: 1, LastDay: 4}}, readers: []Reader{entry},
		tap: Tap{At: 9 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "boarding without a ticket", guest: Guest{Ticket: Ticket{FirstDay: 1, LastDay: 1}}, readers: []Reader{boarding},
		tap: Tap{At: 10 * sim.Hour}, want: NoTicket, remedy: GuestRelations},
	{name: "bus without a ticket", guest: Guest{Ticket: Ticket{FirstDay: 1, LastDay: 1}}, readers: []Reader{bus},
		tap: Tap{At: 8 * sim.Hour}, want: NoTicket, remedy: GuestRelations},

	// Anti-passback.
	{name: "entry twice without exit", guest: Guest{Ticket: today}, readers: []Reader{entry},
		before: []Tap{{At: 9 * sim.Hour}},
		tap:    Tap{At: 9*sim.Hour + sim.Minute}, want: AlreadyInside, remedy: Refused},
	{name: "exit then entry again", guest: Guest{Ticket: today}, readers: []Reader{entry, exit},
		before: []Tap{{At: 9 * sim.Hour, Reader: 0}, {At: 12 * sim.Hour, Reader: 1}},
		tap:    Tap{At: 13 * sim.Hour, Reader: 0}, want: Granted, remedy: Proceed},
	{name: "exit without entry", guest: Guest{Ticket: today}, readers: []Reader{exit},
		tap: Tap{At: 17 * sim.Hour}, want: NotInside, remedy: ManualCheck},
	{name: "exit twice", guest: Guest{Ticket: today}, readers: []Reader{entry, exit},
		before: []Tap{{At: 9 * sim.Hour, Reader: 0}, {At: 12 * sim.Hour, Reader: 1}},
		tap:    Tap{At: 12*sim.Hour + sim.Minute, Reader: 1}, want: NotInside, remedy: ManualCheck},

	// Reservations.
	{name: "no reservation at all", guest: Guest{Ticket: today}, readers: []Reader{reservation},
		tap: Tap{At: 10 * sim.Hour}, want: NoReservation, remedy: Standby},
	{name: "reservation only for another attraction", guest: Guest{Ticket: today, Reservations: []Reservation{{Attraction: 8, From: 10 * sim.Hour, To: 11 * sim.Hour}}},
		readers: []Reader{reservation}, tap: Tap{At: 10 * sim.Hour}, want: NoReservation, remedy: Standby},
	{name: "reservation before its window", guest: Guest{Ticket: today, Reservations: coaster10to11}, readers: []Reader{reservation},
		tap: Tap{At: 10*sim.Hour - sim.Millisecond}, want: WindowNotOpen, remedy: ComeBackLater},
	{name: "reservation at the window's start", guest: Guest{Ticket: today, Reservations: coaster10to11}, readers: []Reader{reservation},
		tap: Tap{At: 10 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "reservation at the window's end (exclusive)", guest: Guest{Ticket: today, Reservations: coaster10to11}, readers: []Reader{reservation},
		tap: Tap{At: 11 * sim.Hour}, want: WindowPassed, remedy: Standby},
	{name: "reservation after its window", guest: Guest{Ticket: today, Reservations: coaster10to11}, readers: []Reader{reservation},
		tap: Tap{At: 16 * sim.Hour}, want: WindowPassed, remedy: Standby},
	{name: "reservation used twice", guest: Guest{Ticket: today, Reservations: coaster10to11}, readers: []Reader{reservation},
		before: []Tap{{At: 10 * sim.Hour}},
		tap:    Tap{At: 10*sim.Hour + sim.Minute}, want: ReservationUsed, remedy: Standby},
	{name: "second reservation at the same attraction", guest: Guest{Ticket: today, Reservations: []Reservation{
		{Attraction: 7, From: 10 * sim.Hour, To: 11 * sim.Hour}, {Attraction: 7, From: 14 * sim.Hour, To: 15 * sim.Hour}}},
		readers: []Reader{reservation}, before: []Tap{{At: 10 * sim.Hour}},
		tap: Tap{At: 14 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "used reservation and a later one not open yet", guest: Guest{Ticket: today, Reservations: []Reservation{
		{Attraction: 7, From: 10 * sim.Hour, To: 11 * sim.Hour}, {Attraction: 7, From: 14 * sim.Hour, To: 15 * sim.Hour}}},
		readers: []Reader{reservation}, before: []Tap{{At: 10 * sim.Hour}},
		tap: Tap{At: 12 * sim.Hour}, want: WindowNotOpen, remedy: ComeBackLater},

	// Hotel.
	{name: "another guest's room", guest: Guest{Stay: stay412}, readers: []Reader{door413},
		tap: Tap{At: 22 * sim.Hour}, want: WrongRoom, remedy: FrontDesk},
	{name: "no stay at all", guest: Guest{Ticket: today}, readers: []Reader{door412},
		tap: Tap{At: 22 * sim.Hour}, want: WrongRoom, remedy: FrontDesk},
	{name: "room before check-in", guest: Guest{Stay: stay412}, readers: []Reader{door412},
		tap: Tap{At: 15*sim.Hour - sim.Millisecond}, want: OutsideStay, remedy: FrontDesk},
	{name: "room at check-in", guest: Guest{Stay: stay412}, readers: []Reader{door412},
		tap: Tap{At: 15 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "room at check-out (exclusive)", guest: Guest{Stay: stay412}, readers: []Reader{door412},
		tap: Tap{At: 35 * sim.Hour}, want: OutsideStay, remedy: FrontDesk},

	// Wallet.
	{name: "above the PIN threshold without a PIN", guest: Guest{Wallet: Wallet{CardOnFile: true, Charging: true, PINAbove: 5000}}, readers: []Reader{till},
		tap: Tap{At: 12 * sim.Hour, Amount: 5001}, want: PINRequired, remedy: EnterPIN},
	{name: "above the PIN threshold with a wrong PIN", guest: Guest{Wallet: Wallet{CardOnFile: true, Charging: true, PINAbove: 5000}}, readers: []Reader{till},
		tap: Tap{At: 12 * sim.Hour, Amount: 5001, PIN: WrongPINEntered}, want: WrongPIN, remedy: EnterPIN},
	{name: "above the PIN threshold with the right PIN", guest: Guest{Wallet: Wallet{CardOnFile: true, Charging: true, PINAbove: 5000}}, readers: []Reader{till},
		tap: Tap{At: 12 * sim.Hour, Amount: 5001, PIN: RightPIN}, want: Granted, remedy: Proceed, amount: 5001},
	{name: "at the PIN threshold needs no PIN", guest: Guest{Wallet: Wallet{CardOnFile: true, Charging: true, PINAbove: 5000}}, readers: []Reader{till},
		tap: Tap{At: 12 * sim.Hour, Amount: 5000}, want: Granted, remedy: Proceed, amount: 5000},
	{name: "no PIN threshold", guest: Guest{Wallet: wallet}, readers: []Reader{till},
		tap: Tap{At: 12 * sim.Hour, Amount: 100_000}, want: Granted, remedy: Proceed, amount: 100_000},
	{name: "daily limit reached exactly", guest: Guest{Wallet: Wallet{CardOnFile: true, Charging: true, DailyLimit: 10_000}}, readers: []Reader{till},
		before: []Tap{{At: 12 * sim.Hour, Amount: 6000}},
		tap:    Tap{At: 15 * sim.Hour, Amount: 4000}, want: Granted, remedy: Proceed, amount: 4000},
	{name: "daily limit passed by a cent", guest: Guest{Wallet: Wallet{CardOnFile: true, Charging: true, DailyLimit: 10_000}}, readers: []Reader{till},
		before: []Tap{{At: 12 * sim.Hour, Amount: 6000}},
		tap:    Tap{At: 15 * sim.Hour, Amount: 4001}, want: OverDailyLimit, remedy: PayAnotherWay},
	{name: "one sale above the daily limit", guest: Guest{Wallet: Wallet{CardOnFile: true, Charging: true, DailyLimit: 10_000}}, readers: []Reader{till},
		tap: Tap{At: 12 * sim.Hour, Amount: 10_001}, want: OverDailyLimit, remedy: PayAnotherWay},
	{name: "child band", guest: Guest{Wallet: Wallet{CardOnFile: true, Charging: false}}, readers: []Reader{till},
		tap: Tap{At: 12 * sim.Hour, Amount: 300}, want: ChargingDisabled, remedy: PayAnotherWay},
	{name: "no card on file", guest: Guest{Wallet: Wallet{CardOnFile: false, Charging: true}}, readers: []Reader{till},
		tap: Tap{At: 12 * sim.Hour, Amount: 300}, want: ChargingDisabled, remedy: PayAnotherWay},

	// Readers out of service: Down windows are [From, To).
	{name: "reader down at the window's start", guest: Guest{Ticket: today}, readers: []Reader{withDown(entry, Window{From: 10 * sim.Hour, To: 11 * sim.Hour})},
		tap: Tap{At: 10 * sim.Hour}, want: ReaderOutOfService, remedy: ManualCheck},
	{name: "reader down inside the window", guest: Guest{Ticket: today}, readers: []Reader{withDown(entry, Window{From: 10 * sim.Hour, To: 11 * sim.Hour})},
		tap: Tap{At: 10*sim.Hour + 30*sim.Minute}, want: ReaderOutOfService, remedy: ManualCheck},
	{name: "reader up at the window's end", guest: Guest{Ticket: today}, readers: []Reader{withDown(entry, Window{From: 10 * sim.Hour, To: 11 * sim.Hour})},
		tap: Tap{At: 11 * sim.Hour}, want: Granted, remedy: Proceed},
	{name: "reader down in its second window", guest: Guest{Ticket: today}, readers: []Reader{withDown(till,
		Window{From: 10 * sim.Hour, To: 11 * sim.Hour}, Window{From: 14 * sim.Hour, To: 14*sim.Hour + 5*sim.Minute})},
		tap: Tap{At: 14 * sim.Hour, Amount: 500}, want: ReaderOutOfService, remedy: ManualCheck},
	{name: "a down reader answers before it reads the band", guest: Guest{Ticket: today}, readers: []Reader{withDown(entry, Window{From: 10 * sim.Hour, To: 11 * sim.Hour})},
		band: literalBand, tap: Tap{At: 10 * sim.Hour, Band: 99}, want: ReaderOutOfService, remedy: ManualCheck},
}

// build makes the row's park, runs its earlier taps and returns the system,
// the guest and the final tap with its band and id filled in.
func (row decisionRow) build(t *testing.T) (*System, GuestID, Tap) {
	t.Helper()
	s := NewSystem(row.cfg)
	require.Equal(t, merchant, s.OpenMerchant())
	// AddGuest copies the row's Reservations (see
	// TestAddGuestKeepsCallersReservations), so rows may share a slice.
	g, first := s.AddGuest(row.guest)
	for _, r := range row.readers {
		s.AddReader(r)
	}
	for i, tp := range row.before {
		tp.ID, tp.Band = TapID(i+1), s.BandOf(g)
		require.Equal(t, Granted, s.Tap(tp).Reason, "earlier tap %d", i)
	}
	if row.lost {
		s.ReportLost(s.BandOf(g))
	}
	if row.reissue {
		require.NotEqual(t, first, s.Issue(g))
	}
	tp := row.tap
	tp.ID = TapID(len(row.before) + 1)
	switch row.band {
	case currentBand:
		tp.Band = s.BandOf(g)
	case firstBand:
		tp.Band = first
	}
	return s, g, tp
}

func TestDecisionTable(t *testing.T) {
	reasons := map[Reason]bool{}
	granted := map[ReaderKind]bool{}
	for _, row := range decisionTable {
		t.Run(row.name, func(t *testing.T) {
			s, g, tp := row.build(t)
			logged := len(s.Log())
			d := s.Tap(tp)
			sale := -1 // a granted sale's record is the one this tap appends
			if row.want == Granted && row.readers[tp.Reader].Kind == PointOfSale {
				sale = logged
			}
			require.Equal(t, Decision{Reason: row.want, Amount: row.amount, Sale: sale}, d)
			require.Equal(t, row.want == Granted, d.Granted())
			require.Equal(t, row.remedy, d.Reason.Remedy(), "next action after %s", d.Reason)

			// A sale moves money exactly when it is granted.
			charged := sumBefore(row) + row.amount
			require.Equal(t, -charged, s.Ledger().Balance(s.Wallet(g)))
			require.Equal(t, charged, s.Ledger().Balance(merchant))
			require.Equal(t, charged, s.Spent(g))
			require.Zero(t, s.Ledger().Imbalance())
		})
		reasons[row.want] = true
		if row.want == Granted {
			granted[row.readers[row.tap.Reader].Kind] = true
		}
	}
	for _, r := range Reasons() {
		require.True(t, reasons[r], "no row of the decision table expects %s", r)
	}
	for k := ReaderKind(0); k < readerKinds; k++ {
		if k != ZoneSensor {
			require.True(t, granted[k], "no row of the decision table grants a tap at a %s reader", k)
		}
	}
}

// sumBefore is what the row's earlier sales charged: they must all have
// been granted.
func sumBefore(row decisionRow) Cents {
	var c Cents
	for _, tp := range row.before {
		if row.readers[tp.Reader].Kind == PointOfSale {
			c += tp.Amount
		}
	}
	return c
}

func TestZoneSensorTakesNoTaps(t *testing.T) {
	s := NewSystem(Config{Metres: zonesApart, MaxSpeed: 5})
	_, b := s.AddGuest(Guest{Ticket: today})
	z := s.AddReader(Reader{Name: "plaza", Kind: ZoneSensor, Zone: 1})
	cam := s.AddReader(Reader{Name: "cam", Kind: PhotoPoint, Zone: 2})
	for _, band := range []BandID{b, 99, -1} { // a known band, unknown ones
		require.PanicsWithValue(t, "wristband: a zone sensor pings, it takes no taps", func() {
			s.Tap(Tap{ID: 1, At: 9 * sim.Hour, Band: band, Reader: z})
		}, "band %d", band)
	}
	require.Empty(t, s.Log())

	// The panic comes first: no retry bookkeeping (the same id is a new tap
	// again) and no sighting for clone detection (zone 2 ten seconds later
	// would be 1000 m at 100 m/s).
	require.PanicsWithValue(t, "wristband: a zone sensor pings, it takes no taps", func() {
		s.Tap(Tap{ID: 1, At: 9 * sim.Hour, Band: b, Reader: z})
	})
	require.Zero(t, s.Reader(z).lastTap)
	require.Equal(t, Granted, s.Tap(Tap{ID: 2, At: 9*sim.Hour + 10*sim.Second, Band: b, Reader: cam}).Reason)
	require.Zero(t, s.ClonesCaught())
	require.Equal(t, Active, s.State(b))
	require.Len(t, s.Log(), 1)
}

func TestNegativeAmountPanics(t *testing.T) {
	s := NewSystem(Config{})
	shop := s.OpenMerchant()
	g, b := s.AddGuest(Guest{Ticket: today, Wallet: wallet})
	till := s.AddReader(Reader{Name: "till", Kind: PointOfSale, Target: int32(shop)})
	gate := s.AddReader(entry)

	require.PanicsWithValue(t, "wristband: a tap asking for -1 cents", func() {
		s.Tap(Tap{ID: 1, At: 12 * sim.Hour, Band: b, Reader: till, Amount: -1})
	})
	require.PanicsWithValue(t, "wristband: a tap asking for -500 cents", func() {
		s.Tap(Tap{ID: 2, At: 12 * sim.Hour, Band: b, Reader: gate, Amount: -500})
	}, "at any reader")
	require.PanicsWithValue(t, "wristband: a tap asking for -1 cents", func() {
		s.Tap(Tap{ID: 3, At: 12 * sim.Hour, Band: 99, Reader: till, Amount: -1})
	}, "before the band is read")
	require.Empty(t, s.Log())
	require.Empty(t, s.Ledger().Entries())
	require.Zero(t, s.Spent(g))
	require.False(t, s.Inside(g))

	// Not a retry of the refused tap either: no decision was remembered.
	require.Equal(t, Decision{Amount: 100, Sale: 0}, s.Tap(Tap{ID: 1, At: 12 * sim.Hour, Band: b, Reader: till, Amount: 100}))
	// And a retry of a granted sale that now asks for a negative amount
	// still panics rather than repeating the answer.
	require.PanicsWithValue(t, "wristband: a tap asking for -100 cents", func() {
		s.Tap(Tap{ID: 1, At: 12 * sim.Hour, Band: b, Reader: till, Amount: -100})
	})
	require.Len(t, s.Log(), 1)
	require.Equal(t, Cents(100), s.Spent(g))
	require.Zero(t, s.Ledger().Imbalance())
}

func TestHotelDoorNeedsARoom(t *testing.T) {
	s := NewSystem(Config{})
	for _, room := range []int32{0, -412} {
		require.PanicsWithValue(t, fmt.Sprintf("wristband: hotel door %q for room %d", "door", room), func() {
			s.AddReader(Reader{Name: "door", Kind: HotelDoor, Zone: 9, Target: room})
		})
	}
	require.Zero(t, s.Readers())
	require.Equal(t, ReaderID(0), s.AddReader(Reader{Name: "door", Kind: HotelDoor, Zone: 9, Target: 1}))
	require.Equal(t, ReaderID(1), s.AddReader(Reader{Name: "gate", Kind: EntryGate, Zone: 1, Target: 0}), "room 0 is fine for other kinds")
}

func TestPhotoTapsCountTheGuestsPhotos(t *testing.T) {
	s := NewSystem(Config{})
	g, b := s.AddGuest(Guest{Ticket: today})
	cam := s.AddReader(photo)
	for i := range 3 {
		require.True(t, s.Tap(Tap{ID: TapID(i + 1), At: 10 * sim.Hour, Band: b, Reader: cam}).Granted())
	}
	require.Equal(t, 3, s.Photos(g))
}

// The codes appear in taps.csv and summary.json: they are part of the output.
func TestCodes(t *testing.T) {
	names := make([]string, 0, reasons)
	for _, r := range Reasons() {
		names = append(names, r.String())
	}
	require.Equal(t, []string{
		"granted", "unknown-band", "band-lost", "band-deactivated", "no-ticket", "already-inside", "not-inside",
		"no-reservation", "window-not-open", "window-passed", "reservation-used", "wrong-room", "outside-stay",
		"pin-required", "wrong-pin", "over-daily-limit", "charging-disabled", "reader-out-of-service",
	}, names)

	var remedies []string
	for m := Proceed; m <= FrontDesk; m++ {
		remedies = append(remedies, m.String())
	}
	require.Equal(t, []string{"proceed", "guest-relations", "manual-check", "refused", "enter-pin",
		"pay-another-way", "standby", "come-back-later", "front-desk"}, remedies)

	var kinds []string
	for k := EntryGate; k <= ZoneSensor; k++ {
		kinds = append(kinds, k.String())
	}
	require.Equal(t, []string{"entry", "exit", "reservation", "boarding", "pos", "hotel-door", "bus", "photo", "zone"}, kinds)

	require.Equal(t, []string{"active", "lost", "deactivated", "replaced"},
		[]string{Active.String(), Lost.String(), Deactivated.String(), Replaced.String()})
}

// The reservation a gate answers about does not depend on the order of the
// guest's list: the unused one open now, else the next to open, else the
// last to have closed, else a used one.
func TestReservationAnswerIgnoresListOrder(t *testing.T) {
	early := Reservation{Attraction: 7, From: 10 * sim.Hour, To: 11 * sim.Hour}
	late := Reservation{Attraction: 7, From: 14 * sim.Hour, To: 15 * sim.Hour}
	later := Reservation{Attraction: 7, From: 16 * sim.Hour, To: 17 * sim.Hour}
	noon := Reservation{Attraction: 7, From: 12 * sim.Hour, To: 13 * sim.Hour}
	elsewhere := Reservation{Attraction: 8, From: 12 * sim.Hour, To: 13 * sim.Hour}
	used := func(r Reservation) Reservation { r.used = true; return r }

	cases := []struct {
		name string
		list []Reservation
		at   sim.Time
		want Reason
	}{
		{"passed and still to come", []Reservation{early, late}, 12 * sim.Hour, WindowNotOpen},
		{"two still to come", []Reservation{late, later}, 12 * sim.Hour, WindowNotOpen},
		{"two passed", []Reservation{early, noon}, 14 * sim.Hour, WindowPassed},
		{"open among passed and to come", []Reservation{early, noon, late, elsewhere}, 12*sim.Hour + 30*sim.Minute, Granted},
		{"used and passed", []Reservation{used(noon), early}, 14 * sim.Hour, WindowPassed},
		{"used and to come", []Reservation{used(early), late}, 12 * sim.Hour, WindowNotOpen},
		{"used and open", []Reservation{used(noon), noon}, 12 * sim.Hour, Granted},
		{"only used ones", []Reservation{used(early), used(noon)}, 12 * sim.Hour, ReservationUsed},
		{"only at another attraction", []Reservation{elsewhere}, 12 * sim.Hour, NoReservation},
	}
	for _, tc := range cases {
		for _, list := range permutations(tc.list) {
			s := NewSystem(Config{})
			_, b := s.AddGuest(Guest{Ticket: today, Reservations: list})
			gate := s.AddReader(reservation)
			d := s.Tap(Tap{ID: 1, At: tc.at, Band: b, Reader: gate})
			require.Equal(t, tc.want, d.Reason, "%s: %v", tc.name, list)
		}
	}

	// The case first reported: between a passed 10:00 window and a 14:00 one
	// still to come, the guest is told to come back, not sent to standby.
	for _, list := range [][]Reservation{{early, late}, {late, early}} {
		s := NewSystem(Config{})
		_, b := s.AddGuest(Guest{Ticket: today, Reservations: list})
		gate := s.AddReader(reservation)
		d := s.Tap(Tap{ID: 1, At: 12 * sim.Hour, Band: b, Reader: gate})
		require.Equal(t, ComeBackLater, d.Reason.Remedy(), "the 14:00 window is still to come")
		// And at 14:00 the later one is there to use.
		require.Equal(t, Granted, s.Tap(Tap{ID: 2, At: 14 * sim.Hour, Band: b, Reader: gate}).Reason)
		require.Equal(t, WindowPassed, s.Tap(Tap{ID: 3, At: 14*sim.Hour + sim.Minute, Band: b, Reader: gate}).Reason,
			"the early one, passed, is the one left")
	}
}

// permutations returns every order of list.
func permutations(list []Reservation) [][]Reservation {
	if len(list) <= 1 {
		return [][]Reservation{slices.Clone(list)}
	}
	var out [][]Reservation
	for i := range list {
		rest := slices.Concat(list[:i], list[i+1:])
		for _, p := range permutations(rest) {
			out = append(out, append([]Reservation{list[i]}, p...))
		}
	}
	return out
}

// Two unused reservations at one attraction open at once: a tap uses the
// one that closes first, so what is left, and the answer to the guest's next
// tap, do not depend on the order of the guest's list.
func TestReservationOverlappingWindowsIgnoreListOrder(t *testing.T) {
	short := Reservation{Attraction: 7, From: 10 * sim.Hour, To: 11 * sim.Hour}
	long := Reservation{Attraction: 7, From: 10 * sim.Hour, To: 14 * sim.Hour}
	for _, list := range [][]Reservation{{short, long}, {long, short}} {
		s := NewSystem(Config{})
		_, b := s.AddGuest(Guest{Ticket: today, Reservations: list})
		gate := s.AddReader(reservation)
		require.Equal(t, Granted, s.Tap(Tap{ID: 1, At: 10*sim.Hour + 30*sim.Minute, Band: b, Reader: gate}).Reason)
		require.Equal(t, Granted, s.Tap(Tap{ID: 2, At: 12 * sim.Hour, Band: b, Reader: gate}).Reason,
			"the window still open at 12:00 is left, whatever the order")
	}
}
