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
// What the park knows of its crowd is one value, Sensed: per zone and per
// line (keyed by the id of the post that serves it), readings with the
// time they were taken. With the band system the sensor fills it from its
// pings and the tap log; without, staff count every line every CountEvery,
// known CountDelay later, and there are no zone readings. The posted waits
// (worked out when the view changes), the guests' choices of ride,
// restaurant and checkout and their balks read only it; the truth is kept
// for the reports.
//
// The rule it keeps: the park is one sim.Handler whose entities (parties,
// attractions, venues) are dense indices into slices, and every random draw
// about a party comes from that party's own streams (one per attribute, one
// for its choices, one per meal, one for its band's draws), so a party makes
// the same choices in the same situations whatever else changes.
//
// What happens is reported, as it happens, to the park's recorders
// (Recorder, Happening). One of them is the invariant checker (Checker,
// `parksim run --check`): it holds the day to its rules (every guest in
// one place, no ride's line below zero, no vehicle over capacity, nobody
// boarding a ride that is down, a ledger that balances after every sale by
// band, time running forward, staff within each post's bounds) and fails
// at the first happening that breaks one, naming the time, the rule, the
// party and its first guest, and the place. It only looks; a run loop that
// asks it after every event stops there (scenarios.Day.RunChecked), and a
// day run without it pays nothing for it.
package park
