package park

import "parksim/sim"

// dayHours is how many hours of the clock the summary's figures are kept
// by, up to 47:59: a day past midnight keeps its hours apart.
const dayHours = 48

// hourOf is the hour of the clock at falls in, from 0 to dayHours-1:
// anything before the day's start counts in its first hour, anything past
// 47:59 in its last.
func hourOf(at sim.Time) int { return min(max(int(at/sim.Hour), 0), dayHours-1) }

// hourLabel is hour h as summary.json names it, "HH:00".
func hourLabel(h int) string { return (sim.Time(h) * sim.Hour).Clock() }

// hourFlow is one resource's parties (or guests) of one hour, all by the
// hour they arrived, so that its figures refer to the same parties.
type hourFlow struct {
	arrivals   int64
	served     int64
	walkedAway int64
	waits      int64   // waits counted
	waitSum    float64 // their ms, added up
}

// flowByHour is one resource's figures by the hour parties arrived.
type flowByHour [dayHours]hourFlow

// wait counts a wait of w of a party that arrived at arrived.
func (b *flowByHour) wait(arrived, w sim.Time) {
	f := &b[hourOf(arrived)]
	f.waits++
	f.waitSum += float64(w)
}

// active reports whether anything was counted in hour h.
func (b *flowByHour) active(h int) bool { return b[h] != hourFlow{} }

// flows is the summary's list of hours first to last.
func (b *flowByHour) flows(first, last int) []HourlyFlow {
	out := make([]HourlyFlow, 0, last-first+1)
	for h := first; h <= last; h++ {
		f := &b[h]
		out = append(out, HourlyFlow{Hour: hourLabel(h), Arrivals: f.arrivals, Served: f.served,
			WalkedAway: f.walkedAway, WaitMeanMinutes: meanMinutes(f.waitSum, f.waits)})
	}
	return out
}

// meanMinutes is sum ms over n, in minutes; nil when n is 0.
func meanMinutes(sum float64, n int64) *float64 {
	if n == 0 {
		return nil
	}
	m := sum / float64(n) / float64(sim.Minute)
	return &m
}

// occupancy is the guests in the park over the day: how many now, and per
// hour the guest-time spent inside and the most inside at once.
type occupancy struct {
	level   int
	since   sim.Time // when level last changed
	guestMs [dayHours]int64
	most    [dayHours]int
}

// change is by guests coming in (or, negative, going out) at at, which
// must not be before the last change.
func (o *occupancy) change(at sim.Time, by int) {
	o.until(at)
	o.level += by
	h := hourOf(at)
	o.most[h] = max(o.most[h], o.level)
}

// until counts the guests inside from the last change to to in the hours
// that time falls in.
func (o *occupancy) until(to sim.Time) {
	for from := o.since; from < to; {
		h := hourOf(from)
		end := to
		if h < dayHours-1 {
			end = min(to, sim.Time(h+1)*sim.Hour)
		}
		o.guestMs[h] += int64(o.level) * int64(end-from)
		o.most[h] = max(o.most[h], o.level)
		from = end
	}
	o.since = max(o.since, to)
}

// hourRange is the hours every by-hour list of the summary reports, the
// same for all of them so that they line up: from the earlier of the
// opening hour and the first hour anything was counted in, to the later of
// the hour that ends at closing and the last hour anything was counted in.
func (t *tally) hourRange() (first, last int) {
	cfg := t.p.cfg
	first, last = hourOf(cfg.Open), hourOf(cfg.Close-1)
	for h := range dayHours {
		if t.activeHour(h) {
			first, last = min(first, h), max(last, h)
		}
	}
	return first, last
}

// activeHour reports whether any figure kept by the hour counted anything
// in hour h.
func (t *tally) activeHour(h int) bool {
	if t.entered[h] != 0 || t.ridden[h] != 0 || t.balked[h] != 0 || t.revenue[h] != 0 ||
		t.inPark.guestMs[h] != 0 || t.inPark.most[h] != 0 || t.entry.active(h) || t.desk.active(h) {
		return true
	}
	for a := range t.rides {
		if t.rides[a].byHour[h].Count() > 0 {
			return true
		}
	}
	for k := range t.diners {
		if t.diners[k].byHour.active(h) {
			return true
		}
	}
	for k := range t.shops {
		if t.shops[k].byHour.active(h) {
			return true
		}
	}
	return t.stops[hotelStop].byHour.active(h) || t.stops[parkStop].byHour.active(h)
}

// parkHours is the park's figures by the hour, first to last.
func (t *tally) parkHours(first, last int) []ParkHour {
	o := t.inPark // a copy: the summary counts the time since the last change without changing the tally
	o.until(sim.Time(last+1) * sim.Hour)
	out := make([]ParkHour, 0, last-first+1)
	for h := first; h <= last; h++ {
		var meals, waits int64
		var waitSum float64
		for k := range t.diners {
			f := &t.diners[k].byHour[h]
			meals += f.served
			waits += f.waits
			waitSum += f.waitSum
		}
		ph := ParkHour{
			Hour:                hourLabel(h),
			InParkMean:          float64(o.guestMs[h]) / float64(sim.Hour),
			InParkMax:           o.most[h],
			Entered:             t.entered[h],
			Rides:               t.ridden[h],
			Balks:               t.balked[h],
			Meals:               meals,
			MealWaitMeanMinutes: meanMinutes(waitSum, waits),
			RevenueCents:        t.revenue[h],
		}
		if w := &t.rideWaits[h]; w.Count() > 0 {
			m := w.Mean() / float64(sim.Minute)
			ph.RideWaitMeanMinutes = &m
		}
		out = append(out, ph)
	}
	return out
}
