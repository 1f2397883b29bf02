package park

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// checkFixture is a park to check hand-made happenings against: nothing
// runs, the happenings are fed to the checker directly.
type checkFixture struct {
	p    *Park
	c    *Checker
	i    int32 // the party the happenings are of: the first of two guests or more
	size int32 // its size
	ride Place // the first attraction
	post Place // the first post
	t    sim.Time
}

func newCheckFixture(t *testing.T) *checkFixture {
	e := sim.New(1)
	p, err := New(e, busyPark(200))
	require.NoError(t, err)
	require.NotEmpty(t, p.posts)
	f := &checkFixture{p: p, c: NewChecker(p), ride: Place{AtRide, 0}, post: Place{AtPost, 0}, t: 10 * sim.Hour}
	for p.parties[f.i].size < 2 {
		f.i++
	}
	f.size = p.parties[f.i].size
	return f
}

// at feeds h at the fixture's clock, then moves the clock on a second.
func (f *checkFixture) at(h Happening) {
	h.At = f.t
	f.t += sim.Second
	f.c.Record(h)
}

// act is the party turning to activity a at pl.
func (f *checkFixture) act(a Activity, pl Place) {
	f.at(Happening{What: ActivityChanged, Activity: a, Party: f.i, Place: pl, N: f.size})
}

func (f *checkFixture) line(what What, n int32, priority bool) {
	f.at(Happening{What: what, Party: f.i, Place: f.ride, N: n, Priority: priority})
}

// arrive brings the party through the turnstiles and into the first ride's
// standby line with all its guests.
func (f *checkFixture) arrive() {
	f.act(InLine, Place{Kind: AtGates})
	f.act(Walking, f.ride)
	f.line(Joined, f.size, false)
	f.act(InLine, f.ride)
}

// party0 is how a violation names the fixture's party at pl.
func (f *checkFixture) party0(pl Place) string {
	return fmt.Sprintf("party %d (guest %d) at %s", f.i, f.p.parties[f.i].first, f.p.PlaceID(pl))
}

// failed requires the checker to have failed with exactly msg.
func (f *checkFixture) failed(t *testing.T, msg string) {
	t.Helper()
	err := f.c.Failed()
	require.Error(t, err)
	require.Equal(t, msg, err.Error())
}

// A day that keeps every rule passes, through the end of the day.
func TestCheckerPassesAGoodDay(t *testing.T) {
	f := newCheckFixture(t)
	post := f.p.posts[0]
	f.arrive()
	f.at(Happening{What: Dispatched, Party: -1, Place: f.ride, N: f.size, Seats: f.size})
	f.line(Boarded, f.size, false)
	f.act(Riding, f.ride)
	f.at(Happening{What: Status, Party: -1, Place: f.ride, Status: RideDown})
	f.at(Happening{What: Status, Party: -1, Place: f.ride, Status: RideOpen})
	f.act(Walking, f.ride)
	f.line(Joined, f.size, true)
	f.at(Happening{What: Status, Party: -1, Place: f.ride, Status: RideClosed})
	f.line(Boarded, 1, true) // a closed ride's line drains
	f.line(Withdrew, f.size-1, true)
	f.at(Happening{What: Staffed, Party: -1, Place: f.post, From: int32(post.Staff), To: int32(post.Max)})
	f.at(Happening{What: Staffed, Party: -1, Place: f.post, From: int32(post.Max), To: 0})
	f.act(Walking, Place{Kind: AtExit})
	f.act(Gone, Place{Kind: AtExit})
	f.at(Happening{What: Surveyed, Party: f.i, N: f.p.parties[f.i].first})
	require.NoError(t, f.c.Failed())
	require.NoError(t, f.c.End())
	require.Equal(t, int(f.size), f.c.Count(Gone))
	require.Equal(t, f.p.guests-int(f.size), f.c.Count(Expected), "arrived = inside + left")
}

