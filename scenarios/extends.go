package scenarios

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// place is where a key was written: which file, where in it, and the key
// as that file wrote it. With extends, an entry's index in the merged array
// (attraction[25]) is not the index it has in its file (attraction[0]);
// problems name the latter, which the planner can find.
type place struct {
	file string
	pos
	key  string
	huge string // a number literal no Go number holds, decoded as 0: see hugeNumber
}

// source is a decoded scenario file, with where each key came from. When
// the file extends another, it is the merge of the two.
type source struct {
	m      map[string]any
	places map[string]place
}

// maxExtends bounds a chain of extends: deeper is surely a cycle or a typo.
const maxExtends = 8

// decode reads file's TOML and, if it says extends = "…", merges it over
// the scenario it extends: an embedded name, or a file path relative to it.
//
// work is what the scans of the files that extend this one have charged
// against maxWork already.
func decode(file string, src []byte, depth, work int) (*source, error) {
	s, work, err := decodeFile(file, src, work)
	if err != nil {
		return nil, err
	}
	m := s.m
	parent, ok := m["extends"]
	if !ok {
		return s, nil
	}
	delete(m, "extends")
	at := s.places["extends"]
	name, isStr := parent.(string)
	if !isStr || name == "" {
		return nil, Problems{{File: file, Line: at.Line, Col: at.Col, Key: "extends", Message: "must name a scenario: an embedded one or a file"}}
	}
	if depth >= maxExtends {
		return nil, Problems{{File: file, Line: at.Line, Col: at.Col, Key: "extends", Message: fmt.Sprintf("scenarios extend each other more than %d deep: is there a cycle?", maxExtends)}}
	}
	pfile, psrc, err := findParent(file, name)
	if err != nil {
		return nil, Problems{{File: file, Line: at.Line, Col: at.Col, Key: "extends", Message: err.Error()}}
	}
	base, err := decode(pfile, psrc, depth+1, work)
	if err != nil {
		return nil, err
	}
	base.merge("", s, "")
	if _, named := m["name"]; !named {
		// A variant is its own scenario: without a name, it takes its file's.
		delete(base.m, "name")
		delete(base.places, "name")
	}
	return base, nil
}

// decodeFile decodes one file's TOML with the place of every key, within
// the limits on size, nesting and work (work is what earlier files of an
// extends chain charged already), and returns the work charged by the
// end of this one.
func decodeFile(file string, src []byte, work int) (*source, int, error) {
	if len(src) > MaxFileBytes {
		return nil, 0, Problems{{File: file, Message: tooLarge(int64(len(src)))}}
	}
	// Positions first: the scan also refuses nesting and arrays that would
	// make the decoder's memory explode.
	scan := scanKeysAfter(string(src), work)
	if p := scan.limitProblem(file); p != nil {
		return nil, 0, Problems{*p}
	}
	var m map[string]any
	if _, err := toml.Decode(scan.scenarioSource(), &m); err != nil {
		return nil, 0, syntaxProblem(file, err)
	}
	s := &source{m: m, places: map[string]place{}}
	for k, p := range scan.out {
		s.places[k] = place{file: file, pos: p, key: k, huge: scan.huge[k].lit}
	}
	return s, scan.work, nil
}

// findParent locates the scenario a file extends: a file beside it if name
// looks like one, else an embedded scenario.
func findParent(file, name string) (string, []byte, error) {
	if looksLikePath(name) {
		path := name
		if !filepath.IsAbs(path) && !strings.HasPrefix(file, "embedded:") {
			path = filepath.Join(filepath.Dir(file), name)
		}
		src, err := readFile(path)
		if err != nil {
			return "", nil, fmt.Errorf("%s: %v", path, err)
		}
		return path, src, nil
	}
	src, err := embedded.ReadFile(name + ".toml")
	if err != nil {
		return "", nil, fmt.Errorf("no embedded scenario %q to extend; the embedded scenarios are %s", name, strings.Join(Embedded(), ", "))
	}
	return "embedded:" + name, src, nil
}

// merge lays the child's table at childPath over this source's table at
// path: tables merge key by key; arrays of tables whose entries have ids
// merge entry by id (a new id is appended); other arrays of tables are
// appended; any other value replaces the base's.
func (s *source) merge(path string, child *source, childPath string) {
	base := s.table(path)
	from := child.table(childPath)
	keys := make([]string, 0, len(from))
	for k := range from {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		cv := from[k]
		bp, cp := join(path, k), join(childPath, k)
		switch bv := base[k].(type) {
		case map[string]any:
			if _, ok := cv.(map[string]any); ok {
				s.places[bp] = child.places[cp]
				s.merge(bp, child, cp)
				continue
			}
		case []map[string]any:
			if cl, ok := cv.([]map[string]any); ok {
				for j, entry := range cl {
					i := indexOfID(bv, entry["id"])
					if i < 0 {
						bv = append(bv, map[string]any{})
						i = len(bv) - 1
					}
					base[k] = bv
					be, ce := indexKey(bp, i), indexKey(cp, j)
					s.places[be] = child.places[ce]
					s.merge(be, child, ce)
				}
				continue
			}
		}
		base[k] = cv
		s.forget(bp)
		for key, p := range child.places {
			if key == cp || strings.HasPrefix(key, cp+".") || strings.HasPrefix(key, cp+"[") {
				s.places[bp+key[len(cp):]] = p
			}
		}
	}
}

// table returns the table at a path made by merge: dotted keys and [i]
// indices into arrays of tables.
func (s *source) table(path string) map[string]any {
	t := s.m
	if path == "" {
		return t
	}
	for _, part := range strings.Split(path, ".") {
		name, idx := part, -1
		if i := strings.IndexByte(part, '['); i >= 0 {
			name = part[:i]
			fmt.Sscanf(part[i:], "[%d]", &idx)
		}
		switch v := t[name].(type) {
		case map[string]any:
			t = v
		case []map[string]any:
			t = v[idx]
		}
	}
	return t
}

// forget drops the places of a key and everything under it.
func (s *source) forget(key string) {
	for k := range s.places {
		if k == key || strings.HasPrefix(k, key+".") || strings.HasPrefix(k, key+"[") {
			delete(s.places, k)
		}
	}
}

// indexOfID finds the entry with the given id, -1 when id is absent or new.
func indexOfID(list []map[string]any, id any) int {
	if id == nil {
		return -1
	}
	for i, e := range list {
		if e["id"] == id {
			return i
		}
	}
	return -1
}
