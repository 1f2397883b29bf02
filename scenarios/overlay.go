package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Document is a TOML file decoded with the place of every key, read under
// the limits of scenario files. Files that hold parts of scenarios, such
// as experiment files, are read as documents so that their problems name
// file, line and key as a scenario's do, and so that their parts can be
// laid over a scenario (see Scenario.With).
type Document struct {
	File string
	Root map[string]any
	src  *source
}

// ParseDocument decodes TOML source as a document; file names it in
// messages. It refuses what Parse refuses before reading a scenario:
// syntax errors, files beyond MaxFileBytes, nesting and arrays beyond the
// limits. An `extends` key is an ordinary key here.
func ParseDocument(file string, src []byte) (*Document, error) {
	s, _, err := decodeFile(file, src, 0)
	if err != nil {
		return nil, err
	}
	return &Document{File: file, Root: s.m, src: s}, nil
}

// LoadDocument reads a document from a file: a regular file of at most
// MaxFileBytes, as Load reads a scenario.
func LoadDocument(path string) (*Document, error) {
	src, err := readFile(path)
	if err != nil {
		// readFile words its refusals for scenarios; a document is any TOML file.
		msg := strings.ReplaceAll(err.Error(), "scenario file", "TOML file")
		return nil, Problems{{File: path, Message: msg}}
	}
	return ParseDocument(path, src)
}

// Problem is a problem with the document's key (a path such as
// "variant[1].name"), placed where the key, or the closest table around
// it, was written.
func (d *Document) Problem(key, format string, args ...any) Problem {
	p := Problem{File: d.File, Key: key, Message: fmt.Sprintf(format, args...)}
	for k := key; k != ""; k = parentKey(k) {
		if at, ok := d.src.places[k]; ok {
			p.Line, p.Col = at.Line, at.Col
			break
		}
	}
	return p
}

// Value is the document's value at key, a path of dotted keys and [i]
// indices into arrays ("variant[1].attraction"); nil if there is none.
func (d *Document) Value(key string) any {
	var v any = d.Root
	for _, part := range strings.Split(key, ".") {
		name, idx := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 {
			name = part[:i]
			if _, err := fmt.Sscanf(part[i:], "[%d]", &idx); err != nil {
				return nil
			}
		}
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[name]
		if idx < 0 {
			continue
		}
		switch l := v.(type) {
		case []map[string]any:
			if idx >= len(l) {
				return nil
			}
			v = l[idx]
		case []any:
			if idx >= len(l) {
				return nil
			}
			v = l[idx]
		default:
			return nil
		}
	}
	return v
}

// Line is the line the document's key was written on, 0 if it was not.
func (d *Document) Line(key string) int { return d.src.places[key].Line }

// With returns the scenario with the document's table at key laid over
// it, as a file that extends the scenario would be: tables merge key by
// key, arrays of tables with ids entry by id, any other value replaces
// the scenario's. The result keeps the scenario's name and file; its
// problems name the document's lines for the keys the overlay wrote.
func (s *Scenario) With(d *Document, key string) (*Scenario, error) {
	t, ok := d.Value(key).(map[string]any)
	if !ok {
		return nil, Problems{d.Problem(key, "must be a table of scenario keys")}
	}
	if _, ok := t["extends"]; ok {
		return nil, Problems{d.Problem(key+".extends", "an overlay is laid over a scenario already: name the scenario to start from where the scenarios are listed")}
	}
	over := &source{m: make(map[string]any, len(t)), places: map[string]place{}}
	for k, v := range t {
		if k != "name" { // an overlay does not rename the scenario
			over.m[k] = v
		}
	}
	prefix := key + "."
	for k, p := range d.src.places {
		if strings.HasPrefix(k, prefix) {
			over.places[k[len(prefix):]] = p
		}
	}
	return s.overlay(over)
}

