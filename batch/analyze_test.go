package batch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// testPlan compares two treatments with the base on one scenario and
// policy; its gate fails on a rise of p95 waits of more than 2%.
func testPlan(reps int) *Plan {
	return &Plan{
		Format:     PlanFormat,
		Hash:       "0123abcd",
		Experiment: "trains",
		Alternatives: []Alternative{
			{ID: "default/base/static", Scenario: "default", Treatment: "base", Policy: "static", Baseline: "default/base/static", Fingerprint: "f0"},
			{ID: "default/second-train/static", Scenario: "default", Treatment: "second-train", Policy: "static", Baseline: "default/base/static", Fingerprint: "f1"},
			{ID: "default/faster-load/static", Scenario: "default", Treatment: "faster-load", Policy: "static", Baseline: "default/base/static", Fingerprint: "f2"},
		},
		Metrics:      []string{"wait_minutes.p95", "guests", "attractions.space-coaster.riders"},
		Replications: Replications{Count: reps},
		FirstSeed:    1,
		Confidence:   0.95,
		Gates: []Gate{
			{Metric: "wait_minutes.p95", Rule: "max_rise", Limit: 0.02, Relative: true, Confidence: 0.95, At: "experiment.toml:31"},
			{Metric: "guests", Rule: "min", Limit: 4000, Confidence: 0.95, At: "experiment.toml:36"},
		},
	}
}

// hoursOfDay are the synthetic summaries' hours.
var hoursOfDay = []string{"09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00", "18:00", "19:00", "20:00"}

// synthetic is a summary.json for alternative alt on replication rep,
// decoded as Outcome holds it. A day's crowd comes from the replication
// alone (the same seed on every alternative), an alternative adds its
// effect (minutes of p95 wait) and a little noise of its own; withByHour
// adds the top-level per-hour array.
func synthetic(alt, rep int, effect float64, withByHour bool) map[string]any {
	day := rand.New(rand.NewPCG(uint64(rep)+1, 0))
	own := rand.New(rand.NewPCG(uint64(rep)+1, uint64(alt)+1))
	crowd := day.NormFloat64()
	noise := func(sd float64) float64 { return sd * own.NormFloat64() }
	guests := math.Round(5000 + 400*crowd + noise(10))
	var byHour, coaster, carousel []any
	for k, h := range hoursOfDay {
		shape := math.Sin(math.Pi * (float64(k) + 0.5) / float64(len(hoursOfDay)))
		wait := (8 + 30*shape) * (1 + 0.1*crowd) * (1 + effect/100)
		wait += noise(0.5)
		byHour = append(byHour, map[string]any{
			"hour": h, "in_park_mean": guests * 0.7 * shape, "ride_wait_mean_minutes": wait,
		})
		coaster = append(coaster, map[string]any{"hour": h, "riders": 400 * shape, "mean_minutes": wait * 1.2})
		carousel = append(carousel, map[string]any{"hour": h, "riders": 200 * shape, "mean_minutes": wait * 0.6})
	}
	s := map[string]any{
		"scenario":     "default",
		"guests":       guests,
		"wait_minutes": map[string]any{"mean": 20 + 3*crowd + effect/3 + noise(0.3), "p95": 60 + 8*crowd + effect + noise(0.5)},
		"attractions": []any{
			map[string]any{"id": "space-coaster", "riders": math.Round(2400 + 150*crowd + noise(20)), "wait_by_hour": coaster},
			map[string]any{"id": "carousel", "riders": 900.0, "wait_by_hour": carousel},
		},
	}
	if withByHour {
		s["by_hour"] = byHour
	}
	// As decoded from the file.
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	return m
}

// testOutcomes are reps replications of every alternative of p; effects
// are the alternatives' p95 effects in minutes.
func testOutcomes(p *Plan, reps int, effects []float64, withByHour bool) []Outcome {
	var outs []Outcome
	for a, alt := range p.Alternatives {
		for r := range reps {
			outs = append(outs, Outcome{
				Unit:    Unit{ID: fmt.Sprintf("%s/r%03d", alt.ID, r+1), Alt: a, Rep: r, Seed: p.FirstSeed + uint64(r)},
				Summary: synthetic(a, r, effects[a], withByHour),
			})
		}
	}
	return outs
}

func analyzed(t *testing.T, p *Plan, outs []Outcome) *Analysis {
	t.Helper()
	a, err := Analyze(p, outs)
	require.NoError(t, err)
	return a
}

