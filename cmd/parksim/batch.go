package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"parksim/batch"
)

const batchUsage = `Usage: parksim batch EXPERIMENT [--out DIR] [--workers N] [--resume] [--plan]
                     [--shard-index I --shard-count N] [--keep LIST]

Runs an experiment: every alternative it names (scenario × treatment ×
policy) over its replications, one simulated day per unit, and compares them
with paired statistics (replication r runs every alternative on the same
seed, so they meet the same guests). EXPERIMENT is an experiment file or the
name of an embedded one (see 'parksim experiments'). Prints the comparison
table and the gate verdicts; the exit code is 1 when a gate fails.

DIR holds plan.json, units/ (one result file per unit, each written whole
or not at all) and report/ (report.md, report.json, runs.csv and the plots
as PNG and SVG, replaced together). report.json is the same byte for byte
however the batch is run: on any number of workers, in shards, resumed.

Flags:
  --out DIR          the batch's folder (default NAME-batch, after the experiment)
  --workers N        days simulated at once (default: one per core, here %d)
  --resume           keep the units DIR already holds for this plan and run
                     only the missing ones (after Ctrl-C, say); without it
                     every unit runs again
  --plan             print the plan (its hash, alternatives and units) and exit
  --shard-index I    run only shard I (0 ≤ I < N) of the units, into DIR, and
                     write no report: merge the shards with 'parksim merge'.
                     Without the flag, the index is read from
                     JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs) or
                     SLURM_ARRAY_TASK_ID (Slurm arrays, counted from
                     SLURM_ARRAY_TASK_MIN)
  --shard-count N    how many shards the batch is split into; required to shard
  --keep LIST        also keep these outputs of every unit in units/,
                     comma-separated, from attractions, timeseries, taps and staff
                     (a tap log is tens of megabytes a day); default none
`

const mergeUsage = `Usage: parksim merge DIR... [--out DIR]

Merges the folders of a sharded batch (or any folders holding units of one
plan) into one report, the same byte for byte as an unsharded run's. Checks
that every folder holds the same plan, and names every unit no folder has.
Prints the comparison table and the gate verdicts; the exit code is 1 when
a unit is missing or a gate fails.

Flags:
  --out DIR   where the report goes, as DIR/report (default the first DIR)
`

const experimentsUsage = `Usage: parksim experiments

Lists the experiments built into parksim, one per line with its description.
Run one with 'parksim batch NAME'; see its plan with 'parksim batch NAME --plan'.
`

func experimentsCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("experiments", flag.ContinueOnError)
	pos, code, done := parseFlags(fs, experimentsUsage, args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) > 0 {
		return badArgs(stderr, "experiments", experimentsUsage, "takes no arguments")
	}
	for _, name := range batch.Embedded() {
		fmt.Fprintf(stdout, "%-16s %s\n", name, batch.EmbeddedDescription(name))
	}
	return exitOK
}

