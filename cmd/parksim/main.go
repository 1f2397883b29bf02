// Command parksim simulates theme-park days in which every guest wears an
// RFID wristband. Run `parksim help` for the commands.
package main

import "os"

func main() {
	handleSignals(os.Stderr)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
