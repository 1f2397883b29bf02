// Package park is the simulated park: its layout and walking, the
// entrance, resort buses, attractions, counter- and table-service
// restaurants, shops and photo spots (every sale paid by band or, without
// one, at the till), parties of guests (personas, two patiences, budgets,
// fatigue) as state machines, incidents and the status they give rides, the
// band system's touch points, every staffed place as a post whose staff
// change in one way (SetStaff), and the figures a day produces (summary,
// time series, tap log, survey). The park records what happens as it
// happens, each thing as a Happening, and every figure of the summary is
// counted from them by one recorder, the tally.
//
// The rule it keeps: the park is one sim.Handler whose entities (parties,
// attractions, venues) are dense indices into slices, and every random draw
// about a party comes from that party's own streams (one per attribute, one
// for its choices, one per meal, one for its band's draws), so a party makes
// the same choices in the same situations whatever else changes.
package park
