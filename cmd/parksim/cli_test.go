package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"parksim/scenarios"
)

// outputFiles are the files `run --out DIR` writes, sorted.
var outputFiles = []string{"attractions.csv", "staff.csv", "summary.json", "taps.csv", "timeseries.csv"}

// result is what one in-process invocation of the program produced.
type result struct {
	code           int
	stdout, stderr string
}

func invoke(args ...string) result {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return result{code, stdout.String(), stderr.String()}
}

// mustRun invokes the program and requires it to succeed.
func mustRun(t *testing.T, args ...string) result {
	t.Helper()
	r := invoke(args...)
	require.Equal(t, exitOK, r.code, "parksim %s\nstderr:\n%s", strings.Join(args, " "), r.stderr)
	return r
}

// dirNames lists the names in dir, sorted; a missing dir lists as empty.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names // os.ReadDir sorts by name
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}

// decodeSummary decodes summary.json keeping numbers as json.Number, so that
// a test can tell whole numbers from fractions.
func decodeSummary(t *testing.T, path string) map[string]any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(readFile(t, path)))
	dec.UseNumber()
	var m map[string]any
	require.NoError(t, dec.Decode(&m), "%s is not a JSON object", path)
	return m
}

// field returns m[key], failing the test when it is missing.
func field(t *testing.T, m map[string]any, where, key string) any {
	t.Helper()
	v, ok := m[key]
	require.True(t, ok, "%s has no key %q; it has %v", where, key, mapKeys(m))
	return v
}

func mapKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func wantString(t *testing.T, m map[string]any, where, key string) string {
	t.Helper()
	s, ok := field(t, m, where, key).(string)
	require.True(t, ok, "%s.%s must be a string, not %T", where, key, m[key])
	return s
}

func jsonNumber(t *testing.T, m map[string]any, where, key string) json.Number {
	t.Helper()
	n, ok := field(t, m, where, key).(json.Number)
	require.True(t, ok, "%s.%s must be a number, not %T", where, key, m[key])
	return n
}

func wantNumber(t *testing.T, m map[string]any, where, key string) float64 {
	t.Helper()
	x, err := jsonNumber(t, m, where, key).Float64()
	require.NoError(t, err)
	return x
}

func wantInt(t *testing.T, m map[string]any, where, key string) int64 {
	t.Helper()
	i, err := jsonNumber(t, m, where, key).Int64()
	require.NoError(t, err, "%s.%s must be a whole number", where, key)
	return i
}

func wantObject(t *testing.T, m map[string]any, where, key string) map[string]any {
	t.Helper()
	o, ok := field(t, m, where, key).(map[string]any)
	require.True(t, ok, "%s.%s must be an object, not %T", where, key, m[key])
	return o
}

// wantWaits checks a wait_minutes object: mean, p50 and p95, none negative.
func wantWaits(t *testing.T, w map[string]any, where string) {
	t.Helper()
	for _, k := range []string{"mean", "p50", "p95"} {
		assert.GreaterOrEqual(t, wantNumber(t, w, where, k), 0.0, "%s.%s", where, k)
	}
}

