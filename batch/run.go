package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"parksim/report"
)

// Options says how a batch runs: none of it changes its results.
type Options struct {
	Workers int // runs at once; 0 for one per core
	// Shards splits the plan's units between Shards processes (0 or 1: no
	// split); this one runs those whose index modulo Shards is Shard.
	Shard, Shards int
	// Resume keeps the units already in the folder whose results are
	// whole and of this plan, and runs only the rest; without it every
	// unit of this process runs again.
	Resume bool
	// Keep names the other output files each unit writes beside its
	// result: "attractions", "timeseries", "taps", "staff" (as `run --outputs`).
	Keep []string
	// Progress, if set, is called after each unit with the units done so
	// far (those resumed included) and the units this process has.
	Progress func(done, total int)
}

// KeepNames are the files Options.Keep may name.
var KeepNames = []string{"attractions", "timeseries", "taps", "staff"}

// Sharded says whether the plan can be split between processes: a plan
// whose replications depend on the results (a target half-width) cannot,
// since no shard sees the others' results.
func (p *Plan) Sharded() error {
	if p.Replications.Count == 0 {
		return errors.New("this experiment's replications depend on its results (replications.half_width), which no shard sees: give it a fixed count, such as replications = 30, to shard it")
	}
	return nil
}

// Run runs the experiment's units into the store: every unit of the
// plan, or this shard's share of them. In target mode (a half-width) it
// runs rounds of replications until the intervals are narrow enough or
// the cap is reached. It returns the number of units it ran, and stops
// early with ctx's error once ctx is done: whatever units are complete
// by then stay in the folder for a resumed batch.
func (e *Experiment) Run(ctx context.Context, st *Store, opt Options) (ran int, err error) {
	p := e.Plan
	if opt.Shards > 1 {
		if err := p.Sharded(); err != nil {
			return 0, err
		}
	}
	reps := p.Reps()
	done, from := 0, 0
	for {
		var todo []Unit
		units := p.Units(from, reps)
		total := done + len(units)
		for k, u := range units {
			if opt.Shards > 1 && (from*len(p.Alternatives)+k)%opt.Shards != opt.Shard {
				total--
				continue
			}
			if opt.Resume {
				if _, err := ReadUnit(st.Dir, p, u); err == nil {
					done++
					continue
				}
			}
			todo = append(todo, u)
		}
		if opt.Progress != nil {
			opt.Progress(done, total)
		}
		n, err := e.runUnits(ctx, st, todo, opt, func() {
			done++
			if opt.Progress != nil {
				opt.Progress(done, total)
			}
		})
		ran += n
		if err != nil {
			return ran, err
		}
		if p.Replications.Count > 0 {
			return ran, nil
		}
		outs, missing, err := Collect(p, []string{st.Dir}, reps)
		if err != nil {
			return ran, err
		}
		if len(missing) > 0 {
			return ran, fmt.Errorf("units missing after they ran: %s", strings.Join(missing, ", "))
		}
		next, enough := Needed(p, outs)
		if enough || next <= reps {
			return ran, nil
		}
		from, reps = reps, min(next, p.Replications.Max)
	}
}

// runUnits runs units on a pool of workers, each writing its unit's
// result, and calls done after each.
func (e *Experiment) runUnits(ctx context.Context, st *Store, units []Unit, opt Options, done func()) (int, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	workers = min(workers, len(units))
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan Unit)
	var (
		mu       sync.Mutex
		firstErr error
		ran      int
		wg       sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for u := range next {
				err := e.runUnit(ctx, st, u, opt.Keep)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				if err == nil {
					ran++
					done()
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for _, u := range units {
		select {
		case next <- u:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	if errors.Is(firstErr, context.Canceled) && context.Cause(ctx) != nil {
		firstErr = context.Cause(ctx)
	}
	return ran, firstErr
}

// checkEvery is how many events a run goes between looks at whether the
// batch was stopped: a few milliseconds of simulation.
const checkEvery = 1 << 14

// runUnit runs one unit's day and writes its result.
func (e *Experiment) runUnit(ctx context.Context, st *Store, u Unit, keep []string) error {
	day, err := e.days[u.Alt].BuildWith(u.Seed, e.Plan.Alternatives[u.Alt].Policy)
	if err != nil {
		return fmt.Errorf("unit %s: %w", u.ID, err)
	}
	for n := 1; day.Engine.Step(); n++ {
		if n%checkEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	sum := day.Park.Summary()
	for _, k := range keep {
		var fill func(w io.Writer) error
		switch k {
		case "attractions":
			fill = func(w io.Writer) error { return report.WriteAttractionsCSV(w, &sum) }
		case "timeseries":
			fill = func(w io.Writer) error { return report.WriteTimeseriesCSV(w, day.Park) }
		case "taps":
			fill = func(w io.Writer) error { return report.WriteTapsCSV(w, day.Park) }
		case "staff":
			fill = func(w io.Writer) error { return report.WriteStaffCSV(w, day.Park) }
		default:
			return fmt.Errorf("unknown output %q; the outputs a unit may keep are %s", k, strings.Join(KeepNames, ", "))
		}
		if err := st.WriteExtra(u, k+".csv", fill); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := report.WriteJSON(&buf, &sum); err != nil {
		return err
	}
	return st.Write(u, buf.Bytes())
}

// Collect reads the results of a plan's units from one or more folders
// (a unit may be in any of them) and returns the outcomes, in the plan's
// order, and the ids of the units no folder has. In target mode it
// follows the rounds a run takes, from the first round's replications to
// the round at which the intervals were narrow enough; reps, if above 0,
// stops it there. A damaged unit file is an error naming it.
func Collect(p *Plan, dirs []string, reps int) ([]Outcome, []string, error) {
	var outs []Outcome
	var missing []string
	from, to := 0, p.Reps()
	if reps > 0 {
		to = reps
	}
	for {
		for _, u := range p.Units(from, to) {
			o, err := readAny(dirs, p, u)
			switch {
			case errors.Is(err, os.ErrNotExist):
				missing = append(missing, u.ID)
			case err != nil:
				return nil, nil, err
			default:
				outs = append(outs, o)
			}
		}
		if p.Replications.Count > 0 || reps > 0 || len(missing) > 0 {
			return outs, missing, nil
		}
		next, enough := Needed(p, outs)
		if enough || next <= to {
			return outs, missing, nil
		}
		from, to = to, min(next, p.Replications.Max)
	}
}

// readAny reads a unit's result from the first folder that has it.
func readAny(dirs []string, p *Plan, u Unit) (Outcome, error) {
	var last error = os.ErrNotExist
	for _, d := range dirs {
		o, err := ReadUnit(d, p, u)
		if err == nil {
			return o, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return Outcome{}, err
		}
		last = err
	}
	return Outcome{}, last
}

// MergePlans reads the plan of each folder and checks that they are one
// plan.
func MergePlans(dirs []string) (*Plan, error) {
	var p *Plan
	for _, d := range dirs {
		q, err := ReadPlan(d)
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s holds no %s: it is not a batch's folder", d, planFile)
		}
		if err != nil {
			return nil, err
		}
		if p == nil {
			p = q
			continue
		}
		if q.Hash != p.Hash {
			return nil, &PlanMismatchError{Dir: d, Have: q.Hash, Want: p.Hash}
		}
	}
	if p == nil {
		return nil, errors.New("no folder to merge")
	}
	return p, nil
}
