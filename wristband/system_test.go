package wristband

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

func TestTapLog(t *testing.T) {
	s := NewSystem(Config{})
	shop := s.OpenMerchant()
	adult, adultBand := s.AddGuest(Guest{Ticket: today, Wallet: wallet})
	child, childBand := s.AddGuest(Guest{Ticket: today, Wallet: Wallet{CardOnFile: true}})
	gate := s.AddReader(entry)
	pos := s.AddReader(Reader{Name: "shop-till", Kind: PointOfSale, Zone: 3, Target: int32(shop)})
	require.Equal(t, []GuestID{0, 1}, []GuestID{adult, child})
	require.Equal(t, []BandID{0, 1}, []BandID{adultBand, childBand})
	require.Equal(t, []ReaderID{0, 1}, []ReaderID{gate, pos})

	taps := []struct {
		tap  Tap
		want Decision
	}{
		{Tap{ID: 1, At: 9 * sim.Hour, Band: adultBand, Reader: gate}, Decision{Sale: -1}},
		{Tap{ID: 2, At: 9*sim.Hour + sim.Minute, Band: 99, Reader: gate}, Decision{Reason: UnknownBand, Sale: -1}},
		{Tap{ID: 3, At: 9*sim.Hour + 2*sim.Minute, Band: adultBand, Reader: gate}, Decision{Reason: AlreadyInside, Sale: -1}},
		{Tap{ID: 4, At: 12 * sim.Hour, Band: adultBand, Reader: pos, Amount: 1250}, Decision{Amount: 1250, Sale: 3}},
		{Tap{ID: 5, At: 12*sim.Hour + 5*sim.Minute, Band: childBand, Reader: pos, Amount: 300}, Decision{Reason: ChargingDisabled, Sale: -1}},
		{Tap{ID: 6, At: 12*sim.Hour + 6*sim.Minute, Band: -3, Reader: pos, Amount: 300}, Decision{Reason: UnknownBand, Sale: -1}},
	}
	for i, tc := range taps {
		require.Equal(t, tc.want, s.Tap(tc.tap), "tap %d", i)
		require.Len(t, s.Log(), i+1, "every tap appends exactly one record")
	}
	require.Equal(t, []Record{
		{At: 9 * sim.Hour, ID: 1, Band: 0, Guest: 0, Reader: 0, Amount: 0, Reason: Granted},
		{At: 9*sim.Hour + sim.Minute, ID: 2, Band: 99, Guest: -1, Reader: 0, Amount: 0, Reason: UnknownBand},
		{At: 9*sim.Hour + 2*sim.Minute, ID: 3, Band: 0, Guest: 0, Reader: 0, Amount: 0, Reason: AlreadyInside},
		{At: 12 * sim.Hour, ID: 4, Band: 0, Guest: 0, Reader: 1, Amount: 1250, Reason: Granted},
		{At: 12*sim.Hour + 5*sim.Minute, ID: 5, Band: 1, Guest: 1, Reader: 1, Amount: 0, Reason: ChargingDisabled},
		{At: 12*sim.Hour + 6*sim.Minute, ID: 6, Band: -3, Guest: -1, Reader: 1, Amount: 0, Reason: UnknownBand},
	}, s.Log())
}

