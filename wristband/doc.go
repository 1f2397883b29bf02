// Package wristband is the band platform: guests' bands and their
// entitlements (ticket, hotel stay, wallet, ride reservations, photo album),
// readers, taps and their decisions, the tap log, a double-entry ledger, clone
// detection, and a sensor that estimates where the crowd is from taps and
// pings. It knows nothing of rides: readers have kinds, zones and the ids of
// what they guard, nothing more.
//
// The rule it keeps: every touch is a tap with a decision (granted, or
// denied with a reason) and a record in an append-only log, and the park's
// live picture of its crowd is built from those records and pings alone.
package wristband
