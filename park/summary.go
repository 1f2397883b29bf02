package park

import (
	"cmp"
	"encoding/json"
	"math"
	"reflect"

	"parksim/sim"
)

// StaticPolicy is the staffing policy of a day whose staff stay as the
// scenario has them, unless something calls SetStaff.
const StaticPolicy = "static"

// Summary is what a day comes to: the figures summary.json carries. Every
// slice is in configuration order, so equal runs give equal bytes.
type Summary struct {
	Scenario      string              `json:"scenario"`
	Seed          uint64              `json:"seed"`
	Policy        string              `json:"policy"`      // the staffing policy: "static" (the staff as the scenario has them) until staffing policies exist
	Guests        int                 `json:"guests"`      // everybody who came, including those turned away
	TurnedAway    int                 `json:"turned_away"` // guests who reached the turnstiles only after closing
	Parties       int                 `json:"parties"`
	Rides         int64               `json:"rides"`
	SeatsOffered  int64               `json:"seats_offered"` // every attraction's SeatsOffered, added up: never fewer than rides
	RidesPerGuest float64             `json:"rides_per_guest"`
	WaitMinutes   RideWaits           `json:"wait_minutes"`  // over all standby waits, one per rider
	Balks         int64               `json:"balks"`         // times a party turned a line down because its posted wait was beyond its patience: when choosing (once a choice, if it was the line the party liked best), or on reaching it
	BalksAtLine   int64               `json:"balks_at_line"` // of them, on reaching the line (the wait grew while it walked over)
	Reneges       int64               `json:"reneges"`       // times a party gave up on a standby line it had joined
	Entry         EntryStats          `json:"entry"`
	InPark        InParkStats         `json:"in_park"`
	Attractions   []AttractionSummary `json:"attractions"`
	StaffMoves    int                 `json:"staff_moves"`     // moves of staff during the day: each roster member moved to another post (MoveStaff), and each change of a post's staff made from outside the roster (SetStaff); a member's shift, breaks and standing by are not moves
	Staff         *StaffSummary       `json:"staff,omitempty"` // with a roster
	Events        uint64              `json:"events"`
	Span          Span                `json:"span"`
	// ByHour is the park's day hour by hour, over the same hours as every
	// other by-hour list of the summary (see HourlyFlow).
	ByHour       []ParkHour          `json:"by_hour"`
	Satisfaction SatisfactionSummary `json:"satisfaction"`
	Restaurants  []RestaurantSummary `json:"restaurants,omitempty"`
	Shops        []ShopSummary       `json:"shops,omitempty"` // merchants with staff, or where a budget turned buyers away
	Buses        *BusSummary         `json:"buses,omitempty"`
	Fatigue      *FatigueSummary     `json:"fatigue,omitempty"`
	Personas     []PersonaSummary    `json:"personas,omitempty"`

	RevenueCents *Revenue `json:"revenue_cents"`

	// With the band system on:
	LeftBecause          *LeftBecause    `json:"left_because,omitempty"` // guests by why they left
	Taps                 *TapStats       `json:"taps,omitempty"`
	LedgerImbalanceCents *int64          `json:"ledger_imbalance_cents,omitempty"`
	Bands                *BandStats      `json:"bands,omitempty"`
	Sensing              *SensingSummary `json:"sensing,omitempty"`
}

// PersonaSummary is one persona's day.
type PersonaSummary struct {
	ID            string  `json:"id"`
	Guests        int     `json:"guests"`
	RidesPerGuest float64 `json:"rides_per_guest"`
	CSAT          float64 `json:"csat"`
}

