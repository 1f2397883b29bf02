package park

import (
	"math"
	"math/rand/v2"

	"parksim/sim"
	"parksim/wristband"
)

// Restaurant is a counter-service restaurant: parties queue at its
// registers to order and pay, wait while the kitchen prepares the order,
// then need a table to eat. Parties that order ahead in the app skip the
// register: their order is prepared while they walk over.
//
// A table-service restaurant (TableService) has no registers: a party waits
// for a table, is served at it for Dine (ordering and the kitchen included)
// and pays at the end. Reserved of its tables are kept for parties that
// booked ahead (Bookings of all parties that eat in the park); walk-ins share
// the rest.
type Restaurant struct {
	ID, Name     string
	Zone         int
	TableService bool
	Registers    int      // cashiers taking orders; 0 for table service
	RegistersMax int      // the most cashiers a staffing policy may put on (see Post); 0: Registers
	Order        sim.Dist // ms per party at a register
	Prep         sim.Dist // ms the kitchen takes for an order
	Tables       int      // parties seated at once
	Reserved     int      // table service: of the tables, kept for bookings
	Bookings     float64  // table service: share of the parties that eat in the park who book a meal here
	Dine         sim.Dist // ms a party spends eating
	Meal         sim.Dist // cents per guest, paid by band when the band system is on
}

// bookingEarly is how long before its booking a party sets off for it,
// walking time aside.
const bookingEarly = 10 * sim.Minute

// mealWaitLimit is the share of a party's patience for a ride line that it
// grants a restaurant: an expected wait (see expectedWait) longer than that
// share rules the restaurant out, when choosing or on arriving; and on a
// register's or a table's line it gives up after that share of its give-up
// patience. A party on a booking neither balks nor gives up.
const mealWaitLimit = 0.5

// retryMeal is how long a party that found no restaurant it would wait at
// (or walked away from one before eating) puts its meal off.
const retryMeal = 30 * sim.Minute

// Event kinds of dining. Arg is a party index.
const (
	evRegister       sim.Kind = iota // the party reaches a free register
	evOrdered                        // the order is taken and paid
	evFoodReady                      // the kitchen is done
	evSeated                         // the party has a table
	evDined                          // the party has eaten
	evRegisterGiveUp                 // the party gives up on a register line
	evTableGiveUp                    // the party gives up on a table line
)

// mealVisit is a party's visit to a restaurant for one meal: dining's own
// record of it, one per party, from choosing the restaurant to leaving it.
type mealVisit struct {
	at                int32    // the restaurant it walks to or eats at
	joined            sim.Time // arrived (or its booking, if later)
	ticket            sim.Ticket
	renege            sim.Timer       // when it gives up on the register's or the table's line
	foodAt            sim.Time        // an app order is ready then
	order, prep, dine sim.Time        // this meal's times at the register, in the kitchen, at the table
	price             wristband.Cents // and its price for the party
	booking           bool            // the meal is its booking
}

// diner is the running state of a restaurant.
type diner struct {
	cfg       *Restaurant
	order     float64       // mean time per order at a register (ms), counter service
	prep      float64       // mean time in the kitchen (ms), counter service
	dine      float64       // mean time at a table (ms)
	registers *sim.Resource // nil for table service
	tables    *sim.Resource // all tables at counter service; the walk-ins' at table service
	reserved  *sim.Resource // table service: the tables kept for bookings
	pos       wristband.ReaderID
	app       wristband.ReaderID // counter service: the remote till that takes orders placed in the app

	registersLine, tablesLine int // its lines in the sensed view; registersLine -1 at table service
	view                      *Sensed
}

