package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"parksim/park"
	"parksim/scenarios"
)

const runUsage = `Usage: parksim run [SCENARIO] [--seed N] [--check] [--out DIR [--outputs LIST]]

Runs one park day and prints its summary. SCENARIO is a scenario file or the
name of an embedded scenario (see 'parksim scenarios'); without it, the
embedded default day runs. The same scenario and seed always give the same
results, byte for byte.

Flags:
  --seed N        master seed of the run's random streams (default 1)
  --check         check the day's invariants as it runs (every guest in one
                  place, no line below zero, no vehicle over capacity, no
                  boarding a ride that is down, a balanced ledger, time
                  running forward, staff within bounds) and stop at the
                  first broken one with an error: the outputs are the same
                  as without
  --out DIR       also write the outputs into DIR. The whole directory is
                  replaced at once when every file is written, so it holds
                  one run's files, never a mix; it must be new, empty or
                  hold only parksim's outputs. Until then a failed write,
                  SIGINT or SIGTERM leaves DIR as it was.
  --outputs LIST  which files --out writes, comma-separated, from summary
                  (summary.json), attractions (attractions.csv), timeseries
                  (timeseries.csv) and taps (taps.csv); default all four
`

func runCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	seed := fs.Uint64("seed", 1, "")
	check := fs.Bool("check", false, "")
	var out string
	fs.Func("out", "", func(v string) error {
		if v == "" {
			return errors.New("name a directory")
		}
		out = v
		return nil
	})
	outputs := allOutputs
	outputsSet := false
	fs.Func("outputs", "", func(v string) (err error) {
		outputs, err = parseOutputs(v)
		outputsSet = true
		return err
	})
	pos, code, done := parseFlags(fs, runUsage, args, stdout, stderr)
	if done {
		return code
	}
	if len(pos) > 1 {
		return badArgs(stderr, "run", runUsage, "takes one scenario, got %d arguments", len(pos))
	}
	if outputsSet && out == "" {
		return badArgs(stderr, "run", runUsage, "--outputs chooses the files of --out DIR: give --out too")
	}
	name := "default"
	if len(pos) == 1 {
		name = pos[0]
	}
	sc, err := scenarios.Open(name)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return exitBadInput
	}
	day, err := sc.Build(*seed)
	if err != nil {
		fmt.Fprintf(stderr, "parksim run: %v\n", err)
		return exitBadInput
	}
	var od *outDir
	if out != "" {
		if od, err = beginOutDir(out); err != nil {
			return outFailed(stderr, err)
		}
	}
	start := time.Now() // wall clock for the timing line only, never for results
	var sum park.Summary
	if *check {
		if sum, err = day.RunChecked(); err != nil {
			fmt.Fprintf(stderr, "parksim: %v\n", err) // a broken invariant is parksim's own failure
			if od != nil {
				od.abort()
			}
			return exitInternal
		}
	} else {
		sum = day.Run()
	}
	elapsed := time.Since(start)

	if od != nil {
		if err := writeOutputs(od, outputs, day, &sum); err != nil {
			od.abort()
			return outFailed(stderr, err)
		}
	}
	printSummary(stdout, sc, &sum)
	fmt.Fprintf(stderr, "simulated in %.2fs (%s events/s)\n", elapsed.Seconds(),
		thousands(int64(float64(sum.Events)/elapsed.Seconds())))
	return exitOK
}

// outFailed reports a failure to set up or write --out DIR.
func outFailed(stderr io.Writer, err error) int {
	if errors.Is(err, errInterrupted) {
		waitForSignalExit()
	}
	fmt.Fprintf(stderr, "parksim run: %v\n", err)
	var bad *badOutDirError
	if errors.As(err, &bad) {
		return exitBadInput
	}
	return exitInternal
}

