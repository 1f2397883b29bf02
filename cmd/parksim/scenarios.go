package main

import (
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"parksim/report"
	"parksim/scenarios"
)

const scenariosUsage = `Usage: parksim scenarios

Lists the scenarios built into parksim, one line each. Any of them can be
named where a scenario file is expected, for example 'parksim run small'.
`

func scenariosCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scenarios", flag.ContinueOnError)
	pos, code, done := parseFlags(fs, scenariosUsage, args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) > 0 {
		return badArgs(stderr, "scenarios", scenariosUsage, "takes no arguments")
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tGUESTS\tATTRACTIONS\tHOURS\tDESCRIPTION")
	for _, name := range scenarios.Embedded() {
		s, err := scenarios.LoadEmbedded(name)
		if err != nil {
			fmt.Fprintf(stderr, "parksim scenarios: embedded scenario %s is broken:\n%v\n", name, err)
			return exitInternal
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s–%s\t%s\n", s.Name, report.Thousands(int64(s.Park.Arrivals.Guests)),
			len(s.Park.Attractions), s.Park.Open.Clock(), s.Park.Close.Clock(), s.Description)
	}
	tw.Flush()
	return exitOK
}
