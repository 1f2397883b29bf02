package scenarios

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/park"
	"parksim/sim"
)

// rideKind names the loading mechanism behind an attraction's posted wait,
// with "+res" when it offers return windows: the posted wait is modelled
// differently for each, so each is checked on its own.
func rideKind(cfg *park.Config, a int) string {
	at := &cfg.Attractions[a]
	kind := "vehicles"
	switch {
	case at.Servers > 0:
		kind = "station"
	case at.Timetable && at.DispatchEvery <= sim.Minute:
		kind = "continuous" // cars pass every few seconds, full or empty
	case at.Timetable:
		kind = "show"
	}
	if b := cfg.Bands; b != nil && b.ReservationShare > 0 {
		for _, r := range b.ReservationRides {
			if r == a {
				return kind + "+res"
			}
		}
	}
	return kind
}

// The park rounds its estimate up to the next step of roundingStep
// minutes (an estimate of 0 stays 0), so a posting exceeds overpost times
// the estimate by 0 to roundingStep minutes: on average half a step,
// roundingMean, wherever the estimates spread over several steps. The
// posted wait of a ride kind is checked against overpost × actual +
// roundingMean, within postedTolerance of overpost × actual, where the
// actual wait is at least longWait: there the rounding is a small part of
// the posting. Shorter waits (the textbook stations' half-minute waits post
// as 0 or 5) are held only to what rounding up can do: from overpost ×
// actual, less the tolerance, to that plus a whole step.
const (
	roundingStep = 5.0
	roundingMean = roundingStep / 2
	longWait     = 10.0
)

// postedTolerance is how far the rider-weighted posted wait, less the
// rounding, may stray from the configured over-posting ratio times the
// actual wait, as a share of that product. Measured at this commit on every
// embedded scenario, seeds 1–3, the worst kind came to 9.6% under: shows,
// whose line the sensor sees two minutes late, so the crowd arriving for a
// show is undercounted; then, with reservations, the headline coasters
// (8.8%), whose breakdowns hold their lines for a repair no posting
// foresees; continuous loaders 6–7%, whose small cars leave seats that
// parties do not fit. 12% bounds them with room for a seed's noise.
const postedTolerance = 0.12

// stationTolerance is postedTolerance for the busy station below, whose
// posting is Erlang C's (the parties ahead plus the service under way,
// over its servers), exact in expectation for exponential services:
// measured at 1.8% under without and 1.5% over with return windows, seeds
// 1–3 pooled (one seed alone strays up to 11%: at 95% load a day's waits
// are noisy); 6% is three times that, and tight enough to catch a posting
// a service short (10% under).
const stationTolerance = 0.06

// checkPosted holds one ride kind's rider-weighted posted and actual waits
// to the configured over-posting ratio, within tolerance (see
// postedTolerance).
func checkPosted(t *testing.T, what string, overpost, tolerance float64, r *postedRatio) {
	t.Helper()
	posted, actual := r.posted/r.riders, r.actual/r.riders
	want := overpost * actual
	msg := fmt.Sprintf("%s: posted %.2f min against %.2f × actual %.2f", what, posted, overpost, actual)
	if actual >= longWait {
		require.InDelta(t, want+roundingMean, posted, tolerance*want, msg)
		return
	}
	require.GreaterOrEqual(t, posted, want*(1-tolerance), msg)
	require.LessOrEqual(t, posted, want*(1+tolerance)+roundingStep, msg)
}

// postedRatio adds up, per scenario and ride kind, the rider-weighted posted
// wait standby riders saw when they joined and the wait they had.
type postedRatio struct{ posted, actual, riders float64 }

// On every embedded scenario, seeds 1–3, for every kind of ride, with and
// without return windows, the posted wait follows the configured
// over-posting ratio times the actual wait; and no attraction carries more
// riders than the seats it offered.
func TestPostedWaitTracksActualWaitPerRideKind(t *testing.T) {
	seeds := []uint64{1, 2, 3}
	names := Embedded()
	type cell struct {
		scenario string
		seed     uint64
		s        park.Summary
		cfg      *park.Config
	}
	cells := make([]cell, 0, len(names)*len(seeds))
	for _, n := range names {
		for _, seed := range seeds {
			cells = append(cells, cell{scenario: n, seed: seed})
		}
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2) // two cores
	for k := range cells {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			c := &cells[k]
			sc, err := LoadEmbedded(c.scenario)
			require.NoError(t, err)
			c.cfg = &sc.Park
			c.s = dayOf(t, c.scenario, c.seed).summary
		}()
	}
	wg.Wait()
	sums := map[string]*postedRatio{}
	overpost := map[string]float64{}
	for _, c := range cells {
		overpost[c.scenario] = c.cfg.Overpost
		require.LessOrEqual(t, c.s.Rides, c.s.SeatsOffered, "%s seed %d", c.scenario, c.seed)
		for a, as := range c.s.Attractions {
			require.LessOrEqual(t, as.Riders, as.SeatsOffered, "%s seed %d: %s", c.scenario, c.seed, as.ID)
			var standby int64
			for _, h := range as.WaitByHour {
				standby += h.Riders
			}
			key := c.scenario + "\t" + rideKind(c.cfg, a)
			r := sums[key]
			if r == nil {
				r = &postedRatio{}
				sums[key] = r
			}
			r.posted += as.PostedMinutes * float64(standby)
			r.actual += as.WaitMinutes.Mean * float64(standby)
			r.riders += float64(standby)
		}
	}
	keys := make([]string, 0, len(sums))
	for k := range sums {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	postedTableHead(&b)
	for _, k := range keys {
		sc, kind, _ := strings.Cut(k, "\t")
		postedTableRow(&b, sc, kind, overpost[sc], sums[k])
	}
	t.Log(b.String())
	for _, k := range keys {
		sc, kind, _ := strings.Cut(k, "\t")
		checkPosted(t, sc+", "+kind, overpost[sc], postedTolerance, sums[k])
	}
}

