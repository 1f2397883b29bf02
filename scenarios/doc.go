// Package scenarios reads park days from TOML: the embedded scenarios, files
// a planner writes, strict decoding and validation, and building a
// ready-to-run day from a scenario.
//
// The rule it keeps: a scenario is either wholly valid or rejected with every
// problem listed at once, each with file, line, column and key; nothing
// downstream ever sees a half-checked configuration. Input is bounded
// before it is decoded (a regular file of at most MaxFileBytes, nesting and
// a work budget checked by a scan of the bytes, caps on counts a run can
// honour), so no file can hang the reader or exhaust memory.
package scenarios