// RestaurantSummary is one restaurant's day.
type RestaurantSummary struct {
	ID           string `json:"id"`
	Service      string `json:"service"`       // "counter" or "table"
	Meals        int64  `json:"meals"`         // parties served; at counter service, those who gave up on a table and ate their food elsewhere too
	MobileOrders int64  `json:"mobile_orders"` // of them ordered ahead in the app
	Bookings     int64  `json:"bookings"`      // table service: bookings made ahead for the day
	Booked       int64  `json:"booked"`        // meals served on a booking
	NoShows      int64  `json:"no_shows"`      // bookings of parties that left first
	Balks        int64  `json:"balks"`         // times a hungry party turned it down for its expected wait (register unless ordered in the app, kitchen, table; never on a booking): when choosing, once a choice, if it was the one it liked best, or on arriving; a party may count many times, so this can exceed the parties
	Reneges      int64  `json:"reneges"`       // times a party gave up on its register line or its table line (never on a booking)
	LastServed   string `json:"last_served"`   // clock time it last took an order or seated a party; empty if it never did
	// ServedAfterCloseMinutes is how long after the park's closing it was
	// still taking orders or seating parties (0 if it finished by then): a
	// restaurant too small for its crowd serves long into the night.
	ServedAfterCloseMinutes float64 `json:"served_after_close_minutes"`
	// RegisterWaitMinutes (counter service) is the register line's waits:
	// every party that ordered at a register, from arriving to reaching
	// one or to giving up on the line. App orders do not stand in it.
	RegisterWaitMinutes *LineWaits `json:"register_wait_minutes,omitempty"`
	// MealWaitMinutes is every party's wait at the restaurant, from
	// arriving (or its booking, if later) to sitting down with food or at
	// a table, or to giving up on its register line or its table line.
	MealWaitMinutes   LineWaits  `json:"meal_wait_minutes"`
	BookedWaitMinutes *LineWaits `json:"booked_wait_minutes,omitempty"` // table service: booked parties, from the booking (or arriving, if later)
	// ByHour is its parties by the hour they arrived at it: Arrivals those
	// that came (walk-ins, bookings and app orders alike), Served those
	// whose meal was over (Meals: at counter service, those who gave up on
	// a table too), WalkedAway those that turned it down on arriving or
	// gave up on its register line or, at table service, its table line;
	// WaitMeanMinutes is the mean of their waits as MealWaitMinutes counts
	// them. Those who turned it down from the boards, never coming, are in
	// Balks only.
	ByHour []HourlyFlow `json:"by_hour"`
}

// ShopSummary is one merchant's day: a shop's checkout or a photo spot's
// photographers.
type ShopSummary struct {
	ID          string     `json:"id"`
	Kind        string     `json:"kind"`
	Staff       int        `json:"staff"`
	Visits      int64      `json:"visits"`                 // parties that came to buy, or to pose
	Sales       int64      `json:"sales"`                  // of them bought
	OverBudget  int64      `json:"over_budget"`            // parties that wanted to buy but had spent their day's budget
	WalkedAway  int64      `json:"walked_away"`            // parties that found the line for a clerk or photographer too long
	WaitMinutes *WaitStats `json:"wait_minutes,omitempty"` // per party, for a clerk or a photographer
	// ByHour is its parties by the hour they came: Arrivals its Visits,
	// Served those who reached a clerk or a photographer (where nobody
	// staffs the till, those who bought), WalkedAway those who found the
	// line too long (its WalkedAway); WaitMeanMinutes is the mean of their
	// waits for staff. Parties over their budget are arrivals only.
	ByHour []HourlyFlow `json:"by_hour"`
}

// BusSummary is the resort buses' day, each way.
type BusSummary struct {
	ToPark  BusWay `json:"to_park"`
	ToHotel BusWay `json:"to_hotel"`
}

// BusWay is the buses leaving one stop.
type BusWay struct {
	Departures  int64     `json:"departures"`
	Riders      int64     `json:"riders"`       // guests
	LeftBehind  int64     `json:"left_behind"`  // times a bus left with a party at the head of the line that did not fit
	WaitMinutes WaitStats `json:"wait_minutes"` // per party
	// ByHour is by the hour parties reached the stop, in guests as Riders
	// is: Arrivals the guests who came to its line, Served those who
	// boarded (Riders), WalkedAway, as LeftBehind, the times a party of
	// that hour was left behind (it counts again if it is again, and
	// boards later); WaitMeanMinutes is per party. Resort guests still at
	// their hotel's stop when the park closes are arrivals only.
	ByHour []HourlyFlow `json:"by_hour"`
}

// SatisfactionSummary is the post-visit survey of every guest who entered.
type SatisfactionSummary struct {
	Responses    int64   `json:"responses"`
	CSAT         float64 `json:"csat"`          // mean, 1–5
	NPS          float64 `json:"nps"`           // promoters − detractors, in points, −100..100
	ReturnIntent float64 `json:"return_intent"` // mean probability of coming back
}

