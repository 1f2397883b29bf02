package park

import (
	"math"

	"parksim/sim"
	"parksim/wristband"
)

// Restaurant is a counter-service restaurant: parties queue at its
// registers to order and pay, wait while the kitchen prepares the order,
// then need a table to eat. Parties that order ahead in the app skip the
// register: their order is prepared while they walk over.
type Restaurant struct {
	ID, Name  string
	Zone      int
	Registers int      // cashiers taking orders
	Order     sim.Dist // ms per party at a register
	Prep      sim.Dist // ms the kitchen takes for an order
	Tables    int      // parties seated at once
	Dine      sim.Dist // ms a party spends eating
	Meal      sim.Dist // cents per guest, paid by band when the band system is on
}

// What a party does at a restaurant, and its event kinds.
const (
	toMeal = -4 // walking to pt.meal

	evRegister  sim.Kind = 300 + iota // the party reaches a free register
	evOrdered                         // the order is taken and paid
	evFoodReady                       // the kitchen is done
	evSeated                          // the party has a table
	evDined                           // the party has eaten
)

// diner is the running state of a restaurant.
type diner struct {
	cfg       *Restaurant
	registers *sim.Resource
	tables    *sim.Resource
	pos       wristband.ReaderID

	meals        int64
	mobile       int64
	registerWait sim.Sample // ms per party from arriving to reaching a register
	mealWait     sim.Sample // ms per party from arriving to sitting down with food
}

// chooseMeal reports whether party i is hungry now and, if so, sends it to
// a restaurant picked by logit over walking time and the register line.
func (p *Park) chooseMeal(e *sim.Engine, i int) bool {
	pt := &p.parties[i]
	now := e.Now()
	if len(p.diners) == 0 || pt.mealsLeft == 0 || now < pt.hungryAt {
		return false
	}
	g := &p.cfg.Guests
	best := math.Inf(-1)
	for k := range p.diners {
		d := &p.diners[k]
		wait := float64(d.registers.Waiting()) / float64(d.cfg.Registers) * d.cfg.Order.Mean() / float64(sim.Minute)
		u := -g.WalkWeight*p.walkTime(pt, d.cfg.Zone).Minutes() - g.WaitWeight*wait
		p.dinerUtil[k] = u
		best = math.Max(best, u)
	}
	total := 0.0
	for k, u := range p.dinerUtil {
		p.dinerUtil[k] = math.Exp(u - best)
		total += p.dinerUtil[k]
	}
	x := pt.rng.Float64() * total
	pick := len(p.diners) - 1
	for k, w := range p.dinerUtil {
		if x < w {
			pick = k
			break
		}
		x -= w
	}
	pt.meal = int32(pick)
	d := &p.diners[pick]
	// This meal's draws, all at once from the party's own stream for it, so
	// that ordering in the app or not shifts no other draw.
	e.Seed().Reset(p.scratchPCG, "meal", 2*i+int(2-pt.mealsLeft))
	r := p.scratchRng
	pt.mealOrder, pt.mealPrep, pt.mealDine = sim.Duration(d.cfg.Order, r), sim.Duration(d.cfg.Prep, r), sim.Duration(d.cfg.Dine, r)
	pt.mealPrice = wristband.Cents(math.Round(d.cfg.Meal.Rand(r) * float64(pt.size)))
	if pt.mobile {
		// Ordered in the app now: the kitchen starts at once.
		pt.foodAt = now + pt.mealPrep
		p.payMeal(e, i, d)
	}
	p.walkTo(e, i, toMeal, d.cfg.Zone)
	return true
}

// atRestaurant is party i arriving at its restaurant.
func (p *Park) atRestaurant(e *sim.Engine, i int) {
	pt := &p.parties[i]
	d := &p.diners[pt.meal]
	pt.joined = e.Now()
	if pt.mobile {
		d.mobile++
		e.Schedule(max(e.Now(), pt.foodAt), p, sim.Event{Kind: evFoodReady, Arg: int64(i)})
		return
	}
	if _, ok := d.registers.Request(e, p, sim.Event{Kind: evRegister, Arg: int64(i)}); ok {
		p.atRegister(e, i)
	}
}

func (p *Park) atRegister(e *sim.Engine, i int) {
	d := &p.diners[p.parties[i].meal]
	d.registerWait.Add(float64(e.Now() - p.parties[i].joined))
	e.After(p.parties[i].mealOrder, p, sim.Event{Kind: evOrdered, Arg: int64(i)})
}

// payMeal charges party i's meal to its band (tills take bands only).
func (p *Park) payMeal(e *sim.Engine, i int, d *diner) {
	if p.bands == nil {
		return
	}
	p.buy(e, i, d.pos, p.parties[i].mealPrice)
}

func (p *Park) handleMeal(e *sim.Engine, ev sim.Event) {
	i := int(ev.Arg)
	pt := &p.parties[i]
	d := &p.diners[pt.meal]
	now := e.Now()
	switch ev.Kind {
	case evRegister:
		p.atRegister(e, i)
	case evOrdered:
		d.registers.Release(e)
		p.payMeal(e, i, d)
		e.After(pt.mealPrep, p, sim.Event{Kind: evFoodReady, Arg: ev.Arg})
	case evFoodReady:
		if _, ok := d.tables.Request(e, p, sim.Event{Kind: evSeated, Arg: ev.Arg}); ok {
			p.handleMeal(e, sim.Event{Kind: evSeated, Arg: ev.Arg})
		}
	case evSeated:
		d.mealWait.Add(float64(now - pt.joined))
		pt.exp.mealWait += now - pt.joined
		e.After(pt.mealDine, p, sim.Event{Kind: evDined, Arg: ev.Arg})
	case evDined:
		d.tables.Release(e)
		d.meals++
		pt.mealsLeft--
		pt.hungryAt = max(pt.dinnerAt, now+2*sim.Hour) // a late lunch puts dinner off
		p.choose(e, i)
	}
}
