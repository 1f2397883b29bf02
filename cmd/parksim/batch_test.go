package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// reportJSON reads a batch folder's report.json.
func reportJSON(t *testing.T, dir string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "report", "report.json"))
	require.NoError(t, err)
	return b
}

// The embedded example gives the same report.json on one worker, on two,
// and as three shards merged.
func TestBatchReportIsTheSameHoweverItRuns(t *testing.T) {
	dir := t.TempDir()
	one, two, shards := filepath.Join(dir, "one"), filepath.Join(dir, "two"), filepath.Join(dir, "shards")
	r := mustRun(t, "batch", "example", "--workers", "1", "--out", one)
	require.Contains(t, r.stdout, "wait_minutes.p95")
	require.Contains(t, r.stdout, "report: "+filepath.Join(one, "report", "report.md"))
	mustRun(t, "batch", "example", "--workers", "2", "--out", two)
	for i := range 3 {
		r := mustRun(t, "batch", "example", "--out", shards, "--shard-count", "3", "--shard-index", string(rune('0'+i)))
		require.Contains(t, r.stdout, "parksim merge "+shards)
		require.NoDirExists(t, filepath.Join(shards, "report"), "a shard writes no report")
	}
	mustRun(t, "merge", shards)

	want := reportJSON(t, one)
	require.Equal(t, string(want), string(reportJSON(t, two)))
	require.Equal(t, string(want), string(reportJSON(t, shards)))
	for _, f := range []string{"report.md", "runs.csv"} {
		a, err := os.ReadFile(filepath.Join(one, "report", f))
		require.NoError(t, err)
		b, err := os.ReadFile(filepath.Join(shards, "report", f))
		require.NoError(t, err)
		require.Equal(t, string(a), string(b), f)
	}
	entries, err := os.ReadDir(filepath.Join(one, "report"))
	require.NoError(t, err)
	var png, svg int
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".png":
			png++
		case ".svg":
			svg++
		}
	}
	require.Positive(t, png)
	require.Equal(t, png, svg, "every plot as PNG and SVG")
}

func TestShardIndexFromTheClusterEngines(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("JOB_COMPLETION_INDEX", "2")
	r := mustRun(t, "batch", "example", "--plan", "--shard-count", "3")
	require.Contains(t, r.stdout, "units of shard 2 of 3:")
	require.Contains(t, r.stdout, "small/two-turnstiles/static/r001 seed 1", "unit 2 is shard 2's")
	require.NotContains(t, r.stdout, "small/base/static/r001 seed 1")
	os.Unsetenv("JOB_COMPLETION_INDEX")

	t.Setenv("SLURM_ARRAY_TASK_ID", "4")
	t.Setenv("SLURM_ARRAY_TASK_MIN", "3")
	r = mustRun(t, "batch", "example", "--plan", "--shard-count", "3")
	require.Contains(t, r.stdout, "units of shard 1 of 3:", "a Slurm array counts from its first task")

	r = invoke("batch", "example", "--shard-count", "3", "--shard-index", "3", "--out", dir)
	require.Equal(t, exitBadInput, r.code)
	require.Contains(t, r.stderr, "shard index 3 (from --shard-index) is outside 0..2")
	os.Unsetenv("SLURM_ARRAY_TASK_ID")
	r = invoke("batch", "example", "--shard-count", "3", "--out", dir)
	require.Equal(t, exitBadInput, r.code)
	require.Contains(t, r.stderr, "--shard-count needs this shard's index")
	r = invoke("batch", "example", "--shard-index", "1", "--out", dir)
	require.Equal(t, exitBadInput, r.code)
	require.Contains(t, r.stderr, "--shard-index needs --shard-count")
}

func TestPlanListsEveryUnit(t *testing.T) {
	r := mustRun(t, "batch", "example", "--plan")
	require.Contains(t, r.stdout, "experiment example\nplan ")
	require.Contains(t, r.stdout, "units: 24\n")
	require.Contains(t, r.stdout, "  small/faster-coaster/static                  against small/base/static\n")
	require.Contains(t, r.stdout, "  small/two-turnstiles/static/r008 seed 8\n")
}

func writeExperiment(t *testing.T, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "exp.toml")
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	return path
}

func TestABadExperimentIsBadInput(t *testing.T) {
	path := writeExperiment(t, "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"rides_per_guest\"]\n\n[[variant]]\nname = \"slow\"\n[[variant.attraction]]\nid = \"mine-coaster\"\ncapacity = \"fast\"\n")
	out := filepath.Join(t.TempDir(), "out")
	r := invoke("batch", path, "--out", out)
	require.Equal(t, exitBadInput, r.code, r.stderr)
	require.Contains(t, r.stderr, path+":9:1: variant[0].attraction[0].capacity:")
	require.NoDirExists(t, out, "nothing is written for a bad experiment")

	r = invoke("batch", "no-such-experiment")
	require.Equal(t, exitBadInput, r.code)
	require.Contains(t, r.stderr, `no embedded experiment "no-such-experiment"; the embedded experiments are`)
}

