package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// A checked run prints and writes what an unchecked one does.
func TestRunCheckChangesNoOutput(t *testing.T) {
	dir := t.TempDir()
	plain := mustRun(t, "run", "small", "--seed", "3", "--out", filepath.Join(dir, "plain"))
	checked := mustRun(t, "run", "small", "--check", "--seed", "3", "--out", filepath.Join(dir, "checked"))
	require.Equal(t, plain.stdout, checked.stdout)
	require.NotContains(t, checked.stderr, "check failed")
	for _, f := range outputFiles {
		require.Equal(t, string(readFile(t, filepath.Join(dir, "plain", f))), string(readFile(t, filepath.Join(dir, "checked", f))), f)
	}
	require.True(t, strings.Contains(runUsage, "--check"), "the usage documents --check")
}
