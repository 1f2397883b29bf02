package main

import (
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/stretchr/testify/require"

	"parksim/park"
)

// printedBands is what printBands writes for s.
func printedBands(s *park.Summary) string {
	var out strings.Builder
	tw := tabwriter.NewWriter(&out, 0, 0, 2, ' ', 0)
	printBands(tw, s)
	tw.Flush()
	return out.String()
}

// TestPrintedBandsOnATroubleFreeDay: with nothing denied the taps line ends
// at "0 denied", with nobody affected there is no CSAT to compare, and
// clones a park had no till to try at are said to be untried, not missed.
func TestPrintedBandsOnATroubleFreeDay(t *testing.T) {
	zero := int64(0)
	s := &park.Summary{
		Guests:               100,
		LedgerImbalanceCents: &zero,
		Taps:                 &park.TapStats{Total: 400, Granted: 400, Denied: map[string]int{}},
		Bands:                &park.BandStats{Issued: 100, ClonesPlanted: 3, UnaffectedCSAT: 4.94},
		Sensing:              &park.SensingSummary{},
	}
	got := printedBands(s)
	t.Log("\n" + got)
	require.Regexp(t, `(?m)^  taps +400 +0 denied$`, got)
	require.NotContains(t, got, "CSAT")
	require.Contains(t, got, "guests affected (0.0%); guest relations")
	require.Contains(t, got, "clones caught 0 of 0 tried (3 planted, no till to try the others at)")

	csat := 4.5
	s.Taps.Denied["band-lost"] = 2
	s.Bands.AffectedGuests, s.Bands.AffectedCSAT, s.Bands.ClonesTried = 4, &csat, 3
	got = printedBands(s)
	require.Contains(t, got, "2 denied: band-lost 2\n")
	require.Contains(t, got, "CSAT 4.50 against 4.94 for the others")
	require.Contains(t, got, "clones caught 0 of 3, found")
}