func postedTableHead(b *strings.Builder) {
	fmt.Fprintf(b, "\n| scenario | kind | standby riders | posted min | actual min | posted ÷ actual | (posted − 2.5) ÷ (configured × actual) | configured |\n|---|---|---|---|---|---|---|---|\n")
}

func postedTableRow(b *strings.Builder, scenario, kind string, overpost float64, r *postedRatio) {
	posted, actual := r.posted/r.riders, r.actual/r.riders
	fmt.Fprintf(b, "| %s | %s | %.0f | %.2f | %.2f | %.2f | %.3f | %.2f |\n", scenario, kind, r.riders, posted, actual,
		posted/actual, (posted-roundingMean)/(overpost*actual), overpost)
}

// busyStation is the textbook M/M/c scenario turned into a station whose
// guests wait: 4 servers, exponential 6-minute services, 38 guests an hour
// for 40 hours (95% load, waits of 8–30 minutes a seed). With return
// windows, 30% of parties hold one and ride again through the reservation
// line (each party rides standby once: a large repeat penalty), fewer
// arriving so that the load stays at 95%.
func busyStation(t *testing.T, windows bool) *Scenario {
	t.Helper()
	sc, err := LoadEmbedded("mmc")
	require.NoError(t, err)
	cfg := &sc.Park
	cfg.Attractions[0].Servers, cfg.Attractions[0].Service = 4, sim.Exp{M: float64(6 * sim.Minute)}
	cfg.Arrivals.Guests = 38 * 40
	if windows {
		cfg.Arrivals.Guests = 29 * 40 // and 30% of them ride twice
		cfg.Guests.Stay = sim.Const{V: float64(3 * sim.Hour)}
		cfg.Guests.RepeatPenalty = 200
		cfg.Bands = &park.Bands{
			DailyLimit:       sim.Const{V: 0},
			ReservationShare: 0.3, ReservationRides: []int{0}, ReservationSpan: sim.Hour, PriorityShare: 0.7,
			GuestRelations: 1, RelationsTime: sim.Const{V: float64(3 * sim.Minute)}, ManualCheck: 20 * sim.Second,
			Sensing: park.SensingConfig{Every: sim.Minute, Delay: 2 * sim.Minute, Detect: 0.8},
		}
	}
	return sc
}

// A station whose guests wait 10–30 minutes, with and without a busy
// reservation line, seeds 1–3: its posted wait follows the over-posting
// ratio times the actual wait as closely as the other kinds', where the
// embedded textbook stations' half-minute waits test only the rounding.
func TestPostedWaitTracksActualWaitAtABusyStation(t *testing.T) {
	var b strings.Builder
	postedTableHead(&b)
	for _, windows := range []bool{false, true} {
		kind := "station"
		if windows {
			kind = "station+res"
		}
		r := &postedRatio{}
		overpost := busyStation(t, windows).Park.Overpost
		for seed := uint64(1); seed <= 3; seed++ {
			sc := busyStation(t, windows)
			require.Equal(t, kind, rideKind(&sc.Park, 0))
			day, err := sc.Build(seed)
			require.NoError(t, err)
			s := day.Run()
			as := &s.Attractions[0]
			var standby int64
			for _, h := range as.WaitByHour {
				standby += h.Riders
			}
			r.posted += as.PostedMinutes * float64(standby)
			r.actual += as.WaitMinutes.Mean * float64(standby)
			r.riders += float64(standby)
		}
		postedTableRow(&b, "busy station", kind, overpost, r)
		require.GreaterOrEqual(t, r.actual/r.riders, longWait, "%s: guests wait", kind)
		checkPosted(t, "busy station, "+kind, overpost, stationTolerance, r)
	}
	t.Log(b.String())
}