func TestAnalyzeFigures(t *testing.T) {
	p := testPlan(20)
	outs := testOutcomes(p, 20, []float64{0, 3, 0}, true)
	a := analyzed(t, p, outs)
	require.Equal(t, []int{20, 20, 20}, a.Replications)
	require.Len(t, a.Metrics, 3)

	f := a.Metrics[0]
	require.Equal(t, "wait_minutes.p95", f.Metric)
	require.Len(t, f.Alternatives, 3)
	var xs []float64
	for _, o := range outs[:20] {
		v, _ := Lookup(o.Summary, f.Metric)
		xs = append(xs, v)
	}
	require.Equal(t, estimate(xs, 0.95), f.Alternatives[0])

	require.Len(t, f.Comparisons, 2)
	c := f.Comparisons[0]
	require.Equal(t, 1, c.Alt)
	require.Equal(t, 0, c.Baseline)
	require.Equal(t, 20, c.Pairs)
	require.Equal(t, 2, c.Family)
	require.InDelta(t, 0.975, c.Level, 1e-15)
	require.Equal(t, 0.975, c.Diff.CI.Level)
	require.True(t, c.Diff.CI.Contains(3), "%+v", c.Diff.CI)
	require.Greater(t, c.Diff.CI.Lo, 0.0)
	require.Less(t, c.Diff.CI.HalfWidth(), c.Unpaired.HalfWidth())
	require.InDelta(t, c.Diff.Mean/f.Alternatives[0].Mean, c.Relative.Mean, 1e-12)

	// The corrected interval is wider than one at the plan's level.
	var ys []float64
	for _, o := range outs[20:40] {
		v, _ := Lookup(o.Summary, f.Metric)
		ys = append(ys, v)
	}
	plain, _, _ := paired(ys, xs, 0.95)
	require.InDelta(t, c.Diff.Mean, plain.Mean, 1e-12)
	require.Greater(t, c.Diff.CI.HalfWidth(), plain.CI.HalfWidth())
}

// One baseline with one alternative needs no correction.
func TestAnalyzeSingleComparison(t *testing.T) {
	p := testPlan(5)
	p.Alternatives = p.Alternatives[:2]
	a := analyzed(t, p, testOutcomes(p, 5, []float64{0, 3}, true))
	c := a.Metrics[0].Comparisons[0]
	require.Equal(t, 1, c.Family)
	require.Equal(t, 0.95, c.Level)
	var md bytes.Buffer
	require.NoError(t, a.WriteMarkdown(&md))
	require.Contains(t, md.String(), "No correction for multiple comparisons")
}

// A replication whose summary lacks the metric is left out of it, and out
// of the pairs.
func TestAnalyzeMissingValues(t *testing.T) {
	p := testPlan(6)
	outs := testOutcomes(p, 6, []float64{0, 3, 0}, true)
	delete(outs[2].Summary, "guests")   // base, replication 3
	delete(outs[6+4].Summary, "guests") // second-train, replication 5
	for r := range 6 {                  // faster-load: none
		delete(outs[12+r].Summary, "guests")
	}
	delete(outs[13].Summary, "wait_minutes") // faster-load, replication 2
	a := analyzed(t, p, outs)
	g := a.Metrics[1]
	require.Equal(t, 5, g.Alternatives[0].N)
	require.Equal(t, 5, g.Alternatives[1].N)
	require.Equal(t, 0, g.Alternatives[2].N)
	require.Equal(t, 4, g.Comparisons[0].Pairs)
	require.Equal(t, 0, g.Comparisons[1].Pairs)
	require.NotEmpty(t, g.Comparisons[1].Note)
	require.Nil(t, g.Comparisons[1].Diff.CI)
	require.Equal(t, 5, a.Metrics[0].Alternatives[2].N)
	require.Equal(t, 5, a.Metrics[0].Comparisons[1].Pairs)

	// The writers cope with the holes.
	var js, md, csv, table bytes.Buffer
	require.NoError(t, a.WriteJSON(&js))
	require.NoError(t, a.WriteMarkdown(&md))
	require.NoError(t, a.WriteRunsCSV(&csv))
	require.NoError(t, a.PrintTable(&table))
	require.Contains(t, md.String(), "no replication has this metric")
	require.Contains(t, csv.String(), "default/base/static/r003,default,base,static,3,3,")
	require.Contains(t, table.String(), "—")
}

