package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
)

// output is one file `run --out` can write.
type output struct {
	name string // as --outputs spells it
	file string
}

// allOutputs are the files `run --out` writes, in the order it writes them.
var allOutputs = []output{
	{"summary", "summary.json"},
	{"attractions", "attractions.csv"},
	{"timeseries", "timeseries.csv"},
	{"staff", "staff.csv"},
	{"taps", "taps.csv"},
}

func outputNames() string {
	names := make([]string, len(allOutputs))
	for i, o := range allOutputs {
		names[i] = o.name
	}
	return strings.Join(names, ", ")
}

// parseOutputs reads an --outputs list such as "summary,taps". The result
// is in allOutputs order, whatever the order of the list, so that the same
// choice always writes the same files the same way.
func parseOutputs(list string) ([]output, error) {
	want := map[string]bool{}
	for name := range strings.SplitSeq(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			return nil, fmt.Errorf("an empty name in %q; choose from %s", list, outputNames())
		}
		if !slices.ContainsFunc(allOutputs, func(o output) bool { return o.name == name }) {
			return nil, fmt.Errorf("unknown output %q; choose from %s", name, outputNames())
		}
		want[name] = true
	}
	var outs []output
	for _, o := range allOutputs {
		if want[o.name] {
			outs = append(outs, o)
		}
	}
	return outs, nil
}

// badOutDirError is an --out directory parksim must not replace: the user's
// choice is at fault, not the filesystem, so it is bad input.
type badOutDirError struct{ msg string }

func (e *badOutDirError) Error() string { return e.msg }

// errInterrupted is returned by an output directory's operations once a
// signal has stopped the run.
var errInterrupted = errors.New("interrupted")

// outputHook, when set (by tests), is called at each stage of writing an
// output directory: "begun" once its temporary directory exists, "wrote
// FILE" after each file and "committed" once it is in place. It lets a test
// interrupt the program at a known point.
var outputHook func(stage string)

func hook(stage string) {
	if outputHook != nil {
		outputHook(stage)
	}
}

// An outDir replaces an output directory whole. Every file is written into
// a fresh temporary directory beside the target, on the same filesystem,
// and only when all of them are complete does it take the target's place:
// on Linux by exchanging the two directories in one atomic rename, elsewhere
// (or on a filesystem that cannot exchange) by moving the old one aside and
// the new one in, then removing the old one. A reader of the directory
// therefore sees the previous run's files or this run's, never a mix, and
// at worst (the fallback, for the instant between its two renames) no
// directory at all.
type outDir struct {
	dir     string                 // the target, symbolic links resolved
	existed bool                   // the target was there before the run
	perm    os.FileMode            // the target's permissions to keep, or those of a new one
	tmp     string                 // the new contents while they are written
	old     string                 // the previous contents once swapped out, until removed
	done    bool                   // the new contents are in place
	ours    func(name string) bool // names of the files this kind of directory holds
}

// pending is the output directory a signal must clean up before the
// program exits. Every step that creates, moves or removes files holds its
// lock, so a signal never lands halfway through one.
var pending struct {
	sync.Mutex
	out     *outDir
	stopped bool
}

// beginOutDir checks that dir may be replaced and creates the temporary
// directory the outputs are written into. Doing it before the simulation
// means a directory that cannot be written is reported at once, not after
// a long run.
func beginOutDir(dir string) (*outDir, error) { return beginOutDirOf(dir, isOutputName) }

// beginOutDirOf is beginOutDir for a directory whose files are those ours
// names: an existing one holding anything else is not replaced.
func beginOutDirOf(dir string, ours func(name string) bool) (*outDir, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	o := &outDir{dir: abs, perm: 0o755, ours: ours}
	st, err := os.Lstat(abs)
	if err == nil && st.Mode()&os.ModeSymlink != 0 {
		// Replace what the link points to, and keep the link.
		if o.dir, err = filepath.EvalSymlinks(abs); err != nil {
			return nil, err
		}
		st, err = os.Stat(o.dir)
	}
	switch {
	case err == nil && !st.IsDir():
		return nil, &badOutDirError{fmt.Sprintf("--out %s: it exists and is not a directory", dir)}
	case err == nil:
		o.existed, o.perm = true, st.Mode().Perm()
		if err := checkReplaceable(o.dir, o.ours); err != nil {
			return nil, &badOutDirError{fmt.Sprintf("--out %s: %v", dir, err)}
		}
	case errors.Is(err, os.ErrNotExist) || errors.Is(err, syscall.ENOTDIR):
		// Created at commit; a path under a regular file is left to
		// MkdirAll to report, in its own words.
	default:
		return nil, err
	}
	parent := filepath.Dir(o.dir)
	if parent == o.dir {
		return nil, &badOutDirError{fmt.Sprintf("--out %s: the root directory cannot be replaced", dir)}
	}
	if wd, err := os.Getwd(); err == nil {
		if wd, err = filepath.EvalSymlinks(wd); err == nil && (wd == o.dir || strings.HasPrefix(wd, o.dir+string(filepath.Separator))) {
			return nil, &badOutDirError{fmt.Sprintf("--out %s: it holds the current directory; name a directory of its own", dir)}
		}
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	if err := o.makeTemp(parent); err != nil && !errors.Is(err, errInterrupted) {
		return nil, fmt.Errorf("--out %s: the new files are written beside it first, in %s: %w", dir, parent, err)
	} else if err != nil {
		return nil, err
	}
	hook("begun")
	return o, nil
}

func (o *outDir) makeTemp(parent string) (err error) {
	pending.Lock()
	defer pending.Unlock()
	if pending.stopped {
		return errInterrupted
	}
	// Hidden, and named after the target, so a directory left behind by a
	// run killed outright (SIGKILL, a power cut) says where it came from.
	if o.tmp, err = os.MkdirTemp(parent, "."+filepath.Base(o.dir)+".new-"); err != nil {
		return err
	}
	pending.out = o
	return nil
}

// checkReplaceable returns an error when dir holds anything but the files
// of an earlier run, which replacing the whole directory would destroy.
// The hidden temporary files of parksim's earlier versions count as its
// own.
func checkReplaceable(dir string, ours func(name string) bool) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var foreign []string
	for _, e := range entries {
		if !e.Type().IsRegular() || !ours(e.Name()) {
			foreign = append(foreign, e.Name())
		}
	}
	if len(foreign) == 0 {
		return nil
	}
	more := ""
	if len(foreign) > 3 {
		more = fmt.Sprintf(" and %d more", len(foreign)-3)
		foreign = foreign[:3]
	}
	return fmt.Errorf("it holds %s%s, which parksim did not write; the whole directory is replaced, so name a new or empty directory or one with only parksim's outputs",
		strings.Join(foreign, ", "), more)
}

