package scenarios

import (
	"embed"
	"errors"
	"fmt"
	"io"
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

	src *source // what the file says, extends resolved: overlays start from it
}

// Parse reads a scenario from TOML source; file names it in messages. A bad
// scenario yields Problems listing everything wrong with it. Source beyond
// the limits (MaxFileBytes, nesting, array lengths, counts of entries; see
// scenarios/README.md) is refused before it is read further.
func Parse(file string, src []byte) (*Scenario, error) {
	src2, err := decode(file, src, 0, 0)
	if err != nil {
		return nil, err
	}
	r := &reader{file: file, places: src2.places}
	if r.checkCounts(src2.m); len(r.probs) > 0 {
		return nil, r.result()
	}
	name, desc, cfg := readPark(r.root(src2.m))
	if ps := r.result(); ps != nil {
		return nil, ps
	}
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
		cfg.Name = name
	}
	return &Scenario{Name: name, File: file, Description: desc, Park: cfg, src: src2}, nil
}

func syntaxProblem(file string, err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return Problems{{File: file, Line: pe.Position.Line, Col: pe.Position.Col, Key: pe.LastKey, Message: pe.Message}}
	}
	return Problems{{File: file, Message: err.Error()}}
}

// Load reads a scenario file: a regular file of at most MaxFileBytes.
func Load(path string) (*Scenario, error) {
	src, err := readFile(path)
	if err != nil {
		return nil, Problems{{File: path, Message: err.Error()}}
	}
	return Parse(path, src)
}

// MaxFileBytes is the largest scenario file read, extends targets included.
// A park at the caps on zones and paths is about a megabyte of TOML, so
// 4 MiB leaves room for names and comments. Size alone does not bound the
// decoder's memory (4 MiB of keys eight deep took 1.2 GB); the scan's work
// budget, maxWork, does.
const MaxFileBytes = 4 << 20

// readFile reads a scenario file, refusing anything but a regular file of
// at most MaxFileBytes before reading: a device like /dev/zero or a FIFO
// would otherwise be read for ever, a directory fails obscurely.
func readFile(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, pathError(err)
	}
	if err := regular(st); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, pathError(err)
	}
	defer f.Close()
	// The file may have been swapped since Stat; what was opened is what counts.
	if st, err = f.Stat(); err != nil {
		return nil, pathError(err)
	}
	if err := regular(st); err != nil {
		return nil, err
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, pathError(err)
	}
	if len(src) > MaxFileBytes {
		return nil, errors.New(tooLarge(int64(len(src))))
	}
	return src, nil
}

// regular refuses what is not a regular file of sensible size.
func regular(st fs.FileInfo) error {
	switch m := st.Mode(); {
	case m.IsDir():
		return errors.New("is a directory, not a scenario file")
	case m&fs.ModeNamedPipe != 0:
		return errors.New("is a pipe (FIFO), not a scenario file")
	case m&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return errors.New("is a device, not a scenario file")
	case !m.IsRegular():
		return errors.New("is not a regular file")
	case st.Size() > MaxFileBytes:
		return errors.New(tooLarge(st.Size()))
	}
	return nil
}

func tooLarge(n int64) string {
	return fmt.Sprintf("is %d bytes: a scenario file may be at most %d MiB (%d bytes)", n, MaxFileBytes>>20, MaxFileBytes)
}

// pathError words a failure of the system to read: messages name the file
// already, so the operation and path of an *fs.PathError are dropped.
func pathError(err error) error {
	if u := errors.Unwrap(err); u != nil {
		err = u
	}
	return fmt.Errorf("cannot read: %w", err)
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
// embedded scenario. A name that is neither, but is a directory or has a
// .toml file beside it, gets a message about that file.
func Open(arg string) (*Scenario, error) {
	if looksLikePath(arg) {
		return Load(arg)
	}
	st, err := os.Stat(arg)
	if err == nil && !st.IsDir() {
		return Load(arg)
	}
	if _, e := embedded.ReadFile(arg + ".toml"); e == nil {
		return LoadEmbedded(arg)
	}
	if err == nil {
		return Load(arg) // a directory: say that rather than "no embedded scenario"
	}
	_, err = LoadEmbedded(arg)
	if st, e := os.Stat(arg + ".toml"); e == nil && !st.IsDir() {
		return nil, fmt.Errorf("%w; did you mean ./%s.toml?", err, arg)
	}
	return nil, err
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

// RunChecked runs the day as Run does with an invariant checker watching
// (see park.Checker), and stops at the first broken rule: the error is
// that violation, and the summary is then of the day so far. Without a
// violation the summary is Run's, to the byte.
func (d *Day) RunChecked() (park.Summary, error) {
	c := park.NewChecker(d.Park)
	d.Park.AddRecorder(c)
	return d.RunWatched(c)
}

// RunWatched runs the day until its end or until c, a checker already
// among the park's recorders (directly or behind another recorder),
// reports a violation, and returns the summary and that violation. Run
// itself pays nothing for a check it does not make: only this loop asks
// the checker after every event.
func (d *Day) RunWatched(c *park.Checker) (park.Summary, error) {
	for c.Failed() == nil && d.Engine.Step() {
	}
	stopped := c.Failed() != nil
	sum := d.Park.Summary()
	if !stopped {
		c.End()
	}
	return sum, c.Failed()
}
