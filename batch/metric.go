package batch

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A metric is a dotted path into a decoded summary.json. Each part names an
// object's key, or an element of an array: the element whose "id" or
// "hour" is the part, else the element at the part's index from 0. So
// "wait_minutes.p95", "attractions.space-coaster.riders",
// "attractions.space-coaster.wait_by_hour.13:00.mean_minutes" and
// "by_hour.12:00.meals" are metrics.

// CheckPath reports whether path is a well-formed metric: parts separated
// by single dots, none empty, each made of letters, digits, '-', '_' and
// ':' only. It says nothing about whether a summary has the path.
func CheckPath(path string) error {
	if path == "" {
		return fmt.Errorf("metric path is empty")
	}
	for i, part := range strings.Split(path, ".") {
		if part == "" {
			return fmt.Errorf("metric %q: part %d is empty", path, i+1)
		}
		for _, r := range part {
			ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == ':'
			if !ok {
				return fmt.Errorf("metric %q: part %q holds %q (allowed: letters, digits, '-', '_', ':')", path, part, r)
			}
		}
	}
	return nil
}

// Lookup returns the value at path in a decoded summary: a number, or a
// boolean as 1 (true) or 0 (false). It is (0, false) when a part is missing
// or the value there is anything else (text, null, an object, an array).
func Lookup(summary map[string]any, path string) (float64, bool) {
	v, ok := resolve(summary, path)
	if !ok {
		return 0, false
	}
	switch x := v.(type) {
	case float64:
		return x, true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// Hours lists the "hour" of every element of the per-hour array at path
// (e.g. "by_hour" or "attractions.space-coaster.wait_by_hour"), in the
// array's order; nil when the summary has no array there.
func Hours(summary map[string]any, path string) []string {
	v, ok := resolve(summary, path)
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		return nil
	}
	var hours []string
	for _, e := range arr {
		if obj, ok := e.(map[string]any); ok {
			if h, ok := obj["hour"].(string); ok {
				hours = append(hours, h)
			}
		}
	}
	return hours
}

// resolve walks path through nested objects and arrays.
func resolve(v any, path string) (any, bool) {
	if path == "" {
		return nil, false
	}
	for _, part := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[part]
			if !ok {
				return nil, false
			}
			v = next
		case []any:
			next, ok := element(x, part)
			if !ok {
				return nil, false
			}
			v = next
		default:
			return nil, false
		}
	}
	return v, true
}

// element finds an array's element by its id, its hour, or its index.
func element(arr []any, part string) (any, bool) {
	i := slices.IndexFunc(arr, func(e any) bool {
		obj, ok := e.(map[string]any)
		if !ok {
			return false
		}
		return obj["id"] == part || obj["hour"] == part
	})
	if i >= 0 {
		return arr[i], true
	}
	n, err := strconv.Atoi(part)
	if err != nil || n < 0 || n >= len(arr) || strconv.Itoa(n) != part {
		return nil, false
	}
	return arr[n], true
}
