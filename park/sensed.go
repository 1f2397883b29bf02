package park

import (
	"math"

	"parksim/sim"
)

// Without the band system the park knows its lines the way parks without
// bands do: staff count every line at its post every CountEvery, exactly,
// from the opening, and the count reaches the sensed view CountDelay later.
// It knows nothing of its zones.
const (
	CountEvery = 5 * sim.Minute
	CountDelay = sim.Minute
)

// noReading is the time of a reading never taken.
const noReading sim.Time = -1

// ZoneReading is what the park knows of one zone.
type ZoneReading struct {
	At              sim.Time // when the pings behind it were taken
	Guests          float64  // guests present
	ArrivalsPerHour float64  // what the zone grew by per hour since the reading before, at least 0
}

// LineReading is what the park knows of one line.
type LineReading struct {
	At              sim.Time // when the count or the pings behind it were taken
	Guests, Parties float64  // in the line
	ArrivalsPerHour float64  // guests joining it per hour, between the reading before and this one
	Joined          float64  // guests who joined it from the first reading to this one: ArrivalsPerHour over each span between readings, added up
	Wait            sim.Time // the wait the park expects for a party joining it now (a ride's: its posted wait)
}

// Age is how old reading r is at now.
func (r LineReading) Age(now sim.Time) sim.Time { return now - r.At }

// Age is how old reading r is at now.
func (r ZoneReading) Age(now sim.Time) sim.Time { return now - r.At }

// Sensed is what the park knows at a time, the only view of its crowd that
// posted waits, guests' choices of ride, restaurant and checkout, and
// staffing and guidance policies read: per zone (by zone id) and per line
// (by the id of the post that serves it: "<attraction>/crew" or
// "<attraction>/servers", "<restaurant>/registers", "<restaurant>/tables",
// "<merchant>/clerks" or "<merchant>/photographers", "entry/turnstiles",
// "entry/bag-check", "guest-relations/desk"), each reading with the time it
// was taken. The truth stays with the park, for its reports.
//
// With the band system on, the sensor fills it: every zone where parties
// stop and every line is an area it pings (a line's departures are the
// granted taps at the reader that serves it, where there is one: a ride's
// boarding gate, the turnstiles), and each published observation replaces
// the readings. A line's parties are its guests sensed over the day's mean
// party size, which the park knows from the tickets sold. Without it, the
// readings are the staff's counts (see CountEvery), and there are no zone
// readings.
//
// A ride's Wait is its posted wait, worked out when the readings change
// (see Park.boardWait), not at every choice.
type Sensed struct {
	zoneIDs []string
	zoneOf  map[string]int
	zones   []ZoneReading
	lineIDs []string
	lineOf  map[string]int
	lines   []LineReading
}

// Zone is the reading of zone id; ok is false for a zone the park does not
// sense, or before its first reading.
func (s *Sensed) Zone(id string) (ZoneReading, bool) {
	k, ok := s.zoneOf[id]
	if !ok || s.zones[k].At == noReading {
		return ZoneReading{}, false
	}
	return s.zones[k], true
}

// Line is the reading of the line served by post id; ok is false for an
// unknown post, or before the line's first reading.
func (s *Sensed) Line(id string) (LineReading, bool) {
	k, ok := s.lineOf[id]
	if !ok || s.lines[k].At == noReading {
		return LineReading{}, false
	}
	return s.lines[k], true
}

// Zones are the ids of the zones the view has readings for, in a fixed order.
func (s *Sensed) Zones() []string { return s.zoneIDs }

// Lines are the ids of the posts whose lines the view has readings for, in a
// fixed order.
func (s *Sensed) Lines() []string { return s.lineIDs }

// Sensed is what the park knows now. It is the park's own: read it, do not
// change it.
func (p *Park) Sensed() *Sensed { return &p.view }

// lineKind is what serves a line.
type lineKind uint8

const (
	lineRide lineKind = iota
	lineRegisters
	lineTables
	lineCheckout
	lineTurnstiles
	lineBagCheck
	lineDesk
)

// lineAreaKind is the kind of sensor area each kind of line is, by which
// the summary groups the sensing errors.
var lineAreaKind = [...]string{
	lineRide:       "queue",
	lineRegisters:  "register-line",
	lineTables:     "table-line",
	lineCheckout:   "checkout-line",
	lineTurnstiles: "entry-line",
	lineBagCheck:   "entry-line",
	lineDesk:       "desk-line",
}

