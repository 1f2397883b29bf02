//go:build !linux

package main

// exchange is Linux's alone (renameat2): elsewhere DIR is replaced by the
// two-rename fallback.
func exchange(a, b string) error { return errCannotExchange }
