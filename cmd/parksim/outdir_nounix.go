//go:build !unix

package main

import "os"

// renameOntoEmpty renames directory from onto the empty directory to.
func renameOntoEmpty(from, to string) error {
	if err := os.Remove(to); err != nil {
		return err
	}
	return os.Rename(from, to)
}
