package scenarios

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"parksim/sim"
)

// Problem is one thing wrong with a scenario file, with where it is.
type Problem struct {
	File      string
	Line, Col int    // 0 when the problem has no single place (a missing table)
	Key       string // the key path, like "attraction[2].zone"
	Message   string
}

func (p Problem) String() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
	if p.Key == "" {
		return loc + ": " + p.Message
	}
	return loc + ": " + p.Key + ": " + p.Message
}

// Problems is every problem found in one or more files, sorted by file, line
// and column (problems with no single place first in their file), at most
// maxProblems of them and then one saying how many more there were. It is
// the error Load returns for a bad scenario.
type Problems []Problem

// maxProblems bounds the problems reported for one scenario: past a few
// hundred a file is not a scenario, and listing every line of it would only
// cost memory and bury the first problems.
const maxProblems = 200

// sort orders problems by where they are; problems at the same place keep
// the order the reader met them in.
func (ps Problems) sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// reader walks decoded TOML, converting values and collecting problems with
// their positions instead of stopping at the first.
type reader struct {
	file   string           // the file being read (with extends, the last of the chain)
	places map[string]place // where each key was written, possibly in a file it extends
	probs  Problems
	more   int             // problems beyond maxProblems, counted and dropped
	failed map[string]bool // keys whose value was refused (see table.fail)
	said   map[string]bool // key and message of every problem reported
}

// problem reports a problem with key. A key whose value was refused gets
// no more: checks that build on it see the default the reader put in its
// place, and whatever they find is about that default, not the file. Nor
// is the same problem reported twice.
func (r *reader) problem(key, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if r.failed[key] || r.said[key+"\x00"+msg] {
		return
	}
	if r.said == nil {
		r.said = map[string]bool{}
	}
	r.said[key+"\x00"+msg] = true
	if len(r.probs) >= maxProblems {
		r.more++
		return
	}
	p := Problem{File: r.file, Key: key, Message: msg}
	// A missing key has no position: point at the closest enclosing one.
	for k := key; k != ""; k = parentKey(k) {
		if at, ok := r.places[k]; ok {
			p.File, p.Line, p.Col = at.file, at.Line, at.Col
			p.Key = at.key + key[len(k):]
			break
		}
	}
	r.probs = append(r.probs, p)
}

// result returns the problems found, sorted, with a last one counting those
// left out; nil when there are none.
func (r *reader) result() Problems {
	if len(r.probs) == 0 {
		return nil
	}
	r.probs.sort()
	if r.more > 0 {
		r.probs = append(r.probs, Problem{File: r.file, Message: fmt.Sprintf("and %d more problems", r.more)})
	}
	return r.probs
}

func parentKey(k string) string {
	i := strings.LastIndexAny(k, ".[")
	if i < 0 {
		return ""
	}
	return k[:i]
}

// table is one TOML table being read; it remembers which keys were read so
// that the rest can be reported as unknown.
type table struct {
	r      *reader
	path   string
	m      map[string]any
	read   map[string]bool
	bad    map[string]bool // keys whose value was reported unreadable: checks that build on them stay quiet
	others []string        // keys this kind of table knows that this one did not read, for the unknown-key hint
	absent bool            // a required table that is missing: already reported, so its keys are not
}

func (r *reader) root(m map[string]any) *table {
	return &table{r: r, m: m, read: map[string]bool{}}
}

func (t *table) key(k string) string { return join(t.path, k) }

// join appends key k to a dotted path.
func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

// indexKey names element i of the array at key.
func indexKey(key string, i int) string { return key + "[" + strconv.Itoa(i) + "]" }

// get returns the raw value of k and marks it read.
func (t *table) get(k string) (any, bool) {
	t.read[k] = true
	v, ok := t.m[k]
	if ok {
		v = t.r.raw(t.key(k), v)
	}
	return v, ok
}

// tooBig is a number written in the file that no Go number holds: the
// decoder read a 0 in its place (see hugeNumber).
type tooBig struct{ lit string }

// raw returns v, the decoded value at key, or the tooBig it stands for.
func (r *reader) raw(key string, v any) any {
	if at, ok := r.places[key]; ok && at.huge != "" {
		return tooBig{at.huge}
	}
	return v
}

// outOfRange words a number beyond [lo, hi], as show writes them; a tooBig
// number is named as written, not as a float64 could round it.
func outOfRange[T any](v any, x T, lo, hi T, show func(T) string) string {
	if b, ok := v.(tooBig); ok {
		side := "large"
		if strings.HasPrefix(b.lit, "-") {
			side = "small"
		}
		return fmt.Sprintf("%s is too %s: it must be from %s to %s", b.lit, side, show(lo), show(hi))
	}
	return fmt.Sprintf("%s is out of range: it must be from %s to %s", show(x), show(lo), show(hi))
}

// grouped writes n with thousands separators, as people write counts.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func showFloat(x float64) string { return fmt.Sprint(x) }

