package batch

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Analysis is every figure of a batch: per metric and alternative the
// replications' estimate, the paired comparisons with the baselines, and
// the gates' verdicts. Figures are unrounded; the writers round them.
// It is computed from the plan and the outcomes only, so the same units
// give the same analysis however and wherever they ran.
type Analysis struct {
	Plan *Plan
	// Replications is, per alternative (Plan.Alternatives' order), the
	// number of replications that have an outcome.
	Replications []int
	Metrics      []MetricFigures
	Gates        []GateVerdict
	outs         []Outcome // by alternative, then replication
}

// MetricFigures is one metric's figures.
type MetricFigures struct {
	Metric       string
	Alternatives []Estimate   // one per alternative, in the plan's order
	Comparisons  []Comparison // one per alternative that is not a baseline, in the plan's order
}

// Comparison is an alternative against its baseline on one metric, over
// the replications both have the metric for. Level is the plan's
// confidence corrected (Bonferroni) for the Family alternatives compared
// with the same baseline: 1 − (1 − Confidence)/Family.
type Comparison struct {
	Alt      int // index into Plan.Alternatives
	Baseline int // index into Plan.Alternatives
	Pairs    int
	Family   int
	Level    float64
	Diff     Difference  // alternative − baseline, paired by replication
	Relative *Difference // Diff over the baseline's mean; nil when that mean is 0 or there are no pairs
	Unpaired *Interval   // Welch's interval of the same difference, ignoring the pairing
	Note     string      // why an interval is missing
}

// Gate verdict statuses. A gate that cannot be judged (fewer than two
// replications, or a baseline mean of 0 for a relative gate) does not fail.
const (
	GatePassed   = "passed"
	GateFailed   = "failed"
	GateUnjudged = "not judged"
)

// GateVerdict is one gate on one alternative. Value is what the gate
// judges: the paired difference from the baseline (a fraction of the
// baseline's mean when the gate is relative) for "max_rise" and
// "max_fall", the alternative's mean for "max" and "min"; CI is its
// interval at Level, the gate's confidence corrected (Bonferroni) for the
// Family of alternatives it judges against one baseline.
type GateVerdict struct {
	Gate     Gate
	Alt      int
	Baseline int
	Family   int
	Level    float64
	Value    float64
	CI       *Interval
	Status   string
	Message  string // one line, e.g. "gate failed: wait_minutes.p95 rose 4.1% [2.6%, 5.6%] for …"
}

// sample is one replication's value of a metric.
type sample struct {
	rep int
	v   float64
}

// Analyze computes the figures of p from the outcomes of its units. The
// outcomes may come in any order; a replication without a metric is left
// out of that metric's figures. It refuses outcomes that name an unknown
// alternative or repeat a unit, and plans whose confidence, baselines or
// gates make no sense.
func Analyze(p *Plan, outs []Outcome) (*Analysis, error) {
	if err := checkPlan(p); err != nil {
		return nil, err
	}
	sorted := sortedOutcomes(outs)
	a := &Analysis{Plan: p, Replications: make([]int, len(p.Alternatives)), outs: sorted}
	for i, o := range sorted {
		if o.Unit.Alt < 0 || o.Unit.Alt >= len(p.Alternatives) {
			return nil, fmt.Errorf("unit %q: alternative %d is not in the plan", o.Unit.ID, o.Unit.Alt)
		}
		if i > 0 && sorted[i-1].Unit.Alt == o.Unit.Alt && sorted[i-1].Unit.Rep == o.Unit.Rep {
			return nil, fmt.Errorf("unit %q: replication %d of %s appears twice", o.Unit.ID, o.Unit.Rep+1, p.Alternatives[o.Unit.Alt].ID)
		}
		a.Replications[o.Unit.Alt]++
	}
	for _, m := range p.Metrics {
		a.Metrics = append(a.Metrics, a.figures(m))
	}
	for _, g := range p.Gates {
		a.Gates = append(a.Gates, a.judge(g)...)
	}
	return a, nil
}