func TestRunDeterministicOutputs(t *testing.T) {
	tmp := t.TempDir()
	// Nested and missing: --out creates it.
	d1 := filepath.Join(tmp, "d1", "nested")
	d2 := filepath.Join(tmp, "d2")
	d3 := filepath.Join(tmp, "d3")
	first := mustRun(t, "run", "small", "--seed", "7", "--out", d1)
	second := mustRun(t, "run", "small", "--seed", "7", "--out", d2)
	mustRun(t, "run", "small", "--seed", "8", "--out", d3)

	assert.Equal(t, first.stdout, second.stdout, "same scenario and seed, different human summary")
	for _, dir := range []string{d1, d2, d3} {
		// Exactly the output files: no temporary or dot-files left behind.
		require.Equal(t, outputFiles, dirNames(t, dir), "files in --out %s", dir)
	}
	for _, name := range outputFiles {
		a, b := readFile(t, filepath.Join(d1, name)), readFile(t, filepath.Join(d2, name))
		require.NotEmpty(t, a, name)
		assert.True(t, bytes.Equal(a, b), "seed 7 twice gave different %s", name)
	}
	assert.False(t, bytes.Equal(readFile(t, filepath.Join(d1, "summary.json")), readFile(t, filepath.Join(d3, "summary.json"))),
		"seeds 7 and 8 gave the same summary.json")

	for _, name := range []string{"attractions.csv", "timeseries.csv"} {
		records, err := csv.NewReader(bytes.NewReader(readFile(t, filepath.Join(d1, name)))).ReadAll()
		require.NoError(t, err, "%s is not CSV", name)
		assert.GreaterOrEqual(t, len(records), 2, "%s needs a header and at least one row", name)
	}

	s := decodeSummary(t, filepath.Join(d1, "summary.json"))
	assert.Equal(t, "small", wantString(t, s, "summary", "scenario"))
	assert.Equal(t, int64(7), wantInt(t, s, "summary", "seed"))
	assert.Positive(t, wantInt(t, s, "summary", "guests"))
	assert.Positive(t, wantNumber(t, s, "summary", "rides_per_guest"))
	assert.Positive(t, wantInt(t, s, "summary", "events"))
	wantWaits(t, wantObject(t, s, "summary", "wait_minutes"), "summary.wait_minutes")

	list, ok := field(t, s, "summary", "attractions").([]any)
	require.True(t, ok, "summary.attractions must be an array, not %T", s["attractions"])
	small, err := scenarios.LoadEmbedded("small")
	require.NoError(t, err)
	var wantIDs, gotIDs []string
	for _, a := range small.Park.Attractions {
		wantIDs = append(wantIDs, a.ID)
	}
	for i, v := range list {
		where := fmt.Sprintf("summary.attractions[%d]", i)
		a, ok := v.(map[string]any)
		require.True(t, ok, "%s must be an object, not %T", where, v)
		gotIDs = append(gotIDs, wantString(t, a, where, "id"))
		assert.GreaterOrEqual(t, wantInt(t, a, where, "riders"), int64(0), where+".riders")
		wantWaits(t, wantObject(t, a, where, "wait_minutes"), where+".wait_minutes")
	}
	assert.ElementsMatch(t, wantIDs, gotIDs, "one summary.attractions entry per attraction of small")
}

// One of two tests that run the default scenario (TestOutStreamsLargeFiles
// is the other): it takes most of a second.
func TestRunWithoutScenarioRunsDefault(t *testing.T) {
	r := invoke("run")
	require.Equal(t, exitOK, r.code, "stderr:\n%s", r.stderr)
	assert.Contains(t, r.stdout, "default")
}

func TestRunFlagsBeforeOrAfterScenario(t *testing.T) {
	orders := [][]string{
		{"small", "--seed", "3"},
		{"--seed", "3", "small"},
		{"small", "--seed=3"},
		{"-seed", "3", "small"},
	}
	var want string
	for i, args := range orders {
		out := filepath.Join(t.TempDir(), "out")
		r := mustRun(t, append(append([]string{"run"}, args...), "--out", out)...)
		// The seed must have taken effect, not merely been ignored everywhere.
		s := decodeSummary(t, filepath.Join(out, "summary.json"))
		assert.Equal(t, int64(3), wantInt(t, s, "summary", "seed"), "run %v", args)
		assert.Equal(t, "small", wantString(t, s, "summary", "scenario"), "run %v", args)
		if i == 0 {
			want = r.stdout
			continue
		}
		assert.Equal(t, want, r.stdout, "run %v and run %v differ", orders[0], args)
	}
}

