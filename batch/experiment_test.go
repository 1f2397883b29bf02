package batch

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestEmbeddedExperimentsParse(t *testing.T) {
	names := Embedded()
	require.Contains(t, names, "example")
	require.Contains(t, names, "second-train")
	require.Contains(t, names, "mobile-order")
	require.Contains(t, names, "breakdown-noon")
	for _, name := range names {
		e, err := LoadEmbedded(name)
		require.NoError(t, err, name)
		require.NotEmpty(t, e.Plan.Description, name)
		require.Len(t, e.Plan.Hash, 64, name)
		require.Len(t, e.days, len(e.Plan.Alternatives))
	}
}

func TestPlanOfTheExample(t *testing.T) {
	e, err := LoadEmbedded("example")
	require.NoError(t, err)
	p := e.Plan
	var ids []string
	for _, a := range p.Alternatives {
		ids = append(ids, a.ID)
		require.Equal(t, "small/base/static", a.Baseline)
	}
	require.Equal(t, []string{"small/base/static", "small/faster-coaster/static", "small/two-turnstiles/static"}, ids)
	units := p.Units(0, p.Reps())
	require.Len(t, units, 3*8)
	require.Equal(t, Unit{ID: "small/faster-coaster/static/r001", Alt: 1, Rep: 0, Seed: 1}, units[1])
	require.Equal(t, Unit{ID: "small/two-turnstiles/static/r008", Alt: 2, Rep: 7, Seed: 8}, units[23])
	require.NotEqual(t, p.Alternatives[0].Fingerprint, p.Alternatives[1].Fingerprint)

	again, err := LoadEmbedded("example")
	require.NoError(t, err)
	require.Equal(t, p.Hash, again.Plan.Hash, "the same experiment has the same plan")
	require.Equal(t, p.Hash, p.hash())
}

func TestSweepPointsAreTreatments(t *testing.T) {
	e, err := LoadEmbedded("mobile-order")
	require.NoError(t, err)
	p := e.Plan
	require.Len(t, p.Alternatives, 4, "a sweep replaces the scenario as written")
	require.Equal(t, "default/mobile_order=50%/static", p.Alternatives[2].ID)
	require.InDelta(t, 0.5, *p.Alternatives[2].SweepValue, 1e-12)
	require.Equal(t, "default/mobile_order=0%/static", p.Alternatives[3].Baseline)
	require.InDelta(t, 0.5, e.days[2].Park.Guests.MobileOrder, 1e-12)
	require.Equal(t, &Sweep{Key: "guests.mobile_order", Labels: []string{"0%", "20%", "50%", "100%"}}, p.Sweep)
}

// The plan's hash follows what the scenarios say, read from their files.
func TestPlanHashFollowsTheScenarioFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
		return path
	}
	write("park.toml", "extends = \"small\"\nname = \"park\"\n")
	exp := write("exp.toml", "scenarios = [\"park.toml\"]\nreplications = 3\nmetrics = [\"rides_per_guest\"]\n")
	e1, err := Open(exp)
	require.NoError(t, err)
	require.Equal(t, "exp", e1.Plan.Experiment, "named after its file")
	require.Equal(t, "park/base/static", e1.Plan.Alternatives[0].ID)
	write("park.toml", "extends = \"small\"\nname = \"park\"\n# a comment changes nothing\n")
	e2, err := Open(exp)
	require.NoError(t, err)
	require.Equal(t, e1.Plan.Hash, e2.Plan.Hash)
	write("park.toml", "extends = \"small\"\nname = \"park\"\nclose = \"18:00\"\n")
	e3, err := Open(exp)
	require.NoError(t, err)
	require.NotEqual(t, e1.Plan.Hash, e3.Plan.Hash)
}

