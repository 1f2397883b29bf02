package scenarios

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"parksim/park"
	"parksim/staffing"
)

// Policies are the staffing policies a day may run under, as --policy and
// experiments name them:
//
//   - static: the roster as written, nobody moved;
//   - planned: a schedule made before the day from the expected demand
//     of each post, hour by hour (what the sensed view saw on pilot days
//     run under the static policy), with the roster's staff-hours; it
//     follows the schedule and never reacts;
//   - threshold: moves one member from the coolest post to the hottest
//     when their predicted waits part by more than ThresholdHigh minutes,
//     and back when the gap reverses past ThresholdLow;
//   - optimizer: every round, forecasts each post's arrivals from the
//     sensed view, predicts its guest-minutes of waiting, and makes the
//     moves that save the most, net of the walk;
//   - oracle: the optimizer fed the truth instead of the sensed view: each
//     post's true line and arrivals, and as its forecast the arrivals a
//     rehearsal of the same day (same seed, the oracle without foresight)
//     saw; an upper bound on what sensing and forecasting could buy, never
//     a policy a park can run.
var Policies = []string{park.StaticPolicy, "planned", "threshold", "optimizer", park.OraclePolicy}

// Parameters of the policies.
const (
	ThresholdHigh = 15.0 // minutes of predicted wait between the hottest and the coolest post that make a move
	ThresholdLow  = 5.0  // minutes: the gap below which a lent member goes back
	OptimizerGain = 20.0 // guest-minutes a move must save over the horizon, beyond its walk
	OptimizerCap  = 90.0 // minutes: a post whose predicted worst wait is above this gets a member first, where one helps
	pilotDays     = 2    // static days whose sensed demand the planned schedule is made from
	pilotSeed     = 1_000_000_001
)

// BuildWith is Build for a day under a staffing policy (one of Policies).
func (s *Scenario) BuildWith(seed uint64, policy string) (*Day, error) {
	if !slices.Contains(Policies, policy) {
		return nil, fmt.Errorf("unknown policy %q; the policies are %s", policy, strings.Join(Policies, ", "))
	}
	d, err := s.Build(seed)
	if err != nil {
		return nil, err
	}
	var pol staffing.Policy
	truth := false
	switch policy {
	case park.StaticPolicy:
		pol = staffing.Static{}
	case "threshold":
		pol = staffing.NewThreshold(ThresholdHigh, ThresholdLow)
	case "optimizer":
		pol = staffing.NewOptimizer(OptimizerCap, OptimizerGain)
	case park.OraclePolicy:
		pol, truth = staffing.NewOptimizer(OptimizerCap, OptimizerGain), true
	case "planned":
		demand, err := s.expectedDemand()
		if err != nil {
			return nil, err
		}
		if pol, err = d.Park.PlannedPolicy(demand); err != nil {
			return nil, fmt.Errorf("%s: %w", s.File, err)
		}
	}
	if err := d.Park.SetPolicy(d.Engine, pol, truth); err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	if truth {
		ahead, err := s.rehearse(seed)
		if err != nil {
			return nil, err
		}
		if err := d.Park.SetForesight(ahead); err != nil {
			return nil, fmt.Errorf("%s: %w", s.File, err)
		}
	}
	return d, nil
}

// rehearse runs the day of seed under the oracle without foresight and
// returns what truly arrived at each post, round by round: the day ahead
// the oracle is shown.
func (s *Scenario) rehearse(seed uint64) (park.PostArrivals, error) {
	d, err := s.Build(seed)
	if err != nil {
		return park.PostArrivals{}, err
	}
	if err := d.Park.SetPolicy(d.Engine, staffing.NewOptimizer(OptimizerCap, OptimizerGain), true); err != nil {
		return park.PostArrivals{}, fmt.Errorf("%s: %w", s.File, err)
	}
	d.Engine.Run()
	return d.Park.TrueArrivals(), nil
}

// expectedDemand is, per post and hour from opening, the guests the park
// expects to join the post's line: the mean of what its sensed view saw
// on pilot days under the static policy, which is how a planner's history
// of band data would tell it. It is worked out once per scenario (by its
// fingerprint) in a process.
func (s *Scenario) expectedDemand() (park.Demand, error) {
	v, _ := demands.LoadOrStore(s.Fingerprint(), &demand{})
	d := v.(*demand)
	d.once.Do(func() { d.perHour, d.err = s.pilot() })
	return d.perHour, d.err
}

// demand is one scenario's expected demand, worked out once.
type demand struct {
	once    sync.Once
	perHour park.Demand
	err     error
}

var demands sync.Map // fingerprint → *demand

// pilot runs the pilot days and averages what their sensed views saw.
func (s *Scenario) pilot() (park.Demand, error) {
	var sum park.Demand
	for k := range pilotDays {
		d, err := s.Build(pilotSeed + uint64(k))
		if err != nil {
			return park.Demand{}, err
		}
		probe := park.NewDemandProbe(s.Park.Open, s.Park.Close)
		if err := d.Park.SetPolicy(d.Engine, probe, false); err != nil {
			return park.Demand{}, err
		}
		d.Engine.Run()
		got := probe.Demand()
		if k == 0 {
			sum = got
			continue
		}
		for p := range sum.PerHour {
			for h := range sum.PerHour[p] {
				sum.PerHour[p][h] += got.PerHour[p][h]
			}
			sum.Opening[p] += got.Opening[p]
		}
	}
	for p := range sum.PerHour {
		for h := range sum.PerHour[p] {
			sum.PerHour[p][h] /= pilotDays
		}
		sum.Opening[p] /= pilotDays
	}
	return sum, nil
}
