package park

// The names of the random streams a day draws from, in one place. Each
// stream is derived from the master seed and its name (and an index), so
// draws of one kind never shift draws of another: a variant that changes
// how one thing is drawn, or a venue's parameters, leaves every other draw
// of every party as it was (common random numbers, by construction). A
// per-party stream is indexed by the party (or by its guest, for draws per
// member); a per-venue stream by the venue. Names must be unique, and
// every draw names its stream with one of these: a test keeps both true.
const (
	// Per party, drawn once when the day is made (see drawParties).
	streamPartySize = "party-size"
	streamPersona   = "persona"
	streamArrival   = "arrival"
	streamWalkSpeed = "walk-speed"
	streamPatience  = "patience"
	streamStay      = "stay"
	streamGiveUp    = "give-up"
	streamBudget    = "budget"
	streamMustDo    = "must-do"
	streamMeals     = "meals"
	streamBooking   = "booking"
	streamBagCheck  = "bag-check"
	streamTurnstile = "turnstile"
	streamHeights   = "heights"

	// Per party, all day.
	streamParty     = "party"      // its choices
	streamBandParty = "band-party" // the band system's draws for it: tills, camera, guest relations
	streamMeal      = "meal"       // one meal's times and price, indexed by party and meal
	streamSurvey    = "survey"     // a guest's survey answer, indexed by guest
	streamRain      = "rain-%d"    // a storm's decision for a party; %d is the incident

	// The band system, per party or guest when the day is made.
	streamResort      = "resort"
	streamMiddayBreak = "midday-break"
	streamReservation = "reservation"
	streamGuest       = "guest" // a guest's band, wallet and ticket, indexed by guest

	// Per venue or for the whole day.
	streamBreakdown = "breakdown" // an attraction's breakdowns and repairs
	streamService   = "service"   // a station's service times
	streamSensor    = "sensor"    // the zone readers' detections
	streamMisuse    = "misuse"    // the clones' and finders' tries
)