// value is get for a key that may be required: a missing required key is
// reported, and either way ok is false when the key is absent.
func (t *table) value(k string, required bool) (any, bool) {
	v, ok := t.get(k)
	if !ok && required {
		t.missing(k)
	}
	return v, ok
}

// knows names keys that tables of this kind may have though this one's
// branch did not read them (a station's keys on a ride with vehicles): the
// unknown-key hint offers them, and a table that has one still reports it.
func (t *table) knows(keys ...string) { t.others = append(t.others, keys...) }

// done reports every key of the table that nothing read.
func (t *table) done() {
	known := make([]string, 0, len(t.read)+len(t.others))
	for k := range t.read {
		known = append(known, k)
	}
	for _, k := range t.others {
		if !t.read[k] {
			known = append(known, k)
		}
	}
	slices.Sort(known)
	known = slices.Compact(known)
	var unknown []string
	for k := range t.m {
		if !t.read[k] {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for n, k := range unknown {
		if len(t.r.probs) >= maxProblems {
			t.r.more += len(unknown) - n // spare the hints nobody will see
			return
		}
		msg := "unknown key"
		if s := closest(k, known); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		} else if len(known) > 0 {
			msg += "; the keys here are " + strings.Join(known, ", ")
		}
		t.r.problem(t.key(k), "%s", msg)
	}
}

// closest returns the known key within two edits of k, if any.
func closest(k string, known []string) string {
	best, bestD := "", 3
	for _, c := range known {
		if abs(len(k)-len(c)) >= bestD {
			continue // too far apart in length alone; spares a long key's quadratic cost
		}
		if d := editDistance(k, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func (t *table) missing(k string) {
	if !t.absent {
		t.r.problem(t.key(k), "missing: this key is required")
	}
}

func (t *table) wrongType(k string, want string, v any) {
	t.fail(k, "must be %s, not %s", want, tomlType(v))
}

// fail reports that the value of k cannot be used, and remembers it: the
// reader returns a default in its place, which later checks must not take
// for what the file says.
func (t *table) fail(k, format string, args ...any) {
	if t.bad == nil {
		t.bad = map[string]bool{}
	}
	t.bad[k] = true
	t.r.problem(t.key(k), format, args...)
	if t.r.failed == nil {
		t.r.failed = map[string]bool{}
	}
	t.r.failed[t.key(k)] = true
}

// valid reports whether k is given and was read without a problem.
func (t *table) valid(k string) bool {
	_, has := t.m[k]
	return has && !t.bad[k]
}

// sub returns the table under k; a missing table reads as empty, so its keys
// take their defaults (or are reported missing).
func (t *table) sub(k string, required bool) *table {
	v, ok := t.get(k)
	s := &table{r: t.r, path: t.key(k), m: map[string]any{}, read: map[string]bool{}}
	if !ok {
		if required {
			t.missing(k)
			s.absent = true
		}
		return s
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		t.wrongType(k, "a table", v)
		s.absent = true
		return s
	}
	s.m = m
	return s
}

// list returns the tables of the array of tables under k ([[k]]).
func (t *table) list(k string) []*table {
	v, ok := t.get(k)
	if !ok {
		return nil
	}
	ms, isList := v.([]map[string]any)
	if !isList {
		t.wrongType(k, "an array of tables ([["+k+"]])", v)
		return nil
	}
	out := make([]*table, len(ms))
	for i, m := range ms {
		out[i] = &table{r: t.r, path: indexKey(t.key(k), i), m: m, read: map[string]bool{}}
	}
	return out
}

// typed reads k as a T, reporting a value of another type as want; ok is
// false when k is absent or of the wrong type.
func typed[T any](t *table, k string, required bool, want string) (T, bool) {
	var zero T
	v, ok := t.value(k, required)
	if !ok {
		return zero, false
	}
	x, is := v.(T)
	if !is {
		t.wrongType(k, want, v)
		return zero, false
	}
	return x, true
}

// listOf reads an array whose elements elem converts, elem reporting each
// bad one; nil on any problem.
func listOf[T any](t *table, k string, required bool, want string, elem func(key string, v any) (T, bool)) []T {
	xs, ok := typed[[]any](t, k, required, want)
	if !ok {
		return nil
	}
	out := make([]T, len(xs))
	bad := false
	for i, x := range xs {
		key := indexKey(t.key(k), i)
		var ok bool
		// Every element is checked, so that one run names all the bad ones.
		if out[i], ok = elem(key, t.r.raw(key, x)); !ok {
			bad = true
		}
	}
	if bad {
		return nil
	}
	return out
}

func (t *table) str(k string, required bool, def string) string {
	if s, ok := typed[string](t, k, required, "a string"); ok {
		return s
	}
	return def
}

// slug reads an id.
func (t *table) slug(k string) string {
	s := t.str(k, true, "")
	if _, ok := t.m[k].(string); ok {
		if err := checkSlug(s); err != nil {
			t.fail(k, "%v", err)
		}
	}
	return s
}

// integer reads a whole number in [lo, hi].
func (t *table) integer(k string, required bool, def, lo, hi int) int {
	if v, _ := t.get(k); isTooBig(v) {
		t.fail(k, "%s", outOfRange(v, 0, int64(lo), int64(hi), grouped))
		return def
	}
	n, ok := typed[int64](t, k, required, "a whole number")
	if !ok {
		return def
	}
	if n < int64(lo) || n > int64(hi) {
		t.fail(k, "%s", outOfRange(n, n, int64(lo), int64(hi), grouped))
		return def
	}
	return int(n)
}

// float reads a number in [lo, hi].
func (t *table) float(k string, def, lo, hi float64) float64 {
	v, ok := t.get(k)
	if !ok {
		return def
	}
	x, isNum := number(v)
	if !isNum && !isTooBig(v) {
		t.wrongType(k, "a number", v)
		return def
	}
	if !isNum || x < lo || x > hi {
		t.fail(k, "%s", outOfRange(v, x, lo, hi, showFloat))
		return def
	}
	return x
}

func isTooBig(v any) bool { _, ok := v.(tooBig); return ok }

// unitValue reads a string with a unit through parse.
func unitValue[T any](t *table, k string, required bool, def T, parse func(string) (T, error), example string) T {
	v, ok := t.value(k, required)
	if !ok {
		return def
	}
	s, isStr := v.(string)
	if !isStr {
		t.fail(k, "must be text with a unit, like %s, not %s", example, tomlType(v))
		return def
	}
	x, err := parse(s)
	if err != nil {
		t.fail(k, "%v", err)
		return def
	}
	return x
}

func (t *table) duration(k string, required bool, def sim.Time) sim.Time {
	return unitValue(t, k, required, def, parseDuration, `"90s"`)
}

func (t *table) clock(k string, required bool, def sim.Time) sim.Time {
	return unitValue(t, k, required, def, parseClock, `"09:00"`)
}

func (t *table) rate(k string, required bool) float64 {
	return unitValue(t, k, required, 0, parseRate, `"1800/h"`)
}

func (t *table) length(k string, required bool) float64 {
	return unitValue(t, k, required, 0, parseLength, `"350m"`)
}

// numbers reads an array of numbers, each in [lo, hi].
func (t *table) numbers(k string, required bool, lo, hi float64) []float64 {
	return listOf(t, k, required, "an array of numbers", func(key string, v any) (float64, bool) {
		return t.r.numberIn(key, v, lo, hi)
	})
}

// numberIn checks v, the value at key, for a number in [lo, hi], worded as
// float words a key's value: a number no Go number holds is named as
// written, with the range, as any other out of it.
func (r *reader) numberIn(key string, v any, lo, hi float64) (float64, bool) {
	x, isNum := number(v)
	if !isNum && !isTooBig(v) {
		r.problem(key, "must be a number, not %s", tomlType(v))
		return 0, false
	}
	if !isNum || x < lo || x > hi {
		r.problem(key, "%s", outOfRange(v, x, lo, hi, showFloat))
		return 0, false
	}
	return x, true
}

// maxWeight bounds a relative weight (an hour's arrivals, an empirical
// value's): whole numbers up to it are exact in a float64, and a list of
// them cannot add up past what one holds.
const maxWeight = 1e15

// money reads an amount like "12.50" into cents.
func (t *table) money(k string, required bool, def int64) int64 {
	return unitValue(t, k, required, def, parseMoney, `"12.50"`)
}

// share reads a share of a whole: 0.35 or "35%".
func (t *table) share(k string, def float64) float64 {
	v, ok := t.get(k)
	if !ok {
		return def
	}
	x, isNum := number(v)
	if s, isStr := v.(string); isStr && strings.HasSuffix(s, "%") {
		f, err := strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
		x, isNum = f/100, err == nil
	}
	if !isNum || !(x >= 0 && x <= 1) { // also NaN
		t.fail(k, "must be a share from 0 to 1, like 0.35 or \"35%%\"")
		return def
	}
	return x
}

// strs reads an array of strings.
func (t *table) strs(k string) []string {
	return listOf(t, k, false, "an array of ids", func(key string, v any) (string, bool) {
		s, ok := v.(string)
		if !ok {
			t.r.problem(key, "must be an id, not %s", tomlType(v))
		}
		return s, ok
	})
}

// boolean reads true or false.
func (t *table) boolean(k string, def bool) bool {
	if b, ok := typed[bool](t, k, false, "true or false"); ok {
		return b
	}
	return def
}

// notHere reports each of keys the table has as a problem, with why: keys
// that belong to another kind of the same thing.
func (t *table) notHere(keys []string, why string) {
	for _, k := range keys {
		if _, has := t.m[k]; has {
			t.read[k] = true
			t.r.problem(t.key(k), "%s", why)
		}
	}
}
