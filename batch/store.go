package batch

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// A batch's folder holds plan.json, the plan it runs, and units/, one file
// per unit run. Every file is written to a temporary name beside its place
// and renamed into it once complete, so a unit's file is either whole or
// absent, however the batch was stopped. Shards of one plan share the
// folder: each writes only its own units.
const (
	planFile = "plan.json"
	unitsDir = "units"
)

// Store is a batch's folder, opened for one plan.
type Store struct {
	Dir  string
	Plan *Plan
}

// PlanMismatchError is a folder that holds another plan's results.
type PlanMismatchError struct {
	Dir, Have, Want string
}

func (e *PlanMismatchError) Error() string {
	return fmt.Sprintf("%s holds the results of another plan (hash %.12s, this one is %.12s): the experiment, its scenarios or the program changed; write into a new folder, or remove this one", e.Dir, e.Have, e.Want)
}

// CorruptError is a file of a batch's folder that is not what parksim
// wrote: cut short, edited or of another format.
type CorruptError struct {
	File, Reason string
}

func (e *CorruptError) Error() string { return fmt.Sprintf("%s: %s", e.File, e.Reason) }

// OpenStore opens dir for plan p, creating it and writing plan.json if
// they are not there. A folder with another plan's plan.json is refused
// with a *PlanMismatchError.
func OpenStore(dir string, p *Plan) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, unitsDir), 0o755); err != nil {
		return nil, err
	}
	have, err := ReadPlan(dir)
	switch {
	case err == nil && have.Hash != p.Hash:
		return nil, &PlanMismatchError{Dir: dir, Have: have.Hash, Want: p.Hash}
	case err == nil:
	case errors.Is(err, os.ErrNotExist):
		b, err := json.MarshalIndent(p, "", "  ")
		if err != nil {
			return nil, err
		}
		if err := writeAtomic(filepath.Join(dir, planFile), append(b, '\n')); err != nil {
			return nil, err
		}
	default:
		return nil, err
	}
	return &Store{Dir: dir, Plan: p}, nil
}

// ReadPlan reads the plan.json of a batch's folder and checks it: its
// format, and its hash against its contents.
func ReadPlan(dir string) (*Plan, error) {
	path := filepath.Join(dir, planFile)
	b, err := readSmall(path)
	if err != nil {
		return nil, err
	}
	var p Plan
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, &CorruptError{path, "not a plan parksim wrote: " + err.Error()}
	}
	if p.Format != PlanFormat {
		return nil, &CorruptError{path, fmt.Sprintf("format %q, not %q", p.Format, PlanFormat)}
	}
	if len(p.Alternatives) == 0 || p.Reps() < 2 {
		return nil, &CorruptError{path, "the plan has no alternatives or replications"}
	}
	if h := p.hash(); h != p.Hash {
		return nil, &CorruptError{path, "its hash does not match its contents: it was edited or damaged"}
	}
	return &p, nil
}

// maxUnitBytes bounds a unit's file: a summary.json of a park at every
// cap is a few megabytes.
const maxUnitBytes = 64 << 20

func readSmall(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &CorruptError{path, "not a regular file"}
	}
	b, err := io.ReadAll(io.LimitReader(f, maxUnitBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxUnitBytes {
		return nil, &CorruptError{path, fmt.Sprintf("larger than %d MiB: not a file parksim wrote", maxUnitBytes>>20)}
	}
	return b, nil
}

// unitStem is the file name of a unit's results without its extension:
// the id made safe for file names, and a short hash of the id so that two
// ids never share a name.
func unitStem(id string) string {
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '.', r == '=':
			return r
		}
		return '_'
	}, id)
	h := sha256.Sum256([]byte(id))
	return safe + "-" + hex.EncodeToString(h[:4])
}

// UnitPath is where a unit's result is in a batch's folder.
func UnitPath(dir, id string) string {
	return filepath.Join(dir, unitsDir, unitStem(id)+".json")
}

// Write stores a unit's summary.json bytes as its result.
// The summary is kept compact, as the result's JSON holds it, and the
// checksum is of those bytes.
func (s *Store) Write(u Unit, summary []byte) error {
	var compact bytes.Buffer
	if err := json.Compact(&compact, summary); err != nil {
		return fmt.Errorf("unit %s: its summary is not JSON: %w", u.ID, err)
	}
	h := sha256.Sum256(compact.Bytes())
	r := Result{Format: UnitFormat, Plan: s.Plan.Hash, Unit: u.ID, Seed: u.Seed,
		Summary: json.RawMessage(compact.Bytes()), SHA256: hex.EncodeToString(h[:])}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // the summary's bytes stay as they are, so its checksum holds
	if err := enc.Encode(&r); err != nil {
		return err
	}
	return writeAtomic(UnitPath(s.Dir, u.ID), b.Bytes())
}

// WriteExtra stores another output file of a unit beside its result
// ("attractions.csv", say), written before the result itself.
func (s *Store) WriteExtra(u Unit, name string, fill func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(s.Dir, unitsDir, unitStem(u.ID)+"."+name), buf.Bytes())
}

// Read reads a unit's result from dir and checks it: its format, its plan,
// its unit, its checksum. A unit not run yet is an error satisfying
// errors.Is(err, os.ErrNotExist); a damaged one a *CorruptError.
func ReadUnit(dir string, p *Plan, u Unit) (Outcome, error) {
	path := UnitPath(dir, u.ID)
	b, err := readSmall(path)
	if err != nil {
		return Outcome{}, err
	}
	var r Result
	if err := json.Unmarshal(b, &r); err != nil {
		return Outcome{}, &CorruptError{path, "not a unit's result: " + err.Error()}
	}
	switch {
	case r.Format != UnitFormat:
		return Outcome{}, &CorruptError{path, fmt.Sprintf("format %q, not %q", r.Format, UnitFormat)}
	case r.Plan != p.Hash:
		return Outcome{}, &CorruptError{path, fmt.Sprintf("a result of another plan (hash %.12s, not %.12s)", r.Plan, p.Hash)}
	case r.Unit != u.ID || r.Seed != u.Seed:
		return Outcome{}, &CorruptError{path, fmt.Sprintf("the result of unit %s seed %d, not of %s seed %d", r.Unit, r.Seed, u.ID, u.Seed)}
	}
	h := sha256.Sum256(r.Summary)
	if hex.EncodeToString(h[:]) != r.SHA256 {
		return Outcome{}, &CorruptError{path, "its checksum does not match its summary: it was edited or damaged"}
	}
	var sum map[string]any
	if err := json.Unmarshal(r.Summary, &sum); err != nil {
		return Outcome{}, &CorruptError{path, "its summary does not decode: " + err.Error()}
	}
	return Outcome{Unit: u, Summary: sum}, nil
}

// writeAtomic writes data to path through a temporary file beside it,
// synced before it is renamed into place.
func writeAtomic(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
			err = fmt.Errorf("writing %s: %w", path, err)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