// writeOutputs writes the chosen output files of a run into od and puts
// them in place together.
func writeOutputs(od *outDir, outputs []output, day *scenarios.Day, sum *park.Summary) error {
	writers := map[string]func(w io.Writer) error{
		"summary": func(w io.Writer) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(sum)
		},
		"attractions": sum.WriteAttractionsCSV,
		"timeseries":  day.Park.WriteTimeseriesCSV,
		"taps":        day.Park.WriteTapsCSV,
	}
	for _, o := range outputs {
		if err := od.write(o.file, writers[o.name]); err != nil {
			return err
		}
	}
	return od.commit()
}

func printSummary(w io.Writer, sc *scenarios.Scenario, s *park.Summary) {
	cfg := &sc.Park
	fmt.Fprintf(w, "%s, seed %d: %s guests in %s parties, open %s–%s\n\n", s.Scenario, s.Seed,
		thousands(int64(s.Guests)), thousands(int64(s.Parties)), cfg.Open.Clock(), cfg.Close.Clock())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  rides per guest\t%.2f\t%s rides; %s seats offered while the rides ran (the vehicles that left after closing too)\n", s.RidesPerGuest,
		thousands(s.Rides), thousands(s.SeatsOffered))
	fmt.Fprintf(tw, "  standby wait\t%.1f min\tmean; p50 %.1f, p95 %.1f, max %.1f; %.1f%% of riders waited at all\n",
		s.WaitMinutes.Mean, s.WaitMinutes.P50, s.WaitMinutes.P95, s.WaitMinutes.Max, 100*s.WaitMinutes.WaitedShare)
	fmt.Fprintf(tw, "  entry wait\t%.1f min\tmean; p95 %.1f\n", s.Entry.WaitMinutes.Mean, s.Entry.WaitMinutes.P95)
	fmt.Fprintf(tw, "  guests in park\t%s\tpeak at %s; mean stay %.1f h\n", thousands(int64(s.InPark.Peak)), s.InPark.PeakAt, s.InPark.MeanStayHours)
	fmt.Fprintf(tw, "  satisfaction\t%.2f\tCSAT of 5; NPS %+.0f; %.0f%% intend to return\n", s.Satisfaction.CSAT, s.Satisfaction.NPS, 100*s.Satisfaction.ReturnIntent)
	fmt.Fprintf(tw, "  balks\t%s\ttimes a party turned a line down for its posted wait (%s on reaching it); %s gave up after joining\n",
		thousands(s.Balks), thousands(s.BalksAtLine), thousands(s.Reneges))
	if s.TurnedAway > 0 {
		fmt.Fprintf(tw, "  turned away\t%s\tguests who reached the turnstiles after closing\n", thousands(int64(s.TurnedAway)))
	}
	printOutages(tw, s)
	fmt.Fprintf(tw, "  events\t%s\tover %.1f simulated hours (%s to %s)\n", thousands(int64(s.Events)), s.Span.Hours,
		wholeSeconds(s.Span.Start), wholeSeconds(s.Span.End))
	if len(s.Restaurants) > 0 {
		// Each mean is over its own parties (give-ups included), weighted
		// by their count, not by meals served: a restaurant whose parties
		// gave up waited longer than its meals say.
		var meals, mobile, table, booked, noShows, balks, reneges int64
		var reg, meal, seat, bookedSeat waitSum
		for _, r := range s.Restaurants {
			meals += r.Meals
			mobile += r.MobileOrders
			balks += r.Balks
			reneges += r.Reneges
			if r.RegisterWaitMinutes == nil {
				table += r.Meals
				booked += r.Booked
				noShows += r.NoShows
				seat.add(r.MealWaitMinutes)
				bookedSeat.add(*r.BookedWaitMinutes)
				continue
			}
			reg.add(*r.RegisterWaitMinutes)
			meal.add(r.MealWaitMinutes)
		}
		fmt.Fprintf(tw, "  meals\t%s\tparties at restaurants (%s ordered in the app); register wait %.1f min, food and table %.1f min, those who gave up included; %s times a hungry party turned a restaurant down for its expected wait, %s gave up on a register or table line\n",
			thousands(meals), thousands(mobile), reg.mean(), meal.mean(), thousands(balks), thousands(reneges))
		if table > 0 {
			walkIns := waitSum{total: seat.total - bookedSeat.total, n: seat.n - bookedSeat.n}
			fmt.Fprintf(tw, "  table service\t%s\tmeals, %s of them booked (%s no-shows), seated %.1f min after the booking; walk-ins %.1f min to a table\n",
				thousands(table), thousands(booked), thousands(noShows), bookedSeat.mean(), walkIns.mean())
		}
	}
	for _, r := range s.Restaurants {
		if r.ServedAfterCloseMinutes > lateService {
			fmt.Fprintf(tw, "  warning\t%s\tstill serving at %s, %.0f min after closing: too few registers or tables for its crowd\n",
				r.ID, r.LastServed, r.ServedAfterCloseMinutes)
		}
	}
	if f := s.Fatigue; f != nil {
		fmt.Fprintf(tw, "  fatigue\t%.1f\tpoints a guest at exit; %s guests went home worn out\n", f.MeanAtExit, thousands(int64(f.LeftTired)))
	}
	if b := s.Buses; b != nil {
		fmt.Fprintf(tw, "  resort buses\t%s\tguest trips to the park; wait at the hotel %.1f min (p95 %.1f), for the bus home %.1f min (p95 %.1f)\n",
			thousands(b.ToPark.Riders), b.ToPark.WaitMinutes.Mean, b.ToPark.WaitMinutes.P95, b.ToHotel.WaitMinutes.Mean, b.ToHotel.WaitMinutes.P95)
	}
	if len(s.Shops) > 0 {
		var visits, walked int64
		var wait float64
		for _, sh := range s.Shops {
			if sh.WaitMinutes != nil {
				visits += sh.Visits
				walked += sh.WalkedAway
				wait += sh.WaitMinutes.Mean * float64(sh.Visits-sh.WalkedAway)
			}
		}
		if visits > 0 {
			fmt.Fprintf(tw, "  shops\t%s\tparties at checkouts and photographers; %.1f min for staff, %s walked away from the line\n",
				thousands(visits), wait/float64(max(visits-walked, 1)), thousands(walked))
		}
	}
	if r := s.RevenueCents; r != nil && r.Total > 0 {
		fmt.Fprintf(tw, "  revenue\t%s\tfood %s, merchandise %s, photos %s; %s a guest; %s of it paid at the till another way (cash or card)\n", money(r.Total),
			money(r.Food), money(r.Merchandise), money(r.Photo), money(r.Total/int64(max(s.Guests, 1))), money(r.OtherWay))
	}
	if s.Taps != nil {
		printBands(tw, s)
	}
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "attraction\tkind\t%6s\t%7s\t%14s\t%5s\t%5s\tworst hour\n", "cap/h", "riders", "wait min: mean", "p50", "p95")
	for _, a := range s.Attractions {
		worst := "-"
		if h, ok := a.WorstHour(); ok {
			worst = fmt.Sprintf("%s %.0f min", h.Hour, *h.MeanMinutes)
		}
		fmt.Fprintf(tw, "%s\t%s\t%6s\t%7s\t%14.1f\t%5.1f\t%5.1f\t%s\n", a.Name, a.Kind, thousands(round(a.CapacityPerHour)),
			thousands(a.Riders), a.WaitMinutes.Mean, a.WaitMinutes.P50, a.WaitMinutes.P95, worst)
	}
	tw.Flush()
}