// chooseMeal reports whether party i is due at its booking or hungry now
// and, if so, sends it there or to a restaurant picked by logit over walking
// time and the expected wait (see expectedWait).
func (p *Park) chooseMeal(e *sim.Engine, i int) bool {
	pt := &p.parties[i]
	now := e.Now()
	if len(p.diners) == 0 || pt.mealsLeft == 0 {
		return false
	}
	if pt.booked >= 0 {
		if d := &p.diners[pt.booked]; now+p.walkTime(pt, d.cfg.Zone) >= pt.bookedAt-bookingEarly {
			p.goToMeal(e, i, int(pt.booked))
			p.mealVisit[i].booking = true
			return true
		}
		if pt.mealsLeft == 1 || pt.bookedAt-now < 2*sim.Hour {
			return false // its one meal left is the booked one, or the booking comes soon
		}
	}
	if now < pt.hungryAt {
		return false
	}
	g := &p.cfg.Guests
	best := math.Inf(-1)
	turnedDown, favourite := math.Inf(-1), -1 // the best restaurant ruled out by its wait
	for k := range p.diners {
		d := &p.diners[k]
		walk := p.walkTime(pt, d.cfg.Zone)
		wait := d.expectedWait(pt.mobile, walk)
		u := -g.WalkWeight*walk.Minutes() - g.WaitWeight*wait.Minutes()
		if wait > mealWaitFor(pt) {
			p.dinerUtil[k] = math.Inf(-1)
			if u > turnedDown {
				turnedDown, favourite = u, k
			}
			continue
		}
		p.dinerUtil[k] = u
		best = math.Max(best, u)
	}
	if favourite >= 0 && turnedDown > best {
		p.record(Happening{At: now, What: Balked, Party: int32(i), Place: Place{AtMeal, int32(favourite)}}) // as a ride's line turned down from the boards
	}
	if math.IsInf(best, -1) {
		pt.hungryAt = now + retryMeal // every restaurant's wait is too long: it tries again later
		return false
	}
	p.goToMeal(e, i, logitPick(p.dinerUtil, best, pt.rng))
	return true
}

// goToMeal sends party i to restaurant pick for its next meal, drawing the
// meal's times and price.
func (p *Park) goToMeal(e *sim.Engine, i, pick int) {
	pt := &p.parties[i]
	now := e.Now()
	p.mealVisit[i].at = int32(pick)
	p.mealVisit[i].booking = false // a walk-in, unless chooseMeal says otherwise
	d := &p.diners[pick]
	// This meal's draws, all at once from the party's own stream for it, so
	// that ordering in the app or not shifts no other draw.
	e.Seed().Reset(p.scratchPCG, streamMeal, 2*i+int(2-pt.mealsLeft))
	r := p.scratchRng
	p.mealVisit[i].order, p.mealVisit[i].prep = 0, 0
	if !d.cfg.TableService {
		p.mealVisit[i].order, p.mealVisit[i].prep = sim.Duration(d.cfg.Order, r), sim.Duration(d.cfg.Prep, r)
	}
	p.mealVisit[i].dine = sim.Duration(d.cfg.Dine, r)
	p.mealVisit[i].price = wristband.Cents(math.Round(d.cfg.Meal.Rand(r) * float64(pt.size)))
	if pt.mobile && !d.cfg.TableService {
		// Ordered in the app now: the kitchen starts at once.
		p.mealVisit[i].foodAt = now + p.mealVisit[i].prep
		p.payMeal(e, i, d.app)
	}
	p.walkTo(e, i, Place{AtMeal, int32(pick)}, d.cfg.Zone)
}

