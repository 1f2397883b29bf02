package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"parksim/park"
	"parksim/scenarios"
)

// Print writes the printed summary of a day of sc: a headline, a table of
// the day's figures (a line for each part of the park the scenario has)
// and a table of the attractions. It returns the first error of w, and
// writes nothing more after it.
func Print(w io.Writer, sc *scenarios.Scenario, s *park.Summary) error {
	out := &stickyWriter{w: w}
	cfg := &sc.Park
	fmt.Fprintf(out, "%s, seed %d: %s guests in %s parties, open %s–%s\n\n", s.Scenario, s.Seed,
		Thousands(int64(s.Guests)), Thousands(int64(s.Parties)), cfg.Open.Clock(), cfg.Close.Clock())
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  rides per guest\t%.2f\t%s rides; %s seats offered while the rides ran (the vehicles that left after closing too)\n", s.RidesPerGuest,
		Thousands(s.Rides), Thousands(s.SeatsOffered))
	fmt.Fprintf(tw, "  standby wait\t%.1f min\tmean; p50 %.1f, p95 %.1f, max %.1f; %.1f%% of riders waited at all\n",
		s.WaitMinutes.Mean, s.WaitMinutes.P50, s.WaitMinutes.P95, s.WaitMinutes.Max, 100*s.WaitMinutes.WaitedShare)
	fmt.Fprintf(tw, "  entry wait\t%.1f min\tmean; p95 %.1f\n", s.Entry.WaitMinutes.Mean, s.Entry.WaitMinutes.P95)
	fmt.Fprintf(tw, "  guests in park\t%s\tpeak at %s; mean stay %.1f h\n", Thousands(int64(s.InPark.Peak)), s.InPark.PeakAt, s.InPark.MeanStayHours)
	fmt.Fprintf(tw, "  satisfaction\t%.2f\tCSAT of 5; NPS %+.0f; %.0f%% intend to return\n", s.Satisfaction.CSAT, s.Satisfaction.NPS, 100*s.Satisfaction.ReturnIntent)
	fmt.Fprintf(tw, "  balks\t%s\ttimes a party turned a line down for its posted wait (%s on reaching it); %s gave up after joining\n",
		Thousands(s.Balks), Thousands(s.BalksAtLine), Thousands(s.Reneges))
	if s.TurnedAway > 0 {
		fmt.Fprintf(tw, "  turned away\t%s\tguests who reached the turnstiles after closing\n", Thousands(int64(s.TurnedAway)))
	}
	printOutages(tw, s)
	fmt.Fprintf(tw, "  events\t%s\tover %.1f simulated hours (%s to %s)\n", Thousands(int64(s.Events)), s.Span.Hours,
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
			Thousands(meals), Thousands(mobile), reg.mean(), meal.mean(), Thousands(balks), Thousands(reneges))
		if table > 0 {
			walkIns := waitSum{total: seat.total - bookedSeat.total, n: seat.n - bookedSeat.n}
			fmt.Fprintf(tw, "  table service\t%s\tmeals, %s of them booked (%s no-shows), seated %.1f min after the booking; walk-ins %.1f min to a table\n",
				Thousands(table), Thousands(booked), Thousands(noShows), bookedSeat.mean(), walkIns.mean())
		}
	}
	for _, r := range s.Restaurants {
		if r.ServedAfterCloseMinutes > lateService {
			fmt.Fprintf(tw, "  warning\t%s\tstill serving at %s, %.0f min after closing: too few registers or tables for its crowd\n",
				r.ID, r.LastServed, r.ServedAfterCloseMinutes)
		}
	}
	if f := s.Fatigue; f != nil {
		fmt.Fprintf(tw, "  fatigue\t%.1f\tpoints a guest at exit; %s guests went home worn out\n", f.MeanAtExit, Thousands(int64(f.LeftTired)))
	}
	if b := s.Buses; b != nil {
		fmt.Fprintf(tw, "  resort buses\t%s\tguest trips to the park; wait at the hotel %.1f min (p95 %.1f), for the bus home %.1f min (p95 %.1f)\n",
			Thousands(b.ToPark.Riders), b.ToPark.WaitMinutes.Mean, b.ToPark.WaitMinutes.P95, b.ToHotel.WaitMinutes.Mean, b.ToHotel.WaitMinutes.P95)
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
				Thousands(visits), wait/float64(max(visits-walked, 1)), Thousands(walked))
		}
	}
	if r := s.RevenueCents; r != nil && r.Total > 0 {
		fmt.Fprintf(tw, "  revenue\t%s\tfood %s, merchandise %s, photos %s; %s a guest; %s of it paid at the till another way (cash or card)\n", money(r.Total),
			money(r.Food), money(r.Merchandise), money(r.Photo), money(r.Total/int64(max(s.Guests, 1))), money(r.OtherWay))
	}
	if s.Taps != nil {
		printBands(tw, s)
	}
	if st := s.Staff; st != nil {
		printStaff(tw, s.Policy, st)
	}
	tw.Flush()

	fmt.Fprintln(out)
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "attraction\tkind\t%6s\t%7s\t%14s\t%5s\t%5s\tworst hour\n", "cap/h", "riders", "wait min: mean", "p50", "p95")
	for _, a := range s.Attractions {
		worst := "-"
		if h, ok := a.WorstHour(); ok {
			worst = fmt.Sprintf("%s %.0f min", h.Hour, *h.MeanMinutes)
		}
		fmt.Fprintf(tw, "%s\t%s\t%6s\t%7s\t%14.1f\t%5.1f\t%5.1f\t%s\n", a.Name, a.Kind, Thousands(round(a.CapacityPerHour)),
			Thousands(a.Riders), a.WaitMinutes.Mean, a.WaitMinutes.P50, a.WaitMinutes.P95, worst)
	}
	tw.Flush()
	return out.err
}

