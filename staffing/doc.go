// Package staffing turns what the park senses into staff moves; it also holds
// the queueing formulas (Erlang B, C and A) those decisions rest on.
//
// The rule it keeps: staffing sees only sensed observations, never ground
// truth. A policy that could peek at the true queue would look better in
// experiments than anything the park could run, so the only way in is the
// observation the sensor produces. Policies will live here later; for now the
// package holds the formulas and the allocation of a server pool, all pure
// functions on float64 rates in any consistent time unit.
package staffing
