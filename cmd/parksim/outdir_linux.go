package main

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps two directories in one atomic step (renameat2 with
// RENAME_EXCHANGE), so the target never stops existing.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) {
		// An old kernel, or a filesystem that cannot exchange.
		return errCannotExchange
	}
	return err
}
