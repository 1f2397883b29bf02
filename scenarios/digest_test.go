package scenarios

import (
	"bytes"
	"cmp"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the digests in testdata/ from this run")

// A digest is the few figures of a day's summary a planner reads, one
// "key value" line each, in testdata/NAME.seed1.digest. A key is a path
// into the summary's JSON, so the digest depends on the JSON a run writes,
// not on the Go type behind it:
//
//	guests                                       a member of the summary
//	in_park.peak_at                              a member of a member
//	attractions[space-coaster].riders            the element of an array whose id is space-coaster
//	by_hour[12:00].meals                         the element of an array whose hour is 12:00
//	sum(restaurants[].meals)                     added up over every element of the array
//	sum(taps.denied.*)                           added up over every value of the object
//	mean(restaurants[].meal_wait_minutes.mean,restaurants[].meal_wait_minutes.parties)
//	                                             the first path's values averaged with the second's as weights
//
// A value is written as the summary writes it; a sum of whole numbers is
// a whole number, and any other sum or mean is rounded to 0.001, as the
// summary rounds. A key whose path leads nowhere in a summary (there are
// no restaurants, or no band system) is not in that day's digest.

// digestHead and digestTail are the digest's keys before and after the
// busiest attractions'.
var (
	digestHead = []string{
		"guests",
		"turned_away",
		"parties",
		"rides_per_guest",
		"wait_minutes.mean",
		"wait_minutes.p50",
		"wait_minutes.p95",
		"balks",
		"reneges",
		"entry.wait_minutes.mean",
		"entry.wait_minutes.p95",
		"in_park.peak",
		"in_park.peak_at",
		"in_park.mean_stay_hours",
		"satisfaction.csat",
		"satisfaction.nps",
		"revenue_cents.total",
		"revenue_cents.food",
		"revenue_cents.merchandise",
		"revenue_cents.photo",
	}
	digestTail = []string{
		"sum(attractions[].outages)",
		"sum(attractions[].downtime_minutes)",
		"sum(restaurants[].meals)",
		"sum(restaurants[].mobile_orders)",
		"mean(restaurants[].meal_wait_minutes.mean,restaurants[].meal_wait_minutes.parties)",
		"entry.by_hour[09:00].arrivals",
		"entry.by_hour[09:00].wait_mean_minutes",
		"by_hour[12:00].in_park_mean",
		"by_hour[12:00].rides",
		"by_hour[12:00].ride_wait_mean_minutes",
		"by_hour[12:00].meals",
		"by_hour[12:00].meal_wait_mean_minutes",
		"by_hour[12:00].revenue_cents",
		"sum(restaurants[].by_hour[12:00].walked_away)",
		"buses.to_park.riders",
		"buses.to_park.wait_minutes.mean",
		"buses.to_hotel.wait_minutes.mean",
		"taps.total",
		"sum(taps.denied.*)",
		"ledger_imbalance_cents",
		"bands.clones_caught",
		"events",
		"span.hours",
	}
)

// busiestShown is how many attractions, those with the most riders, the
// digest shows riders and 95th-percentile waits for.
const busiestShown = 3

// digestLine is one figure of a digest.
type digestLine struct{ key, value string }

// digestKeys lists the keys of summary's digest, in order: those of
// digestHead and digestTail around the busiest attractions'.
func digestKeys(summary map[string]any) []string {
	keys := slices.Clone(digestHead)
	for _, id := range busiest(summary, busiestShown) {
		keys = append(keys, "attractions["+id+"].riders", "attractions["+id+"].wait_minutes.p95")
	}
	return append(keys, digestTail...)
}

// busiest returns the ids of the n attractions with the most riders, the
// first listed first among equals.
func busiest(summary map[string]any, n int) []string {
	type ride struct {
		id     string
		riders float64
	}
	var rides []ride
	list, _ := summary["attractions"].([]any)
	for _, e := range list {
		a, _ := e.(map[string]any)
		id, _ := a["id"].(string)
		r, ok := a["riders"].(json.Number)
		if id == "" || !ok {
			continue
		}
		f, err := r.Float64()
		if err != nil {
			continue
		}
		rides = append(rides, ride{id, f})
	}
	slices.SortStableFunc(rides, func(a, b ride) int { return -cmp.Compare(a.riders, b.riders) })
	ids := make([]string, 0, n)
	for _, r := range rides[:min(n, len(rides))] {
		ids = append(ids, r.id)
	}
	return ids
}

// decodeSummary reads a summary's JSON, keeping every number as written.
func decodeSummary(t *testing.T, data []byte) map[string]any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var m map[string]any
	require.NoError(t, d.Decode(&m))
	return m
}

