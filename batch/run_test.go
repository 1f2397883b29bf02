package batch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

func example(t *testing.T) *Experiment {
	t.Helper()
	e, err := LoadEmbedded("example")
	require.NoError(t, err)
	return e
}

func runInto(t *testing.T, e *Experiment, dir string, opt Options) int {
	t.Helper()
	st, err := OpenStore(dir, e.Plan)
	require.NoError(t, err)
	n, err := e.Run(context.Background(), st, opt)
	require.NoError(t, err)
	return n
}

// unitBytes reads every unit file of a plan from dir.
func unitBytes(t *testing.T, p *Plan, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, u := range p.Units(0, p.Reps()) {
		b, err := os.ReadFile(UnitPath(dir, u.ID))
		require.NoError(t, err, u.ID)
		out[u.ID] = b
	}
	return out
}

// However a batch is split, its units' results are the same bytes.
func TestUnitsDoNotDependOnWorkersOrShards(t *testing.T) {
	e := example(t)
	one, two, sharded := t.TempDir(), t.TempDir(), t.TempDir()
	require.Equal(t, 24, runInto(t, e, one, Options{Workers: 1}))
	require.Equal(t, 24, runInto(t, e, two, Options{Workers: 2}))
	ran := 0
	for i := range 3 {
		ran += runInto(t, e, sharded, Options{Workers: 2, Shard: i, Shards: 3})
	}
	require.Equal(t, 24, ran, "the shards share the units out between them")
	want := unitBytes(t, e.Plan, one)
	require.Equal(t, want, unitBytes(t, e.Plan, two))
	require.Equal(t, want, unitBytes(t, e.Plan, sharded))

	outs, missing, err := Collect(e.Plan, []string{one}, 0)
	require.NoError(t, err)
	require.Empty(t, missing)
	require.Len(t, outs, 24)
	require.Equal(t, "small", outs[0].Summary["scenario"])
	require.EqualValues(t, 8, outs[23].Summary["seed"])
}

func TestAStoppedBatchResumes(t *testing.T) {
	e := example(t)
	whole, part := t.TempDir(), t.TempDir()
	runInto(t, e, whole, Options{Workers: 1})

	st, err := OpenStore(part, e.Plan)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	ran, err := e.Run(ctx, st, Options{Workers: 2, Progress: func(done, total int) {
		if done >= 7 {
			cancel()
		}
	}})
	require.ErrorIs(t, err, context.Canceled)
	require.Less(t, ran, 24)
	_, missing, err := Collect(e.Plan, []string{part}, 0)
	require.NoError(t, err, "a stopped batch leaves only whole unit files")
	require.Len(t, missing, 24-ran)

	rest := runInto(t, e, part, Options{Workers: 2, Resume: true})
	require.Equal(t, 24-ran, rest, "resuming runs only what is missing")
	require.Equal(t, unitBytes(t, e.Plan, whole), unitBytes(t, e.Plan, part))
}

func TestDamagedUnitsAreFoundAndRerun(t *testing.T) {
	e := example(t)
	dir := t.TempDir()
	runInto(t, e, dir, Options{Workers: 2})
	want := unitBytes(t, e.Plan, dir)
	u := e.Plan.Unit(1, 3)
	path := UnitPath(dir, u.ID)
	b := append([]byte(nil), want[u.ID]...)
	i := len(b) / 2
	b[i] ^= 1 // one bit of the summary flipped
	require.NoError(t, os.WriteFile(path, b, 0o644))

	_, _, err := Collect(e.Plan, []string{dir}, 0)
	var corrupt *CorruptError
	require.True(t, errors.As(err, &corrupt), "got %v", err)
	require.Equal(t, path, corrupt.File)

	require.NoError(t, os.WriteFile(path, want[u.ID][:100], 0o644)) // cut short
	_, _, err = Collect(e.Plan, []string{dir}, 0)
	require.True(t, errors.As(err, &corrupt), "got %v", err)

	require.Equal(t, 1, runInto(t, e, dir, Options{Workers: 1, Resume: true}), "resume reruns the damaged unit")
	require.Equal(t, want, unitBytes(t, e.Plan, dir))
}

func TestAFolderOfAnotherPlanIsRefused(t *testing.T) {
	e := example(t)
	dir := t.TempDir()
	_, err := OpenStore(dir, e.Plan)
	require.NoError(t, err)
	other, err := Parse("x.toml", []byte("scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"rides_per_guest\"]\n"))
	require.NoError(t, err)
	_, err = OpenStore(dir, other.Plan)
	var mismatch *PlanMismatchError
	require.True(t, errors.As(err, &mismatch), "got %v", err)

	// An edited plan.json is found out by its hash.
	path := filepath.Join(dir, planFile)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	b[len(b)/2] = ' '
	require.NoError(t, os.WriteFile(path, b, 0o644))
	_, err = ReadPlan(dir)
	require.Error(t, err)
}

