package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"parksim/park"
	"parksim/scenarios"
)

// A ride saturated all day whose line boards after closing: the printed
// seats offered still cover every ride.
func TestPrintedSeatsOfferedCoverEveryRide(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "busy.toml")
	require.NoError(t, os.WriteFile(file, []byte(`name = "busy"
open = "09:00"
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

[arrivals]
guests = 2000
from = "08:30"
hourly = [50, 50]

[guests]
patience = "3h"
`), 0o644))
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

// hourly is one entry of wait_by_hour.
func hourly(hour string, riders int64, mean float64) park.HourlyWait {
	return park.HourlyWait{Hour: hour, Riders: riders, MeanMinutes: &mean}
}

// The worst hour rests on enough riders: an hour of six unlucky ones is not it.
func TestWorstHourNeedsEnoughRiders(t *testing.T) {
	sc, err := scenarios.LoadEmbedded("small")
	require.NoError(t, err)
	s := &park.Summary{Scenario: "small", Span: park.Span{Start: "08:30:00.000", End: "12:00:00.000"}, Attractions: []park.AttractionSummary{
		{ID: "a", Name: "Few late", Kind: "coaster", Riders: 906, WaitByHour: []park.HourlyWait{
			hourly("09:00", 400, 12), hourly("10:00", 500, 31), hourly("11:00", 6, 58),
		}},
		{ID: "b", Name: "Never busy", Kind: "flat", Riders: 30, WaitByHour: []park.HourlyWait{
			hourly("09:00", 20, 3), hourly("10:00", 10, 9),
		}},
	}}
	var out strings.Builder
	printSummary(&out, sc, s)
	lines := strings.Split(out.String(), "\n")
	row := func(name string) string {
		for _, l := range lines {
			if strings.HasPrefix(l, name) {
				return l
			}
		}
		t.Fatalf("no row for %s in\n%s", name, out.String())
		return ""
	}
	require.True(t, strings.HasSuffix(row("Few late"), "10:00 31 min"), row("Few late"))
	require.True(t, strings.HasSuffix(row("Never busy"), "-"), "no hour had enough riders: %s", row("Never busy"))
}
