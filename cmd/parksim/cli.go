package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
)

// Exit codes.
const (
	exitOK       = 0
	exitInternal = 1 // a failure of parksim itself, or of writing output
	exitBadInput = 2 // bad flags or scenario
)

// command is one subcommand: its name, a one-line summary, usage text and
// what it does with its arguments.
type command struct {
	name, summary, usage string
	run                  func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"run", "run one park day and print its summary", runUsage, runCmd},
		{"scenarios", "list the embedded scenarios", scenariosUsage, scenariosCmd},
		{"validate", "check scenario files and list every problem", validateUsage, validateCmd},
	}
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitBadInput
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) == 1 {
			usage(stdout)
			return exitOK
		}
		for _, c := range commands() {
			if c.name == args[1] {
				fmt.Fprint(stdout, c.usage)
				return exitOK
			}
		}
		fmt.Fprintf(stderr, "parksim help: unknown command %q\n\n", args[1])
		usage(stderr)
		return exitBadInput
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "parksim: unknown command %q\n\n", name)
	usage(stderr)
	return exitBadInput
}

func usage(w io.Writer) {
	fmt.Fprint(w, "parksim simulates a theme-park day in which every guest wears an RFID wristband.\n\nUsage:\n  parksim COMMAND [ARGUMENTS] [FLAGS]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'parksim help COMMAND' or 'parksim COMMAND --help' for a command's flags.\n")
}

// parseFlags parses fs from args, allowing flags before and after positional
// arguments ("run peak --seed 3" and "run --seed 3 peak" are the same), and
// returns the positional arguments. For --help it prints the usage and
// returns done with exitOK; for a bad flag it reports it and returns done
// with exitBadInput.
func parseFlags(fs *flag.FlagSet, usageText string, args []string, stdout, stderr io.Writer) (pos []string, code int, done bool) {
	fs.SetOutput(io.Discard)
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usageText)
				return nil, exitOK, true
			}
			fmt.Fprintf(stderr, "parksim %s: %v\n\n%s", fs.Name(), err, usageText)
			return nil, exitBadInput, true
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, exitOK, false
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// badArgs reports a usage problem with a command's positional arguments.
func badArgs(stderr io.Writer, cmd, usageText, format string, a ...any) int {
	fmt.Fprintf(stderr, "parksim %s: %s\n\n%s", cmd, fmt.Sprintf(format, a...), usageText)
	return exitBadInput
}

// thousands formats n with comma separators, 57,000.
func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