func TestBadExperimentsNameFileLineAndKey(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"unknown key", "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"x\"]\nworkers = 2\n",
			"x.toml:4:1: workers: unknown key"},
		{"no scenarios", "replications = 3\nmetrics = [\"x\"]\n", "x.toml: scenarios: is required"},
		{"no such scenario", "scenarios = [\"nowhere\"]\nreplications = 3\nmetrics = [\"x\"]\n",
			"x.toml:1:14: scenarios[0]: no embedded scenario \"nowhere\""},
		{"bad metric", "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"wait minutes\"]\n",
			"x.toml:3:12: metrics[0]: metric \"wait minutes\": part \"wait minutes\" holds ' '"},
		{"one replication", "scenarios = [\"small\"]\nreplications = 1\nmetrics = [\"x\"]\n",
			"x.toml:2:1: replications: 1 is out of range: it must be from 2 to 10000"},
		{"bad policy", "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"x\"]\npolicies = [\"magic\"]\n",
			"x.toml:4:13: policies[0]: unknown policy \"magic\"; the policies are static, planned, threshold, optimizer, oracle"},
		{"a policy without a roster", "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"rides_per_guest\"]\npolicies = [\"static\", \"optimizer\"]\n",
			"x.toml:4:23: policies[1]: the optimizer policy moves roster members, and the scenario small has no roster ([[staff]])"},
		{"variant key", "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"x\"]\n[[variant]]\nname = \"v\"\n[variant.entry]\nturnstiles = -1\n",
			"x.toml:7:1: variant[0].entry.turnstiles:"},
		{"variant unnamed", "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"x\"]\n[[variant]]\n[variant.entry]\nturnstiles = 2\n",
			"x.toml:4:3: variant[0].name: is required"},
		{"gate without rule", "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"x\"]\n[[gate]]\nmetric = \"x\"\n",
			"x.toml:4:3: gate[0]: needs exactly one of max_rise, max_fall, max, min"},
		{"gate on another metric", "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"x\"]\n[[gate]]\nmetric = \"y\"\nmax = 3\n",
			"x.toml:5:1: gate[0].metric: y is not among the experiment's metrics"},
		{"bad baseline", "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"x\"]\nbaseline = \"nope\"\n",
			"x.toml:4:1: baseline: \"nope\" names no alternative"},
		{"sweep of a missing id", "scenarios = [\"small\"]\nreplications = 3\nmetrics = [\"x\"]\n[sweep]\nkey = \"attraction.nope.capacity\"\nvalues = [\"1/h\", \"2/h\"]\n",
			"x.toml:6:11: sweep.values[0]: the scenario small has no attraction with id \"nope\""},
		{"gates with other problems", "scenarios = [\"nowhere\"]\nreplications = 3\nmetrics = [\"x\"]\n[[gate]]\nmetric = \"x\"\nmax_rise = \"-3%\"\n",
			"x.toml:6:1: gate[0].max_rise: must be 0 or more"},
		{"syntax", "scenarios = [\"small\"\n", "x.toml:1:21: scenarios: expected a comma"},
	} {
		_, err := Parse("x.toml", []byte(c.src))
		require.Error(t, err, c.name)
		require.Contains(t, err.Error(), c.want, c.name)
	}
}

func TestTargetHalfWidthPlans(t *testing.T) {
	e, err := Parse("x.toml", []byte("scenarios = [\"small\"]\nmetrics = [\"rides_per_guest\"]\n[replications]\nhalf_width = \"1%\"\nmax = 40\n"))
	require.NoError(t, err)
	r := e.Plan.Replications
	require.Equal(t, Replications{HalfWidth: 0.01, Relative: true, Min: defaultMinReps, Max: 40}, r)
	require.Equal(t, defaultMinReps, e.Plan.Reps())
	require.Error(t, e.Plan.Sharded(), "a target half-width cannot be sharded")
}

func TestWhatIsNotAnExperimentFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(dir)
	require.ErrorContains(t, err, dir+": is a directory, not a TOML file")
	_, err = Open("/dev/zero")
	require.ErrorContains(t, err, "/dev/zero: is a device, not a TOML file")
	empty := filepath.Join(dir, "empty.toml")
	require.NoError(t, os.WriteFile(empty, nil, 0o644))
	_, err = Open(empty)
	require.ErrorContains(t, err, empty+": scenarios: is required")
	_, err = Open(filepath.Join(dir, "missing.toml"))
	require.ErrorContains(t, err, "missing.toml: cannot read: no such file or directory")
}
