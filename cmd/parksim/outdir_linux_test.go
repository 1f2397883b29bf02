package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// On Linux DIR is replaced by an atomic exchange, not the two-rename
// fallback, wherever the filesystem allows it.
func TestExchangeSwapsDirectories(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	require.NoError(t, os.MkdirAll(filepath.Join(a, "in-a"), 0o755))
	require.NoError(t, os.MkdirAll(filepath.Join(b, "in-b"), 0o755))
	err := exchange(a, b)
	if errors.Is(err, errCannotExchange) {
		t.Skip("this kernel or filesystem cannot exchange directories")
	}
	require.NoError(t, err)
	require.DirExists(t, filepath.Join(a, "in-b"))
	require.DirExists(t, filepath.Join(b, "in-a"))
}