// Every rule broken once, each by a sequence good up to its last happening.
func TestCheckerCatchesEveryRule(t *testing.T) {
	gates, exit := Place{Kind: AtGates}, Place{Kind: AtExit}
	for _, tc := range []struct {
		name   string
		break_ func(f *checkFixture)
		want   func(f *checkFixture) string
	}{
		{"time runs back", func(f *checkFixture) {
			f.act(InLine, gates)
			f.c.Record(Happening{At: f.t - 2*sim.Second, What: ActivityChanged, Activity: Walking, Party: f.i, Place: f.ride, N: f.size})
		}, func(f *checkFixture) string {
			return "check failed at 09:59:59: time: " + f.party0(f.ride) + ": ActivityChanged at 09:59:59.000 comes after 10:00:00.000"
		}},
		{"acts after gone", func(f *checkFixture) {
			f.act(InLine, gates)
			f.act(Gone, exit)
			f.act(Walking, f.ride)
		}, func(f *checkFixture) string {
			return "check failed at 10:00:02: one place: " + f.party0(f.ride) + ": the party is gone, and yet it is walking"
		}},
		{"joins after gone", func(f *checkFixture) {
			f.act(InLine, gates)
			f.act(Gone, exit)
			f.line(Joined, 1, false)
		}, func(f *checkFixture) string {
			return "check failed at 10:00:02: one place: " + f.party0(f.ride) + ": the party is gone, and yet 1 joined a line"
		}},
		{"expected again", func(f *checkFixture) {
			f.act(InLine, gates)
			f.act(Expected, gates)
		}, func(f *checkFixture) string {
			return "check failed at 10:00:01: one place: " + f.party0(gates) + ": expected again after being in line"
		}},
		{"size changes", func(f *checkFixture) {
			f.at(Happening{What: ActivityChanged, Activity: InLine, Party: f.i, Place: gates, N: f.size + 1})
		}, func(f *checkFixture) string {
			return fmt.Sprintf("check failed at 10:00:00: one place: %s: the party of %d is now in line with %d", f.party0(gates), f.size, f.size+1)
		}},
		{"joins before arriving", func(f *checkFixture) {
			f.line(Joined, 1, false)
		}, func(f *checkFixture) string {
			return "check failed at 10:00:00: one place: " + f.party0(f.ride) + ": joined a line while expected"
		}},
		{"two lines", func(f *checkFixture) {
			f.arrive()
			f.at(Happening{What: Joined, Party: f.i, Place: Place{AtRide, 1}, N: f.size})
		}, func(f *checkFixture) string {
			return fmt.Sprintf("check failed at 10:00:04: one place: %s: joined a line while %d are in the line of %s",
				f.party0(Place{AtRide, 1}), f.size, f.p.PlaceID(f.ride))
		}},
		{"gone from a line", func(f *checkFixture) {
			f.arrive()
			f.act(Gone, exit)
		}, func(f *checkFixture) string {
			return fmt.Sprintf("check failed at 10:00:04: one place: %s: gone with %d still in the line of %s", f.party0(exit), f.size, f.p.PlaceID(f.ride))
		}},
		{"boards a line it is not in", func(f *checkFixture) {
			f.act(InLine, gates)
			f.line(Boarded, 1, false)
		}, func(f *checkFixture) string {
			return "check failed at 10:00:01: line: " + f.party0(f.ride) + ": 1 boarded the standby line it is not in"
		}},
		{"withdraws from the other line", func(f *checkFixture) {
			f.arrive()
			f.line(Withdrew, f.size, true)
		}, func(f *checkFixture) string {
			return fmt.Sprintf("check failed at 10:00:04: line: %s: %d withdrew from a line the reservation line it is not in", f.party0(f.ride), f.size)
		}},
		{"line below zero", func(f *checkFixture) {
			f.arrive()
			f.line(Boarded, f.size+1, false)
		}, func(f *checkFixture) string {
			return fmt.Sprintf("check failed at 10:00:04: line: %s: %d boarded with %d in the line", f.party0(f.ride), f.size+1, f.size)
		}},
		{"over capacity", func(f *checkFixture) {
			f.at(Happening{What: Dispatched, Party: -1, Place: f.ride, N: 9, Seats: 8})
		}, func(f *checkFixture) string {
			return "check failed at 10:00:00: capacity: at " + f.p.PlaceID(f.ride) + ": a vehicle left with 9 riders in 8 seats"
		}},
		{"joins a closed ride", func(f *checkFixture) {
			f.act(InLine, gates)
			f.at(Happening{What: Status, Party: -1, Place: f.ride, Status: RideClosed})
			f.line(Joined, f.size, false)
		}, func(f *checkFixture) string {
			return "check failed at 10:00:02: ride down: " + f.party0(f.ride) + ": joined while the ride is closed"
		}},
		{"boards a ride that is down", func(f *checkFixture) {
			f.arrive()
			f.at(Happening{What: Status, Party: -1, Place: f.ride, Status: RideDown})
			f.line(Boarded, 1, false)
		}, func(f *checkFixture) string {
			return "check failed at 10:00:05: ride down: " + f.party0(f.ride) + ": 1 boarded while the ride is down"
		}},
		{"staff above the most", func(f *checkFixture) {
			p := f.p.posts[0]
			f.at(Happening{What: Staffed, Party: -1, Place: f.post, From: int32(p.Staff), To: int32(p.Max + 1)})
		}, func(f *checkFixture) string {
			p := f.p.posts[0]
			return fmt.Sprintf("check failed at 10:00:00: staff: at %s: %d staff, more than its most, %d", p.ID, p.Max+1, p.Max)
		}},
		{"staff below zero", func(f *checkFixture) {
			f.at(Happening{What: Staffed, Party: -1, Place: f.post, From: int32(f.p.posts[0].Staff), To: -1})
		}, func(f *checkFixture) string {
			return "check failed at 10:00:00: staff: at " + f.p.posts[0].ID + ": -1 staff"
		}},
		{"staff from a wrong count", func(f *checkFixture) {
			f.at(Happening{What: Staffed, Party: -1, Place: f.post, From: int32(f.p.posts[0].Staff) + 1, To: 0})
		}, func(f *checkFixture) string {
			return fmt.Sprintf("check failed at 10:00:00: staff: at %s: from %d staff, but the post had %d", f.p.posts[0].ID, f.p.posts[0].Staff+1, f.p.posts[0].Staff)
		}},
		{"still inside at the end", func(f *checkFixture) {
			f.act(InLine, gates)
			f.act(Walking, f.ride)
			f.c.End()
		}, func(f *checkFixture) string {
			return fmt.Sprintf("check failed at 10:00:01: one place: party %d (guest %d): the day is over and the party is still walking", f.i, f.p.parties[f.i].first)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newCheckFixture(t)
			tc.break_(f)
			want := tc.want(f)
			f.failed(t, want)
			// The first violation stays: the rest of the day is not read.
			f.act(Gone, exit)
			f.at(Happening{What: Dispatched, Party: -1, Place: f.ride, N: 2, Seats: 1})
			f.failed(t, want)
			require.Equal(t, f.c.Failed(), f.c.End())
		})
	}
}