func checkPlan(p *Plan) error {
	if !(p.Confidence > 0 && p.Confidence < 1) {
		return fmt.Errorf("plan %s: confidence %v is not between 0 and 1", p.Experiment, p.Confidence)
	}
	for _, alt := range p.Alternatives {
		if baselineIndex(p, alt) < 0 {
			return fmt.Errorf("plan %s: alternative %s: baseline %q is not an alternative", p.Experiment, alt.ID, alt.Baseline)
		}
	}
	for _, m := range p.Metrics {
		if err := CheckPath(m); err != nil {
			return err
		}
	}
	for _, g := range p.Gates {
		if err := CheckPath(g.Metric); err != nil {
			return fmt.Errorf("%s: %w", g.At, err)
		}
		switch g.Rule {
		case "max_rise", "max_fall", "max", "min":
		default:
			return fmt.Errorf("%s: gate rule %q (want max_rise, max_fall, max or min)", g.At, g.Rule)
		}
		if !(g.Confidence > 0 && g.Confidence < 1) {
			return fmt.Errorf("%s: gate confidence %v is not between 0 and 1", g.At, g.Confidence)
		}
	}
	return nil
}

func baselineIndex(p *Plan, alt Alternative) int {
	return slices.IndexFunc(p.Alternatives, func(b Alternative) bool { return b.ID == alt.Baseline })
}

// isBaseline reports whether alternative i is compared with itself.
func (a *Analysis) isBaseline(i int) bool {
	return a.Plan.Alternatives[i].Baseline == a.Plan.Alternatives[i].ID
}

// family is the number of alternatives, baselines aside, compared with
// the baseline whose index is b.
func (a *Analysis) family(b int) int {
	m := 0
	for i, alt := range a.Plan.Alternatives {
		if !a.isBaseline(i) && alt.Baseline == a.Plan.Alternatives[b].ID {
			m++
		}
	}
	return m
}

// samples are a metric's values per alternative, by replication.
func (a *Analysis) samples(metric string) [][]sample {
	s := make([][]sample, len(a.Plan.Alternatives))
	for _, o := range a.outs {
		if v, ok := Lookup(o.Summary, metric); ok {
			s[o.Unit.Alt] = append(s[o.Unit.Alt], sample{o.Unit.Rep, v})
		}
	}
	return s
}

func values(s []sample) []float64 {
	v := make([]float64, len(s))
	for i := range s {
		v[i] = s[i].v
	}
	return v
}

// pairs are the values of the replications both alt and base have.
func pairs(alt, base []sample) (x, y []float64) {
	i, j := 0, 0
	for i < len(alt) && j < len(base) {
		switch {
		case alt[i].rep < base[j].rep:
			i++
		case alt[i].rep > base[j].rep:
			j++
		default:
			x, y = append(x, alt[i].v), append(y, base[j].v)
			i++
			j++
		}
	}
	return x, y
}

func (a *Analysis) figures(metric string) MetricFigures {
	p := a.Plan
	s := a.samples(metric)
	f := MetricFigures{Metric: metric}
	for i := range p.Alternatives {
		f.Alternatives = append(f.Alternatives, estimate(values(s[i]), p.Confidence))
	}
	for i, alt := range p.Alternatives {
		if a.isBaseline(i) {
			continue
		}
		b := baselineIndex(p, alt)
		c := Comparison{Alt: i, Baseline: b, Family: a.family(b)}
		c.Level = bonferroni(p.Confidence, c.Family)
		x, y := pairs(s[i], s[b])
		c.Pairs = len(x)
		c.Diff, c.Relative, c.Unpaired = paired(x, y, c.Level)
		switch {
		case c.Pairs == 0:
			c.Note = "no replication has this metric on both"
		case c.Pairs == 1:
			c.Note = "one pair: no interval"
		case c.Relative == nil:
			c.Note = "the baseline's mean is 0: no relative difference"
		}
		f.Comparisons = append(f.Comparisons, c)
	}
	return f
}

