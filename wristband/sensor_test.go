package wristband

import (
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/sim"
)

// sensorPark is a tiny park for the sensor: a gate in and out, a ride's
// boarding gate, and guests with a ticket for today.
type sensorPark struct {
	sys                *System
	gate, exit, board  ReaderID
	bands              []BandID
	nextID             TapID
	coaster, plaza, hb int // area indexes
}

func newSensorPark(t *testing.T, guests int) *sensorPark {
	t.Helper()
	p := &sensorPark{sys: NewSystem(Config{})}
	for range guests {
		_, b := p.sys.AddGuest(Guest{Ticket: today})
		p.bands = append(p.bands, b)
	}
	p.gate = p.sys.AddReader(entry)
	p.exit = p.sys.AddReader(exit)
	p.board = p.sys.AddReader(boarding)
	return p
}

// areas are the coaster's line (fed by the boarding gate) and two zones.
func (p *sensorPark) areas() []Area {
	return []Area{
		{Name: "coaster", Kind: "queue", Boarding: p.board},
		{Name: "plaza", Kind: "plaza", Boarding: -1},
		{Name: "hub", Kind: "hub", Boarding: -1},
	}
}

func (p *sensorPark) tap(at sim.Time, band BandID, r ReaderID) Decision {
	p.nextID++
	return p.sys.Tap(Tap{ID: p.nextID, At: at, Band: band, Reader: r})
}

func TestSensorWithPerfectDetectionMatchesTruth(t *testing.T) {
	const seed = 20240601
	t.Logf("seed %d", seed)
	rng := sim.Seed(seed).Stream("wristband-sensor-test")
	p := newSensorPark(t, 40)
	sensor := NewSensor(p.sys, SensorConfig{Delay: 0, Detect: 1}, sim.Seed(seed).Stream("sensor"), p.areas())
	_, ok := sensor.Observation()
	require.False(t, ok, "nothing is published before the first ping")

	inPark := 0
	truth := make([]int, 3)
	now := 9 * sim.Hour
	for ping := range 200 {
		// Taps between pings: entries, exits (some denied by anti-passback
		// or with nobody inside) and boardings.
		for range rng.IntN(6) {
			now += sim.Time(1 + rng.IntN(int(sim.Second)))
			b := p.bands[rng.IntN(len(p.bands))]
			switch rng.IntN(3) {
			case 0:
				if p.tap(now, b, p.gate).Granted() {
					inPark++
				}
			case 1:
				if p.tap(now, b, p.exit).Granted() {
					inPark--
				}
			case 2:
				p.tap(now, b, p.board)
			}
		}
		now += sim.Minute
		for i := range truth {
			truth[i] = rng.IntN(300) // beyond 64 too, where Binomial approximates
		}
		sensor.Ping(now, truth)

		obs, ok := sensor.Observation()
		require.True(t, ok)
		require.Equal(t, now, obs.At, "ping %d", ping)
		require.Equal(t, inPark, obs.InPark, "ping %d", ping)
		require.Len(t, obs.Areas, 3)
		for i, e := range obs.Areas {
			require.Equal(t, float64(truth[i]), e.Present, "ping %d, area %d", ping, i)
		}
	}
	for i := range truth {
		require.Zero(t, sensor.MeanAbsError(i), "area %d", i)
	}
	require.Equal(t, p.areas(), sensor.Areas())
}