func batchCmd(args []string, stdout, stderr io.Writer) int {
	usageText := fmt.Sprintf(batchUsage, runtime.NumCPU())
	fs := flag.NewFlagSet("batch", flag.ContinueOnError)
	out := fs.String("out", "", "")
	workers := fs.Int("workers", runtime.NumCPU(), "")
	resume := fs.Bool("resume", false, "")
	planOnly := fs.Bool("plan", false, "")
	shardIndex := fs.Int("shard-index", -1, "")
	shardCount := fs.Int("shard-count", 0, "")
	var keep []string
	fs.Func("keep", "", func(v string) error {
		for k := range strings.SplitSeq(v, ",") {
			k = strings.TrimSpace(k)
			if !slices.Contains(batch.KeepNames, k) {
				return fmt.Errorf("unknown output %q; choose from %s", k, strings.Join(batch.KeepNames, ", "))
			}
			if !slices.Contains(keep, k) {
				keep = append(keep, k)
			}
		}
		return nil
	})
	pos, code, done := parseFlags(fs, usageText, args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) != 1 {
		return badArgs(stderr, "batch", usageText, "takes one experiment, got %d arguments", len(pos))
	}
	if *workers < 1 {
		return badArgs(stderr, "batch", usageText, "--workers must be 1 or more, got %d", *workers)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["out"] && *out == "" {
		return badArgs(stderr, "batch", usageText, "--out needs a directory")
	}
	shard, shards, err := shardOf(set["shard-index"], *shardIndex, *shardCount)
	if err != nil {
		return badArgs(stderr, "batch", usageText, "%v", err)
	}

	e, err := batch.Open(pos[0])
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitBadInput
	}
	p := e.Plan
	if shards > 1 {
		if err := p.Sharded(); err != nil {
			fmt.Fprintf(stderr, "parksim batch: %s: %v\n", pos[0], err)
			return exitBadInput
		}
	}
	if *planOnly {
		printPlan(stdout, p, shard, shards)
		return exitOK
	}
	dir := *out
	if dir == "" {
		dir = p.Experiment + "-batch"
	}
	st, err := batch.OpenStore(dir, p)
	if err != nil {
		fmt.Fprintf(stderr, "parksim batch: %v\n", err)
		var mismatch *batch.PlanMismatchError
		var corrupt *batch.CorruptError
		if errors.As(err, &mismatch) || errors.As(err, &corrupt) {
			return exitBadInput
		}
		return exitInternal
	}

	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	var stopped struct {
		sync.Mutex
		name string
		code int
	}
	onStop(func(name string, code int) {
		stopped.Lock()
		stopped.name, stopped.code = name, code
		stopped.Unlock()
		cancel(errStopped)
	})
	prog := newProgress(stderr, p.Experiment, shard, shards)
	start := time.Now() // wall clock for progress and timing lines only
	ran, err := e.Run(ctx, st, batch.Options{Workers: *workers, Shard: shard, Shards: shards, Resume: *resume, Keep: keep, Progress: prog.update})
	onStop(nil)
	prog.finish()
	if err != nil {
		if errors.Is(err, errStopped) {
			stopped.Lock()
			defer stopped.Unlock()
			resumeCmd := "parksim batch " + strings.Join(args, " ")
			if !*resume {
				resumeCmd += " --resume"
			}
			fmt.Fprintf(stderr, "parksim: stopped by %s: %d units ran, and every unit finished is in %s; `%s` runs the rest\n",
				stopped.name, ran, filepath.Join(dir, "units"), resumeCmd)
			return stopped.code
		}
		fmt.Fprintf(stderr, "parksim batch: %v\n", err)
		return exitInternal
	}
	elapsed := time.Since(start)
	if shards > 1 {
		fmt.Fprintf(stdout, "shard %d of %d: %d units run into %s in %s; when every shard is done, `parksim merge %s` writes the report\n",
			shard, shards, ran, filepath.Join(dir, "units"), elapsed.Round(time.Second), dir)
		return exitOK
	}
	if ran > 0 {
		w := min(*workers, ran)
		fmt.Fprintf(stderr, "ran %d units in %s on %d %s (a unit every %.2fs)\n", ran, elapsed.Round(100*time.Millisecond),
			w, plural(w, "worker", "workers"), elapsed.Seconds()/float64(ran))
	}
	return reportBatch(stdout, stderr, "batch", p, []string{dir}, dir)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// errStopped is the cause a signal cancels a batch with.
var errStopped = errors.New("stopped by a signal")

// shardOf works out this process's shard from the flags and the cluster
// engines' variables; shards is 0 when the batch is not split.
func shardOf(indexSet bool, index, count int) (shard, shards int, err error) {
	if count == 0 {
		if indexSet {
			return 0, 0, errors.New("--shard-index needs --shard-count: say how many shards there are")
		}
		return 0, 0, nil
	}
	if count < 1 {
		return 0, 0, fmt.Errorf("--shard-count must be 1 or more, got %d", count)
	}
	from := "--shard-index"
	if !indexSet {
		index = -1
		for _, v := range []struct{ name, min string }{{"JOB_COMPLETION_INDEX", ""}, {"SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_MIN"}} {
			s, ok := os.LookupEnv(v.name)
			if !ok {
				continue
			}
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return 0, 0, fmt.Errorf("%s=%q is not a shard index", v.name, s)
			}
			if m, ok := os.LookupEnv(v.min); ok && v.min != "" {
				lo, err := strconv.Atoi(strings.TrimSpace(m))
				if err != nil {
					return 0, 0, fmt.Errorf("%s=%q is not a number", v.min, m)
				}
				n -= lo
			}
			index, from = n, v.name
			break
		}
		if index < 0 && from == "--shard-index" {
			return 0, 0, errors.New("--shard-count needs this shard's index: give --shard-index, or run as a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) or a Slurm array (SLURM_ARRAY_TASK_ID)")
		}
	}
	if index < 0 || index >= count {
		return 0, 0, fmt.Errorf("shard index %d (from %s) is outside 0..%d for --shard-count %d", index, from, count-1, count)
	}
	return index, count, nil
}

