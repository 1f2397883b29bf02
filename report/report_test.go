package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/stretchr/testify/require"

	"parksim/park"
	"parksim/scenarios"
	"parksim/sim"
)

// smallDay runs the embedded small day on seed 1.
func smallDay(t *testing.T) (*scenarios.Scenario, *scenarios.Day, park.Summary) {
	t.Helper()
	sc, err := scenarios.LoadEmbedded("small")
	require.NoError(t, err)
	day, err := sc.Build(1)
	require.NoError(t, err)
	return sc, day, day.Run()
}

func csvRows(t *testing.T, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	require.NoError(t, err)
	return rows
}

// Each file has its header and one row per attraction, per sampling time
// and attraction, and per tap (none on a day without bands).
func TestWritersOnTheSmallDay(t *testing.T) {
	sc, day, sum := smallDay(t)
	var js, att, ts, taps bytes.Buffer
	require.NoError(t, WriteJSON(&js, &sum))
	require.True(t, strings.HasPrefix(js.String(), "{\n  \"scenario\": \"small\",\n"), js.String()[:40])
	require.True(t, strings.HasSuffix(js.String(), "}\n"))

	require.NoError(t, WriteAttractionsCSV(&att, &sum))
	rows := csvRows(t, att.Bytes())
	require.Equal(t, "id", rows[0][0])
	require.Len(t, rows, 1+len(sc.Park.Attractions))
	require.Equal(t, sc.Park.Attractions[0].ID, rows[1][0])

	require.NoError(t, WriteTimeseriesCSV(&ts, day.Park))
	rows = csvRows(t, ts.Bytes())
	require.Equal(t, []string{"time", "in_park", "in_queues", "attraction", "queue", "posted_wait_min", "actual_wait_min", "boarded", "status"}, rows[0])
	require.NotEmpty(t, day.Park.Series())
	require.Len(t, rows, 1+len(day.Park.Series())*len(sc.Park.Attractions))

	require.NoError(t, WriteTapsCSV(&taps, day.Park))
	rows = csvRows(t, taps.Bytes())
	require.Equal(t, [][]string{{"time", "tap", "band", "guest", "reader", "kind", "zone", "decision", "reason", "amount_cents", "refunded"}}, rows)
}

