package wristband

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

func TestLedgerDoubleEntry(t *testing.T) {
	s := NewSystem(Config{})
	shop := s.OpenMerchant()
	cafe := s.OpenMerchant()
	g, b := s.AddGuest(Guest{Wallet: wallet})
	h, c := s.AddGuest(Guest{Wallet: wallet})
	shopTill := s.AddReader(Reader{Name: "shop-till", Kind: PointOfSale, Target: int32(shop)})
	cafeTill := s.AddReader(Reader{Name: "cafe-till", Kind: PointOfSale, Target: int32(cafe)})

	require.Equal(t, Decision{Amount: 1250, Sale: 0}, s.Tap(Tap{ID: 1, At: 12 * sim.Hour, Band: b, Reader: shopTill, Amount: 1250}))
	require.Equal(t, Decision{Amount: 480, Sale: 1}, s.Tap(Tap{ID: 2, At: 13 * sim.Hour, Band: b, Reader: cafeTill, Amount: 480}))
	require.Equal(t, Decision{Amount: 999, Sale: 2}, s.Tap(Tap{ID: 3, At: 14 * sim.Hour, Band: c, Reader: cafeTill, Amount: 999}))

	book := s.Ledger()
	require.Equal(t, []Entry{
		{Debit: s.Wallet(g), Credit: shop, Amount: 1250, Sale: 0},
		{Debit: s.Wallet(g), Credit: cafe, Amount: 480, Sale: 1},
		{Debit: s.Wallet(h), Credit: cafe, Amount: 999, Sale: 2},
	}, book.Entries())
	require.Equal(t, []Cents{-1730, -999, 1250, 1479},
		[]Cents{book.Balance(s.Wallet(g)), book.Balance(s.Wallet(h)), book.Balance(shop), book.Balance(cafe)})
	require.Zero(t, book.Imbalance())
}

func TestRefund(t *testing.T) {
	var l Ledger
	w := l.open()
	m := l.open()
	l.post(w, m, 1250, 1)
	l.post(w, m, 300, 2)

	steps := []struct {
		name         string
		sale         int
		ok           bool
		wallet, shop Cents
	}{
		{"refund the first charge", 1, true, -300, 300},
		{"refund it again", 1, false, -300, 300},
		{"unknown sale", 99, false, -300, 300},
		{"no sale", -1, false, -300, 300},
		{"refund the second charge", 2, true, 0, 0},
		{"and again", 2, false, 0, 0},
	}
	charges := map[int]Entry{
		1: {Debit: w, Credit: m, Amount: 1250, Sale: 1},
		2: {Debit: w, Credit: m, Amount: 300, Sale: 2},
	}
	for _, st := range steps {
		charge, ok := l.refund(st.sale)
		require.Equal(t, st.ok, ok, st.name)
		if st.ok {
			require.Equal(t, charges[st.sale], charge, st.name+": the charge reversed")
		} else {
			require.Zero(t, charge, st.name)
		}
		require.Equal(t, []Cents{st.wallet, st.shop}, []Cents{l.Balance(w), l.Balance(m)}, st.name)
		require.Zero(t, l.Imbalance(), st.name)
	}
	require.Equal(t, []Entry{
		{Debit: w, Credit: m, Amount: 1250, Sale: 1},
		{Debit: w, Credit: m, Amount: 300, Sale: 2},
		{Debit: m, Credit: w, Amount: 1250, Sale: 1, Refund: true},
		{Debit: m, Credit: w, Amount: 300, Sale: 2, Refund: true},
	}, l.Entries())

	var empty Ledger
	_, ok := empty.refund(1)
	require.False(t, ok, "a book with no charges refunds nothing")
}

func TestPostPanicsOnANegativeAmount(t *testing.T) {
	var l Ledger
	w := l.open()
	m := l.open()
	require.PanicsWithValue(t, "wristband: a posting of -5 cents", func() { l.post(w, m, -5, 1) })
	require.Empty(t, l.Entries())
	require.Equal(t, []Cents{0, 0}, []Cents{l.Balance(w), l.Balance(m)})
	_, ok := l.refund(1)
	require.False(t, ok, "the refused posting left no sale to refund")

	l.post(w, m, 0, 2) // a free sale is a sale
	require.Len(t, l.Entries(), 1)
	require.Zero(t, l.Imbalance())
}