func TestRetriedTap(t *testing.T) {
	s := NewSystem(Config{})
	shop := s.OpenMerchant()
	g, b := s.AddGuest(Guest{Ticket: today, Wallet: Wallet{CardOnFile: true, Charging: true, PINAbove: 5000}})
	till1 := s.AddReader(Reader{Name: "till-1", Kind: PointOfSale, Target: int32(shop)})
	till2 := s.AddReader(Reader{Name: "till-2", Kind: PointOfSale, Target: int32(shop)})
	gate := s.AddReader(entry)
	book := s.Ledger()

	steps := []struct {
		name    string
		tap     Tap
		want    Decision
		logged  int   // records in the log after the tap
		balance Cents // of the guest's wallet after the tap
	}{
		{"sale", Tap{ID: 7, At: 12 * sim.Hour, Band: b, Reader: till1, Amount: 500}, Decision{Amount: 500, Sale: 0}, 1, -500},
		{"retry of the sale", Tap{ID: 7, At: 12*sim.Hour + sim.Second, Band: b, Reader: till1, Amount: 500}, Decision{Amount: 500, Sale: 0}, 1, -500},
		{"second retry of the sale", Tap{ID: 7, At: 12*sim.Hour + 2*sim.Second, Band: b, Reader: till1, Amount: 500}, Decision{Amount: 500, Sale: 0}, 1, -500},
		{"same id on another till is a new tap", Tap{ID: 7, At: 12*sim.Hour + 3*sim.Second, Band: b, Reader: till2, Amount: 500}, Decision{Amount: 500, Sale: 1}, 2, -1000},
		{"denied sale", Tap{ID: 8, At: 13 * sim.Hour, Band: b, Reader: till1, Amount: 6000}, Decision{Reason: PINRequired, Sale: -1}, 3, -1000},
		// A retry repeats the first answer even if it now carries a PIN:
		// keying in the PIN makes a new tap with a new id.
		{"retry of the denied sale", Tap{ID: 8, At: 13*sim.Hour + sim.Second, Band: b, Reader: till1, Amount: 6000, PIN: RightPIN}, Decision{Reason: PINRequired, Sale: -1}, 3, -1000},
		{"new tap with the PIN", Tap{ID: 9, At: 13*sim.Hour + 10*sim.Second, Band: b, Reader: till1, Amount: 6000, PIN: RightPIN}, Decision{Amount: 6000, Sale: 3}, 4, -7000},
		// Only the reader's last tap is remembered.
		{"old id after another tap is a new tap", Tap{ID: 7, At: 14 * sim.Hour, Band: b, Reader: till1, Amount: 500}, Decision{Amount: 500, Sale: 4}, 5, -7500},
		{"entry", Tap{ID: 10, At: 15 * sim.Hour, Band: b, Reader: gate}, Decision{Sale: -1}, 6, -7500},
		{"retry of the entry is not passback", Tap{ID: 10, At: 15*sim.Hour + sim.Second, Band: b, Reader: gate}, Decision{Sale: -1}, 6, -7500},
		{"a new entry tap is", Tap{ID: 11, At: 15*sim.Hour + 2*sim.Second, Band: b, Reader: gate}, Decision{Reason: AlreadyInside, Sale: -1}, 7, -7500},
	}
	for _, st := range steps {
		require.Equal(t, st.want, s.Tap(st.tap), st.name)
		require.Len(t, s.Log(), st.logged, st.name)
		require.Equal(t, st.balance, book.Balance(s.Wallet(g)), st.name)
		require.Equal(t, -st.balance, book.Balance(shop), st.name)
		require.Equal(t, -st.balance, s.Spent(g), st.name)
		require.Zero(t, book.Imbalance(), st.name)
	}
	require.Len(t, book.Entries(), 4, "one posting per charged tap")
}

// Tap id 0 means "no id": two such taps are two taps, even back to back.
func TestTapIDZeroIsNeverARetry(t *testing.T) {
	s := NewSystem(Config{})
	shop := s.OpenMerchant()
	g, b := s.AddGuest(Guest{Wallet: wallet})
	till := s.AddReader(Reader{Name: "till", Kind: PointOfSale, Target: int32(shop)})
	for i := range 2 {
		require.Equal(t, Decision{Amount: 100, Sale: i}, s.Tap(Tap{At: 12 * sim.Hour, Band: b, Reader: till, Amount: 100}))
	}
	require.Len(t, s.Log(), 2)
	require.Equal(t, Cents(-200), s.Ledger().Balance(s.Wallet(g)))
}

