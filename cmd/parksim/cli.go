package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
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
		{"batch", "run an experiment: many days, compared with statistics", batchUsage, batchCmd},
		{"merge", "merge the shards of a batch into one report", mergeUsage, mergeCmd},
		{"experiments", "list the embedded experiments", experimentsUsage, experimentsCmd},
		{"help", "show the usage of parksim or of one command", helpUsage, helpCmd},
	}
}

// run runs the program with its arguments and returns the exit code. A
// failed write to stdout or stderr (a full disk, say) turns success into
// exitInternal: output that was lost must not look delivered. (A pipe
// closed by its reader is different: the program dies of SIGPIPE, as Unix
// tools do.)
func run(args []string, stdout, stderr io.Writer) int {
	out, errOut := &errWriter{w: stdout}, &errWriter{w: stderr}
	code := dispatch(args, out, errOut)
	if out.err != nil {
		fmt.Fprintf(errOut, "parksim: cannot write standard output: %v\n", out.err)
	}
	if (out.err != nil || errOut.err != nil) && code == exitOK {
		code = exitInternal
	}
	return code
}

func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitBadInput
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
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

const helpUsage = `Usage: parksim help [COMMAND]

Shows what parksim's commands are, or the usage and flags of one command.
`

func helpCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("help", flag.ContinueOnError)
	pos, code, done := parseFlags(fs, helpUsage, args, stdout, stderr)
	if done {
		return code
	}
	switch len(pos) {
	case 0:
		usage(stdout)
		return exitOK
	case 1:
	default:
		return badArgs(stderr, "help", helpUsage, "takes at most one command, got %d arguments", len(pos))
	}
	for _, c := range commands() {
		if c.name == pos[0] {
			fmt.Fprint(stdout, c.usage)
			return exitOK
		}
	}
	fmt.Fprintf(stderr, "parksim help: unknown command %q\n\n", pos[0])
	usage(stderr)
	return exitBadInput
}

func usage(w io.Writer) {
	fmt.Fprint(w, "parksim simulates a theme-park day in which every guest wears an RFID wristband.\n\nUsage:\n  parksim COMMAND [ARGUMENTS] [FLAGS]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-12s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, "\nRun 'parksim help COMMAND' or 'parksim COMMAND --help' for a command's flags.\n")
}

// errWriter keeps the first error of its writer and fails every later
// write with it, so that commands may print freely and the error still
// decides the exit code.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	e.err = err
	return n, err
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
