package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/park"
)

// A ride saturated all day whose line boards after closing: the printed
// seats offered still cover every ride.
func TestPrintedSeatsOfferedCoverEveryRide(t *testing.T) {
	file := writeOneRidePark(t, t.TempDir(), "busy", `
[arrivals]
guests = 2000
from = "08:30"
hourly = [50, 50]

[guests]
patience = "3h"
`)
	r := mustRun(t, "run", file)
	m := regexp.MustCompile(`([0-9,]+) rides; ([0-9,]+) seats offered`).FindStringSubmatch(r.stdout)
	require.NotNil(t, m, r.stdout)
	num := func(s string) int64 {
		n, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
		require.NoError(t, err)
		return n
	}
	rides, seats := num(m[1]), num(m[2])
	require.Greater(t, rides, int64(240*3), "the line boarded after closing")
	require.LessOrEqual(t, rides, seats, r.stdout)
}

// writeOneRidePark writes dir/name.toml: a morning park of one slow coaster
// (240 riders an hour) in a land beside the gate, followed by rest (more
// keys of the coaster, more tables), and returns the file's path.
func writeOneRidePark(t *testing.T, dir, name, rest string) string {
	t.Helper()
	file := filepath.Join(dir, name+".toml")
	require.NoError(t, os.WriteFile(file, []byte("name = \""+name+"\"\n"+`open = "09:00"
close = "12:00"

[[zone]]
id = "gate"
at = [0, 0]

[[zone]]
id = "west"
at = [-200, 0]

[[path]]
from = "gate"
to = "west"

[entry]
zone = "gate"
turnstiles = 4

[[attraction]]
id = "coaster"
zone = "west"
vehicle_capacity = 4
capacity = "240/h"
ride_time = "3m"
appeal = 3.0
`+rest), 0o644))
	return file
}

// A day with a breakdown and a storm says so in one printed line, with the
// outages, the ride-hours lost and the guests the rain sent home, taken
// from the summary; a day without either prints no such line.
func TestPrintedSummaryHasAnOutagesLine(t *testing.T) {
	dir := t.TempDir()
	file := writeOneRidePark(t, dir, "stormy", `outdoor = true

[[attraction]]
id = "carousel"
zone = "west"
vehicle_capacity = 20
capacity = "600/h"
ride_time = "3m"
appeal = 1.0

[[incident]]
kind = "breakdown"
attraction = "carousel"
from = "09:30"
to = "10:00"

[[incident]]
kind = "rain"
from = "10:30"
to = "11:00"
leave_share = "50%"

[arrivals]
guests = 1000
from = "08:30"
hourly = [50, 50]

[bands]
`)
	r := mustRun(t, "run", file, "--out", filepath.Join(dir, "out"), "--outputs", "summary")
	raw, err := os.ReadFile(filepath.Join(dir, "out", "summary.json"))
	require.NoError(t, err)
	var s park.Summary
	require.NoError(t, json.Unmarshal(raw, &s))
	require.NotNil(t, s.LeftBecause)
	require.Positive(t, s.LeftBecause.Rain, "the storm sent some home")
	var lines []string
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "outages") {
			lines = append(lines, l)
		}
	}
	require.Len(t, lines, 1, r.stdout)
	want := regexp.MustCompile(`^  outages +2 +breakdowns and closures \(rain, too few crew\), 1\.0 ride-hours down in all; ([0-9,]+) guests sent home by rain$`)
	m := want.FindStringSubmatch(lines[0])
	require.NotNil(t, m, lines[0])
	require.Equal(t, strconv.Itoa(s.LeftBecause.Rain), strings.ReplaceAll(m[1], ",", ""))

	quiet := mustRun(t, "run", "small")
	require.NotContains(t, quiet.stdout, "  outages", "no outage, no rain: no line")
}