// The printed summary's headline and main lines, and a row per attraction.
func TestPrintedSummaryOfTheSmallDay(t *testing.T) {
	sc, _, sum := smallDay(t)
	var out strings.Builder
	require.NoError(t, Print(&out, sc, &sum))
	got := out.String()
	t.Log("\n" + got)
	require.True(t, strings.HasPrefix(got, "small, seed 1: "+Thousands(int64(sum.Guests))+" guests in "+Thousands(int64(sum.Parties))+" parties, open 09:00–17:00\n\n"))
	for _, re := range []string{
		`(?m)^  rides per guest +[0-9.]+ +[0-9,]+ rides; [0-9,]+ seats offered`,
		`(?m)^  standby wait +[0-9.]+ min +mean; p50 [0-9.]+, p95 [0-9.]+, max [0-9.]+;`,
		`(?m)^  entry wait +[0-9.]+ min +mean; p95 [0-9.]+$`,
		`(?m)^  guests in park +[0-9,]+ +peak at \d\d:\d\d; mean stay [0-9.]+ h$`,
		`(?m)^  satisfaction +[0-9.]+ +CSAT of 5; NPS [+-]\d+;`,
		`(?m)^  events +[0-9,]+ +over [0-9.]+ simulated hours \(\d\d:\d\d:\d\d to \d\d:\d\d:\d\d\)$`,
		`(?m)^attraction +kind +cap/h +riders +wait min: mean +p50 +p95 +worst hour$`,
	} {
		require.Regexp(t, re, got)
	}
	for _, a := range sc.Park.Attractions {
		require.Regexp(t, `(?m)^`+a.Name+` `, got)
	}
	require.NotContains(t, got, "  taps", "no bands, no tap line")
	require.NotContains(t, got, "  outages", "no outage, no line")
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
	require.NoError(t, Print(&out, sc, s))
	row := func(name string) string {
		for _, l := range strings.Split(out.String(), "\n") {
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

// The printed meal waits are means over each restaurant's own waits, those
// who gave up included, weighted by how many waited: a restaurant most of
// whose parties gave up weighs by its waits, not by its few meals.
func TestPrintedMealWaitsWeighEachRestaurantByItsWaits(t *testing.T) {
	sc, err := scenarios.LoadEmbedded("small")
	require.NoError(t, err)
	waits := func(mean float64, parties int64) park.LineWaits {
		return park.LineWaits{WaitStats: park.WaitStats{Mean: mean, Max: mean}, Parties: parties}
	}
	ptr := func(w park.LineWaits) *park.LineWaits { return &w }
	s := &park.Summary{Scenario: "small", Span: park.Span{Start: "08:30:00.000", End: "12:00:00.000"}, Restaurants: []park.RestaurantSummary{
		{ID: "quick", Service: "counter", Meals: 100, RegisterWaitMinutes: ptr(waits(1, 100)), MealWaitMinutes: waits(5, 100)},
		{ID: "jammed", Service: "counter", Meals: 10, Reneges: 80, RegisterWaitMinutes: ptr(waits(20, 90)), MealWaitMinutes: waits(30, 90)},
		{ID: "grill", Service: "table", Meals: 40, Booked: 10, Reneges: 20, BookedWaitMinutes: ptr(waits(2, 10)), MealWaitMinutes: waits(17, 60)},
	}}
	var out strings.Builder
	require.NoError(t, Print(&out, sc, s))
	// Registers (100·1 + 90·20)/190, food and table (100·5 + 90·30)/190;
	// walk-ins (60·17 − 10·2)/50.
	require.Contains(t, out.String(), "register wait 10.0 min, food and table 16.8 min, those who gave up included;")
	require.Contains(t, out.String(), "seated 2.0 min after the booking; walk-ins 20.0 min to a table")
}

// Without bands nobody knows why guests left, and without rain nobody left
// for it: the outages line then has no rain figure.
func TestOutagesLineWithoutRain(t *testing.T) {
	var b strings.Builder
	printOutages(&b, &park.Summary{Attractions: []park.AttractionSummary{{Outages: 3, DowntimeMinutes: 90}}})
	require.Equal(t, "  outages\t3\tbreakdowns and closures (rain, too few crew), 1.5 ride-hours down in all\n", b.String(),
		"without bands nobody knows why guests left: no rain figure")
	b.Reset()
	printOutages(&b, &park.Summary{Attractions: []park.AttractionSummary{{Outages: 1, DowntimeMinutes: 30}}, LeftBecause: &park.LeftBecause{StayOver: 10}})
	require.Equal(t, "  outages\t1\tbreakdowns and closures (rain, too few crew), 0.5 ride-hours down in all\n", b.String(),
		"no rain: no rain figure")
	b.Reset()
	printOutages(&b, &park.Summary{Attractions: []park.AttractionSummary{{}}})
	require.Empty(t, b.String())
}

// printedBands is what printBands writes for s.
func printedBands(s *park.Summary) string {
	var out strings.Builder
	tw := tabwriter.NewWriter(&out, 0, 0, 2, ' ', 0)
	printBands(tw, s)
	tw.Flush()
	return out.String()
}

// On a trouble-free day the taps line ends at "0 denied", with nobody
// affected there is no CSAT to compare, and clones a park had no till to
// try at are said to be untried, not missed.
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

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 57000: "57,000", -1234567: "-1,234,567", 100000: "100,000"} {
		require.Equal(t, want, Thousands(n), "%d", n)
	}
}

var errFull = errors.New("disk full")

// fullAfter takes n bytes, then fails every write.
type fullAfter struct {
	n   int
	got bytes.Buffer
}

func (f *fullAfter) Write(p []byte) (int, error) {
	if len(p) <= f.n {
		f.n -= len(p)
		f.got.Write(p)
		return len(p), nil
	}
	k := f.n
	f.got.Write(p[:k])
	f.n = 0
	return k, errFull
}

// Every writer returns the first error of its writer, wherever it
// happens, and what reached the writer is the start of the whole output.
func TestWritersReturnTheFirstWriteError(t *testing.T) {
	sc, day, sum := smallDay(t)
	writers := map[string]func(w *fullAfter) error{
		"print":       func(w *fullAfter) error { return Print(w, sc, &sum) },
		"json":        func(w *fullAfter) error { return WriteJSON(w, &sum) },
		"attractions": func(w *fullAfter) error { return WriteAttractionsCSV(w, &sum) },
		"timeseries":  func(w *fullAfter) error { return WriteTimeseriesCSV(w, day.Park) },
		"taps":        func(w *fullAfter) error { return WriteTapsCSV(w, day.Park) },
		"staff":       func(w *fullAfter) error { return WriteStaffCSV(w, day.Park) },
	}
	for name, write := range writers {
		whole := &fullAfter{n: 1 << 30}
		require.NoError(t, write(whole), name)
		size := whole.got.Len()
		for _, n := range []int{0, 1, size / 2, size - 1} {
			w := &fullAfter{n: n}
			require.ErrorIs(t, write(w), errFull, "%s failing after %d of %d bytes", name, n, size)
			require.Equal(t, whole.got.String()[:n], w.got.String(), "%s failing after %d bytes", name, n)
		}
	}
}

// A ride that is not open posts no wait in timeseries.csv, and its status
// says why: down while broken, closed once the park has closed.
func TestTimeseriesWritesStatusAndNoPostedWaitWhenStopped(t *testing.T) {
	sc, err := scenarios.LoadEmbedded("small")
	require.NoError(t, err)
	sc.Park.Incidents = append(sc.Park.Incidents, park.Incident{Kind: park.Breakdown, Attraction: 0,
		From: 10 * sim.Hour, To: 10*sim.Hour + 45*sim.Minute})
	day, err := sc.Build(1)
	require.NoError(t, err)
	day.Run()
	var b bytes.Buffer
	require.NoError(t, WriteTimeseriesCSV(&b, day.Park))
	rows := csvRows(t, b.Bytes())
	id := sc.Park.Attractions[0].ID
	close := sc.Park.Close.Clock()
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		if row[3] != id {
			continue
		}
		status, posted := row[8], row[5]
		seen[status] = true
		switch {
		case row[0] >= "10:00" && row[0] < "10:45":
			require.Equal(t, "down", status, row[0])
			require.Empty(t, posted, row[0])
		case row[0] >= close:
			require.Equal(t, "closed", status, row[0])
			require.Empty(t, posted, row[0])
		case row[0] >= sc.Park.Open.Clock():
			require.Equal(t, "open", status, row[0])
			require.NotEmpty(t, posted, row[0])
		}
	}
	require.True(t, seen["open"] && seen["down"] && seen["closed"], "%v", seen)
}