func TestSensorInParkAndArrivals(t *testing.T) {
	p := newSensorPark(t, 6)
	noTicket, _ := p.sys.AddGuest(Guest{Ticket: Ticket{FirstDay: 1, LastDay: 1}})
	nb := p.sys.BandOf(noTicket)
	sensor := NewSensor(p.sys, SensorConfig{Detect: 1}, sim.Seed(1).Stream("sensor"), p.areas())
	b := p.bands

	steps := []struct {
		name   string
		at     sim.Time
		taps   func(at sim.Time) // between the previous ping and this one
		truth  []int
		inPark int
		perH   []float64 // ArrivalsPerHour per area
	}{
		{"first ping: no rate yet", 10 * sim.Hour, func(at sim.Time) {
			for _, x := range b[:4] {
				require.True(t, p.tap(at, x, p.gate).Granted())
			}
			require.False(t, p.tap(at, b[0], p.gate).Granted()) // passback
			require.False(t, p.tap(at, b[5], p.exit).Granted()) // not inside
		}, []int{10, 30, 0}, 4, []float64{0, 0, 0}},
		{"15 min: line 10→12 with 3 boarded", 10*sim.Hour + 15*sim.Minute, func(at sim.Time) {
			for _, x := range b[:3] {
				require.True(t, p.tap(at, x, p.board).Granted())
			}
			require.False(t, p.tap(at, nb, p.board).Granted()) // no ticket: not a departure
			n := len(p.sys.Log())
			p.sys.Tap(Tap{ID: p.nextID, At: at, Band: b[2], Reader: p.board}) // a retry is no second departure
			require.Len(t, p.sys.Log(), n)
			require.True(t, p.tap(at, b[0], p.exit).Granted())
		}, []int{12, 40, 7}, 3, []float64{(12 - 10 + 3) / 0.25, (40 - 30) / 0.25, 7 / 0.25}},
		{"30 min: line 12→2 with 1 boarded: never negative", 10*sim.Hour + 45*sim.Minute, func(at sim.Time) {
			require.True(t, p.tap(at, b[1], p.board).Granted())
		}, []int{2, 10, 7}, 3, []float64{0, 0, 0}},
		{"1 h: line 2→8 with 4 boarded", 11*sim.Hour + 45*sim.Minute, func(at sim.Time) {
			for _, x := range b[:4] {
				require.True(t, p.tap(at, x, p.board).Granted())
			}
			require.True(t, p.tap(at, b[5], p.gate).Granted())
			require.True(t, p.tap(at, b[0], p.gate).Granted())
		}, []int{8, 10, 9}, 5, []float64{(8 - 2 + 4) / 1.0, 0, 2}},
	}
	for _, st := range steps {
		st.taps(st.at - sim.Minute)
		sensor.Ping(st.at, st.truth)
		obs, ok := sensor.Observation()
		require.True(t, ok, st.name)
		require.Equal(t, st.inPark, obs.InPark, st.name)
		perH := make([]float64, len(obs.Areas))
		for i, e := range obs.Areas {
			perH[i] = e.ArrivalsPerHour
		}
		require.Equal(t, st.perH, perH, st.name)
	}
	require.Equal(t, []float64{20, 40, 28}, []float64{(12 - 10 + 3) / 0.25, (40 - 30) / 0.25, 7 / 0.25}, "the hand computation")
}

func TestSensorDelay(t *testing.T) {
	p := newSensorPark(t, 1)
	sensor := NewSensor(p.sys, SensorConfig{Delay: 2 * sim.Minute, Detect: 1}, sim.Seed(1).Stream("sensor"), p.areas())
	start := 10 * sim.Hour
	for k := range 10 {
		now := start + sim.Time(k)*sim.Minute
		if k == 3 {
			require.True(t, p.tap(now-sim.Second, p.bands[0], p.gate).Granted())
		}
		sensor.Ping(now, []int{10 * k, 5, 100 - k})

		obs, ok := sensor.Observation()
		if k < 2 {
			require.False(t, ok, "ping %d: nothing is two pings old yet", k)
			continue
		}
		require.True(t, ok, "ping %d", k)
		lag := k - 2
		require.Equal(t, start+sim.Time(lag)*sim.Minute, obs.At, "ping %d", k)
		require.Equal(t, []Estimate{
			{Present: float64(10 * lag), ArrivalsPerHour: map[bool]float64{true: 0, false: 600}[lag == 0]},
			{Present: 5},
			{Present: float64(100 - lag)},
		}, obs.Areas, "ping %d", k)
		require.Equal(t, map[bool]int{true: 1, false: 0}[lag >= 3], obs.InPark, "ping %d", k)
	}
	// Published two pings late, against a truth that moves 10 and 1 a ping.
	require.Equal(t, []float64{20, 0, 2}, []float64{sensor.MeanAbsError(0), sensor.MeanAbsError(1), sensor.MeanAbsError(2)})
	// The truth over the scored pings (2 to 9): 20..90, 5, and 98..91.
	require.Equal(t, []float64{55, 5, 94.5}, []float64{sensor.MeanPresent(0), sensor.MeanPresent(1), sensor.MeanPresent(2)})
}

func TestSensorMeanPresentBeforePublication(t *testing.T) {
	p := newSensorPark(t, 0)
	sensor := NewSensor(p.sys, SensorConfig{Delay: 5 * sim.Minute, Detect: 1}, sim.Seed(1).Stream("sensor"), p.areas())
	sensor.Ping(10*sim.Hour, []int{7, 8, 9})
	_, ok := sensor.Observation()
	require.False(t, ok)
	for i := range 3 {
		require.Zero(t, sensor.MeanPresent(i), "area %d: no ping scored yet", i)
		require.Zero(t, sensor.MeanAbsError(i), "area %d", i)
	}
}