// The ledger is held to its entries after every sale by band: here the
// checker's own book of a real day is set one cent off a merchant's
// account, as a ledger that had moved a balance without an entry would be,
// and the next sale by band to that merchant is caught.
func TestCheckerCatchesALedgerOutOfBalance(t *testing.T) {
	e := sim.New(2)
	p, err := New(e, busyPark(300))
	require.NoError(t, err)
	c := NewChecker(p)
	p.AddRecorder(c)
	l := p.bands.sys.Ledger()
	sold := func() {
		c.Record(Happening{At: e.Now(), What: Sold, ByBand: true, Party: 0, Place: Place{AtMerchant, 0}})
	}
	for len(l.Entries()) == 0 && e.Step() {
	}
	require.NotEmpty(t, l.Entries(), "the day has sales by band")
	sold()
	require.NoError(t, c.Failed(), "a real day's ledger balances")
	merchant := l.Entries()[0].Credit
	c.books[merchant]++
	// The next sale by band to that merchant finds its account off by a cent.
	for c.Failed() == nil && e.Step() {
	}
	require.Error(t, c.Failed(), "the spoilt account is caught")
	s := e.Now().String()
	want := fmt.Sprintf("check failed at %s: ledger: ", s[:len(s)-4])
	require.Contains(t, c.Failed().Error(), want)
	require.Contains(t, c.Failed().Error(), fmt.Sprintf(": account %d holds %d cents, its entries say %d", merchant, l.Balance(merchant), l.Balance(merchant)+1))
}

// A checked day gives the figures of a day not checked.
func TestCheckerChangesNothing(t *testing.T) {
	run := func(check bool) string {
		e := sim.New(4)
		p, err := New(e, busyPark(800))
		require.NoError(t, err)
		var c *Checker
		if check {
			c = NewChecker(p)
			p.AddRecorder(c)
		}
		e.Run()
		if check {
			require.NoError(t, c.End())
		}
		b, err := json.Marshal(p.Summary())
		require.NoError(t, err)
		return string(b)
	}
	require.Equal(t, run(false), run(true))
}