// printPlan prints a plan: what is compared and every unit (of this
// shard, when sharded).
func printPlan(w io.Writer, p *batch.Plan, shard, shards int) {
	fmt.Fprintf(w, "experiment %s\nplan %s\n", p.Experiment, p.Hash)
	if p.Description != "" {
		fmt.Fprintf(w, "%s\n", p.Description)
	}
	if r := p.Replications; r.Count > 0 {
		fmt.Fprintf(w, "replications: %d (seeds %d to %d, the same for every alternative)\n", r.Count, p.FirstSeed, p.FirstSeed+uint64(r.Count)-1)
	} else {
		target := strconv.FormatFloat(r.HalfWidth, 'g', -1, 64)
		if r.Relative {
			target = strconv.FormatFloat(r.HalfWidth*100, 'g', -1, 64) + "% of the mean"
		}
		fmt.Fprintf(w, "replications: from %d, in rounds until every interval is within ±%s, at most %d (seeds from %d)\n", r.Min, target, r.Max, p.FirstSeed)
	}
	fmt.Fprintf(w, "alternatives: %d\n", len(p.Alternatives))
	for _, a := range p.Alternatives {
		base := "baseline"
		if a.Baseline != a.ID {
			base = "against " + a.Baseline
		}
		fmt.Fprintf(w, "  %-44s %s\n", a.ID, base)
	}
	fmt.Fprintf(w, "metrics: %s\n", strings.Join(p.Metrics, ", "))
	for _, g := range p.Gates {
		fmt.Fprintf(w, "gate: %s %s %s (%s)\n", g.Metric, g.Rule, gateLimit(g), g.At)
	}
	units := p.Units(0, p.Reps())
	if shards > 1 {
		fmt.Fprintf(w, "units of shard %d of %d:\n", shard, shards)
	} else {
		fmt.Fprintf(w, "units: %d\n", len(units))
	}
	for k, u := range units {
		if shards > 1 && k%shards != shard {
			continue
		}
		fmt.Fprintf(w, "  %s seed %d\n", u.ID, u.Seed)
	}
}

func gateLimit(g batch.Gate) string {
	if g.Relative {
		return strconv.FormatFloat(g.Limit*100, 'g', -1, 64) + "%"
	}
	return strconv.FormatFloat(g.Limit, 'g', -1, 64)
}

func mergeCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	out := fs.String("out", "", "")
	pos, code, done := parseFlags(fs, mergeUsage, args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) == 0 {
		return badArgs(stderr, "merge", mergeUsage, "name at least one batch folder")
	}
	p, err := batch.MergePlans(pos)
	if err != nil {
		fmt.Fprintf(stderr, "parksim merge: %v\n", err)
		return exitBadInput
	}
	dir := *out
	if dir == "" {
		dir = pos[0]
	}
	return reportBatch(stdout, stderr, "merge", p, pos, dir)
}

// reportBatch reads a plan's outcomes from dirs, writes the report into
// out/report and prints the comparison.
func reportBatch(stdout, stderr io.Writer, cmd string, p *batch.Plan, dirs []string, out string) int {
	outs, missing, err := batch.Collect(p, dirs, 0)
	if err != nil {
		fmt.Fprintf(stderr, "parksim %s: %v\n", cmd, err)
		var corrupt *batch.CorruptError
		if errors.As(err, &corrupt) {
			return exitBadInput
		}
		return exitInternal
	}
	if len(missing) > 0 {
		shown := missing
		more := ""
		if len(shown) > 20 {
			more = fmt.Sprintf("\n  and %d more", len(shown)-20)
			shown = shown[:20]
		}
		fmt.Fprintf(stderr, "parksim %s: %d of the plan's units are in none of %s:\n  %s%s\n", cmd, len(missing), strings.Join(dirs, ", "), strings.Join(shown, "\n  "), more)
		return exitInternal
	}
	a, err := batch.Analyze(p, outs)
	if err != nil {
		fmt.Fprintf(stderr, "parksim %s: %v\n", cmd, err)
		return exitInternal
	}
	od, err := beginOutDirOf(filepath.Join(out, "report"), isReportName)
	if err == nil {
		err = writeReport(od, a)
		if err != nil {
			od.abort()
		}
	}
	if err != nil {
		if errors.Is(err, errInterrupted) {
			waitForSignalExit()
		}
		fmt.Fprintf(stderr, "parksim %s: %v\n", cmd, err)
		var bad *badOutDirError
		if errors.As(err, &bad) {
			return exitBadInput
		}
		return exitInternal
	}
	if err := a.PrintTable(stdout); err != nil {
		return exitInternal
	}
	fmt.Fprintf(stdout, "report: %s\n", filepath.Join(out, "report", "report.md"))
	if failed := a.Failed(); len(failed) > 0 {
		for _, v := range failed {
			fmt.Fprintln(stderr, v.Message)
		}
		return exitInternal
	}
	return exitOK
}

