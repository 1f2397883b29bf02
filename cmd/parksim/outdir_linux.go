package main

import (
	"os"
	"runtime"
	"syscall"
	"unsafe"
)

// renameat2 is not in package syscall on every architecture: its number,
// by GOARCH, from the kernel's tables (0 where unknown: no exchange).
var renameat2Trap = map[string]uintptr{
	"386": 353, "amd64": 316, "arm": 382, "arm64": 276, "loong64": 276,
	"mips": 4351, "mipsle": 4351, "mips64": 5311, "mips64le": 5311,
	"ppc64": 357, "ppc64le": 357, "riscv64": 276, "s390x": 347,
}[runtime.GOARCH]

const (
	atFDCWD        = -100 // AT_FDCWD, linux/fcntl.h: paths are relative to the working directory
	renameExchange = 0x2  // RENAME_EXCHANGE, linux/fs.h
)

// exchange swaps two directories in one atomic step (renameat2 with
// RENAME_EXCHANGE), so the target never stops existing.
func exchange(a, b string) error {
	if renameat2Trap == 0 {
		return errCannotExchange
	}
	pa, err := syscall.BytePtrFromString(a)
	if err != nil {
		return err
	}
	pb, err := syscall.BytePtrFromString(b)
	if err != nil {
		return err
	}
	fdcwd := atFDCWD // a variable: a negative constant does not convert to uintptr
	_, _, errno := syscall.Syscall6(renameat2Trap, uintptr(fdcwd), uintptr(unsafe.Pointer(pa)),
		uintptr(fdcwd), uintptr(unsafe.Pointer(pb)), renameExchange, 0)
	switch errno {
	case 0:
		return nil
	case syscall.ENOSYS, syscall.EINVAL:
		// An old kernel, or a filesystem that cannot exchange.
		return errCannotExchange
	default:
		return &os.LinkError{Op: "exchange", Old: a, New: b, Err: errno}
	}
}
