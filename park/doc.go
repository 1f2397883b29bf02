// Package park is the simulated park: its layout and walking, the
// entrance, resort buses, attractions, counter- and table-service
// restaurants, shops and photo spots (every sale paid by band or, without
// one, at the till), parties of guests (personas, two patiences, budgets,
// fatigue) as state machines, incidents and the status they give rides, the
// band system's touch points, and the figures a day produces (summary, time
// series, tap log, survey).
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
package park