func TestAGateThatShouldFailFails(t *testing.T) {
	path := writeExperiment(t, `scenarios = ["small"]
replications = 6
metrics = ["wait_minutes.p95"]

[[variant]]
name = "slow-coaster"
[[variant.attraction]]
id = "mine-coaster"
capacity = "400/h"

[[gate]]
metric = "wait_minutes.p95"
max_rise = "2%"
`)
	out := filepath.Join(t.TempDir(), "out")
	r := invoke("batch", path, "--out", out)
	require.Equal(t, exitInternal, r.code, r.stderr)
	require.Contains(t, r.stderr, "gate failed: wait_minutes.p95 rose")
	require.Contains(t, r.stderr, "small/slow-coaster/static")
	require.Contains(t, r.stderr, path+":11")
	require.FileExists(t, filepath.Join(out, "report", "report.md"), "the report is written all the same")
}

func TestAFolderOfAnotherPlanIsRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, "batch", "example", "--out", out)
	path := writeExperiment(t, "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"rides_per_guest\"]\n")
	r := invoke("batch", path, "--out", out)
	require.Equal(t, exitBadInput, r.code)
	require.Contains(t, r.stderr, "holds the results of another plan")
}

func TestMergeNamesMissingUnits(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "shards")
	mustRun(t, "batch", "example", "--out", dir, "--shard-count", "3", "--shard-index", "0")
	mustRun(t, "batch", "example", "--out", dir, "--shard-count", "3", "--shard-index", "2")
	r := invoke("merge", dir)
	require.Equal(t, exitInternal, r.code)
	require.Contains(t, r.stderr, "8 of the plan's units are in none of "+dir)
	require.Contains(t, r.stderr, "small/faster-coaster/static/r001")

	r = invoke("merge", t.TempDir())
	require.Equal(t, exitBadInput, r.code)
	require.Contains(t, r.stderr, "holds no plan.json")
}

// A batch killed part-way, by SIGINT or outright, finishes with --resume,
// and its report is the uninterrupted one's.
func TestAResumedBatchGivesTheSameReport(t *testing.T) {
	exp := writeExperiment(t, `scenarios = ["default"]
replications = 2
metrics = ["wait_minutes.p95", "rides_per_guest"]

[[variant]]
name = "faster-coaster"
[[variant.attraction]]
id = "space-coaster"
capacity = "2160/h"
`)
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	mustRun(t, "batch", exp, "--workers", "2", "--out", whole)
	want := reportJSON(t, whole)

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGKILL} {
		out := filepath.Join(dir, "stopped-"+sig.String())
		cmd := program(t, nil, "batch", exp, "--workers", "1", "--out", out)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		require.NoError(t, cmd.Start())
		t.Cleanup(func() { cmd.Process.Kill() })
		deadline := time.Now().Add(2 * time.Minute)
		for {
			units, _ := filepath.Glob(filepath.Join(out, "units", "*.json"))
			if len(units) >= 1 {
				break
			}
			require.True(t, time.Now().Before(deadline), "no unit finished: %s", stderr.String())
			time.Sleep(20 * time.Millisecond)
		}
		require.NoError(t, cmd.Process.Signal(sig))
		err := cmd.Wait()
		_, exited := err.(*exec.ExitError)
		require.True(t, exited, "%v", err)
		if sig == syscall.SIGINT {
			require.Equal(t, 130, cmd.ProcessState.ExitCode(), stderr.String())
			require.Contains(t, stderr.String(), "parksim: stopped by SIGINT:")
			require.Contains(t, stderr.String(), "--resume` runs the rest")
		}
		units, _ := filepath.Glob(filepath.Join(out, "units", "*.json"))
		require.Less(t, len(units), 4, "stopped part-way")
		require.NoDirExists(t, filepath.Join(out, "report"))

		r := mustRun(t, "batch", exp, "--workers", "2", "--out", out, "--resume")
		require.Equal(t, string(want), string(reportJSON(t, out)), "resumed after %v", sig)
		require.Contains(t, r.stderr, "ran ")
	}
}

// A disk that fills up stops the batch with a message and exit 1: while
// units are written, the units written whole stay and no half-written one
// is left; while the report is written, the report folder is not made.
func TestABatchOnAFullDiskFails(t *testing.T) {
	for _, c := range []struct {
		limit string // bytes a file may have
		where string
	}{
		{"4000", "units"},   // a unit of the small park is some 7 KB
		{"10000", "report"}, // its report.json is some 15 KB
	} {
		out := filepath.Join(t.TempDir(), "out")
		cmd := program(t, []string{fileMaxEnv + "=" + c.limit}, "batch", "example", "--workers", "1", "--out", out)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, stderr.String())
		require.Equal(t, exitInternal, exit.ExitCode(), stderr.String())
		require.Contains(t, stderr.String(), "parksim batch: writing "+filepath.Join(out, c.where), c.where)
		require.Contains(t, stderr.String(), "file too large")
		require.NoDirExists(t, filepath.Join(out, "report"))
		leftovers, _ := filepath.Glob(filepath.Join(out, "units", ".*"))
		require.Empty(t, leftovers, "no half-written unit file is left behind")
		leftovers, _ = filepath.Glob(filepath.Join(out, ".report*"))
		require.Empty(t, leftovers, "no half-written report is left behind")
	}
}