// LeftBecause counts guests by why they went home; Inside is anyone still
// in the park when the run ended (always 0 for a finished day).
type LeftBecause struct {
	StayOver   int `json:"stay_over"`
	Tired      int `json:"tired"` // worn out before their stay was over
	Rain       int `json:"rain"`  // gave up on the day in a storm, before their stay was over
	Closing    int `json:"closing"`
	TurnedAway int `json:"turned_away"`
	Inside     int `json:"inside"`
}

// FatigueSummary is how tired guests went home, when the scenario models
// fatigue.
type FatigueSummary struct {
	MeanAtExit float64 `json:"mean_at_exit"` // points, per guest who entered
	LeftTired  int     `json:"left_tired"`   // guests who went home worn out, before their stay was over
}

// TapStats counts the taps of the day.
type TapStats struct {
	Total   int            `json:"total"`
	Granted int            `json:"granted"`
	Denied  map[string]int `json:"denied"` // by reason code
}

// Revenue is what the tills took, by line and in all, however it was paid:
// ByBand is what bands paid (the merchants' ledger balances, after
// refunds), OtherWay what was paid at the till another way (cash or card:
// every sale with the band system off), and Total their sum.
type Revenue struct {
	Food        int64 `json:"food"`
	Merchandise int64 `json:"merchandise"`
	Photo       int64 `json:"photo"`
	Total       int64 `json:"total"`
	ByBand      int64 `json:"by_band"`
	OtherWay    int64 `json:"other_way"`
}

// BandStats is about the bands themselves and the guests they troubled.
type BandStats struct {
	Issued        int `json:"issued"`   // replacements included
	Replaced      int `json:"replaced"` // new bands handed out at guest relations
	Forgotten     int `json:"forgotten"`
	Lost          int `json:"lost"`
	ClonesPlanted int `json:"clones_planted"`
	// Planted clones that had a try at a till: fewer than planted only in a
	// park with no till a band is tapped on in person, where detection was
	// never put to the test.
	ClonesTried int `json:"clones_tried"`
	// Bands clone detection switched off, by whose tap did it: a planted
	// clone's, a finder's with a lost band, or the band's own guest's (a
	// false alarm: a genuine guest refused, whether or not the band was
	// also copied).
	ClonesCaught        int   `json:"clones_caught"`
	FoundCaught         int   `json:"found_caught"`
	GenuineDeactivated  int   `json:"genuine_deactivated"`
	FraudRefundedCents  int64 `json:"fraud_refunded_cents"`
	PaidAnotherWayCents int64 `json:"paid_another_way_cents"` // sales the band could not take
	PhotosSold          int   `json:"photos_sold"`
	// Guests of parties that met band trouble or a denial (a band missing
	// or refused at any reader), and the mean CSAT of their answers against
	// that of the other guests': what the trouble cost. (Who of them left
	// says nothing: a day ends with everybody gone.) AffectedCSAT is absent
	// when no affected guest answered the survey.
	AffectedGuests        int       `json:"affected_guests"`
	AffectedCSAT          *float64  `json:"affected_csat,omitempty"`
	UnaffectedCSAT        float64   `json:"unaffected_csat"`
	GuestRelationsMinutes WaitStats `json:"guest_relations_minutes"` // per party, queue and desk
	// GuestRelationsByHour is guest relations' parties by the hour they
	// joined its line: Arrivals those that joined, Served those that left
	// with what they needed, WalkedAway always 0 (nobody gives up on the
	// desk); WaitMeanMinutes is the mean of GuestRelationsMinutes' waits.
	GuestRelationsByHour   []HourlyFlow `json:"guest_relations_by_hour"`
	ReservationWaitMinutes WaitStats    `json:"reservation_wait_minutes"`
	// Guests holding a return window, booked within the visit they plan,
	// and those of them who rode through the reservation line on it.
	WindowsBooked int `json:"windows_booked"`
	WindowsUsed   int `json:"windows_used"`
}

// SensingSummary is how well the sensor saw the crowd: mean absolute error
// of its estimate of guests present, by kind of area ("queue" for lines).
type SensingSummary struct {
	EverySeconds float64     `json:"every_seconds"`
	DelaySeconds float64     `json:"delay_seconds"`
	Detect       float64     `json:"detect"`
	ErrorByKind  []KindError `json:"error_by_kind"`
}

