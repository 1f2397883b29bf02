package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A write to standard output or standard error that fails is exit 1 with a
// message, for every command that prints.
func TestFailedWritesToStandardStreams(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer full.Close()
	for _, args := range [][]string{
		{"run", "small"},
		{"run", "small", "--out", filepath.Join(t.TempDir(), "out")},
		{"scenarios"},
		{"help"},
		{"help", "run"},
		{"help", "help"},
		{"validate", "--help"},
		{"run", "--help"},
	} {
		var stderr bytes.Buffer
		code := run(args, full, &stderr)
		assert.Equal(t, exitInternal, code, "parksim %q > /dev/full\nstderr:\n%s", args, stderr.String())
		assert.Contains(t, stderr.String(), "parksim: cannot write standard output: write /dev/full: no space left on device", "parksim %q", args)
	}
	// validate prints nothing on success, so a full stdout is no failure;
	// its problems go to stderr.
	var stderr bytes.Buffer
	assert.Equal(t, exitOK, run([]string{"validate", "small"}, full, &stderr))
	// The timing line of run goes to stderr.
	var stdout bytes.Buffer
	assert.Equal(t, exitInternal, run([]string{"run", "small"}, &stdout, full))
	assert.Contains(t, stdout.String(), "small, seed 1")

	// And through the real redirection, as a shell does it.
	cmd := program(t, nil, "run", "small")
	cmd.Stdout = full
	var childErr bytes.Buffer
	cmd.Stderr = &childErr
	_ = cmd.Run()
	assert.Equal(t, exitInternal, cmd.ProcessState.ExitCode(), "stderr:\n%s", childErr.String())
	assert.Contains(t, childErr.String(), "cannot write standard output")
}