func TestNewSensorPanics(t *testing.T) {
	p := newSensorPark(t, 1)
	rng := sim.Seed(1).Stream("sensor")
	for _, detect := range []float64{0, -0.5, 1.0000001, 2, math.NaN()} {
		require.PanicsWithValue(t, fmt.Sprintf("wristband: sensor detection probability %v", detect), func() {
			NewSensor(p.sys, SensorConfig{Detect: detect}, rng, p.areas())
		}, "detect %v", detect)
	}
	for _, detect := range []float64{1, 0.5, 1e-9} {
		require.NotPanics(t, func() {
			NewSensor(p.sys, SensorConfig{Detect: detect}, rng, p.areas())
		}, "detect %v", detect)
	}

	bad := []Area{{Name: "till", Kind: "queue", Boarding: p.board, PerTap: -1}}
	require.PanicsWithValue(t, fmt.Sprintf("wristband: area %q counts %v guests a tap", "till", -1.0), func() {
		NewSensor(p.sys, SensorConfig{Detect: 1}, rng, bad)
	})
	// Areas that are not lines all say -1: they share no reader.
	require.NotPanics(t, func() {
		NewSensor(p.sys, SensorConfig{Detect: 1}, rng, []Area{
			{Name: "plaza", Kind: "plaza", Boarding: -1}, {Name: "hub", Kind: "hub", Boarding: -1}})
	})
}

func TestSensorWithMissedDetections(t *testing.T) {
	const pings, detect = 4000, 0.5
	truth := []int{40, 1000, 0} // below 64 Binomial is exact, above it approximates
	for _, seed := range []uint64{1, 2, 3, 4, 5} {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Logf("seed %d", seed)
			p := newSensorPark(t, 0)
			sensor := NewSensor(p.sys, SensorConfig{Detect: detect}, sim.Seed(seed).Stream("sensor"), p.areas())
			tallies := make([]sim.Tally, len(truth))
			for k := range pings {
				sensor.Ping(sim.Time(k)*sim.Minute, truth)
				obs, _ := sensor.Observation()
				for i, e := range obs.Areas {
					detected := e.Present * detect
					require.Equal(t, math.Round(detected), detected, "a ping counts whole bands")
					require.GreaterOrEqual(t, detected, 0.0)
					require.LessOrEqual(t, detected, float64(truth[i]))
					tallies[i].Add(e.Present)
				}
			}
			for i, n := range truth {
				// Present is detections/detect: unbiased, with variance n(1-p)/p.
				se := math.Sqrt(float64(n)*(1-detect)/detect) / math.Sqrt(pings)
				require.InDelta(t, float64(n), tallies[i].Mean(), 4*se+1e-9, "area %d: mean %v over %d pings", i, tallies[i].Mean(), pings)
				if n > 0 {
					require.Positive(t, sensor.MeanAbsError(i), "area %d", i)
				} else {
					require.Zero(t, sensor.MeanAbsError(i), "area %d: nobody to miss", i)
				}
			}
		})
	}
}

// Once the delay's worth of observations is under way, a ping allocates
// nothing: the observations no longer published lend their areas to new ones.
func TestSensorPingAllocatesNothing(t *testing.T) {
	p := newSensorPark(t, 1)
	sensor := NewSensor(p.sys, SensorConfig{Delay: 2 * sim.Minute, Detect: 0.8}, sim.Seed(1).Stream("sensor"), p.areas())
	truth := []int{10, 5, 100}
	now := 10 * sim.Hour
	for range 5 {
		now += sim.Minute
		sensor.Ping(now, truth)
	}
	allocs := testing.AllocsPerRun(100, func() {
		now += sim.Minute
		sensor.Ping(now, truth)
	})
	require.Zero(t, allocs)
	obs, ok := sensor.Observation()
	require.True(t, ok)
	require.Equal(t, now-2*sim.Minute, obs.At)
}

// One reader may feed several lines, and a tap may stand for a party: the
// gates' taps are departures from their own line and from the bag check
// before it, and a till's tap pays for a party of 2.5 guests on average.
func TestSensorSharedReadersAndPartyTaps(t *testing.T) {
	p := newSensorPark(t, 4)
	areas := []Area{
		{Name: "gates", Kind: "queue", Boarding: p.gate},
		{Name: "bag-check", Kind: "queue", Boarding: p.gate},
		{Name: "till", Kind: "queue", Boarding: p.board, PerTap: 2.5},
	}
	sensor := NewSensor(p.sys, SensorConfig{Detect: 1}, sim.Seed(1).Stream("sensor"), areas)
	sensor.Ping(10*sim.Hour, []int{5, 5, 5})
	for _, b := range p.bands[:3] {
		require.True(t, p.tap(10*sim.Hour+sim.Minute, b, p.gate).Granted())
	}
	require.True(t, p.tap(10*sim.Hour+sim.Minute, p.bands[0], p.board).Granted())
	sensor.Ping(11*sim.Hour, []int{5, 4, 5})
	obs, ok := sensor.Observation()
	require.True(t, ok)
	require.Equal(t, []float64{3, 2, 2.5}, []float64{obs.Areas[0].ArrivalsPerHour, obs.Areas[1].ArrivalsPerHour, obs.Areas[2].ArrivalsPerHour})
}