func TestMergeFindsMissingUnitsAndOtherPlans(t *testing.T) {
	e := example(t)
	a, b := t.TempDir(), t.TempDir()
	runInto(t, e, a, Options{Workers: 2, Shard: 0, Shards: 2})
	p, err := MergePlans([]string{a})
	require.NoError(t, err)
	_, missing, err := Collect(p, []string{a}, 0)
	require.NoError(t, err)
	require.Len(t, missing, 12)
	require.Equal(t, "small/faster-coaster/static/r001", missing[0], "unit 1 is shard 1's")

	runInto(t, e, b, Options{Workers: 2, Shard: 1, Shards: 2})
	outs, missing, err := Collect(p, []string{a, b}, 0)
	require.NoError(t, err)
	require.Empty(t, missing)
	require.Len(t, outs, 24)

	other, err := Parse("x.toml", []byte("scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"rides_per_guest\"]\n"))
	require.NoError(t, err)
	c := t.TempDir()
	_, err = OpenStore(c, other.Plan)
	require.NoError(t, err)
	_, err = MergePlans([]string{a, c})
	var mismatch *PlanMismatchError
	require.True(t, errors.As(err, &mismatch), "got %v", err)
}

// On the same runs, comparing alternatives seed by seed gives narrower
// intervals than comparing their means: the days of one seed share their
// guests, so much of their spread cancels out. That holds for the figures
// that average over the whole day's guests; a tail figure such as the
// park's p95 wait shares less between two days that differ (on 8 days of
// the small park, pairing gains nothing on it), so it is not asserted.
func TestPairedIntervalsAreNarrowerThanUnpairedOnTheSameRuns(t *testing.T) {
	e := example(t)
	dir := t.TempDir()
	runInto(t, e, dir, Options{Workers: 2})
	outs, missing, err := Collect(e.Plan, []string{dir}, 0)
	require.NoError(t, err)
	require.Empty(t, missing)
	a, err := Analyze(e.Plan, outs)
	require.NoError(t, err)
	averages := []string{"wait_minutes.mean", "rides_per_guest", "entry.wait_minutes.mean"}
	compared := 0
	for _, m := range a.Metrics {
		if !slices.Contains(averages, m.Metric) {
			continue
		}
		for _, c := range m.Comparisons {
			require.NotNil(t, c.Diff.CI)
			require.NotNil(t, c.Unpaired)
			alt := e.Plan.Alternatives[c.Alt].ID
			t.Logf("%s %s: paired ±%.4f, unpaired ±%.4f", m.Metric, alt, c.Diff.CI.HalfWidth(), c.Unpaired.HalfWidth())
			require.Less(t, c.Diff.CI.HalfWidth(), c.Unpaired.HalfWidth(), "%s, %s", m.Metric, alt)
			compared++
		}
	}
	require.Equal(t, 6, compared)
	// Where a treatment leaves most of the day alone, pairing cancels most
	// of the spread: the turnstiles change only the morning's entry.
	for _, m := range a.Metrics {
		if m.Metric == "rides_per_guest" || m.Metric == "entry.wait_minutes.mean" {
			c := m.Comparisons[1]
			require.Equal(t, "small/two-turnstiles/static", e.Plan.Alternatives[c.Alt].ID)
			require.Less(t, c.Diff.CI.HalfWidth(), c.Unpaired.HalfWidth()/1.5, m.Metric)
		}
	}
}

// With a target half-width, a batch runs rounds until the intervals are
// narrow enough, and reading its folder back follows the same rounds.
func TestATargetHalfWidthAddsReplications(t *testing.T) {
	e, err := Parse("x.toml", []byte(`scenarios = ["small"]
metrics = ["wait_minutes.mean", "rides_per_guest"]

[replications]
half_width = "0.5%"
metrics = ["wait_minutes.mean"]
min = 4
max = 30

[[variant]]
name = "faster-coaster"
[[variant.attraction]]
id = "mine-coaster"
capacity = "1200/h"
`))
	require.NoError(t, err)
	dir := t.TempDir()
	ran := runInto(t, e, dir, Options{Workers: 2})
	require.Greater(t, ran, 2*4, "the first round was not narrow enough")
	require.Zero(t, ran%2, "every alternative runs the same replications")
	outs, missing, err := Collect(e.Plan, []string{dir}, 0)
	require.NoError(t, err)
	require.Empty(t, missing)
	require.Len(t, outs, ran, "reading the folder back follows the rounds the batch ran")
	reps, done := Needed(e.Plan, outs)
	require.True(t, done || reps <= ran/2, "the batch stopped where the rule says: done, or at the cap")
	a, err := Analyze(e.Plan, outs)
	require.NoError(t, err)
	if ran/2 < 30 {
		for _, est := range a.Metrics[0].Alternatives {
			require.LessOrEqual(t, est.CI.HalfWidth(), 0.005*est.Mean+1e-12, "narrow enough")
		}
	}
	require.Zero(t, runInto(t, e, dir, Options{Workers: 2, Resume: true}), "a resumed batch that is done runs nothing")
}
