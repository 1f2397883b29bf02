package park

import (
	"math"

	"parksim/sim"
	"parksim/wristband"
)

// Event kinds of shops and photo spots. Arg is a party index.
const (
	evBrowsed    sim.Kind = iota // the party is done browsing and queues at the checkout or the photographer
	evClerk                      // it reaches a free clerk or photographer
	evCheckedOut                 // it has paid, or had its picture taken
)

// shopState is the running state of a merchant with staff.
type shopState struct {
	staff *sim.Resource // nil for an unstaffed till
	line  int           // its checkout line in the sensed view, -1 for an unstaffed till
}

// shopVisit is a party's visit to a merchant with staff: the shops' own
// record of it, one per party, from browsing to paying or posing.
type shopVisit struct {
	at     int32 // the merchant whose checkout or photographer it is headed for, -1 none
	joined sim.Time
	buys   bool            // it buys there
	amount wristband.Cents // what it buys
	serve  sim.Time        // its time with the clerk or photographer
}

// checkoutPatience is the share of a party's patience for a ride line that
// it grants a line for a clerk or a photographer: a party willing to wait an
// hour for a ride leaves a checkout line it expects to take 15 minutes.
const checkoutPatience = 0.25

// elsewhere sends party i to spend d doing something other than a ride in
// its zone: browsing a shop or a photo spot there, then back to choosing.
// Its own stream decides whether and how much it buys.
func (p *Park) elsewhere(e *sim.Engine, i int, d sim.Time) {
	pt := &p.parties[i]
	pt.dest = Place{AtZone, pt.zone}
	p.shopVisit[i].at = -1
	p.rest(pt, d)
	b := p.bands
	if len(p.merchantsIn[pt.zone]) == 0 {
		p.resting(e, i, d)
		return
	}
	// A fixed number of draws for each visit, bought or not, staffed or not,
	// so that one till's figures change no other draw of the party.
	r := &pt.bandRng
	here := p.merchantsIn[pt.zone]
	m := here[r.IntN(len(here))]
	mc := &p.cfg.Merchants[m]
	buys := r.Float64() < mc.BuyShare
	amount := wristband.Cents(math.Round(mc.Basket.Rand(r)))
	var serve sim.Time
	if mc.Serve != nil {
		serve = sim.Duration(mc.Serve, r) // drawn with staff or without: staffing a till shifts no other draw
	}
	if buys && !p.affords(pt, amount) {
		p.record(Happening{At: e.Now(), What: OverBudget, Party: int32(i), Place: Place{AtMerchant, int32(m)}, Amount: amount})
		buys = false
		if b != nil {
			b.saleDraws(r) // not bought: the same draws all the same
		}
	}
	pose := mc.photographers() // at a photo spot everybody poses; buying comes after
	if !buys && !pose {
		p.resting(e, i, d)
		return
	}
	p.record(Happening{At: e.Now(), What: Visited, Party: int32(i), Place: Place{AtMerchant, int32(m)}, N: pt.size})
	p.setActivity(i, Shopping, Place{AtMerchant, int32(m)}, e.Now()+d)
	if mc.Staff == 0 {
		p.sell(e, i, lineOf(mc.Kind), Place{AtMerchant, int32(m)}, p.posOf(m), amount)
		e.After(d, p.on.guests, sim.Event{Kind: evBack, Arg: int64(i)})
		return
	}
	p.shopVisit[i].at, p.shopVisit[i].buys, p.shopVisit[i].amount, p.shopVisit[i].serve = int32(m), buys, amount, serve
	e.After(d, p.on.shops, sim.Event{Kind: evBrowsed, Arg: int64(i)})
}

// resting is party i spending d in its zone without a purchase, then
// choosing again.
func (p *Park) resting(e *sim.Engine, i int, d sim.Time) {
	p.setActivity(i, Resting, Place{AtZone, p.parties[i].zone}, e.Now()+d)
	e.After(d, p.on.guests, sim.Event{Kind: evBack, Arg: int64(i)})
}

// posOf is merchant m's till reader, -1 with the band system off.
func (p *Park) posOf(m int) wristband.ReaderID {
	if p.bands == nil {
		return -1
	}
	return p.bands.pos[m]
}

// affords reports whether party pt's budget for the day still covers amount.
func (p *Park) affords(pt *party, amount wristband.Cents) bool {
	return pt.spent+amount <= pt.budget
}

func (p *Park) handleShop(e *sim.Engine, ev sim.Event) {
	i := int(ev.Arg)
	pt := &p.parties[i]
	m := int(p.shopVisit[i].at)
	s := &p.shops[m]
	switch ev.Kind {
	case evBrowsed:
		// The wait ahead as the park knows the line (see Park.lineWait).
		ahead := float64(p.view.lines[s.line].Wait)
		if ahead > float64(pt.patience)*checkoutPatience {
			// The line for the till (or the camera) is too long: it puts its
			// basket back and carries on.
			p.record(Happening{At: e.Now(), What: Balked, AtLine: true, Party: int32(i), Place: Place{AtMerchant, int32(m)}})
			p.shopVisit[i].at = -1
			p.choose(e, i)
			return
		}
		p.shopVisit[i].joined = e.Now()
		p.setActivity(i, InLine, Place{AtMerchant, int32(m)}, 0)
		if _, ok := s.staff.Request(e, p.on.shops, sim.Event{Kind: evClerk, Arg: ev.Arg}); ok {
			p.handleShop(e, sim.Event{Kind: evClerk, Arg: ev.Arg})
		}
	case evClerk:
		p.record(Happening{At: e.Now(), What: Served, Party: int32(i), Place: Place{AtMerchant, int32(m)}, N: pt.size,
			Wait: e.Now() - p.shopVisit[i].joined, Until: e.Now() + p.shopVisit[i].serve})
		pt.exp.mealWait += e.Now() - p.shopVisit[i].joined // the survey's venue waits
		p.setActivity(i, Shopping, Place{AtMerchant, int32(m)}, e.Now()+p.shopVisit[i].serve)
		e.After(p.shopVisit[i].serve, p.on.shops, sim.Event{Kind: evCheckedOut, Arg: ev.Arg})
	case evCheckedOut:
		s.staff.Release(e)
		if b := p.bands; b != nil {
			if cam := b.camera[m]; cam >= 0 && !b.memberMissing(pt, pt.first, e.Now()) {
				b.tap(e.Now(), b.sys.BandOf(wristband.GuestID(pt.first)), cam, 0, wristband.NoPIN)
			}
		}
		if p.shopVisit[i].buys {
			p.sell(e, i, lineOf(p.cfg.Merchants[m].Kind), Place{AtMerchant, int32(m)}, p.posOf(m), p.shopVisit[i].amount)
		}
		p.shopVisit[i].at = -1
		pt.avoid = -1
		p.choose(e, i)
	default:
		unknown("shops", ev)
	}
}

// rest takes d of rest off party pt's fatigue.
func (p *Park) rest(pt *party, d sim.Time) {
	pt.fatigue = max(pt.fatigue-p.cfg.Guests.Fatigue.Rest*d.Hours(), 0)
}
