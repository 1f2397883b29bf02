package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"parksim/park"
	"parksim/sim"
)

//go:embed *.toml
var embedded embed.FS

// Scenario is one validated park day.
type Scenario struct {
	Name        string // the scenario's name: its `name` key, else its file name
	File        string // where it came from, for messages: a path or "embedded:NAME"
	Description string
	Park        park.Config
}

// Parse reads a scenario from TOML source; file names it in messages. A bad
// scenario yields Problems listing everything wrong with it.
func Parse(file string, src []byte) (*Scenario, error) {
	src2, err := decode(file, src, 0)
	if err != nil {
		return nil, err
	}
	r := &reader{file: file, places: src2.places}
	name, desc, cfg := readPark(r.root(src2.m))
	if len(r.probs) > 0 {
		return nil, r.probs
	}
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		cfg.Name = name
	}
	return &Scenario{Name: name, File: file, Description: desc, Park: cfg}, nil
}

func syntaxProblem(file string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return Problems{{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Key: pe.LastKey, Message: pe.Message}}
	}
	return Problems{{File: file, Message: err.Error()}}
}

// Load reads a scenario file.
func Load(path string) (*Scenario, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, Problems{{File: path, Message: fmt.Sprintf("cannot read: %v", errors.Unwrap(err))}}
	}
	return Parse(path, src)
}

// Embedded returns the names of the scenarios built into the program, sorted.
func Embedded() []string {
	entries, _ := fs.ReadDir(embedded, ".")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".toml"))
	}
	slices.Sort(names)
	return names
}

// LoadEmbedded reads a scenario built into the program.
func LoadEmbedded(name string) (*Scenario, error) {
	src, err := embedded.ReadFile(name + ".toml")
	if err != nil {
		return nil, fmt.Errorf("no embedded scenario %q; the embedded scenarios are %s", name, strings.Join(Embedded(), ", "))
	}
	return Parse("embedded:"+name, src)
}

// Open reads the scenario named by arg: a file if arg looks like a path
// (see looksLikePath) or names a file in the working directory, otherwise an
// embedded scenario.
func Open(arg string) (*Scenario, error) {
	if looksLikePath(arg) {
		return Load(arg)
	}
	if st, err := os.Stat(arg); err == nil && !st.IsDir() {
		return Load(arg)
	}
	return LoadEmbedded(arg)
}

// looksLikePath reports whether a scenario name is a file's path rather than
// an embedded scenario's name: it ends in .toml or holds a path separator.
func looksLikePath(name string) bool {
	return strings.HasSuffix(name, ".toml") || strings.ContainsRune(name, '/') || strings.ContainsRune(name, os.PathSeparator)
}

// Day is a scenario ready to run: a park on a fresh engine.
type Day struct {
	Scenario *Scenario
	Engine   *sim.Engine
	Park     *park.Park
}

// Build prepares the scenario's day on a fresh engine seeded with seed.
// Each Day owns its engine, so days may be built and run in parallel.
func (s *Scenario) Build(seed uint64) (*Day, error) {
	e := sim.New(seed)
	cfg := s.Park // each day gets its own copy of the top level
	p, err := park.New(e, &cfg)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.File, err)
	}
	return &Day{Scenario: s, Engine: e, Park: p}, nil
}

// Run runs the day to its end (park closed, lines empty, everybody gone)
// and returns its summary.
func (d *Day) Run() park.Summary {
	d.Engine.Run()
	return d.Park.Summary()
}