// atRestaurant is party i arriving at its restaurant.
func (p *Park) atRestaurant(e *sim.Engine, i int) {
	pt := &p.parties[i]
	d := &p.diners[p.mealVisit[i].at]
	p.mealVisit[i].joined = e.Now()
	p.record(Happening{At: e.Now(), What: Arrived, Party: int32(i), Place: Place{AtMeal, p.mealVisit[i].at}, N: pt.size})
	p.setActivity(i, InLine, Place{AtMeal, p.mealVisit[i].at}, 0)
	if d.cfg.TableService {
		tables := d.tables
		if p.mealVisit[i].booking {
			tables = d.reserved
			p.mealVisit[i].joined = max(p.mealVisit[i].joined, pt.bookedAt) // early by its own choice: its wait counts from the booking
		}
		if !p.mealVisit[i].booking && d.expectedWait(false, 0) > mealWaitFor(pt) {
			p.balkAtRestaurant(e, i)
			return
		}
		p.queueForTable(e, i, tables)
		return
	}
	if pt.mobile {
		// Paid in the app already: it does not turn the restaurant down
		// now, but it may give up on the table line.
		p.record(Happening{At: e.Now(), What: OrderedAhead, Party: int32(i), Place: Place{AtMeal, p.mealVisit[i].at}, Until: p.mealVisit[i].foodAt})
		e.Schedule(max(e.Now(), p.mealVisit[i].foodAt), p.on.dining, sim.Event{Kind: evFoodReady, Arg: int64(i)})
		return
	}
	if d.expectedWait(false, 0) > mealWaitFor(pt) {
		p.balkAtRestaurant(e, i)
		return
	}
	t, ok := d.registers.Request(e, p.on.dining, sim.Event{Kind: evRegister, Arg: int64(i)})
	if ok {
		p.atRegister(e, i)
		return
	}
	p.mealVisit[i].ticket = t
	p.scheduleMealGiveUp(e, i, evRegisterGiveUp)
}

// balkAtRestaurant is party i turning its restaurant down on arriving: the
// wait grew while it walked over, and it walks away, as from a ride.
func (p *Park) balkAtRestaurant(e *sim.Engine, i int) {
	pt := &p.parties[i]
	p.record(Happening{At: e.Now(), What: Balked, AtLine: true, Party: int32(i), Place: Place{AtMeal, p.mealVisit[i].at}})
	pt.exp.balks++
	pt.hungryAt = e.Now() + retryMeal
	p.choose(e, i)
}

// queueForTable is party i asking for one of tables: seated at once if one
// is free, else in line until one is, or until it gives up (never on a
// booking).
func (p *Park) queueForTable(e *sim.Engine, i int, tables *sim.Resource) {
	t, ok := tables.Request(e, p.on.dining, sim.Event{Kind: evSeated, Arg: int64(i)})
	if ok {
		p.handleMeal(e, sim.Event{Kind: evSeated, Arg: int64(i)})
		return
	}
	p.mealVisit[i].ticket = t
	if !p.mealVisit[i].booking {
		p.scheduleMealGiveUp(e, i, evTableGiveUp)
	}
}

// scheduleMealGiveUp sets party i, just in a restaurant's line, to give up
// on it after mealWaitLimit of its give-up patience: each line (register,
// table) by itself, as each ride's line is.
func (p *Park) scheduleMealGiveUp(e *sim.Engine, i int, kind sim.Kind) {
	pt := &p.parties[i]
	if pt.giveUp != neverGiveUp {
		giveUp := sim.Millis(float64(pt.giveUp) * mealWaitLimit)
		p.mealVisit[i].renege = e.ScheduleTimer(e.Now()+giveUp, p.on.dining, sim.Event{Kind: kind, Arg: int64(i)})
	}
}

// mealWaitFor is the longest expected wait party pt accepts at a restaurant.
func mealWaitFor(pt *party) sim.Time {
	return sim.Millis(float64(pt.patience) * mealWaitLimit)
}

// expectedWait is the wait a party that sets off now, walk away, expects
// at restaurant d from arriving to sitting down with its food. At table
// service it is the wait for a walk-in table. At counter service it is
// what the party will stand through: the register line (unless it orders
// in the app), the kitchen (for an app order, only what the walk does not
// cover) and the line for a table.
func (d *diner) expectedWait(mobile bool, walk sim.Time) sim.Time {
	wait := d.expectedTableWait()
	if d.cfg.TableService {
		return wait
	}
	prep := sim.Millis(d.prep)
	if mobile {
		return wait + max(prep-walk, 0)
	}
	return wait + d.expectedRegisterWait() + prep
}

// expectedRegisterWait is the wait a party arriving now expects at the
// registers of counter-service restaurant d, as the park knows the line
// (see Park.lineWait): the parties waiting, shared among the registers, at
// the mean time per order.
func (d *diner) expectedRegisterWait() sim.Time { return d.view.lines[d.registersLine].Wait }