// judge applies a gate to every alternative it concerns.
func (a *Analysis) judge(g Gate) []GateVerdict {
	p := a.Plan
	s := a.samples(g.Metric)
	relativeRule := g.Rule == "max_rise" || g.Rule == "max_fall"
	var out []GateVerdict
	for i, alt := range p.Alternatives {
		if relativeRule && a.isBaseline(i) {
			continue
		}
		b := baselineIndex(p, alt)
		v := GateVerdict{Gate: g, Alt: i, Baseline: b, Family: a.family(b)}
		if !relativeRule {
			v.Family++ // the baseline is judged too
		}
		v.Level = bonferroni(g.Confidence, v.Family)
		var note string
		if relativeRule {
			x, y := pairs(s[i], s[b])
			diff, rel, _ := paired(x, y, v.Level)
			switch {
			case g.Relative && rel == nil:
				note = "no relative difference (no pairs, or a baseline mean of 0)"
			case g.Relative:
				v.Value, v.CI = rel.Mean, rel.CI
			default:
				v.Value, v.CI = diff.Mean, diff.CI
			}
			if note == "" && v.CI == nil {
				note = fmt.Sprintf("%d pair(s): no interval", len(x))
			}
		} else {
			e := estimate(values(s[i]), v.Level)
			v.Value, v.CI = e.Mean, e.CI
			if v.CI == nil {
				note = e.Note
			}
		}
		v.Status = GatePassed
		switch {
		case v.CI == nil:
			v.Status = GateUnjudged
		case g.Rule == "max_rise" && v.CI.Lo > g.Limit,
			g.Rule == "max_fall" && v.CI.Hi < -g.Limit,
			g.Rule == "max" && v.CI.Lo > g.Limit,
			g.Rule == "min" && v.CI.Hi < g.Limit:
			v.Status = GateFailed
		}
		v.Message = a.gateMessage(v, note)
		out = append(out, v)
	}
	return out
}

// gateMessage is the verdict in one line.
func (a *Analysis) gateMessage(v GateVerdict, note string) string {
	g := v.Gate
	p := a.Plan
	var what, limit string
	pct := g.Relative && (g.Rule == "max_rise" || g.Rule == "max_fall")
	val := func(x float64) string {
		if pct {
			return formatPercent(x, v.CI)
		}
		return formatValue(x, v.CI)
	}
	lim := func(x float64) string {
		if pct {
			return trimFloat(x*100, 4) + "%"
		}
		return trimFloat(x, 6)
	}
	switch g.Rule {
	case "max_rise":
		what = "rose " + val(v.Value) + spanOf(v.CI, val)
		limit = "limit +" + lim(g.Limit)
	case "max_fall":
		var fall *Interval
		if v.CI != nil {
			fall = &Interval{Level: v.Level, Lo: -v.CI.Hi, Hi: -v.CI.Lo}
		}
		what = "fell " + val(-v.Value) + spanOf(fall, val)
		limit = "limit −" + lim(g.Limit)
	case "max":
		what = "has mean " + val(v.Value) + spanOf(v.CI, val)
		limit = "maximum " + lim(g.Limit)
	case "min":
		what = "has mean " + val(v.Value) + spanOf(v.CI, val)
		limit = "minimum " + lim(g.Limit)
	}
	conf := formatLevel(g.Confidence) + " confidence"
	if v.Family > 1 {
		conf += fmt.Sprintf(", %s each for %d alternatives (Bonferroni)", formatLevel(v.Level), v.Family)
	}
	against := ""
	if g.Rule == "max_rise" || g.Rule == "max_fall" {
		against = " against " + p.Alternatives[v.Baseline].ID
	}
	head := "gate " + v.Status
	if note != "" {
		what += " (" + note + ")"
	}
	at := ""
	if g.At != "" {
		at = ", " + g.At
	}
	return fmt.Sprintf("%s: %s %s for %s%s (%s, %s%s)", head, g.Metric, what, p.Alternatives[v.Alt].ID, against, limit, conf, at)
}

func spanOf(iv *Interval, val func(float64) string) string {
	if iv == nil {
		return ""
	}
	return fmt.Sprintf(" [%s, %s]", val(iv.Lo), val(iv.Hi))
}

// Failed returns the verdicts of the gates that failed, in the plan's
// order; the batch exits 1 when there is any.
func (a *Analysis) Failed() []GateVerdict {
	var f []GateVerdict
	for _, v := range a.Gates {
		if v.Status == GateFailed {
			f = append(f, v)
		}
	}
	return f
}

// decimals is the number of decimals that shows two significant digits of
// the interval's half-width (four of x without one), from 0 to 6.
func decimals(x float64, iv *Interval) int {
	ref, digits := math.Abs(x), 4
	if iv != nil && iv.HalfWidth() > 0 {
		ref, digits = iv.HalfWidth(), 2
	}
	if ref == 0 || math.IsInf(ref, 0) || math.IsNaN(ref) {
		return 0
	}
	d := digits - 1 - int(math.Floor(math.Log10(ref)))
	return min(max(d, 0), 6)
}

