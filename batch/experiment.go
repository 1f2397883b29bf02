package batch

import (
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"parksim/park"
	"parksim/scenarios"
)

//go:embed experiments/*.toml
var embedded embed.FS

// Experiment is an experiment file read and resolved: its plan, and the
// scenario every alternative runs.
type Experiment struct {
	File string
	Plan *Plan
	days []*scenarios.Scenario // per alternative, overrides applied
}

// Embedded returns the names of the experiments built into the program,
// sorted.
func Embedded() []string {
	entries, _ := fs.ReadDir(embedded, "experiments")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".toml"))
	}
	slices.Sort(names)
	return names
}

// EmbeddedDescription is the description line of an embedded experiment.
func EmbeddedDescription(name string) string {
	e, err := LoadEmbedded(name)
	if err != nil {
		return ""
	}
	return e.Plan.Description
}

// LoadEmbedded reads an experiment built into the program.
func LoadEmbedded(name string) (*Experiment, error) {
	src, err := embedded.ReadFile("experiments/" + name + ".toml")
	if err != nil {
		return nil, fmt.Errorf("no embedded experiment %q; the embedded experiments are %s", name, strings.Join(Embedded(), ", "))
	}
	return Parse("embedded:"+name, src)
}

// Open reads the experiment named by arg: a file when arg ends in .toml,
// holds a path separator or names a file in the working directory, else
// an embedded experiment.
func Open(arg string) (*Experiment, error) {
	st, err := os.Stat(arg)
	if strings.HasSuffix(arg, ".toml") || strings.ContainsAny(arg, `/\`) || (err == nil && !st.IsDir()) {
		doc, err := scenarios.LoadDocument(arg)
		if err != nil {
			return nil, err
		}
		return parseDocument(doc)
	}
	return LoadEmbedded(arg)
}

// Parse reads an experiment from TOML source; file names it in messages.
// A bad experiment yields scenarios.Problems listing everything wrong with
// it, each with its file, line and key.
func Parse(file string, src []byte) (*Experiment, error) {
	doc, err := scenarios.ParseDocument(file, src)
	if err != nil {
		return nil, err
	}
	return parseDocument(doc)
}

// Defaults of an experiment's keys.
const (
	defaultConfidence = 0.95
	defaultMinReps    = 10
	defaultMaxReps    = 100
	maxReps           = 10_000
	maxAlternatives   = 1_000
	baseTreatment     = "base"
)

// gateRules are the keys a [[gate]] may limit its metric with.
var gateRules = []string{"max_rise", "max_fall", "max", "min"}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// exp reads one experiment document, collecting problems.
type exp struct {
	doc   *scenarios.Document
	probs scenarios.Problems
}

func (x *exp) problem(key, format string, args ...any) {
	x.probs = append(x.probs, x.doc.Problem(key, format, args...))
}

// known reports every key of the table at path that is not among keys.
func (x *exp) known(path string, t map[string]any, keys ...string) {
	var names []string
	for k := range t {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if !slices.Contains(keys, k) {
			x.problem(join(path, k), "unknown key; the keys here are %s", strings.Join(keys, ", "))
		}
	}
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func (x *exp) str(path string, t map[string]any, k string, required bool) string {
	v, ok := t[k]
	if !ok {
		if required {
			x.problem(join(path, k), "is required")
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		x.problem(join(path, k), "must be text, in quotes")
	}
	return s
}

func (x *exp) strs(path string, t map[string]any, k string) ([]string, bool) {
	v, ok := t[k]
	if !ok {
		return nil, false
	}
	l, ok := v.([]any)
	if !ok {
		x.problem(join(path, k), "must be a list of texts, such as [\"a\", \"b\"]")
		return nil, true
	}
	var out []string
	for i, e := range l {
		s, ok := e.(string)
		if !ok || s == "" {
			x.problem(fmt.Sprintf("%s[%d]", join(path, k), i), "must be a non-empty text, in quotes")
			continue
		}
		out = append(out, s)
	}
	return out, true
}

// number reads a number, or a share written "2%" when shares is set; it
// says whether the value was a share.
func (x *exp) number(key string, v any, shares bool) (float64, bool, bool) {
	if f, share, ok := numberOf(v, shares); ok {
		return f, share, true
	}
	if shares {
		x.problem(key, "must be a number, or a percentage such as \"2%%\"")
	} else {
		x.problem(key, "must be a number")
	}
	return 0, false, false
}

// numberOf reads a number, or with shares a percentage such as "2%" as
// a fraction; share says it was one.
func numberOf(v any, shares bool) (f float64, share, ok bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), false, true
	case float64:
		if !math.IsNaN(n) && !math.IsInf(n, 0) {
			return n, false, true
		}
	case string:
		if p, ok := strings.CutSuffix(strings.TrimSpace(n), "%"); ok && shares {
			f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
				return f / 100, true, true
			}
		}
	}
	return 0, false, false
}

func (x *exp) count(key string, v any, lo, hi int) int {
	n, ok := v.(int64)
	if !ok {
		x.problem(key, "must be a whole number")
		return 0
	}
	if n < int64(lo) || n > int64(hi) {
		x.problem(key, "%d is out of range: it must be from %d to %d", n, lo, hi)
		return 0
	}
	return int(n)
}

// treatment is one way to change the scenarios: none (base), a variant or
// a sweep point.
type treatment struct {
	name  string
	key   string   // the document's table of overrides (a variant), or the value (a sweep point)
	path  string   // a sweep point: the scenario key it sets
	value any      // a sweep point's value
	num   *float64 // a sweep point's value as a number
}

func parseDocument(doc *scenarios.Document) (*Experiment, error) {
	x := &exp{doc: doc}
	root := doc.Root
	x.known("", root, "name", "description", "scenarios", "policies", "baseline", "metrics", "confidence",
		"first_seed", "replications", "variant", "sweep", "gate")
	p := &Plan{Format: PlanFormat, Confidence: defaultConfidence, FirstSeed: 1}
	p.Experiment = x.str("", root, "name", false)
	if p.Experiment == "" {
		p.Experiment = strings.TrimSuffix(filepath.Base(strings.TrimPrefix(doc.File, "embedded:")), ".toml")
	}
	p.Description = x.str("", root, "description", false)
	if v, ok := root["confidence"]; ok {
		if c, _, ok := x.number("confidence", v, true); ok {
			if c <= 0.5 || c >= 1 {
				x.problem("confidence", "must be above 50%% and below 100%%, such as 0.95 or \"95%%\"")
			} else {
				p.Confidence = c
			}
		}
	}
	if v, ok := root["first_seed"]; ok {
		if n, ok := v.(int64); !ok || n < 0 {
			x.problem("first_seed", "must be a whole number, 0 or more")
		} else {
			p.FirstSeed = uint64(n)
		}
	}
	x.replications(p, root["replications"])

	// Metrics.
	metrics, ok := x.strs("", root, "metrics")
	if !ok {
		x.problem("metrics", "is required: the summary.json figures to compare, such as [\"wait_minutes.p95\", \"rides_per_guest\"]")
	}
	for i, m := range metrics {
		if err := CheckPath(m); err != nil {
			x.problem(fmt.Sprintf("metrics[%d]", i), "%v", err)
		} else if slices.Contains(p.Metrics, m) {
			x.problem(fmt.Sprintf("metrics[%d]", i), "%s is listed twice", m)
		} else {
			p.Metrics = append(p.Metrics, m)
		}
	}
	for i, m := range p.Replications.Metrics {
		if !slices.Contains(p.Metrics, m) {
			x.problem(fmt.Sprintf("replications.metrics[%d]", i), "%s is not among the experiment's metrics", m)
		}
	}

	// Policies.
	pols, ok := x.strs("", root, "policies")
	if !ok {
		pols = []string{park.StaticPolicy}
	}
	for i, pol := range pols {
		switch {
		case !slices.Contains(scenarios.Policies, pol):
			x.problem(fmt.Sprintf("policies[%d]", i), "unknown policy %q; the policies are %s", pol, strings.Join(scenarios.Policies, ", "))
		case slices.Index(pols, pol) < i:
			x.problem(fmt.Sprintf("policies[%d]", i), "%s is listed twice", pol)
		}
	}
	if ok && len(pols) == 0 {
		x.problem("policies", "lists no policy")
	}

	// Treatments: the scenario as written unless there is a sweep, each
	// variant, each sweep point.
	var treatments []treatment
	sweep := x.sweep(p, root["sweep"])
	if sweep == nil {
		treatments = append(treatments, treatment{name: baseTreatment})
	}
	if v, ok := root["variant"]; ok {
		list, ok := v.([]map[string]any)
		if !ok {
			x.problem("variant", "must be tables: write each as [[variant]]")
		}
		for i, t := range list {
			key := fmt.Sprintf("variant[%d]", i)
			name := x.str(key, t, "name", true)
			switch {
			case name == "":
			case !slugPattern.MatchString(name):
				x.problem(key+".name", "%q must be a lowercase slug, like second-train", name)
			case name == baseTreatment:
				x.problem(key+".name", "%q is the name of the scenario as written; name the variant for what it changes", name)
			case slices.ContainsFunc(treatments, func(t treatment) bool { return t.name == name }):
				x.problem(key+".name", "variant %q is defined twice", name)
			}
			if _, named := t["name"]; len(t) == 0 || (named && len(t) == 1) {
				x.problem(key, "changes nothing: write scenario keys under it, such as [[variant.attraction]] with an id and the keys to change")
			}
			treatments = append(treatments, treatment{name: name, key: key})
		}
	}
	treatments = append(treatments, sweep...)

	// Scenarios, resolved per treatment.
	names, ok := x.strs("", root, "scenarios")
	if !ok {
		x.problem("scenarios", "is required: the scenarios to run, embedded names or files, such as [\"default\"]")
	}
	var bases []*scenarios.Scenario
	for i, name := range names {
		key := fmt.Sprintf("scenarios[%d]", i)
		s, err := openScenario(doc.File, name)
		if err != nil {
			x.problem(key, "%v", err)
			continue
		}
		if slices.ContainsFunc(bases, func(b *scenarios.Scenario) bool { return b.Name == s.Name }) {
			x.problem(key, "a scenario named %s is listed twice", s.Name)
			continue
		}
		bases = append(bases, s)
	}
	x.gates(p, root["gate"])
	if len(x.probs) > 0 {
		return nil, x.result()
	}
	if n := len(bases) * len(treatments) * len(pols); n > maxAlternatives {
		x.problem("", "%d alternatives (scenarios × treatments × policies): at most %d", n, maxAlternatives)
		return nil, x.result()
	}

	e := &Experiment{File: doc.File, Plan: p}
	for _, base := range bases {
		for _, t := range treatments {
			s, err := x.apply(base, t)
			if err != nil {
				if ps, ok := err.(scenarios.Problems); ok {
					x.probs = append(x.probs, ps...)
				} else {
					x.problem(t.key, "%v", err)
				}
				continue
			}
			for _, pol := range pols {
				if pol != park.StaticPolicy && s.Park.Roster == nil {
					x.problem(fmt.Sprintf("policies[%d]", slices.Index(pols, pol)), "the %s policy moves roster members, and the scenario %s has no roster ([[staff]])", pol, base.Name)
					continue
				}
				alt := Alternative{
					ID:          base.Name + "/" + t.name + "/" + pol,
					Scenario:    base.Name,
					Treatment:   t.name,
					Policy:      pol,
					SweepValue:  t.num,
					Fingerprint: s.Fingerprint(),
				}
				p.Alternatives = append(p.Alternatives, alt)
				e.days = append(e.days, s)
			}
		}
	}
	for i, m := range p.Metrics {
		var first error
		fits := false
		for _, d := range e.days {
			if err := checkSummaryPath(m, &d.Park); err == nil {
				fits = true
				break
			} else if first == nil {
				first = err
			}
		}
		if !fits && first != nil {
			x.problem(metricKey(root, m, i), "%v", first)
		}
	}
	x.baseline(p, root, treatments, pols)
	if len(x.probs) > 0 {
		return nil, x.result()
	}
	p.Hash = p.hash()
	return e, nil
}

// metricKey is the document's key of metric m, the i-th of the plan's.
func metricKey(root map[string]any, m string, i int) string {
	if l, ok := root["metrics"].([]any); ok {
		for j, v := range l {
			if v == m {
				return fmt.Sprintf("metrics[%d]", j)
			}
		}
	}
	return fmt.Sprintf("metrics[%d]", i)
}

// result returns the problems, sorted by place, with those of one key
// reported once.
func (x *exp) result() error {
	slices.SortStableFunc(x.probs, func(a, b scenarios.Problem) int {
		if a.File != b.File {
			return strings.Compare(a.File, b.File)
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	return slices.CompactFunc(x.probs, func(a, b scenarios.Problem) bool { return a == b })
}

// openScenario opens a scenario an experiment names: a path relative to
// the experiment file, or an embedded name.
func openScenario(expFile, name string) (*scenarios.Scenario, error) {
	if strings.HasSuffix(name, ".toml") || strings.ContainsAny(name, `/\`) {
		path := name
		if !filepath.IsAbs(path) && !strings.HasPrefix(expFile, "embedded:") {
			path = filepath.Join(filepath.Dir(expFile), name)
		}
		return scenarios.Load(path)
	}
	if !slices.Contains(scenarios.Embedded(), name) {
		return nil, fmt.Errorf("no embedded scenario %q (write a file's path with .toml); the embedded scenarios are %s", name, strings.Join(scenarios.Embedded(), ", "))
	}
	return scenarios.LoadEmbedded(name)
}

// apply lays a treatment over a scenario.
func (x *exp) apply(base *scenarios.Scenario, t treatment) (*scenarios.Scenario, error) {
	switch {
	case t.name == baseTreatment && t.key == "":
		return base, nil
	case t.value != nil:
		return base.WithKey(x.doc, t.key, t.path, t.value)
	}
	return base.With(x.doc, t.key)
}

// replications reads `replications`: a count, or a table with a target
// half-width.
func (x *exp) replications(p *Plan, v any) {
	switch r := v.(type) {
	case nil:
		x.problem("replications", "is required: a count such as 30, or a table with half_width, min and max")
	case int64:
		p.Replications.Count = x.count("replications", r, 2, maxReps)
	case map[string]any:
		x.known("replications", r, "half_width", "metrics", "min", "max")
		p.Replications.Min, p.Replications.Max = defaultMinReps, defaultMaxReps
		if hw, ok := r["half_width"]; !ok {
			x.problem("replications.half_width", "is required: the widest interval wanted, ± a number in the metric's units or a percentage of its mean such as \"2%%\"")
		} else if f, rel, ok := x.number("replications.half_width", hw, true); ok {
			if f <= 0 {
				x.problem("replications.half_width", "must be above 0")
			}
			p.Replications.HalfWidth, p.Replications.Relative = f, rel
		}
		if m, ok := r["min"]; ok {
			p.Replications.Min = x.count("replications.min", m, 2, maxReps)
		}
		if m, ok := r["max"]; ok {
			p.Replications.Max = x.count("replications.max", m, 2, maxReps)
		}
		if p.Replications.Max < p.Replications.Min {
			x.problem("replications.max", "%d is below min, %d", p.Replications.Max, p.Replications.Min)
		}
		p.Replications.Metrics, _ = x.strs("replications", r, "metrics")
	default:
		x.problem("replications", "must be a count such as 30, or a table with half_width, min and max")
	}
}

// sweep reads [sweep] into its treatments.
func (x *exp) sweep(p *Plan, v any) []treatment {
	if v == nil {
		return nil
	}
	t, ok := v.(map[string]any)
	if !ok {
		x.problem("sweep", "must be a table with key and values")
		return nil
	}
	x.known("sweep", t, "key", "values")
	key := x.str("sweep", t, "key", true)
	leaf := key[strings.LastIndexByte(key, '.')+1:]
	list, ok := t["values"].([]any)
	if !ok || len(list) < 2 {
		x.problem("sweep.values", "must be a list of at least two values of %s", cmp.Or(key, "the key"))
		return nil
	}
	sw := &Sweep{Key: key}
	var out []treatment
	for i, v := range list {
		label := fmt.Sprint(v)
		name := leaf + "=" + label
		k := fmt.Sprintf("sweep.values[%d]", i)
		if slices.ContainsFunc(out, func(t treatment) bool { return t.name == name }) {
			x.problem(k, "%s is listed twice", label)
			continue
		}
		tr := treatment{name: name, key: k, path: key, value: v}
		if f, _, ok := numberOf(v, true); ok {
			tr.num = &f
		} else if s, isStr := v.(string); isStr {
			if f, ok := leadingNumber(s); ok {
				tr.num = &f
			}
		}
		sw.Labels = append(sw.Labels, label)
		out = append(out, tr)
	}
	p.Sweep = sw
	return out
}

// leadingNumber reads the number a value such as "2700/h" or "90s" starts
// with, for plotting a sweep against it.
func leadingNumber(s string) (float64, bool) {
	end := 0
	for end < len(s) && (s[end] == '.' || s[end] == '-' || (s[end] >= '0' && s[end] <= '9')) {
		end++
	}
	f, err := strconv.ParseFloat(s[:end], 64)
	return f, err == nil
}

// baseline reads `baseline` and gives every alternative its baseline: the
// alternative of the same scenario with the baseline's treatment and
// policy.
func (x *exp) baseline(p *Plan, root map[string]any, treatments []treatment, pols []string) {
	bt, bp := treatments[0].name, pols[0]
	if v, ok := root["baseline"]; ok {
		s, _ := v.(string)
		t, pol, two := strings.Cut(s, "/")
		tOK := slices.ContainsFunc(treatments, func(tr treatment) bool { return tr.name == t })
		switch {
		case two && tOK && slices.Contains(pols, pol):
			bt, bp = t, pol
		case !two && tOK:
			bt = t
		case !two && slices.Contains(pols, t) && len(treatments) == 1:
			bp = t
		default:
			var names []string
			for _, tr := range treatments {
				names = append(names, tr.name)
			}
			x.problem("baseline", "%q names no alternative: write a treatment (%s), optionally with /POLICY (%s)", s, strings.Join(names, ", "), strings.Join(pols, ", "))
			return
		}
	}
	for i := range p.Alternatives {
		a := &p.Alternatives[i]
		a.Baseline = a.Scenario + "/" + bt + "/" + bp
	}
}

// gates reads the [[gate]] tables.
func (x *exp) gates(p *Plan, v any) {
	if v == nil {
		return
	}
	list, ok := v.([]map[string]any)
	if !ok {
		x.problem("gate", "must be tables: write each as [[gate]]")
		return
	}
	for i, t := range list {
		key := fmt.Sprintf("gate[%d]", i)
		x.known(key, t, "metric", "confidence", "max_rise", "max_fall", "max", "min")
		g := Gate{Confidence: p.Confidence, At: fmt.Sprintf("%s:%d", x.doc.File, x.doc.Line(key))}
		g.Metric = x.str(key, t, "metric", true)
		if g.Metric != "" && !slices.Contains(p.Metrics, g.Metric) {
			x.problem(key+".metric", "%s is not among the experiment's metrics; add it to metrics", g.Metric)
		}
		if c, ok := t["confidence"]; ok {
			if f, _, ok := x.number(key+".confidence", c, true); ok {
				if f <= 0.5 || f >= 1 {
					x.problem(key+".confidence", "must be above 50%% and below 100%%")
				}
				g.Confidence = f
			}
		}
		n := 0
		for _, rule := range gateRules {
			lv, ok := t[rule]
			if !ok {
				continue
			}
			n++
			g.Rule = rule
			relOK := rule == "max_rise" || rule == "max_fall"
			f, rel, ok := x.number(key+"."+rule, lv, relOK)
			if ok && relOK && f < 0 {
				x.problem(key+"."+rule, "must be 0 or more: it is how far the metric may move")
			}
			g.Limit, g.Relative = f, rel
		}
		if n != 1 {
			x.problem(key, "needs exactly one of %s", strings.Join(gateRules, ", "))
		}
		p.Gates = append(p.Gates, g)
	}
}

// hash is the plan's hash: of its canonical JSON without the hash.
func (p *Plan) hash() string {
	q := *p
	q.Hash = ""
	b, err := json.Marshal(&q)
	if err != nil {
		panic(fmt.Sprintf("batch: a plan does not encode: %v", err))
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// Reps is the plan's fixed number of replications, or the first round's
// in target mode.
func (p *Plan) Reps() int {
	if p.Replications.Count > 0 {
		return p.Replications.Count
	}
	return p.Replications.Min
}

// Units lists the units of replications [from, to) of every alternative,
// by replication and then alternative.
func (p *Plan) Units(from, to int) []Unit {
	var us []Unit
	for r := from; r < to; r++ {
		for a := range p.Alternatives {
			us = append(us, p.Unit(a, r))
		}
	}
	return us
}

// Unit is the unit of alternative a on replication r.
func (p *Plan) Unit(a, r int) Unit {
	return Unit{ID: fmt.Sprintf("%s/r%03d", p.Alternatives[a].ID, r+1), Alt: a, Rep: r, Seed: p.FirstSeed + uint64(r)}
}