// digestOf returns the lines of summary's digest: every key of digestKeys
// whose path leads somewhere in it.
func digestOf(t *testing.T, summary map[string]any) []digestLine {
	t.Helper()
	var lines []digestLine
	for _, k := range digestKeys(summary) {
		v, ok, err := digestValue(summary, k)
		require.NoError(t, err, k)
		if ok {
			lines = append(lines, digestLine{k, v})
		}
	}
	return lines
}

// digestValue evaluates one digest key on summary: its value as the digest
// writes it, and false when the key's path leads nowhere in summary. An
// error is a key that is not well formed or that names no single figure.
func digestValue(summary map[string]any, key string) (string, bool, error) {
	switch {
	case strings.HasPrefix(key, "sum(") && strings.HasSuffix(key, ")"):
		vals, err := pathValues(summary, key[len("sum("):len(key)-1], true)
		if err != nil || vals == nil {
			return "", false, err
		}
		return sumOf(vals)
	case strings.HasPrefix(key, "mean(") && strings.HasSuffix(key, ")"):
		of, by, ok := strings.Cut(key[len("mean("):len(key)-1], ",")
		if !ok {
			return "", false, fmt.Errorf("%s: a mean needs its values and their weights: mean(VALUES,WEIGHTS)", key)
		}
		vals, err := pathValues(summary, of, true)
		if err != nil {
			return "", false, err
		}
		weights, err := pathValues(summary, by, true)
		if err != nil || vals == nil || weights == nil {
			return "", false, err
		}
		if len(vals) != len(weights) {
			return "", false, fmt.Errorf("%s: %d values against %d weights: both paths must go through the same array", key, len(vals), len(weights))
		}
		return meanOf(vals, weights)
	}
	vals, err := pathValues(summary, key, false)
	if err != nil || vals == nil || vals[0] == nil {
		return "", false, err
	}
	return leaf(vals[0], key)
}

// pathValues follows path from v. Without a wildcard ([] or *, allowed
// only when several is set, and then exactly once) it returns the one
// value the path reaches; with one, the value reached from every element
// of the array or every value of the object (in the order of their keys),
// nil where the rest of the path leads nowhere from it. It returns nil
// when the path leads nowhere before the wildcard.
func pathValues(v any, path string, several bool) ([]any, error) {
	steps, err := splitPath(path)
	if err != nil {
		return nil, err
	}
	wild := 0
	for _, s := range steps {
		if s == "[]" || s == "*" {
			wild++
		}
	}
	switch {
	case several && wild != 1:
		return nil, fmt.Errorf("%s: a sum or mean goes through one array ([]) or object (.*)", path)
	case !several && wild != 0:
		return nil, fmt.Errorf("%s: [] and * belong inside sum(…) or mean(…)", path)
	}
	for k, s := range steps {
		switch {
		case s == "[]" || s == "*":
			var elems []any
			if s == "[]" {
				list, ok := v.([]any)
				if !ok {
					return nil, nil
				}
				elems = list
			} else {
				obj, ok := v.(map[string]any)
				if !ok {
					return nil, nil
				}
				for _, name := range slices.Sorted(maps.Keys(obj)) {
					elems = append(elems, obj[name])
				}
			}
			out := make([]any, len(elems))
			for i, e := range elems {
				out[i] = follow(e, steps[k+1:])
			}
			return out, nil
		default:
			v = follow(v, steps[k:k+1])
			if v == nil {
				return nil, nil
			}
		}
	}
	return []any{v}, nil
}

// splitPath cuts a path into its steps: member names, "[ID]" after an
// array's name, "[]" and "*".
func splitPath(path string) ([]string, error) {
	var steps []string
	for _, seg := range strings.Split(path, ".") {
		name, sel, hasSel := strings.Cut(seg, "[")
		switch {
		case name == "":
			return nil, fmt.Errorf("%q: an empty step", path)
		case hasSel && !strings.HasSuffix(sel, "]"):
			return nil, fmt.Errorf("%q: %q: a [ without its ]", path, seg)
		}
		steps = append(steps, name)
		if hasSel {
			steps = append(steps, "["+sel)
		}
	}
	return steps, nil
}

// follow takes steps without wildcards from v, and returns nil when they
// lead nowhere: a missing member, no element with that id or hour, a null.
func follow(v any, steps []string) any {
	for _, s := range steps {
		if strings.HasPrefix(s, "[") {
			id := s[1 : len(s)-1]
			list, _ := v.([]any)
			v = nil
			for _, e := range list {
				if m, ok := e.(map[string]any); ok && (m["id"] == id || m["hour"] == id) {
					v = m
					break
				}
			}
		} else {
			m, _ := v.(map[string]any)
			v = m[s]
		}
		if v == nil {
			return nil
		}
	}
	return v
}