func TestBadInput(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.toml")
	tests := []struct {
		name       string
		args       []string
		wantStderr []string // each must appear on stderr
	}{
		{"no command", nil, []string{"Usage"}},
		{"unknown command", []string{"frobnicate"}, []string{"unknown command", "frobnicate", "Usage"}},
		{"seed not a number", []string{"run", "--seed", "x"}, []string{"seed", `"x"`}},
		{"negative seed", []string{"run", "small", "--seed", "-1"}, []string{"seed", "-1"}},
		{"unknown flag", []string{"run", "--bogus"}, []string{"bogus"}},
		{"unknown flag after scenario", []string{"run", "small", "--bogus"}, []string{"bogus"}},
		{"flag without value", []string{"run", "small", "--out"}, []string{"out"}},
		{"unknown scenario", []string{"run", "nosuchscenario"}, append([]string{"nosuchscenario"}, scenarios.Embedded()...)},
		{"two scenarios", []string{"run", "a", "b"}, []string{"Usage: parksim run"}},
		{"validate without file", []string{"validate"}, []string{"Usage: parksim validate"}},
		{"validate missing file", []string{"validate", missing}, []string{missing}},
		{"validate unknown flag", []string{"validate", "--bogus", "small"}, []string{"bogus"}},
		{"scenarios with argument", []string{"scenarios", "extra"}, []string{"Usage: parksim scenarios"}},
		{"help on an unknown command", []string{"help", "frobnicate"}, []string{"unknown command", "frobnicate", "Usage"}},
		{"help on two commands", []string{"help", "run", "validate"}, []string{"Usage: parksim help"}},
		{"out with an empty value", []string{"run", "small", "--out="}, []string{"-out", "name a directory"}},
		{"out with an empty value before the scenario", []string{"run", "--out", "", "small"}, []string{"-out", "name a directory"}},
		{"outputs without out", []string{"run", "small", "--outputs", "summary"}, []string{"--outputs", "--out"}},
		{"outputs unknown", []string{"run", "small", "--out", missing, "--outputs", "summary,tap"}, []string{`"tap"`, "summary, attractions, timeseries, staff, taps"}},
		{"outputs empty", []string{"run", "small", "--out", missing, "--outputs="}, []string{"-outputs", "empty"}},
		{"outputs with an empty name", []string{"run", "small", "--out", missing, "--outputs", "summary,,taps"}, []string{"-outputs", "empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := invoke(tt.args...)
			assert.Equal(t, exitBadInput, r.code, "parksim %q\nstderr:\n%s", tt.args, r.stderr)
			for _, want := range tt.wantStderr {
				assert.Contains(t, r.stderr, want, "parksim %q", tt.args)
			}
			assert.Empty(t, r.stdout, "problems belong on stderr")
		})
	}
}

// badScenario is small.toml with five problems (the typo also leaves the
// required vehicle_capacity missing). Some keys are indented so that the
// column is checked too.
const badScenario = `# small with mistakes
name = "bad"
open = "09:00"
close = "17:00"

[[zone]]
id = "gate"
at = [0, -150]

[[zone]]
id = "plaza"
at = [0, 0]

[[zone]]
id = "west"
at = [-180, 60]

[[zone]]
id = "east"
at = [180, 60]

[[path]]
from = "gate"
to = "plaza"

[[path]]
from = "plaza"
to = "west"

[[path]]
from = "plaza"
  to = "lagoon"

[[path]]
from = "west"
to = "east"
length = "420m"

[entry]
zone = "gate"
turnstiles = 4

[[attraction]]
id = "mine-coaster"
zone = "west"
vehicle_capacty = 24
capacity = "800/h"
ride_time = "3m"

[[attraction]]
id = "river-boats"
zone = "west"
  vehicle_capacity = -3
capacity = "900/h"
ride_time = "8m"

[[attraction]]
id = "star-coaster"
zone = "east"
vehicle_capacity = 12
capacity = "600/h"
    ride_time = "12 minutes"

[[attraction]]
id = "carousel"
zone = "plaza"
vehicle_capacity = 60
dispatch_every = "4m"
ride_time = "2m30s"

[arrivals]
guests = 300
from = "08:30"
hourly = [8, 20, 18, 12, 8, 5, 3]
`

// posOf returns the 1-based line and column where the nth (from 0)
// occurrence of needle starts in src.
func posOf(t *testing.T, src, needle string, nth int) (line, col int) {
	t.Helper()
	off := 0
	for range nth + 1 {
		i := strings.Index(src[off:], needle)
		require.GreaterOrEqual(t, i, 0, "occurrence %d of %q", nth, needle)
		off += i + len(needle)
	}
	start := off - len(needle)
	line = strings.Count(src[:start], "\n") + 1
	col = start - (strings.LastIndex(src[:start], "\n") + 1) + 1
	return line, col
}

type wantProblem struct {
	prefix  string // file:line:col: key:
	message string // a fragment of the message
}

// badScenarioProblems writes badScenario into dir and returns its path and
// the problems validation must report.
func badScenarioProblems(t *testing.T, dir string) (string, []wantProblem) {
	t.Helper()
	file := filepath.Join(dir, "bad.toml")
	require.NoError(t, os.WriteFile(file, []byte(badScenario), 0o644))
	at := func(needle string, nth int, key, message string) wantProblem {
		line, col := posOf(t, badScenario, needle, nth)
		return wantProblem{fmt.Sprintf("%s:%d:%d: %s:", file, line, col, key), message}
	}
	return file, []wantProblem{
		at(`to = "lagoon"`, 0, "path[2].to", "lagoon"),
		at("vehicle_capacty", 0, "attraction[0].vehicle_capacty", "unknown key"),
		// A missing key has no line of its own: it is reported at its
		// table, whose key starts after the "[[" of the first header.
		at("attraction]]", 0, "attraction[0].vehicle_capacity", "missing"),
		at("vehicle_capacity = -3", 0, "attraction[1].vehicle_capacity", "-3"),
		at(`ride_time = "12 minutes"`, 0, "attraction[2].ride_time", "12 minutes"),
	}
}