func TestAnalyzeOneReplication(t *testing.T) {
	p := testPlan(1)
	a := analyzed(t, p, testOutcomes(p, 1, []float64{0, 30, 0}, true))
	e := a.Metrics[0].Alternatives[1]
	require.Equal(t, 1, e.N)
	require.Nil(t, e.CI)
	c := a.Metrics[0].Comparisons[0]
	require.Nil(t, c.Diff.CI)
	require.Nil(t, c.Unpaired)
	require.Contains(t, c.Note, "one pair")
	// Without an interval no gate can fail, however large the rise.
	require.Empty(t, a.Failed())
	for _, v := range a.Gates {
		require.Equal(t, GateUnjudged, v.Status, v.Message)
		require.Contains(t, v.Message, "no interval")
	}
}

func TestAnalyzeRefuses(t *testing.T) {
	p := testPlan(2)
	outs := testOutcomes(p, 2, []float64{0, 0, 0}, true)
	_, err := Analyze(p, append(slices.Clone(outs), outs[1]))
	require.ErrorContains(t, err, "appears twice")

	bad := slices.Clone(outs)
	bad[0].Unit.Alt = 7
	_, err = Analyze(p, bad)
	require.ErrorContains(t, err, "not in the plan")

	q := testPlan(2)
	q.Confidence = 95
	_, err = Analyze(q, outs)
	require.ErrorContains(t, err, "confidence")

	q = testPlan(2)
	q.Alternatives[1].Baseline = "nope"
	_, err = Analyze(q, outs)
	require.ErrorContains(t, err, "baseline")

	q = testPlan(2)
	q.Gates[0].Rule = "rise"
	_, err = Analyze(q, outs)
	require.ErrorContains(t, err, "experiment.toml:31")
}

func TestGates(t *testing.T) {
	p := testPlan(20)
	// second-train raises p95 waits by about 5% (3 minutes of some 60);
	// faster-load by nothing.
	a := analyzed(t, p, testOutcomes(p, 20, []float64{0, 3, 0}, true))
	require.Len(t, a.Gates, 2+3) // max_rise on the two treatments, min on all three

	rise := a.Gates[0]
	require.Equal(t, 1, rise.Alt)
	require.Equal(t, GateFailed, rise.Status)
	require.Equal(t, 2, rise.Family)
	require.InDelta(t, 0.975, rise.Level, 1e-15)
	require.Greater(t, rise.CI.Lo, 0.02)
	require.InDelta(t, a.Metrics[0].Comparisons[0].Relative.Mean, rise.Value, 1e-15)
	require.Regexp(t, `^gate failed: wait_minutes.p95 rose 5\.\d+% \[\d\.\d+%, \d\.\d+%\] for default/second-train/static against default/base/static \(limit \+2%, 95% confidence, 97\.5% each for 2 alternatives \(Bonferroni\), experiment\.toml:31\)$`, rise.Message)

	calm := a.Gates[1]
	require.Equal(t, 2, calm.Alt)
	require.Equal(t, GatePassed, calm.Status)
	require.True(t, strings.HasPrefix(calm.Message, "gate passed: wait_minutes.p95 rose "), calm.Message)

	for _, v := range a.Gates[2:] {
		require.Equal(t, "min", v.Gate.Rule)
		require.Equal(t, GatePassed, v.Status, v.Message)
		require.Equal(t, 3, v.Family)
		require.Contains(t, v.Message, "minimum 4000")
	}
	require.Equal(t, []GateVerdict{rise}, a.Failed())

	// A minimum above every day's crowd fails on every alternative; a
	// maximum below it too; a fall limit on a rise never fails.
	p.Gates = []Gate{
		{Metric: "guests", Rule: "min", Limit: 6000, Confidence: 0.9, At: "e.toml:1"},
		{Metric: "guests", Rule: "max", Limit: 4000, Confidence: 0.9, At: "e.toml:2"},
		{Metric: "wait_minutes.p95", Rule: "max_fall", Limit: 1, Confidence: 0.9, At: "e.toml:3"},
		{Metric: "wait_minutes.p95", Rule: "max_rise", Limit: 1, Confidence: 0.9, At: "e.toml:4"}, // absolute: minutes
	}
	a = analyzed(t, p, testOutcomes(p, 20, []float64{0, 3, -3}, true))
	status := func(i int) string { return a.Gates[i].Status }
	for i := range 6 {
		require.Equal(t, GateFailed, status(i), a.Gates[i].Message)
	}
	require.Contains(t, a.Gates[0].Message, "guests has mean ")
	require.Contains(t, a.Gates[0].Message, "minimum 6000")
	require.Contains(t, a.Gates[3].Message, "maximum 4000")
	require.Equal(t, GatePassed, status(6), a.Gates[6].Message)                      // second-train rose: no fall
	require.Equal(t, GateFailed, status(7), a.Gates[7].Message)                      // faster-load fell 3 minutes
	require.Regexp(t, `fell [23]\.\d+ \[[23]\.\d+, [23]\.\d+\]`, a.Gates[7].Message) // as a positive fall
	require.Contains(t, a.Gates[7].Message, "limit −1,")                             // in minutes
	require.Equal(t, GateFailed, status(8), a.Gates[8].Message)                      // second-train rose 3 minutes
	require.Equal(t, GatePassed, status(9), a.Gates[9].Message)                      // faster-load fell
	require.Len(t, a.Failed(), 8)
}