// lateService is how many minutes after closing a restaurant may still take
// orders or seat parties before the printed summary warns about it: lines
// at closing are served, but not for hours.
const lateService = 60

// waitSum pools line waits over restaurants, each weighted by its parties.
type waitSum struct {
	total float64 // minutes
	n     int64
}

func (w *waitSum) add(l park.LineWaits) {
	w.total += l.Mean * float64(l.Parties)
	w.n += l.Parties
}

func (w waitSum) mean() float64 { return w.total / float64(max(w.n, 1)) }

// round rounds to the nearest whole number for display.
func round(x float64) int64 { return int64(math.Round(x)) }

// wholeSeconds drops the milliseconds from a clock time, "09:41:07.250" → "09:41:07".
func wholeSeconds(clock string) string { return clock[:len(clock)-len(".000")] }

// printBands adds the band system's lines to the summary table.
func printBands(tw *tabwriter.Writer, s *park.Summary) {
	b := s.Bands
	fmt.Fprintf(tw, "  ledger\t%s\timbalance, cents (double entry: 0 when the books balance)\n", thousands(*s.LedgerImbalanceCents))
	denied := 0
	reasons := make([]string, 0, len(s.Taps.Denied))
	for reason, n := range s.Taps.Denied {
		denied += n
		reasons = append(reasons, reason)
	}
	slices.Sort(reasons)
	detail := make([]string, len(reasons))
	for i, reason := range reasons {
		detail[i] = fmt.Sprintf("%s %s", reason, thousands(int64(s.Taps.Denied[reason])))
	}
	deniedLine := thousands(int64(denied)) + " denied"
	if denied > 0 {
		deniedLine += ": " + strings.Join(detail, ", ")
	}
	fmt.Fprintf(tw, "  taps\t%s\t%s\n", thousands(int64(s.Taps.Total)), deniedLine)
	clones := fmt.Sprintf("clones caught %d of %d", b.ClonesCaught, b.ClonesPlanted)
	if b.ClonesTried < b.ClonesPlanted {
		// Detection never saw them: no till to try them at.
		clones = fmt.Sprintf("clones caught %d of %d tried (%d planted, no till to try the others at)", b.ClonesCaught, b.ClonesTried, b.ClonesPlanted)
	}
	fmt.Fprintf(tw, "  bands\t%s\tissued; %s replaced (%s forgotten, %s lost); %s, found bands caught %d, genuine bands switched off %d\n", thousands(int64(b.Issued)),
		thousands(int64(b.Replaced)), thousands(int64(b.Forgotten)), thousands(int64(b.Lost)), clones, b.FoundCaught, b.GenuineDeactivated)
	trouble := fmt.Sprintf("guests affected (%.1f%%)", 100*float64(b.AffectedGuests)/float64(max(s.Guests, 1)))
	if b.AffectedCSAT != nil {
		// Without affected guests there is no CSAT to set against the others'.
		trouble += fmt.Sprintf(", CSAT %.2f against %.2f for the others", *b.AffectedCSAT, b.UnaffectedCSAT)
	}
	fmt.Fprintf(tw, "  band trouble\t%s\t%s; guest relations %.1f min a visit\n", thousands(int64(b.AffectedGuests)), trouble, b.GuestRelationsMinutes.Mean)
	errs := make([]string, len(s.Sensing.ErrorByKind))
	for i, k := range s.Sensing.ErrorByKind {
		errs[i] = fmt.Sprintf("%s %.1f of %.0f", k.Kind, k.MAE, k.MeanPresent)
	}
	fmt.Fprintf(tw, "  sensing error\t\tmean absolute, guests: %s\n", strings.Join(errs, "; "))
}

// money formats cents as 1,234.56.
func money(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%s.%02d", sign, thousands(cents/100), cents%100)
}

// printOutages writes one line for a day on which rides stopped or rain
// sent guests home, and none otherwise: a planner comparing days should see
// why one carried fewer riders without reading every attraction's row.
func printOutages(w io.Writer, s *park.Summary) {
	var outages int64
	var down float64
	for _, a := range s.Attractions {
		outages += a.Outages
		down += a.DowntimeMinutes
	}
	if outages == 0 && (s.LeftBecause == nil || s.LeftBecause.Rain == 0) {
		return
	}
	fmt.Fprintf(w, "  outages\t%s\tbreakdowns and closures (rain, too few crew), %.1f ride-hours down in all", thousands(outages), down/60)
	if s.LeftBecause != nil && s.LeftBecause.Rain > 0 { // why guests left is known with the band system only
		fmt.Fprintf(w, "; %s guests sent home by rain", thousands(int64(s.LeftBecause.Rain)))
	}
	fmt.Fprintln(w)
}