// lineRef is the venue behind one line of the view: its kind and the
// index of its attraction, restaurant or merchant.
type lineRef struct {
	kind lineKind
	k    int
}

// sensedState is the park's side of the view: the venue behind each line,
// and without the band system the count taken and not yet known.
type sensedState struct {
	refs     []lineRef
	meanSize float64       // guests per party over the day's tickets
	counted  []LineReading // the last count, known CountDelay after it was taken
	departed []int64       // per line, riders boarded as of the last count (rides only)
}

// newSensed lays out the view: the zones where parties stop (with the band
// system, which alone senses zones), then the rides' lines in attraction
// order (so a ride's line index is its attraction index), the restaurants',
// the staffed merchants', the entry's and the desk's.
func (p *Park) newSensed() {
	cfg := p.cfg
	v := &p.view
	v.zoneOf, v.lineOf = map[string]int{}, map[string]int{}
	if cfg.Bands != nil {
		for z := range cfg.Zones {
			if cfg.Stops(z) {
				v.zoneOf[cfg.Zones[z].ID] = len(v.zoneIDs)
				v.zoneIDs = append(v.zoneIDs, cfg.Zones[z].ID)
			}
		}
	}
	s := &p.seen
	add := func(id string, kind lineKind, k int) int {
		v.lineOf[id] = len(v.lineIDs)
		v.lineIDs = append(v.lineIDs, id)
		s.refs = append(s.refs, lineRef{kind, k})
		return len(v.lineIDs) - 1
	}
	for a := range p.rides {
		post := PostCrew
		if p.rides[a].cfg.Servers > 0 {
			post = PostServers
		}
		add(postID(p.rides[a].cfg.ID, post), lineRide, a)
	}
	for k := range p.diners {
		d := &p.diners[k]
		d.view, d.registersLine = v, -1
		if d.registers != nil {
			d.registersLine = add(postID(d.cfg.ID, PostRegisters), lineRegisters, k)
		}
		d.tablesLine = add(d.cfg.ID+"/tables", lineTables, k)
	}
	for k := range p.shops {
		p.shops[k].line = -1
		if p.shops[k].staff == nil {
			continue
		}
		post := PostClerks
		if cfg.Merchants[k].photographers() {
			post = PostPhotographers
		}
		p.shops[k].line = add(postID(cfg.Merchants[k].ID, post), lineCheckout, k)
	}
	add(turnstilesPost, lineTurnstiles, 0)
	if p.bags != nil {
		add(bagCheckPost, lineBagCheck, 0)
	}
	if cfg.Bands != nil {
		add(deskPost, lineDesk, 0)
	}
	v.zones = make([]ZoneReading, len(v.zoneIDs))
	for k := range v.zones {
		v.zones[k].At = noReading
	}
	v.lines = make([]LineReading, len(v.lineIDs))
	s.counted = make([]LineReading, len(v.lines))
	s.departed = make([]int64, len(v.lines))
	for l := range v.lines {
		v.lines[l].At, s.counted[l].At = noReading, noReading
	}
	s.meanSize = 1
	if len(p.parties) > 0 {
		s.meanSize = float64(p.guests) / float64(len(p.parties))
	}
}

// trueLine is the truth of line l now, guests and parties: what the sensor
// samples and the staff count. A venue's line that holds parties counts its
// guests as its parties times the day's mean party size.
func (p *Park) trueLine(l int) (guests, parties int) {
	ref := p.seen.refs[l]
	var waiting *sim.Resource
	switch ref.kind {
	case lineRide:
		r := &p.rides[ref.k]
		return r.inLine(), r.queue.Len() + r.priority.Len()
	case lineRegisters:
		waiting = p.diners[ref.k].registers
	case lineTables:
		waiting = p.diners[ref.k].tables
	case lineCheckout:
		waiting = p.shops[ref.k].staff
	case lineTurnstiles:
		waiting = p.gates
	case lineBagCheck:
		waiting = p.bags
	case lineDesk:
		waiting = p.bands.desk
	}
	if waiting == nil {
		return 0, 0
	}
	parties = waiting.Waiting()
	return int(math.Round(float64(parties) * p.seen.meanSize)), parties
}