// KindError is the sensing error over the areas of one kind.
type KindError struct {
	Kind        string  `json:"kind"`
	Areas       int     `json:"areas"`
	MeanPresent float64 `json:"mean_present"` // guests, averaged over areas and pings
	MAE         float64 `json:"mae"`          // guests
}

// WaitStats summarises waits in minutes.
type WaitStats struct {
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	P95  float64 `json:"p95"`
	Max  float64 `json:"max"`
}

// LineWaits summarises the waits of the parties who joined a line, in
// minutes, and how many they were: a mean over several lines weighs each
// by its Parties. A party that tried again later counts again.
type LineWaits struct {
	WaitStats
	Parties int64 `json:"parties"`
}

func lineWaits(s *sim.Sample) LineWaits {
	return LineWaits{WaitStats: waitStats(s), Parties: s.Count()}
}

// RideWaits summarises standby riders' waits in minutes, and the share of
// them who waited at all: a vehicle or a server free on arrival is a wait
// of zero. Over riders, that share is queueing theory's P(wait) among those
// served (parties that gave up had waited too, and are not in it).
type RideWaits struct {
	WaitStats
	WaitedShare float64 `json:"waited_share"`
}

func rideWaits(s *sim.Sample, waited int64) RideWaits {
	w := RideWaits{WaitStats: waitStats(s)}
	if n := s.Count(); n > 0 {
		w.WaitedShare = float64(waited) / float64(n)
	}
	return w
}

// EntryStats is about the waits to get in, per party: to a turnstile (from
// arriving, bag check included), and to a bag screener.
type EntryStats struct {
	WaitMinutes    WaitStats  `json:"wait_minutes"`
	BagWaitMinutes *WaitStats `json:"bag_wait_minutes,omitempty"`
	// ByHour is the parties at the entrance plaza by the hour they reached
	// it (on arriving, from the bus, or back from their hotel): Arrivals
	// those that came, Served those let through the turnstiles,
	// WalkedAway those kept out by closing when they reached them: turned
	// away, and parties back from their hotel, whom turned_away does not
	// count (it counts guests, and those kept at their hotel's stop too);
	// WaitMeanMinutes is the mean of WaitMinutes' waits.
	ByHour []HourlyFlow `json:"by_hour"`
}

// InParkStats is about how many guests were inside at once and how long
// they stayed.
type InParkStats struct {
	Peak          int     `json:"peak"`
	PeakAt        string  `json:"peak_at"`
	MeanStayHours float64 `json:"mean_stay_hours"`
}

// AttractionSummary is one attraction's day.
type AttractionSummary struct {
	ID              string       `json:"id"`
	Name            string       `json:"name"`
	Kind            string       `json:"kind"`
	CapacityPerHour float64      `json:"capacity_per_hour"`
	Riders          int64        `json:"riders"`
	Balks           int64        `json:"balks"`
	Reneges         int64        `json:"reneges"`
	GaveUpAfter     float64      `json:"gave_up_after_minutes"` // mean time in the standby line of the parties that gave up on it; 0 if none did
	Dispatches      int64        `json:"dispatches"`
	SeatsOffered    int64        `json:"seats_offered"`    // a vehicle's seats at every dispatch interval from opening to closing while the attraction ran, none while it was down or closed (a station's servers at its mean service time over the time it ran, or the riders it served while open if more), plus the seats of vehicles that left after closing (at a station, the riders served after closing): never fewer than riders
	EmptySeats      int64        `json:"empty_seats"`      // seats left empty while guests waited
	Outages         int64        `json:"outages"`          // breakdowns and closures (rain, too few crew) that took time while the park was open
	DowntimeMinutes float64      `json:"downtime_minutes"` // time out of service between opening and closing
	PostedMinutes   float64      `json:"posted_minutes"`   // mean posted wait standby parties saw when they joined, weighted by their riders (those who later gave up too)
	WaitMinutes     RideWaits    `json:"wait_minutes"`
	WaitByHour      []HourlyWait `json:"wait_by_hour"` // by the hour standby riders joined the line, over the hours every by-hour list of the summary covers (see HourlyFlow)
}