// taps.csv has one row per tap in the band system's log, every reader
// named by its id.
func TestTapsOnADayWithBands(t *testing.T) {
	sc, err := scenarios.LoadEmbedded("band-trouble")
	require.NoError(t, err)
	day, err := sc.Build(1)
	require.NoError(t, err)
	day.Run()
	var b bytes.Buffer
	require.NoError(t, WriteTapsCSV(&b, day.Park))
	rows := csvRows(t, b.Bytes())
	log := day.Park.Bands().Log()
	require.Len(t, rows, len(log)+1)
	names := map[string]bool{}
	for _, n := range sc.Park.ReaderNames() {
		names[n] = true
	}
	col := map[string]int{}
	for k, h := range rows[0] {
		col[h] = k
	}
	for k, row := range rows[1:] {
		r := row[col["reader"]]
		require.True(t, names[r] || r == "room", "reader %q is installed", r)
		require.Equal(t, log[k].Reason.String(), row[col["reason"]], "tap %d", k)
	}
}

// staff.csv has one row per staff move, in the order they were made, with
// its reason, predicted gain and arrival; without a roster, only the
// header.
func TestStaffMoves(t *testing.T) {
	_, day, _ := smallDay(t)
	var b bytes.Buffer
	require.NoError(t, WriteStaffCSV(&b, day.Park))
	require.Equal(t, "time,member,from,to,reason,predicted_gain,arrived\n", b.String())

	sc, err := scenarios.Load("../scenarios/testdata/roster.toml")
	require.NoError(t, err)
	day, err = sc.Build(1)
	require.NoError(t, err)
	day.Engine.RunUntil(11 * sim.Hour)
	require.NoError(t, day.Park.MoveStaff(day.Engine, "coaster-crew-1", "cafe/registers", "lunch rush", 2.5))
	day.Engine.RunUntil(17*sim.Hour + 28*sim.Minute)
	// The walk from the café back to the coaster would end after the
	// shift: it never arrives.
	require.NoError(t, day.Park.MoveStaff(day.Engine, "coaster-crew-1", "mine-coaster/crew", "home stretch", -0.25))
	day.Run()
	b.Reset()
	require.NoError(t, WriteStaffCSV(&b, day.Park))
	require.Equal(t, "time,member,from,to,reason,predicted_gain,arrived\n"+
		"11:00:00.000,coaster-crew-1,mine-coaster/crew,cafe/registers,lunch rush,2.5,11:02:30.000\n"+
		"17:28:00.000,coaster-crew-1,cafe/registers,mine-coaster/crew,home stretch,-0.25,\n", b.String())
}

// The printed summary says what the roster did under the day's policy.
func TestPrintSaysWhatThePolicyDid(t *testing.T) {
	sc, err := scenarios.Load("../scenarios/testdata/roster.toml")
	require.NoError(t, err)
	day, err := sc.Build(1)
	require.NoError(t, err)
	day.Engine.RunUntil(11 * sim.Hour)
	require.NoError(t, day.Park.MoveStaff(day.Engine, "coaster-crew-1", "cafe/registers", "lunch rush", 2.5))
	sum := day.Run()
	var b bytes.Buffer
	require.NoError(t, Print(&b, sc, &sum))
	require.Contains(t, b.String(), "1 move of 1 member by the static policy; ")
	require.Regexp(t, `staff\s+1\s+`, b.String())

	sm, err := scenarios.LoadEmbedded("small")
	require.NoError(t, err)
	d, err := sm.Build(1)
	require.NoError(t, err)
	sum = d.Run()
	b.Reset()
	require.NoError(t, Print(&b, sm, &sum))
	require.NotContains(t, b.String(), "  staff ", "no roster, no staff line")
}