// formatValue writes x with the precision its interval warrants.
func formatValue(x float64, iv *Interval) string {
	return fixed(x, decimals(x, iv))
}

// formatPercent writes a fraction x as a percentage with the precision
// its interval (of fractions) warrants, at least one decimal.
func formatPercent(x float64, iv *Interval) string {
	var piv *Interval
	if iv != nil {
		piv = &Interval{Level: iv.Level, Lo: iv.Lo * 100, Hi: iv.Hi * 100}
	}
	d := decimals(x*100, piv)
	return fixed(x*100, max(d, 1)) + "%"
}

// fixed is x with d decimals, never "-0".
func fixed(x float64, d int) string {
	s := fmt.Sprintf("%.*f", d, x)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// formatLevel writes a confidence level as a percentage: 0.95 → "95%".
func formatLevel(l float64) string {
	return trimFloat(l*100, 4) + "%"
}

// trimFloat is x to sig significant digits without an exponent or
// trailing zeros, never "-0".
func trimFloat(x float64, sig int) string {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', sig, 64), 64)
	if r == 0 {
		return "0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// ReportFormat names the layout of report.json.
const ReportFormat = "parksim-report/1"

// num is a figure in report.json: six significant digits, no exponent, so
// that the bytes do not hang on the last bits of a sum's order.
type num float64

func (x num) MarshalJSON() ([]byte, error) {
	f := float64(x)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return []byte(trimFloat(f, 6)), nil
}

type jsonInterval struct {
	Level num `json:"level"`
	Lo    num `json:"lo"`
	Hi    num `json:"hi"`
}

func jsonIv(iv *Interval) *jsonInterval {
	if iv == nil {
		return nil
	}
	return &jsonInterval{num(iv.Level), num(iv.Lo), num(iv.Hi)}
}

type jsonDiff struct {
	Mean num           `json:"mean"`
	CI   *jsonInterval `json:"ci"`
}

type jsonAlternative struct {
	ID           string `json:"id"`
	Scenario     string `json:"scenario"`
	Treatment    string `json:"treatment"`
	Policy       string `json:"policy"`
	Baseline     string `json:"baseline"`
	SweepValue   *num   `json:"sweep_value,omitempty"`
	Fingerprint  string `json:"fingerprint"`
	Replications int    `json:"replications"`
}

type jsonEstimate struct {
	Alternative string        `json:"alternative"`
	N           int           `json:"n"`
	Mean        *num          `json:"mean"`
	SD          *num          `json:"sd"`
	CI          *jsonInterval `json:"ci"`
	P50         *num          `json:"p50"`
	P95         *num          `json:"p95"`
	Note        string        `json:"note,omitempty"`
}

type jsonComparison struct {
	Alternative string        `json:"alternative"`
	Baseline    string        `json:"baseline"`
	Pairs       int           `json:"pairs"`
	Family      int           `json:"family"` // alternatives compared with the baseline (Bonferroni's m)
	Level       num           `json:"level"`
	Difference  jsonDiff      `json:"difference"`
	Relative    *jsonDiff     `json:"relative"`
	Unpaired    *jsonInterval `json:"unpaired"`
	Note        string        `json:"note,omitempty"`
}

type jsonMetric struct {
	Metric       string           `json:"metric"`
	Alternatives []jsonEstimate   `json:"alternatives"`
	Comparisons  []jsonComparison `json:"comparisons"`
}

type jsonGate struct {
	Metric      string        `json:"metric"`
	Rule        string        `json:"rule"`
	Limit       num           `json:"limit"`
	Relative    bool          `json:"relative"`
	Confidence  num           `json:"confidence"`
	At          string        `json:"at"`
	Alternative string        `json:"alternative"`
	Baseline    string        `json:"baseline,omitempty"`
	Family      int           `json:"family"`
	Level       num           `json:"level"`
	Value       num           `json:"value"`
	CI          *jsonInterval `json:"ci"`
	Status      string        `json:"status"`
	Message     string        `json:"message"`
}

type jsonReport struct {
	Format       string            `json:"format"`
	Plan         string            `json:"plan"`
	Experiment   string            `json:"experiment"`
	Description  string            `json:"description,omitempty"`
	Confidence   num               `json:"confidence"`
	FirstSeed    uint64            `json:"first_seed"`
	Correction   string            `json:"correction"`
	Alternatives []jsonAlternative `json:"alternatives"`
	Metrics      []jsonMetric      `json:"metrics"`
	Gates        []jsonGate        `json:"gates"`
	Failed       int               `json:"failed"`
}

// Correction says how comparisons' levels are corrected, for reports.
const Correction = "Bonferroni: with m alternatives compared with one baseline, each comparison is at 1 − (1 − confidence)/m"

func optNum(x float64, ok bool) *num {
	if !ok {
		return nil
	}
	n := num(x)
	return &n
}

func (a *Analysis) jsonReport() jsonReport {
	p := a.Plan
	r := jsonReport{
		Format: ReportFormat, Plan: p.Hash, Experiment: p.Experiment, Description: p.Description,
		Confidence: num(p.Confidence), FirstSeed: p.FirstSeed, Correction: Correction,
		Alternatives: []jsonAlternative{}, Metrics: []jsonMetric{}, Gates: []jsonGate{},
	}
	for i, alt := range p.Alternatives {
		ja := jsonAlternative{ID: alt.ID, Scenario: alt.Scenario, Treatment: alt.Treatment, Policy: alt.Policy,
			Baseline: alt.Baseline, Fingerprint: alt.Fingerprint, Replications: a.Replications[i]}
		if alt.SweepValue != nil {
			ja.SweepValue = optNum(*alt.SweepValue, true)
		}
		r.Alternatives = append(r.Alternatives, ja)
	}
	for _, f := range a.Metrics {
		jm := jsonMetric{Metric: f.Metric, Alternatives: []jsonEstimate{}, Comparisons: []jsonComparison{}}
		for i, e := range f.Alternatives {
			jm.Alternatives = append(jm.Alternatives, jsonEstimate{
				Alternative: p.Alternatives[i].ID, N: e.N,
				Mean: optNum(e.Mean, e.N > 0), SD: optNum(e.SD, e.N > 1), CI: jsonIv(e.CI),
				P50: optNum(e.P50, e.N > 0), P95: optNum(e.P95, e.N > 0), Note: e.Note,
			})
		}
		for _, c := range f.Comparisons {
			jc := jsonComparison{
				Alternative: p.Alternatives[c.Alt].ID, Baseline: p.Alternatives[c.Baseline].ID,
				Pairs: c.Pairs, Family: c.Family, Level: num(c.Level),
				Difference: jsonDiff{num(c.Diff.Mean), jsonIv(c.Diff.CI)},
				Unpaired:   jsonIv(c.Unpaired), Note: c.Note,
			}
			if c.Relative != nil {
				jc.Relative = &jsonDiff{num(c.Relative.Mean), jsonIv(c.Relative.CI)}
			}
			jm.Comparisons = append(jm.Comparisons, jc)
		}
		r.Metrics = append(r.Metrics, jm)
	}
	for _, v := range a.Gates {
		g := v.Gate
		jg := jsonGate{Metric: g.Metric, Rule: g.Rule, Limit: num(g.Limit), Relative: g.Relative,
			Confidence: num(g.Confidence), At: g.At, Alternative: p.Alternatives[v.Alt].ID,
			Family: v.Family, Level: num(v.Level), Value: num(v.Value), CI: jsonIv(v.CI),
			Status: v.Status, Message: v.Message}
		if g.Rule == "max_rise" || g.Rule == "max_fall" {
			jg.Baseline = p.Alternatives[v.Baseline].ID
		}
		r.Gates = append(r.Gates, jg)
	}
	r.Failed = len(a.Failed())
	return r
}

// WriteJSON writes report.json: the plan's hash and name, the
// alternatives, every metric's figures and comparisons, and the gates'
// verdicts, in the plan's order, figures to six significant digits. It
// holds nothing of how the batch ran (no times, hosts, workers or
// shards), so the same units give the same bytes.
func (a *Analysis) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(a.jsonReport(), "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteRunsCSV writes runs.csv: one row per unit, by alternative then
// replication: the unit's id, scenario, treatment, policy, replication
// (from 1, as in the unit's id), seed, then each metric's value (empty
// when the unit's summary lacks it).
func (a *Analysis) WriteRunsCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := append([]string{"unit", "scenario", "treatment", "policy", "replication", "seed"}, a.Plan.Metrics...)
	if err := cw.Write(head); err != nil {
		return err
	}
	for _, o := range a.outs {
		alt := a.Plan.Alternatives[o.Unit.Alt]
		row := []string{o.Unit.ID, alt.Scenario, alt.Treatment, alt.Policy,
			strconv.Itoa(o.Unit.Rep + 1), strconv.FormatUint(o.Unit.Seed, 10)}
		for _, m := range a.Plan.Metrics {
			cell := ""
			if v, ok := Lookup(o.Summary, m); ok {
				cell = strconv.FormatFloat(v, 'g', -1, 64)
			}
			row = append(row, cell)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// PrintTable writes the comparison for a terminal: per metric and
// alternative the mean with its interval, p50 and p95, and the difference
// from the baseline relative to the baseline's mean with its interval ("~"
// when the interval holds 0: no difference shown); then the gates.
func (a *Analysis) PrintTable(w io.Writer) error {
	p := a.Plan
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "metric\talternative\tn\tmean [%s CI]\tp50\tp95\tvs baseline\n", formatLevel(p.Confidence))
	for _, f := range a.Metrics {
		name := f.Metric
		for i, e := range f.Alternatives {
			vs := "baseline"
			if c := f.comparison(i); c != nil {
				vs = relativeCell(c)
			}
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", name, p.Alternatives[i].ID, e.N,
				meanCell(e), quantileCell(e, e.P50), quantileCell(e, e.P95), vs)
			name = ""
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if corrected := a.correctionNote(); corrected != "" {
		fmt.Fprintln(w, corrected)
	}
	for _, v := range a.Gates {
		fmt.Fprintln(w, v.Message)
	}
	return nil
}

// comparison is the comparison of alternative i, nil for a baseline.
func (f *MetricFigures) comparison(i int) *Comparison {
	for k := range f.Comparisons {
		if f.Comparisons[k].Alt == i {
			return &f.Comparisons[k]
		}
	}
	return nil
}

// correctionNote says which comparisons are at a corrected level; empty
// when none is.
func (a *Analysis) correctionNote() string {
	if len(a.Metrics) == 0 {
		return ""
	}
	var parts []string
	seen := map[int]bool{}
	for _, c := range a.Metrics[0].Comparisons {
		if c.Family > 1 && !seen[c.Baseline] {
			seen[c.Baseline] = true
			parts = append(parts, fmt.Sprintf("%d alternatives against %s at %s each",
				c.Family, a.Plan.Alternatives[c.Baseline].ID, formatLevel(c.Level)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "Differences are Bonferroni-corrected: " + strings.Join(parts, "; ") + "."
}

func meanCell(e Estimate) string {
	switch {
	case e.N == 0:
		return "—"
	case e.CI == nil:
		return formatValue(e.Mean, nil) + " (n<2)"
	}
	return fmt.Sprintf("%s [%s, %s]", formatValue(e.Mean, e.CI), formatValue(e.CI.Lo, e.CI), formatValue(e.CI.Hi, e.CI))
}

func quantileCell(e Estimate, x float64) string {
	if e.N == 0 {
		return "—"
	}
	return formatValue(x, e.CI)
}

// diffCell is the paired difference with its interval.
func diffCell(c *Comparison) string {
	if c.Pairs == 0 {
		return "—"
	}
	d := c.Diff
	if d.CI == nil {
		return signed(formatValue(d.Mean, nil)) + " (n<2)"
	}
	return fmt.Sprintf("%s [%s, %s]", signed(formatValue(d.Mean, d.CI)), signed(formatValue(d.CI.Lo, d.CI)), signed(formatValue(d.CI.Hi, d.CI)))
}

// relativeCell is the relative difference with its interval, "~" first
// when the interval holds 0.
func relativeCell(c *Comparison) string {
	r := c.Relative
	switch {
	case r == nil:
		return "—"
	case r.CI == nil:
		return signed(formatPercent(r.Mean, nil)) + " (n<2)"
	}
	s := fmt.Sprintf("%s [%s, %s]", signed(formatPercent(r.Mean, r.CI)), signed(formatPercent(r.CI.Lo, r.CI)), signed(formatPercent(r.CI.Hi, r.CI)))
	if r.CI.Contains(0) {
		s = "~ " + s
	}
	return s
}

// signed puts "+" before a positive number written as text.
func signed(s string) string {
	if s == "" || s[0] == '-' || strings.Trim(s, "0.%") == "" {
		return s
	}
	return "+" + s
}
