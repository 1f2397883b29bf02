package batch

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"parksim/park"
)

// hourLabel is how summary.json names an hour: "09:00", "24:00".
var hourLabel = regexp.MustCompile(`^[0-9]{2}:00$`)

// checkSummaryPath checks a metric's path against what summary.json can
// hold for the scenario s: every key must be one the summary's type
// has, an element of a list must be named by an id the scenario has (or
// by an hour, "12:00", or an index), and the path must end at a number
// or a boolean. It judges the type, not a day: a figure that only some
// days have (an hour nobody ate in) passes.
func checkSummaryPath(path string, cfg *park.Config) error {
	ids := map[string][]string{}
	for _, a := range cfg.Attractions {
		ids["attractions"] = append(ids["attractions"], a.ID)
	}
	for _, r := range cfg.Restaurants {
		ids["restaurants"] = append(ids["restaurants"], r.ID)
	}
	for _, m := range cfg.Merchants {
		ids["shops"] = append(ids["shops"], m.ID)
	}
	for _, p := range cfg.Guests.Personas {
		ids["personas"] = append(ids["personas"], p.ID)
	}
	t := reflect.TypeFor[park.Summary]()
	parts := strings.Split(path, ".")
	for i := 0; i < len(parts); i++ {
		part := parts[i]
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		at := strings.Join(parts[:i], ".")
		switch t.Kind() {
		case reflect.Struct:
			f, ok := jsonField(t, part)
			if !ok {
				return fmt.Errorf("summary.json has no %q%s; the keys there are %s", part, under(at), strings.Join(jsonFields(t), ", "))
			}
			t = f.Type
			if f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() != reflect.Uint8 {
				list := f.Tag.Get("json")
				list = list[:strings.IndexByte(list+",", ',')]
				i++
				if i == len(parts) {
					return fmt.Errorf("%s is a list: name one of its entries by its id or its hour, as in %s.ID.KEY", path, path)
				}
				el := parts[i]
				switch known := ids[list]; {
				case known != nil && !slices.Contains(known, el) && !allDigits(el):
					return fmt.Errorf("the scenario %s has no %s %q; it has %s", cfg.Name, strings.TrimSuffix(list, "s"), el, strings.Join(known, ", "))
				case known == nil && strings.Contains(list, "hour") && !hourLabel.MatchString(el) && !allDigits(el):
					return fmt.Errorf("%q in %s is not an hour: write it as the summary does, such as 12:00", el, path)
				}
				t = f.Type.Elem()
			}
		case reflect.Map:
			t = t.Elem() // keys such as the reasons of taps.denied are the day's own
		default:
			return fmt.Errorf("%s is a figure already: %q after it is not", strings.Join(parts[:i], "."), part)
		}
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Uint64, reflect.Uint32, reflect.Float64, reflect.Bool:
		return nil
	}
	return fmt.Errorf("%s is not a figure but a group of them; name one, such as %s.%s", path, path, firstOr(jsonFields(t), "KEY"))
}

func under(at string) string {
	if at == "" {
		return " at the top"
	}
	return " under " + at
}

func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func firstOr(l []string, d string) string {
	if len(l) > 0 {
		return l[0]
	}
	return d
}

// jsonField finds the field of struct type t that JSON names name.
func jsonField(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			if g, ok := jsonField(f.Type, name); ok { // an embedded struct's fields are the outer one's
				return g, true
			}
			continue
		}
		if n := tag[:strings.IndexByte(tag+",", ',')]; n == name && n != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// jsonFields lists the JSON names of struct type t's fields.
func jsonFields(t reflect.Type) []string {
	if t.Kind() != reflect.Struct {
		return nil
	}
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			names = append(names, jsonFields(f.Type)...)
			continue
		}
		if n := tag[:strings.IndexByte(tag+",", ',')]; n != "" && n != "-" {
			names = append(names, n)
		}
	}
	return names
}