// leaf writes one figure of the summary as the digest shows it.
func leaf(v any, key string) (string, bool, error) {
	switch v := v.(type) {
	case json.Number:
		return v.String(), true, nil
	case string:
		if strings.ContainsAny(v, " \t\n") || v == "" {
			return strconv.Quote(v), true, nil
		}
		return v, true, nil
	case bool:
		return strconv.FormatBool(v), true, nil
	}
	return "", false, fmt.Errorf("%s: leads to an object or array, not one figure", key)
}

func sumOf(vals []any) (string, bool, error) {
	var whole int64
	var sum float64
	integral, found := true, false
	for _, v := range vals {
		if v == nil {
			continue
		}
		n, ok := v.(json.Number)
		if !ok {
			return "", false, fmt.Errorf("cannot add %v, not a number", v)
		}
		found = true
		if i, err := n.Int64(); err == nil && integral {
			whole += i
			sum += float64(i)
			continue
		}
		f, err := n.Float64()
		if err != nil {
			return "", false, err
		}
		integral = false
		sum += f
	}
	if !found {
		return "", false, nil
	}
	if integral {
		return strconv.FormatInt(whole, 10), true, nil
	}
	return rounded(sum), true, nil
}

func meanOf(vals, weights []any) (string, bool, error) {
	var sum, total float64
	for i := range vals {
		if vals[i] == nil || weights[i] == nil {
			continue
		}
		v, ok1 := vals[i].(json.Number)
		w, ok2 := weights[i].(json.Number)
		if !ok1 || !ok2 {
			return "", false, fmt.Errorf("cannot average %v weighted by %v: not numbers", vals[i], weights[i])
		}
		fv, err1 := v.Float64()
		fw, err2 := w.Float64()
		if err1 != nil || err2 != nil {
			return "", false, fmt.Errorf("cannot average %v weighted by %v", v, w)
		}
		sum += fv * fw
		total += fw
	}
	if total == 0 {
		return "", false, nil // nothing to average
	}
	return rounded(sum / total), true, nil
}

func rounded(f float64) string {
	return strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64)
}

// alignKeys is the longest key the values of a digest file are lined up
// after; a longer key (a weighted mean's) is followed by one space.
const alignKeys = 48

// formatDigest writes a digest file: a comment line naming it, then one
// "key value" line per figure, the values lined up.
func formatDigest(name string, lines []digestLine) []byte {
	width := 0
	for _, l := range lines {
		if len(l.key) <= alignKeys {
			width = max(width, len(l.key))
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s, seed 1: go test ./scenarios -run Digest -update rewrites this file\n", name)
	for _, l := range lines {
		fmt.Fprintf(&b, "%-*s %s\n", width, l.key, l.value)
	}
	return b.Bytes()
}

// parseDigest reads a digest file; lines starting with # are comments.
func parseDigest(data []byte) ([]digestLine, error) {
	var lines []digestLine
	seen := map[string]bool{}
	for n, text := range strings.Split(string(data), "\n") {
		text = strings.TrimSpace(text)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		key, value, ok := strings.Cut(text, " ")
		value = strings.TrimSpace(value)
		if !ok || value == "" {
			return nil, fmt.Errorf("line %d: %q is not a key and a value", n+1, text)
		}
		if seen[key] {
			return nil, fmt.Errorf("line %d: %s again", n+1, key)
		}
		seen[key] = true
		lines = append(lines, digestLine{key, value})
	}
	return lines, nil
}

// digestDiff compares a stored digest with summary. Every stored key is
// evaluated on summary again, so that a figure keeps its line even when
// the attractions shown would now be others; a key that now leads nowhere
// is reported as gone, and a key this day's digest has and the stored one
// does not as new. It returns one line per difference, none when they
// agree.
func digestDiff(t *testing.T, want []digestLine, summary map[string]any) []string {
	t.Helper()
	got := digestOf(t, summary)
	width := 0
	for _, l := range append(slices.Clone(want), got...) {
		width = max(width, len(l.key))
	}
	var diff []string
	stored := map[string]bool{}
	for _, w := range want {
		stored[w.key] = true
		v, ok, err := digestValue(summary, w.key)
		switch {
		case err != nil:
			diff = append(diff, fmt.Sprintf("! %-*s %s  (%v)", width, w.key, w.value, err))
		case !ok:
			diff = append(diff, fmt.Sprintf("- %-*s %s  (gone: this summary has no such figure)", width, w.key, w.value))
		case v != w.value:
			diff = append(diff, fmt.Sprintf("  %-*s %s → %s", width, w.key, w.value, v))
		}
	}
	for _, g := range got {
		if !stored[g.key] {
			diff = append(diff, fmt.Sprintf("+ %-*s %s  (new)", width, g.key, g.value))
		}
	}
	return diff
}

// TestDigests compares each embedded scenario's seed-1 day with its digest,
// testdata/NAME.seed1.digest. After an intended change, run
// `go test ./scenarios -run Digest -update` and read the diff of the
// digests before committing.
func TestDigests(t *testing.T) {
	for _, name := range Embedded() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			summary := decodeSummary(t, dayOne(t, name).json)
			path := filepath.Join("testdata", name+".seed1.digest")
			if *update {
				require.NoError(t, os.MkdirAll("testdata", 0o755))
				require.NoError(t, os.WriteFile(path, formatDigest(name, digestOf(t, summary)), 0o644))
				return
			}
			data, err := os.ReadFile(path)
			require.NoError(t, err, "no digest: run go test ./scenarios -run Digest -update")
			want, err := parseDigest(data)
			require.NoError(t, err, path)
			if d := digestDiff(t, want, summary); len(d) > 0 {
				t.Fatalf("%s differs from this run (read the changes, then run go test ./scenarios -run Digest -update):\n%s", path, strings.Join(d, "\n"))
			}
		})
	}
}