// expectedTableWait is the wait for one of d's tables (the walk-ins' at
// table service) of a party joining its line now, as the park knows the
// line: none while nobody waits, else the parties waiting and this one,
// shared among the tables, at the mean time a party dines.
func (d *diner) expectedTableWait() sim.Time { return d.view.lines[d.tablesLine].Wait }

func (p *Park) atRegister(e *sim.Engine, i int) {
	pt := &p.parties[i]
	e.Cancel(p.mealVisit[i].renege) // at a register: it will not give up now
	p.record(Happening{At: e.Now(), What: Served, Party: int32(i), Place: Place{AtRegisters, p.mealVisit[i].at}, N: pt.size,
		Wait: e.Now() - p.mealVisit[i].joined, Until: e.Now() + p.mealVisit[i].order})
	e.After(p.mealVisit[i].order, p.on.dining, sim.Event{Kind: evOrdered, Arg: int64(i)})
}

// registerGiveUp is party i giving up on its restaurant's register line: it
// puts its meal off and chooses something else.
func (p *Park) registerGiveUp(e *sim.Engine, i int) {
	pt := &p.parties[i]
	d := &p.diners[p.mealVisit[i].at]
	if !d.registers.Withdraw(e, p.mealVisit[i].ticket) {
		return // at a register already
	}
	pt.exp.balks++ // walking away from a line, as a balk
	wait := e.Now() - p.mealVisit[i].joined
	p.record(Happening{At: e.Now(), What: Withdrew, GaveUp: true, Party: int32(i), Place: Place{AtRegisters, p.mealVisit[i].at}, N: pt.size, Wait: wait})
	pt.exp.mealWait += wait
	pt.hungryAt = e.Now() + retryMeal
	p.choose(e, i)
}

// tableGiveUp is party i giving up on its restaurant's table line. At table
// service it has neither eaten nor paid: it puts its meal off, as at a
// register. At counter service it has its food, paid for: it eats it
// elsewhere, on the go, and the meal is done and counted as served.
func (p *Park) tableGiveUp(e *sim.Engine, i int) {
	pt := &p.parties[i]
	d := &p.diners[p.mealVisit[i].at]
	if !d.tables.Withdraw(e, p.mealVisit[i].ticket) {
		return // seated already
	}
	now := e.Now()
	pt.exp.balks++ // walking away from a line, as a balk
	wait := max(now-p.mealVisit[i].joined, 0)
	p.record(Happening{At: now, What: Withdrew, GaveUp: true, Party: int32(i), Place: Place{AtMeal, p.mealVisit[i].at}, N: pt.size, Wait: wait}) // as at a register: the longest waits count too
	pt.exp.mealWait += wait
	if d.cfg.TableService {
		pt.hungryAt = now + retryMeal
	} else {
		p.record(Happening{At: now, What: Dined, Party: int32(i), Place: Place{AtMeal, p.mealVisit[i].at}, N: pt.size})
		pt.mealsLeft--
		pt.hungryAt = max(pt.dinnerAt, now+2*sim.Hour)
	}
	p.choose(e, i)
}

// payMeal is party i paying for its meal at till: the register's, or the
// app's for an order placed ahead; by band with the band system on, at the
// till another way without (see sell).
func (p *Park) payMeal(e *sim.Engine, i int, till wristband.ReaderID) {
	p.sell(e, i, lineFood, Place{AtMeal, p.mealVisit[i].at}, till, p.mealVisit[i].price)
}