// lineWait is the wait the park expects for a party joining line l, from
// its reading: the parties waiting, shared among the servers, at their mean
// service time (a ride's is its board, worked out by boardWait). At a table
// line the party waits for the parties ahead and its own table, when there
// is a line.
func (p *Park) lineWait(l int) sim.Time {
	ref, r := p.seen.refs[l], &p.view.lines[l]
	// shared is n waiting, served staffed at a time at mean ms each; with
	// nobody on duty, longer than anyone waits.
	shared := func(n float64, staffed int, mean float64) sim.Time {
		if staffed == 0 {
			return noStaffWait
		}
		return sim.Millis(n / float64(staffed) * mean)
	}
	// Before the gates open their posts are unstaffed; the wait the park
	// expects there is that of the staff who will open them.
	entry := func(res *sim.Resource, post string) int {
		if !p.opened {
			return p.posts[p.postIndex[post]].Staff
		}
		return res.Capacity()
	}
	switch ref.kind {
	case lineRide:
		return r.Wait
	case lineRegisters:
		d := &p.diners[ref.k]
		return shared(r.Parties, d.registers.Capacity(), d.order)
	case lineTables:
		d := &p.diners[ref.k]
		if r.Parties > 0 {
			return sim.Millis((r.Parties + 1) / float64(d.tables.Capacity()) * d.dine)
		}
		return 0
	case lineCheckout:
		mc := &p.cfg.Merchants[ref.k]
		return shared(r.Parties, p.shops[ref.k].staff.Capacity(), mc.Serve.Mean())
	case lineTurnstiles:
		return shared(r.Guests, entry(p.gates, turnstilesPost), p.cfg.Entry.Service.Mean())
	case lineBagCheck:
		return shared(r.Parties, entry(p.bags, bagCheckPost), p.cfg.Entry.BagTime.Mean())
	case lineDesk:
		return shared(r.Guests, p.bands.desk.Capacity(), p.cfg.Bands.RelationsTime.Mean())
	}
	return 0
}

// refresh works out every line's expected wait from its reading as of now,
// the rides' boards included.
func (p *Park) refresh(now sim.Time) {
	for l := range p.view.lines {
		if p.seen.refs[l].kind == lineRide {
			p.view.lines[l].Wait = p.boardWait(l, now)
		} else {
			p.view.lines[l].Wait = p.lineWait(l)
		}
	}
	p.record(Happening{At: now, What: Published, Party: -1})
}

// observed fills the view from the sensor's published observation: its
// zones, then its lines, in the view's order.
func (p *Park) observed(now sim.Time) {
	obs, ok := p.bands.sensor.Observation()
	if !ok {
		p.refresh(now) // nothing known yet: the boards still follow the clock
		return
	}
	n := len(p.view.zones)
	for k := range p.view.zones {
		est := obs.Areas[k]
		p.view.zones[k] = ZoneReading{At: obs.At, Guests: est.Present, ArrivalsPerHour: est.ArrivalsPerHour}
	}
	for l := range p.view.lines {
		est := obs.Areas[n+l]
		prev := p.view.lines[l]
		r := LineReading{At: obs.At, Guests: est.Present, Parties: est.Present / p.seen.meanSize, ArrivalsPerHour: est.ArrivalsPerHour, Joined: prev.Joined}
		if prev.At != noReading && obs.At > prev.At {
			r.Joined += est.ArrivalsPerHour * (obs.At - prev.At).Hours()
		}
		p.view.lines[l] = r
	}
	p.refresh(now)
}

// count is the staff counting every line at now, exactly; the count is known
// CountDelay later (see countKnown). Arrivals are what a line grew by since
// the count before, plus, at a ride, the riders its crew boarded.
func (p *Park) count(now sim.Time) {
	s := &p.seen
	for l := range s.counted {
		guests, parties := p.trueLine(l)
		var gone int64
		if s.refs[l].kind == lineRide {
			gone = p.rides[s.refs[l].k].boarded
		}
		prev := s.counted[l]
		c := LineReading{At: now, Guests: float64(guests), Parties: float64(parties), Joined: prev.Joined}
		if prev.At != noReading && now > prev.At {
			c.ArrivalsPerHour = max(0, (c.Guests-prev.Guests+float64(gone-s.departed[l]))/(now-prev.At).Hours())
			c.Joined += c.ArrivalsPerHour * (now - prev.At).Hours()
		}
		s.counted[l], s.departed[l] = c, gone
	}
}

// countKnown is the last count reaching the view.
func (p *Park) countKnown(now sim.Time) {
	copy(p.view.lines, p.seen.counted)
	p.refresh(now)
}