// A refund goes through the system: it gives the wallet its money back once
// and the refunded sale no longer counts against the daily limit.
func TestSystemRefund(t *testing.T) {
	s := NewSystem(Config{})
	shop := s.OpenMerchant()
	g, b := s.AddGuest(Guest{Ticket: today, Wallet: Wallet{CardOnFile: true, Charging: true, DailyLimit: 10_000}})
	till := s.AddReader(Reader{Name: "till", Kind: PointOfSale, Target: int32(shop)})
	gate := s.AddReader(entry)
	book := s.Ledger()

	require.Equal(t, Decision{Sale: -1}, s.Tap(Tap{ID: 1, At: 9 * sim.Hour, Band: b, Reader: gate}))
	sale := s.Tap(Tap{ID: 2, At: 12 * sim.Hour, Band: b, Reader: till, Amount: 6000})
	require.Equal(t, Decision{Amount: 6000, Sale: 1}, sale)
	require.Equal(t, Cents(6000), s.Log()[sale.Sale].Amount, "Sale is the sale's record in the log")
	over := s.Tap(Tap{ID: 3, At: 12*sim.Hour + sim.Minute, Band: b, Reader: till, Amount: 4001})
	require.Equal(t, Decision{Reason: OverDailyLimit, Sale: -1}, over)

	require.False(t, s.Refund(over.Sale), "a denied sale has nothing to refund")
	require.False(t, s.Refund(0), "the entry charged nothing")
	require.False(t, s.Refund(99), "no such record")
	require.Equal(t, Cents(6000), s.Spent(g))

	require.True(t, s.Refund(sale.Sale))
	require.Zero(t, book.Balance(s.Wallet(g)))
	require.Zero(t, book.Balance(shop))
	require.Zero(t, s.Spent(g), "a refunded sale no longer counts against the limit")
	require.Zero(t, book.Imbalance())
	require.False(t, s.Refund(sale.Sale), "refunded once only")
	require.Zero(t, s.Spent(g))

	// The limit has room again: the sale denied before is granted now.
	again := s.Tap(Tap{ID: 4, At: 13 * sim.Hour, Band: b, Reader: till, Amount: 4001})
	require.Equal(t, Decision{Amount: 4001, Sale: 3}, again)
	require.Equal(t, Cents(4001), s.Spent(g))
	require.Equal(t, Decision{Reason: OverDailyLimit, Sale: -1}, s.Tap(Tap{ID: 5, At: 13*sim.Hour + sim.Minute, Band: b, Reader: till, Amount: 6000}))
	require.Equal(t, Cents(-4001), book.Balance(s.Wallet(g)))
	require.Equal(t, Cents(4001), book.Balance(shop))
	require.Zero(t, book.Imbalance())
	require.Len(t, book.Entries(), 3)
}

// Two tills may use the same tap ids: a refund names the sale's record, so
// each of two sales with tap id 1 is refunded once, and only itself.
func TestRefundBySaleAcrossTwoTills(t *testing.T) {
	s := NewSystem(Config{})
	shop := s.OpenMerchant()
	cafe := s.OpenMerchant()
	g, b := s.AddGuest(Guest{Wallet: wallet})
	shopTill := s.AddReader(Reader{Name: "shop-till", Kind: PointOfSale, Target: int32(shop)})
	cafeTill := s.AddReader(Reader{Name: "cafe-till", Kind: PointOfSale, Target: int32(cafe)})
	book := s.Ledger()

	first := s.Tap(Tap{ID: 1, At: 12 * sim.Hour, Band: b, Reader: shopTill, Amount: 1250})
	second := s.Tap(Tap{ID: 1, At: 13 * sim.Hour, Band: b, Reader: cafeTill, Amount: 480})
	require.Equal(t, Decision{Amount: 1250, Sale: 0}, first)
	require.Equal(t, Decision{Amount: 480, Sale: 1}, second)
	require.Equal(t, s.Log()[first.Sale].ID, s.Log()[second.Sale].ID, "both tills used tap id 1")
	require.Equal(t, Cents(1730), s.Spent(g))

	require.True(t, s.Refund(second.Sale))
	require.Equal(t, []Cents{-1250, 1250, 0}, []Cents{book.Balance(s.Wallet(g)), book.Balance(shop), book.Balance(cafe)})
	require.Equal(t, Cents(1250), s.Spent(g))
	require.False(t, s.Refund(second.Sale))

	// The cafe till resending its tap gets the first answer back, and the
	// refunded sale is not charged again.
	require.Equal(t, second, s.Tap(Tap{ID: 1, At: 13*sim.Hour + sim.Second, Band: b, Reader: cafeTill, Amount: 480}))
	require.Len(t, s.Log(), 2)
	require.Equal(t, Cents(1250), s.Spent(g))
	require.Zero(t, book.Balance(cafe))

	require.True(t, s.Refund(first.Sale), "the shop's sale is still refundable")
	require.Equal(t, []Cents{0, 0, 0}, []Cents{book.Balance(s.Wallet(g)), book.Balance(shop), book.Balance(cafe)})
	require.Zero(t, s.Spent(g))
	require.False(t, s.Refund(first.Sale))

	require.Zero(t, book.Imbalance())
	require.Equal(t, []Entry{
		{Debit: s.Wallet(g), Credit: shop, Amount: 1250, Sale: 0},
		{Debit: s.Wallet(g), Credit: cafe, Amount: 480, Sale: 1},
		{Debit: cafe, Credit: s.Wallet(g), Amount: 480, Sale: 1, Refund: true},
		{Debit: shop, Credit: s.Wallet(g), Amount: 1250, Sale: 0, Refund: true},
	}, book.Entries())
}

