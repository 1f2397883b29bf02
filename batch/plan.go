package batch

import "encoding/json"

// PlanFormat names the layout of plan.json; UnitFormat that of a unit's
// result file. A reader refuses any other.
const (
	PlanFormat = "parksim-plan/1"
	UnitFormat = "parksim-unit/1"
)

// Plan is an experiment resolved into what runs and what is compared: every
// alternative (scenario × treatment × policy), the replications, the
// metrics and the gates. It is everything a report needs besides the units'
// results, so that `parksim merge` needs no experiment file. Its Hash
// covers all of it, the resolved scenarios included.
type Plan struct {
	Format       string        `json:"format"`
	Hash         string        `json:"hash"`
	Experiment   string        `json:"experiment"` // the experiment's name
	Description  string        `json:"description,omitempty"`
	Alternatives []Alternative `json:"alternatives"`
	Metrics      []string      `json:"metrics"` // dotted paths into summary.json
	Gates        []Gate        `json:"gates,omitempty"`
	Replications Replications  `json:"replications"`
	FirstSeed    uint64        `json:"first_seed"` // replication r runs on seed FirstSeed + r
	Confidence   float64       `json:"confidence"` // of every interval reported, e.g. 0.95
	Sweep        *Sweep        `json:"sweep,omitempty"`
}

// Alternative is one way of running the day: a scenario with a treatment
// (the scenario as written, a variant, or a sweep point) under a policy.
type Alternative struct {
	ID          string   `json:"id"`        // "SCENARIO/TREATMENT/POLICY": stable, part of every unit's id
	Scenario    string   `json:"scenario"`  // the scenario's name
	Treatment   string   `json:"treatment"` // "base", a variant's name or a sweep point's ("mobile_order=50%")
	Policy      string   `json:"policy"`
	Baseline    string   `json:"baseline"`              // the id of the alternative this one is compared with; its own id for a baseline
	SweepValue  *float64 `json:"sweep_value,omitempty"` // a sweep point: the swept key's value as a number (a share as a fraction)
	Fingerprint string   `json:"fingerprint"`           // hash of the resolved scenario, overrides applied
}

// Replications says how many days each alternative runs: a fixed Count, or
// (Count 0) rounds from Min until every alternative's interval for each of
// the Metrics (all the plan's metrics if empty) is no wider than
// ±HalfWidth (a fraction of the mean when Relative), or Max is reached.
type Replications struct {
	Count     int      `json:"count,omitempty"`
	HalfWidth float64  `json:"half_width,omitempty"`
	Relative  bool     `json:"relative,omitempty"`
	Metrics   []string `json:"metrics,omitempty"`
	Min       int      `json:"min,omitempty"`
	Max       int      `json:"max,omitempty"`
}

// Sweep is one scenario key run over a list of values; each value is a
// treatment named "LEAF=VALUE" after the key's last part.
type Sweep struct {
	Key    string   `json:"key"`    // the dotted scenario key, e.g. "guests.mobile_order"
	Labels []string `json:"labels"` // the values as written, e.g. "50%"
}

// Gate is a condition on a metric that fails the batch (exit 1) when the
// results show, with the gate's confidence, that it is broken:
//
//   - "max_rise": the alternative's paired difference from its baseline
//     is above Limit (a fraction of the baseline's mean when Relative)
//     over the whole interval;
//   - "max_fall": the difference is below −Limit over the whole interval;
//   - "max": the alternative's mean is above Limit over the whole interval;
//   - "min": the mean is below Limit over the whole interval.
//
// Relative gates apply to every alternative that is not a baseline;
// absolute ones ("max", "min") to every alternative.
type Gate struct {
	Metric     string  `json:"metric"`
	Rule       string  `json:"rule"`
	Limit      float64 `json:"limit"`
	Relative   bool    `json:"relative,omitempty"`
	Confidence float64 `json:"confidence"`
	At         string  `json:"at"` // where it is written, "file:line", for messages
}

// Unit is one run of a plan: an alternative on one replication's seed.
type Unit struct {
	ID   string // "SCENARIO/TREATMENT/POLICY/rNNN", NNN the replication from 001
	Alt  int    // index into Plan.Alternatives
	Rep  int    // replication, from 0
	Seed uint64
}

// Result is what a unit's file holds: the unit's summary.json as written,
// with the plan it belongs to and a checksum of the summary's bytes.
type Result struct {
	Format  string          `json:"format"`
	Plan    string          `json:"plan"` // the plan's hash
	Unit    string          `json:"unit"`
	Seed    uint64          `json:"seed"`
	Summary json.RawMessage `json:"summary"`
	SHA256  string          `json:"sha256"` // hex, of Summary's bytes
}

// Outcome is a result read back and checked, as the statistics use it.
type Outcome struct {
	Unit    Unit
	Summary map[string]any // the decoded summary.json
}
