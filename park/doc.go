// Package park is the simulated park: its layout and walking, entry
// turnstiles, attractions, parties of guests as state machines, and the
// figures a day produces.
//
// The rule it keeps: the park is one sim.Handler whose entities (parties,
// attractions) are dense indices into slices, and every random draw about a
// party comes from that party's own streams (one per attribute, one for its
// choices), so a party makes the same choices in the same situations
// whatever else changes.
package park