func TestCloneDetection(t *testing.T) {
	near := func(a, b int32) float64 { return 0 }
	cases := []struct {
		name     string
		metres   func(a, b int32) float64
		maxSpeed float64
		zone2    int32
		apart    sim.Time
		want     Reason // of the second tap
		clones   int
	}{
		{"1000 m in 10 s at 5 m/s", zonesApart, 5, 2, 10 * sim.Second, BandDeactivated, 1},
		{"1000 m in 10 min at 5 m/s", zonesApart, 5, 2, 10 * sim.Minute, Granted, 0},
		{"1000 m in exactly 200 s at 5 m/s", zonesApart, 5, 2, 200 * sim.Second, Granted, 0},
		{"1000 m in 1 ms under 200 s at 5 m/s: the clock's rounding", zonesApart, 5, 2, 200*sim.Second - sim.Millisecond, Granted, 0},
		{"1000 m in 1.198 s under 200 s at 5 m/s: a second and a thousandth of the gap spared", zonesApart, 5, 2, 200*sim.Second - 1198*sim.Millisecond, Granted, 0},
		{"1000 m in 1.2 s under 200 s at 5 m/s", zonesApart, 5, 2, 200*sim.Second - 1200*sim.Millisecond, BandDeactivated, 1},
		{"same zone 10 ms apart", zonesApart, 5, 1, 10 * sim.Millisecond, Granted, 0},
		{"same zone at the same time", zonesApart, 5, 1, 0, Granted, 0},
		{"distance 0 between zones", near, 5, 2, 0, Granted, 0},
		{"no distances: detection off", nil, 5, 2, 10 * sim.Second, Granted, 0},
		{"no distances at the same time", nil, 0, 2, 0, Granted, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSystem(Config{Metres: tc.metres, MaxSpeed: tc.maxSpeed})
			g, b := s.AddGuest(Guest{Ticket: today})
			cam1 := s.AddReader(Reader{Name: "cam-1", Kind: PhotoPoint, Zone: 1})
			cam2 := s.AddReader(Reader{Name: "cam-2", Kind: PhotoPoint, Zone: tc.zone2})
			t0 := 10 * sim.Hour

			require.Equal(t, Granted, s.Tap(Tap{ID: 1, At: t0, Band: b, Reader: cam1}).Reason)
			require.Equal(t, tc.want, s.Tap(Tap{ID: 2, At: t0 + tc.apart, Band: b, Reader: cam2}).Reason)
			require.Equal(t, tc.clones, s.ClonesCaught())
			require.Equal(t, tc.clones == 1, s.Cloned(b))
			require.Len(t, s.Log(), 2)
			require.Equal(t, tc.want, s.Log()[1].Reason)
			if tc.clones == 0 {
				require.Equal(t, Active, s.State(b))
				require.Equal(t, 2, s.Photos(g))
				return
			}

			// Switched off for good, and counted once.
			require.Equal(t, Deactivated, s.State(b))
			require.Equal(t, 1, s.Photos(g))
			require.Equal(t, BandDeactivated, s.Tap(Tap{ID: 3, At: t0 + sim.Hour, Band: b, Reader: cam1}).Reason)
			require.Equal(t, 1, s.ClonesCaught())

			// Guest relations issue a new band; the old one stays deactivated.
			nb := s.Issue(g)
			require.Equal(t, Granted, s.Tap(Tap{ID: 4, At: t0 + 2*sim.Hour, Band: nb, Reader: cam2}).Reason)
			require.Equal(t, Deactivated, s.State(b))
			require.True(t, s.Cloned(b))
			require.False(t, s.Cloned(nb))
			require.Equal(t, 1, s.ClonesCaught())
		})
	}
}

// The fastest genuine walker is never flagged, however its walk time was
// rounded to the clock: to the nearest millisecond, down or up.
func TestCloneDetectionSparesTheFastestWalker(t *testing.T) {
	const speed = 1.7320508 // m/s: no distance below is a whole number of ms
	rounders := map[string]func(float64) float64{"nearest": math.Round, "down": math.Floor, "up": math.Ceil}
	for _, how := range []string{"nearest", "down", "up"} {
		t.Run(how, func(t *testing.T) {
			for m := 1; m <= 2000; m++ {
				metres := func(a, b int32) float64 {
					if a == b {
						return 0
					}
					return float64(m) + 0.001
				}
				s := NewSystem(Config{Metres: metres, MaxSpeed: speed})
				_, b := s.AddGuest(Guest{Ticket: today})
				cam1 := s.AddReader(Reader{Name: "cam-1", Kind: PhotoPoint, Zone: 1})
				cam2 := s.AddReader(Reader{Name: "cam-2", Kind: PhotoPoint, Zone: 2})
				walk := sim.Time(rounders[how](metres(1, 2) / speed * float64(sim.Second)))
				t0 := 10 * sim.Hour
				require.Equal(t, Granted, s.Tap(Tap{ID: 1, At: t0, Band: b, Reader: cam1}).Reason)
				require.Equal(t, Granted, s.Tap(Tap{ID: 2, At: t0 + walk, Band: b, Reader: cam2}).Reason, "%.3f m in %d ms", metres(1, 2), walk)
				require.Zero(t, s.ClonesCaught())
			}
		})
	}
}

