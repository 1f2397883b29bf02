//go:build unix

package main

import (
	"os"
	"syscall"
)

// renameOntoEmpty renames directory from onto the empty directory to, which
// rename(2) allows and os.Rename does not.
func renameOntoEmpty(from, to string) error {
	if err := syscall.Rename(from, to); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}