// checkProblems requires stderr to hold exactly one line per wanted problem.
func checkProblems(t *testing.T, stderr string, want []wantProblem) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	assert.Len(t, lines, len(want), "stderr:\n%s", stderr)
	for _, w := range want {
		var found []string
		for _, l := range lines {
			if strings.HasPrefix(l, w.prefix) {
				found = append(found, l)
			}
		}
		if assert.Len(t, found, 1, "want one line starting %q; stderr:\n%s", w.prefix, stderr) {
			assert.Contains(t, found[0], w.message)
		}
	}
}

func TestMalformedScenario(t *testing.T) {
	file, want := badScenarioProblems(t, t.TempDir())

	t.Run("validate", func(t *testing.T) {
		r := invoke("validate", file)
		assert.Equal(t, exitBadInput, r.code)
		assert.Empty(t, r.stdout)
		checkProblems(t, r.stderr, want)
	})
	t.Run("validate with a good file too", func(t *testing.T) {
		r := invoke("validate", "small", file)
		assert.Equal(t, exitBadInput, r.code)
		checkProblems(t, r.stderr, want)
	})
	t.Run("run", func(t *testing.T) {
		out := t.TempDir()
		r := invoke("run", file, "--out", out)
		assert.Equal(t, exitBadInput, r.code)
		assert.Empty(t, r.stdout)
		checkProblems(t, r.stderr, want)
		assert.Empty(t, dirNames(t, out), "a rejected scenario must write nothing")
	})
}

func TestValidateGoodScenarios(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "scenarios", "*.toml"))
	require.NoError(t, err)
	require.NotEmpty(t, files, "no scenario files found beside the program")
	args := append(scenarios.Embedded(), files...)
	cases := [][]string{args} // all at once, then one by one
	for _, a := range args {
		cases = append(cases, []string{a})
	}
	for _, c := range cases {
		t.Run(strings.Join(c, ","), func(t *testing.T) {
			r := invoke(append([]string{"validate"}, c...)...)
			assert.Equal(t, exitOK, r.code, "stderr:\n%s", r.stderr)
			assert.Empty(t, r.stdout)
			assert.Empty(t, r.stderr)
		})
	}
}

func TestRunOutFailures(t *testing.T) {
	t.Run("out under a regular file", func(t *testing.T) {
		tmp := t.TempDir()
		file := filepath.Join(tmp, "file")
		require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
		r := invoke("run", "small", "--out", filepath.Join(file, "out"))
		assert.Equal(t, exitInternal, r.code, "stderr:\n%s", r.stderr)
		assert.Contains(t, r.stderr, file)
		assert.Equal(t, []string{"file"}, dirNames(t, tmp))
	})
	t.Run("out holds a directory named like an output", func(t *testing.T) {
		out := t.TempDir()
		// The whole of DIR is replaced: parksim must not destroy what it
		// did not write, and says so before running the day.
		require.NoError(t, os.Mkdir(filepath.Join(out, "timeseries.csv"), 0o755))
		r := invoke("run", "small", "--out", out)
		assert.Equal(t, exitBadInput, r.code, "stderr:\n%s", r.stderr)
		assert.Contains(t, r.stderr, "timeseries.csv, which parksim did not write")
		assert.NotContains(t, r.stderr, "simulated in", "the day must not run")
		assert.Equal(t, []string{"timeseries.csv"}, dirNames(t, out))
		assert.Len(t, dirNames(t, filepath.Dir(out)), 1, "no temporary directory beside DIR")
	})
	t.Run("outputs are readable by everyone", func(t *testing.T) {
		out := t.TempDir()
		mustRun(t, "run", "small", "--out", out)
		for _, name := range dirNames(t, out) {
			st, err := os.Stat(filepath.Join(out, name))
			require.NoError(t, err)
			assert.Equal(t, os.FileMode(0o644), st.Mode().Perm(), name)
		}
	})
}

func TestScenariosListsEmbedded(t *testing.T) {
	r := mustRun(t, "scenarios")
	assert.Empty(t, r.stderr)
	firstWords := map[string]int{}
	for _, line := range strings.Split(r.stdout, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			firstWords[f[0]]++
		}
	}
	names := scenarios.Embedded()
	require.NotEmpty(t, names)
	for _, name := range names {
		assert.Equal(t, 1, firstWords[name], "scenario %q must have one line; stdout:\n%s", name, r.stdout)
	}
}

