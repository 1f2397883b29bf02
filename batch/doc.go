// Package batch runs experiments: many simulated days, compared with
// statistics. An experiment file (see README.md beside this file) names
// scenarios, treatments (the scenario as written, variants written as the
// scenario's own keys, the points of a sweep), policies, replications,
// metrics and gates; Parse resolves it into a Plan of units, one per
// alternative and replication, replication r running every alternative on
// the same seed (common random numbers).
//
// Experiment.Run runs a plan's units on a pool of workers, or one shard's
// share of them, into a folder: plan.json and one result file per unit,
// each written whole or not at all, so that a stopped batch resumes and
// shards merge. Collect reads the results back, and Analyze turns them
// into paired comparisons with t intervals (gonum's stat and distuv),
// gate verdicts, report.md, report.json, runs.csv and plots (gonum's plot).
//
// The rule it keeps: results depend on the plan alone. The report is
// computed from the unit files read back, never from the runs in memory,
// and reads no clock, so the same plan gives the same bytes on any number
// of workers, in shards, resumed or merged.
package batch