// HourlyFlow is one resource's parties of one hour, all counted by the
// hour they arrived at it, so that the figures of an hour refer to the
// same parties: those who came, were served and walked away (balked,
// gave up or were left behind: each resource says which), and the mean
// wait of those whose wait it counts, nil (absent from JSON) when there
// was none. Every by-hour list of a summary (the attractions' WaitByHour
// too) covers the same hours: from the earlier of the opening hour and the
// first hour anything was counted in, to the later of the hour that ends
// at closing and the last hour anything was counted in.
type HourlyFlow struct {
	Hour            string   `json:"hour"`
	Arrivals        int64    `json:"arrivals"`
	Served          int64    `json:"served"`
	WalkedAway      int64    `json:"walked_away"`
	WaitMeanMinutes *float64 `json:"wait_mean_minutes,omitempty"`
}

// ParkHour is the park in one hour: the guests inside (InParkMean the
// time-weighted mean, InParkMax the most at once), guests through the
// turnstiles (back from their hotel too), riders (standby and
// reservation) and standby riders' mean wait by the hour they joined a
// line, ride balks by the hour of the balk, restaurant meals and their
// mean wait by the hour parties arrived at the restaurant (the hours of
// every restaurant's ByHour Served and WaitMeanMinutes), and what guests
// paid at the tills (by band or another way) by the hour of the sale. The
// hours' revenue adds up to revenue_cents.total less what copied or found
// bands paid and was not refunded: misuse is no sale to a guest. The means
// are nil (absent from JSON) when nobody waited.
type ParkHour struct {
	Hour                string   `json:"hour"`
	InParkMean          float64  `json:"in_park_mean"`
	InParkMax           int      `json:"in_park_max"`
	Entered             int64    `json:"entered"`
	Rides               int64    `json:"rides"`
	RideWaitMeanMinutes *float64 `json:"ride_wait_mean_minutes,omitempty"`
	Balks               int64    `json:"balks"`
	Meals               int64    `json:"meals"`
	MealWaitMeanMinutes *float64 `json:"meal_wait_mean_minutes,omitempty"`
	RevenueCents        int64    `json:"revenue_cents"`
}

// HourlyWait is the mean wait of the standby riders who joined a line in
// one hour; MeanMinutes is nil (absent from JSON) when nobody did.
type HourlyWait struct {
	Hour        string   `json:"hour"`
	Riders      int64    `json:"riders"`
	MeanMinutes *float64 `json:"mean_minutes,omitempty"`
}

// WorstHourMinRiders is the fewest standby riders an hour needs to be an
// attraction's worst hour: a mean over fewer is one group's luck, not the
// hour's wait.
const WorstHourMinRiders = 100

// WorstHour is the hour whose standby riders waited longest on average,
// among the hours at least WorstHourMinRiders of them joined in; false when
// no hour had that many.
func (a *AttractionSummary) WorstHour() (HourlyWait, bool) {
	var worst HourlyWait
	found := false
	for _, h := range a.WaitByHour {
		if h.Riders >= WorstHourMinRiders && (!found || *h.MeanMinutes > *worst.MeanMinutes) {
			worst, found = h, true
		}
	}
	return worst, found
}

// Span is the simulated time from the first event to the last.
type Span struct {
	Start string  `json:"start"`
	End   string  `json:"end"`
	Hours float64 `json:"hours"`
}