// The same units in any order give the same bytes in every file.
func TestReportsStable(t *testing.T) {
	p := testPlan(8)
	outs := testOutcomes(p, 8, []float64{0, 3, 1}, true)
	write := func(outs []Outcome) []string {
		a := analyzed(t, p, outs)
		var js, md, csv, table bytes.Buffer
		require.NoError(t, a.WriteJSON(&js))
		require.NoError(t, a.WriteMarkdown(&md))
		require.NoError(t, a.WriteRunsCSV(&csv))
		require.NoError(t, a.PrintTable(&table))
		return []string{js.String(), md.String(), csv.String(), table.String()}
	}
	want := write(outs)
	for seed := range uint64(3) {
		shuffled := slices.Clone(outs)
		rand.New(rand.NewPCG(seed, 99)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		require.Equal(t, want, write(shuffled), "shuffle seed %d", seed)
	}
}

func TestWriteJSON(t *testing.T) {
	p := testPlan(10)
	a := analyzed(t, p, testOutcomes(p, 10, []float64{0, 3, 0}, true))
	var b bytes.Buffer
	require.NoError(t, a.WriteJSON(&b))
	var r map[string]any
	require.NoError(t, json.Unmarshal(b.Bytes(), &r))
	require.Equal(t, ReportFormat, r["format"])
	require.Equal(t, "0123abcd", r["plan"])
	require.Equal(t, "trains", r["experiment"])
	require.Equal(t, 1.0, r["failed"])
	require.Len(t, r["alternatives"], 3)
	require.Len(t, r["metrics"], 3)
	require.Len(t, r["gates"], 5)
	m0 := r["metrics"].([]any)[0].(map[string]any)
	require.Equal(t, "wait_minutes.p95", m0["metric"])
	c := m0["comparisons"].([]any)[0].(map[string]any)
	require.Equal(t, "default/second-train/static", c["alternative"])
	require.Equal(t, 0.975, c["level"])
	require.Equal(t, 2.0, c["family"])
	for _, k := range []string{"difference", "relative", "unpaired"} {
		require.NotNil(t, c[k], k)
	}
	// Six significant digits at most, and never an exponent.
	for _, num := range regexpNumbers(b.String()) {
		digits := strings.TrimLeft(strings.NewReplacer("-", "", ".", "").Replace(num), "0")
		require.LessOrEqual(t, len(strings.TrimRight(digits, "0")), 6, num)
		require.NotContains(t, num, "e", num)
	}
	require.NotContains(t, b.String(), "time")
	require.NotContains(t, b.String(), "host")
}

// regexpNumbers are the numbers written as JSON values.
func regexpNumbers(js string) []string {
	var out []string
	for _, line := range strings.Split(js, "\n") {
		_, v, ok := strings.Cut(line, "\": ")
		if !ok {
			continue
		}
		v = strings.TrimSuffix(strings.TrimSpace(v), ",")
		if v != "" && (v[0] == '-' || v[0] >= '0' && v[0] <= '9') {
			out = append(out, v)
		}
	}
	return out
}

func TestNumRounding(t *testing.T) {
	for x, want := range map[float64]string{
		0: "0", 1: "1", 0.95: "0.95", 1 - 0.05/3: "0.983333", 123456789: "123457000",
		-0.000012345678: "-0.0000123457", 61.25: "61.25", 2.0 / 3: "0.666667", -1e-20: "-0.00000000000000000001",
	} {
		b, err := num(x).MarshalJSON()
		require.NoError(t, err)
		require.Equal(t, want, string(b), "%v", x)
	}
	b, _ := num(math.NaN()).MarshalJSON()
	require.Equal(t, "null", string(b))
}

func TestWriteRunsCSV(t *testing.T) {
	p := testPlan(2)
	outs := testOutcomes(p, 2, []float64{0, 3, 0}, true)
	a := analyzed(t, p, outs)
	var b bytes.Buffer
	require.NoError(t, a.WriteRunsCSV(&b))
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	require.Len(t, lines, 1+6)
	require.Equal(t, "unit,scenario,treatment,policy,replication,seed,wait_minutes.p95,guests,attractions.space-coaster.riders", lines[0])
	g, _ := Lookup(outs[3].Summary, "guests")
	require.True(t, strings.HasPrefix(lines[4], fmt.Sprintf("default/second-train/static/r002,default,second-train,static,2,2,")), lines[4])
	require.Contains(t, lines[4], fmt.Sprintf(",%v,", g))
}

func TestPrintTable(t *testing.T) {
	p := testPlan(10)
	a := analyzed(t, p, testOutcomes(p, 10, []float64{0, 3, 0}, true))
	var b bytes.Buffer
	require.NoError(t, a.PrintTable(&b))
	out := b.String()
	t.Log("\n" + out)
	lines := strings.Split(out, "\n")
	require.Regexp(t, `^metric +alternative +n +mean \[95% CI\] +p50 +p95 +vs baseline$`, lines[0])
	require.Regexp(t, `^wait_minutes\.p95 +default/base/static +10 +\d+\.\d \[\d+\.\d, \d+\.\d\] .* baseline$`, lines[1])
	require.Regexp(t, `^ +default/second-train/static +10 .* \+\d\.\d+% \[\+\d\.\d+%, \+\d\.\d+%\]$`, lines[2])
	require.Regexp(t, `~ [-+]`, lines[3]) // faster-load: no difference
	// Columns line up: every row's "n" starts where the header's does.
	col := strings.Index(lines[0], " n ") + 1
	for _, l := range lines[1:10] {
		require.Regexp(t, `^\d`, l[col:], l)
	}
	require.Contains(t, out, "Differences are Bonferroni-corrected: 2 alternatives against default/base/static at 97.5% each.")
	require.Contains(t, out, "gate failed: wait_minutes.p95 rose")
}

func TestWriteMarkdown(t *testing.T) {
	p := testPlan(10)
	p.Description = "Does a second train help?"
	a := analyzed(t, p, testOutcomes(p, 10, []float64{0, 3, 0}, true))
	var b bytes.Buffer
	require.NoError(t, a.WriteMarkdown(&b))
	md := b.String()
	t.Log("\n" + md)
	var heads []string
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "#") {
			heads = append(heads, l)
		}
	}
	require.Equal(t, []string{
		"# Experiment trains",
		"## What was compared",
		"## `wait_minutes.p95`",
		"## `guests`",
		"## `attractions.space-coaster.riders`",
		"## Gates",
		"## Plots",
	}, heads)
	require.Contains(t, md, "Does a second train help?")
	require.Contains(t, md, "**❌ 1 of 5 gate verdicts failed.**")
	require.Contains(t, md, "10 replications each on seeds 1–10")
	require.Contains(t, md, "Bonferroni-corrected: 2 alternatives against default/base/static at 97.5% each")
	require.Contains(t, md, "| alternative | n | mean [interval] | p50 | p95 | difference vs baseline [interval] | relative [interval] | unpaired interval |")
	require.Regexp(t, "\n\\| default/base/static \\| 10 \\| [0-9.]+ \\[[0-9.]+, [0-9.]+\\] \\| [0-9.]+ \\| [0-9.]+ \\| baseline \\|  \\|  \\|\n", md)
	require.Regexp(t, "\n\\| default/second-train/static \\| 10 \\| .* \\| \\+[0-9.]+ \\[\\+[0-9.]+, \\+[0-9.]+\\] \\| \\+[0-9.]+% \\[\\+[0-9.]+%, \\+[0-9.]+%\\] \\| \\[[-+][0-9.]+, \\+[0-9.]+\\] \\|\n", md)
	require.Contains(t, md, "- ❌ gate failed: wait_minutes.p95 rose")
	require.Contains(t, md, "- ✅ gate passed: wait_minutes.p95 rose")
	require.Contains(t, md, "- ✅ gate passed: guests has mean")
	require.Contains(t, md, "(plots/compare-wait_minutes.p95.png) ([SVG](plots/compare-wait_minutes.p95.svg))")
	require.Contains(t, md, "(plots/waits-by-hour.png)")
	require.Contains(t, md, "(plots/in-park-by-hour.png)")
}
