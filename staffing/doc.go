// Package staffing turns what the park senses into staff moves: the
// observation a policy decides from, the models that predict each post's
// waiting, the forecasts, the policies, and the queueing formulas (Erlang
// B, C and A) and pool allocators they rest on.
//
// The rule it keeps: staffing sees only the Observation it is given, never
// the park. The park builds it from its sensed view and its roster and
// applies the Moves it gets back; a policy that could peek at the true
// queue would look better in experiments than anything the park could run.
// An oracle fills the same Observation with the truth (the park's oracle
// gives it the true lines and arrivals, and in each post's Forecast the
// arrivals a rehearsal of the day saw), so the oracle is labelled by what
// it is fed, not by other code.
//
// What is here:
//
//   - Observation, PostView, MemberView, Rules and Move, the Policy
//     interface, and Feasible, which checks moves against the roster's
//     rules (skills, shifts, breaks, walking, minimum stay, moves a day,
//     each post's minimum and maximum).
//   - Predict: a post's guest-minutes of waiting and worst wait over a
//     horizon at any staffing, the staff changing as walking members
//     arrive and as breaks and shifts come and go: a fluid queue with
//     stepped capacity for rides, the stationary Erlang C or Erlang A
//     queue (with guests arriving in groups, M^X/M/c's term) plus a
//     draining backlog for lines of servers.
//   - Holt: damped-trend exponential smoothing of each post's arrivals.
//   - Policies: Static (nobody moves), Threshold (a reactive rule with
//     hysteresis), Optimizer (greedy moves by predicted gain net of the
//     walk, with a cap on the worst wait first) and Planned (an hourly
//     schedule made before the day from expected demand).
//   - ErlangB, ErlangC, MMC, MMCM, SqrtStaffing, MinServers and the pool
//     allocators, pure functions on float64 rates in any consistent time
//     unit.
//
// Rates in an Observation are per minute and waits in minutes; times are
// sim.Time. Nothing here reads the wall clock or a random source, and
// nothing ranges over a map where the order could reach a decision, so a
// policy given the same observations makes the same moves.
package staffing