// A genuine walker chains walks with no tap between (it skips a line, or
// finds a ride stopped, and walks on): each walk's time rounded to the
// nearest millisecond, and the losses add up. However many walks the chain
// has, the fastest walker is not flagged at the end of it.
func TestCloneDetectionSparesAChainOfRoundedWalks(t *testing.T) {
	const speed = 1.7320508         // m/s
	const leg = speed * 0.700499999 // m: a walk of 700.499999 ms, 700 ms on the clock
	for _, walks := range []int{2, 3, 10, 100, 1000} {
		t.Run(fmt.Sprint(walks, " walks"), func(t *testing.T) {
			// Zones on a line, leg metres apart: the chain runs from zone 0 to
			// zone walks, and the check sees only its ends.
			metres := func(a, b int32) float64 { return leg * math.Abs(float64(a-b)) }
			s := NewSystem(Config{Metres: metres, MaxSpeed: speed})
			_, b := s.AddGuest(Guest{Ticket: today})
			first := s.AddReader(Reader{Name: "cam-0", Kind: PhotoPoint, Zone: 0})
			last := s.AddReader(Reader{Name: "cam-n", Kind: PhotoPoint, Zone: int32(walks)})
			t0 := 10 * sim.Hour
			at := t0
			for range walks {
				at += sim.Time(math.Round(leg / speed * float64(sim.Second)))
			}
			require.Less(t, float64(at-t0), metres(0, int32(walks))/speed*float64(sim.Second)-float64(walks)*0.49, "the rounding loses time over the chain")
			require.Equal(t, Granted, s.Tap(Tap{ID: 1, At: t0, Band: b, Reader: first}).Reason)
			require.Equal(t, Granted, s.Tap(Tap{ID: 2, At: at, Band: b, Reader: last}).Reason, "%d walks of %.4f m in %v", walks, leg, at-t0)
			require.Zero(t, s.ClonesCaught())
		})
	}
}

// A remote reader (an order in the app) takes the band's charge from
// wherever the guest is: it is no sighting, so it neither flags the band
// nor moves where the band was last seen.
func TestRemoteTapIsNoSighting(t *testing.T) {
	s := NewSystem(Config{Metres: zonesApart, MaxSpeed: 5})
	g, b := s.AddGuest(Guest{Ticket: today, Wallet: Wallet{CardOnFile: true, Charging: true}})
	shop := s.OpenMerchant()
	cam1 := s.AddReader(Reader{Name: "cam-1", Kind: PhotoPoint, Zone: 1})
	app := s.AddReader(Reader{Name: "diner/app", Kind: PointOfSale, Zone: 2, Target: int32(shop), Remote: true})
	till := s.AddReader(Reader{Name: "diner/pos", Kind: PointOfSale, Zone: 2, Target: int32(shop)})
	t0 := 10 * sim.Hour

	require.Equal(t, Granted, s.Tap(Tap{ID: 1, At: t0, Band: b, Reader: cam1}).Reason)
	// Ordered in the app ten seconds later, 1000 m away: charged, not flagged.
	require.Equal(t, Decision{Amount: 1500, Sale: 1}, s.Tap(Tap{ID: 2, At: t0 + 10*sim.Second, Band: b, Reader: app, Amount: 1500}))
	require.Equal(t, Active, s.State(b))
	require.Zero(t, s.ClonesCaught())
	require.Equal(t, Cents(-1500), s.Ledger().Balance(s.Wallet(g)))
	// The band was last seen in zone 1 still: back there at once is no clone.
	require.Equal(t, Granted, s.Tap(Tap{ID: 3, At: t0 + 20*sim.Second, Band: b, Reader: cam1}).Reason)
	require.Zero(t, s.ClonesCaught())

	// The same charge at the restaurant's own till, ten seconds after the
	// camera, is a sighting 1000 m away: a clone.
	require.Equal(t, BandDeactivated, s.Tap(Tap{ID: 4, At: t0 + 30*sim.Second, Band: b, Reader: till, Amount: 1500}).Reason)
	require.Equal(t, 1, s.ClonesCaught())
	// A remote till refuses a band switched off like any other.
	require.Equal(t, BandDeactivated, s.Tap(Tap{ID: 5, At: t0 + sim.Hour, Band: b, Reader: app, Amount: 1500}).Reason)
}

// A clone is judged from the band's last sighting, not its first: a band
// that walks zone 1 → 2 → 3 at walking pace is never flagged.
func TestCloneDetectionFollowsTheLastSighting(t *testing.T) {
	metres := func(a, b int32) float64 { return 500 * float64(max(a-b, b-a)) }
	s := NewSystem(Config{Metres: metres, MaxSpeed: 2})
	_, b := s.AddGuest(Guest{Ticket: today})
	var cams []ReaderID
	for z := int32(1); z <= 3; z++ {
		cams = append(cams, s.AddReader(Reader{Name: "cam", Kind: PhotoPoint, Zone: z}))
	}
	// 500 m in 250 s is exactly 2 m/s; 1000 m in 500 s from the first too.
	for i, c := range cams {
		require.Equal(t, Granted, s.Tap(Tap{ID: TapID(i + 1), At: 10*sim.Hour + sim.Time(i)*250*sim.Second, Band: b, Reader: c}).Reason)
	}
	// Back to zone 1 (1000 m) in 490 s: too fast.
	require.Equal(t, BandDeactivated, s.Tap(Tap{ID: 9, At: 10*sim.Hour + 990*sim.Second, Band: b, Reader: cams[0]}).Reason)
	require.Equal(t, 1, s.ClonesCaught())
}

