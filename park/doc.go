// Package park is the simulated park: its layout and walking, the
// entrance, resort buses, attractions, counter- and table-service
// restaurants, shops and photo spots (every sale paid by band or, without
// one, at the till), parties of guests (personas, two patiences, budgets,
// fatigue) as state machines, incidents and the status they give rides, the
// band system's touch points, every staffed place as a post, what the park
// knows of its crowd, and the record of what happens.
//
// How it is built:
//
//   - Subsystems (subsystems.go): the day's operations (ops.go), entry
//     (entry.go), the parties' own moves (party.go), rides (ride.go),
//     dining (restaurant.go), shops (shop.go), buses (bus.go), guest
//     relations (desk.go) and incidents (incidents.go) each handle their
//     own kinds of event, numbered in their own file, over the shared
//     world, the Park. A party walks to a Place, and each kind of place
//     registers what takes a party arriving there. A new kind of venue is
//     a file with its state, its event kinds, its handler and its visit
//     record, and a line for each in register.
//   - Activity (record.go, party.go): a party does one thing at a time
//     (walking, in line, riding, eating, shopping, on a bus, at the desk,
//     resting, away at its hotel, gone), changed only by setActivity.
//     What it does at a venue lives with the venue (rideVisit, mealVisit,
//     shopVisit, deskVisit), not in the party.
//   - Recorders (record.go): the park reports what happens, as it
//     happens, as Happenings to every Recorder: activity changes, joins,
//     boardings, withdrawals, dispatches, services, taps, sales, ride
//     status, staff changes, survey answers. Every figure of the summary
//     is counted from them by one recorder, the tally (tally.go); the
//     invariant checker (check.go) is another; a viewer's recording and a
//     batch run's results are others to come.
//   - Posts (posts.go): every staffed place (ride crews, station servers,
//     registers, clerks, photographers, turnstiles, bag check, guest
//     relations) in one registry, whose staff change only through
//     SetStaff, with its effect on capacity defined per kind.
//   - The roster (staff.go), when the scenario lists one: staff members
//     who come on shift at a post, take breaks, walk between posts when a
//     policy moves them (MoveStaff) and go home; each joining or leaving
//     changes its post's staff through SetStaff.
//   - The operations loop (operations.go): every DecideEvery while the
//     park is open it builds a staffing.Observation from the sensed view,
//     the posts and the roster, asks the day's staffing policy (SetPolicy)
//     for moves and makes them with MoveStaff; only the oracle is fed the
//     truth (true lines and arrivals, and with SetForesight the arrivals
//     a rehearsal of the day saw).
//   - The sensed view (sensed.go): what the park knows of its crowd, per
//     zone and per line, keyed by id, each reading with its age: from the
//     band sensor, or without bands from staff counting the lines. Posted
//     waits, restaurant choice and the checkout read it; ground truth is
//     for reports.
//   - Randomness (streams.go): every random stream is named in one place,
//     and every draw about a party comes from that party's own streams (one
//     per attribute, one for its choices, one per meal, one for its band's
//     draws), so a party makes the same choices in the same situations
//     whatever else changes (common random numbers).
//
// Entities (parties, attractions, venues, posts) are dense indices into
// slices, in configuration order, so a run is deterministic.
package park