func TestImbalanceCatchesACorruptBook(t *testing.T) {
	cases := []struct {
		name    string
		corrupt func(b []Cents) // b: wallet, shop
		want    Cents           // |Σbalance| + Σ|balance − entries|
	}{
		{"sound book", func(b []Cents) {}, 0},
		{"wallet 5 too high", func(b []Cents) { b[0] += 5 }, 10},
		{"shop 5 too high", func(b []Cents) { b[1] += 5 }, 10},
		{"5 moved from the shop to the wallet: the sum is still 0", func(b []Cents) { b[1] -= 5; b[0] += 5 }, 10},
		{"both swapped", func(b []Cents) { b[0], b[1] = b[1], b[0] }, 4000},
		{"shop 5 too low", func(b []Cents) { b[1] -= 5 }, 10},
		{"wallet 5 too low", func(b []Cents) { b[0] -= 5 }, 10},
		{"both 5 too low", func(b []Cents) { b[0] -= 5; b[1] -= 5 }, 20},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var l Ledger
			w := l.open()
			m := l.open()
			l.post(w, m, 1000, 1)
			require.Zero(t, l.Imbalance())
			tc.corrupt(l.balances)
			require.Equal(t, tc.want, l.Imbalance())
		})
	}
}

// TestLedgerReconcilesWithTheTapLog runs random days of sales and refunds and
// checks that the book balances and that each wallet and each merchant
// reconcile exactly with the tap log.
func TestLedgerReconcilesWithTheTapLog(t *testing.T) {
	seen := map[Reason]int{} // over all seeds: the test must reach every wallet outcome
	refunds := 0
	roomAgain := 0 // guests whose granted sales passed their limit thanks to refunds
	for seed := uint64(1); seed <= 50; seed++ {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Logf("seed %d", seed)
			rng := sim.Seed(seed).Stream("wristband-ledger-test")
			s := NewSystem(Config{})

			var merchants []AccountID
			var tills []ReaderID
			merchantOf := map[ReaderID]AccountID{}
			for i := range 1 + rng.IntN(4) {
				m := s.OpenMerchant()
				merchants = append(merchants, m)
				for j := range 1 + rng.IntN(3) {
					r := s.AddReader(Reader{Name: fmt.Sprintf("till-%d-%d", i, j), Kind: PointOfSale, Zone: int32(i), Target: int32(m)})
					tills = append(tills, r)
					merchantOf[r] = m
				}
			}
			gate := s.AddReader(entry) // taps that charge nothing mixed in

			guests := make([]Guest, 1+rng.IntN(30))
			for i := range guests {
				guests[i] = Guest{Ticket: today, Wallet: Wallet{
					CardOnFile: rng.Float64() < 0.9,
					Charging:   rng.Float64() < 0.85,
					PINAbove:   []Cents{0, 2000, 5000}[rng.IntN(3)],
					DailyLimit: []Cents{0, 0, Cents(5000 + rng.IntN(25_000))}[rng.IntN(3)],
				}}
				g, _ := s.AddGuest(guests[i])
				require.Equal(t, GuestID(i), g)
			}

			charged := map[int]bool{}  // granted sales, by their record in the log
			refunded := map[int]bool{} // refunded sales
			var last Tap
			var lastDecision Decision
			var nextID TapID
			at := 9 * sim.Hour
			for range rng.IntN(400) {
				at += sim.Time(rng.IntN(int(sim.Minute)))
				switch u := rng.Float64(); {
				case u < 0.1 && nextID > 0:
					// Refund a record: a sale, a denial, an entry, -1 (a
					// denial's Sale) or a record not written yet.
					sale := rng.IntN(len(s.Log())+6) - 1
					want := charged[sale] && !refunded[sale]
					require.Equal(t, want, s.Refund(sale), "refund of sale %d", sale)
					if want {
						refunded[sale] = true
						refunds++
					}
				case u < 0.2 && nextID > 0:
					n := len(s.Log())
					require.Equal(t, lastDecision, s.Tap(last), "retry of tap %d", last.ID)
					require.Len(t, s.Log(), n, "a retry is not logged")
				default:
					nextID++
					g := GuestID(rng.IntN(len(guests)))
					reader := tills[rng.IntN(len(tills))]
					if rng.Float64() < 0.05 {
						reader = gate
					}
					last = Tap{ID: nextID, At: at, Band: s.BandOf(g), Reader: reader,
						Amount: Cents(1 + rng.IntN(10_000)), PIN: PIN(rng.IntN(3))}
					n := len(s.Log())
					lastDecision = s.Tap(last)
					seen[lastDecision.Reason]++
					if lastDecision.Granted() && reader != gate {
						require.Equal(t, last.Amount, lastDecision.Amount)
						require.Equal(t, n, lastDecision.Sale, "a sale is its own record")
						charged[lastDecision.Sale] = true
					} else {
						require.Zero(t, lastDecision.Amount)
						require.Equal(t, -1, lastDecision.Sale)
					}
				}
			}

			book := s.Ledger()
			require.Zero(t, book.Imbalance())
			require.Len(t, book.Entries(), len(charged)+len(refunded))

			// Reconcile from the tap log alone (plus which sales were refunded).
			net := make([]Cents, len(guests))
			gross := make([]Cents, len(guests))
			revenue := map[AccountID]Cents{}
			for k, rec := range s.Log() {
				if rec.Reason != Granted {
					require.Zero(t, rec.Amount, "a denied tap charges nothing")
					continue
				}
				if rec.Reader == gate {
					require.Zero(t, rec.Amount)
					continue
				}
				require.True(t, charged[k], "record %d is a granted sale", k)
				net[rec.Guest] += rec.Amount
				gross[rec.Guest] += rec.Amount
				revenue[merchantOf[rec.Reader]] += rec.Amount
				if refunded[k] {
					net[rec.Guest] -= rec.Amount
					revenue[merchantOf[rec.Reader]] -= rec.Amount
				}
			}
			for i, gu := range guests {
				g := GuestID(i)
				require.Equal(t, net[i], -book.Balance(s.Wallet(g)), "guest %d's wallet", i)
				// Spent is the granted sales less the refunded ones.
				require.Equal(t, net[i], s.Spent(g), "guest %d's spending", i)
				if gu.Wallet.DailyLimit > 0 {
					require.LessOrEqual(t, s.Spent(g), gu.Wallet.DailyLimit, "guest %d's limit", i)
					if gross[i] > gu.Wallet.DailyLimit {
						roomAgain++
					}
				}
				if !gu.Wallet.CardOnFile || !gu.Wallet.Charging {
					require.Zero(t, s.Spent(g), "guest %d cannot charge", i)
				}
			}
			for _, m := range merchants {
				require.Equal(t, revenue[m], book.Balance(m), "merchant %d's revenue", m)
			}
		})
	}
	t.Logf("outcomes over all seeds: %v, refunds %d, guests over their limit before refunds %d", seen, refunds, roomAgain)
	for _, r := range []Reason{Granted, PINRequired, WrongPIN, OverDailyLimit, ChargingDisabled, AlreadyInside} {
		require.Positive(t, seen[r], "no tap over all seeds ended %s", r)
	}
	require.Positive(t, refunds)
	require.Positive(t, roomAgain, "no refund ever made room under a daily limit")
}