// WithKey returns the scenario with one key set, written as a dotted path
// of the scenario's own keys in which an entry of an array of tables is
// named by its id: "guests.mobile_order", or "attraction.space-coaster.capacity"
// for the capacity of the attraction with id space-coaster. value is as
// TOML decodes it (a string, an int64, a float64, a bool); docKey is
// where the document wrote it, for problems.
func (s *Scenario) WithKey(d *Document, docKey, path string, value any) (*Scenario, error) {
	parts := strings.Split(path, ".")
	if slices.Contains(parts, "") {
		return nil, Problems{d.Problem(docKey, "%q is not a scenario key: write its parts with dots, such as guests.mobile_order", path)}
	}
	at := d.src.places[docKey]
	at.key = docKey
	over := &source{m: map[string]any{}, places: map[string]place{}}
	base, into := s.src.m, over.m
	key := ""
	for i := 0; i < len(parts); i++ {
		name := parts[i]
		key = join(key, name)
		over.places[key] = at
		if i == len(parts)-1 {
			into[name] = value
			break
		}
		switch b := base[name].(type) {
		case []map[string]any:
			if i+1 == len(parts)-1 {
				return nil, Problems{d.Problem(docKey, "%s needs an entry's id and a key: %s.ID.KEY", path, strings.Join(parts[:i+1], "."))}
			}
			id := parts[i+1]
			j := indexOfID(b, id)
			if j < 0 {
				return nil, Problems{d.Problem(docKey, "the scenario %s has no %s with id %q%s", s.Name, name, id, ids(b))}
			}
			entry := map[string]any{"id": id}
			into[name] = []map[string]any{entry}
			key = indexKey(key, 0)
			over.places[key] = at
			base, into = b[j], entry
			i++
		case map[string]any:
			next := map[string]any{}
			into[name] = next
			base, into = b, next
		case nil:
			next := map[string]any{}
			into[name] = next
			base, into = map[string]any{}, next
		default:
			return nil, Problems{d.Problem(docKey, "%s is not a table in the scenario %s, so %s is not one of its keys", strings.Join(parts[:i+1], "."), s.Name, path)}
		}
	}
	return s.overlay(over)
}

// ids lists the ids of an array of tables, for a message.
func ids(list []map[string]any) string {
	var names []string
	for _, e := range list {
		if id, ok := e["id"].(string); ok {
			names = append(names, id)
		}
	}
	if len(names) == 0 {
		return ""
	}
	if len(names) > 12 {
		names = append(names[:12], "…")
	}
	return "; it has " + strings.Join(names, ", ")
}

// overlay merges over on a copy of the scenario's source and reads the
// result as a scenario.
func (s *Scenario) overlay(over *source) (*Scenario, error) {
	merged := &source{m: clone(s.src.m).(map[string]any), places: make(map[string]place, len(s.src.places))}
	for k, p := range s.src.places {
		merged.places[k] = p
	}
	merged.merge("", over, "")
	r := &reader{file: s.File, places: merged.places}
	if r.checkCounts(merged.m); len(r.probs) > 0 {
		return nil, r.result()
	}
	_, desc, cfg := readPark(r.root(merged.m))
	if ps := r.result(); ps != nil {
		return nil, ps
	}
	cfg.Name = s.Name
	return &Scenario{Name: s.Name, File: s.File, Description: desc, Park: cfg, src: merged}, nil
}

// clone copies decoded TOML deeply, so that merging over the copy leaves
// the original as it was.
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = clone(e)
		}
		return m
	case []map[string]any:
		l := make([]map[string]any, len(x))
		for i, e := range x {
			l[i] = clone(e).(map[string]any)
		}
		return l
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = clone(e)
		}
		return l
	}
	return v
}

// Fingerprint is a hash of what the scenario says, extends and overlays
// resolved: two scenarios with the same fingerprint run the same day.
// Comments, layout and the order of keys do not change it.
func (s *Scenario) Fingerprint() string {
	b, err := json.Marshal(s.src.m) // maps encode with their keys sorted
	if err != nil {
		panic(fmt.Sprintf("scenarios: a decoded scenario does not encode: %v", err))
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