func (p *Park) handleMeal(e *sim.Engine, ev sim.Event) {
	i := int(ev.Arg)
	pt := &p.parties[i]
	d := &p.diners[p.mealVisit[i].at]
	now := e.Now()
	switch ev.Kind {
	case evRegister:
		p.atRegister(e, i)
	case evRegisterGiveUp:
		p.registerGiveUp(e, i)
	case evTableGiveUp:
		p.tableGiveUp(e, i)
	case evOrdered:
		d.registers.Release(e)
		p.payMeal(e, i, d.pos)
		e.After(p.mealVisit[i].prep, p.on.dining, sim.Event{Kind: evFoodReady, Arg: ev.Arg})
	case evFoodReady:
		p.queueForTable(e, i, d.tables)
	case evSeated:
		e.Cancel(p.mealVisit[i].renege) // at a table: it will not give up now
		wait := max(now-p.mealVisit[i].joined, 0)
		p.record(Happening{At: now, What: Served, Priority: p.mealVisit[i].booking, Party: int32(i), Place: Place{AtMeal, p.mealVisit[i].at}, N: pt.size,
			Wait: wait, Until: now + p.mealVisit[i].dine})
		pt.exp.mealWait += wait
		p.rest(pt, p.mealVisit[i].dine)
		p.setActivity(i, Eating, Place{AtMeal, p.mealVisit[i].at}, now+p.mealVisit[i].dine)
		e.After(p.mealVisit[i].dine, p.on.dining, sim.Event{Kind: evDined, Arg: ev.Arg})
	case evDined:
		onBooking := d.cfg.TableService && p.mealVisit[i].booking
		switch {
		case !d.cfg.TableService:
			d.tables.Release(e)
		case p.mealVisit[i].booking:
			d.reserved.Release(e)
			pt.booked, p.mealVisit[i].booking = -1, false
			pt.mealsLeft = 1 // the booking was its last meal of the day (0 below)
		default:
			d.tables.Release(e)
		}
		if d.cfg.TableService {
			p.payMeal(e, i, d.pos) // the bill comes at the end
		}
		p.record(Happening{At: now, What: Dined, Priority: onBooking, Party: int32(i), Place: Place{AtMeal, p.mealVisit[i].at}, N: pt.size})
		pt.mealsLeft--
		pt.hungryAt = max(pt.dinnerAt, now+2*sim.Hour) // a late lunch puts dinner off
		p.choose(e, i)
	default:
		unknown("dining", ev)
	}
}

// drawBooking decides whether party pt, which eats in the park, booked a
// table-service meal ahead, where, and when: the last of its meals that
// falls within the visit it plans (arrival plus stay), at that meal's time
// rounded to a quarter of an hour. A party held up past its stay, or by a
// line at booking time, may still miss it: a no-show.
func (p *Park) drawBooking(pt *party, r *rand.Rand) {
	u := r.Float64()
	at := pt.dinnerAt
	if pt.mealsLeft == 1 || at > pt.arrive+pt.leaveAt {
		at = pt.hungryAt // its one meal, or lunch when it plans to leave before dinner
	}
	if at > pt.arrive+pt.leaveAt {
		return
	}
	for k := range p.cfg.Restaurants {
		rs := &p.cfg.Restaurants[k]
		if !rs.TableService || rs.Bookings == 0 {
			continue
		}
		if u >= rs.Bookings {
			u -= rs.Bookings
			continue
		}
		// The book takes as many parties a slot as its reserved tables can
		// seat in that time, less some slack; a full slot sends the party to
		// a later one, up to an hour later, or it does without.
		if p.book == nil {
			p.book = make([][]int32, len(p.cfg.Restaurants))
		}
		if p.book[k] == nil {
			p.book[k] = make([]int32, 48*sim.Hour/bookingSlot)
		}
		perSlot := int32(max(1, math.Floor(bookingLoad*float64(rs.Reserved)*float64(bookingSlot)/rs.Dine.Mean())))
		first := int((at + bookingSlot/2) / bookingSlot)
		for slot := first; slot <= first+int(sim.Hour/bookingSlot) && slot < len(p.book[k]); slot++ {
			if p.book[k][slot] < perSlot {
				p.book[k][slot]++
				pt.booked, pt.bookedAt = int32(k), sim.Time(slot)*bookingSlot
				return
			}
		}
		return
	}
}

// bookingSlot is the grid bookings are made on.
const bookingSlot = 15 * sim.Minute

// bookingLoad is the share of its reserved tables' time a restaurant books:
// the slack absorbs long meals and late parties, so that bookings are
// seated close to their time.
const bookingLoad = 0.85
