package park

import (
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// The loader's vehicles, filled one dispatch at a time: the tally counts
// every rider, dispatch and empty seat, and each standby rider's wait by
// the hour the party joined.
func TestTallyCountsTheLoadersDay(t *testing.T) {
	p, e := loader(t, 8, 4, 3, 5, 1, 6) // all join at 0:00
	for range 3 {
		p.dispatch(e, 0)
	}
	rt := &p.tally.rides[0]
	require.Equal(t, int64(19), p.tally.riders)
	require.Equal(t, int64(19), rt.riders)
	require.Equal(t, int64(3), rt.dispatches)
	require.Equal(t, int64(3), rt.emptySeats, "the second vehicle leaves 3 seats the 6 behind cannot use")
	require.Zero(t, rt.lateSeats, "the park never closed")
	require.Equal(t, int64(19), rt.waits.Count())
	require.Zero(t, rt.waited, "the vehicles left as the parties came: nobody waited")
	require.Equal(t, int64(19), rt.byHour[0].Count(), "they all joined in the first hour")
	require.Equal(t, int64(19), rt.postedN, "every standby rider saw a posted wait")
	boardedNow := p.tally.boardedSince(0)
	require.Equal(t, int64(19), boardedNow.Count())
	again := p.tally.boardedSince(0)
	require.Zero(t, again.Count(), "a sample takes the waits since the last one")
}

// Happenings fed to a tally by hand: a big party boarding across two
// vehicles counts its ride once all of it is aboard, give-ups count with
// their waits, seats after closing are late, and the peak in the park is
// when it was first reached.
func TestTallyCountsHappenings(t *testing.T) {
	cfg := troubledPark(10) // a merchant, and bands
	cfg.Guests.Personas = []Persona{{ID: "thrill"}}
	p := &Park{cfg: cfg, parties: []party{{size: 10, persona: 0}, {size: 2, persona: -1}, {size: 3, persona: 0}}}
	var tl tally
	tl.init(p)
	ride := Place{AtRide, 0}
	for _, h := range []Happening{
		{At: 10 * sim.Hour, What: Entered, Party: 0, N: 10},
		{At: 10 * sim.Hour, What: Entered, Party: 1, N: 2},
		{At: 10*sim.Hour + sim.Minute, What: Joined, Party: 0, Place: ride, N: 10, Wait: 20 * sim.Minute},
		{At: 10*sim.Hour + sim.Minute, What: Joined, Party: 1, Place: ride, N: 2, Wait: 30 * sim.Minute},
		{At: 10*sim.Hour + 2*sim.Minute, What: Left, Party: 1, N: 2},
		{At: 10*sim.Hour + 2*sim.Minute, What: Entered, Party: 2, N: 3}, // 13 inside: the peak
		{At: 10*sim.Hour + 50*sim.Minute, What: Boarded, Party: 0, Place: ride, N: 8, Wait: 49 * sim.Minute},
		{At: 10*sim.Hour + 50*sim.Minute, What: Dispatched, Party: -1, Place: ride, N: 8, Seats: 8},
		{At: 11*sim.Hour + 5*sim.Minute, What: Withdrew, GaveUp: true, Party: 1, Place: ride, N: 2, Wait: 64 * sim.Minute},
		{At: 11 * sim.Hour, What: Closing, Party: -1},
		{At: 11*sim.Hour + 10*sim.Minute, What: Boarded, Last: true, Party: 0, Place: ride, N: 2, Wait: 69 * sim.Minute},
		{At: 11*sim.Hour + 10*sim.Minute, What: Dispatched, Party: -1, Place: ride, N: 2, Seats: 8, Empty: 6},
		{At: 11*sim.Hour + 20*sim.Minute, What: Balked, AtLine: true, Party: 2, Place: ride},
		{At: 11*sim.Hour + 30*sim.Minute, What: Sold, Party: 2, Place: Place{AtMerchant, 0}, Line: "merchandise", Amount: 1250},
		{At: 11*sim.Hour + 31*sim.Minute, What: Sold, Party: 2, Place: Place{AtMeal, 0}, Line: "food", Amount: 900, ByBand: true},
		{At: 12 * sim.Hour, What: Surveyed, Party: 2, N: 12, Answer: Answer{CSAT: 5, Recommend: 10, Return: 0.9}},
		{At: 12 * sim.Hour, What: Surveyed, Party: 2, N: 13, Answer: Answer{CSAT: 2, Recommend: 3, Return: 0.1}},
		{At: 12 * sim.Hour, What: Surveyed, Party: 2, N: 14, Answer: Answer{CSAT: 4, Recommend: 7, Return: 0.5}},
	} {
		tl.Record(h)
	}
	rt := &tl.rides[0]
	require.Equal(t, 13, tl.peak)
	require.Equal(t, 10*sim.Hour+2*sim.Minute, tl.peakAt)
	require.Equal(t, int64(12), rt.postedN)
	require.InDelta(t, float64(10*20*sim.Minute+2*30*sim.Minute), rt.postedSum, 0.5)
	require.Equal(t, int64(10), tl.riders)
	require.Equal(t, int64(10), rt.byHour[10].Count(), "by the hour it joined, not the hour it boarded")
	require.Equal(t, []int64{10}, tl.persona, "the big party's ride counts once, when all of it is aboard")
	require.Equal(t, int64(1), rt.gaveUp.Count())
	require.Equal(t, float64(64*sim.Minute), rt.gaveUp.Mean())
	require.Equal(t, int64(1), tl.reneges)
	require.Equal(t, int64(2), rt.dispatches)
	require.Equal(t, int64(8), rt.lateSeats, "the second vehicle left after closing")
	require.Equal(t, int64(6), rt.emptySeats)
	require.Equal(t, int64(1), rt.balks)
	require.Equal(t, int64(1), tl.lineBalks)
	require.Equal(t, int64(1), tl.shops[0].sales)
	require.EqualValues(t, 1250, tl.otherWay[lineMerchandise])
	require.Zero(t, tl.otherWay[lineFood], "paid by band: in the ledger, not here")
	require.Equal(t, int64(3), tl.csat.Count())
	require.Equal(t, 1, tl.promoters)
	require.Equal(t, 1, tl.detractors)
	require.Equal(t, int64(3), tl.byPersona[0].Count())
	require.Equal(t, int64(3), tl.bandCSAT[0].Count(), "no band trouble")
}

// happeningCounter is a second recorder: it counts riders and dispatches
// its own way.
type happeningCounter struct {
	seen       int
	riders     int64
	dispatches int64
	survey     int64
}

func (c *happeningCounter) Record(h Happening) {
	c.seen++
	switch h.What {
	case Boarded:
		if h.Place.Kind == AtRide {
			c.riders += int64(h.N)
		}
	case Dispatched:
		c.dispatches++
	case Surveyed:
		c.survey++
	}
}

// A second recorder watches the same day and changes no figure; what it
// counts agrees with the summary.
func TestAnotherRecorderChangesNoFigure(t *testing.T) {
	for _, cfg := range []*Config{tinyPark(1500), troubledPark(1500)} {
		_, want := runConfig(t, cfg, 3)
		e := sim.New(3)
		p, err := New(e, cfg)
		require.NoError(t, err)
		c := &happeningCounter{}
		p.AddRecorder(c)
		e.Run()
		got := p.Summary()
		require.Equal(t, want, got, cfg.Name)
		require.Positive(t, c.seen)
		require.Equal(t, got.Rides, c.riders)
		require.Equal(t, got.Satisfaction.Responses, c.survey)
		var dispatches int64
		for _, a := range got.Attractions {
			dispatches += a.Dispatches
		}
		require.GreaterOrEqual(t, c.dispatches, dispatches, "a station's services are dispatches too, though not counted as vehicles")
	}
}