// Summary computes the day's figures; call it after the engine has run.
func (p *Park) Summary() Summary {
	t := &p.tally
	first, last := t.hourRange()
	var waited int64
	for a := range t.rides {
		waited += t.rides[a].waited
	}
	s := Summary{
		Scenario:    p.cfg.Name,
		Seed:        uint64(p.eng.Seed()),
		Policy:      cmp.Or(p.policyName, StaticPolicy),
		StaffMoves:  t.staffMoves,
		Guests:      p.guests,
		TurnedAway:  t.turnedAway,
		Parties:     len(p.parties),
		Rides:       t.riders,
		WaitMinutes: rideWaits(&t.waits, waited),
		Balks:       t.balks,
		BalksAtLine: t.lineBalks,
		Reneges:     t.reneges,
		Entry:       EntryStats{WaitMinutes: waitStats(&t.gateWaits), ByHour: t.entry.flows(first, last)},
		Events:      p.eng.Processed(),
		Span:        Span{Start: p.first.String(), End: p.last.String(), Hours: (p.last - p.first).Hours()},
		ByHour:      t.parkHours(first, last),
	}
	s.Staff = t.staffSummary(p.eng.Now())
	if p.guests > 0 {
		s.RidesPerGuest = float64(t.riders) / float64(p.guests)
	}
	var stay sim.Tally
	for i := range p.parties {
		if pt := &p.parties[i]; pt.leftAt > pt.entered {
			for range pt.size {
				stay.Add((pt.leftAt - pt.entered).Hours())
			}
		}
	}
	s.InPark = InParkStats{Peak: t.peak, PeakAt: t.peakAt.Clock(), MeanStayHours: stay.Mean()}
	if p.bags != nil {
		w := waitStats(&t.bagWaits)
		s.Entry.BagWaitMinutes = &w
	}
	if n := t.csat.Count(); n > 0 {
		s.Satisfaction = SatisfactionSummary{
			Responses:    n,
			CSAT:         t.csat.Mean(),
			NPS:          100 * float64(t.promoters-t.detractors) / float64(n),
			ReturnIntent: t.returns.Mean(),
		}
	}
	if p.cfg.Buses != nil {
		way := func(s *stopTally) BusWay {
			return BusWay{Departures: s.departures, Riders: s.riders, LeftBehind: s.leftBehind, WaitMinutes: waitStats(&s.waits),
				ByHour: s.byHour.flows(first, last)}
		}
		s.Buses = &BusSummary{ToPark: way(&t.stops[hotelStop]), ToHotel: way(&t.stops[parkStop])}
	}
	if p.cfg.Guests.Fatigue != (Fatigue{}) {
		var f sim.Tally
		tired := 0
		for i := range p.parties {
			pt := &p.parties[i]
			if pt.left == leftTurnedAway {
				continue
			}
			for range pt.size {
				f.Add(pt.fatigue)
			}
			if pt.left == leftTired {
				tired += int(pt.size)
			}
		}
		s.Fatigue = &FatigueSummary{MeanAtExit: f.Mean(), LeftTired: tired}
	}
	noShows := make([]int64, len(p.diners))
	for i := range p.parties {
		if pt := &p.parties[i]; pt.booked >= 0 {
			noShows[pt.booked]++
		}
	}
	guests := make([]int, len(t.byPersona))
	for i := range p.parties {
		if pt := &p.parties[i]; pt.persona >= 0 {
			guests[pt.persona] += int(pt.size)
		}
	}
	for k := range t.byPersona {
		s.Personas = append(s.Personas, PersonaSummary{ID: p.cfg.Guests.Personas[k].ID, Guests: guests[k],
			RidesPerGuest: float64(t.persona[k]) / float64(max(guests[k], 1)), CSAT: t.byPersona[k].Mean()})
	}
	for k := range t.diners {
		d, cfg := &t.diners[k], &p.cfg.Restaurants[k]
		rs := RestaurantSummary{ID: cfg.ID, Service: "counter", Meals: d.meals, MobileOrders: d.mobile,
			Bookings: d.bookings, Booked: d.booked, NoShows: noShows[k], MealWaitMinutes: lineWaits(&d.mealWait),
			Balks: d.balks, Reneges: d.reneges, ByHour: d.byHour.flows(first, last)}
		if d.lastServed > 0 {
			rs.LastServed = d.lastServed.Clock()
			rs.ServedAfterCloseMinutes = max(d.lastServed-p.cfg.Close, 0).Minutes()
		}
		if cfg.TableService {
			rs.Service = "table"
			w := lineWaits(&d.bookedWait)
			rs.BookedWaitMinutes = &w
		} else {
			w := lineWaits(&d.registerWait)
			rs.RegisterWaitMinutes = &w
		}
		s.Restaurants = append(s.Restaurants, rs)
	}
	for k := range t.shops {
		sh, m := &t.shops[k], &p.cfg.Merchants[k]
		if m.Staff == 0 && sh.skipped == 0 {
			continue // a till like any other: its takings are in revenue_cents
		}
		ss := ShopSummary{ID: m.ID, Kind: m.Kind, Staff: m.Staff, Visits: sh.visits, Sales: sh.sales, OverBudget: sh.skipped, WalkedAway: sh.walkedAway,
			ByHour: sh.byHour.flows(first, last)}
		if m.Staff > 0 {
			w := waitStats(&sh.waits)
			ss.WaitMinutes = &w
		}
		s.Shops = append(s.Shops, ss)
	}
	s.RevenueCents = p.revenue()
	if p.bands != nil {
		p.bandSummary(&s)
		s.Bands.GuestRelationsByHour = t.desk.flows(first, last)
	}
	for a := range p.rides {
		r, rt := &p.rides[a], &t.rides[a]
		outages, downtime := t.outagesUntil(a, p.last)
		as := AttractionSummary{
			ID:              r.cfg.ID,
			Name:            r.cfg.Name,
			Kind:            r.cfg.Kind,
			CapacityPerHour: r.cfg.HourlyCapacity(),
			Riders:          rt.riders,
			Balks:           rt.balks,
			Reneges:         rt.gaveUp.Count(),
			GaveUpAfter:     rt.gaveUp.Mean() / float64(sim.Minute),
			Dispatches:      rt.dispatches,
			SeatsOffered:    t.seatsWhileOpen(a) + rt.lateSeats,
			EmptySeats:      rt.emptySeats,
			Outages:         outages,
			DowntimeMinutes: downtime.Minutes(),
			WaitMinutes:     rideWaits(&rt.waits, rt.waited),
			PostedMinutes:   rt.postedSum / float64(max(rt.postedN, 1)) / float64(sim.Minute),
			WaitByHour:      []HourlyWait{},
		}
		for h := first; h <= last; h++ {
			bh := &rt.byHour[h]
			hw := HourlyWait{Hour: hourLabel(h), Riders: bh.Count()}
			if bh.Count() > 0 {
				m := bh.Mean() / float64(sim.Minute)
				hw.MeanMinutes = &m
			}
			as.WaitByHour = append(as.WaitByHour, hw)
		}
		s.SeatsOffered += as.SeatsOffered
		s.Attractions = append(s.Attractions, as)
	}
	return s
}

