package wristband

import (
	"fmt"
	"math"
	"math/rand/v2"

	"parksim/sim"
)

// SensorConfig sets how well the park senses its crowd. How often the
// readers ping is the caller's choice: it calls Ping on its own clock.
type SensorConfig struct {
	Delay  sim.Time // from the pings to the estimate being available
	Detect float64  // share of the bands in range that a ping detects, (0, 1]
}

// Area is a place the sensor estimates: a zone, or a line. Boarding, if not
// -1, is the reader whose granted taps are the area's departures (a ride's
// boarding gate, the entry turnstiles: one tap per guest leaving the line),
// used for its arrival rate.
type Area struct {
	Name, Kind string
	// Boarding is the reader whose granted taps are the line's departures
	// (a ride's boarding, the gates, a restaurant's till), -1 for none;
	// each tap stands for PerTap guests (0: one), as a till's tap pays for
	// a party. One reader may feed several lines: the gates count as
	// departures both from their own line and from the bag check before it.
	Boarding ReaderID
	PerTap   float64
}

// Estimate is the sensor's view of one area.
type Estimate struct {
	Present         float64 // guests in the area
	ArrivalsPerHour float64 // for a line: guests joining it per hour
}

// Observation is everything the sensor publishes at once. It is the only
// view of the crowd that guidance and staffing policies get.
type Observation struct {
	At     sim.Time   // when the pings and taps behind it were taken
	InPark int        // entry taps minus exit taps
	Areas  []Estimate // in the order the areas were given
}

// Sensor turns pings and the tap log into Observations. A zone reader's
// ping samples how many of the bands in range it detects: one binomial draw
// per area and tick, not one event per band, so its cost does not grow with
// the crowd.
type Sensor struct {
	cfg        SensorConfig
	sys        *System
	rng        *rand.Rand
	areas      []Area
	areasOf    [][]int // reader → the areas fed by its boarding taps
	logNext    int     // first record of the log not yet read
	inPark     int
	boarded    []float64 // per area, departures since the last ping
	last       []float64 // per area, the previous raw estimate
	lastAt     sim.Time
	pending    []Observation // taken, not yet published
	spare      [][]Estimate  // Areas of observations no longer published, for reuse
	published  Observation
	errs       []sim.Tally // per area, |published − truth| at each ping
	truths     []sim.Tally // per area, the truth at those pings
	havePublic bool
}

// NewSensor watches areas of sys's park, drawing detections from rng.
// Readers must all be installed before. An area that is not a line must set
// Boarding to -1 (the zero value is reader 0). A detection probability
// outside (0, 1], or a negative PerTap, is a bug and panics.
func NewSensor(sys *System, cfg SensorConfig, rng *rand.Rand, areas []Area) *Sensor {
	if !(cfg.Detect > 0 && cfg.Detect <= 1) {
		panic(fmt.Sprintf("wristband: sensor detection probability %v", cfg.Detect))
	}
	s := &Sensor{cfg: cfg, sys: sys, rng: rng, areas: areas,
		areasOf: make([][]int, sys.Readers()), boarded: make([]float64, len(areas)),
		last: make([]float64, len(areas)), errs: make([]sim.Tally, len(areas)),
		truths: make([]sim.Tally, len(areas)), lastAt: -1}
	for i, a := range areas {
		if !(a.PerTap >= 0) {
			panic(fmt.Sprintf("wristband: area %q counts %v guests a tap", a.Name, a.PerTap))
		}
		if a.Boarding >= 0 {
			s.areasOf[a.Boarding] = append(s.areasOf[a.Boarding], i)
		}
	}
	return s
}

// Ping is one tick of every zone reader at time now; truth[i] is the number
// of guests really in area i, which only the pings' detections reach. It
// publishes the observations whose delay has passed and scores the published
// one against truth.
func (s *Sensor) Ping(now sim.Time, truth []int) {
	for _, r := range s.sys.log[s.logNext:] {
		if r.Reason != Granted {
			continue
		}
		switch s.sys.readers[r.Reader].Kind {
		case EntryGate:
			s.inPark++
		case ExitGate:
			s.inPark--
		}
		for _, a := range s.areasOf[r.Reader] {
			if n := s.areas[a].PerTap; n > 0 {
				s.boarded[a] += n
			} else {
				s.boarded[a]++
			}
		}
	}
	s.logNext = len(s.sys.log)

	obs := Observation{At: now, InPark: s.inPark}
	if n := len(s.spare); n > 0 {
		obs.Areas, s.spare = s.spare[n-1], s.spare[:n-1]
	} else {
		obs.Areas = make([]Estimate, len(s.areas))
	}
	hours := (now - s.lastAt).Hours()
	for i := range s.areas {
		raw := float64(sim.Binomial(s.rng, truth[i], s.cfg.Detect)) / s.cfg.Detect
		est := Estimate{Present: raw}
		if s.lastAt >= 0 && hours > 0 {
			// Joiners: what the line grew by, plus who left it by boarding.
			est.ArrivalsPerHour = math.Max(0, (raw-s.last[i]+s.boarded[i])/hours)
		}
		obs.Areas[i] = est
		s.last[i], s.boarded[i] = raw, 0
	}
	s.lastAt = now
	s.pending = append(s.pending, obs)

	k := 0
	for k < len(s.pending) && s.pending[k].At+s.cfg.Delay <= now {
		if s.havePublic {
			s.spare = append(s.spare, s.published.Areas)
		}
		s.published, s.havePublic = s.pending[k], true
		k++
	}
	s.pending = s.pending[:copy(s.pending, s.pending[k:])]
	if s.havePublic {
		for i := range s.areas {
			s.errs[i].Add(math.Abs(s.published.Areas[i].Present - float64(truth[i])))
			s.truths[i].Add(float64(truth[i]))
		}
	}
}

// Observation is the latest published observation; ok is false before the
// first one. Its Areas are the sensor's own, reused once a later one is
// published: read them before the next Ping, or copy them.
func (s *Sensor) Observation() (Observation, bool) { return s.published, s.havePublic }

// MeanAbsError is area i's mean absolute error of the published presence
// against the truth, over every ping since the first publication.
func (s *Sensor) MeanAbsError(i int) float64 { return s.errs[i].Mean() }

// Areas returns the areas the sensor watches.
func (s *Sensor) Areas() []Area { return s.areas }

// MeanPresent is area i's mean true presence over the scored pings, to put
// MeanAbsError in proportion.
func (s *Sensor) MeanPresent(i int) float64 { return s.truths[i].Mean() }