func TestBandLifecycle(t *testing.T) {
	s := NewSystem(Config{})
	g, b0 := s.AddGuest(Guest{Ticket: today})
	require.Equal(t, Active, s.State(b0))
	require.Equal(t, b0, s.BandOf(g))

	b1 := s.Issue(g) // the band shipped weeks ahead is replaced
	require.Equal(t, []BandState{Replaced, Active}, []BandState{s.State(b0), s.State(b1)})
	require.Equal(t, b1, s.BandOf(g))

	s.ReportLost(b1)
	b2 := s.Issue(g)
	require.Equal(t, []BandState{Replaced, Lost, Active}, []BandState{s.State(b0), s.State(b1), s.State(b2)})

	s.ReportLost(b0) // a replaced band found and reported stays replaced
	require.Equal(t, Replaced, s.State(b0))
	require.Equal(t, 3, s.Bands())
	require.Equal(t, b2, s.BandOf(g))

	// Other guests' bands are untouched.
	h, c0 := s.AddGuest(Guest{Ticket: today})
	require.Equal(t, GuestID(1), h)
	require.Equal(t, BandID(3), c0)
	require.Equal(t, Active, s.State(b2))
}

// AddGuest copies the caller's Reservations slice: a granted reservation tap
// marks the guest's own copy used, so two guests built from one slice (or
// two parks built from one guest) do not share their reservations.
func TestAddGuestKeepsCallersReservations(t *testing.T) {
	shared := []Reservation{{Attraction: 7, From: 10 * sim.Hour, To: 11 * sim.Hour}}
	s := NewSystem(Config{})
	_, a := s.AddGuest(Guest{Ticket: today, Reservations: shared})
	_, b := s.AddGuest(Guest{Ticket: today, Reservations: shared})
	gate := s.AddReader(reservation)
	require.Equal(t, Granted, s.Tap(Tap{ID: 1, At: 10 * sim.Hour, Band: a, Reader: gate}).Reason)
	require.Equal(t, Granted, s.Tap(Tap{ID: 2, At: 10 * sim.Hour, Band: b, Reader: gate}).Reason)
	require.False(t, shared[0].used, "the caller's slice is untouched")

	// Each guest's own copy is used now.
	require.Equal(t, ReservationUsed, s.Tap(Tap{ID: 3, At: 10*sim.Hour + sim.Minute, Band: a, Reader: gate}).Reason)
	require.Equal(t, ReservationUsed, s.Tap(Tap{ID: 4, At: 10*sim.Hour + sim.Minute, Band: b, Reader: gate}).Reason)

	// Another park built from the same slice starts afresh.
	other := NewSystem(Config{})
	_, c := other.AddGuest(Guest{Ticket: today, Reservations: shared})
	og := other.AddReader(reservation)
	require.Equal(t, Granted, other.Tap(Tap{ID: 1, At: 10 * sim.Hour, Band: c, Reader: og}).Reason)
}

func TestTicketAndInside(t *testing.T) {
	s := NewSystem(Config{Day: 2})
	g, b := s.AddGuest(Guest{Ticket: Ticket{FirstDay: 3, LastDay: 5}})
	gate, out := s.AddReader(entry), s.AddReader(exit)

	require.False(t, s.TicketValid(g))
	require.Equal(t, NoTicket, s.Tap(Tap{ID: 1, At: 9 * sim.Hour, Band: b, Reader: gate}).Reason)
	require.False(t, s.Inside(g))

	s.SetTicket(g, Ticket{FirstDay: 2, LastDay: 2}) // guest relations sells a day ticket
	require.True(t, s.TicketValid(g))
	require.Equal(t, Granted, s.Tap(Tap{ID: 2, At: 9*sim.Hour + 10*sim.Minute, Band: b, Reader: gate}).Reason)
	require.True(t, s.Inside(g))
	require.Equal(t, Granted, s.Tap(Tap{ID: 3, At: 17 * sim.Hour, Band: b, Reader: out}).Reason)
	require.False(t, s.Inside(g))
}
