package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"parksim/park"
	"parksim/report"
	"parksim/scenarios"
)

const runUsage = `Usage: parksim run [SCENARIO] [--seed N] [--policy NAME] [--check] [--out DIR [--outputs LIST]]

Runs one park day and prints its summary. SCENARIO is a scenario file or the
name of an embedded scenario (see 'parksim scenarios'); without it, the
embedded default day runs. The same scenario and seed always give the same
results, byte for byte.

Flags:
  --seed N        master seed of the run's random streams (default 1)
  --policy NAME   the staffing policy: static (the roster as written, the
                  default), planned, threshold, optimizer, or oracle (the
                  optimizer fed the truth and the day ahead: an upper
                  bound, which runs the day twice); every one but static
                  needs a roster ([[staff]])
  --check         check the day's invariants as it runs (every guest in one
                  place, no line below zero, no vehicle over capacity, no
                  boarding a ride that is down, a balanced ledger, time
                  running forward, staff within bounds, every staff member
                  in one place and every move within the roster's rules)
                  and stop at the first broken one with an error: the
                  outputs are the same as without
  --out DIR       also write the outputs into DIR. The whole directory is
                  replaced at once when every file is written, so it holds
                  one run's files, never a mix; it must be new, empty or
                  hold only parksim's outputs. Until then a failed write,
                  SIGINT or SIGTERM leaves DIR as it was.
  --outputs LIST  which files --out writes, comma-separated, from summary
                  (summary.json), attractions (attractions.csv), timeseries
                  (timeseries.csv), staff (staff.csv: the staff moves; only
                  a header without a roster) and taps (taps.csv); default
                  all five
`

func runCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	seed := fs.Uint64("seed", 1, "")
	policy := park.StaticPolicy
	fs.Func("policy", "", func(v string) error {
		if !slices.Contains(scenarios.Policies, v) {
			return fmt.Errorf("unknown policy %q; the policies are %s", v, strings.Join(scenarios.Policies, ", "))
		}
		policy = v
		return nil
	})
	check := fs.Bool("check", false, "")
	var out string
	fs.Func("out", "", func(v string) error {
		if v == "" {
			return errors.New("name a directory")
		}
		out = v
		return nil
	})
	outputs := allOutputs
	outputsSet := false
	fs.Func("outputs", "", func(v string) (err error) {
		outputs, err = parseOutputs(v)
		outputsSet = true
		return err
	})
	pos, code, done := parseFlags(fs, runUsage, args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) > 1 {
		return badArgs(stderr, "run", runUsage, "takes one scenario, got %d arguments", len(pos))
	}
	if outputsSet && out == "" {
		return badArgs(stderr, "run", runUsage, "--outputs chooses the files of --out DIR: give --out too")
	}
	name := "default"
	if len(pos) == 1 {
		name = pos[0]
	}
	sc, err := scenarios.Open(name)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitBadInput
	}
	day, err := sc.BuildWith(*seed, policy)
	if err != nil {
		fmt.Fprintf(stderr, "parksim run: %v\n", err)
		return exitBadInput
	}
	var od *outDir
	if out != "" {
		if od, err = beginOutDir(out); err != nil {
			return outFailed(stderr, err)
		}
	}
	start := time.Now() // wall clock for the timing line only, never for results
	var sum park.Summary
	if *check {
		if sum, err = day.RunChecked(); err != nil {
			fmt.Fprintf(stderr, "parksim: %v\n", err) // a broken invariant is parksim's own failure
			if od != nil {
				od.abort()
			}
			return exitInternal
		}
	} else {
		sum = day.Run()
	}
	elapsed := time.Since(start)

	if od != nil {
		if err := writeOutputs(od, outputs, day, &sum); err != nil {
			od.abort()
			return outFailed(stderr, err)
		}
	}
	printErr := report.Print(stdout, sc, &sum)
	fmt.Fprintf(stderr, "simulated in %.2fs (%s events/s)\n", elapsed.Seconds(),
		report.Thousands(int64(float64(sum.Events)/elapsed.Seconds())))
	if printErr != nil {
		return exitInternal // run reports which write failed
	}
	return exitOK
}

// outFailed reports a failure to set up or write --out DIR.
func outFailed(stderr io.Writer, err error) int {
	if errors.Is(err, errInterrupted) {
		waitForSignalExit()
	}
	fmt.Fprintf(stderr, "parksim run: %v\n", err)
	var bad *badOutDirError
	if errors.As(err, &bad) {
		return exitBadInput
	}
	return exitInternal
}

// writeOutputs writes the chosen output files of a run into od and puts
// them in place together.
func writeOutputs(od *outDir, outputs []output, day *scenarios.Day, sum *park.Summary) error {
	writers := map[string]func(w io.Writer) error{
		"summary":     func(w io.Writer) error { return report.WriteJSON(w, sum) },
		"attractions": func(w io.Writer) error { return report.WriteAttractionsCSV(w, sum) },
		"timeseries":  func(w io.Writer) error { return report.WriteTimeseriesCSV(w, day.Park) },
		"staff":       func(w io.Writer) error { return report.WriteStaffCSV(w, day.Park) },
		"taps":        func(w io.Writer) error { return report.WriteTapsCSV(w, day.Park) },
	}
	for _, o := range outputs {
		if err := od.write(o.file, writers[o.name]); err != nil {
			return err
		}
	}
	return od.commit()
}