func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"help"}, []string{"Usage", "run", "scenarios", "validate"}},
		{[]string{"--help"}, []string{"Usage", "run", "scenarios", "validate"}},
		{[]string{"-h"}, []string{"Usage", "run", "scenarios", "validate"}},
		{[]string{"help", "run"}, []string{"Usage: parksim run", "--seed", "--out"}},
		{[]string{"run", "--help"}, []string{"Usage: parksim run", "--seed", "--out"}},
		{[]string{"run", "small", "--help"}, []string{"Usage: parksim run"}},
		{[]string{"help", "validate"}, []string{"Usage: parksim validate"}},
		{[]string{"validate", "--help"}, []string{"Usage: parksim validate"}},
		{[]string{"help", "scenarios"}, []string{"Usage: parksim scenarios"}},
		{[]string{"scenarios", "--help"}, []string{"Usage: parksim scenarios"}},
		{[]string{"help", "help"}, []string{"Usage: parksim help"}},
		{[]string{"help", "--help"}, []string{"Usage: parksim help"}},
		{[]string{"help", "run"}, []string{"--outputs", "summary", "attractions", "timeseries", "staff", "taps"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := invoke(tt.args...)
			assert.Equal(t, exitOK, r.code)
			for _, w := range tt.want {
				assert.Contains(t, r.stdout, w)
			}
			// Nothing on stderr: in particular --help runs no simulation.
			assert.Empty(t, r.stderr)
		})
	}
	for _, c := range []string{"run", "validate", "scenarios", "help"} {
		assert.Equal(t, invoke("help", c).stdout, invoke(c, "--help").stdout, "help %s and %s --help differ", c, c)
	}
}

// With the band system on, the tap log and the band figures are as
// deterministic as the rest: same seed, same bytes.
func TestBandDayIsDeterministic(t *testing.T) {
	tmp := t.TempDir()
	var sums [2][]byte
	var taps [2][]byte
	for k := range 2 {
		dir := filepath.Join(tmp, fmt.Sprint(k))
		mustRun(t, "run", "band-trouble", "--seed", "7", "--out", dir)
		var err error
		sums[k], err = os.ReadFile(filepath.Join(dir, "summary.json"))
		require.NoError(t, err)
		taps[k], err = os.ReadFile(filepath.Join(dir, "taps.csv"))
		require.NoError(t, err)
	}
	require.Equal(t, sums[0], sums[1])
	require.Equal(t, taps[0], taps[1])
	lines := strings.Split(strings.TrimSpace(string(taps[0])), "\n")
	require.Equal(t, "time,tap,band,guest,reader,kind,zone,decision,reason,amount_cents,refunded", lines[0])
	require.Greater(t, len(lines), 1000)
	var s map[string]any
	require.NoError(t, json.Unmarshal(sums[0], &s))
	for _, key := range []string{"taps", "revenue_cents", "ledger_imbalance_cents", "bands", "sensing", "left_because"} {
		require.Contains(t, s, key)
	}
	require.Equal(t, 0.0, s["ledger_imbalance_cents"])
}

// TestRunWarnsAboutRestaurantServingLate: a one-register restaurant whose
// parties would wait hours is still serving long after closing, and the
// printed summary says so.
func TestRunWarnsAboutRestaurantServingLate(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "late.toml")
	require.NoError(t, os.WriteFile(file, []byte(`name = "late"
open = "09:00"
close = "17:00"

[[zone]]
id = "gate"
at = [0, 0]

[entry]
zone = "gate"
turnstiles = 4

[[attraction]]
id = "coaster"
zone = "gate"
vehicle_capacity = 24
capacity = "1200/h"
ride_time = "3m"

[[restaurant]]
id = "snack-bar"
zone = "gate"
registers = 1
tables = 100
order = "5m"

[arrivals]
guests = 2000
from = "08:30"
hourly = [10, 30, 25, 15, 10, 5, 5]

[guests]
patience = "10h"
renege = 0
meal_share = 1
`), 0o644))
	r := mustRun(t, "run", file)
	require.Regexp(t, `warning +snack-bar +still serving at \d\d:\d\d, \d+ min after closing`, r.stdout)
	r = mustRun(t, "run", "small")
	require.NotContains(t, r.stdout, "warning")
}