func waitStats(s *sim.Sample) WaitStats {
	m := float64(sim.Minute)
	return WaitStats{
		Mean: s.Mean() / m,
		P50:  s.Quantile(0.5) / m,
		P95:  s.Quantile(0.95) / m,
		Max:  s.Max() / m,
	}
}

// round3 keeps three decimals: enough for minutes and rates, and short to read.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// Snapshot is one row of the time series, taken every SampleEvery from
// opening while the park is open or guests are inside.
type Snapshot struct {
	At       sim.Time
	InPark   int
	InQueues int
	Rides    []RideSnapshot // per attraction, configuration order
}

// RideSnapshot is one attraction at one sampling time.
type RideSnapshot struct {
	Queue   int        // riders in line
	Status  RideStatus // whether it takes new guests
	Posted  sim.Time   // the wait the park posts; 0 and not posted unless Status is RideOpen
	Boarded sim.Tally  // waits (ms) of the riders boarded since the previous snapshot
}

// Series returns the time series recorded so far.
func (p *Park) Series() []Snapshot { return p.series }

// MarshalJSON encodes the summary as summary.json holds it: the Summary
// keeps every figure unrounded, and its encoding rounds each to three
// decimals, enough for minutes and rates, and short to read.
func (s Summary) MarshalJSON() ([]byte, error) {
	type plain Summary // the same fields, without this method
	b, err := json.Marshal(plain(s))
	if err != nil {
		return nil, err
	}
	// A copy to round, so that the summary encoded keeps its figures: the
	// shortest decimal encoding gives every float64 back exactly.
	var c plain
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, err
	}
	roundFigures(reflect.ValueOf(&c).Elem())
	return json.Marshal(c)
}

// roundFigures rounds every float in v, which must be settable, to three
// decimals. The summary's maps hold counts only.
func roundFigures(v reflect.Value) {
	switch v.Kind() {
	case reflect.Float64:
		v.SetFloat(round3(v.Float()))
	case reflect.Pointer:
		if !v.IsNil() {
			roundFigures(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				roundFigures(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			roundFigures(v.Index(i))
		}
	}
}