// isReportName says whether a file is one a batch's report/ holds.
func isReportName(name string) bool {
	switch name {
	case "report.md", "report.json", "runs.csv":
		return true
	}
	ext := filepath.Ext(name)
	return ext == ".png" || ext == ".svg"
}

// writeReport writes a batch's report files and puts them in place
// together.
func writeReport(od *outDir, a *batch.Analysis) error {
	files := []struct {
		name string
		fill func(io.Writer) error
	}{
		{"report.md", a.WriteMarkdown},
		{"report.json", a.WriteJSON},
		{"runs.csv", a.WriteRunsCSV},
	}
	for _, f := range files {
		if err := od.write(f.name, f.fill); err != nil {
			return err
		}
	}
	for _, pl := range a.Plots() {
		if err := od.write(pl.Stem+".png", pl.WritePNG); err != nil {
			return err
		}
		if err := od.write(pl.Stem+".svg", pl.WriteSVG); err != nil {
			return err
		}
	}
	return od.commit()
}

// progress shows a batch's progress on stderr: a bar with the time left on
// a terminal, otherwise a plain line at most every ten seconds and at the
// end.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	label string
	bar   *progressbar.ProgressBar
	start time.Time
	last  time.Time
	done  int
	total int
}

func newProgress(w io.Writer, name string, shard, shards int) *progress {
	label := name
	if shards > 1 {
		label = fmt.Sprintf("%s, shard %d of %d", name, shard, shards)
	}
	return &progress{w: w, label: label, start: time.Now()}
}

// isTerminal says whether w is the program's stderr on a terminal.
func isTerminal(w io.Writer) bool {
	if ew, ok := w.(*errWriter); ok {
		w = ew.w
	}
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func (pr *progress) update(done, total int) {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	pr.done = done
	if total != pr.total && pr.bar != nil {
		pr.bar.ChangeMax(total)
	}
	pr.total = total
	if isTerminal(pr.w) {
		if pr.bar == nil {
			pr.bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(pr.w), progressbar.OptionSetDescription(pr.label),
				progressbar.OptionShowCount(), progressbar.OptionSetItsString("units"), progressbar.OptionShowIts(),
				progressbar.OptionSetPredictTime(true), progressbar.OptionSetWidth(30), progressbar.OptionThrottle(200*time.Millisecond),
				progressbar.OptionClearOnFinish())
		}
		pr.bar.Set(done)
		return
	}
	now := time.Now()
	if now.Sub(pr.last) < 10*time.Second && done < total {
		return
	}
	if pr.last.IsZero() && done == 0 {
		pr.last = now
		fmt.Fprintf(pr.w, "%s: %d units to run\n", pr.label, total)
		return
	}
	pr.last = now
	elapsed := now.Sub(pr.start)
	left := ""
	if done > 0 && done < total {
		left = fmt.Sprintf(", about %s left", (elapsed * time.Duration(total-done) / time.Duration(done)).Round(time.Second))
	}
	fmt.Fprintf(pr.w, "%s: %d/%d units (%d%%), %s elapsed%s\n", pr.label, done, total, 100*done/max(total, 1), elapsed.Round(time.Second), left)
}

func (pr *progress) finish() {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	if pr.bar != nil {
		pr.bar.Finish()
		fmt.Fprintln(pr.w)
	}
}
