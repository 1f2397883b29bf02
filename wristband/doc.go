// Package wristband will hold the band platform: bands and their
// entitlements, readers, taps and their decisions, the ledger, clone
// detection and density sensing. It knows nothing of rides.
//
// The rule it will keep: every touch is a tap with a decision and a record,
// and the park's live picture of its crowd is built from those records alone.
// It may import only sim.
package wristband
