package main

import (
	"flag"
	"fmt"
	"io"

	"parksim/scenarios"
)

const validateUsage = `Usage: parksim validate FILE...

Checks scenario files (or embedded scenario names) without running them. Every
problem is printed on its own line as

    file:line:col: key: message

Prints nothing and exits 0 when every file is valid; exits 2 otherwise.
`

func validateCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	files, code, done := parseFlags(fs, validateUsage, args, stdout, stderr)
	if done {
		return code
	}
	if len(files) == 0 {
		return badArgs(stderr, "validate", validateUsage, "name at least one scenario file")
	}
	code = exitOK
	for _, f := range files {
		if _, err := scenarios.Open(f); err != nil {
			fmt.Fprintln(stderr, err)
			code = exitBadInput
		}
	}
	return code
}