// TestDigestReadsPaths checks the key language of the digests on a small
// summary: members, elements by id, sums and weighted means, and keys that
// lead nowhere or name no single figure.
func TestDigestReadsPaths(t *testing.T) {
	summary := decodeSummary(t, []byte(`{
		"guests": 120, "in_park": {"peak_at": "11:36", "mean_stay_hours": 7.5},
		"attractions": [
			{"id": "coaster", "riders": 40, "wait_minutes": {"p95": 31.5}},
			{"id": "boat", "riders": 70, "wait_minutes": {"p95": 12}},
			{"id": "wheel", "riders": 40, "wait_minutes": {"p95": 3}}
		],
		"restaurants": [
			{"meals": 10, "meal_wait_minutes": {"mean": 6, "parties": 10}},
			{"meals": 30, "meal_wait_minutes": {"mean": 2, "parties": 30}},
			{"meals": 0}
		],
		"taps": {"denied": {"no-ticket": 3, "band-lost": 4}},
		"affected_csat": null
	}`))
	for key, want := range map[string]string{
		"guests":                              "120",
		"in_park.peak_at":                     "11:36",
		"in_park.mean_stay_hours":             "7.5",
		"attractions[boat].wait_minutes.p95":  "12",
		"attractions[coaster].riders":         "40",
		"sum(attractions[].riders)":           "150",
		"sum(attractions[].wait_minutes.p95)": "46.5",
		"sum(taps.denied.*)":                  "7",
		"mean(restaurants[].meal_wait_minutes.mean,restaurants[].meal_wait_minutes.parties)": "3",
	} {
		got, ok, err := digestValue(summary, key)
		require.NoError(t, err, key)
		require.True(t, ok, key)
		require.Equal(t, want, got, key)
	}
	for _, key := range []string{"turned_away", "in_park.peak", "attractions[train].riders", "affected_csat", "sum(shops[].visits)", "buses.to_park.riders"} {
		_, ok, err := digestValue(summary, key)
		require.NoError(t, err, key)
		require.False(t, ok, "%s leads nowhere", key)
	}
	for _, key := range []string{"in_park", "attractions[].riders", "sum(guests)", "mean(restaurants[].meals)", "attractions[boat.riders"} {
		_, _, err := digestValue(summary, key)
		require.Error(t, err, key)
	}
	require.Equal(t, []string{"boat", "coaster"}, busiest(summary, 2), "most riders first, the first listed among equals")

	want := []digestLine{{"guests", "119"}, {"in_park.peak_at", "11:36"}, {"turned_away", "0"}}
	diff := digestDiff(t, want, summary)
	added := len(digestOf(t, summary)) - 2 // all but guests and in_park.peak_at
	require.Len(t, diff, 2+added, "%q", diff)
	require.Contains(t, diff[0], "119 → 120")
	require.Contains(t, diff[1], "gone")
	for _, d := range diff[2:] {
		require.Contains(t, d, "(new)")
	}

	lines := digestOf(t, summary)
	back, err := parseDigest(formatDigest("tiny", lines))
	require.NoError(t, err)
	require.Equal(t, lines, back)
	require.Empty(t, digestDiff(t, back, summary))
}
