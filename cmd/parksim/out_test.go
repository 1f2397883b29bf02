package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"parksim/report"
	"parksim/scenarios"
)

// dirContents reads every file of dir by name.
func dirContents(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, name := range dirNames(t, dir) {
		files[name] = readFile(t, filepath.Join(dir, name))
	}
	return files
}

func skipWithoutSignals(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("needs POSIX signals")
	}
}

// A signal while the outputs are written leaves DIR as the previous run
// left it, with nothing temporary beside it, and exits 128 + the signal.
func TestInterruptLeavesOutDirAsItWas(t *testing.T) {
	skipWithoutSignals(t)
	tests := []struct {
		name     string
		stage    string
		sig      syscall.Signal
		code     int
		existing bool   // DIR holds a previous run
		message  string // after "stopped by SIG…; DIR"
	}{
		{"SIGINT between two files", "wrote attractions.csv", syscall.SIGINT, 130, true, " is as it was"},
		{"SIGTERM during the simulation", "begun", syscall.SIGTERM, 143, true, " is as it was"},
		{"SIGINT with every file written", "wrote taps.csv", syscall.SIGINT, 130, true, " is as it was"},
		{"SIGINT before DIR exists", "wrote summary.json", syscall.SIGINT, 130, false, " was not created"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "out")
			if tt.existing {
				mustRun(t, "run", "band-trouble", "--seed", "1", "--out", dir)
			}
			before := dirContents(t, dir)
			code, stderr := runPaused(t, tt.stage, tt.sig, "run", "band-trouble", "--seed", "2", "--out", dir)
			assert.Equal(t, tt.code, code, "stderr:\n%s", stderr)
			assert.Contains(t, stderr, "parksim: stopped by "+map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM"}[tt.sig]+"; "+dir+tt.message)
			assert.Equal(t, before, dirContents(t, dir), "DIR changed")
			want := []string{"out"}
			if !tt.existing {
				want = nil
			}
			assert.Equal(t, want, dirNames(t, parent), "only DIR, nothing temporary, beside it")
		})
	}
	t.Run("SIGINT once DIR is in place", func(t *testing.T) {
		parent := t.TempDir()
		dir := filepath.Join(parent, "out")
		mustRun(t, "run", "band-trouble", "--seed", "1", "--out", dir)
		code, stderr := runPaused(t, "committed", syscall.SIGINT, "run", "band-trouble", "--seed", "2", "--out", dir)
		assert.Equal(t, 130, code, "stderr:\n%s", stderr)
		assert.Contains(t, stderr, "parksim: stopped by SIGINT; "+dir+" was already written in full")
		assert.Equal(t, int64(2), wantInt(t, decodeSummary(t, filepath.Join(dir, "summary.json")), "summary", "seed"))
		assert.Equal(t, outputFiles, dirNames(t, dir))
		assert.Equal(t, []string{"out"}, dirNames(t, parent))
	})
}

// A write that fails halfway (here the file size limit, as a full disk
// would) leaves DIR as it was and removes every file of the failed run.
func TestFailedWriteLeavesOutDirAsItWas(t *testing.T) {
	skipWithoutSignals(t)
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	mustRun(t, "run", "band-trouble", "--seed", "1", "--out", dir)
	before := dirContents(t, dir)
	require.Greater(t, len(before["taps.csv"]), 200_000, "the tap log must be the file that fails")

	cmd := program(t, []string{fileMaxEnv + "=100000"}, "run", "band-trouble", "--seed", "2", "--out", dir)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run()
	assert.Equal(t, exitInternal, cmd.ProcessState.ExitCode(), "stderr:\n%s", stderr.String())
	assert.Contains(t, stderr.String(), "parksim run: writing "+filepath.Join(dir, "taps.csv")+":")
	assert.Contains(t, stderr.String(), "file too large")
	assert.Empty(t, stdout.String(), "no summary for a run whose outputs failed")
	assert.Equal(t, before, dirContents(t, dir), "DIR changed")
	assert.Equal(t, []string{"out"}, dirNames(t, parent), "only DIR, nothing temporary, beside it")
}

// DIR holds one run's files: a run that writes fewer files does not leave
// an earlier run's beside them.
func TestOutReplacesWholeDirectory(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	mustRun(t, "run", "small", "--seed", "1", "--out", dir)
	require.Equal(t, outputFiles, dirNames(t, dir))
	require.NoError(t, os.Chmod(dir, 0o750))

	mustRun(t, "run", "small", "--seed", "2", "--out", dir, "--outputs", "summary")
	assert.Equal(t, []string{"summary.json"}, dirNames(t, dir))
	assert.Equal(t, int64(2), wantInt(t, decodeSummary(t, filepath.Join(dir, "summary.json")), "summary", "seed"))
	assert.Equal(t, []string{"out"}, dirNames(t, parent), "the previous contents are removed")
	st, err := os.Stat(dir)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o750), st.Mode().Perm(), "DIR keeps its permissions")

	// Through a symbolic link, the directory it points to is replaced and
	// the link stays.
	link := filepath.Join(parent, "link")
	require.NoError(t, os.Symlink(dir, link))
	mustRun(t, "run", "small", "--seed", "3", "--out", link, "--outputs", "taps,summary")
	lst, err := os.Lstat(link)
	require.NoError(t, err)
	assert.NotZero(t, lst.Mode()&os.ModeSymlink, "the link is still a link")
	assert.Equal(t, []string{"summary.json", "taps.csv"}, dirNames(t, dir))
	assert.Equal(t, int64(3), wantInt(t, decodeSummary(t, filepath.Join(dir, "summary.json")), "summary", "seed"))
	assert.Equal(t, []string{"link", "out"}, dirNames(t, parent))
}