func isOutputName(name string) bool {
	for _, o := range allOutputs {
		if name == o.file || strings.HasPrefix(name, "."+o.file+".") {
			return true
		}
	}
	return false
}

// write writes one output file into the new contents through a buffer, so
// that a large file streams from the park's records to the disk.
func (o *outDir) write(file string, fill func(w io.Writer) error) error {
	f, err := o.create(file)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp-like privacy is not wanted: outputs are for sharing
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Join(o.dir, file), err)
	}
	hook("wrote " + file)
	return nil
}

func (o *outDir) create(file string) (*os.File, error) {
	pending.Lock()
	defer pending.Unlock()
	if pending.stopped {
		return nil, errInterrupted
	}
	return os.OpenFile(filepath.Join(o.tmp, file), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// commit puts the new contents in the target's place and removes the old.
func (o *outDir) commit() error {
	if err := o.replace(); err != nil {
		return err
	}
	hook("committed")
	return nil
}

func (o *outDir) replace() error {
	pending.Lock()
	defer pending.Unlock()
	if pending.stopped {
		return errInterrupted
	}
	if err := os.Chmod(o.tmp, o.perm); err != nil {
		return err
	}
	st, err := os.Lstat(o.dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if err := os.Rename(o.tmp, o.dir); err != nil {
			return err
		}
	case err != nil:
		return err
	case !st.IsDir():
		return fmt.Errorf("cannot replace %s: it is no longer a directory", o.dir)
	default:
		// Checked again: something may have been put there during the run.
		if err := checkReplaceable(o.dir, o.ours); err != nil {
			return fmt.Errorf("cannot replace %s: %w", o.dir, err)
		}
		if err := o.swap(); err != nil {
			return err
		}
	}
	o.tmp, o.done = "", true
	if o.old != "" {
		err = os.RemoveAll(o.old)
		o.old = ""
		if err != nil {
			return fmt.Errorf("%s is written, but removing its previous contents failed: %w", o.dir, err)
		}
	}
	// pending.out stays, so that a signal from now on can say the outputs
	// are complete.
	return nil
}

// swap exchanges the new contents with the existing target and leaves the
// previous contents at o.old.
func (o *outDir) swap() error {
	if err := exchangeDirs(o.tmp, o.dir); err == nil {
		o.old = o.tmp
		return nil
	} else if !errors.Is(err, errCannotExchange) {
		return err
	}
	aside, err := os.MkdirTemp(filepath.Dir(o.dir), "."+filepath.Base(o.dir)+".old-")
	if err != nil {
		return err
	}
	// A directory may be renamed onto an empty one: aside is only there to
	// reserve a unique name.
	if err := renameOntoEmpty(o.dir, aside); err != nil {
		os.Remove(aside)
		return err
	}
	if err := os.Rename(o.tmp, o.dir); err != nil {
		if rerr := os.Rename(aside, o.dir); rerr != nil {
			return fmt.Errorf("%w; the previous contents of %s are in %s", err, o.dir, aside)
		}
		return err
	}
	o.old = aside
	return nil
}

// abort removes whatever the run wrote; the target stays as it was.
func (o *outDir) abort() {
	pending.Lock()
	defer pending.Unlock()
	o.cleanup()
	pending.out = nil
}

// cleanup removes the new contents, if not yet in place, or the old ones,
// if not yet removed. The caller holds pending's lock.
func (o *outDir) cleanup() {
	if o.tmp != "" {
		os.RemoveAll(o.tmp)
		o.tmp = ""
	}
	if o.old != "" {
		os.RemoveAll(o.old)
		o.old = ""
	}
}

// stopForSignal stops every output step still to come, cleans up the one in
// progress and returns what became of the output directory, for the
// signal's message.
func stopForSignal() string {
	pending.Lock()
	defer pending.Unlock()
	pending.stopped = true
	o := pending.out
	if o == nil {
		return ""
	}
	o.cleanup()
	switch {
	case o.done:
		return fmt.Sprintf("; %s was already written in full", o.dir)
	case o.existed:
		return fmt.Sprintf("; %s is as it was", o.dir)
	default:
		return fmt.Sprintf("; %s was not created", o.dir)
	}
}

// exchangeDirs is exchange, and a test's way to take the fallback.
var exchangeDirs = exchange

// errCannotExchange says the platform or filesystem cannot swap two
// directories atomically, and the two-rename fallback is needed.
var errCannotExchange = errors.New("cannot exchange directories")