// stickyWriter keeps the first error of its writer and fails every later
// write with it, so that Print can write freely and still report the
// error.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	s.err = err
	return n, err
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
	fmt.Fprintf(tw, "  ledger\t%s\timbalance, cents (double entry: 0 when the books balance)\n", Thousands(*s.LedgerImbalanceCents))
	denied := 0
	reasons := make([]string, 0, len(s.Taps.Denied))
	for reason, n := range s.Taps.Denied {
		denied += n
		reasons = append(reasons, reason)
	}
	slices.Sort(reasons)
	detail := make([]string, len(reasons))
	for i, reason := range reasons {
		detail[i] = fmt.Sprintf("%s %s", reason, Thousands(int64(s.Taps.Denied[reason])))
	}
	deniedLine := Thousands(int64(denied)) + " denied"
	if denied > 0 {
		deniedLine += ": " + strings.Join(detail, ", ")
	}
	fmt.Fprintf(tw, "  taps\t%s\t%s\n", Thousands(int64(s.Taps.Total)), deniedLine)
	clones := fmt.Sprintf("clones caught %d of %d", b.ClonesCaught, b.ClonesPlanted)
	if b.ClonesTried < b.ClonesPlanted {
		// Detection never saw them: no till to try them at.
		clones = fmt.Sprintf("clones caught %d of %d tried (%d planted, no till to try the others at)", b.ClonesCaught, b.ClonesTried, b.ClonesPlanted)
	}
	fmt.Fprintf(tw, "  bands\t%s\tissued; %s replaced (%s forgotten, %s lost); %s, found bands caught %d, genuine bands switched off %d\n", Thousands(int64(b.Issued)),
		Thousands(int64(b.Replaced)), Thousands(int64(b.Forgotten)), Thousands(int64(b.Lost)), clones, b.FoundCaught, b.GenuineDeactivated)
	trouble := fmt.Sprintf("guests affected (%.1f%%)", 100*float64(b.AffectedGuests)/float64(max(s.Guests, 1)))
	if b.AffectedCSAT != nil {
		// Without affected guests there is no CSAT to set against the others'.
		trouble += fmt.Sprintf(", CSAT %.2f against %.2f for the others", *b.AffectedCSAT, b.UnaffectedCSAT)
	}
	fmt.Fprintf(tw, "  band trouble\t%s\t%s; guest relations %.1f min a visit\n", Thousands(int64(b.AffectedGuests)), trouble, b.GuestRelationsMinutes.Mean)
	errs := make([]string, len(s.Sensing.ErrorByKind))
	for i, k := range s.Sensing.ErrorByKind {
		errs[i] = fmt.Sprintf("%s %.1f of %.0f", k.Kind, k.MAE, k.MeanPresent)
	}
	fmt.Fprintf(tw, "  sensing error\t\tmean absolute, guests: %s\n", strings.Join(errs, "; "))
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
	fmt.Fprintf(w, "  outages\t%s\tbreakdowns and closures (rain, too few crew), %.1f ride-hours down in all", Thousands(outages), down/60)
	if s.LeftBecause != nil && s.LeftBecause.Rain > 0 { // why guests left is known with the band system only
		fmt.Fprintf(w, "; %s guests sent home by rain", Thousands(int64(s.LeftBecause.Rain)))
	}
	fmt.Fprintln(w)
}

// money formats cents as 1,234.56.
func money(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%s.%02d", sign, Thousands(cents/100), cents%100)
}

// Thousands formats n with comma separators, 57,000, as the printed
// summary writes counts.
func Thousands(n int64) string {
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

// printStaff says what the roster did under the day's policy: its moves,
// and how its members' time went.
func printStaff(w io.Writer, policy string, st *park.StaffSummary) {
	var post, walk, brk, standby float64
	moved := 0
	for _, m := range st.Members {
		post, walk, brk, standby = post+m.PostMinutes, walk+m.WalkingMinutes, brk+m.BreakMinutes, standby+m.StandbyMinutes
		if m.Moves > 0 {
			moved++
		}
	}
	what := "nobody moved"
	if st.Moves > 0 {
		what = fmt.Sprintf("%s %s of %s %s", Thousands(int64(st.Moves)), plural(st.Moves, "move", "moves"), Thousands(int64(moved)), plural(moved, "member", "members"))
	}
	label := "the " + policy + " policy"
	if policy == park.OraclePolicy {
		label += " (an upper bound: fed the truth and the day ahead)"
	}
	if st.Refused > 0 {
		what += fmt.Sprintf(" (%s refused by the roster's rules)", Thousands(int64(st.Refused)))
	}
	hours := func(minutes float64) string { return Thousands(int64(math.Round(minutes / 60))) }
	fmt.Fprintf(w, "  staff\t%s\t%s by %s; %s members, %s staff-hours at posts, %s walking, %s on breaks, %s standing by\n",
		Thousands(int64(st.Moves)), what, label, Thousands(int64(len(st.Members))), hours(post), hours(walk), hours(brk), hours(standby))
	wt := st.Waiting
	fmt.Fprintf(w, "  post waiting\t%s\tguest-minutes in the lines of the posts (%s guests, mean %.1f min, p95 %.1f)\n",
		Thousands(int64(math.Round(wt.GuestMinutes))), Thousands(wt.Guests), wt.MeanMinutes, wt.P95Minutes)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