// Where directories cannot be exchanged atomically, DIR is renamed aside
// and the new one in: the result is the same.
func TestOutReplacesWholeDirectoryWithoutExchange(t *testing.T) {
	exchangeDirs = func(a, b string) error { return errCannotExchange }
	t.Cleanup(func() { exchangeDirs = exchange })
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	mustRun(t, "run", "small", "--seed", "1", "--out", dir)
	mustRun(t, "run", "small", "--seed", "2", "--out", dir, "--outputs", "summary,attractions")
	assert.Equal(t, []string{"attractions.csv", "summary.json"}, dirNames(t, dir))
	assert.Equal(t, int64(2), wantInt(t, decodeSummary(t, filepath.Join(dir, "summary.json")), "summary", "seed"))
	assert.Equal(t, []string{"out"}, dirNames(t, parent), "the previous contents are removed")
}

// Replacing DIR whole must not destroy what parksim did not write there.
func TestOutRefusesDirectoryWithOtherFiles(t *testing.T) {
	t.Run("a file of the user's", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "summary.json"), []byte("{}"), 0o644))
		r := invoke("run", "small", "--out", dir)
		assert.Equal(t, exitBadInput, r.code, "stderr:\n%s", r.stderr)
		assert.Contains(t, r.stderr, "--out "+dir+": it holds notes.txt, which parksim did not write")
		assert.Empty(t, r.stdout)
		assert.Equal(t, []string{"notes.txt", "summary.json"}, dirNames(t, dir))
		assert.Len(t, dirNames(t, filepath.Dir(dir)), 1, "no temporary directory beside DIR")
	})
	t.Run("the current directory", func(t *testing.T) {
		dir := t.TempDir()
		t.Chdir(dir)
		r := invoke("run", "small", "--out", ".")
		assert.Equal(t, exitBadInput, r.code, "stderr:\n%s", r.stderr)
		assert.Contains(t, r.stderr, "holds the current directory")
		assert.Empty(t, dirNames(t, dir))
	})
	t.Run("a regular file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "out")
		require.NoError(t, os.WriteFile(file, []byte("x"), 0o644))
		r := invoke("run", "small", "--out", file)
		assert.Equal(t, exitBadInput, r.code, "stderr:\n%s", r.stderr)
		assert.Contains(t, r.stderr, "it exists and is not a directory")
		assert.Equal(t, []byte("x"), readFile(t, file))
	})
	t.Run("hidden files of earlier versions are parksim's", func(t *testing.T) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, ".taps.csv.123456"), []byte("half a"), 0o600))
		mustRun(t, "run", "small", "--out", dir)
		assert.Equal(t, outputFiles, dirNames(t, dir))
	})
}

// The streamed files are byte for byte what report's writers produce, and
// --outputs writes the same bytes as a run of every file.
func TestOutFilesMatchTheWriters(t *testing.T) {
	for _, name := range []string{"small", "band-trouble"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			mustRun(t, "run", name, "--seed", "5", "--out", dir)

			sc, err := scenarios.Open(name)
			require.NoError(t, err)
			day, err := sc.Build(5)
			require.NoError(t, err)
			sum := day.Run()
			var js, att, ts, taps bytes.Buffer
			require.NoError(t, report.WriteJSON(&js, &sum))
			require.NoError(t, report.WriteAttractionsCSV(&att, &sum))
			require.NoError(t, report.WriteTimeseriesCSV(&ts, day.Park))
			require.NoError(t, report.WriteTapsCSV(&taps, day.Park))
			want := map[string][]byte{"summary.json": js.Bytes(), "attractions.csv": att.Bytes(),
				"timeseries.csv": ts.Bytes(), "taps.csv": taps.Bytes()}
			got := dirContents(t, dir)
			for file, b := range want {
				assert.True(t, bytes.Equal(b, got[file]), "%s differs from its writer's bytes", file)
			}

			only := filepath.Join(t.TempDir(), "only")
			mustRun(t, "run", name, "--seed", "5", "--out", only, "--outputs", "timeseries,summary")
			assert.Equal(t, map[string][]byte{"summary.json": got["summary.json"], "timeseries.csv": got["timeseries.csv"]},
				dirContents(t, only))
		})
	}
}

// --out streams the tap log to disk rather than holding a copy of it: the
// peak memory of the default day with every output exceeds the day's
// without --out by less than half the tap log's size.
func TestOutStreamsLargeFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the default day twice")
	}
	maxRSS := func(args ...string) int64 {
		cmd := program(t, nil, args...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		rss, ok := peakRSS(cmd.ProcessState)
		if !ok {
			t.Skip("no peak memory of a child process on this platform")
		}
		return rss
	}
	dir := filepath.Join(t.TempDir(), "out")
	without := maxRSS("run")
	with := maxRSS("run", "--out", dir)
	st, err := os.Stat(filepath.Join(dir, "taps.csv"))
	require.NoError(t, err)
	t.Logf("peak RSS %d MB without --out, %d MB with; taps.csv %d MB", without>>20, with>>20, st.Size()>>20)
	// Holding the tap log in memory cost several times its size; peak RSS
	// varies by some megabytes from run to run.
	assert.Less(t, with-without, st.Size()/2, "--out costs more memory than streaming should")
}
