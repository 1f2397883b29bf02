package report

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strconv"

	"parksim/park"
	"parksim/sim"
	"parksim/wristband"
)

// WriteJSON writes s as summary.json holds it: indented by two spaces and
// ended by a newline.
func WriteJSON(w io.Writer, s *park.Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// WriteAttractionsCSV writes attractions.csv: one row per attraction of s,
// in configuration order.
func WriteAttractionsCSV(w io.Writer, s *park.Summary) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"id", "name", "kind", "capacity_per_hour", "riders", "balks", "dispatches", "empty_seats",
		"wait_mean_min", "wait_p50_min", "wait_p95_min", "wait_max_min", "posted_mean_min"}); err != nil {
		return err
	}
	for _, a := range s.Attractions {
		if err := cw.Write([]string{a.ID, a.Name, a.Kind, ftoa(a.CapacityPerHour), strconv.FormatInt(a.Riders, 10),
			strconv.FormatInt(a.Balks, 10), strconv.FormatInt(a.Dispatches, 10), strconv.FormatInt(a.EmptySeats, 10),
			ftoa(a.WaitMinutes.Mean), ftoa(a.WaitMinutes.P50), ftoa(a.WaitMinutes.P95), ftoa(a.WaitMinutes.Max),
			ftoa(a.PostedMinutes)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteTimeseriesCSV writes timeseries.csv, p's time series in long form:
// one row per sampling time and attraction, with the park-wide figures
// repeated. A ride that is not open posts no wait: its posted_wait_min is
// empty and its status says why. Call it after the day has run.
func WriteTimeseriesCSV(w io.Writer, p *park.Park) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"time", "in_park", "in_queues", "attraction", "queue", "posted_wait_min", "actual_wait_min", "boarded", "status"}); err != nil {
		return err
	}
	var ids []string // attraction ids, by index
	for _, s := range p.Series() {
		for a, r := range s.Rides {
			if a == len(ids) {
				ids = append(ids, p.PlaceID(park.Place{Kind: park.AtRide, Index: int32(a)}))
			}
			posted := ""
			if r.Status == park.RideOpen {
				posted = ftoa(r.Posted.Minutes())
			}
			if err := cw.Write([]string{s.At.Clock(), strconv.Itoa(s.InPark), strconv.Itoa(s.InQueues), ids[a],
				strconv.Itoa(r.Queue), posted, ftoa(r.Boarded.Mean() / float64(sim.Minute)),
				strconv.FormatInt(r.Boarded.Count(), 10), r.Status.String()}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteTapsCSV writes taps.csv, p's tap log: one row per tap in the order
// they happened, marking the sales that were refunded later (so the
// charged amounts less the refunded ones add up to revenue). With the band
// system off it writes only the header. Call it after the day has run.
func WriteTapsCSV(w io.Writer, p *park.Park) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"time", "tap", "band", "guest", "reader", "kind", "zone", "decision", "reason", "amount_cents", "refunded"}); err != nil {
		return err
	}
	if sys := p.Bands(); sys != nil {
		ledger := sys.Ledger()
		for k, r := range sys.Log() {
			rd := sys.Reader(r.Reader)
			zone := "off-site"
			if rd.Zone >= 0 {
				zone = p.PlaceID(park.Place{Kind: park.AtZone, Index: int32(rd.Zone)})
			}
			decision := "granted"
			if r.Reason != wristband.Granted {
				decision = "denied"
			}
			if err := cw.Write([]string{r.At.String(), strconv.FormatUint(uint64(r.ID), 10), strconv.Itoa(int(r.Band)),
				strconv.Itoa(int(r.Guest)), rd.Name, rd.Kind.String(), zone, decision, r.Reason.String(),
				strconv.FormatInt(int64(r.Amount), 10), strconv.FormatBool(ledger.Refunded(k))}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteStaffCSV writes staff.csv, p's staff moves: one row per move in
// the order they were made, with the time it was made, the member, the
// posts it left and walked to, the mover's reason and predicted gain, and
// when it arrived (empty if its shift ended on the way). Without a roster
// it writes only the header. Call it after the day has run.
func WriteStaffCSV(w io.Writer, p *park.Park) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"time", "member", "from", "to", "reason", "predicted_gain", "arrived"}); err != nil {
		return err
	}
	posts := p.Posts()
	for _, m := range p.StaffMoves() {
		arrived := ""
		if m.Arrived {
			arrived = m.Arrive.String()
		}
		if err := cw.Write([]string{m.At.String(), p.MemberID(m.Member), posts[m.From].ID, posts[m.To].ID, m.Reason,
			ftoa(m.Gain), arrived}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// round3 keeps three decimals, as summary.json does: the summary keeps its
// figures unrounded, and each output rounds them as it writes them.
func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// ftoa writes x rounded to three decimals, in the fewest digits.
func ftoa(x float64) string { return strconv.FormatFloat(round3(x), 'f', -1, 64) }
